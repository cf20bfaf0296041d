#include "core/model/ModelOptions.h"

#include "core/util/Error.h"

#include <nlohmann/json.hpp>

#include <sstream>

namespace kg {

BackboneOptions parseArchitecture(const std::string& spec)
{
    BackboneOptions backbone;
    if (spec == "resnet152v2") {
        backbone.architecture = Architecture::ResNet152V2;
    } else if (spec == "resnet101v2") {
        backbone.architecture = Architecture::ResNet101V2;
    } else if (spec == "resnet50v2") {
        backbone.architecture = Architecture::ResNet50V2;
    } else if (spec == "resnetv2-tiny") {
        backbone.architecture = Architecture::Custom;
        backbone.blocksPerStack = {1, 1, 1, 1};
        backbone.baseFilters = 8;
    } else if (spec == "resnetv2-small") {
        backbone.architecture = Architecture::Custom;
        backbone.blocksPerStack = {2, 2, 2, 2};
        backbone.baseFilters = 16;
    } else if (spec.rfind("resnetv2:", 0) == 0) {
        // resnetv2:B1,B2,B3,B4:F
        backbone.architecture = Architecture::Custom;
        std::istringstream in(spec.substr(9));
        std::string blocks, filters;
        std::getline(in, blocks, ':');
        std::getline(in, filters);
        std::istringstream blockList(blocks);
        for (std::string item; std::getline(blockList, item, ',');) {
            try {
                backbone.blocksPerStack.push_back(std::stoi(item));
            } catch (const std::exception&) {
                throw Error("architecture '" + spec + "': '" + item + "' is not a block count");
            }
        }
        try {
            backbone.baseFilters = filters.empty() ? 64 : std::stoi(filters);
        } catch (const std::exception&) {
            throw Error("architecture '" + spec + "': '" + filters + "' is not a filter count");
        }
        // Bounds well above ResNet152V2 (3,8,36,3 blocks, 64 filters), so a damaged name cannot
        // ask for a network of terabytes.
        if (backbone.blocksPerStack.size() != 4 || backbone.baseFilters < 1 || backbone.baseFilters > 512)
            throw Error("architecture '" + spec + "': expected resnetv2:B1,B2,B3,B4:F with 1 ≤ F ≤ 512, e.g. resnetv2:1,1,1,1:8");
        for (int blocks : backbone.blocksPerStack)
            if (blocks < 1 || blocks > 100)
                throw Error("architecture '" + spec + "': every stack needs 1 to 100 blocks");
    } else {
        throw Error("unknown architecture '" + spec +
                    "': use resnet152v2, resnet101v2, resnet50v2, resnetv2-small, resnetv2-tiny or resnetv2:B1,B2,B3,B4:F");
    }
    return backbone;
}

std::vector<int> blocksPerStack(const BackboneOptions& backbone)
{
    switch (backbone.architecture) {
    case Architecture::ResNet50V2: return {3, 4, 6, 3};
    case Architecture::ResNet101V2: return {3, 4, 23, 3};
    case Architecture::ResNet152V2: return {3, 8, 36, 3};
    case Architecture::Custom: break;
    }
    return backbone.blocksPerStack;
}

std::string architectureName(const BackboneOptions& backbone)
{
    switch (backbone.architecture) {
    case Architecture::ResNet50V2: return "resnet50v2";
    case Architecture::ResNet101V2: return "resnet101v2";
    case Architecture::ResNet152V2: return "resnet152v2";
    case Architecture::Custom: break;
    }
    std::string name = "resnetv2:";
    for (size_t i = 0; i < backbone.blocksPerStack.size(); ++i)
        name += (i ? "," : "") + std::to_string(backbone.blocksPerStack[i]);
    return name + ":" + std::to_string(backbone.baseFilters);
}

std::string toString(Pooling pooling)
{
    switch (pooling) {
    case Pooling::Max: return "max";
    case Pooling::None: return "none";
    case Pooling::Average: break;
    }
    return "avg";
}

Pooling parsePooling(const std::string& text)
{
    if (text == "avg") return Pooling::Average;
    if (text == "max") return Pooling::Max;
    if (text == "none") return Pooling::None;
    throw Error("unknown pooling '" + text + "': use avg, max or none");
}

namespace {

/// Options read from a file (a checkpoint) are untrusted: out-of-range values become a
/// kg::Error here instead of a LibTorch error (or a huge allocation) when the model is built.
void validate(const HeadOptions& head)
{
    if (!(head.dropout >= 0.0 && head.dropout < 1.0))
        throw Error("head dropout " + std::to_string(head.dropout) + " is outside 0 ≤ p < 1");
    if (head.numClasses < 2 || head.numClasses > 1000)
        throw Error("head num_classes " + std::to_string(head.numClasses) + " is outside 2..1000");
    if (head.hiddenUnits.size() > 16)
        throw Error("head has " + std::to_string(head.hiddenUnits.size()) + " hidden layers (at most 16)");
    for (int units : head.hiddenUnits)
        if (units < 1 || units > 65536)
            throw Error("head hidden layer of " + std::to_string(units) + " units is outside 1..65536");
}

} // namespace

void to_json(nlohmann::json& json, const ModelOptions& options)
{
    json = nlohmann::json{
        {"architecture", architectureName(options.backbone)},
        {"pooling", toString(options.backbone.pooling)},
        {"imagenet_top", options.backbone.imagenetTop},
        {"head", {{"enabled", options.head.enabled},
                  {"hidden_units", options.head.hiddenUnits},
                  {"dropout", options.head.dropout},
                  {"num_classes", options.head.numClasses}}},
        {"seed", options.seed},
    };
}

void from_json(const nlohmann::json& json, ModelOptions& options)
{
    options.backbone = parseArchitecture(json.at("architecture").get<std::string>());
    options.backbone.pooling = parsePooling(json.value("pooling", std::string("avg")));
    options.backbone.imagenetTop = json.value("imagenet_top", false);
    const auto& head = json.at("head");
    options.head.enabled = head.value("enabled", true);
    options.head.hiddenUnits = head.value("hidden_units", std::vector<int>{128});
    options.head.dropout = head.value("dropout", 0.2);
    options.head.numClasses = head.value("num_classes", 5);
    options.seed = json.value("seed", std::uint64_t{42});
    validate(options.head);
}

} // namespace kg
