#include "core/train/TrainOptions.h"

#include "core/util/Error.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace kg {

std::string toString(TrainingMode mode)
{
    switch (mode) {
    case TrainingMode::Frozen: return "frozen";
    case TrainingMode::TwoPhase: return "two-phase";
    case TrainingMode::FineTune: break;
    }
    return "finetune";
}

TrainingMode parseTrainingMode(const std::string& text)
{
    if (text == "frozen") return TrainingMode::Frozen;
    if (text == "finetune" || text == "fine-tune") return TrainingMode::FineTune;
    if (text == "two-phase" || text == "twophase") return TrainingMode::TwoPhase;
    throw Error("unknown training mode '" + text + "': use frozen, finetune or two-phase");
}

std::string toString(LearningRateScaling scaling)
{
    switch (scaling) {
    case LearningRateScaling::Sqrt: return "sqrt";
    case LearningRateScaling::Linear: return "linear";
    case LearningRateScaling::None: break;
    }
    return "none";
}

LearningRateScaling parseLearningRateScaling(const std::string& text)
{
    if (text == "none") return LearningRateScaling::None;
    if (text == "sqrt") return LearningRateScaling::Sqrt;
    if (text == "linear") return LearningRateScaling::Linear;
    throw Error("unknown learning-rate scaling '" + text + "': use none, sqrt or linear");
}

std::string toString(AugmentOn where)
{
    switch (where) {
    case AugmentOn::Host: return "host";
    case AugmentOn::Device: return "device";
    case AugmentOn::Auto: break;
    }
    return "auto";
}

AugmentOn parseAugmentOn(const std::string& text)
{
    if (text == "auto") return AugmentOn::Auto;
    if (text == "host") return AugmentOn::Host;
    if (text == "device") return AugmentOn::Device;
    throw Error("unknown place for augmentation '" + text + "': use auto, host or device");
}

double scaledLearningRate(const TrainOptions& o)
{
    const double ratio = static_cast<double>(o.batchSize) / static_cast<double>(o.lrReferenceBatch);
    switch (o.lrScaling) {
    case LearningRateScaling::Sqrt: return o.learningRate * std::sqrt(ratio);
    case LearningRateScaling::Linear: return o.learningRate * ratio;
    case LearningRateScaling::None: break;
    }
    return o.learningRate;
}

namespace {

std::string toString(ImbalanceStrategy strategy)
{
    switch (strategy) {
    case ImbalanceStrategy::ClassWeights: return "class-weights";
    case ImbalanceStrategy::BalancedSampling: return "balanced-sampling";
    case ImbalanceStrategy::None: break;
    }
    return "none";
}

ImbalanceStrategy parseImbalance(const std::string& text)
{
    if (text == "none") return ImbalanceStrategy::None;
    if (text == "class-weights") return ImbalanceStrategy::ClassWeights;
    if (text == "balanced-sampling") return ImbalanceStrategy::BalancedSampling;
    throw Error("unknown imbalance strategy '" + text + "': use none, class-weights or balanced-sampling");
}

/// The transforms of option files written before "augmentation": factors in the "augment"
/// object (flip, rotation, zoom, translation), a factor of 0 switching its transform off.
AugmentOptions legacyAugmentation(const nlohmann::json& augment)
{
    AugmentOptions a;
    a.horizontalFlip = augment.value("flip", a.horizontalFlip);
    a.rotationFactor = augment.value("rotation", a.rotationFactor);
    a.rotate = a.rotationFactor > 0;
    a.zoomFactor = augment.value("zoom", a.zoomFactor);
    a.zoom = a.zoomFactor > 0;
    a.translationFactor = augment.value("translation", a.translationFactor);
    a.translate = a.translationFactor > 0;
    return a;
}

} // namespace

void to_json(nlohmann::json& json, const TrainOptions& o)
{
    json = nlohmann::json{
        {"data_root", o.dataRoot},
        {"run_dir", o.runDir},
        {"model", o.model},
        {"imagenet_weights", o.imagenetWeights},
        {"preprocessing", o.preprocessing},
        {"mode", toString(o.mode)},
        {"epochs", o.epochs},
        {"batch_size", o.batchSize},
        {"learning_rate", o.learningRate},
        {"lr_scaling", {{"rule", toString(o.lrScaling)}, {"reference_batch", o.lrReferenceBatch}}},
        {"label_smoothing", o.labelSmoothing},
        {"imbalance", toString(o.imbalance)},
        {"augment", {{"enabled", o.augment}}},
        {"augmentation", o.augmentation},
        {"cached_augmented_views", o.cachedAugmentedViews},
        {"cache_frozen_features", o.cacheFrozenFeatures},
        {"two_phase", {{"warmup_epochs", o.twoPhaseWarmupEpochs},
                       {"unfreeze_stacks", o.twoPhaseUnfreezeStacks},
                       {"lr_factor", o.twoPhaseLrFactor}}},
        {"reduce_lr", {{"enabled", o.reduceLr.enabled},
                       {"factor", o.reduceLr.factor},
                       {"patience", o.reduceLr.patience},
                       {"min_lr", o.reduceLr.minLearningRate},
                       {"min_delta", o.reduceLr.minDelta},
                       {"cooldown", o.reduceLr.cooldown}}},
        {"early_stopping", {{"enabled", o.earlyStopping.enabled},
                            {"patience", o.earlyStopping.patience},
                            {"min_delta", o.earlyStopping.minDelta},
                            {"restore_best_weights", o.earlyStopping.restoreBestWeights}}},
        {"checkpoint", {{"save_best", o.checkpoint.saveBest}, {"save_last", o.checkpoint.saveLast}}},
        {"runtime", {{"threads", o.runtime.threads}, {"device", toString(o.runtime.device)}}},
        {"mixed_precision", o.mixedPrecision},
        {"deterministic", o.deterministic},
        {"loader_workers", o.loaderWorkers},
        {"augment_on", toString(o.augmentOn)},
        {"seed", o.seed},
    };
}

void from_json(const nlohmann::json& json, TrainOptions& o)
{
    // Missing keys keep their defaults, so option files of older versions still load.
    const TrainOptions d;
    o.dataRoot = json.value("data_root", d.dataRoot);
    o.runDir = json.value("run_dir", d.runDir);
    o.model = json.contains("model") ? json.at("model").get<ModelOptions>() : d.model;
    o.imagenetWeights = json.value("imagenet_weights", d.imagenetWeights);
    o.preprocessing = json.contains("preprocessing") ? json.at("preprocessing").get<PreprocessOptions>() : d.preprocessing;
    o.mode = parseTrainingMode(json.value("mode", toString(d.mode)));
    o.epochs = json.value("epochs", d.epochs);
    o.batchSize = json.value("batch_size", d.batchSize);
    o.learningRate = json.value("learning_rate", d.learningRate);
    o.labelSmoothing = json.value("label_smoothing", d.labelSmoothing);
    o.imbalance = parseImbalance(json.value("imbalance", toString(d.imbalance)));
    const auto object = [&json](const char* key) { return json.value(key, nlohmann::json::object()); };
    const auto lrScaling = object("lr_scaling");
    o.lrScaling = parseLearningRateScaling(lrScaling.value("rule", toString(d.lrScaling)));
    o.lrReferenceBatch = lrScaling.value("reference_batch", d.lrReferenceBatch);
    const auto augment = object("augment");
    o.augment = augment.value("enabled", d.augment);
    o.augmentation = json.contains("augmentation") ? json.at("augmentation").get<AugmentOptions>() : legacyAugmentation(augment);
    o.cachedAugmentedViews = json.value("cached_augmented_views", d.cachedAugmentedViews);
    o.cacheFrozenFeatures = json.value("cache_frozen_features", d.cacheFrozenFeatures);
    const auto twoPhase = object("two_phase");
    o.twoPhaseWarmupEpochs = twoPhase.value("warmup_epochs", d.twoPhaseWarmupEpochs);
    o.twoPhaseUnfreezeStacks = twoPhase.value("unfreeze_stacks", d.twoPhaseUnfreezeStacks);
    o.twoPhaseLrFactor = twoPhase.value("lr_factor", d.twoPhaseLrFactor);
    const auto reduceLr = object("reduce_lr");
    o.reduceLr.enabled = reduceLr.value("enabled", d.reduceLr.enabled);
    o.reduceLr.factor = reduceLr.value("factor", d.reduceLr.factor);
    o.reduceLr.patience = reduceLr.value("patience", d.reduceLr.patience);
    o.reduceLr.minLearningRate = reduceLr.value("min_lr", d.reduceLr.minLearningRate);
    o.reduceLr.minDelta = reduceLr.value("min_delta", d.reduceLr.minDelta);
    o.reduceLr.cooldown = reduceLr.value("cooldown", d.reduceLr.cooldown);
    const auto early = object("early_stopping");
    o.earlyStopping.enabled = early.value("enabled", d.earlyStopping.enabled);
    o.earlyStopping.patience = early.value("patience", d.earlyStopping.patience);
    o.earlyStopping.minDelta = early.value("min_delta", d.earlyStopping.minDelta);
    o.earlyStopping.restoreBestWeights = early.value("restore_best_weights", d.earlyStopping.restoreBestWeights);
    const auto checkpoint = object("checkpoint");
    o.checkpoint.saveBest = checkpoint.value("save_best", d.checkpoint.saveBest);
    o.checkpoint.saveLast = checkpoint.value("save_last", d.checkpoint.saveLast);
    const auto runtime = object("runtime");
    o.runtime.threads = runtime.value("threads", d.runtime.threads);
    o.runtime.device = parseDevicePreference(runtime.value("device", toString(d.runtime.device)));
    o.mixedPrecision = json.value("mixed_precision", d.mixedPrecision);
    o.deterministic = json.value("deterministic", d.deterministic);
    o.loaderWorkers = json.value("loader_workers", d.loaderWorkers);
    o.augmentOn = parseAugmentOn(json.value("augment_on", toString(d.augmentOn)));
    o.seed = json.value("seed", d.seed);
}

} // namespace kg

namespace kg {

void validateTrainOptions(const TrainOptions& o)
{
    auto require = [](bool ok, const std::string& what) {
        if (!ok)
            throw Error("training options: " + what);
    };
    require(o.epochs >= 1, "epochs must be at least 1, got " + std::to_string(o.epochs));
    require(o.batchSize >= 1, "batch size must be at least 1, got " + std::to_string(o.batchSize));
    require(o.learningRate > 0, "learning rate must be positive, got " + std::to_string(o.learningRate));
    require(o.lrReferenceBatch >= 1, "the learning rate's reference batch size must be at least 1, got " +
                                         std::to_string(o.lrReferenceBatch));
    require(o.labelSmoothing >= 0 && o.labelSmoothing < 1, "label smoothing must be in [0, 1)");
    require(o.preprocessing.imageSize >= 32, "image size must be at least 32 pixels");
    require(o.cachedAugmentedViews >= 0, "cached augmented views must not be negative");
    require(o.twoPhaseWarmupEpochs >= 0, "two-phase warm-up epochs must not be negative");
    require(o.twoPhaseUnfreezeStacks >= 1, "two-phase must unfreeze at least one stack");
    require(o.twoPhaseLrFactor > 0, "two-phase learning-rate factor must be positive");
    require(o.reduceLr.factor > 0 && o.reduceLr.factor < 1, "ReduceLROnPlateau factor must be in (0, 1)");
    require(o.reduceLr.patience >= 0 && o.earlyStopping.patience >= 0, "patience must not be negative");
    require(o.reduceLr.cooldown >= 0, "ReduceLROnPlateau cooldown must not be negative");
    require(o.augmentation.zoomFactor >= 0 && o.augmentation.zoomFactor < 1, "zoom factor must be in [0, 1)");
    require(o.augmentation.rotationFactor >= 0 && o.augmentation.translationFactor >= 0,
            "augmentation factors must not be negative");
    require(o.model.head.enabled, "training needs the classifier head");
    require(o.loaderWorkers >= 0, "loader workers must not be negative");
}

} // namespace kg
