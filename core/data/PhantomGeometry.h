#pragma once
// Internal to core/data: the knee a phantom shows, in canonical units, before any pose or
// pixels — the patient's anatomy and exposure, what the KL grade does to the joint, and the
// bone outlines built from both. PhantomRender.cpp poses, rasterises and exposes it.
#include "core/data/DeterministicRandom.h"

#include <opencv2/core/types.hpp>

#include <array>
#include <cstdint>
#include <vector>

namespace kg::phantom {

using Point = cv::Point2d;
constexpr double kPi = 3.14159265358979323846;

/// Patient-level anatomy and exposure (shared by both knees of one patient).
struct Anatomy {
    double lateralX = -0.46, lateralRx = 0.35, lateralRy = 0.24;   // lateral femoral condyle
    double medialX = 0.47, medialRx = 0.37, medialRy = 0.26;       // medial femoral condyle
    double shaftHalf = 0.50;       // femoral shaft half-width
    double tibiaShaftHalf = 0.52;  // tibial shaft half-width
    double plateauHalf = 0.91;     // tibial plateau half-width
    double fibulaX = -0.80, fibulaY = 0.44, fibulaRx = 0.16, fibulaRy = 0.17;
    double normalMedialGap = 0.075, normalLateralGap = 0.085;   // healthy joint space (units)
    double patellaDensity = 0.30;
    double boneDensity = 1.0, softDensity = 0.30, legHalfWidth = 1.4;
    double exposure = 1.2, gamma = 1.0, gain = 0.95, bias = 0.0, heel = 0.0;
    double noiseSigma = 3.0;       // gray levels
    double blurSigma = 0.7;        // pixels at 224
    double textureAmplitude = 0.18;
};

/// The anatomy of `patientSeed`; the canonical one when `vary` is false.
Anatomy drawAnatomy(std::uint64_t patientSeed, bool vary);

struct Cyst {
    double u = 0, v = 0, radius = 0;
};

/// What the grade does to this knee, drawn from the latent severity.
struct Disease {
    double severity = 0;
    double medialNarrowing = 0, lateralNarrowing = 0;   // fraction of the healthy gap lost
    std::array<double, 4> spurs{};   // osteophyte length per site: medial tibia, medial femur, lateral tibia, lateral femur
    double sclerosis = 0, sclerosisDepth = 0.05;
    double flattening = 2.0;         // superellipse exponent of the medial condyle (2 = ellipse)
    double plateauDepression = 0;
    double roughness = 0;
    double spineHeight = 0.075;
    std::vector<Cyst> cysts;
    bool lateralDominant = false;
};

/// The grade's features, drawn from a latent severity grade ± ambiguity/2.
Disease drawDisease(int grade, double ambiguity, DeterministicRandom& r);

/// The knee in canonical units: a right knee, x across (lateral/fibula negative), y down,
/// the tibial plateau near y = 0, the image spanning [−1, 1]² before pose.
struct Geometry {
    std::vector<Point> femur, tibia, fibula;
    std::vector<std::vector<Point>> femurSpurs, tibiaSpurs;
    std::vector<double> plateauY;   // tibial articular surface sampled on plateauU
    double plateauU0 = -1.2, plateauStep = 0.005;
    double lateralCy = 0, medialCy = 0;   // condyle centres (x from Anatomy)
    double medialGap = 0, lateralGap = 0;
    double medialContactU = 0, lateralContactU = 0;
    int spurCount = 0;

    std::vector<double> femurBottomY;   // condylar articular surface on the same grid; kNoBone outside
    static constexpr double kNoBone = -10.0;

    double femurBottomAt(double u) const
    {
        const double t = (u - plateauU0) / plateauStep;
        if (t <= 0 || t + 1 >= static_cast<double>(femurBottomY.size()))
            return kNoBone;
        const size_t i = static_cast<size_t>(t);
        const double y0 = femurBottomY[i], y1 = femurBottomY[i + 1];
        if (y0 == kNoBone || y1 == kNoBone)
            return kNoBone;
        const double f = t - static_cast<double>(i);
        return y0 * (1.0 - f) + y1 * f;
    }

    double plateauAt(double u) const
    {
        const double t = (u - plateauU0) / plateauStep;
        if (t <= 0)
            return plateauY.front();
        const size_t i = static_cast<size_t>(t);
        if (i + 1 >= plateauY.size())
            return plateauY.back();
        const double f = t - static_cast<double>(i);
        return plateauY[i] * (1.0 - f) + plateauY[i + 1] * f;
    }
};

/// The outlines, joint spaces and spurs of one knee (draws roughness from `r`).
Geometry buildGeometry(const Anatomy& a, const Disease& d, DeterministicRandom& r);

} // namespace kg::phantom
