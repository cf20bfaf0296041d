#include "core/data/XrayCanvas.h"

#include "core/data/PhantomShapes.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace kg {

namespace {

// The same shaping functions as PhantomRender.cpp, so that both draw identical bones.
using shapes::clamp01;
using shapes::gauss;
using shapes::profile;
using shapes::smoothRamp;

/// Distances (to the nearest pixel outside the mask) of one drawn region.
struct DistanceRegion {
    cv::Rect area;
    cv::Mat distance;
};

/// Rectangles merged until none overlap: each drawn shape then lies inside one of them.
std::vector<cv::Rect> disjoint(std::vector<cv::Rect> rects)
{
    for (bool merged = true; merged;) {
        merged = false;
        for (size_t i = 0; i < rects.size() && !merged; ++i)
            for (size_t j = i + 1; j < rects.size(); ++j)
                if ((rects[i] & rects[j]).area() > 0) {
                    rects[i] |= rects[j];
                    rects.erase(rects.begin() + static_cast<std::ptrdiff_t>(j));
                    merged = true;
                    break;
                }
    }
    return rects;
}

/// Distance transforms only where something was drawn (OpenCV counts everything outside the
/// image as inside, so each area keeps an empty margin of 2 pixels where the image allows).
std::vector<DistanceRegion> insideDistance(const cv::Mat& mask, const std::vector<cv::Rect>& drawn)
{
    std::vector<DistanceRegion> regions;
    for (const cv::Rect& area : disjoint(drawn)) {
        DistanceRegion region{area, cv::Mat()};
        cv::distanceTransform(mask(area), region.distance, cv::DIST_L2, cv::DIST_MASK_5);
        regions.push_back(std::move(region));
    }
    return regions;
}

/// One image row of a layer's distances (0 outside every drawn region).
void distanceRow(const std::vector<DistanceRegion>& regions, int y, std::vector<float>& row)
{
    std::fill(row.begin(), row.end(), 0.0f);
    for (const auto& region : regions) {
        if (y < region.area.y || y >= region.area.y + region.area.height)
            continue;
        const float* in = region.distance.ptr<float>(y - region.area.y);
        std::copy(in, in + region.area.width, row.begin() + region.area.x);
    }
}

/// Bilinear rows of a map drawn `step` times smaller than the image; a periodic map (a texture
/// tile) wraps around and starts at `offset` (map pixels), any other is clamped at its edges.
class Upsampler {
public:
    Upsampler(const cv::Mat& small, double step, int width, bool periodic = false, cv::Point2d offset = {})
        : small_(small), step_(step), periodic_(periodic), offsetY_(offset.y)
    {
        for (int x = 0; x < width; ++x) {
            const auto [i, j, w] = locate((x + 0.5) / step - 0.5 + offset.x, small.cols);
            index0_.push_back(i);
            index1_.push_back(j);
            weight_.push_back(w);
        }
    }
    void row(int y, float* out, float scale = 1.0f) const
    {
        const auto [y0, y1, wy] = locate((y + 0.5) / step_ - 0.5 + offsetY_, small_.rows);
        const float* a = small_.ptr<float>(y0);
        const float* b = small_.ptr<float>(y1);
        for (size_t x = 0; x < index0_.size(); ++x) {
            const int i = index0_[x], j = index1_[x];
            const float w = weight_[x];
            const float top = a[i] + w * (a[j] - a[i]), bottom = b[i] + w * (b[j] - b[i]);
            out[x] = scale * (top + wy * (bottom - top));
        }
    }

private:
    struct Taps {
        int first, second;
        float weight;
    };
    Taps locate(double at, int size) const
    {
        if (periodic_) {
            const double wrapped = at - size * std::floor(at / size);
            const int i = std::min(size - 1, static_cast<int>(wrapped));
            return {i, (i + 1) % size, static_cast<float>(wrapped - i)};
        }
        const double clamped = std::clamp(at, 0.0, size - 1.0);
        const int i = static_cast<int>(clamped);
        return {i, std::min(i + 1, size - 1), static_cast<float>(clamped - i)};
    }

    const cv::Mat& small_;
    double step_;
    bool periodic_;
    double offsetY_;
    std::vector<int> index0_, index1_;
    std::vector<float> weight_;
};

/// Sub-pixel vertices on a mask `scale` times the image's size (pixel centres at integers on both).
std::vector<cv::Point> fixedPoint(const std::vector<cv::Point2d>& points, int shift, double scale = 1.0)
{
    std::vector<cv::Point> out;
    out.reserve(points.size());
    for (const auto& p : points)
        out.emplace_back(cvRound(((p.x + 0.5) * scale - 0.5) * (1 << shift)), cvRound(((p.y + 0.5) * scale - 0.5) * (1 << shift)));
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

cv::Mat periodicTexture(int tile, double fine, double coarse, double stretch, DeterministicRandom& random)
{
    cv::Mat white(tile, tile, CV_32F);
    for (int y = 0; y < tile; ++y) {
        float* row = white.ptr<float>(y);
        for (int x = 0; x < tile; x += 4) {
            // Four 16-bit uniforms in [−1, 1) from one draw.
            const std::uint64_t bits = random.nextU64();
            for (int k = 0; k < 4 && x + k < tile; ++k)
                row[x + k] = static_cast<float>(((bits >> (16 * k)) & 0xFFFF) / 32768.0 - 1.0);
        }
    }
    // Blurring a wrapped copy and keeping the middle gives a tile that repeats without seams.
    const int pad = std::min(tile, static_cast<int>(std::ceil(4.0 * coarse * std::max(1.0, stretch))) + 2);
    cv::Mat padded, a, b;
    cv::copyMakeBorder(white, padded, pad, pad, pad, pad, cv::BORDER_WRAP);
    cv::GaussianBlur(padded, a, cv::Size(), fine, fine * stretch);
    cv::GaussianBlur(padded, b, cv::Size(), coarse, coarse * stretch);
    cv::Mat difference = a - b;
    cv::Mat band = difference(cv::Rect(pad, pad, tile, tile)).clone();
    const double rms = cv::norm(band, cv::NORM_L2) / tile;
    band *= 1.0 / std::max(1e-6, 2.5 * rms);
    return band;
}

XrayCanvas::XrayCanvas(int width, int height)
    : width_(width), height_(height), softStep_(std::clamp(std::min(width, height) / 200, 1, 4)), drawn_(LayerCount)
{
    for (int i = 0; i < LayerCount; ++i) {
        const int step = i == Soft ? softStep_ : 1;
        masks_.push_back(cv::Mat::zeros((height + step - 1) / step, (width + step - 1) / step, CV_8U));
    }
}

void XrayCanvas::fill(Layer layer, const std::vector<cv::Point2d>& polygon, bool erase)
{
    if (polygon.size() < 3)
        return;
    constexpr int kShift = 4;
    const double scale = layer == Soft ? 1.0 / softStep_ : 1.0;
    const std::vector<cv::Point> pts = fixedPoint(polygon, kShift, scale);
    const cv::Point* data = pts.data();
    const int count = static_cast<int>(pts.size());
    cv::Mat& mask = masks_[static_cast<size_t>(layer)];
    cv::fillPoly(mask, &data, &count, 1, cv::Scalar(erase ? 0 : 255), cv::LINE_8, kShift);
    if (!erase) {
        const cv::Rect bounds = cv::boundingRect(pts);
        const cv::Rect pixels(bounds.x >> kShift, bounds.y >> kShift, (bounds.width >> kShift) + 2, (bounds.height >> kShift) + 2);
        const cv::Rect area = (pixels + cv::Size(4, 4) - cv::Point(2, 2)) & cv::Rect(0, 0, mask.cols, mask.rows);
        if (!area.empty())
            drawn_[static_cast<size_t>(layer)].push_back(area);
    }
}

void XrayCanvas::stroke(Layer layer, const std::vector<cv::Point2d>& polyline, double thicknessPx)
{
    if (polyline.size() < 2)
        return;
    constexpr int kShift = 4;
    const double scale = layer == Soft ? 1.0 / softStep_ : 1.0;
    const std::vector<cv::Point> pts = fixedPoint(polyline, kShift, scale);
    const cv::Point* data = pts.data();
    const int count = static_cast<int>(pts.size());
    cv::Mat& mask = masks_[static_cast<size_t>(layer)];
    const int thickness = std::max(1, static_cast<int>(std::lround(thicknessPx * scale)));
    cv::polylines(mask, &data, &count, 1, false, cv::Scalar(255), thickness, cv::LINE_8, kShift);
    const cv::Rect bounds = cv::boundingRect(pts);
    const cv::Rect pixels(bounds.x >> kShift, bounds.y >> kShift, (bounds.width >> kShift) + 2, (bounds.height >> kShift) + 2);
    const cv::Rect area = (pixels + cv::Size(4 + 2 * thickness, 4 + 2 * thickness) - cv::Point(2 + thickness, 2 + thickness)) &
                          cv::Rect(0, 0, mask.cols, mask.rows);
    if (!area.empty())
        drawn_[static_cast<size_t>(layer)].push_back(area);
}

cv::Mat XrayCanvas::render(const Material& m, const Film& film, const std::vector<LegShading>& legs,
                           DeterministicRandom& random) const
{
    std::vector<std::vector<DistanceRegion>> distance;
    for (int layer = 0; layer < LayerCount; ++layer)
        distance.push_back(insideDistance(masks_[static_cast<size_t>(layer)], drawn_[static_cast<size_t>(layer)]));
    // The soft tissue's distances, drawn smaller, as one map to upsample.
    cv::Mat softSmall = cv::Mat::zeros(masks_[Soft].size(), CV_32F);
    for (const auto& region : distance[Soft])
        region.distance.copyTo(softSmall(region.area));
    // Textures as PhantomRender.cpp draws them (grain in pixels of the phantom's size / 224), from
    // repeating tiles drawn at a coarser step where the grain allows.
    constexpr int kTile = 320;
    const double textureStep = std::max(1.0, m.texturePx), softStep = std::max(1.0, 6.0 * m.texturePx / 0.8);
    const cv::Mat textureTile = periodicTexture(kTile, 0.8 * m.texturePx / textureStep, 3.0 * m.texturePx / textureStep, 2.2, random);
    const cv::Mat softTile = periodicTexture(kTile, 6.0 * m.texturePx / softStep, 20.0 * m.texturePx / softStep, 1.0, random);
    const Upsampler softDistance(softSmall, softStep_, width_);
    const Upsampler texture(textureTile, textureStep, width_, true, {random.uniform(0, kTile), random.uniform(0, kTile)});
    const Upsampler softTexture(softTile, softStep, width_, true, {random.uniform(0, kTile), random.uniform(0, kTile)});

    struct LegConstants {
        double boneR, cortex, fibulaR, flatR, plateR;
        cv::Point2d origin, downPerPx;   // canonical y = (pixel − origin) · downPerPx
    };
    std::vector<LegConstants> constants;
    for (const LegShading& leg : legs) {
        const double k = leg.knee.unitPx;
        constants.push_back({m.boneRadius * k, m.cortexThickness * k, m.fibulaRadius * k, m.flatRadius * k,
                             m.plateRadius * k, leg.knee.origin, leg.knee.down() * (1.0 / k)});
    }

    // Film response, tabulated as PhantomRender.cpp does.
    constexpr int kLutSize = 2048;
    constexpr double kMaxDensity = 4.0;
    std::vector<float> response(kLutSize + 1);
    for (int i = 0; i <= kLutSize; ++i)
        response[static_cast<size_t>(i)] =
            static_cast<float>(std::pow(1.0 - std::exp(-film.exposure * kMaxDensity * i / kLutSize), film.gamma));

    cv::Mat image(height_, width_, CV_32F);
    std::vector<float> fd(static_cast<size_t>(width_)), td(fd), bd(fd), od(fd), pd(fd), sd(fd), tex(fd), soft(fd);
    for (int y = 0; y < height_; ++y) {
        distanceRow(distance[Femur], y, fd);
        distanceRow(distance[Tibia], y, td);
        distanceRow(distance[Fibula], y, bd);
        distanceRow(distance[Flat], y, od);
        distanceRow(distance[Plate], y, pd);
        softDistance.row(y, sd.data(), static_cast<float>(softStep_));
        texture.row(y, tex.data());
        softTexture.row(y, soft.data());
        float* out = image.ptr<float>(y);
        const size_t row = static_cast<size_t>(y);
        const double split = legs.size() == 2 ? 0.5 * (legs[0].centreX[row] + legs[1].centreX[row]) : 1e9;
        const bool leftIsFirst = legs.size() < 2 || legs[0].centreX[row] <= legs[1].centreX[row];
        const double heel = 1.0 + film.heel * std::clamp(2.0 * (y - film.heelTop) / film.heelSpan - 1.0, -1.0, 1.0);
        const float gain = static_cast<float>(255.0 * film.gain * heel), offset = static_cast<float>(255.0 * film.bias);
        for (int x = 0; x < width_; ++x) {
            double value = 0.0;
            const size_t i = static_cast<size_t>(x);
            if (sd[i] > 0.5f || fd[i] > 0 || td[i] > 0 || bd[i] > 0 || od[i] > 0 || pd[i] > 0) {
                const size_t which = legs.size() == 2 && ((x > split) == leftIsFirst) ? 1 : 0;
                const LegShading& leg = legs[which];
                const LegConstants& c = constants[which];
                if (sd[i] > 0.5f) {
                    const double r = leg.softHalfPx[row], d = std::min<double>(sd[i] - 0.5, r);
                    value = m.softDensity * std::sqrt(d * (2.0 * r - d)) / leg.softNormPx * (1.0 + 0.12 * soft[i]);
                }
                double bone = 0.0;
                const double t = 1.0 + m.textureAmplitude * tex[i];
                if (fd[i] > 0 || td[i] > 0) {
                    const double v = (x - c.origin.x) * c.downPerPx.x + (y - c.origin.y) * c.downPerPx.y;
                    const double tube = leg.shaftRamp[row];
                    if (fd[i] > 0) {
                        const double ramp = smoothRamp(-0.45, -1.0, v) * tube;
                        bone += (profile(fd[i], c.boneR) - ramp * 0.6 * profile(fd[i] - c.cortex, c.boneR - c.cortex)) * t;
                        bone += 0.28 * gauss((fd[i] - m.cortexAtPx) / m.cortexWidthPx);
                    }
                    if (td[i] > 0) {
                        const double ramp = smoothRamp(0.45, 1.0, v) * tube;
                        bone += (profile(td[i], c.boneR) - ramp * 0.6 * profile(td[i] - c.cortex, c.boneR - c.cortex)) * t;
                        bone += 0.28 * gauss((td[i] - m.cortexAtPx) / m.cortexWidthPx);
                    }
                }
                if (bd[i] > 0)
                    bone += 0.55 * profile(bd[i], c.fibulaR) * t + 0.2 * gauss((bd[i] - m.cortexAtPx) / m.cortexWidthPx);
                if (od[i] > 0)
                    bone += m.flatWeight * profile(od[i], c.flatR) * t + 0.22 * gauss((od[i] - m.cortexAtPx) / m.cortexWidthPx);
                if (pd[i] > 0)
                    bone += m.plateWeight * profile(pd[i], c.plateR) * t + 0.12 * gauss((pd[i] - m.cortexAtPx) / m.cortexWidthPx);
                value += m.boneDensity * std::max(0.0, bone) * (1.0 + 0.1 * soft[i]);
            }
            const float lut = std::min(static_cast<float>(kLutSize) - 1e-3f,
                                       static_cast<float>(value) * (kLutSize / static_cast<float>(kMaxDensity)));
            const int j = static_cast<int>(lut);
            const float f = lut - static_cast<float>(j);
            out[x] = gain * (response[static_cast<size_t>(j)] * (1.0f - f) + response[static_cast<size_t>(j) + 1] * f) + offset;
        }
    }
    if (film.blurSigmaPx > 0.2)
        cv::GaussianBlur(image, image, cv::Size(), film.blurSigmaPx);
    return image;
}

} // namespace kg
