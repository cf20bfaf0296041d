#pragma once
// Internal (torch): the last steps of preprocessing — the augmentation warp, gray → RGB and
// x·scale + offset — as tensor operations on any device, so that on a GPU the host only
// decodes and resizes, and ships 8-bit pixels (4× less to copy than float32, 12× for gray).
//
// Same transform as the host path (Augment.h: augmentInverseMap, one bilinear warp per image),
// two deliberate differences:
//   - the warp interpolates in float and is not rounded back to 8 bits; OpenCV's 8-bit
//     warpAffine uses 1/32-pixel coordinates and rounds, so the two differ by about one grey
//     level where the image has detail (tests/data/test_device_augment bounds it);
//   - FillMode::Wrap has no device form (grid_sample has no periodic padding); a loader with
//     wrap fill keeps augmenting on the host and only finishes on the device.
#include "core/data/AugmentOptions.h"
#include "core/data/PreprocessOptions.h"
#include "core/util/TorchInclude.h"

namespace kg {

/// True when `mode` can be applied by warpImages.
bool deviceWarpSupports(FillMode mode);

/// Per-image 2×3 output→input pixel maps (N×2×3, pixel centres at integers, as
/// augmentInverseMap returns) of width×height images → the normalised θ that warpImages takes
/// (affine_grid, align_corners false). N×2×3 float32 on the CPU, computed in double; small, so
/// a loader thread computes it and the consumer only copies it.
torch::Tensor normalisedWarps(const torch::Tensor& maps, std::int64_t width, std::int64_t height);

/// Resamples N×C×H×W float `images` through `theta` (normalisedWarps), bilinear, with
/// `fillMode` (Reflect, Nearest or Constant 0) outside the image. Runs on images' device.
torch::Tensor warpImages(const torch::Tensor& images, const torch::Tensor& theta, FillMode fillMode);

/// The network input of 8-bit `pixels` (N×c×H×W uint8, c = 1 or options.channels): warped by
/// `theta` when defined, channels replicated to options.channels, x·scale + offset. float32
/// on pixels' device.
torch::Tensor finishPixels(const torch::Tensor& pixels, const torch::Tensor& theta, const PreprocessOptions& options,
                           FillMode fillMode);

} // namespace kg
