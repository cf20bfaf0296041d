#pragma once
// Internal (OpenCV): random geometric augmentation of training images. Deterministic: the
// parameters of one sample come only from its seed, never from thread timing or call order.
#include "core/data/AugmentOptions.h"
#include "core/data/RandomStreams.h"

#include <opencv2/core.hpp>

#include <cstdint>

namespace kg {

/// The transform drawn for one sample, in Keras' layer order: flip, rotation, zoom, translation.
struct AugmentParams {
    bool flip = false;          ///< horizontal mirror
    double rotationRad = 0.0;   ///< counter-clockwise as displayed (Keras: positive = counter clock-wise)
    double zoom = 1.0;          ///< sampling scale: > 1 zooms out (shows more), < 1 zooms in
    double shiftX = 0.0;        ///< fraction of the width, positive moves the content right
    double shiftY = 0.0;        ///< fraction of the height, positive moves the content down
};

/// Draws the transform of one sample. Always consumes the same random numbers, so switches
/// only zero their own transform.
AugmentParams sampleAugmentParams(const AugmentOptions& options, std::uint64_t sampleSeed);

/// 2×3 map from output pixel to input pixel (pixel centres at integers, rotation/zoom about
/// ((w−1)/2, (h−1)/2) as in Keras), for cv::warpAffine with WARP_INVERSE_MAP.
cv::Matx23d augmentInverseMap(const AugmentParams& params, cv::Size size);

/// True when `params` leaves every pixel where it is.
bool isIdentity(const AugmentParams& params);

/// Applies `params` with one bilinear warp; same size and type as `image`. Identity returns `image`.
cv::Mat applyAugmentation(const cv::Mat& image, const AugmentParams& params, FillMode fillMode = FillMode::Reflect);

/// sampleAugmentParams + applyAugmentation.
cv::Mat augmentImage(const cv::Mat& image, const AugmentOptions& options, std::uint64_t sampleSeed);

} // namespace kg
