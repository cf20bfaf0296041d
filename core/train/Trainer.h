#pragma once
#include "core/distributed/DistributedOptions.h"
#include "core/model/TrainingState.h"
#include "core/train/TrainOptions.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kg {

class Model;
class TrainingData;  // internal (torch): core/train/TrainingData.h

/// Progress sent after every batch and every epoch. Plain data: safe to copy across threads.
struct TrainingProgress {
    enum class Phase { Preparing, CachingFeatures, Training, Validating, EpochEnd, Finished } phase = Phase::Preparing;
    int epoch = 0, epochs = 0;     ///< 1-based current epoch, planned epochs
    int batch = 0, batches = 0;    ///< within the phase
    double loss = 0, accuracy = 0; ///< running means over the epoch so far
    double learningRate = 0;
    double imagesPerSecond = 0;
    double elapsedSeconds = 0, etaSeconds = 0;
    double epochEtaSeconds = 0;    ///< until the current epoch ends (etaSeconds: until the planned last epoch)
    std::string message;           ///< human-readable note (e.g. "learning rate reduced to 2e-05")
    std::vector<EpochRecord> history;  ///< filled at EpochEnd/Finished
};

/// How a run ended.
struct TrainingResult {
    enum class Status { Completed, EarlyStopped, Cancelled, Failed } status = Status::Completed;
    std::string message;           ///< e.g. the NaN-loss explanation
    std::vector<EpochRecord> history;  ///< every epoch trained, including one whose checkpoints failed to save
    int bestEpoch = 0;             ///< the epoch best.kgckpt holds, read back from the file (0: none);
                                   ///< the best epoch seen when best checkpoints are not saved
    double bestValLoss = 0;        ///< that epoch's val_loss
    int lastSavedEpoch = 0;        ///< the epoch last.kgckpt holds, read back from the file (0: none)
    std::string bestCheckpoint;    ///< runDir/best.kgckpt; empty when there is none
    std::string lastCheckpoint;    ///< runDir/last.kgckpt (for --resume); empty when there is none
    std::string weightsDigest;     ///< distributed runs: the weights' SHA-256 every rank ended with
                                   ///< (checked equal on all ranks; a checkpoint of them records the same
                                   ///< weightsSha256); else empty
};

/// What a resumed run may change: only settings that do not alter what is computed. Unset
/// fields keep the run's own.
struct ResumeOverrides {
    std::optional<int> epochs;             ///< new planned epoch count (extends a completed run)
    std::optional<RuntimeOptions> runtime; ///< device and threads instead of the run's
    std::optional<int> loaderWorkers;      ///< loader worker count instead of the run's (0 = one per core)
    std::optional<AugmentOn> augmentOn;    ///< where augmentation runs instead of the run's choice
};

/// Where a run's data and starting weights come from. The trainer reads no file but those of
/// its own run folder: kneegrade::engine (core/engine/FolderTraining.h) wires a dataset
/// folder and the Keras .h5 import; tests and benchmarks hand in tensors.
struct TrainingInputs {
    /// Line reporter for openData: logs `line` and sends it as progress; false once cancelled.
    using Note = std::function<bool(const std::string& line)>;
    /// Opens the data of a run with `options`; called once, on the training thread, when
    /// run() starts. Returns nullptr when `note` said the run was cancelled.
    std::function<std::shared_ptr<TrainingData>(const TrainOptions& options, const Note& note)> openData;
    /// Loads options.imagenetWeights into a new model; returns what it loaded, in one line.
    /// Unset: a run that names initial weights fails with a clear message.
    std::function<std::string(Model& model, const std::string& path)> loadInitialWeights;

    /// Inputs that serve `data` (already open) and load no initial weights.
    static TrainingInputs of(std::shared_ptr<TrainingData> data);
};

/// Plain-language warnings about options known not to work, e.g. frozen mode without
/// ImageNet weights (a frozen random backbone learns nothing) or training from scratch at
/// the tutorial's lr 1e-4 (measured: stays at chance). Empty when nothing stands out.
std::vector<std::string> trainingAdvice(const TrainOptions& options);

/// Runs a training job. run() blocks the calling thread (call it from a worker thread);
/// cancel()/setPaused() may be called from any thread and take effect within one batch.
/// The progress callback is called on the training thread; returning false cancels.
class Trainer {
public:
    using ProgressCallback = std::function<bool(const TrainingProgress&)>;

    /// Trains on what `inputs` open when run() starts.
    Trainer(TrainOptions options, TrainingInputs inputs);
    /// Trains on `data` (tests, benchmarks, custom pipelines).
    Trainer(TrainOptions options, std::shared_ptr<TrainingData> data);
    /// The options of the run in `runDir` (from last.kgckpt, else options.json), with
    /// `overrides` applied. Throws kg::Error when `runDir` holds neither.
    static TrainOptions resumedOptions(const std::string& runDir, const ResumeOverrides& overrides = {});
    /// Resumes the run in `runDir` from its last checkpoint (options come from the run):
    /// weights, optimizer, epoch, callback and RNG state, history. A run killed before its
    /// first checkpoint restarts from options.json. Throws kg::Error when `runDir` holds neither.
    static Trainer resume(const std::string& runDir, const ResumeOverrides& overrides, TrainingInputs inputs);
    static Trainer resume(const std::string& runDir, const ResumeOverrides& overrides, std::shared_ptr<TrainingData> data);
    ~Trainer();
    Trainer(Trainer&&) noexcept;
    Trainer& operator=(Trainer&&) noexcept;

    const TrainOptions& options() const;
    /// Trains as one rank of a data-parallel job (call before run()): run() first meets the
    /// other ranks, then trains on its shard of every epoch (batch options().batchSize divided
    /// by the ranks) with gradients averaged over all of them. Only rank 0 writes the run
    /// folder; its progress is the job's. Pause is not available (the others would time out).
    void setDistributed(const DistributedOptions& job);
    /// Trains until the planned epochs, early stopping, cancellation or a failure (bad data,
    /// NaN loss: Status::Failed with the reason; exceptions do not escape). Call once.
    TrainingResult run(const ProgressCallback& progress = {});
    void cancel();
    void setPaused(bool paused);
    bool isPaused() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace kg
