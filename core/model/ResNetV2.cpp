#include "core/model/ResNetV2.h"

#include "core/model/BatchNormFolding.h"
#include "core/util/Error.h"

namespace kg::nn {
namespace F = torch::nn::functional;

torch::nn::BatchNorm2d kerasBatchNorm(int64_t channels)
{
    return torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(channels).eps(1.001e-5).momentum(0.01));
}

torch::Tensor zeroPaddedMaxPool(const torch::Tensor& x)
{
    return F::max_pool2d(F::pad(x, F::PadFuncOptions({1, 1, 1, 1})), F::MaxPool2dFuncOptions(3).stride(2));
}

namespace {

torch::nn::Conv2d conv(int64_t in, int64_t out, int64_t kernel, int64_t stride, bool bias)
{
    // Keras pads explicitly with ZeroPadding2D and uses 'valid' convolutions; a symmetric
    // zero padding inside the convolution is the same operation.
    return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, kernel).stride(stride).padding(kernel / 2).bias(bias));
}

} // namespace

PreActBottleneckImpl::PreActBottleneckImpl(int64_t inChannels, int64_t filters, int64_t stride, bool convShortcut)
    : stride_(stride)
{
    preactBn_ = register_module("preact_bn", kerasBatchNorm(inChannels));
    if (convShortcut)
        shortcutConv_ = register_module("0_conv", conv(inChannels, 4 * filters, 1, stride, true));
    conv1_ = register_module("1_conv", conv(inChannels, filters, 1, 1, false));
    bn1_ = register_module("1_bn", kerasBatchNorm(filters));
    conv2_ = register_module("2_conv", conv(filters, filters, 3, stride, false));
    bn2_ = register_module("2_bn", kerasBatchNorm(filters));
    conv3_ = register_module("3_conv", conv(filters, 4 * filters, 1, 1, true));
}

torch::Tensor PreActBottleneckImpl::forward(const torch::Tensor& x, const FoldedBlock* folded)
{
    // The ReLUs and the residual addition work in place on tensors this block has just made
    // (BN and convolution outputs, which no backward pass needs: BN's saves its input, a
    // convolution's its input and kernel, ReLU's its result): the same values and gradients,
    // fewer allocations and passes over memory. Inference (`folded`) always does.
    const bool inPlace = inPlace_ || folded;
    auto relu = [inPlace](torch::Tensor t) { return inPlace ? t.relu_() : torch::relu(t); };
    const torch::Tensor preact = relu(preactBn_(x));
    torch::Tensor shortcut;
    if (shortcutConv_)
        shortcut = shortcutConv_(preact);
    else if (stride_ > 1)
        shortcut = F::max_pool2d(x, F::MaxPool2dFuncOptions(1).stride(stride_));  // MaxPooling2D(1, stride) of raw x
    else
        shortcut = x;
    torch::Tensor y;
    if (folded) {
        // BN(conv(x)) = conv(x; W·s) + (β − μ·s), s = γ/√(σ²+ε): one convolution with a bias.
        y = relu(F::conv2d(preact, folded->conv1Weight,
                           F::Conv2dFuncOptions().bias(folded->conv1Bias).stride(conv1_->options.stride()).padding(conv1_->options.padding())));
        y = relu(F::conv2d(y, folded->conv2Weight,
                           F::Conv2dFuncOptions().bias(folded->conv2Bias).stride(conv2_->options.stride()).padding(conv2_->options.padding())));
    } else {
        y = relu(bn1_(conv1_(preact)));
        y = relu(bn2_(conv2_(y)));
    }
    return inPlace ? conv3_(y).add_(shortcut) : shortcut + conv3_(y);
}

ResNetV2Impl::ResNetV2Impl(const BackboneOptions& options) : options_(options)
{
    const std::vector<int> blocks = blocksPerStack(options);
    if (blocks.size() != 4)
        throw Error("a ResNetV2 needs four stacks, got " + std::to_string(blocks.size()));
    const int64_t base = options.architecture == Architecture::Custom ? options.baseFilters : 64;

    stem_ = register_module("conv1_conv", conv(3, base, 7, 2, true));
    int64_t channels = base;
    for (int stack = 0; stack < 4; ++stack) {
        const int64_t filters = base << stack;
        // Keras: stride 2 in the *last* block of conv2..conv4; conv5 keeps stride 1.
        const int64_t lastStride = stack < 3 ? 2 : 1;
        for (int b = 1; b <= blocks[stack]; ++b) {
            const std::string name = "conv" + std::to_string(stack + 2) + "_block" + std::to_string(b);
            const int64_t stride = b == blocks[stack] ? lastStride : 1;
            auto block = register_module(name, PreActBottleneck(channels, filters, stride, b == 1));
            blocks_.emplace_back(name, block);
            channels = 4 * filters;
        }
    }
    postBn_ = register_module("post_bn", kerasBatchNorm(channels));
    outputChannels_ = channels;
    if (options.imagenetTop)
        predictions_ = register_module("predictions", torch::nn::Linear(channels, 1000));
}

int64_t ResNetV2Impl::featureSide(int64_t imageSize) const
{
    int64_t side = (imageSize + 2 * 3 - 7) / 2 + 1;  // conv1 7×7/2, pad 3
    side = (side + 2 - 3) / 2 + 1;                   // pool1 3×3/2, pad 1
    for (const auto& [name, block] : blocks_)
        if (block->stride() > 1)
            side = (side - 1) / block->stride() + 1;
    return side;
}

void ResNetV2Impl::setInPlaceActivations(bool inPlace)
{
    inPlace_ = inPlace;
    for (auto& [name, block] : blocks_)
        block->setInPlaceActivations(inPlace);
}

std::vector<std::string> ResNetV2Impl::stackNames() const { return {"conv2", "conv3", "conv4", "conv5"}; }

BackboneOutput ResNetV2Impl::forward(const torch::Tensor& input, bool stageFeatures, const FoldedBatchNorms* folded)
{
    if (folded && folded->blocks.size() != blocks_.size())
        throw Error("folded BatchNorm weights of " + std::to_string(folded->blocks.size()) + " blocks for a network of " +
                    std::to_string(blocks_.size()));
    BackboneOutput out;
    torch::Tensor x = stem_(input);
    x = zeroPaddedMaxPool(x);
    if (stageFeatures)
        out.stages.push_back(x.mean({2, 3}));
    for (size_t i = 0; i < blocks_.size(); ++i) {
        x = blocks_[i].second->forward(x, folded ? &folded->blocks[i] : nullptr);
        const bool lastOfStack = i + 1 < blocks_.size() && blocks_[i + 1].first.substr(0, 5) != blocks_[i].first.substr(0, 5);
        if (stageFeatures && lastOfStack)
            out.stages.push_back(x.mean({2, 3}));
    }
    out.featureMap = inPlace_ || folded ? postBn_(x).relu_() : torch::relu(postBn_(x));
    if (stageFeatures)
        out.stages.push_back(out.featureMap.mean({2, 3}));
    if (options_.imagenetTop || options_.pooling == Pooling::Average)
        out.pooled = out.featureMap.mean({2, 3});
    else if (options_.pooling == Pooling::Max)
        out.pooled = out.featureMap.amax({2, 3});
    else
        out.pooled = out.featureMap;
    if (predictions_)
        out.pooled = predictions_(out.pooled);  // 1000 ImageNet logits
    return out;
}

ClassifierHeadImpl::ClassifierHeadImpl(int64_t inFeatures, const HeadOptions& options)
{
    int64_t width = inFeatures;
    int index = 0;
    auto name = [&index] { return index == 0 ? std::string("dense") : "dense_" + std::to_string(index); };
    for (int units : options.hiddenUnits) {
        layers_.push_back(register_module(name(), torch::nn::Linear(width, units)));
        width = units;
        ++index;
    }
    dropoutRate_ = options.dropout;
    layers_.push_back(register_module(name(), torch::nn::Linear(width, options.numClasses)));
}

torch::Tensor ClassifierHeadImpl::forward(torch::Tensor x)
{
    for (size_t i = 0; i + 1 < layers_.size(); ++i)
        x = torch::relu(layers_[i](x));
    return layers_.back()(dropout(x));
}

torch::Tensor ClassifierHeadImpl::dropout(const torch::Tensor& x)
{
    if (!is_training() || dropoutRate_ <= 0.0)
        return x;
    if (!generator_)
        return torch::dropout(x, dropoutRate_, /*train=*/true);
    // Keras/torch inverted dropout: keep with probability 1 − p, scale the kept by 1/(1 − p).
    const double keep = 1.0 - dropoutRate_;
    torch::Tensor mask = torch::empty(x.sizes(), torch::kFloat32).bernoulli_(keep, *generator_).div_(keep);
    if (!x.device().is_cpu())
        mask = mask.pin_memory().to(x.device(), x.scalar_type(), /*non_blocking=*/true);
    return x * mask;
}

KneeClassifierImpl::KneeClassifierImpl(const ModelOptions& options) : options_(options)
{
    backbone_ = register_module("backbone", ResNetV2(options.backbone));
    if (options.head.enabled) {
        if (options.backbone.pooling == Pooling::None && !options.backbone.imagenetTop)
            throw Error("a classifier head needs pooling avg or max (Keras pooling=None keeps a 4-D map)");
        const int64_t in = options.backbone.imagenetTop ? 1000 : backbone_->outputChannels();
        head_ = register_module("head", ClassifierHead(in, options.head));
    }
    initialiseLikeKeras(*this, options.seed);
}

ClassifierOutput KneeClassifierImpl::forward(const torch::Tensor& x, bool stageFeatures, const FoldedBatchNorms* folded)
{
    BackboneOutput b = backbone_->forward(x, stageFeatures, folded);
    ClassifierOutput out{b.featureMap, b.pooled, {}, std::move(b.stages)};
    if (head_)
        out.logits = head_->forward(b.pooled);
    else if (options_.backbone.imagenetTop)
        out.logits = b.pooled;
    return out;
}

void initialiseLikeKeras(torch::nn::Module& module, uint64_t seed)
{
    torch::NoGradGuard noGrad;
    auto generator = at::detail::createCPUGenerator(seed);
    for (auto& child : module.modules(/*include_self=*/false)) {
        if (auto* convolution = child->as<torch::nn::Conv2dImpl>()) {
            const auto& w = convolution->weight;
            const double fanIn = static_cast<double>(w.size(1) * w.size(2) * w.size(3));
            const double fanOut = static_cast<double>(w.size(0) * w.size(2) * w.size(3));
            const double limit = std::sqrt(6.0 / (fanIn + fanOut));
            w.copy_(torch::empty(w.sizes()).uniform_(-limit, limit, generator));
            if (convolution->bias.defined())
                convolution->bias.zero_();
        } else if (auto* linear = child->as<torch::nn::LinearImpl>()) {
            const auto& w = linear->weight;
            const double limit = std::sqrt(6.0 / static_cast<double>(w.size(0) + w.size(1)));
            w.copy_(torch::empty(w.sizes()).uniform_(-limit, limit, generator));
            linear->bias.zero_();
        } else if (auto* norm = child->as<torch::nn::BatchNorm2dImpl>()) {
            norm->weight.fill_(1.0);
            norm->bias.zero_();
            norm->running_mean.zero_();
            norm->running_var.fill_(1.0);
        }
    }
}

std::string kerasLayerName(const std::string& modulePath)
{
    std::string name = modulePath;
    for (const char* prefix : {"backbone.", "head."})
        if (name.rfind(prefix, 0) == 0)
            name = name.substr(std::string(prefix).size());
    for (char& c : name)
        if (c == '.')
            c = '_';
    return name;
}

} // namespace kg::nn
