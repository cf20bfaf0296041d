#pragma once
#include "core/model/ModelOptions.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace kg {

/// Parameter counts as Keras' model.summary() reports them.
struct ParameterCounts {
    std::int64_t trainable = 0;       ///< conv/dense kernels and biases, BN γ and β
    std::int64_t bnStatistics = 0;    ///< BN moving mean and variance (Keras' non-trainable)
    std::int64_t total() const { return trainable + bnStatistics; }
    std::int64_t backboneTrainable = 0;
    std::int64_t headTrainable = 0;
};

/// One row of the layer summary: a stem/block/post layer of the backbone or a head layer.
struct LayerSummary {
    std::string name;                  ///< Keras name: conv1_conv, conv2_block1, post_bn, dense…
    std::string kind;                  ///< "Conv2D", "Bottleneck", "BatchNorm", "Dense", …
    std::vector<std::int64_t> outputShape;  ///< without the batch dimension, HWC as Keras prints
    std::int64_t parameters = 0;       ///< trainable + BN statistics
};

/// A ResNetV2 classifier. Owns its weights; movable, not copyable. Not thread-safe:
/// use one Model per thread (Model::clone() makes an independent copy).
class Model {
public:
    /// Builds the network with Keras' initialisation from options.seed.
    explicit Model(const ModelOptions& options = {});
    ~Model();
    Model(Model&&) noexcept;
    Model& operator=(Model&&) noexcept;
    Model(const Model&) = delete;
    Model& operator=(const Model&) = delete;

    const ModelOptions& options() const;
    ParameterCounts parameterCounts() const;
    std::vector<LayerSummary> summary(int imageSize = 224) const;
    /// Shape of post_relu (H, W, C) for a square input of `imageSize`.
    std::vector<std::int64_t> featureMapShape(int imageSize = 224) const;
    /// Number of Keras "weighted layers" (convs, BNs, denses).
    int weightedLayerCount() const;

    /// Runs a forward pass on N×side×side×3 float pixels already preprocessed (row-major
    /// NHWC) and returns N×numClasses logits (or the pooled features without a head).
    std::vector<float> forward(const std::vector<float>& nhwc, int batch, int side);

    Model clone() const;

    /// Internal access for core (train, eval): see core/model/ModelImpl.h.
    struct Impl;
    Impl& impl() { return *impl_; }
    const Impl& impl() const { return *impl_; }

private:
    explicit Model(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace kg
