#pragma once
// Internal (torch): Grad-CAM (Selvaraju et al. 2017) on the classifier's post_relu map.
#include "core/eval/GradCam.h"
#include "core/model/ModelImpl.h"

#include <vector>

namespace kg {

struct GradCamResult {
    torch::Tensor maps;        ///< N×h×w float, CPU, each normalised to [0, 1] (all zero without evidence)
    torch::Tensor logits;      ///< N×K pre-softmax scores of the same pass, CPU
    std::vector<int> targets;  ///< the class explained for each image
};

/// Gradient of the pre-softmax score of `targets[i]` (−1: the arg-max class) w.r.t. post_relu
/// A; channel weights = spatial mean of that gradient; map = ReLU(Σ_c w_c·A_c) / max.
/// `images` is an N×3×H×W preprocessed batch. The model runs in inference mode (BN running
/// statistics, no dropout); one forward and one backward pass for the whole batch (images in
/// a batch are independent in inference mode, so the summed score gives per-image gradients).
/// Parameter gradients are not touched. Throws kg::Error when the model has no logits.
GradCamResult computeGradCam(Model::Impl& model, const torch::Tensor& images, const std::vector<int>& targets = {});

/// One map of `maps` (h×w, CPU float) as a HeatMap, bilinearly upsampled to width × height.
HeatMap heatMapFromTensor(const torch::Tensor& map, int width, int height);

} // namespace kg
