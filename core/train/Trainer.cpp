#include "core/train/Trainer.h"

#include "core/data/DatasetScan.h"
#include "core/data/DeterministicRandom.h"
#include "core/model/Checkpoint.h"
#include "core/model/KerasWeights.h"
#include "core/model/ModelImpl.h"
#include "core/runtime/Runtime.h"
#include "core/train/Callbacks.h"
#include "core/train/DatasetChecks.h"
#include "core/train/FeatureCache.h"
#include "core/train/RunFiles.h"
#include "core/train/Sampling.h"
#include "core/train/TrainingData.h"
#include "core/util/AtomicFile.h"
#include "core/util/Error.h"
#include "core/util/TorchCompat.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <optional>

namespace kg {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using Phase = TrainingProgress::Phase;

constexpr double kAdamEpsilon = 1e-7;  // Keras' Adam epsilon (PyTorch's default is 1e-8)
constexpr std::uint64_t kEpochRngTag = 0xE90C4ull;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string format(const char* pattern, double value)
{
    char text[64];
    std::snprintf(text, sizeof text, pattern, value);
    return text;
}

nlohmann::json recordJson(const EpochRecord& r)
{
    return {{"epoch", r.epoch},         {"loss", r.loss}, {"accuracy", r.accuracy}, {"val_loss", r.valLoss},
            {"val_accuracy", r.valAccuracy}, {"lr", r.learningRate}, {"seconds", r.durationSeconds}};
}

EpochRecord recordFromJson(const nlohmann::json& j)
{
    EpochRecord r;
    r.epoch = j.at("epoch").get<int>();
    r.loss = j.at("loss").get<double>();
    r.accuracy = j.at("accuracy").get<double>();
    r.valLoss = j.at("val_loss").get<double>();
    r.valAccuracy = j.at("val_accuracy").get<double>();
    r.learningRate = j.at("lr").get<double>();
    r.durationSeconds = j.value("seconds", 0.0);
    return r;
}

/// Which parts of the backbone train. The head always trains.
struct Trainability {
    bool backboneFrozen = true;  ///< nothing in the backbone trains; its BN runs in inference mode
    int unfrozenStacks = 5;      ///< otherwise: top stacks that train (1 = conv5 + post_bn; 5 = all, stem included)
};

/// conv1_conv → 1, convK_blockM → K, post_bn / predictions → 6.
int stackOf(const std::string& child)
{
    if (child.size() > 5 && child.rfind("conv", 0) == 0 && std::isdigit(static_cast<unsigned char>(child[4])) && child[5] == '_')
        return child[4] - '0';
    return 6;
}

bool childTrains(const std::string& child, const Trainability& t)
{
    if (t.backboneFrozen)
        return false;
    const int stack = stackOf(child);
    return stack == 6 || stack > 5 - t.unfrozenStacks;
}

void applyTrainability(nn::KneeClassifier& net, const Trainability& t)
{
    for (const auto& child : net->backbone()->named_children()) {
        const bool trains = childTrains(child.key(), t);
        for (auto& p : child.value()->parameters())
            p.set_requires_grad(trains);
    }
    for (auto& p : net->head()->parameters())
        p.set_requires_grad(true);
}

/// Training mode for what trains, inference mode (BN running statistics frozen) for the rest.
void setTrainingMode(nn::KneeClassifier& net, const Trainability& t)
{
    net->train();
    for (const auto& child : net->backbone()->named_children())
        if (!childTrains(child.key(), t))
            child.value()->eval();
}

std::unique_ptr<torch::optim::Adam> makeOptimizer(nn::KneeClassifier& net, double learningRate)
{
    std::vector<torch::Tensor> params;
    for (auto& p : net->parameters())
        if (p.requires_grad())
            params.push_back(p);
    return std::make_unique<torch::optim::Adam>(params, torch::optim::AdamOptions(learningRate).eps(kAdamEpsilon));
}

double learningRateOf(torch::optim::Adam& optimizer)
{
    return static_cast<torch::optim::AdamOptions&>(optimizer.param_groups().front().options()).lr();
}

void setLearningRate(torch::optim::Adam& optimizer, double learningRate)
{
    for (auto& group : optimizer.param_groups())
        static_cast<torch::optim::AdamOptions&>(group.options()).lr(learningRate);
}

std::string serializeOptimizer(const torch::optim::Adam& optimizer)
{
    torch::serialize::OutputArchive archive;
    optimizer.save(archive);
    std::string bytes;
    archive.save_to([&bytes](const void* data, size_t size) {
        bytes.append(static_cast<const char*>(data), size);
        return size;
    });
    return bytes;
}

void deserializeOptimizer(torch::optim::Adam& optimizer, const std::string& bytes, const torch::Device& device)
{
    torch::serialize::InputArchive archive;
    archive.load_from(bytes.data(), bytes.size(), device);
    optimizer.load(archive);
}

std::string cpuRngState()
{
    auto generator = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(generator.mutex());
    const torch::Tensor state = generator.get_state().contiguous();
    return {reinterpret_cast<const char*>(state.data_ptr<std::uint8_t>()), static_cast<size_t>(state.numel())};
}

void setCpuRngState(const std::string& bytes)
{
    auto generator = at::detail::getDefaultCPUGenerator();
    torch::Tensor state = torch::empty({static_cast<std::int64_t>(bytes.size())}, torch::kUInt8);
    std::memcpy(state.data_ptr<std::uint8_t>(), bytes.data(), bytes.size());
    std::lock_guard<std::mutex> lock(generator.mutex());
    generator.set_state(state);
}

/// Keras categorical cross-entropy on one-hot targets, per sample, with label smoothing
/// (targets y·(1−s) + s/K).
torch::Tensor crossEntropyPerSample(const torch::Tensor& logits, const torch::Tensor& labels, double smoothing)
{
    const torch::Tensor logProbabilities = torch::log_softmax(logits.to(torch::kFloat32), 1);
    torch::Tensor target = torch::one_hot(labels, logits.size(1)).to(torch::kFloat32);
    if (smoothing > 0)
        target = target * (1.0 - smoothing) + smoothing / static_cast<double>(logits.size(1));
    return -(target * logProbabilities).sum(1);
}

/// CUDA: batches between two reads of the running loss and accuracy (and progress reports).
constexpr int kCudaSyncBatches = 8;

/// Loss and accuracy sums of one phase of an epoch, for running means (Keras weights each
/// batch's loss by its size). On CUDA the per-batch sums stay on the GPU
/// (`add`) and are read in one synchronisation every few batches (`settle`): reading them after
/// every batch stalls the CPU until the GPU drains, so it cannot queue the next batch's
/// kernels, and ResNet152V2's step becomes launch-bound (measured in docs/PERFORMANCE.md).
struct RunningStats {
    double lossSum = 0;
    std::int64_t correct = 0;
    std::int64_t seen = 0;
    torch::Tensor pending;           ///< CUDA: [loss sum, correct] of batches not yet read
    std::int64_t pendingSeen = 0;
    int pendingBatches = 0;
    int firstPendingBatch = 0;

    double loss() const { return seen ? lossSum / static_cast<double>(seen) : 0.0; }
    double accuracy() const { return seen ? static_cast<double>(correct) / static_cast<double>(seen) : 0.0; }

    void add(const torch::Tensor& batchLossSum, const torch::Tensor& batchCorrect, std::int64_t n, int batchIndex)
    {
        const torch::Tensor both = torch::stack({batchLossSum.to(torch::kFloat64), batchCorrect.to(torch::kFloat64)});
        if (!pending.defined())
            firstPendingBatch = batchIndex;
        pending = pending.defined() ? pending + both : both;
        pendingSeen += n;
        ++pendingBatches;
    }
    /// CUDA: whether to read the pending sums now: every kCudaSyncBatches batches, or at the
    /// end of a phase (`force`).
    bool due(bool force) const { return pendingBatches > 0 && (force || pendingBatches >= kCudaSyncBatches); }
    /// Reads the pending sums (one synchronisation); returns their loss sum, 0 when none.
    double settle()
    {
        if (!pending.defined())
            return 0.0;
        const torch::Tensor values = pending.to(torch::kCPU);
        const double loss = values[0].item<double>();
        lossSum += loss;
        correct += std::llround(values[1].item<double>());
        seen += pendingSeen;
        pending = torch::Tensor();
        pendingSeen = 0;
        pendingBatches = 0;
        return loss;
    }
};

/// Runs a scope with one intra-op thread. The head on cached features multiplies 16×2048 by
/// 2048×128: splitting that across threads costs more in OpenMP barriers than it saves, and on
/// a busy machine each barrier waits for a descheduled thread (measured: see PERFORMANCE.md).
class SingleThreadScope {
public:
    SingleThreadScope() : previous_(torch::get_num_threads())
    {
        if (previous_ != 1)
            torch::set_num_threads(1);
    }
    ~SingleThreadScope()
    {
        if (previous_ != 1)
            torch::set_num_threads(previous_);
    }
    SingleThreadScope(const SingleThreadScope&) = delete;
    SingleThreadScope& operator=(const SingleThreadScope&) = delete;

private:
    int previous_ = 1;
};

/// cuDNN's process-wide settings for one CUDA run, restored afterwards. Fast: cuDNN times its
/// algorithms once per input shape (training shapes are fixed) — measured through this trainer
/// in docs/PERFORMANCE.md. Deterministic: fixed algorithms and deterministic ATen kernels
/// (warn-only where none exists), so a run and its resume are bit-identical on the GPU too.
class CudnnScope {
public:
    explicit CudnnScope(bool deterministic)
    {
        auto& context = at::globalContext();
        benchmark_ = context.benchmarkCuDNN();
        deterministicCudnn_ = context.deterministicCuDNN();
        deterministicAlgorithms_ = context.deterministicAlgorithms();
        warnOnly_ = context.deterministicAlgorithmsWarnOnly();
        context.setBenchmarkCuDNN(!deterministic);
        context.setDeterministicCuDNN(deterministic);
        context.setDeterministicAlgorithms(deterministic, /*warn_only=*/true);
    }
    ~CudnnScope()
    {
        auto& context = at::globalContext();
        context.setBenchmarkCuDNN(benchmark_);
        context.setDeterministicCuDNN(deterministicCudnn_);
        context.setDeterministicAlgorithms(deterministicAlgorithms_, warnOnly_);
    }
    CudnnScope(const CudnnScope&) = delete;
    CudnnScope& operator=(const CudnnScope&) = delete;

private:
    bool benchmark_ = false, deterministicCudnn_ = false, deterministicAlgorithms_ = false, warnOnly_ = false;
};

} // namespace

std::vector<std::string> trainingAdvice(const TrainOptions& o)
{
    std::vector<std::string> advice;
    const bool pretrained = !o.imagenetWeights.empty();
    if (o.mode == TrainingMode::Frozen && !pretrained)
        advice.push_back("frozen mode without ImageNet weights trains only the head on a random backbone; measured on "
                         "knee phantoms this stays at chance (0.20) however long it runs. Load the official Keras "
                         "ResNetV2 weights with --weights FILE.h5, or train from scratch with --mode finetune --lr 1e-3.");
    if (o.mode == TrainingMode::TwoPhase && !pretrained)
        advice.push_back("two-phase warm-up trains the head on a random backbone, which learns nothing without ImageNet "
                         "weights; use --weights FILE.h5, or --mode finetune.");
    if (o.mode == TrainingMode::FineTune && !pretrained && o.learningRate < 5e-4)
        advice.push_back("training from scratch at lr " + format("%g", o.learningRate) +
                         ": measured with ResNet50V2 on 96 px phantoms, lr 1e-4 (the tutorial's, meant for ImageNet "
                         "weights) stayed at chance for 12 epochs while lr 1e-3 reached 0.58-0.67 by epoch 10. Use "
                         "--lr 1e-3 with a small network or image size (e.g. --arch resnetv2-small --image-size 96).");
    if (o.mode == TrainingMode::Frozen && o.augment.enabled && o.cachedAugmentedViews == 0)
        advice.push_back("frozen mode with augmentation runs the backbone on every image every epoch; --no-augment "
                         "computes the features once, --cached-views N caches N augmented views per image.");
    return advice;
}

namespace detail {

/// What a Trainer shares between its training thread and the threads that control it.
struct TrainerState {
    TrainOptions options;
    std::shared_ptr<TrainingData> data;
    bool resume = false;
    std::atomic<bool> cancelled{false};
    mutable std::mutex pauseMutex;
    std::condition_variable pauseChanged;
    bool paused = false;
};

} // namespace detail

struct Trainer::Impl : detail::TrainerState {};

namespace {

/// One call of Trainer::run(): everything that lives while training runs.
class Session {
public:
    Session(detail::TrainerState& owner, const Trainer::ProgressCallback& callback)
        : owner_(owner), o_(owner.options), callback_(callback), reduceLr_(o_.reduceLr), earlyStopping_(o_.earlyStopping)
    {
    }

    TrainingResult run()
    {
        start_ = Clock::now();
        result_.bestCheckpoint = RunFiles::path(o_.runDir, RunFiles::kBestCheckpoint);
        result_.lastCheckpoint = RunFiles::path(o_.runDir, RunFiles::kLastCheckpoint);
        try {
            if (!prepare())
                return finish(TrainingResult::Status::Cancelled, cancelMessage());
            if (status_ == "early_stopped")
                return finish(TrainingResult::Status::EarlyStopped,
                              "the run had already stopped early at epoch " + std::to_string(completedEpochs_) + "; nothing to resume");
            for (int epoch = completedEpochs_ + 1; epoch <= o_.epochs; ++epoch) {
                const auto outcome = runEpoch(epoch);
                if (outcome == Outcome::Cancelled)
                    return finish(TrainingResult::Status::Cancelled, cancelMessage());
                if (outcome == Outcome::NonFinite)
                    return finish(TrainingResult::Status::Failed, failure_);
                if (status_ == "early_stopped")
                    return finish(TrainingResult::Status::EarlyStopped,
                                  "early stopping: val_loss has not improved for " + std::to_string(o_.earlyStopping.patience) +
                                      " epochs (best " + format("%.4f", earlyStopping_.best()) + " at epoch " +
                                      std::to_string(earlyStopping_.bestEpoch()) + ")" +
                                      (o_.earlyStopping.restoreBestWeights ? "; best weights restored" : ""));
            }
            return finish(TrainingResult::Status::Completed,
                          std::to_string(completedEpochs_) + " of " + std::to_string(o_.epochs) + " epochs; best val_loss " +
                              format("%.4f", best_.best()) + " at epoch " + std::to_string(best_.bestEpoch()));
        } catch (const std::exception& e) {
            return finish(TrainingResult::Status::Failed, e.what());
        }
    }

private:
    enum class Outcome { Done, Cancelled, NonFinite };

    // ---- set-up -------------------------------------------------------------------------

    bool prepare()
    {
        validateTrainOptions(o_);
        if (o_.runDir.empty())
            throw Error("training options: no run directory given");
        std::error_code ec;
        fs::create_directories(o_.runDir, ec);
        if (ec || !fs::is_directory(o_.runDir))
            throw Error(o_.runDir, "cannot create the run directory: " + ec.message());
        if (!owner_.resume && fs::exists(result_.lastCheckpoint))
            throw Error(o_.runDir, "already holds a training run (last.kgckpt); resume it (kneegrade-cli train --resume) "
                                   "or choose another run folder");
        log_ = TrainLog(RunFiles::path(o_.runDir, RunFiles::kLog));
        for (const std::string& removed : removeInterruptedSaves(o_.runDir))
            log_.line("removed " + removed + ", left behind by an interrupted save");
        const RuntimeInfo runtime = configureRuntime(o_.runtime);  // on this thread: OpenMP threads are per thread
        cuda_ = resolvesToCuda(o_.runtime.device);
        device_ = cuda_ ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
        autocast_ = cuda_ && o_.mixedPrecision;
        if (cuda_)
            cudnn_.emplace(o_.deterministic);
        log_.line(std::string(owner_.resume ? "resuming" : "starting") + " run in " + o_.runDir + " on " +
                  (cuda_ ? "CUDA" + std::string(autocast_ ? " (bf16 autocast)" : "") +
                               (o_.deterministic ? ", deterministic" : ", cuDNN autotuning")
                         : "CPU, " + std::to_string(runtime.threads) + " threads") +
                  ", LibTorch " + runtime.torchVersion + ", BLAS " + runtime.blas);
        for (const auto& advice : trainingAdvice(o_)) {
            log_.line("warning: " + advice);
            if (!message(Phase::Preparing, "warning: " + advice))
                return false;
        }

        if (!owner_.data && !loadDataset())
            return false;
        data_ = owner_.data;
        if (data_->trainGrades().empty() || data_->validationSize() == 0)
            throw Error("training needs at least one training and one validation image");
        manifest_ = data_->manifestHash();
        grades_ = data_->trainGrades();
        for (int grade : grades_)
            if (grade < 0 || grade >= o_.model.head.numClasses)
                throw Error("training item with grade " + std::to_string(grade) + " outside 0.." +
                            std::to_string(o_.model.head.numClasses - 1));

        const std::string lastPath = result_.lastCheckpoint;
        CheckpointBlobs blobs;
        nlohmann::json state;
        if (owner_.resume && fs::exists(lastPath)) {
            LoadedCheckpoint loaded = loadCheckpoint(lastPath);
            if (!manifest_.empty() && !loaded.meta.datasetManifestHash.empty() && manifest_ != loaded.meta.datasetManifestHash)
                throw Error(o_.dataRoot, "the dataset changed since this run started (manifest SHA-256 " +
                                             manifest_.substr(0, 12) + "… vs " + loaded.meta.datasetManifestHash.substr(0, 12) +
                                             "… in the checkpoint); a resumed run must see the same files. Start a new run.");
            model_ = std::make_unique<Model>(std::move(loaded.model));
            state = loaded.meta.state;
            blobs = std::move(loaded.blobs);
        } else {
            model_ = std::make_unique<Model>(o_.model);
            if (!o_.imagenetWeights.empty()) {
                if (!message(Phase::Preparing, "loading ImageNet weights from " + o_.imagenetWeights))
                    return false;
                const KerasImportReport report = importKerasWeights(*model_, o_.imagenetWeights);
                log_.line("backbone weights: " + describe(report));
            }
            if (owner_.resume)
                log_.line("no last checkpoint yet: restarting from options.json");
        }
        auto& impl = model_->impl();
        impl.moveTo(device_);
        if (cuda_) {
            torch::NoGradGuard noGrad;
            for (auto& p : impl.net->parameters())
                if (p.dim() == 4)
                    p.set_data(p.contiguous(at::MemoryFormat::ChannelsLast));
        }
        singletonBnBatchesFail_ = impl.net->backbone()->featureSide(o_.preprocessing.imageSize) == 1;
        if (o_.imbalance == ImbalanceStrategy::ClassWeights) {
            const auto weights = inverseFrequencyWeights(grades_, o_.model.head.numClasses);
            classWeights_ = torch::tensor(weights, torch::kFloat64).to(torch::kFloat32).to(device_);
            std::string text = "class weights (inverse frequency):";
            for (double w : weights)
                text += " " + format("%.3f", w);
            log_.line(text);
        }

        double learningRate = o_.learningRate;
        unfrozen_ = o_.mode == TrainingMode::TwoPhase && o_.twoPhaseWarmupEpochs == 0;
        if (unfrozen_)
            learningRate *= o_.twoPhaseLrFactor;
        if (!state.is_null() && !state.empty()) {
            completedEpochs_ = state.at("epoch").get<int>();
            status_ = state.value("status", std::string("running"));
            unfrozen_ = state.value("phase", std::string("warmup")) == "unfrozen";
            learningRate = state.at("learning_rate").get<double>();
            for (const auto& record : state.at("history"))
                history_.push_back(recordFromJson(record));
            const auto& callbacks = state.at("callbacks");
            reduceLr_.restoreState(callbacks.at("reduce_lr"));
            earlyStopping_.restoreState(callbacks.at("early_stopping"));
            best_.restoreState(callbacks.at("model_checkpoint"));
            if (status_ == "completed")
                status_ = "running";  // more epochs were asked for
        }
        trainability_ = currentTrainability();
        applyTrainability(impl.net, trainability_);
        optimizer_ = makeOptimizer(impl.net, learningRate);
        if (const auto it = blobs.find("optimizer"); it != blobs.end())
            deserializeOptimizer(*optimizer_, it->second, device_);
        setLearningRate(*optimizer_, learningRate);
        if (const auto it = blobs.find("rng_cpu"); it != blobs.end())
            setCpuRngState(it->second);

        nlohmann::json optionsJson = o_;
        optionsJson["dataset_manifest_sha256"] = manifest_;
        writeFileAtomically(RunFiles::path(o_.runDir, RunFiles::kOptions), optionsJson.dump(2) + "\n");
        writeHistoryCsv(RunFiles::path(o_.runDir, RunFiles::kHistory), history_);
        if (completedEpochs_ > 0) {
            log_.line("resumed after epoch " + std::to_string(completedEpochs_) + " (lr " + format("%g", learningRate) + ")");
            if (!message(Phase::Preparing, "resumed after epoch " + std::to_string(completedEpochs_)))
                return false;
        }
        const auto counts = model_->parameterCounts();
        log_.line("model " + architectureName(o_.model.backbone) + " (" + std::to_string(counts.total()) + " parameters), mode " +
                  toString(o_.mode) + ", image size " + std::to_string(o_.preprocessing.imageSize) + ", batch " +
                  std::to_string(o_.batchSize) + ", " + std::to_string(grades_.size()) + " train / " +
                  std::to_string(data_->validationSize()) + " val images, dataset manifest " + manifest_);
        return true;
    }

    /// Scans options.dataRoot, refuses a dataset that cannot be trained on and warns about
    /// what the dataset report would warn about. False when cancelled.
    bool loadDataset()
    {
        if (!message(Phase::Preparing, "scanning " + o_.dataRoot))
            return false;
        ScanOptions scan;
        scan.seed = o_.seed;
        DatasetSplits splits = scanDataset(o_.dataRoot, scan);
        checkTrainable(splits);
        for (const std::string& warning : trainingWarnings(splits)) {
            log_.line("warning: " + warning);
            if (!message(Phase::Preparing, "warning: " + warning))
                return false;
        }
        log_.line("dataset " + splits.root + ": " + std::to_string(splits.train.size()) + " train, " +
                  std::to_string(splits.val.size()) + " val images" + (splits.valSplitFromTrain ? " (val split off train by patient)" : ""));
        LoaderOptions loader;
        loader.workers = o_.loaderWorkers;
        loader.seed = o_.seed;
        loader.augmentation.horizontalFlip = o_.augment.flip;
        loader.augmentation.rotate = o_.augment.rotation > 0;
        loader.augmentation.rotationFactor = o_.augment.rotation;
        loader.augmentation.zoom = o_.augment.zoom > 0;
        loader.augmentation.zoomFactor = o_.augment.zoom;
        loader.augmentation.translate = o_.augment.translation > 0;
        loader.augmentation.translationFactor = o_.augment.translation;
        owner_.data = std::make_shared<FolderTrainingData>(std::move(splits), loader, o_.preprocessing);
        return true;
    }

    Trainability currentTrainability() const
    {
        switch (o_.mode) {
        case TrainingMode::Frozen: return {true, 0};
        case TrainingMode::FineTune: return {false, 5};
        case TrainingMode::TwoPhase: break;
        }
        return unfrozen_ ? Trainability{false, std::min(o_.twoPhaseUnfreezeStacks, 5)} : Trainability{true, 0};
    }

    bool augmentTraining() const { return o_.augment.enabled; }

    /// Frozen backbone: features of every training item (or `cachedAugmentedViews` augmented
    /// views) and of the validation set, computed once.
    bool buildFeatureCache(bool training)
    {
        const bool augment = augmentTraining();
        const int views = !training ? 0 : augment ? o_.cachedAugmentedViews : 1;
        const auto n = static_cast<std::int64_t>(grades_.size());
        std::vector<std::int64_t> identity(static_cast<size_t>(n));
        for (std::int64_t i = 0; i < n; ++i)
            identity[static_cast<size_t>(i)] = i;
        const auto started = Clock::now();
        const std::int64_t batchesPerView = (n + o_.batchSize - 1) / o_.batchSize;
        const std::int64_t valBatches = (data_->validationSize() + o_.batchSize - 1) / o_.batchSize;
        const std::int64_t total = views * batchesPerView + valBatches;
        std::int64_t offset = 0;
        auto progress = [&](std::int64_t done, std::int64_t) {
            TrainingProgress p = base(Phase::CachingFeatures, completedEpochs_ + 1);
            p.batch = static_cast<int>(offset + done);
            p.batches = static_cast<int>(total);
            p.message = "computing backbone features once (frozen backbone)";
            return proceed() && emit(p);
        };
        for (int view = 0; view < views; ++view) {
            BatchSource& source = data_->training(view, identity, o_.batchSize, augment);
            auto table = computeFeatures(model_->impl(), source, n, o_.batchSize, autocast_, progress);
            if (!table)
                return false;
            trainViews_.push_back(std::move(*table));
            offset += batchesPerView;
        }
        BatchSource& validation = data_->validation(o_.batchSize);
        validation.startEpoch(0);
        auto table = computeFeatures(model_->impl(), validation, data_->validationSize(), o_.batchSize, autocast_, progress);
        if (!table)
            return false;
        valFeatures_ = std::move(*table);
        log_.line("feature cache: " + std::to_string(views) + " view(s) of " + std::to_string(n) + " training and " +
                  std::to_string(data_->validationSize()) + " validation images in " + format("%.1f", secondsSince(started)) + " s");
        return true;
    }

    // ---- one epoch ----------------------------------------------------------------------

    Outcome runEpoch(int epoch)
    {
        const int e0 = epoch - 1;
        // A frozen backbone's validation features never change; its training features only
        // with augmentation (then a fixed number of cached views stands in, if asked for).
        const bool cacheFeatures = trainability_.backboneFrozen && o_.cacheFrozenFeatures;
        const bool useCache = cacheFeatures && (!augmentTraining() || o_.cachedAugmentedViews > 0);
        if (cacheFeatures && !valFeatures_ && !buildFeatureCache(useCache))
            return Outcome::Cancelled;
        // Epoch e's randomness (order, dropout, augmentation) depends only on (seed, e): a
        // resumed run draws exactly what an uninterrupted one would have.
        torch::manual_seed(combineSeeds({o_.seed, kEpochRngTag, static_cast<std::uint64_t>(e0)}));
        const std::vector<std::int64_t> order = o_.imbalance == ImbalanceStrategy::BalancedSampling
                                                    ? balancedOrder(grades_, o_.seed, e0)
                                                    : epochOrder(static_cast<std::int64_t>(grades_.size()), o_.seed, e0);
        epochStart_ = Clock::now();
        epochPaused_ = 0;
        const double learningRate = learningRateOf(*optimizer_);

        RunningStats train;
        Outcome outcome = useCache ? trainOnFeatures(epoch, order, train) : trainOnImages(epoch, order, train);
        if (outcome != Outcome::Done)
            return outcome;
        const double trainSeconds = activeEpochSeconds();
        RunningStats val;
        outcome = validate(epoch, val);
        if (outcome != Outcome::Done)
            return outcome;
        lastValSeconds_ = activeEpochSeconds() - trainSeconds;

        EpochRecord record;
        record.epoch = epoch;
        record.loss = train.loss();
        record.accuracy = train.accuracy();
        record.valLoss = val.loss();
        record.valAccuracy = val.accuracy();
        record.learningRate = learningRate;
        record.durationSeconds = activeEpochSeconds();
        history_.push_back(record);
        completedEpochs_ = epoch;
        sessionEpochSeconds_ += record.durationSeconds;
        ++sessionEpochs_;
        return endEpoch(record);
    }

    Outcome trainOnImages(int epoch, const std::vector<std::int64_t>& order, RunningStats& stats)
    {
        auto& impl = model_->impl();
        auto& net = impl.net;
        setTrainingMode(net, trainability_);
        BatchSource& source = data_->training(epoch - 1, order, o_.batchSize, augmentTraining());
        const int batches = static_cast<int>((static_cast<std::int64_t>(order.size()) + o_.batchSize - 1) / o_.batchSize);
        int index = 0;
        for (;;) {
            if (!proceed())
                return Outcome::Cancelled;
            std::optional<Batch> batch = source.next();
            if (!batch)
                break;
            ++index;
            const auto n = batch->images.size(0);
            if (n == 1 && singletonBnBatchesFail_ && !trainability_.backboneFrozen) {
                log_.line("epoch " + std::to_string(epoch) + ": skipped a batch of one image (BatchNorm needs two at this image size)");
                continue;
            }
            torch::Tensor input = impl.prepareInput(batch->images);
            if (cuda_)
                input = input.contiguous(at::MemoryFormat::ChannelsLast);
            const torch::Tensor labels = batch->labels.to(device_);
            torch::Tensor logits;
            if (trainability_.backboneFrozen) {
                torch::Tensor features;
                {
                    torch::NoGradGuard noGrad;
                    features = compat::withCudaAutocast(autocast_, at::kBFloat16, [&] { return net->backbone()->forward(input).pooled; });
                }
                logits = net->head()->forward(features.to(torch::kFloat32));
            } else {
                logits = compat::withCudaAutocast(autocast_, at::kBFloat16, [&] { return net->forward(input).logits; });
            }
            if (!step(epoch, index, logits, labels, stats) || !settleWhenDue(epoch, index == batches, stats))
                return Outcome::NonFinite;
            if (stats.pendingBatches == 0 && !batchProgress(Phase::Training, epoch, index, batches, stats, order.size()))
                return Outcome::Cancelled;
        }
        return settleWhenDue(epoch, true, stats) ? Outcome::Done : Outcome::NonFinite;
    }

    Outcome trainOnFeatures(int epoch, const std::vector<std::int64_t>& order, RunningStats& stats)
    {
        auto& net = model_->impl().net;
        setTrainingMode(net, trainability_);
        std::optional<SingleThreadScope> oneThread;
        if (!cuda_)
            oneThread.emplace();
        const FeatureTable& view = trainViews_[static_cast<size_t>((epoch - 1) % static_cast<int>(trainViews_.size()))];
        FeatureBatches batches(view, order, o_.batchSize);
        for (std::int64_t b = 0; b < batches.batches(); ++b) {
            if (!proceed())
                return Outcome::Cancelled;
            const FeatureBatch batch = batches.batch(b);
            const torch::Tensor logits = net->head()->forward(batch.features);
            const bool last = b + 1 == batches.batches();
            if (!step(epoch, static_cast<int>(b + 1), logits, batch.labels, stats) || !settleWhenDue(epoch, last, stats))
                return Outcome::NonFinite;
            if (stats.pendingBatches == 0 &&
                !batchProgress(Phase::Training, epoch, static_cast<int>(b + 1), static_cast<int>(batches.batches()), stats, order.size()))
                return Outcome::Cancelled;
        }
        return settleWhenDue(epoch, true, stats) ? Outcome::Done : Outcome::NonFinite;
    }

    /// Loss, backward, Adam step; false (and failure_ set) when the loss is not finite.
    bool step(int epoch, int batchIndex, const torch::Tensor& logits, const torch::Tensor& labels, RunningStats& stats)
    {
        torch::Tensor perSample = crossEntropyPerSample(logits, labels, o_.labelSmoothing);
        if (classWeights_.defined())
            perSample = perSample * classWeights_.index_select(0, labels);
        const torch::Tensor loss = perSample.mean();
        const auto n = labels.size(0);
        // CPU: the loss is checked before the step. CUDA: no synchronisation here; a non-finite
        // loss is caught at the next settleWhenDue(), before anything of this epoch is saved.
        const double value = cuda_ ? 0.0 : loss.item<double>();
        if (!std::isfinite(value))
            return nonFinite(epoch, "batch " + std::to_string(batchIndex) + " of training", value);
        optimizer_->zero_grad();
        loss.backward();
        optimizer_->step();
        const torch::Tensor correct = logits.detach().argmax(1).eq(labels).sum();
        if (cuda_) {
            stats.add(loss.detach() * static_cast<double>(n), correct, n, batchIndex);
        } else {
            stats.lossSum += value * static_cast<double>(n);
            stats.correct += correct.item<std::int64_t>();
            stats.seen += n;
        }
        return true;
    }

    /// CUDA: reads the pending training sums every kCudaSyncBatches batches and at the end of
    /// the epoch (`force`); false (and failure_ set) when their loss is not finite.
    bool settleWhenDue(int epoch, bool force, RunningStats& stats)
    {
        if (!stats.due(force))
            return true;
        const int first = stats.firstPendingBatch, count = stats.pendingBatches;
        const double loss = stats.settle();
        if (std::isfinite(loss))
            return true;
        const std::string where = count == 1 ? "batch " + std::to_string(first)
                                             : "batches " + std::to_string(first) + "–" + std::to_string(first + count - 1);
        return nonFinite(epoch, where + " of training", loss);
    }

    bool nonFinite(int epoch, const std::string& where, double value)
    {
        const std::string kept = completedEpochs_ > 0 ? "last.kgckpt keeps the weights of epoch " + std::to_string(completedEpochs_) +
                                                           (best_.bestEpoch() > 0 ? ", best.kgckpt those of epoch " + std::to_string(best_.bestEpoch()) : "")
                                                     : "no epoch had finished, so no checkpoint was written";
        failure_ = "training stopped: the loss became " + std::string(std::isnan(value) ? "NaN" : "infinite") + " in epoch " +
                   std::to_string(epoch) + ", " + where + " (learning rate " + format("%g", learningRateOf(*optimizer_)) +
                   "). Nothing from this epoch was saved; " + kept + ". Lower the learning rate (--lr) or check the data.";
        return false;
    }

    Outcome validate(int epoch, RunningStats& stats)
    {
        auto& impl = model_->impl();
        auto& net = impl.net;
        net->eval();
        torch::NoGradGuard noGrad;
        const int batches = static_cast<int>((data_->validationSize() + o_.batchSize - 1) / o_.batchSize);
        auto accumulate = [&](const torch::Tensor& logits, const torch::Tensor& labels, int index) {
            const torch::Tensor losses = crossEntropyPerSample(logits, labels, o_.labelSmoothing);
            if (cuda_) {  // read every few batches, as in training
                stats.add(losses.sum(), logits.argmax(1).eq(labels).sum(), labels.size(0), index);
                if (!stats.due(index >= batches))
                    return true;
                stats.settle();
            } else {
                stats.lossSum += losses.sum().item<double>();
                stats.correct += logits.argmax(1).eq(labels).sum().item<std::int64_t>();
                stats.seen += labels.size(0);
            }
            return batchProgress(Phase::Validating, epoch, index, batches, stats, static_cast<std::size_t>(data_->validationSize()));
        };
        if (trainability_.backboneFrozen && valFeatures_) {
            std::vector<std::int64_t> identity(static_cast<size_t>(data_->validationSize()));
            for (size_t i = 0; i < identity.size(); ++i)
                identity[i] = static_cast<std::int64_t>(i);
            FeatureBatches cached(*valFeatures_, identity, o_.batchSize);
            std::optional<SingleThreadScope> oneThread;
            if (!cuda_)
                oneThread.emplace();
            for (std::int64_t b = 0; b < cached.batches(); ++b) {
                if (!proceed())
                    return Outcome::Cancelled;
                const FeatureBatch batch = cached.batch(b);
                if (!accumulate(net->head()->forward(batch.features), batch.labels, static_cast<int>(b + 1)))
                    return Outcome::Cancelled;
            }
        } else {
            BatchSource& source = data_->validation(o_.batchSize);
            source.startEpoch(0);
            int index = 0;
            for (;;) {
                if (!proceed())
                    return Outcome::Cancelled;
                std::optional<Batch> batch = source.next();
                if (!batch)
                    break;
                torch::Tensor input = impl.prepareInput(batch->images);
                if (cuda_)
                    input = input.contiguous(at::MemoryFormat::ChannelsLast);
                const torch::Tensor logits =
                    compat::withCudaAutocast(autocast_, at::kBFloat16, [&] { return net->forward(input).logits; }).to(torch::kFloat32);
                if (!accumulate(logits, batch->labels.to(device_), ++index))
                    return Outcome::Cancelled;
            }
        }
        stats.settle();  // what the last few CUDA batches left pending
        if (stats.seen == 0)
            throw Error("no validation image could be read");
        if (!std::isfinite(stats.loss())) {
            nonFinite(epoch, "validation", stats.loss());
            return Outcome::NonFinite;
        }
        return Outcome::Done;
    }

    /// The callbacks in Keras' order of effect, then the checkpoints and run files.
    Outcome endEpoch(const EpochRecord& record)
    {
        const int epoch = record.epoch;
        std::vector<std::string> notes;
        if (best_.onEpochEnd(epoch, record.valLoss) && o_.checkpoint.saveBest) {
            saveCheckpoint(result_.bestCheckpoint, *model_, meta(), {});
            notes.push_back("val_loss improved to " + format("%.4f", record.valLoss) + ", saved best.kgckpt");
        }
        const EarlyStopping::Decision stopping = earlyStopping_.onEpochEnd(epoch, record.valLoss);
        if (stopping.improved && o_.earlyStopping.restoreBestWeights && earlyStoppingSnapshot() != result_.bestCheckpoint)
            saveCheckpoint(earlyStoppingSnapshot(), *model_, meta(), {});
        if (stopping.stop) {
            status_ = "early_stopped";
            notes.push_back("early stopping after epoch " + std::to_string(epoch));
            if (stopping.restoreBest) {
                restoreWeights(earlyStoppingSnapshot());
                notes.push_back("restored the weights of epoch " + std::to_string(earlyStopping_.bestEpoch()));
            }
        }
        const ReduceLrOnPlateau::Decision reduce = reduceLr_.onEpochEnd(record.valLoss, record.learningRate);
        if (reduce.reduced) {
            setLearningRate(*optimizer_, reduce.learningRate);
            notes.push_back("learning rate reduced to " + format("%g", reduce.learningRate));
        }
        if (o_.mode == TrainingMode::TwoPhase && !unfrozen_ && epoch >= o_.twoPhaseWarmupEpochs && status_ == "running") {
            unfrozen_ = true;
            trainability_ = currentTrainability();
            applyTrainability(model_->impl().net, trainability_);
            const double learningRate = learningRateOf(*optimizer_) * o_.twoPhaseLrFactor;
            optimizer_ = makeOptimizer(model_->impl().net, learningRate);
            reduceLr_.resetWait();
            earlyStopping_.resetWait();
            trainViews_.clear();
            valFeatures_.reset();
            notes.push_back("warm-up done: unfroze the top " + std::to_string(trainability_.unfrozenStacks) +
                            " stack(s), learning rate " + format("%g", learningRate));
        }
        if (status_ == "running" && epoch >= o_.epochs)
            status_ = "completed";
        if (o_.checkpoint.saveLast) {
            CheckpointBlobs blobs{{"optimizer", serializeOptimizer(*optimizer_)}, {"rng_cpu", cpuRngState()}};
            saveCheckpoint(result_.lastCheckpoint, *model_, meta(), blobs);
        }
        writeHistoryCsv(RunFiles::path(o_.runDir, RunFiles::kHistory), history_);
        std::string line = "epoch " + std::to_string(epoch) + "/" + std::to_string(o_.epochs) + "  loss " +
                           format("%.4f", record.loss) + "  accuracy " + format("%.4f", record.accuracy) + "  val_loss " +
                           format("%.4f", record.valLoss) + "  val_accuracy " + format("%.4f", record.valAccuracy) + "  lr " +
                           format("%g", record.learningRate) + "  " + format("%.1f", record.durationSeconds) + " s";
        log_.line(line);
        std::string joined;
        for (const auto& note : notes) {
            log_.line("  " + note);
            joined += (joined.empty() ? "" : "; ") + note;
        }
        TrainingProgress p = base(Phase::EpochEnd, epoch);
        const auto& last = history_.back();
        p.loss = last.loss;
        p.accuracy = last.accuracy;
        p.message = joined;
        p.history = history_;
        p.etaSeconds = remainingEpochs(epoch) * averageEpochSeconds();
        return emit(p) ? Outcome::Done : Outcome::Cancelled;
    }

    std::string earlyStoppingSnapshot() const
    {
        // With min_delta 0 an EarlyStopping improvement is exactly a ModelCheckpoint one, so
        // best.kgckpt already holds those weights; otherwise they need their own file.
        return o_.earlyStopping.minDelta == 0 && o_.checkpoint.saveBest
                   ? result_.bestCheckpoint
                   : RunFiles::path(o_.runDir, RunFiles::kEarlyStoppingBest);
    }

    void restoreWeights(const std::string& path)
    {
        LoadedCheckpoint loaded = loadCheckpoint(path);
        torch::NoGradGuard noGrad;
        auto source = modelStateTensors(loaded.model.impl().net);
        auto target = modelStateTensors(model_->impl().net);
        for (size_t i = 0; i < source.size(); ++i)
            target[i].second.copy_(source[i].second);
    }

    CheckpointMeta meta() const
    {
        CheckpointMeta m;
        m.model = o_.model;
        m.preprocessing = o_.preprocessing;
        m.trainingOptions = o_;
        m.datasetManifestHash = manifest_;
        nlohmann::json history = nlohmann::json::array();
        for (const auto& record : history_)
            history.push_back(recordJson(record));
        m.state = {{"epoch", completedEpochs_},
                   {"status", status_},
                   {"phase", unfrozen_ ? "unfrozen" : "warmup"},
                   {"learning_rate", learningRateOf(*optimizer_)},
                   {"seed", o_.seed},
                   {"history", history},
                   {"callbacks", {{"reduce_lr", reduceLr_.state()},
                                  {"early_stopping", earlyStopping_.state()},
                                  {"model_checkpoint", best_.state()}}}};
        if (!history_.empty()) {
            m.state["val_loss"] = history_.back().valLoss;
            m.state["val_accuracy"] = history_.back().valAccuracy;
        }
        return m;
    }

    // ---- progress, pause, cancel ---------------------------------------------------------

    double activeEpochSeconds() const { return secondsSince(epochStart_) - epochPaused_; }
    double averageEpochSeconds() const { return sessionEpochs_ ? sessionEpochSeconds_ / sessionEpochs_ : 0.0; }
    int remainingEpochs(int epoch) const { return std::max(0, o_.epochs - epoch); }

    TrainingProgress base(Phase phase, int epoch) const
    {
        TrainingProgress p;
        p.phase = phase;
        p.epoch = epoch;
        p.epochs = o_.epochs;
        p.learningRate = optimizer_ ? learningRateOf(*optimizer_) : o_.learningRate;
        p.elapsedSeconds = secondsSince(start_) - pausedTotal_;
        return p;
    }

    bool batchProgress(Phase phase, int epoch, int batch, int batches, const RunningStats& stats, std::size_t samples)
    {
        TrainingProgress p = base(phase, epoch);
        p.batch = batch;
        p.batches = batches;
        p.loss = stats.loss();
        p.accuracy = stats.accuracy();
        const double active = activeEpochSeconds();
        if (phase == Phase::Training) {
            trainSecondsSoFar_ = active;
            p.imagesPerSecond = active > 0 ? static_cast<double>(stats.seen) / active : 0.0;
            const double perBatch = active / std::max(batch, 1);
            const double valEstimate = lastValSeconds_ > 0 ? lastValSeconds_ : 0.0;
            p.epochEtaSeconds = perBatch * (batches - batch) + valEstimate;
            const double epochEstimate = averageEpochSeconds() > 0 ? averageEpochSeconds() : perBatch * batches + valEstimate;
            p.etaSeconds = p.epochEtaSeconds + remainingEpochs(epoch) * epochEstimate;
        } else {
            const double valElapsed = active - trainSecondsSoFar_;
            p.imagesPerSecond = valElapsed > 0 ? static_cast<double>(stats.seen) / valElapsed : 0.0;
            p.epochEtaSeconds = valElapsed / std::max(batch, 1) * (batches - batch);
            const double epochEstimate = averageEpochSeconds() > 0 ? averageEpochSeconds() : active + p.epochEtaSeconds;
            p.etaSeconds = p.epochEtaSeconds + remainingEpochs(epoch) * epochEstimate;
        }
        (void)samples;
        return emit(p);
    }

    bool message(Phase phase, const std::string& text)
    {
        TrainingProgress p = base(phase, completedEpochs_ + 1);
        p.message = text;
        return emit(p);
    }

    /// Sends `p`; a false return from the callback cancels the run.
    bool emit(const TrainingProgress& p)
    {
        if (callback_ && !callback_(p))
            owner_.cancelled = true;
        return !owner_.cancelled;
    }

    /// Between batches: blocks while paused; false once cancelled.
    bool proceed()
    {
        std::unique_lock<std::mutex> lock(owner_.pauseMutex);
        if (owner_.paused && !owner_.cancelled) {
            lock.unlock();
            log_.line("paused");
            message(Phase::Training, "paused");
            const auto pausedAt = Clock::now();
            lock.lock();
            owner_.pauseChanged.wait(lock, [&] { return !owner_.paused || owner_.cancelled; });
            const double seconds = secondsSince(pausedAt);
            epochPaused_ += seconds;
            pausedTotal_ += seconds;
            lock.unlock();
            if (!owner_.cancelled)
                log_.line("resumed after a pause of " + format("%.0f", seconds) + " s");
            return !owner_.cancelled;
        }
        return !owner_.cancelled;
    }

    std::string cancelMessage() const
    {
        return "cancelled during epoch " + std::to_string(completedEpochs_ + 1) + "; " +
               (completedEpochs_ > 0 && o_.checkpoint.saveLast
                    ? "last.kgckpt holds epoch " + std::to_string(completedEpochs_) + " — continue with: kneegrade-cli train --resume " + o_.runDir
                    : "no epoch had finished, so nothing was saved");
    }

    TrainingResult finish(TrainingResult::Status status, const std::string& text)
    {
        result_.status = status;
        result_.message = text;
        result_.history = history_;
        recordSavedCheckpoints();
        log_.line(std::string(status == TrainingResult::Status::Failed ? "failed: " : "finished: ") + text);
        TrainingProgress p = base(Phase::Finished, completedEpochs_);
        p.message = text;
        p.history = history_;
        if (callback_)
            callback_(p);
        return result_;
    }

    /// What the checkpoint files hold, read back from them: a save that failed (a full disk)
    /// left the previous file in place, and the result must not claim the newer epoch.
    void recordSavedCheckpoints()
    {
        const std::optional<nlohmann::json> best = savedState(result_.bestCheckpoint);
        const std::optional<nlohmann::json> last = savedState(result_.lastCheckpoint);
        result_.bestEpoch = best_.bestEpoch();
        result_.bestValLoss = best_.bestEpoch() > 0 ? best_.best() : 0.0;
        if (o_.checkpoint.saveBest) {
            result_.bestEpoch = best ? best->value("epoch", 0) : 0;
            result_.bestValLoss = best ? best->value("val_loss", 0.0) : 0.0;
        }
        result_.lastSavedEpoch = last ? last->value("epoch", 0) : 0;
        if (!best)
            result_.bestCheckpoint.clear();
        if (!last)
            result_.lastCheckpoint.clear();
    }

    /// The training state a checkpoint file holds; nothing when there is no readable file.
    static std::optional<nlohmann::json> savedState(const std::string& path)
    {
        std::error_code ec;
        if (path.empty() || !fs::is_regular_file(path, ec))
            return std::nullopt;
        try {
            return readCheckpointMeta(path).state;
        } catch (const std::exception&) {
            return std::nullopt;
        }
    }

    detail::TrainerState& owner_;
    const TrainOptions& o_;
    const Trainer::ProgressCallback& callback_;
    std::shared_ptr<TrainingData> data_;
    std::unique_ptr<Model> model_;
    std::unique_ptr<torch::optim::Adam> optimizer_;
    torch::Device device_{torch::kCPU};
    bool cuda_ = false;
    bool autocast_ = false;
    std::optional<CudnnScope> cudnn_;  // CUDA runs: cuDNN settings for this run
    bool unfrozen_ = false;
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
    std::string status_ = "running";
    std::string failure_;
    std::vector<FeatureTable> trainViews_;
    std::optional<FeatureTable> valFeatures_;
    TrainLog log_;
    TrainingResult result_;
    Clock::time_point start_{}, epochStart_{};
    double epochPaused_ = 0, pausedTotal_ = 0;
    double trainSecondsSoFar_ = 0, lastValSeconds_ = 0;
    double sessionEpochSeconds_ = 0;
    int sessionEpochs_ = 0;
};

} // namespace

Trainer::Trainer(TrainOptions options) : Trainer(std::move(options), nullptr) {}

Trainer::Trainer(TrainOptions options, std::shared_ptr<TrainingData> data) : impl_(std::make_unique<Impl>())
{
    impl_->options = std::move(options);
    impl_->data = std::move(data);
}

Trainer Trainer::resume(const std::string& runDir) { return resume(runDir, {}, nullptr); }

Trainer Trainer::resume(const std::string& runDir, const ResumeOverrides& overrides, std::shared_ptr<TrainingData> data)
{
    const std::string last = RunFiles::path(runDir, RunFiles::kLastCheckpoint);
    const std::string optionsPath = RunFiles::path(runDir, RunFiles::kOptions);
    TrainOptions options;
    std::error_code ec;
    if (fs::is_regular_file(runDir, ec))
        throw Error(runDir, "is a file; a run is resumed from its folder (the one that holds last.kgckpt and options.json)");
    if (fs::exists(last)) {
        options = readCheckpointMeta(last).trainingOptions.get<TrainOptions>();
    } else if (fs::exists(optionsPath)) {
        std::ifstream in(optionsPath);
        try {
            options = nlohmann::json::parse(in).get<TrainOptions>();
        } catch (const nlohmann::json::exception& e) {
            throw Error(optionsPath, std::string("cannot read the run's options: ") + e.what());
        }
    } else {
        throw Error(runDir, "not a training run: it has neither last.kgckpt nor options.json");
    }
    options.runDir = runDir;  // the folder may have been moved
    if (overrides.epochs > 0)
        options.epochs = overrides.epochs;
    if (overrides.overrideRuntime)
        options.runtime = overrides.runtime;
    if (overrides.loaderWorkers >= 0)
        options.loaderWorkers = overrides.loaderWorkers;
    Trainer trainer(std::move(options), std::move(data));
    trainer.impl_->resume = true;
    return trainer;
}

Trainer::~Trainer() = default;
Trainer::Trainer(Trainer&&) noexcept = default;
Trainer& Trainer::operator=(Trainer&&) noexcept = default;

const TrainOptions& Trainer::options() const { return impl_->options; }

TrainingResult Trainer::run(const ProgressCallback& progress)
{
    Session session(*impl_, progress);
    return session.run();
}

void Trainer::cancel()
{
    {
        std::lock_guard<std::mutex> lock(impl_->pauseMutex);
        impl_->cancelled = true;
    }
    impl_->pauseChanged.notify_all();
}

void Trainer::setPaused(bool paused)
{
    {
        std::lock_guard<std::mutex> lock(impl_->pauseMutex);
        impl_->paused = paused;
    }
    impl_->pauseChanged.notify_all();
}

bool Trainer::isPaused() const
{
    std::lock_guard<std::mutex> lock(impl_->pauseMutex);
    return impl_->paused;
}

} // namespace kg
