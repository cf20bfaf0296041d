#pragma once
// Internal (torch): one call of Trainer::run() — everything that lives while a run trains.
// Its member functions are defined by concern: TrainerSession.cpp (set-up, the end of an
// epoch, checkpoints, how the run ends), TrainerEpoch.cpp (the batches of one epoch: training,
// the feature cache, validation), TrainerProgress.cpp (progress, pause, cancel) and
// TrainerDistributed.cpp (a rank of a data-parallel job: rendezvous, shards, all-reduces).
#include "core/distributed/Collective.h"
#include "core/distributed/GradientBuckets.h"
#include "core/model/BatchForward.h"
#include "core/model/Checkpoint.h"
#include "core/model/TrainingState.h"
#include "core/train/Callbacks.h"
#include "core/train/FeatureCache.h"
#include "core/train/RunFiles.h"
#include "core/train/RunningStats.h"
#include "core/train/TorchScopes.h"
#include "core/train/Trainability.h"
#include "core/train/Trainer.h"
#include "core/train/TrainingData.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace kg {

/// printf-formats one number ("%.4f", "%g"), for log lines and messages.
inline std::string formatNumber(const char* pattern, double value)
{
    char text[64];
    std::snprintf(text, sizeof text, pattern, value);
    return text;
}

namespace detail {

inline double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// Keras categorical cross-entropy on one-hot targets, per sample, with label smoothing.
torch::Tensor crossEntropyPerSample(const torch::Tensor& logits, const torch::Tensor& labels, double smoothing);

/// What a Trainer shares between its training thread and the threads that control it.
struct TrainerControl {
    TrainOptions options;
    TrainingInputs inputs;
    std::optional<DistributedOptions> distributed;
    bool resume = false;
    std::atomic<bool> cancelled{false};
    mutable std::mutex pauseMutex;
    std::condition_variable pauseChanged;
    bool paused = false;
};

class TrainerSession {
public:
    TrainerSession(TrainerControl& owner, const Trainer::ProgressCallback& callback);
    ~TrainerSession();

    /// Trains until the planned epochs, early stopping, cancellation or a failure.
    TrainingResult run();

private:
    using Clock = std::chrono::steady_clock;
    using Phase = TrainingProgress::Phase;
    enum class Outcome { Done, Cancelled, NonFinite };

    // ---- set-up (TrainerSession.cpp); each step false when the run was cancelled -----------
    bool prepare();
    /// Validates the options, creates the run folder, opens train.log, tidies interrupted saves.
    void openRunFolder();
    /// Threads, device, autocast and cuDNN for this run; logs them.
    void configureDevice();
    bool reportAdvice();
    /// Opens the run's data through TrainingInputs::openData and checks its grades.
    bool openData();
    /// Tells the data where to finish its batches (TrainOptions::augmentOn) and logs it.
    void chooseDelivery();
    /// The model of last.kgckpt (resuming: also its state into `state`, its blobs into
    /// `blobs`) or a new one with the initial weights; on the run's device.
    bool buildOrRestoreModel(TrainingState& state, CheckpointBlobs& blobs);
    void computeClassWeights();
    /// Epoch, phase, history, callbacks, optimizer and RNG where `state` and `blobs` left them.
    void restoreTrainingState(const TrainingState& state, const CheckpointBlobs& blobs);
    /// options.json and history.csv.
    void writeRunFiles();
    bool announce();

    // ---- one epoch (TrainerEpoch.cpp) -----------------------------------------------------
    bool augmentTraining() const { return o_.augment; }
    bool buildFeatureCache(bool training);
    Outcome runEpoch(int epoch);
    Outcome trainOnImages(int epoch, const EpochVisits& visits, RunningStats& stats);
    Outcome trainOnFeatures(int epoch, const std::vector<std::int64_t>& order, RunningStats& stats);
    /// Batches per epoch of this rank: every rank takes as many steps as the longest shard needs.
    int trainingSteps(std::int64_t localItems) const;
    bool step(int epoch, int batchIndex, const torch::Tensor& logits, const torch::Tensor& labels, RunningStats& stats);
    /// The batch's per-sample training loss, weighted by class where the run asks for it.
    torch::Tensor trainingLosses(const torch::Tensor& logits, const torch::Tensor& labels) const;
    /// Adds a trained batch to the running sums: its loss sum (`lossSum` on the device, read
    /// later on CUDA; `lossSumValue` already read on the CPU) and its correct predictions.
    void countBatch(RunningStats& stats, const torch::Tensor& lossSum, double lossSumValue, const torch::Tensor& logits,
                    const torch::Tensor& labels, int batchIndex) const;
    /// The validation items this rank evaluates (all of them in a single process).
    std::vector<std::int64_t> localValidationItems() const;
    bool settleWhenDue(int epoch, bool force, RunningStats& stats);
    bool nonFinite(int epoch, const std::string& where, double value);
    Outcome validate(int epoch, RunningStats& stats);
    /// The validation batches of this rank (all of them in a single process).
    BatchSource& validationSource();

    // ---- a rank of a data-parallel job (TrainerDistributed.cpp) --------------------------------
    bool distributed() const { return group_ != nullptr; }
    /// Rendezvous with the other ranks (after the device is known).
    void joinJob();
    /// Every rank must train the same options on the same files from the same epoch.
    void checkRanksAgree();
    /// Rank 0's parameters and buffers on every rank (DDP does this when it wraps a model).
    void synchroniseModel();
    /// New buckets and hooks for the parameters that train now (after the optimizer changes).
    void rebuildGradientBuckets();
    /// This rank's part of an epoch's order (all of it in a single-process run).
    std::vector<std::int64_t> localOrder(const std::vector<std::int64_t>& order) const;
    /// The same for an epoch's visits (items and their augmentation keys together).
    EpochVisits localVisits(const EpochVisits& visits) const;
    /// The distributed step: backward of the local loss sum, gradients summed over the ranks
    /// and divided by the step's total batch, cancel and non-finite flags agreed.
    bool stepTogether(int epoch, int batchIndex, const torch::Tensor& logits, const torch::Tensor& labels, RunningStats& stats);
    /// Sums `stats` over the ranks (the epoch's loss and accuracy over all shards); false
    /// when a rank asked to stop.
    bool reduceStats(RunningStats& stats, const std::string& during);
    /// Running BatchNorm statistics averaged over the ranks (each rank saw its own shard).
    void averageBatchNormStatistics(int epoch);
    /// At the end of a run: every rank must hold the same weights to the bit (they took the
    /// same steps from the same gradients); throws kg::Error naming the rank that differs.
    void checkRanksHoldSameWeights();
    /// Rows computed by every rank for its shard, summed into the full table on every rank.
    void gatherFeatures(FeatureTable& table, const std::string& during);

    // ---- end of an epoch, checkpoints (TrainerSession.cpp) ------------------------------------
    Outcome endEpoch(const EpochRecord& record);
    /// Two-phase: after the warm-up, unfreezes the top stacks with a new optimizer.
    void unfreezeAfterWarmUp(std::vector<std::string>& notes);
    std::string earlyStoppingSnapshot() const;
    void restoreWeights(const std::string& path);
    TrainingState trainingState() const;
    CheckpointMeta meta() const;

    // ---- progress, pause, cancel, the end (TrainerProgress.cpp) ------------------------------
    double activeEpochSeconds() const;
    double averageEpochSeconds() const;
    int remainingEpochs(int epoch) const;
    TrainingProgress base(Phase phase, int epoch) const;
    bool batchProgress(Phase phase, int epoch, int batch, int batches, const RunningStats& stats);
    bool message(Phase phase, const std::string& text);
    bool emit(const TrainingProgress& p);
    bool proceed();
    std::string cancelMessage() const;
    TrainingResult finish(TrainingResult::Status status, const std::string& text);
    void recordSavedCheckpoints();

    TrainerControl& owner_;
    const TrainOptions& o_;
    std::unique_ptr<Collective> group_;        // distributed runs only
    std::unique_ptr<GradientBuckets> buckets_;
    bool writer_ = true;                       // writes the run folder: rank 0, or a single process
    int localBatch_ = 0;                       // this rank's batch (o_.batchSize in a single process)
    bool stopAgreed_ = false;                  // distributed: a rank asked to stop, all ranks know
    double allReduceWaitSeconds_ = 0;          // distributed: this epoch's unhidden all-reduce time
    int allReduceSteps_ = 0;
    const Trainer::ProgressCallback& callback_;
    std::shared_ptr<TrainingData> data_;
    std::unique_ptr<Model> model_;
    std::optional<BatchForward> forward_;
    std::unique_ptr<torch::optim::Adam> optimizer_;
    torch::Device device_{torch::kCPU};
    at::Generator dropoutGenerator_ = at::detail::createCPUGenerator();  ///< the head's dropout masks; reseeded every epoch
    bool cuda_ = false;
    bool autocast_ = false;
    std::optional<CudnnScope> cudnn_;  // CUDA runs: cuDNN settings for this run
    TrainingPhase phase_ = TrainingPhase::WarmUp;
    bool singletonBnBatchesFail_ = false;
    Trainability trainability_;
    std::vector<int> grades_;
    torch::Tensor classWeights_;
    std::string manifest_;
    ReduceLrOnPlateau reduceLr_;
    EarlyStopping earlyStopping_;
    BestCheckpointTracker best_;
    std::vector<EpochRecord> history_;
    int completedEpochs_ = 0;
    RunStatus status_ = RunStatus::Running;
    std::string failure_;
    std::vector<FeatureTable> trainViews_;
    std::optional<FeatureTable> valFeatures_;
    TrainLog log_;
    std::string runtimeLine_;  // the device and libraries, logged once the run folder is open
    TrainingResult result_;
    Clock::time_point start_{}, epochStart_{};
    double epochPaused_ = 0, pausedTotal_ = 0;
    double trainSecondsSoFar_ = 0, lastValSeconds_ = 0;
    double sessionEpochSeconds_ = 0;
    int sessionEpochs_ = 0;
};

} // namespace detail
} // namespace kg
