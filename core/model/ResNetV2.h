#pragma once
// Internal (torch): the ResNetV2 family exactly as keras.applications builds it.
// Module paths map to Keras layer names by replacing '.' with '_' (backbone.conv2_block1.1_conv
// ↔ conv2_block1_1_conv), so .h5 weights map one to one.
#include "core/model/ModelOptions.h"
#include "core/util/TorchInclude.h"

#include <optional>

namespace kg::nn {

struct FoldedBlock;
struct FoldedBatchNorms;

/// Keras BatchNormalization defaults used by ResNetV2: epsilon 1.001e-5, momentum 0.99
/// (PyTorch counts momentum the other way round: 0.01).
torch::nn::BatchNorm2d kerasBatchNorm(int64_t channels);

/// Keras' ZeroPadding2D(1) + MaxPooling2D(3, 2): pads with zeros, not −inf, so a negative
/// border never survives the pool (max_pool2d(padding=1) would differ).
torch::Tensor zeroPaddedMaxPool(const torch::Tensor& x);

/// residual_block_v2: pre-activation bottleneck.
class PreActBottleneckImpl : public torch::nn::Module {
public:
    PreActBottleneckImpl(int64_t inChannels, int64_t filters, int64_t stride, bool convShortcut);
    /// With `folded` (inference only, see BatchNormFolding.h): 1_conv→1_bn and 2_conv→2_bn run
    /// as single convolutions with the folded kernels and biases.
    torch::Tensor forward(const torch::Tensor& x, const FoldedBlock* folded = nullptr);

    int64_t stride() const { return stride_; }
    void setInPlaceActivations(bool inPlace) { inPlace_ = inPlace; }
    /// The conv → BN pairs with nothing in between, which inference may fold.
    const torch::nn::Conv2d& conv1() const { return conv1_; }
    const torch::nn::BatchNorm2d& bn1() const { return bn1_; }
    const torch::nn::Conv2d& conv2() const { return conv2_; }
    const torch::nn::BatchNorm2d& bn2() const { return bn2_; }

private:
    int64_t stride_ = 1;
    bool inPlace_ = true;
    torch::nn::BatchNorm2d preactBn_{nullptr};
    torch::nn::Conv2d shortcutConv_{nullptr};  // "0_conv", first block of a stack only
    torch::nn::Conv2d conv1_{nullptr};
    torch::nn::BatchNorm2d bn1_{nullptr};
    torch::nn::Conv2d conv2_{nullptr};
    torch::nn::BatchNorm2d bn2_{nullptr};
    torch::nn::Conv2d conv3_{nullptr};
};
TORCH_MODULE(PreActBottleneck);

/// What a forward pass returns: the last feature map (post_relu, for Grad-CAM) and the
/// pooled/flattened vector the head consumes.
struct BackboneOutput {
    torch::Tensor featureMap;  ///< N×C×h×w after post_relu
    torch::Tensor pooled;      ///< N×C (avg/max) or the feature map itself (none)
    /// Only when asked for: the spatial mean of the stem (after pool1), of each of conv2..conv4
    /// (after its last block) and of post_relu — N×C each, shallow to deep (the OOD gate's layers).
    std::vector<torch::Tensor> stages;
};

class ResNetV2Impl : public torch::nn::Module {
public:
    explicit ResNetV2Impl(const BackboneOptions& options);
    /// `folded`: inference-only folded BN weights of this network's blocks (BatchNormFolding.h);
    /// the same outputs as the eval-mode pass without them, to float rounding.
    BackboneOutput forward(const torch::Tensor& x, bool stageFeatures = false, const FoldedBatchNorms* folded = nullptr);

    int64_t outputChannels() const { return outputChannels_; }
    /// Spatial side of post_relu for a square input of `imageSize`.
    int64_t featureSide(int64_t imageSize) const;
    /// Blocks in forward order with their Keras names ("conv2_block1", …).
    const std::vector<std::pair<std::string, PreActBottleneck>>& blocks() const { return blocks_; }
    /// Inputs to the stack named e.g. "conv5" start at this block index (for partial unfreezing).
    std::vector<std::string> stackNames() const;
    /// ReLUs and residual additions in place (the default; same values and gradients, less
    /// memory traffic) or out of place (benchmarks compare the two).
    void setInPlaceActivations(bool inPlace);

private:
    BackboneOptions options_;
    bool inPlace_ = true;
    torch::nn::Conv2d stem_{nullptr};
    std::vector<std::pair<std::string, PreActBottleneck>> blocks_;
    torch::nn::BatchNorm2d postBn_{nullptr};
    torch::nn::Linear predictions_{nullptr};  // Keras include_top only
    int64_t outputChannels_ = 0;
};
TORCH_MODULE(ResNetV2);

/// The tutorial's head: Dense+ReLU per hidden layer → Dropout → Dense(numClasses) logits.
class ClassifierHeadImpl : public torch::nn::Module {
public:
    ClassifierHeadImpl(int64_t inFeatures, const HeadOptions& options);
    torch::Tensor forward(torch::Tensor x);
    const std::vector<torch::nn::Linear>& layers() const { return layers_; }

    /// Training: the dropout masks come from `generator` (a CPU generator; on a GPU the mask
    /// is drawn on the host and copied asynchronously), so that nothing else the process
    /// draws from torch's default generator — a time estimate, a prediction in another
    /// workspace — changes a run. Unset: torch's default generator.
    void drawDropoutFrom(std::optional<at::Generator> generator) { generator_ = std::move(generator); }

private:
    torch::Tensor dropout(const torch::Tensor& x);

    std::vector<torch::nn::Linear> layers_;
    double dropoutRate_ = 0.0;
    std::optional<at::Generator> generator_;
};
TORCH_MODULE(ClassifierHead);

struct ClassifierOutput {
    torch::Tensor featureMap;  ///< post_relu activation
    torch::Tensor features;    ///< pooled backbone output (the head's input)
    torch::Tensor logits;      ///< pre-softmax scores (empty without head and top)
    std::vector<torch::Tensor> stages;  ///< BackboneOutput::stages, when asked for
};

/// Backbone + head: the whole KL-grade classifier. Module names: "backbone", "head".
class KneeClassifierImpl : public torch::nn::Module {
public:
    explicit KneeClassifierImpl(const ModelOptions& options);
    ClassifierOutput forward(const torch::Tensor& x, bool stageFeatures = false, const FoldedBatchNorms* folded = nullptr);
    torch::Tensor logits(const torch::Tensor& x) { return forward(x).logits; }

    ResNetV2& backbone() { return backbone_; }
    ClassifierHead& head() { return head_; }
    bool hasHead() const { return !head_.is_empty(); }
    const ModelOptions& options() const { return options_; }

private:
    ModelOptions options_;
    ResNetV2 backbone_{nullptr};
    ClassifierHead head_{nullptr};
};
TORCH_MODULE(KneeClassifier);

/// Keras initialisation: glorot_uniform kernels, zero biases, BN γ=1 β=0, from `seed`.
void initialiseLikeKeras(torch::nn::Module& module, uint64_t seed);

/// "backbone.conv2_block1.1_conv" → "conv2_block1_1_conv"; "head.dense" → "dense".
std::string kerasLayerName(const std::string& modulePath);

} // namespace kg::nn
