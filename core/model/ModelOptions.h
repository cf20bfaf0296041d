#pragma once
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace kg {

/// The ResNetV2 depths Keras ships, plus Custom for small test/demo variants.
enum class Architecture { ResNet50V2, ResNet101V2, ResNet152V2, Custom };

/// What follows `post_relu`: Keras' `pooling` argument.
enum class Pooling { Average, Max, None };

struct BackboneOptions {
    Architecture architecture = Architecture::ResNet152V2;
    std::vector<int> blocksPerStack;   ///< Custom only, four entries (152V2 is {3, 8, 36, 3})
    int baseFilters = 64;              ///< bottleneck width of stack conv2; doubles per stack
    Pooling pooling = Pooling::Average;
    bool imagenetTop = false;          ///< Keras include_top: 1000-class `predictions` layer
};

/// The tutorial's classifier head: Dense(128, relu) → Dropout(0.2) → Dense(5).
struct HeadOptions {
    bool enabled = true;
    std::vector<int> hiddenUnits{128};  ///< one Dense+ReLU per entry (Keras names dense, dense_1, …)
    double dropout = 0.2;               ///< after the hidden layers, as in the tutorial
    int numClasses = 5;                 ///< KL grades 0–4
};

struct ModelOptions {
    BackboneOptions backbone;
    HeadOptions head;
    std::uint64_t seed = 42;            ///< weight initialisation seed (Keras' glorot_uniform)
};

/// "resnet152v2", "resnet101v2", "resnet50v2", "resnetv2-tiny" ({1,1,1,1} × 8),
/// "resnetv2-small" ({2,2,2,2} × 16) or "resnetv2:B1,B2,B3,B4:F" for any custom variant.
/// Throws kg::Error listing the accepted names.
BackboneOptions parseArchitecture(const std::string& spec);
/// Inverse of parseArchitecture (ignores pooling/top).
std::string architectureName(const BackboneOptions& backbone);
/// Blocks per stack after resolving the named depths.
std::vector<int> blocksPerStack(const BackboneOptions& backbone);

std::string toString(Pooling pooling);
Pooling parsePooling(const std::string& text);

void to_json(nlohmann::json& json, const ModelOptions& options);
void from_json(const nlohmann::json& json, ModelOptions& options);

} // namespace kg
