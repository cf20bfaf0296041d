#include "core/model/BatchNormFolding.h"

namespace kg::nn {
namespace {

/// The tensors whose values a fold depends on, in a fixed order.
std::vector<torch::Tensor> foldSources(ResNetV2Impl& net)
{
    std::vector<torch::Tensor> sources;
    for (const auto& [name, block] : net.blocks())
        for (const torch::nn::BatchNorm2d& bn : {block->bn1(), block->bn2()})
            sources.insert(sources.end(), {bn->weight, bn->bias, bn->running_mean, bn->running_var});
    for (const auto& [name, block] : net.blocks())
        for (const torch::nn::Conv2d& conv : {block->conv1(), block->conv2()}) {
            sources.push_back(conv->weight);
            if (conv->bias.defined())
                sources.push_back(conv->bias);
        }
    return sources;
}

/// conv(x; W, b) followed by BN → conv(x; W·s, (b − μ)·s + β).
std::pair<torch::Tensor, torch::Tensor> fold(const torch::nn::Conv2d& conv, const torch::nn::BatchNorm2d& bn)
{
    const torch::Tensor& w = conv->weight;
    const torch::Tensor scale = bn->weight.to(torch::kFloat64) / (bn->running_var.to(torch::kFloat64) + bn->options.eps()).sqrt();
    torch::Tensor shift = -bn->running_mean.to(torch::kFloat64);
    if (conv->bias.defined())
        shift = shift + conv->bias.to(torch::kFloat64);
    // The per-channel factors in float64, the kernel scaled in its own dtype (one rounding).
    const torch::Tensor weight = (w * scale.to(w.scalar_type()).view({-1, 1, 1, 1})).contiguous(w.suggest_memory_format());
    const torch::Tensor bias = (shift * scale + bn->bias.to(torch::kFloat64)).to(w.scalar_type());
    return {weight, bias};
}

} // namespace

FoldedBatchNorms foldBatchNorms(ResNetV2Impl& net)
{
    torch::NoGradGuard noGrad;
    FoldedBatchNorms folded;
    for (const auto& [name, block] : net.blocks()) {
        FoldedBlock f;
        std::tie(f.conv1Weight, f.conv1Bias) = fold(block->conv1(), block->bn1());
        std::tie(f.conv2Weight, f.conv2Bias) = fold(block->conv2(), block->bn2());
        folded.blocks.push_back(std::move(f));
    }
    for (const torch::Tensor& t : foldSources(net))  // inference tensors have no version counter: never current
        folded.sources.emplace_back(t.data_ptr(), t.is_inference() ? -1 : static_cast<std::int64_t>(t._version()));
    return folded;
}

bool foldedIsCurrent(const FoldedBatchNorms& folded, ResNetV2Impl& net)
{
    const std::vector<torch::Tensor> sources = foldSources(net);
    if (sources.size() != folded.sources.size())
        return false;
    for (size_t i = 0; i < sources.size(); ++i)
        if (sources[i].is_inference() || sources[i].data_ptr() != folded.sources[i].first ||
            static_cast<std::int64_t>(sources[i]._version()) != folded.sources[i].second)
            return false;
    return true;
}

} // namespace kg::nn
