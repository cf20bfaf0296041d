#include "core/data/Phantom.h"

#include "core/data/Dataset.h"
#include "core/data/DeterministicRandom.h"
#include "core/data/ParallelTasks.h"
#include "core/data/PhantomShapes.h"
#include "core/util/Error.h"

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

namespace kg {

namespace {

namespace fs = std::filesystem;
using Point = cv::Point2d;
constexpr double kPi = 3.14159265358979323846;

/// Piecewise-linear value of a per-grade table at continuous severity s (clamped to the table).
double byGrade(double s, const std::array<double, 5>& table)
{
    if (s <= 0.0)
        return table[0];
    if (s >= 4.0)
        return table[4] + (s - 4.0) * (table[4] - table[3]);   // a little beyond grade 4
    const int i = static_cast<int>(s);
    const double f = s - i;
    return table[static_cast<size_t>(i)] * (1.0 - f) + table[static_cast<size_t>(i) + 1] * f;
}

using shapes::clamp01;
using shapes::gauss;
using shapes::profile;
using shapes::smoothRamp;

/// Uniform Catmull–Rom spline through `points`, `steps` samples per segment.
std::vector<Point> smoothCurve(const std::vector<Point>& points, int steps)
{
    std::vector<Point> out;
    if (points.size() < 3)
        return points;
    out.reserve(points.size() * static_cast<size_t>(steps));
    for (size_t i = 0; i + 1 < points.size(); ++i) {
        const Point p0 = points[i == 0 ? 0 : i - 1], p1 = points[i], p2 = points[i + 1];
        const Point p3 = points[std::min(i + 2, points.size() - 1)];
        for (int k = 0; k < steps; ++k) {
            const double t = static_cast<double>(k) / steps, t2 = t * t, t3 = t2 * t;
            out.push_back(0.5 * ((2.0 * p1) + (-p0 + p2) * t + (2.0 * p0 - 5.0 * p1 + 4.0 * p2 - p3) * t2 +
                                 (-p0 + 3.0 * p1 - 3.0 * p2 + p3) * t3));
        }
    }
    out.push_back(points.back());
    return out;
}

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

Anatomy drawAnatomy(std::uint64_t patientSeed, bool vary)
{
    Anatomy a;
    if (!vary)
        return a;
    DeterministicRandom r(combineSeeds({patientSeed, 0xA7A7ull}));
    const double size = r.uniform(0.94, 1.06);   // condyle size relative to shafts
    a.lateralRx *= size * r.uniform(0.95, 1.05);
    a.lateralRy *= size * r.uniform(0.9, 1.1);
    a.medialRx *= size * r.uniform(0.95, 1.05);
    a.medialRy *= size * r.uniform(0.9, 1.1);
    a.lateralX = -0.11 - a.lateralRx + r.uniform(-0.02, 0.02);
    a.medialX = 0.10 + a.medialRx + r.uniform(-0.02, 0.02);
    a.shaftHalf *= r.uniform(0.92, 1.08);
    a.tibiaShaftHalf *= r.uniform(0.92, 1.08);
    a.plateauHalf = std::max(a.medialX + a.medialRx, -a.lateralX + a.lateralRx) + r.uniform(0.04, 0.08);
    a.fibulaX = -a.plateauHalf + r.uniform(0.06, 0.16);
    a.fibulaY = r.uniform(0.36, 0.52);
    a.fibulaRx *= r.uniform(0.85, 1.15);
    a.fibulaRy *= r.uniform(0.85, 1.15);
    const double gap = r.uniform(0.85, 1.15);
    a.normalMedialGap *= gap;
    a.normalLateralGap *= gap * r.uniform(0.95, 1.1);
    a.patellaDensity = r.uniform(0.18, 0.38);
    a.boneDensity = r.uniform(0.85, 1.15);
    a.softDensity = r.uniform(0.22, 0.38);
    a.legHalfWidth = r.uniform(1.2, 1.6);
    a.exposure = r.uniform(0.9, 1.5);
    a.gamma = r.uniform(0.8, 1.25);
    a.gain = r.uniform(0.8, 1.02);
    a.bias = r.uniform(-0.06, 0.06);
    a.heel = r.uniform(-0.06, 0.06);
    a.noiseSigma = r.uniform(1.5, 5.0);
    a.blurSigma = r.uniform(0.5, 1.0);
    a.textureAmplitude = r.uniform(0.12, 0.24);
    return a;
}

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

Disease drawDisease(int grade, double ambiguity, DeterministicRandom& r)
{
    Disease d;
    const double jitter = r.uniform(-0.5, 0.5);
    d.severity = std::max(0.0, grade + ambiguity * jitter);
    const double s = d.severity;
    const double noise = 0.5 + 0.5 * ambiguity;   // per-feature spread also shrinks without ambiguity

    d.medialNarrowing = clamp01(byGrade(s, {0.0, 0.13, 0.30, 0.56, 0.86}) + r.normal(0.0, 0.05 * noise));
    d.lateralNarrowing = clamp01(0.25 * d.medialNarrowing + r.normal(0.0, 0.03 * noise));
    d.lateralDominant = r.chance(0.12);
    if (d.lateralDominant)
        std::swap(d.medialNarrowing, d.lateralNarrowing);

    // Osteophytes: "possible lipping" at 1, definite at 2, multiple at 3, large at 4.
    const double expectedSites = byGrade(s, {0.0, 0.8, 1.7, 2.8, 3.7});
    const int sites = std::clamp(static_cast<int>(std::lround(expectedSites + r.uniform(-0.6, 0.6) * noise)), 0, 4);
    const double length = byGrade(s, {0.0, 0.028, 0.052, 0.085, 0.13});
    std::array<int, 4> order{0, 1, 2, 3};   // medial tibia and femur are the usual first sites
    if (r.chance(0.35))
        std::swap(order[0], order[1]);
    if (r.chance(0.3))
        std::swap(order[1], order[2]);
    if (d.lateralDominant)
        order = {2, 3, 0, 1};
    for (int i = 0; i < sites; ++i)
        d.spurs[static_cast<size_t>(order[static_cast<size_t>(i)])] = std::max(0.012, length * r.uniform(0.65, 1.3));

    d.sclerosis = std::max(0.0, byGrade(s, {0.0, 0.02, 0.08, 0.2, 0.36}) * r.uniform(0.7, 1.3));
    d.sclerosisDepth = 0.045 + 0.015 * s;
    d.flattening = byGrade(s, {2.0, 2.0, 2.05, 2.25, 2.9});
    d.plateauDepression = byGrade(s, {0.0, 0.0, 0.0, 0.008, 0.03}) * r.uniform(0.5, 1.5);
    d.roughness = byGrade(s, {0.0, 0.0, 0.002, 0.004, 0.008});
    d.spineHeight = byGrade(s, {0.07, 0.08, 0.095, 0.1, 0.09}) * r.uniform(0.85, 1.15);
    const int cysts = s > 2.6 ? static_cast<int>(r.uniform(0.0, 1.0) * (s - 2.6) * 2.5) : 0;
    for (int i = 0; i < cysts; ++i)
        d.cysts.push_back({r.uniform(0.15, 0.7), r.uniform(-0.08, 0.08), r.uniform(0.018, 0.04)});
    return d;
}

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

/// Lower half of a superellipse: y offset below the centre at x offset dx (0 outside).
double condyleDrop(double dx, double rx, double ry, double p)
{
    const double a = std::abs(dx) / rx;
    if (a >= 1.0)
        return 0.0;
    return ry * std::pow(1.0 - std::pow(a, p), 1.0 / p);
}

Point superellipsePoint(double cx, double cy, double rx, double ry, double p, double t)
{
    const double c = std::cos(t), s = std::sin(t);
    const double e = 2.0 / p;
    return {cx + rx * std::copysign(std::pow(std::abs(c), e), c), cy + ry * std::copysign(std::pow(std::abs(s), e), s)};
}

/// A beak-shaped spur growing from base points a→b along `direction` by `length`.
std::vector<Point> spur(Point a, Point b, Point direction, double length)
{
    const double n = std::hypot(direction.x, direction.y);
    const Point dir = direction * (1.0 / n);
    const Point mid = (a + b) * 0.5;
    const Point tip = mid + dir * length + (b - a) * 0.15;
    const Point side = (a - b) * (1.0 / std::max(1e-9, std::hypot(a.x - b.x, a.y - b.y)));
    return smoothCurve({a, a + dir * (length * 0.45) + side * (length * 0.12), tip, b + dir * (length * 0.35), b}, 4);
}

/// Bone attrition: smooth vertical irregularity of an articular surface (|x| > keepCentre only).
void roughen(std::vector<Point>& points, double sigma, DeterministicRandom& r, double keepCentre)
{
    std::vector<double> noise(points.size());
    for (auto& n : noise)
        n = r.normal();
    constexpr int kHalf = 3;   // moving average over 7 points, rescaled back to `sigma`
    for (size_t i = 0; i < points.size(); ++i) {
        double sum = 0;
        int count = 0;
        for (int j = -kHalf; j <= kHalf; ++j) {
            const long k = static_cast<long>(i) + j;
            if (k >= 0 && k < static_cast<long>(points.size())) {
                sum += noise[static_cast<size_t>(k)];
                ++count;
            }
        }
        if (std::abs(points[i].x) > keepCentre)
            points[i].y += sigma * std::sqrt(static_cast<double>(count)) * sum / count;
    }
}

Geometry buildGeometry(const Anatomy& a, const Disease& d, DeterministicRandom& r)
{
    Geometry g;
    const double spine = d.spineHeight, dep = d.plateauDepression;
    const double ph = a.plateauHalf;
    // Tibial articular surface, lateral edge → spines → medial edge.
    std::vector<Point> plateau = {
        {-ph, 0.06},          {-ph + 0.04, 0.018},      {-ph + 0.14, 0.004},     {-0.38, 0.002},
        {-0.18, 0.008},       {-0.10, -spine * 0.55},   {-0.065, -spine},        {-0.025, -spine * 0.4},
        {0.02, -spine * 0.45}, {0.055, -spine * 0.85},  {0.11, -0.002},          {0.22, 0.018},
        {0.46, 0.026 + dep},  {0.70, 0.018 + dep * 0.6}, {ph - 0.06, 0.012},     {ph, 0.06},
    };
    std::vector<Point> surface = smoothCurve(plateau, 12);
    if (d.roughness > 0)
        roughen(surface, d.roughness, r, 0.14);
    // Sample the surface as a function of x for gaps and sclerosis.
    const int samples = static_cast<int>((2.4) / g.plateauStep) + 1;
    g.plateauY.resize(static_cast<size_t>(samples));
    size_t k = 0;
    for (int i = 0; i < samples; ++i) {
        const double u = g.plateauU0 + i * g.plateauStep;
        while (k + 2 < surface.size() && surface[k + 1].x < u)
            ++k;
        const Point p0 = surface[k], p1 = surface[k + 1];
        const double f = p1.x == p0.x ? 0.0 : std::clamp((u - p0.x) / (p1.x - p0.x), 0.0, 1.0);
        g.plateauY[static_cast<size_t>(i)] = p0.y + f * (p1.y - p0.y);
    }

    // Tibia outline: the articular surface, then down the medial side and back up the lateral one.
    g.tibia = surface;
    const double ts = a.tibiaShaftHalf;
    std::vector<Point> medialSide = {{ph, 0.06},          {ph + 0.015, 0.16}, {ph - 0.08, 0.34},
                                     {ts + 0.16, 0.56},   {ts + 0.05, 0.82},  {ts + 0.01, 1.1}, {ts, 1.6}};
    std::vector<Point> lateralSide = {{-ts, 1.6},         {-ts - 0.01, 1.1},  {-ts - 0.06, 0.82},
                                      {-ts - 0.17, 0.56}, {-ph + 0.07, 0.34}, {-ph - 0.015, 0.16}, {-ph, 0.06}};
    for (const auto& p : smoothCurve(medialSide, 8))
        g.tibia.push_back(p);
    for (const auto& p : smoothCurve(lateralSide, 8))
        g.tibia.push_back(p);

    // Condyles sit so that the narrowest gap of each compartment equals the drawn joint space.
    g.medialGap = std::max(0.002, a.normalMedialGap * (1.0 - d.medialNarrowing));
    g.lateralGap = std::max(0.002, a.normalLateralGap * (1.0 - d.lateralNarrowing));
    auto place = [&](double cx, double rx, double ry, double p, double gap, double& cy, double& contactU) {
        double best = 1e9;
        for (double u = cx - 0.75 * rx; u <= cx + 0.75 * rx; u += 0.004) {
            const double room = g.plateauAt(u) - condyleDrop(u - cx, rx, ry, p);
            if (room < best) {
                best = room;
                contactU = u;
            }
        }
        cy = best - gap;
    };
    place(a.lateralX, a.lateralRx, a.lateralRy, 2.0, g.lateralGap, g.lateralCy, g.lateralContactU);
    place(a.medialX, a.medialRx, a.medialRy, d.flattening, g.medialGap, g.medialCy, g.medialContactU);
    g.femurBottomY.assign(g.plateauY.size(), Geometry::kNoBone);
    for (size_t i = 0; i < g.femurBottomY.size(); ++i) {
        const double u = g.plateauU0 + static_cast<double>(i) * g.plateauStep;
        if (std::abs(u - a.lateralX) < a.lateralRx)
            g.femurBottomY[i] = g.lateralCy + condyleDrop(u - a.lateralX, a.lateralRx, a.lateralRy, 2.0);
        else if (std::abs(u - a.medialX) < a.medialRx)
            g.femurBottomY[i] = g.medialCy + condyleDrop(u - a.medialX, a.medialRx, a.medialRy, d.flattening);
    }

    // Femur outline: lateral shaft side, lateral condyle, notch, medial condyle, medial shaft side.
    const double fs = a.shaftHalf;
    std::vector<Point> femur = {{-fs, -1.6}, {-fs - 0.02, -1.1}, {-fs - 0.1, -0.78}};
    const Point lateralTop = superellipsePoint(a.lateralX, g.lateralCy, a.lateralRx, a.lateralRy, 2.0, kPi + 0.45);
    femur.push_back({(lateralTop.x + (-fs - 0.1)) / 2 - 0.03, (lateralTop.y - 0.78) / 2});
    std::vector<Point> lateralArc, medialArc;
    for (double t = kPi + 0.45; t > 0.12; t -= 0.06)
        lateralArc.push_back(superellipsePoint(a.lateralX, g.lateralCy, a.lateralRx, a.lateralRy, 2.0, t));
    for (double t = kPi - 0.12; t > -0.45; t -= 0.06)
        medialArc.push_back(superellipsePoint(a.medialX, g.medialCy, a.medialRx, a.medialRy, d.flattening, t));
    if (d.roughness > 0) {
        roughen(lateralArc, d.roughness * 0.7, r, 0.0);
        roughen(medialArc, d.roughness, r, 0.0);
    }
    femur.insert(femur.end(), lateralArc.begin(), lateralArc.end());
    // The notch opening between the condyles; the rest of the notch is only less dense bone.
    const double notchTop = std::max(g.lateralCy + 0.35 * a.lateralRy, g.medialCy + 0.35 * a.medialRy);
    femur.push_back({-0.05, notchTop + 0.015});
    femur.push_back({0.0, notchTop});
    femur.push_back({0.05, notchTop + 0.015});
    femur.insert(femur.end(), medialArc.begin(), medialArc.end());
    const Point medialTop = medialArc.back();
    femur.push_back({(medialTop.x + fs + 0.1) / 2 + 0.03, (medialTop.y - 0.78) / 2});
    femur.push_back({fs + 0.1, -0.78});
    femur.push_back({fs + 0.02, -1.1});
    femur.push_back({fs, -1.6});
    g.femur = smoothCurve(femur, 3);

    // Fibula: head with its apex (styloid) pointing up, shaft going down.
    const double fx = a.fibulaX, fy = a.fibulaY, frx = a.fibulaRx, fry = a.fibulaRy;
    g.fibula = smoothCurve({{fx + 0.35 * frx, 1.6},
                            {fx + 0.45 * frx, fy + 1.2 * fry},
                            {fx + frx, fy + 0.2 * fry},
                            {fx + 0.55 * frx, fy - 0.8 * fry},
                            {fx - 0.2 * frx, fy - 1.25 * fry},
                            {fx - 0.85 * frx, fy - 0.5 * fry},
                            {fx - frx, fy + 0.4 * fry},
                            {fx - 0.6 * frx, fy + 1.4 * fry},
                            {fx - 0.45 * frx, 1.6}},
                           6);

    // Osteophytes at the joint margins.
    const double tibiaTopM = g.plateauAt(ph - 0.02), tibiaTopL = g.plateauAt(-ph + 0.02);
    if (d.spurs[0] > 0)
        g.tibiaSpurs.push_back(spur({ph - 0.02, tibiaTopM - 0.005}, {ph + 0.01, tibiaTopM + 0.10}, {1.0, -0.45}, d.spurs[0]));
    if (d.spurs[2] > 0)
        g.tibiaSpurs.push_back(spur({-ph - 0.01, tibiaTopL + 0.10}, {-ph + 0.02, tibiaTopL - 0.005}, {-1.0, -0.45}, d.spurs[2]));
    if (d.spurs[1] > 0) {
        const Point p0 = superellipsePoint(a.medialX, g.medialCy, a.medialRx, a.medialRy, d.flattening, 0.05);
        const Point p1 = superellipsePoint(a.medialX, g.medialCy, a.medialRx, a.medialRy, d.flattening, 0.75);
        g.femurSpurs.push_back(spur(p0, p1, {1.0, 0.55}, d.spurs[1]));
    }
    if (d.spurs[3] > 0) {
        const Point p0 = superellipsePoint(a.lateralX, g.lateralCy, a.lateralRx, a.lateralRy, 2.0, kPi - 0.75);
        const Point p1 = superellipsePoint(a.lateralX, g.lateralCy, a.lateralRx, a.lateralRy, 2.0, kPi - 0.05);
        g.femurSpurs.push_back(spur(p0, p1, {-1.0, 0.55}, d.spurs[3]));
    }
    g.spurCount = static_cast<int>(g.femurSpurs.size() + g.tibiaSpurs.size());
    return g;
}

/// Canonical units ↔ pixels: mirror (left knees), rotate, scale, shift.
struct Pose {
    double angle = 0, scale = 1, shiftX = 0, shiftY = 0.0;
    bool mirror = false;
    double pixelsPerUnit = 112;
    double centre = 111.5;

    cv::Point2f toPixel(Point p) const
    {
        const double u = mirror ? -p.x : p.x;
        const double c = std::cos(angle), s = std::sin(angle), k = pixelsPerUnit * scale;
        return {static_cast<float>(centre + k * (c * u - s * p.y) + shiftX * pixelsPerUnit),
                static_cast<float>(centre + k * (s * u + c * p.y) + shiftY * pixelsPerUnit)};
    }
};

void fillShape(cv::Mat& mask, const std::vector<Point>& shape, const Pose& pose)
{
    constexpr int kShift = 4;   // sub-pixel vertices
    std::vector<cv::Point> pts;
    pts.reserve(shape.size());
    for (const auto& p : shape) {
        const cv::Point2f q = pose.toPixel(p);
        pts.emplace_back(cvRound(q.x * (1 << kShift)), cvRound(q.y * (1 << kShift)));
    }
    const cv::Point* data = pts.data();
    const int count = static_cast<int>(pts.size());
    cv::fillPoly(mask, &data, &count, 1, cv::Scalar(255), cv::LINE_8, kShift);
}

/// Band-limited noise in about [−1, 1]: fine structure minus coarse; `stretch` > 1 elongates
/// it vertically, like trabeculae aligned with the load through the knee.
cv::Mat textureNoise(int size, double fine, double coarse, double stretch, DeterministicRandom& r)
{
    cv::Mat white(size, size, CV_32F);
    for (int y = 0; y < size; ++y) {
        float* row = white.ptr<float>(y);
        for (int x = 0; x < size; ++x)
            row[x] = static_cast<float>(r.uniform(-1.0, 1.0));
    }
    cv::Mat a, b;
    cv::GaussianBlur(white, a, cv::Size(), fine, fine * stretch);
    cv::GaussianBlur(white, b, cv::Size(), coarse, coarse * stretch);
    cv::Mat band = a - b;
    const double gain = 1.0 / std::max(1e-6, 2.5 * cv::norm(band, cv::NORM_L2) / size);
    return band * gain;
}

std::vector<PhantomLayout::Vertex> toPixels(const std::vector<Point>& shape, const Pose& pose)
{
    std::vector<PhantomLayout::Vertex> out;
    out.reserve(shape.size());
    for (const auto& p : shape) {
        const cv::Point2f q = pose.toPixel(p);
        out.push_back({q.x, q.y});
    }
    return out;
}

/// The numbers renderPhantom draws with, for continuing the leg outside the image.
void describeLayout(PhantomLayout& layout, const Anatomy& a, const Geometry& g, const Pose& pose, double px224)
{
    layout.originX = pose.centre + pose.shiftX * pose.pixelsPerUnit;
    layout.originY = pose.centre + pose.shiftY * pose.pixelsPerUnit;
    layout.unitPx = pose.pixelsPerUnit * pose.scale;
    layout.angle = pose.angle;
    layout.mirrored = pose.mirror;
    layout.femur = {toPixels(g.femur, pose)};
    for (const auto& s : g.femurSpurs)
        layout.femur.push_back(toPixels(s, pose));
    layout.tibia = {toPixels(g.tibia, pose)};
    for (const auto& s : g.tibiaSpurs)
        layout.tibia.push_back(toPixels(s, pose));
    layout.fibula = {toPixels(g.fibula, pose)};
    layout.femurShaftHalf = a.shaftHalf;
    layout.tibiaShaftHalf = a.tibiaShaftHalf;
    layout.fibulaShaftX = a.fibulaX - 0.05 * a.fibulaRx;
    layout.fibulaShaftHalf = 0.4 * a.fibulaRx;
    layout.cortexAtPx = 1.3 * px224;
    layout.cortexWidthPx = 1.1 * px224;
    layout.legHalfWidth = a.legHalfWidth;
    layout.softDensity = a.softDensity;
    layout.boneDensity = a.boneDensity;
    layout.textureAmplitude = a.textureAmplitude;
    layout.exposure = a.exposure;
    layout.gamma = a.gamma;
    layout.gain = a.gain;
    layout.bias = a.bias;
    layout.heel = a.heel;
    layout.noiseSigma = a.noiseSigma;
    layout.blurSigmaPx = a.blurSigma * px224;
}

void validateSpec(const PhantomSpec& spec)
{
    if (spec.grade < 0 || spec.grade > 4)
        throw Error("phantom: grade " + std::to_string(spec.grade) + " is outside 0..4");
    if (spec.side != 'L' && spec.side != 'R')
        throw Error(std::string("phantom: side must be 'L' or 'R', got '") + spec.side + "'");
    if (spec.imageSize < 32 || spec.imageSize > 2048)
        throw Error("phantom: image size " + std::to_string(spec.imageSize) + " is outside 32..2048");
}

} // namespace

PhantomImage renderPhantom(const PhantomSpec& spec)
{
    return renderPhantom(spec, nullptr);
}

PhantomImage renderPhantom(const PhantomSpec& spec, PhantomLayout* layout)
{
    validateSpec(spec);
    const int size = spec.imageSize;
    const double px224 = size / 224.0;   // pixel-sized effects scale with the image
    DeterministicRandom random(combineSeeds({spec.seed, 0x9A47ull, static_cast<std::uint64_t>(spec.grade)}));
    const Anatomy anatomy = drawAnatomy(spec.patientSeed != 0 ? spec.patientSeed : spec.seed, spec.nuisance);
    const Disease disease = drawDisease(spec.grade, spec.ambiguity, random);
    const Geometry geometry = buildGeometry(anatomy, disease, random);

    Pose pose;
    pose.mirror = spec.side == 'L';
    pose.pixelsPerUnit = size / 2.0;
    pose.centre = (size - 1) / 2.0;
    if (spec.nuisance) {
        pose.angle = random.uniform(-7.0, 7.0) * kPi / 180.0;
        pose.scale = random.uniform(0.88, 1.1);
        pose.shiftX = random.uniform(-0.07, 0.07);
        pose.shiftY = random.uniform(-0.09, 0.09);
    } else {
        random.uniform(), random.uniform(), random.uniform(), random.uniform();   // keep later draws aligned
    }

    cv::Mat femurMask = cv::Mat::zeros(size, size, CV_8U), tibiaMask = femurMask.clone(), fibulaMask = femurMask.clone();
    fillShape(femurMask, geometry.femur, pose);
    for (const auto& s : geometry.femurSpurs)
        fillShape(femurMask, s, pose);
    fillShape(tibiaMask, geometry.tibia, pose);
    for (const auto& s : geometry.tibiaSpurs)
        fillShape(tibiaMask, s, pose);
    fillShape(fibulaMask, geometry.fibula, pose);
    cv::Mat femurDist, tibiaDist, fibulaDist;
    cv::distanceTransform(femurMask, femurDist, cv::DIST_L2, cv::DIST_MASK_5);
    cv::distanceTransform(tibiaMask, tibiaDist, cv::DIST_L2, cv::DIST_MASK_5);
    cv::distanceTransform(fibulaMask, fibulaDist, cv::DIST_L2, cv::DIST_MASK_5);
    const cv::Mat texture = textureNoise(size, 0.8 * px224, 3.0 * px224, 2.2, random);
    // Low-frequency variation is drawn at 1/8 resolution (a σ = 20 px blur at full size is slow).
    const int coarseSize = std::max(8, size / 8);
    cv::Mat softTexture;
    cv::resize(textureNoise(coarseSize, 6.0 * coarseSize / 224.0, 20.0 * coarseSize / 224.0, 1.0, random), softTexture,
               cv::Size(size, size), 0, 0, cv::INTER_CUBIC);

    // Pixel → canonical units (inverse pose).
    const double k = pose.pixelsPerUnit * pose.scale, ca = std::cos(pose.angle), sa = std::sin(pose.angle);
    const double boneRadius = 0.42 * k, fibulaRadius = 0.11 * k, cortexThickness = 0.06 * k;
    const double cortexAt = 1.3 * px224, cortexWidth = 1.1 * px224;
    const double plateWidth = 0.012, scleroseDepth = disease.sclerosisDepth;
    const Anatomy& a = anatomy;
    const double patellaU = 0.03, patellaV = std::min(geometry.lateralCy, geometry.medialCy) - 0.16;
    const double patellaRx = 0.31, patellaRy = 0.36;
    const double notchBottom = std::max(geometry.lateralCy + a.lateralRy, geometry.medialCy + a.medialRy);

    cv::Mat density(size, size, CV_32F);
    for (int y = 0; y < size; ++y) {
        float* out = density.ptr<float>(y);
        const float* fd = femurDist.ptr<float>(y);
        const float* td = tibiaDist.ptr<float>(y);
        const float* bd = fibulaDist.ptr<float>(y);
        const float* tex = texture.ptr<float>(y);
        const float* soft = softTexture.ptr<float>(y);
        for (int x = 0; x < size; ++x) {
            const double dx = x - pose.centre - pose.shiftX * pose.pixelsPerUnit;
            const double dy = y - pose.centre - pose.shiftY * pose.pixelsPerUnit;
            double u = (ca * dx + sa * dy) / k;
            const double v = (-sa * dx + ca * dy) / k;
            if (pose.mirror)
                u = -u;

            const double legEdge = 1.0 - (u / a.legHalfWidth) * (u / a.legHalfWidth);
            double value = legEdge > 0 ? a.softDensity * std::sqrt(legEdge) * (1.0 + 0.12 * soft[x]) : 0.0;
            const double medialWeight = disease.lateralDominant ? clamp01(0.5 - 1.5 * u) : clamp01(0.5 + 1.5 * u);
            const double sclerosis = disease.sclerosis * (0.35 + 0.65 * medialWeight);

            double bone = 0.0;
            if (fd[x] > 0) {
                // Towards the shaft the bone becomes a tube: bright cortices, darker medullary canal.
                double t = profile(fd[x], boneRadius) - smoothRamp(-0.45, -1.0, v) * 0.6 *
                                                        profile(fd[x] - cortexThickness, boneRadius - cortexThickness);
                // Intercondylar notch: less bone in the beam between the condyles.
                const double nu = u / 0.12, nv = (v - notchBottom) / 0.34;
                const double notch = nu * nu + nv * nv;
                if (notch < 1.0)
                    t *= 1.0 - 0.25 * std::sqrt(1.0 - notch);
                bone += t * (1.0 + a.textureAmplitude * tex[x]);
                bone += 0.28 * gauss((fd[x] - cortexAt) / cortexWidth);
                // Subchondral plate and sclerosis below the condylar surfaces.
                double drop = geometry.femurBottomAt(u) - v;
                if (drop > -0.02 && drop < 0.5) {
                    drop = std::max(drop, 0.0);
                    bone += 0.22 * std::exp(-drop / plateWidth) + sclerosis * std::exp(-drop / scleroseDepth);
                }
            }
            if (td[x] > 0) {
                const double t = profile(td[x], boneRadius) - smoothRamp(0.45, 1.0, v) * 0.6 *
                                                              profile(td[x] - cortexThickness, boneRadius - cortexThickness);
                bone += t * (1.0 + a.textureAmplitude * tex[x]);
                bone += 0.28 * gauss((td[x] - cortexAt) / cortexWidth);
                const double below = v - geometry.plateauAt(u);
                if (below > -0.02 && below < 0.5 && std::abs(u) < a.plateauHalf) {
                    const double b = std::max(below, 0.0);
                    bone += 0.25 * std::exp(-b / plateWidth) + sclerosis * std::exp(-b / scleroseDepth);
                    // The posterior plateau rim projects as a second, fainter line below the surface.
                    if (std::abs(u) > 0.15)
                        bone += 0.09 * gauss((b - 0.07) / 0.01);
                }
            }
            if (bd[x] > 0) {
                bone += 0.55 * profile(bd[x], fibulaRadius) * (1.0 + a.textureAmplitude * tex[x]) +
                        0.2 * gauss((bd[x] - cortexAt) / cortexWidth);
            }
            const double pu = (u - patellaU) / patellaRx, pv = (v - patellaV) / patellaRy;
            const double patella = pu * pu + pv * pv;
            if (patella < 1.0)
                bone += a.patellaDensity * std::sqrt(1.0 - patella);
            for (const Cyst& c : disease.cysts) {
                // Cysts sit in the sclerotic bone just above (femur) or below (tibia) the medial joint.
                const double cu = disease.lateralDominant ? -c.u : c.u;
                const double clearance = 0.015 + c.radius + 0.5 * std::abs(c.v);   // inside the bone, never in the gap
                const double cv = c.v > 0 ? geometry.plateauAt(cu) + clearance : geometry.femurBottomAt(cu) - clearance;
                if (cv < -5.0)
                    continue;   // not under a condyle
                const double e = ((u - cu) * (u - cu) + (v - cv) * (v - cv)) / (c.radius * c.radius);
                if (e < 1.0)
                    bone -= 0.35 * (1.0 - e);
            }
            value += a.boneDensity * std::max(0.0, bone) * (1.0 + 0.1 * soft[x]);
            out[x] = static_cast<float>(value);
        }
    }

    // Film response: attenuation → brightness, then exposure/contrast, blur, grain.
    // Tabulated: pow/exp per pixel would dominate the rendering time.
    constexpr int kLutSize = 2048;
    constexpr double kMaxDensity = 4.0;
    std::vector<float> response(kLutSize + 1);
    for (int i = 0; i <= kLutSize; ++i)
        response[static_cast<size_t>(i)] =
            static_cast<float>(std::pow(1.0 - std::exp(-a.exposure * kMaxDensity * i / kLutSize), a.gamma));
    cv::Mat image(size, size, CV_32F);
    for (int y = 0; y < size; ++y) {
        const float* in = density.ptr<float>(y);
        float* out = image.ptr<float>(y);
        const double heel = 1.0 + a.heel * (2.0 * y / size - 1.0);
        const float scale = static_cast<float>(255.0 * a.gain * heel), offset = static_cast<float>(255.0 * a.bias);
        for (int x = 0; x < size; ++x) {
            const float t = std::min(static_cast<float>(kLutSize) - 1e-3f, std::max(0.0f, in[x]) * (kLutSize / static_cast<float>(kMaxDensity)));
            const int i = static_cast<int>(t);
            const float f = t - static_cast<float>(i);
            out[x] = scale * (response[static_cast<size_t>(i)] * (1.0f - f) + response[static_cast<size_t>(i) + 1] * f) + offset;
        }
    }
    cv::GaussianBlur(image, image, cv::Size(), a.blurSigma * px224);

    PhantomImage result;
    result.size = size;
    result.pixels.resize(static_cast<size_t>(size) * size);
    for (int y = 0; y < size; ++y) {
        const float* in = image.ptr<float>(y);
        std::uint8_t* out = result.pixels.data() + static_cast<size_t>(y) * size;
        for (int x = 0; x < size; ++x) {
            // Grain: a sum of three uniforms is close to Gaussian and cheap.
            const double grain = (random.uniform() + random.uniform() + random.uniform() - 1.5) * 2.0 * a.noiseSigma;
            out[x] = static_cast<std::uint8_t>(std::clamp(std::lround(in[x] + grain), 0L, 255L));
        }
    }

    result.severity = disease.severity;
    result.medialJointSpacePx = geometry.medialGap * k;
    result.lateralJointSpacePx = geometry.lateralGap * k;
    result.osteophytes = geometry.spurCount;
    const cv::Point2f medial = pose.toPixel({geometry.medialContactU, geometry.plateauAt(geometry.medialContactU) - geometry.medialGap / 2});
    const cv::Point2f lateral = pose.toPixel({geometry.lateralContactU, geometry.plateauAt(geometry.lateralContactU) - geometry.lateralGap / 2});
    result.medialX = medial.x;
    result.lateralX = lateral.x;
    result.jointLineY = medial.y;
    if (layout)
        describeLayout(*layout, anatomy, geometry, pose, px224);
    return result;
}

void to_json(nlohmann::json& json, const PhantomOptions& options)
{
    json = nlohmann::json{{"per_grade", options.perGrade},
                          {"image_size", options.imageSize},
                          {"seed", options.seed},
                          {"splits", {{"train", options.splits[0]}, {"val", options.splits[1]}, {"test", options.splits[2]}}},
                          {"real_balance", options.realBalance},
                          {"bilateral_fraction", options.bilateralFraction},
                          {"ambiguity", options.ambiguity},
                          {"nuisance", options.nuisance}};
}

void from_json(const nlohmann::json& json, PhantomOptions& options)
{
    const PhantomOptions defaults;
    options.perGrade = json.value("per_grade", defaults.perGrade);
    options.imageSize = json.value("image_size", defaults.imageSize);
    options.seed = json.value("seed", defaults.seed);
    if (json.contains("splits")) {
        const auto& splits = json.at("splits");
        options.splits = {splits.value("train", 0.7), splits.value("val", 0.1), splits.value("test", 0.2)};
    }
    options.realBalance = json.value("real_balance", defaults.realBalance);
    options.bilateralFraction = json.value("bilateral_fraction", defaults.bilateralFraction);
    options.ambiguity = json.value("ambiguity", defaults.ambiguity);
    options.nuisance = json.value("nuisance", defaults.nuisance);
}

namespace {

struct PlannedKnee {
    int split = 0, grade = 0;
    char side = 'R';
    int patient = 0;
    std::string id;
    std::uint64_t seed = 0, patientSeed = 0;
    std::string relativePath;
};

/// Splits `total` into parts proportional to `weights` (largest remainder, sums exactly).
std::array<int, 3> apportion(int total, const std::array<double, 3>& weights)
{
    const double sum = weights[0] + weights[1] + weights[2];
    std::array<int, 3> parts{};
    std::array<double, 3> remainder{};
    int used = 0;
    for (size_t i = 0; i < 3; ++i) {
        const double exact = total * weights[i] / sum;
        parts[i] = static_cast<int>(std::floor(exact));
        remainder[i] = exact - parts[i];
        used += parts[i];
    }
    while (used < total) {
        const size_t best = static_cast<size_t>(std::max_element(remainder.begin(), remainder.end()) - remainder.begin());
        ++parts[best];
        remainder[best] = -1.0;
        ++used;
    }
    return parts;
}

std::vector<PlannedKnee> planDataset(const PhantomOptions& options, int& patients)
{
    static constexpr std::array<double, 5> kRealShare{39.6, 18.1, 26.2, 13.1, 3.0};
    DeterministicRandom random(combineSeeds({options.seed, 0x91A4ull}));
    std::vector<PlannedKnee> knees;
    std::array<std::vector<int>, 3> gradesPerSplit;
    for (int grade = 0; grade < 5; ++grade) {
        int count = options.perGrade;
        if (options.realBalance)
            count = std::max(1, static_cast<int>(std::lround(options.perGrade * kRealShare[static_cast<size_t>(grade)] / kRealShare[0])));
        const auto parts = apportion(count, options.splits);
        for (size_t split = 0; split < 3; ++split)
            gradesPerSplit[split].insert(gradesPerSplit[split].end(), static_cast<size_t>(parts[split]), grade);
    }

    std::set<int> usedIds;
    auto newId = [&] {
        for (;;) {
            const int id = 9000000 + static_cast<int>(random.below(1000000));
            if (usedIds.insert(id).second)
                return std::to_string(id);
        }
    };
    patients = 0;
    for (int split = 0; split < 3; ++split) {
        auto& grades = gradesPerSplit[static_cast<size_t>(split)];
        for (size_t i = grades.size(); i > 1; --i)
            std::swap(grades[i - 1], grades[static_cast<size_t>(random.below(i))]);
        // Consecutive knees of the shuffled list become the two knees of one patient.
        for (size_t i = 0; i < grades.size();) {
            const bool bilateral = i + 1 < grades.size() && random.chance(options.bilateralFraction / (2.0 - options.bilateralFraction));
            const std::string id = newId();
            const std::uint64_t patientSeed = combineSeeds({options.seed, 0x9A71ull, static_cast<std::uint64_t>(patients)});
            const char firstSide = random.chance(0.5) ? 'L' : 'R';
            for (int knee = 0; knee < (bilateral ? 2 : 1); ++knee, ++i) {
                PlannedKnee plan;
                plan.split = split;
                plan.grade = grades[i];
                plan.side = knee == 0 ? firstSide : (firstSide == 'L' ? 'R' : 'L');
                plan.patient = patients;
                plan.id = id;
                plan.patientSeed = patientSeed;
                plan.seed = combineSeeds({options.seed, 0x4EE5ull, static_cast<std::uint64_t>(knees.size())});
                plan.relativePath = std::string(splitName(static_cast<Split>(split))) + "/" + std::to_string(plan.grade) + "/" + id + plan.side + ".png";
                knees.push_back(plan);
            }
            ++patients;
        }
    }
    return knees;
}

/// Fixed compression keeps files byte-identical across runs; 3 is fast, 9 is small.
void writeGrayPng(const std::string& path, const cv::Mat& image, int compression = 3)
{
    const std::vector<int> params{cv::IMWRITE_PNG_COMPRESSION, compression};
    bool ok = false;
    try {
        ok = cv::imwrite(path, image, params);
    } catch (const cv::Exception& e) {
        throw Error(path, std::string("cannot write PNG: ") + e.what());
    }
    if (!ok)
        throw Error(path, "cannot write PNG (is the folder writable?)");
}

} // namespace

PhantomSummary writePhantomDataset(const PhantomOptions& options, const PhantomProgress& progress)
{
    const auto started = std::chrono::steady_clock::now();
    if (options.outputDir.empty())
        throw Error("phantoms: no output folder given");
    if (options.perGrade < 1)
        throw Error("phantoms: --per-grade must be at least 1");
    if (options.splits[0] < 0 || options.splits[1] < 0 || options.splits[2] < 0 ||
        options.splits[0] + options.splits[1] + options.splits[2] <= 0)
        throw Error("phantoms: split fractions must be non-negative and not all zero");
    if (options.bilateralFraction < 0 || options.bilateralFraction > 1)
        throw Error("phantoms: bilateral fraction must be within 0..1");
    validateSpec({0, 'R', options.imageSize});

    const fs::path root(options.outputDir);
    std::error_code ec;
    for (int split = 0; split < 3; ++split) {
        const fs::path dir = root / splitName(static_cast<Split>(split));
        if (fs::exists(dir, ec) && !fs::is_empty(dir, ec)) {
            if (!options.overwrite)
                throw Error(dir.string(), "already exists and is not empty; choose another folder or overwrite");
            fs::remove_all(dir, ec);
            if (ec)
                throw Error(dir.string(), "cannot remove the old split folder: " + ec.message());
        }
    }

    PhantomSummary summary;
    const std::vector<PlannedKnee> knees = planDataset(options, summary.patients);
    for (int split = 0; split < 3; ++split)
        for (int grade = 0; grade < 5; ++grade) {
            fs::create_directories(root / splitName(static_cast<Split>(split)) / std::to_string(grade), ec);
            if (ec)
                throw Error((root / splitName(static_cast<Split>(split))).string(), "cannot create folder: " + ec.message());
        }

    const int total = static_cast<int>(knees.size());
    std::vector<nlohmann::json> truth(knees.size());
    const bool cancelled = detail::runParallelTasks(
        total, options.threads,
        [&](int i) {
            const PlannedKnee& plan = knees[static_cast<size_t>(i)];
            PhantomSpec spec;
            spec.grade = plan.grade;
            spec.side = plan.side;
            spec.imageSize = options.imageSize;
            spec.seed = plan.seed;
            spec.patientSeed = plan.patientSeed;
            spec.ambiguity = options.ambiguity;
            spec.nuisance = options.nuisance;
            PhantomImage image = renderPhantom(spec);
            writeGrayPng((root / plan.relativePath).string(),
                         cv::Mat(image.size, image.size, CV_8U, image.pixels.data()));
            truth[static_cast<size_t>(i)] = {{"file", plan.relativePath},
                                             {"grade", plan.grade},
                                             {"patient", plan.id},
                                             {"severity", std::round(image.severity * 1000) / 1000},
                                             {"medial_jsw_px", std::round(image.medialJointSpacePx * 100) / 100},
                                             {"lateral_jsw_px", std::round(image.lateralJointSpacePx * 100) / 100},
                                             {"osteophytes", image.osteophytes}};
        },
        progress);

    summary.cancelled = cancelled;
    for (size_t i = 0; i < knees.size(); ++i) {
        if (truth[i].is_null())
            continue;
        ++summary.counts[static_cast<size_t>(knees[i].split)][static_cast<size_t>(knees[i].grade)];
        ++summary.files;
    }
    if (progress && !summary.cancelled)
        progress(summary.files, total);

    nlohmann::json manifest;
    manifest["generator"] = "kneegrade synthetic knee phantoms";
    manifest["note"] = "Synthetic images for demos and tests; not radiographs of people.";
    manifest["options"] = options;
    manifest["complete"] = !summary.cancelled;
    nlohmann::json files = nlohmann::json::array();
    for (auto& entry : truth)
        if (!entry.is_null())
            files.push_back(std::move(entry));
    manifest["files"] = std::move(files);
    std::ofstream out(root / "phantoms.json");
    out << manifest.dump(1) << "\n";
    if (!out)
        throw Error((root / "phantoms.json").string(), "cannot write the dataset manifest");

    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary;
}

void writePhantomContactSheet(const std::string& path, int columns, int imageSize, std::uint64_t seed)
{
    static const char* const kGradeNames[] = {"Healthy", "Doubtful", "Minimal", "Moderate", "Severe"};
    if (columns < 1 || columns > 64)
        throw Error("contact sheet: columns must be within 1..64");
    const int gap = 4, label = 120;
    cv::Mat sheet(5 * imageSize + 6 * gap, label + columns * (imageSize + gap) + gap, CV_8U, cv::Scalar(24));
    for (int grade = 0; grade < 5; ++grade) {
        const int top = gap + grade * (imageSize + gap);
        cv::putText(sheet, "KL " + std::to_string(grade), {12, top + imageSize / 2 - 4}, cv::FONT_HERSHEY_SIMPLEX, 0.9,
                    cv::Scalar(235), 2, cv::LINE_AA);
        cv::putText(sheet, kGradeNames[grade], {12, top + imageSize / 2 + 24}, cv::FONT_HERSHEY_SIMPLEX, 0.6,
                    cv::Scalar(200), 1, cv::LINE_AA);
        for (int column = 0; column < columns; ++column) {
            PhantomSpec spec;
            spec.grade = grade;
            spec.side = column % 2 ? 'L' : 'R';
            spec.imageSize = imageSize;
            spec.seed = combineSeeds({seed, 0xC5EEull, static_cast<std::uint64_t>(grade), static_cast<std::uint64_t>(column)});
            spec.patientSeed = combineSeeds({seed, 0xC5EFull, static_cast<std::uint64_t>(grade), static_cast<std::uint64_t>(column)});
            PhantomImage image = renderPhantom(spec);
            cv::Mat(image.size, image.size, CV_8U, image.pixels.data())
                .copyTo(sheet(cv::Rect(label + gap + column * (imageSize + gap), top, imageSize, imageSize)));
        }
    }
    writeGrayPng(path, sheet, 9);
}

} // namespace kg
