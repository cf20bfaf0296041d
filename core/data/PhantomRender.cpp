// Rendering one phantom: the knee of PhantomGeometry.h posed, rasterised into bone
// distance maps, turned into projected density (cortex, trabecular texture, subchondral
// plate, sclerosis, cysts, patella, soft tissue) and exposed on film (response curve, heel
// effect, blur, grain).
#include "core/data/Phantom.h"

#include "core/data/DeterministicRandom.h"
#include "core/data/PhantomGeometry.h"
#include "core/data/PhantomShapes.h"
#include "core/util/Error.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace kg {

namespace {

using phantom::Anatomy;
using phantom::Cyst;
using phantom::Disease;
using phantom::Geometry;
using phantom::kPi;
using phantom::Point;
using shapes::clamp01;
using shapes::gauss;
using shapes::profile;
using shapes::smoothRamp;

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

} // namespace

void validatePhantomSpec(const PhantomSpec& spec)
{
    if (spec.grade < 0 || spec.grade > 4)
        throw Error("phantom: grade " + std::to_string(spec.grade) + " is outside 0..4");
    if (spec.side != 'L' && spec.side != 'R')
        throw Error(std::string("phantom: side must be 'L' or 'R', got '") + spec.side + "'");
    if (spec.imageSize < 32 || spec.imageSize > 2048)
        throw Error("phantom: image size " + std::to_string(spec.imageSize) + " is outside 32..2048");
}

PhantomImage renderPhantom(const PhantomSpec& spec)
{
    return renderPhantom(spec, nullptr);
}

PhantomImage renderPhantom(const PhantomSpec& spec, PhantomLayout* layout)
{
    validatePhantomSpec(spec);
    const int size = spec.imageSize;
    const double px224 = size / 224.0;   // pixel-sized effects scale with the image
    DeterministicRandom random(combineSeeds({spec.seed, 0x9A47ull, static_cast<std::uint64_t>(spec.grade)}));
    const Anatomy anatomy = phantom::drawAnatomy(spec.patientSeed != 0 ? spec.patientSeed : spec.seed, spec.nuisance);
    const Disease disease = phantom::drawDisease(spec.grade, spec.ambiguity, random);
    const Geometry geometry = phantom::buildGeometry(anatomy, disease, random);

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

} // namespace kg
