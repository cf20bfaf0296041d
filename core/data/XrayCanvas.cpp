#include "core/data/XrayCanvas.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace kg {

namespace {

double clamp01(double x) { return std::min(1.0, std::max(0.0, x)); }

/// The same shaping functions as Phantom.cpp, so that both draw identical bones.
inline double gauss(double z) { return std::abs(z) > 4.0 ? 0.0 : std::exp(-0.5 * z * z); }

double smoothRamp(double from, double to, double x)
{
    const double t = clamp01((x - from) / (to - from));
    return t * t * (3.0 - 2.0 * t);
}

double profile(double distance, double radius)
{
    if (distance <= 0)
        return 0.0;
    const double depth = std::min(1.0, distance / radius);
    return std::sqrt(depth * (2.0 - depth));
}

/// Distance to the nearest pixel outside the mask, computed only around what is drawn.
cv::Mat insideDistance(const cv::Mat& mask)
{
    cv::Mat distance = cv::Mat::zeros(mask.size(), CV_32F);
    const cv::Rect drawn = cv::boundingRect(mask);
    if (drawn.empty())
        return distance;
    // A margin of empty pixels: outside the image OpenCV counts everything as inside.
    const cv::Rect area = (drawn + cv::Size(4, 4) - cv::Point(2, 2)) & cv::Rect(0, 0, mask.cols, mask.rows);
    cv::Mat roi = distance(area);
    cv::distanceTransform(mask(area), roi, cv::DIST_L2, cv::DIST_MASK_5);
    return distance;
}

std::vector<cv::Point> fixedPoint(const std::vector<cv::Point2d>& points, int shift)
{
    std::vector<cv::Point> out;
    out.reserve(points.size());
    for (const auto& p : points)
        out.emplace_back(cvRound(p.x * (1 << shift)), cvRound(p.y * (1 << shift)));
    return out;
}

} // namespace

cv::Point2d KneeFrame::medial() const
{
    const double sign = mirrored ? -1.0 : 1.0;
    return {sign * std::cos(angle), sign * std::sin(angle)};
}

cv::Point2d KneeFrame::down() const { return {-std::sin(angle), std::cos(angle)}; }

cv::Point2d KneeFrame::toImage(double x, double y) const { return origin + unitPx * (x * medial() + y * down()); }

double KneeFrame::canonicalY(cv::Point2d pixel) const { return (pixel - origin).dot(down()) / unitPx; }

cv::Mat xrayTexture(cv::Size size, double finePx, double coarsePx, double stretch, DeterministicRandom& random)
{
    const double reduce = std::max(1.0, finePx / 0.8);
    const cv::Size small(std::max(8, static_cast<int>(std::ceil(size.width / reduce))),
                         std::max(8, static_cast<int>(std::ceil(size.height / reduce))));
    cv::Mat white(small, CV_32F);
    for (int y = 0; y < small.height; ++y) {
        float* row = white.ptr<float>(y);
        for (int x = 0; x < small.width; ++x)
            row[x] = static_cast<float>(random.uniform(-1.0, 1.0));
    }
    cv::Mat a, b;
    const double fine = finePx / reduce, coarse = coarsePx / reduce;
    cv::GaussianBlur(white, a, cv::Size(), fine, fine * stretch);
    cv::GaussianBlur(white, b, cv::Size(), coarse, coarse * stretch);
    cv::Mat band = a - b;
    const double rms = cv::norm(band, cv::NORM_L2) / std::sqrt(static_cast<double>(band.total()));
    band *= 1.0 / std::max(1e-6, 2.5 * rms);
    if (small == size)
        return band;
    cv::Mat out;
    cv::resize(band, out, size, 0, 0, cv::INTER_LINEAR);
    return out;
}

XrayCanvas::XrayCanvas(int width, int height) : width_(width), height_(height)
{
    for (int i = 0; i < LayerCount; ++i)
        masks_.push_back(cv::Mat::zeros(height, width, CV_8U));
}

void XrayCanvas::fill(Layer layer, const std::vector<cv::Point2d>& polygon, bool erase)
{
    if (polygon.size() < 3)
        return;
    constexpr int kShift = 4;
    const std::vector<cv::Point> pts = fixedPoint(polygon, kShift);
    const cv::Point* data = pts.data();
    const int count = static_cast<int>(pts.size());
    cv::fillPoly(masks_[static_cast<size_t>(layer)], &data, &count, 1, cv::Scalar(erase ? 0 : 255), cv::LINE_8, kShift);
}

void XrayCanvas::stroke(Layer layer, const std::vector<cv::Point2d>& polyline, double thicknessPx)
{
    if (polyline.size() < 2)
        return;
    constexpr int kShift = 4;
    const std::vector<cv::Point> pts = fixedPoint(polyline, kShift);
    const cv::Point* data = pts.data();
    const int count = static_cast<int>(pts.size());
    cv::polylines(masks_[static_cast<size_t>(layer)], &data, &count, 1, false, cv::Scalar(255),
                  std::max(1, static_cast<int>(std::lround(thicknessPx))), cv::LINE_8, kShift);
}

cv::Mat XrayCanvas::render(const Material& m, const Film& film, const std::vector<LegShading>& legs,
                           DeterministicRandom& random) const
{
    std::vector<cv::Mat> distance;
    for (const cv::Mat& mask : masks_)
        distance.push_back(insideDistance(mask));
    const cv::Size size(width_, height_);
    const cv::Mat texture = xrayTexture(size, 0.8 * m.texturePx, 3.0 * m.texturePx, 2.2, random);
    const cv::Mat softTexture = xrayTexture(size, 6.0 * m.texturePx, 20.0 * m.texturePx, 1.0, random);

    struct LegConstants {
        double boneR, cortex, fibulaR, flatR;
    };
    std::vector<LegConstants> constants;
    for (const LegShading& leg : legs) {
        const double k = leg.knee.unitPx;
        constants.push_back({m.boneRadius * k, m.cortexThickness * k, m.fibulaRadius * k, m.flatRadius * k});
    }

    cv::Mat density(size, CV_32F);
    for (int y = 0; y < height_; ++y) {
        float* out = density.ptr<float>(y);
        const float* fd = distance[Femur].ptr<float>(y);
        const float* td = distance[Tibia].ptr<float>(y);
        const float* bd = distance[Fibula].ptr<float>(y);
        const float* od = distance[Flat].ptr<float>(y);
        const float* sd = distance[Soft].ptr<float>(y);
        const float* tex = texture.ptr<float>(y);
        const float* soft = softTexture.ptr<float>(y);
        const size_t row = static_cast<size_t>(y);
        const double split = legs.size() == 2 ? 0.5 * (legs[0].centreX[row] + legs[1].centreX[row]) : 1e9;
        const bool leftIsFirst = legs.size() < 2 || legs[0].centreX[row] <= legs[1].centreX[row];
        for (int x = 0; x < width_; ++x) {
            if (sd[x] <= 0 && fd[x] <= 0 && td[x] <= 0 && bd[x] <= 0 && od[x] <= 0) {
                out[x] = 0.0f;
                continue;
            }
            const size_t which = legs.size() == 2 && ((x > split) == leftIsFirst) ? 1 : 0;
            const LegShading& leg = legs[which];
            const LegConstants& c = constants[which];
            double value = 0.0;
            if (sd[x] > 0) {
                const double r = leg.softHalfPx[row], d = std::min<double>(sd[x], r);
                value = m.softDensity * std::sqrt(d * (2.0 * r - d)) / leg.softNormPx * (1.0 + 0.12 * soft[x]);
            }
            double bone = 0.0;
            const double t = 1.0 + m.textureAmplitude * tex[x];
            if (fd[x] > 0 || td[x] > 0) {
                const double v = leg.knee.canonicalY({static_cast<double>(x), static_cast<double>(y)});
                const double tube = leg.shaftRamp[row];
                if (fd[x] > 0) {
                    const double ramp = smoothRamp(-0.45, -1.0, v) * tube;
                    bone += (profile(fd[x], c.boneR) - ramp * 0.6 * profile(fd[x] - c.cortex, c.boneR - c.cortex)) * t;
                    bone += 0.28 * gauss((fd[x] - m.cortexAtPx) / m.cortexWidthPx);
                }
                if (td[x] > 0) {
                    const double ramp = smoothRamp(0.45, 1.0, v) * tube;
                    bone += (profile(td[x], c.boneR) - ramp * 0.6 * profile(td[x] - c.cortex, c.boneR - c.cortex)) * t;
                    bone += 0.28 * gauss((td[x] - m.cortexAtPx) / m.cortexWidthPx);
                }
            }
            if (bd[x] > 0)
                bone += 0.55 * profile(bd[x], c.fibulaR) * t + 0.2 * gauss((bd[x] - m.cortexAtPx) / m.cortexWidthPx);
            if (od[x] > 0)
                bone += m.flatWeight * profile(od[x], c.flatR) * t + 0.22 * gauss((od[x] - m.cortexAtPx) / m.cortexWidthPx);
            value += m.boneDensity * std::max(0.0, bone) * (1.0 + 0.1 * soft[x]);
            out[x] = static_cast<float>(value);
        }
    }

    // Film response, tabulated as Phantom.cpp does.
    constexpr int kLutSize = 2048;
    constexpr double kMaxDensity = 4.0;
    std::vector<float> response(kLutSize + 1);
    for (int i = 0; i <= kLutSize; ++i)
        response[static_cast<size_t>(i)] =
            static_cast<float>(std::pow(1.0 - std::exp(-film.exposure * kMaxDensity * i / kLutSize), film.gamma));
    cv::Mat image(size, CV_32F);
    for (int y = 0; y < height_; ++y) {
        const float* in = density.ptr<float>(y);
        float* out = image.ptr<float>(y);
        const double heel = 1.0 + film.heel * std::clamp(2.0 * (y - film.heelTop) / film.heelSpan - 1.0, -1.0, 1.0);
        const float scale = static_cast<float>(255.0 * film.gain * heel), offset = static_cast<float>(255.0 * film.bias);
        for (int x = 0; x < width_; ++x) {
            const float t = std::min(static_cast<float>(kLutSize) - 1e-3f,
                                     std::max(0.0f, in[x]) * (kLutSize / static_cast<float>(kMaxDensity)));
            const int i = static_cast<int>(t);
            const float f = t - static_cast<float>(i);
            out[x] = scale * (response[static_cast<size_t>(i)] * (1.0f - f) + response[static_cast<size_t>(i) + 1] * f) + offset;
        }
    }
    if (film.blurSigmaPx > 0.2)
        cv::GaussianBlur(image, image, cv::Size(), film.blurSigmaPx);
    return image;
}

} // namespace kg
