#pragma once
// Internal (OpenCV): the images the localiser learns from and is measured on — generated full
// radiographs, single-knee crops (phantoms and truth boxes cut out of a radiograph), larger
// crops around a knee, and negatives: crops of a radiograph away from the knees (hip, ankle,
// shafts), plus drawn images with no joint at all (flat, noise, gradients, blobs, long-bone
// shafts, chest-like ribs, burnt-in text). All deterministic from the random stream given.
#include "core/data/DeterministicRandom.h"
#include "core/data/JointRegion.h"

#include <opencv2/core.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace kg::locate {

/// A joint in some image's pixels: centre and square side.
struct Box {
    float cx = 0, cy = 0, side = 0;
};

/// An image with its joints (possibly none), in its own pixels.
struct LabelledImage {
    cv::Mat gray;                 ///< 8-bit
    std::vector<Box> boxes;
    std::string kind;             ///< "radiograph", "crop", "context", "negative crop", "phantom", "drawn negative"
};

Box toBox(const JointRegion& region);

/// `region` of `gray`, padded with 0 where it leaves the image.
cv::Mat cropPadded(const cv::Mat& gray, const cv::Rect& region);

/// The truth box cut out: a single-knee crop as the classifier's training images are (its box is the whole crop).
LabelledImage boxCrop(const cv::Mat& gray, const Box& knee);
/// A square crop 1.3–2.4 times the box around it, shifted at random, with every joint fully
/// inside it. Empty gray when no such crop exists (e.g. the other knee would be cut in half).
LabelledImage contextCrop(const cv::Mat& gray, const std::vector<Box>& knees, std::size_t which, DeterministicRandom& r);
/// A crop that keeps clear of every joint (by a margin of a quarter box): hip, shaft, ankle, soft
/// tissue, background. Empty gray when none is found in a few tries.
LabelledImage negativeCrop(const cv::Mat& gray, const std::vector<Box>& knees, DeterministicRandom& r);
/// A drawn image with no joint: flat, noise, gradient, blobs, long-bone shafts, ribs, text.
LabelledImage drawnNegative(DeterministicRandom& r, int width, int height);
/// A training-style single-knee phantom (Phantom.h) of side `size`; its box is the whole image.
LabelledImage phantomImage(std::uint64_t seed, int size);

/// A letterboxed image ready for augmentation: S×S canvas, the content's rectangle, boxes in canvas pixels.
struct PoolSample {
    cv::Mat canvas;
    cv::Rect content;
    std::vector<Box> boxes;
};

PoolSample toPoolSample(const LabelledImage& image, int size);

} // namespace kg::locate
