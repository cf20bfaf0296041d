#pragma once
// Internal (torch): how training-time code runs a batch through the network — the trainer's
// epochs and the frozen-backbone feature cache share this one rule. On CUDA the input and the
// convolution weights use the channels-last layout (cuDNN's fast path; on the CPU
// Model::Impl::moveTo and prepareInput already use it), and with `autocast` the forward pass
// runs under CUDA bf16 autocast. Outputs are float32 whatever ran inside. Without gradients
// and with the BNs in eval mode (validation, a frozen backbone's features) the pass runs with
// the BNs folded into their convolutions (Model::Impl::inferenceFolding); never in training.
#include "core/model/ModelImpl.h"

namespace kg {

class BatchForward {
public:
    /// `autocast`: CUDA bf16 autocast (no effect on the CPU). The model must outlive this.
    BatchForward(Model::Impl& model, bool autocast);

    /// CUDA: converts the network's 4-D weights to channels-last, matching input(). Call after
    /// Model::Impl::moveTo; a no-op on the CPU, where moveTo did it.
    static void useChannelsLastWeights(Model::Impl& model);

    /// NCHW images → the network's input: on its device, float32, channels-last.
    torch::Tensor input(const torch::Tensor& images) const;
    /// Logits of the whole network (head included), float32. Gradients flow unless the caller
    /// holds a NoGradGuard.
    torch::Tensor logits(const torch::Tensor& images) const;
    /// Pooled backbone features (no head), float32.
    torch::Tensor pooled(const torch::Tensor& images) const;

    Model::Impl& model() const { return model_; }
    bool autocast() const { return autocast_; }

private:
    Model::Impl& model_;
    bool autocast_ = false;
};

} // namespace kg
