#pragma once
#include "core/data/AugmentOptions.h"
#include "core/data/PreprocessOptions.h"
#include "core/model/ModelOptions.h"
#include "core/runtime/Runtime.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>

namespace kg {

/// What is trained. Frozen: backbone weights fixed, BN in inference mode (what the tutorial
/// meant; only meaningful with ImageNet weights). FineTune: everything trains (what the
/// tutorial actually did). TwoPhase: head warm-up, then the top stacks unfreeze at a lower rate.
enum class TrainingMode { Frozen, FineTune, TwoPhase };
std::string toString(TrainingMode mode);
TrainingMode parseTrainingMode(const std::string& text);

enum class ImbalanceStrategy { None, ClassWeights, BalancedSampling };

/// How the learning rate follows the batch size. The rate given is the one tuned for
/// `lrReferenceBatch` images; a run at batch B starts at lr·√(B/ref) (Sqrt, the rule for Adam:
/// it keeps the update's noise scale), lr·B/ref (Linear, the rule for SGD) or lr (None).
enum class LearningRateScaling { None, Sqrt, Linear };
std::string toString(LearningRateScaling scaling);
LearningRateScaling parseLearningRateScaling(const std::string& text);

/// Where training images are augmented and normalised. Host: on the loader's threads, in
/// OpenCV. Device: on the training device, in tensor operations, from the 8-bit pixels the
/// loader decoded (see core/data/DeviceAugment.h for the two small differences). Auto: Device
/// when training on CUDA, else Host.
enum class AugmentOn { Auto, Host, Device };
std::string toString(AugmentOn where);
AugmentOn parseAugmentOn(const std::string& text);

/// Keras ReduceLROnPlateau(monitor='val_loss', mode='min') semantics.
struct ReduceLrOptions {
    bool enabled = true;
    double factor = 0.2;
    int patience = 10;
    double minLearningRate = 1e-5;
    double minDelta = 1e-4;       ///< Keras' default min_delta for ReduceLROnPlateau
    int cooldown = 0;
};

/// Keras EarlyStopping(monitor='val_loss') semantics.
struct EarlyStoppingOptions {
    bool enabled = true;
    int patience = 25;
    double minDelta = 0.0;
    bool restoreBestWeights = false;
};

/// Keras ModelCheckpoint(monitor='val_loss', save_best_only=True), plus the resume file.
struct CheckpointOptions {
    bool saveBest = true;         ///< runDir/best.kgckpt whenever val_loss improves (strictly lower)
    bool saveLast = true;         ///< runDir/last.kgckpt after every epoch (what --resume continues from)
};

struct TrainOptions {
    std::string dataRoot;                     ///< dataset folder (train/ val/ test/)
    std::string runDir;                       ///< where checkpoints, history.csv, options.json, log go
    ModelOptions model;                       ///< architecture + head
    std::string imagenetWeights;              ///< optional Keras .h5 for the backbone
    PreprocessOptions preprocessing;          ///< image size etc.
    TrainingMode mode = TrainingMode::FineTune;
    int epochs = 500;
    int batchSize = 16;
    double learningRate = 1e-4;               ///< Adam, for lrReferenceBatch images (see lrScaling)
    LearningRateScaling lrScaling = LearningRateScaling::None;
    int lrReferenceBatch = 16;                ///< the batch size learningRate was chosen for
    double labelSmoothing = 0.0;
    ImbalanceStrategy imbalance = ImbalanceStrategy::None;
    bool augment = true;                      ///< master switch: off, training images are never augmented
    AugmentOptions augmentation;              ///< what `augment` applies (the tutorial's four Keras layers)
    int cachedAugmentedViews = 0;             ///< frozen mode with augmentation: views cached per image (0 = recompute)
    bool cacheFrozenFeatures = true;          ///< frozen backbone: compute its features once instead of every epoch
    int twoPhaseWarmupEpochs = 5;             ///< TwoPhase: head-only epochs before unfreezing
    int twoPhaseUnfreezeStacks = 1;           ///< TwoPhase: top stacks (conv5, conv4…) to unfreeze
    double twoPhaseLrFactor = 0.1;            ///< TwoPhase: learning rate multiplier after unfreezing
    ReduceLrOptions reduceLr;
    EarlyStoppingOptions earlyStopping;
    CheckpointOptions checkpoint;
    RuntimeOptions runtime;                   ///< device and threads
    bool mixedPrecision = false;              ///< CUDA only: bf16 autocast (off: fp32 with TF32, faster through
                                              ///< this trainer at batch 32, see docs/PERFORMANCE.md "GPU")
    bool deterministic = false;               ///< CUDA only: bit-reproducible kernels, no cuDNN autotuning (slower);
                                              ///< CPU runs are always reproducible from the seed
    int loaderWorkers = 0;                    ///< 0 = one per core
    AugmentOn augmentOn = AugmentOn::Auto;    ///< machine-local: where augmentation and normalisation run
    std::uint64_t seed = 42;
};

/// The learning rate a run starts with: learningRate scaled from lrReferenceBatch to batchSize.
double scaledLearningRate(const TrainOptions& options);

/// Throws kg::Error naming the first option out of range (epochs < 1, learning rate ≤ 0, …).
void validateTrainOptions(const TrainOptions& options);

void to_json(nlohmann::json& json, const TrainOptions& options);
void from_json(const nlohmann::json& json, TrainOptions& options);

} // namespace kg
