#pragma once
#include <nlohmann/json_fwd.hpp>

namespace kg {

/// How a radiograph becomes a network input, applied exactly once (the tutorial applied
/// ResNetV2's preprocess_input twice). Saved in every checkpoint so prediction matches training.
struct PreprocessOptions {
    int imageSize = 224;          ///< square input side in pixels
    int channels = 3;             ///< gray radiographs are replicated to RGB for ImageNet weights
    double scale = 1.0 / 127.5;   ///< x·scale + offset maps 8-bit [0,255] to [-1,1]
    double offset = -1.0;
};

void to_json(nlohmann::json& json, const PreprocessOptions& options);
void from_json(const nlohmann::json& json, PreprocessOptions& options);

} // namespace kg
