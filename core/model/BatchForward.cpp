#include "core/model/BatchForward.h"

#include "core/util/TorchCompat.h"

namespace kg {

BatchForward::BatchForward(Model::Impl& model, bool autocast) : model_(model), autocast_(autocast) {}

void BatchForward::useChannelsLastWeights(Model::Impl& model)
{
    if (!model.device.is_cuda())
        return;
    torch::NoGradGuard noGrad;
    for (auto& p : model.net->parameters())
        if (p.dim() == 4)
            p.set_data(p.contiguous(at::MemoryFormat::ChannelsLast));
}

torch::Tensor BatchForward::input(const torch::Tensor& images) const
{
    torch::Tensor input = model_.prepareInput(images);
    if (model_.device.is_cuda())
        input = input.contiguous(at::MemoryFormat::ChannelsLast);
    return input;
}

torch::Tensor BatchForward::logits(const torch::Tensor& images) const
{
    const torch::Tensor x = input(images);
    const nn::FoldedBatchNorms* folded = model_.inferenceFolding();  // validation: eval mode, no gradients
    return compat::withCudaAutocast(autocast_, at::kBFloat16, [&] { return model_.net->forward(x, false, folded).logits; })
        .to(torch::kFloat32);
}

torch::Tensor BatchForward::pooled(const torch::Tensor& images) const
{
    const torch::Tensor x = input(images);
    const nn::FoldedBatchNorms* folded = model_.inferenceFolding();  // a frozen backbone's features
    return compat::withCudaAutocast(autocast_, at::kBFloat16, [&] { return model_.net->backbone()->forward(x, false, folded).pooled; })
        .to(torch::kFloat32);
}

} // namespace kg
