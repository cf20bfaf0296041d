#pragma once
// Internal (torch): preprocessing straight into tensors for prediction and Grad-CAM.
#include "core/data/Preprocess.h"
#include "core/util/TorchInclude.h"

namespace kg {

/// One decoded 8-bit radiograph → 1×C×H×W float32 CPU tensor, scaled exactly once.
torch::Tensor preprocessToTensor(const cv::Mat& decoded, const PreprocessOptions& options = {});

} // namespace kg
