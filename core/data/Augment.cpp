#include "core/data/Augment.h"

#include "core/data/DeterministicRandom.h"
#include "core/util/Error.h"

#include <opencv2/imgproc.hpp>

#include <cmath>

namespace kg {

namespace {
constexpr double kPi = 3.14159265358979323846;
} // namespace

AugmentParams sampleAugmentParams(const AugmentOptions& options, std::uint64_t sampleSeed)
{
    DeterministicRandom random(sampleSeed);
    // Always five draws in a fixed order, whatever is switched on.
    const double flipDraw = random.uniform();
    const double rotationDraw = random.uniform(-1.0, 1.0);
    const double zoomDraw = random.uniform(-1.0, 1.0);
    const double shiftXDraw = random.uniform(-1.0, 1.0);
    const double shiftYDraw = random.uniform(-1.0, 1.0);

    AugmentParams params;
    params.flip = options.horizontalFlip && flipDraw < 0.5;
    if (options.rotate)
        params.rotationRad = rotationDraw * options.rotationFactor * 2.0 * kPi;
    if (options.zoom)
        params.zoom = 1.0 + zoomDraw * options.zoomFactor;
    if (options.translate) {
        params.shiftX = shiftXDraw * options.translationFactor;
        params.shiftY = shiftYDraw * options.translationFactor;
    }
    return params;
}

cv::Matx23d augmentInverseMap(const AugmentParams& params, cv::Size size)
{
    // Keras applies flip, rotation, zoom, translation in turn; each maps an output pixel p to
    // an input pixel. Composed: q = F(c + z·R⁻¹(p − t − c)), F the mirror, c the centre.
    const double w = size.width, h = size.height;
    const double cx = (w - 1.0) / 2.0, cy = (h - 1.0) / 2.0;
    const double cosA = std::cos(params.rotationRad), sinA = std::sin(params.rotationRad);
    const double z = params.zoom;
    const double a00 = z * cosA, a01 = -z * sinA, a10 = z * sinA, a11 = z * cosA;
    const double tx = params.shiftX * w, ty = params.shiftY * h;
    const double px = -tx - cx, py = -ty - cy;   // constant part of (p − t − c)
    double m00 = a00, m01 = a01, m02 = a00 * px + a01 * py + cx;
    const double m10 = a10, m11 = a11, m12 = a10 * px + a11 * py + cy;
    if (params.flip) {   // x ↦ (w − 1) − x
        m00 = -m00;
        m01 = -m01;
        m02 = (w - 1.0) - m02;
    }
    return {m00, m01, m02, m10, m11, m12};
}

bool isIdentity(const AugmentParams& params)
{
    return !params.flip && params.rotationRad == 0.0 && params.zoom == 1.0 && params.shiftX == 0.0 &&
           params.shiftY == 0.0;
}

cv::Mat applyAugmentation(const cv::Mat& image, const AugmentParams& params, FillMode fillMode)
{
    if (isIdentity(params) || image.empty())
        return image;
    if (!params.rotationRad && params.zoom == 1.0 && !params.shiftX && !params.shiftY) {
        cv::Mat flipped;
        cv::flip(image, flipped, 1);   // exact, no interpolation
        return flipped;
    }
    int border = cv::BORDER_REFLECT;
    switch (fillMode) {
    case FillMode::Nearest: border = cv::BORDER_REPLICATE; break;
    case FillMode::Wrap: border = cv::BORDER_WRAP; break;
    case FillMode::Constant: border = cv::BORDER_CONSTANT; break;
    case FillMode::Reflect: break;
    }
    cv::Mat warped;
    cv::warpAffine(image, warped, cv::Mat(augmentInverseMap(params, image.size())), image.size(),
                   cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, border, cv::Scalar::all(0));
    return warped;
}

cv::Mat augmentImage(const cv::Mat& image, const AugmentOptions& options, std::uint64_t sampleSeed)
{
    return applyAugmentation(image, sampleAugmentParams(options, sampleSeed), options.fillMode);
}

} // namespace kg
