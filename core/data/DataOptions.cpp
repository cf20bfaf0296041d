// The data options' names and JSON forms: plain C++, so that kneegrade::dataset, the model
// and the trainer can read and write them without OpenCV.
#include "core/data/AugmentOptions.h"
#include "core/data/LoaderOptions.h"
#include "core/data/PreprocessOptions.h"
#include "core/util/Error.h"

#include <nlohmann/json.hpp>

namespace kg {

std::string toString(FillMode mode)
{
    switch (mode) {
    case FillMode::Nearest: return "nearest";
    case FillMode::Wrap: return "wrap";
    case FillMode::Constant: return "constant";
    case FillMode::Reflect: break;
    }
    return "reflect";
}

FillMode parseFillMode(const std::string& text)
{
    if (text == "reflect") return FillMode::Reflect;
    if (text == "nearest") return FillMode::Nearest;
    if (text == "wrap") return FillMode::Wrap;
    if (text == "constant") return FillMode::Constant;
    throw Error("unknown fill mode '" + text + "': use reflect, nearest, wrap or constant");
}

bool anyAugmentation(const AugmentOptions& options)
{
    return options.horizontalFlip || (options.rotate && options.rotationFactor != 0.0) ||
           (options.zoom && options.zoomFactor != 0.0) || (options.translate && options.translationFactor != 0.0);
}

void to_json(nlohmann::json& json, const AugmentOptions& options)
{
    json = nlohmann::json{{"horizontal_flip", options.horizontalFlip},
                          {"rotate", options.rotate},
                          {"rotation_factor", options.rotationFactor},
                          {"zoom", options.zoom},
                          {"zoom_factor", options.zoomFactor},
                          {"translate", options.translate},
                          {"translation_factor", options.translationFactor},
                          {"fill_mode", toString(options.fillMode)}};
}

void from_json(const nlohmann::json& json, AugmentOptions& options)
{
    const AugmentOptions defaults;
    options.horizontalFlip = json.value("horizontal_flip", defaults.horizontalFlip);
    options.rotate = json.value("rotate", defaults.rotate);
    options.rotationFactor = json.value("rotation_factor", defaults.rotationFactor);
    options.zoom = json.value("zoom", defaults.zoom);
    options.zoomFactor = json.value("zoom_factor", defaults.zoomFactor);
    options.translate = json.value("translate", defaults.translate);
    options.translationFactor = json.value("translation_factor", defaults.translationFactor);
    options.fillMode = parseFillMode(json.value("fill_mode", toString(defaults.fillMode)));
}

void to_json(nlohmann::json& json, const LoaderOptions& options)
{
    json = nlohmann::json{{"batch_size", options.batchSize},
                          {"workers", options.workers},
                          {"prefetch_batches", options.prefetchBatches},
                          {"shuffle", options.shuffle},
                          {"augment", options.augment},
                          {"augmentation", options.augmentation},
                          {"drop_last", options.dropLast},
                          {"seed", options.seed}};
}

void from_json(const nlohmann::json& json, LoaderOptions& options)
{
    const LoaderOptions defaults;
    options.batchSize = json.value("batch_size", defaults.batchSize);
    options.workers = json.value("workers", defaults.workers);
    options.prefetchBatches = json.value("prefetch_batches", defaults.prefetchBatches);
    options.shuffle = json.value("shuffle", defaults.shuffle);
    options.augment = json.value("augment", defaults.augment);
    options.augmentation = json.value("augmentation", defaults.augmentation);
    options.dropLast = json.value("drop_last", defaults.dropLast);
    options.seed = json.value("seed", defaults.seed);
}

void to_json(nlohmann::json& json, const PreprocessOptions& options)
{
    json = nlohmann::json{{"image_size", options.imageSize},
                          {"channels", options.channels},
                          {"scale", options.scale},
                          {"offset", options.offset}};
}

void from_json(const nlohmann::json& json, PreprocessOptions& options)
{
    options.imageSize = json.value("image_size", 224);
    options.channels = json.value("channels", 3);
    options.scale = json.value("scale", 1.0 / 127.5);
    options.offset = json.value("offset", -1.0);
}

} // namespace kg
