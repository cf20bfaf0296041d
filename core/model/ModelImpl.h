#pragma once
// Internal (torch): what core's training and evaluation code sees behind kg::Model.
#include "core/model/BatchNormFolding.h"
#include "core/model/Model.h"
#include "core/model/ResNetV2.h"

#include <memory>

namespace kg {

struct Model::Impl {
    explicit Impl(const ModelOptions& options) : options(options), net(options) {}
    ModelOptions options;
    nn::KneeClassifier net;
    torch::Device device{torch::kCPU};

    /// Moves the network to `target`; on CPU parameters use the channels-last layout,
    /// which oneDNN convolutions run 1.3–1.5× faster.
    void moveTo(const torch::Device& target);
    /// Prepares an NCHW batch for this network (device, dtype, memory format).
    torch::Tensor prepareInput(const torch::Tensor& nchw) const;

    /// For inference only (BNs in eval mode, under NoGradGuard): the network's foldable BNs
    /// folded into their convolutions (BatchNormFolding.h), to pass to net->forward. Folded
    /// again when the weights, statistics or device changed since the last call; null when
    /// any of those BNs is in training mode, gradients are on, or foldBatchNorms is false.
    /// `activationGradients`: gradients may be on, for gradients with respect to activations
    /// only (Grad-CAM) — the folded kernels are constants, so the parameters get none.
    const nn::FoldedBatchNorms* inferenceFolding(bool activationGradients = false);
    bool foldBatchNorms = true;  ///< false: inference runs every BN as it is (benchmarks, tests)
    std::shared_ptr<nn::FoldedBatchNorms> folded;  ///< inferenceFolding's cache
};

/// Named parameters and buffers the checkpoint and .h5 import both use: every tensor whose
/// value defines the model (BN's num_batches_tracked counter is excluded).
std::vector<std::pair<std::string, torch::Tensor>> modelStateTensors(nn::KneeClassifier& net);

} // namespace kg
