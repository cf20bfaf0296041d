#pragma once
#include "core/train/TrainOptions.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace kg {

class TrainingData;  // internal (torch): core/train/TrainingData.h

/// One epoch's numbers, as written to history.csv.
struct EpochRecord {
    int epoch = 0;                 ///< 1-based, as Keras prints
    double loss = 0, accuracy = 0;
    double valLoss = 0, valAccuracy = 0;
    double learningRate = 0;
    double durationSeconds = 0;
};

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
};

/// What a resumed run may change: only settings that do not alter what is computed.
struct ResumeOverrides {
    int epochs = 0;                ///< > 0: new planned epoch count (extends a completed run)
    bool overrideRuntime = false;  ///< use `runtime` instead of the run's device/threads
    RuntimeOptions runtime;
    int loaderWorkers = -1;        ///< >= 0: replaces the run's loader worker count
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

    /// Trains on options.dataRoot (scanned and loaded when run() starts).
    explicit Trainer(TrainOptions options);
    /// Trains on `data` instead of options.dataRoot (tests, benchmarks, custom pipelines).
    Trainer(TrainOptions options, std::shared_ptr<TrainingData> data);
    /// Resumes the run in `runDir` from its last checkpoint (options come from the run):
    /// weights, optimizer, epoch, callback and RNG state, history. A run killed before its
    /// first checkpoint restarts from options.json. Throws kg::Error when `runDir` holds neither.
    static Trainer resume(const std::string& runDir);
    static Trainer resume(const std::string& runDir, const ResumeOverrides& overrides,
                          std::shared_ptr<TrainingData> data = nullptr);
    ~Trainer();
    Trainer(Trainer&&) noexcept;
    Trainer& operator=(Trainer&&) noexcept;

    const TrainOptions& options() const;
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
