#include "core/model/ModelImpl.h"

#include "core/util/Error.h"

namespace kg {

void Model::Impl::moveTo(const torch::Device& target)
{
    net->to(target);
    device = target;
    if (target.is_cpu()) {
        torch::NoGradGuard noGrad;
        for (auto& p : net->parameters())
            if (p.dim() == 4)
                p.set_data(p.contiguous(at::MemoryFormat::ChannelsLast));
    }
}

torch::Tensor Model::Impl::prepareInput(const torch::Tensor& nchw) const
{
    // Asynchronous from a loader's pinned batch; from pageable memory the copy waits as before.
    torch::Tensor x = nchw.to(device, torch::kFloat32, /*non_blocking=*/true);
    return device.is_cpu() ? x.contiguous(at::MemoryFormat::ChannelsLast) : x;
}

const nn::FoldedBatchNorms* Model::Impl::inferenceFolding(bool activationGradients)
{
    if (!foldBatchNorms || (torch::GradMode::is_enabled() && !activationGradients))
        return nullptr;
    // Only BNs that use their running statistics fold (a frozen backbone's do while its head trains).
    for (const auto& [name, block] : net->backbone()->blocks())
        if (block->bn1()->is_training() || block->bn2()->is_training())
            return nullptr;
    if (!folded || !nn::foldedIsCurrent(*folded, *net->backbone()))
        folded = std::make_shared<nn::FoldedBatchNorms>(nn::foldBatchNorms(*net->backbone()));  // under NoGradGuard
    return folded.get();
}

std::vector<std::pair<std::string, torch::Tensor>> modelStateTensors(nn::KneeClassifier& net)
{
    std::vector<std::pair<std::string, torch::Tensor>> tensors;
    for (const auto& item : net->named_parameters())
        tensors.emplace_back(item.key(), item.value());
    for (const auto& item : net->named_buffers())
        if (item.key().find("num_batches_tracked") == std::string::npos)
            tensors.emplace_back(item.key(), item.value());
    return tensors;
}

Model::Model(const ModelOptions& options) : impl_(std::make_unique<Impl>(options))
{
    impl_->moveTo(torch::kCPU);
}

Model::Model(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Model::~Model() = default;
Model::Model(Model&&) noexcept = default;
Model& Model::operator=(Model&&) noexcept = default;

const ModelOptions& Model::options() const { return impl_->options; }

ParameterCounts Model::parameterCounts() const
{
    ParameterCounts counts;
    for (const auto& item : impl_->net->named_parameters()) {
        const auto n = item.value().numel();
        counts.trainable += n;
        (item.key().rfind("head.", 0) == 0 ? counts.headTrainable : counts.backboneTrainable) += n;
    }
    for (const auto& item : impl_->net->named_buffers())
        if (item.key().find("running_") != std::string::npos)
            counts.bnStatistics += item.value().numel();
    return counts;
}

std::vector<std::int64_t> Model::featureMapShape(int imageSize) const
{
    const int64_t side = impl_->net->backbone()->featureSide(imageSize);
    return {side, side, impl_->net->backbone()->outputChannels()};
}

int Model::weightedLayerCount() const
{
    int count = 0;
    for (const auto& child : impl_->net->modules(false))
        if (child->as<torch::nn::Conv2dImpl>() || child->as<torch::nn::BatchNorm2dImpl>() ||
            child->as<torch::nn::LinearImpl>())
            ++count;
    return count;
}

std::vector<LayerSummary> Model::summary(int imageSize) const
{
    auto countOf = [](const torch::nn::Module& module) {
        int64_t n = 0;
        for (const auto& p : module.parameters())
            n += p.numel();
        for (const auto& b : module.named_buffers())
            if (b.key().find("running_") != std::string::npos)
                n += b.value().numel();
        return n;
    };
    auto& backbone = *impl_->net->backbone();
    const int64_t base = backbone.named_children()["conv1_conv"]->as<torch::nn::Conv2dImpl>()->options.out_channels();
    std::vector<LayerSummary> rows;
    int64_t side = (imageSize - 1) / 2 + 1;
    rows.push_back({"conv1_conv", "Conv2D 7×7/2", {side, side, base}, countOf(*backbone.named_children()["conv1_conv"])});
    side = (side - 1) / 2 + 1;
    rows.push_back({"pool1_pool", "MaxPool 3×3/2 (zero pad)", {side, side, base}, 0});
    for (const auto& [name, block] : backbone.blocks()) {
        if (block->stride() > 1)
            side = (side - 1) / block->stride() + 1;
        const auto out = block->named_children()["3_conv"]->as<torch::nn::Conv2dImpl>()->options.out_channels();
        rows.push_back({name, block->stride() > 1 ? "Bottleneck /2" : "Bottleneck", {side, side, out}, countOf(*block)});
    }
    const int64_t channels = backbone.outputChannels();
    rows.push_back({"post_bn", "BatchNorm", {side, side, channels}, countOf(*backbone.named_children()["post_bn"])});
    rows.push_back({"post_relu", "ReLU", {side, side, channels}, 0});
    const auto& options = impl_->options;
    if (options.backbone.imagenetTop) {
        rows.push_back({"avg_pool", "GlobalAveragePooling2D", {channels}, 0});
        rows.push_back({"predictions", "Dense", {1000}, countOf(*backbone.named_children()["predictions"])});
    } else if (options.backbone.pooling != Pooling::None) {
        rows.push_back({options.backbone.pooling == Pooling::Average ? "avg_pool" : "max_pool",
                        options.backbone.pooling == Pooling::Average ? "GlobalAveragePooling2D" : "GlobalMaxPooling2D",
                        {channels},
                        0});
    }
    if (impl_->net->hasHead()) {
        const auto& layers = impl_->net->head()->layers();
        for (size_t i = 0; i < layers.size(); ++i) {
            if (i + 1 == layers.size())
                rows.push_back({"dropout", "Dropout " + std::to_string(options.head.dropout).substr(0, 4), {layers[i]->options.in_features()}, 0});
            const std::string name = i == 0 ? "dense" : "dense_" + std::to_string(i);
            rows.push_back({name, i + 1 == layers.size() ? "Dense (logits)" : "Dense + ReLU", {layers[i]->options.out_features()}, countOf(*layers[i])});
        }
    }
    return rows;
}

std::vector<float> Model::forward(const std::vector<float>& nhwc, int batch, int side)
{
    if (static_cast<int64_t>(nhwc.size()) != int64_t{batch} * side * side * 3)
        throw Error("Model::forward: expected " + std::to_string(batch) + "×" + std::to_string(side) + "×" +
                    std::to_string(side) + "×3 values, got " + std::to_string(nhwc.size()));
    torch::NoGradGuard noGrad;
    impl_->net->eval();
    const torch::Tensor input =
        torch::from_blob(const_cast<float*>(nhwc.data()), {batch, side, side, 3}, torch::kFloat32).permute({0, 3, 1, 2});
    const auto out = impl_->net->forward(impl_->prepareInput(input), false, impl_->inferenceFolding());
    const torch::Tensor result = (out.logits.defined() ? out.logits : out.features).to(torch::kCPU).contiguous();
    return {result.data_ptr<float>(), result.data_ptr<float>() + result.numel()};
}

Model Model::clone() const
{
    auto copy = std::make_unique<Impl>(impl_->options);
    {
        torch::NoGradGuard noGrad;
        auto source = modelStateTensors(impl_->net);
        auto target = modelStateTensors(copy->net);
        for (size_t i = 0; i < source.size(); ++i)
            target[i].second.copy_(source[i].second);
    }
    copy->moveTo(impl_->device);
    return Model(std::move(copy));
}

} // namespace kg
