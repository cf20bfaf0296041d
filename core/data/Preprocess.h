#pragma once
// Internal (OpenCV): turns a decoded 8-bit radiograph into the network's input, exactly once.
// Only 8-bit images are accepted, so an already scaled float image can never be scaled a
// second time (the tutorial's preprocess_input-twice bug is a type error here).
#include "core/data/PreprocessOptions.h"

#include <opencv2/core.hpp>

#include <vector>

namespace kg {

/// Resizes an 8-bit image to options.imageSize² (area averaging when shrinking, bilinear when
/// enlarging, aspect ratio not kept, as Keras' image_dataset_from_directory does) and converts
/// it to options.channels (1 or 3; gray is replicated, colour input is taken as OpenCV BGR(A)).
/// Returns a CV_8UC1 or CV_8UC3 (RGB order) image; shares `image`'s data when nothing changes.
/// Throws kg::Error for empty, non-8-bit or unsupported channel counts.
cv::Mat toModelImage(const cv::Mat& image, const PreprocessOptions& options);

/// Writes `image` (8-bit, imageSize², 1 or 3 channels as returned by toModelImage) as planar
/// C×H×W float32 `x·scale + offset` into `chw` (options.channels·imageSize² floats).
/// Gray images are replicated into every channel. Throws kg::Error on a mismatching image.
void writeModelInput(const cv::Mat& image, const PreprocessOptions& options, float* chw);

/// toModelImage + writeModelInput: the full preprocessing of one decoded radiograph as a
/// C×H×W float vector in [offset, 255·scale + offset] (= [-1, 1] by default).
std::vector<float> preprocessForModel(const cv::Mat& decoded, const PreprocessOptions& options = {});

/// Throws kg::Error when options are unusable (size < 8, channels not 1 or 3, scale ≤ 0).
void validatePreprocessOptions(const PreprocessOptions& options);

} // namespace kg
