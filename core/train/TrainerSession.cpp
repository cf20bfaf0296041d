// TrainerSession: the run from start to end — set-up (run folder, device, data, model, the
// state a resumed run continues from), the end of every epoch (callbacks, checkpoints, run
// files) and the checkpoint metadata.
#include "core/train/TrainerSession.h"

#include "core/runtime/Runtime.h"
#include "core/train/Optimizer.h"
#include "core/train/Sampling.h"
#include "core/util/AtomicFile.h"
#include "core/util/Error.h"

#include <nlohmann/json.hpp>

#include <filesystem>

namespace kg::detail {
namespace {

namespace fs = std::filesystem;

} // namespace

TrainerSession::TrainerSession(TrainerControl& owner, const Trainer::ProgressCallback& callback)
    : owner_(owner), o_(owner.options), callback_(callback), reduceLr_(o_.reduceLr), earlyStopping_(o_.earlyStopping)
{
}

TrainerSession::~TrainerSession() = default;

TrainingResult TrainerSession::run()
{
    start_ = Clock::now();
    result_.bestCheckpoint = RunFiles::path(o_.runDir, RunFiles::kBestCheckpoint);
    result_.lastCheckpoint = RunFiles::path(o_.runDir, RunFiles::kLastCheckpoint);
    try {
        if (!prepare())
            return finish(TrainingResult::Status::Cancelled, cancelMessage());
        if (status_ == RunStatus::EarlyStopped)
            return finish(TrainingResult::Status::EarlyStopped,
                          "the run had already stopped early at epoch " + std::to_string(completedEpochs_) + "; nothing to resume");
        for (int epoch = completedEpochs_ + 1; epoch <= o_.epochs; ++epoch) {
            const auto outcome = runEpoch(epoch);
            if (outcome == Outcome::Cancelled)
                return finish(TrainingResult::Status::Cancelled, cancelMessage());
            if (outcome == Outcome::NonFinite)
                return finish(TrainingResult::Status::Failed, failure_);
            if (status_ == RunStatus::EarlyStopped && distributed())
                group_->barrier("the end of the run");
            if (status_ == RunStatus::EarlyStopped)
                return finish(TrainingResult::Status::EarlyStopped,
                              "early stopping: val_loss has not improved for " + std::to_string(o_.earlyStopping.patience) +
                                  " epochs (best " + formatNumber("%.4f", earlyStopping_.best()) + " at epoch " +
                                  std::to_string(earlyStopping_.bestEpoch()) + ")" +
                                  (o_.earlyStopping.restoreBestWeights ? "; best weights restored" : ""));
        }
        if (distributed()) {
            checkRanksHoldSameWeights();
            group_->barrier("the end of the run");  // rank 0 has saved everything when the others report
        }
        return finish(TrainingResult::Status::Completed,
                      std::to_string(completedEpochs_) + " of " + std::to_string(o_.epochs) + " epochs; best val_loss " +
                          formatNumber("%.4f", best_.best()) + " at epoch " + std::to_string(best_.bestEpoch()));
    } catch (const std::exception& e) {
        return finish(TrainingResult::Status::Failed, e.what());
    }
}

// ---- set-up -------------------------------------------------------------------------------

bool TrainerSession::prepare()
{
    validateTrainOptions(o_);
    if (o_.runDir.empty())
        throw Error("training options: no run directory given");
    localBatch_ = o_.batchSize;
    configureDevice();
    if (owner_.distributed)
        joinJob();
    openRunFolder();
    if (!reportAdvice() || !openData())
        return false;
    TrainingState state;
    CheckpointBlobs blobs;
    if (!buildOrRestoreModel(state, blobs))
        return false;
    if (distributed()) {
        checkRanksAgree();
        synchroniseModel();
    }
    computeClassWeights();
    restoreTrainingState(state, blobs);
    rebuildGradientBuckets();
    if (writer_)
        writeRunFiles();
    return announce();
}

void TrainerSession::openRunFolder()
{
    if (!owner_.resume && std::filesystem::exists(result_.lastCheckpoint))
        throw Error(o_.runDir, "already holds a training run (last.kgckpt); resume it (kneegrade-cli train --resume) "
                               "or choose another run folder");
    if (!writer_)
        return;  // ranks after the first read the run folder (resuming) but never write it
    std::error_code ec;
    fs::create_directories(o_.runDir, ec);
    if (ec || !fs::is_directory(o_.runDir))
        throw Error(o_.runDir, "cannot create the run directory: " + ec.message());
    log_ = TrainLog(RunFiles::path(o_.runDir, RunFiles::kLog));
    for (const std::string& removed : removeInterruptedSaves(o_.runDir))
        log_.line("removed " + removed + ", left behind by an interrupted save");
    log_.line(runtimeLine_);
}

void TrainerSession::configureDevice()
{
    const RuntimeInfo runtime = configureRuntime(o_.runtime);  // on this thread: OpenMP threads are per thread
    cuda_ = resolvesToCuda(o_.runtime.device);
    // One GPU per rank of a machine: LOCAL_RANK picks it.
    const int gpu = cuda_ && owner_.distributed ? owner_.distributed->localRank % std::max<int>(1, static_cast<int>(torch::cuda::device_count())) : 0;
    device_ = cuda_ ? torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(gpu)) : torch::Device(torch::kCPU);
    autocast_ = cuda_ && o_.mixedPrecision;
    if (cuda_)
        cudnn_.emplace(o_.deterministic);
    runtimeLine_ = (std::string(owner_.resume ? "resuming" : "starting") + " run in " + o_.runDir + " on " +
              (cuda_ ? "CUDA" + std::string(autocast_ ? " (bf16 autocast)" : "") +
                           (o_.deterministic ? ", deterministic" : ", cuDNN autotuning")
                     : "CPU, " + std::to_string(runtime.threads) + " threads") +
              ", LibTorch " + runtime.torchVersion + ", BLAS " + runtime.blas);
}

bool TrainerSession::reportAdvice()
{
    for (const auto& advice : trainingAdvice(o_)) {
        log_.line("warning: " + advice);
        if (!message(Phase::Preparing, "warning: " + advice))
            return false;
    }
    return true;
}

bool TrainerSession::openData()
{
    if (!owner_.inputs.openData)
        throw Error("training: no data source given");
    data_ = owner_.inputs.openData(o_, [this](const std::string& line) {
        log_.line(line);
        return message(Phase::Preparing, line);
    });
    if (!data_)
        return false;
    if (data_->trainGrades().empty() || data_->validationSize() == 0)
        throw Error("training needs at least one training and one validation image");
    chooseDelivery();
    manifest_ = data_->manifestHash();
    grades_ = data_->trainGrades();
    for (int grade : grades_)
        if (grade < 0 || grade >= o_.model.head.numClasses)
            throw Error("training item with grade " + std::to_string(grade) + " outside 0.." +
                        std::to_string(o_.model.head.numClasses - 1));
    return true;
}

void TrainerSession::chooseDelivery()
{
    const bool onDevice = o_.augmentOn == AugmentOn::Device || (o_.augmentOn == AugmentOn::Auto && cuda_);
    BatchDelivery delivery;
    if (onDevice)
        delivery.finishOn = device_;
    delivery.pinned = cuda_;
    data_->setDelivery(delivery);
    log_.line(std::string("input: ") +
              (onDevice ? std::string("the loader decodes and resizes; augmentation and normalisation run on ") +
                              (cuda_ ? "the GPU" : "the training thread")
                        : "the loader decodes, augments and normalises") +
              (cuda_ ? "; pinned batches, asynchronous copies" : ""));
}

bool TrainerSession::buildOrRestoreModel(TrainingState& state, CheckpointBlobs& blobs)
{
    const std::string& lastPath = result_.lastCheckpoint;
    if (owner_.resume && fs::exists(lastPath)) {
        LoadedCheckpoint loaded = loadCheckpoint(lastPath);
        if (!manifest_.empty() && !loaded.meta.datasetManifestHash.empty() && manifest_ != loaded.meta.datasetManifestHash)
            throw Error(o_.dataRoot, "the dataset changed since this run started (manifest SHA-256 " +
                                         manifest_.substr(0, 12) + "… vs " + loaded.meta.datasetManifestHash.substr(0, 12) +
                                         "… in the checkpoint); a resumed run must see the same files. Start a new run.");
        model_ = std::make_unique<Model>(std::move(loaded.model));
        state = std::move(loaded.meta.state);
        blobs = std::move(loaded.blobs);
    } else {
        model_ = std::make_unique<Model>(o_.model);
        if (!o_.imagenetWeights.empty()) {
            if (!message(Phase::Preparing, "loading ImageNet weights from " + o_.imagenetWeights))
                return false;
            if (!owner_.inputs.loadInitialWeights)
                throw Error(o_.imagenetWeights, "this build of the trainer cannot load initial weights");
            log_.line("backbone weights: " + owner_.inputs.loadInitialWeights(*model_, o_.imagenetWeights));
        }
        if (owner_.resume)
            log_.line("no last checkpoint yet: restarting from options.json");
    }
    auto& impl = model_->impl();
    impl.moveTo(device_);
    BatchForward::useChannelsLastWeights(impl);
    impl.net->head()->drawDropoutFrom(dropoutGenerator_);
    forward_.emplace(impl, autocast_);
    singletonBnBatchesFail_ = impl.net->backbone()->featureSide(o_.preprocessing.imageSize) == 1;
    return true;
}

void TrainerSession::computeClassWeights()
{
    if (o_.imbalance != ImbalanceStrategy::ClassWeights)
        return;
    const auto weights = inverseFrequencyWeights(grades_, o_.model.head.numClasses);
    classWeights_ = torch::tensor(weights, torch::kFloat64).to(torch::kFloat32).to(device_);
    std::string text = "class weights (inverse frequency):";
    for (double w : weights)
        text += " " + formatNumber("%.3f", w);
    log_.line(text);
}

void TrainerSession::restoreTrainingState(const TrainingState& state, const CheckpointBlobs& blobs)
{
    double learningRate = scaledLearningRate(o_);
    if (o_.lrScaling != LearningRateScaling::None && !state.hasRun())
        log_.line("learning rate " + formatNumber("%g", o_.learningRate) + " for batch " + std::to_string(o_.lrReferenceBatch) +
                  ", " + (o_.lrScaling == LearningRateScaling::Sqrt ? "square-root" : "linear") + " scaling to batch " +
                  std::to_string(o_.batchSize) + ": " + formatNumber("%g", learningRate));
    phase_ = o_.mode == TrainingMode::TwoPhase && o_.twoPhaseWarmupEpochs == 0 ? TrainingPhase::Unfrozen : TrainingPhase::WarmUp;
    if (phase_ == TrainingPhase::Unfrozen)
        learningRate *= o_.twoPhaseLrFactor;
    if (state.hasRun()) {
        completedEpochs_ = state.epoch;
        // A completed run resumes because more epochs were asked for.
        status_ = state.status == RunStatus::Completed ? RunStatus::Running : state.status;
        phase_ = state.phase;
        learningRate = state.learningRate;
        history_ = state.history;
        if (!state.callbacks.reduceLr.is_null())
            reduceLr_.restoreState(state.callbacks.reduceLr);
        if (!state.callbacks.earlyStopping.is_null())
            earlyStopping_.restoreState(state.callbacks.earlyStopping);
        if (!state.callbacks.modelCheckpoint.is_null())
            best_.restoreState(state.callbacks.modelCheckpoint);
    }
    auto& net = model_->impl().net;
    trainability_ = trainabilityOf(o_, phase_);
    applyTrainability(net, trainability_);
    optimizer_ = makeOptimizer(net, learningRate);
    if (const auto it = blobs.find("optimizer"); it != blobs.end())
        deserializeOptimizer(*optimizer_, it->second, device_);
    setLearningRate(*optimizer_, learningRate);
}

void TrainerSession::writeRunFiles()
{
    nlohmann::json optionsJson = o_;
    optionsJson["dataset_manifest_sha256"] = manifest_;
    writeFileAtomically(RunFiles::path(o_.runDir, RunFiles::kOptions), optionsJson.dump(2) + "\n");
    writeHistoryCsv(RunFiles::path(o_.runDir, RunFiles::kHistory), history_);
}

bool TrainerSession::announce()
{
    if (completedEpochs_ > 0) {
        log_.line("resumed after epoch " + std::to_string(completedEpochs_) + " (lr " +
                  formatNumber("%g", learningRateOf(*optimizer_)) + ")");
        if (!message(Phase::Preparing, "resumed after epoch " + std::to_string(completedEpochs_)))
            return false;
    }
    if (distributed()) {
        DistributedOptions shown = group_->options();
        shown.backend = parseCollectiveBackend(group_->backendName());  // what "auto" chose
        log_.line("distributed: " + describe(shown) + "; global batch " +
                  std::to_string(o_.batchSize) + " = " + std::to_string(group_->size()) + (group_->size() == 1 ? " rank × " : " ranks × ") +
                  std::to_string(localBatch_));
    }
    const auto counts = model_->parameterCounts();
    log_.line("model " + architectureName(o_.model.backbone) + " (" + std::to_string(counts.total()) + " parameters), mode " +
              toString(o_.mode) + ", image size " + std::to_string(o_.preprocessing.imageSize) + ", batch " +
              std::to_string(o_.batchSize) + ", " + std::to_string(grades_.size()) + " train / " +
              std::to_string(data_->validationSize()) + " val images, dataset manifest " + manifest_);
    return true;
}

// ---- the end of an epoch ------------------------------------------------------------------

/// The callbacks in Keras' order of effect, then the checkpoints and run files.
TrainerSession::Outcome TrainerSession::endEpoch(const EpochRecord& record)
{
    const int epoch = record.epoch;
    std::vector<std::string> notes;
    if (best_.onEpochEnd(epoch, record.valLoss) && o_.checkpoint.saveBest) {
        if (writer_)
            saveCheckpoint(result_.bestCheckpoint, *model_, meta(), {});
        notes.push_back("val_loss improved to " + formatNumber("%.4f", record.valLoss) + ", saved best.kgckpt");
    }
    const EarlyStopping::Decision stopping = earlyStopping_.onEpochEnd(epoch, record.valLoss);
    if (writer_ && stopping.improved && o_.earlyStopping.restoreBestWeights && earlyStoppingSnapshot() != result_.bestCheckpoint)
        saveCheckpoint(earlyStoppingSnapshot(), *model_, meta(), {});
    if (stopping.stop) {
        status_ = RunStatus::EarlyStopped;
        notes.push_back("early stopping after epoch " + std::to_string(epoch));
        if (distributed())
            checkRanksHoldSameWeights();  // before rank 0 restores the best weights
        if (stopping.restoreBest && writer_) {  // the run ends: only the saved weights matter
            restoreWeights(earlyStoppingSnapshot());
            notes.push_back("restored the weights of epoch " + std::to_string(earlyStopping_.bestEpoch()));
        }
    }
    const ReduceLrOnPlateau::Decision reduce = reduceLr_.onEpochEnd(record.valLoss, record.learningRate);
    if (reduce.reduced) {
        setLearningRate(*optimizer_, reduce.learningRate);
        notes.push_back("learning rate reduced to " + formatNumber("%g", reduce.learningRate));
    }
    if (o_.mode == TrainingMode::TwoPhase && phase_ == TrainingPhase::WarmUp && epoch >= o_.twoPhaseWarmupEpochs &&
        status_ == RunStatus::Running)
        unfreezeAfterWarmUp(notes);
    if (status_ == RunStatus::Running && epoch >= o_.epochs)
        status_ = RunStatus::Completed;
    if (writer_) {
        if (o_.checkpoint.saveLast) {
            CheckpointBlobs blobs{{"optimizer", serializeOptimizer(*optimizer_)}};
            saveCheckpoint(result_.lastCheckpoint, *model_, meta(), blobs);
        }
        writeHistoryCsv(RunFiles::path(o_.runDir, RunFiles::kHistory), history_);
    }
    std::string line = "epoch " + std::to_string(epoch) + "/" + std::to_string(o_.epochs) + "  loss " +
                       formatNumber("%.4f", record.loss) + "  accuracy " + formatNumber("%.4f", record.accuracy) +
                       "  val_loss " + formatNumber("%.4f", record.valLoss) + "  val_accuracy " +
                       formatNumber("%.4f", record.valAccuracy) + "  lr " + formatNumber("%g", record.learningRate) + "  " +
                       formatNumber("%.1f", record.durationSeconds) + " s";
    if (distributed() && allReduceSteps_ > 0)
        line += "  (all-reduce waits " + formatNumber("%.1f", 1000 * allReduceWaitSeconds_ / allReduceSteps_) + " ms/step)";
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

void TrainerSession::unfreezeAfterWarmUp(std::vector<std::string>& notes)
{
    phase_ = TrainingPhase::Unfrozen;
    trainability_ = trainabilityOf(o_, phase_);
    auto& net = model_->impl().net;
    applyTrainability(net, trainability_);
    const double learningRate = learningRateOf(*optimizer_) * o_.twoPhaseLrFactor;
    optimizer_ = makeOptimizer(net, learningRate);
    rebuildGradientBuckets();
    reduceLr_.resetWait();
    earlyStopping_.resetWait();
    trainViews_.clear();
    valFeatures_.reset();
    notes.push_back("warm-up done: unfroze the top " + std::to_string(trainability_.unfrozenStacks) +
                    " stack(s), learning rate " + formatNumber("%g", learningRate));
}

std::string TrainerSession::earlyStoppingSnapshot() const
{
    // With min_delta 0 an EarlyStopping improvement is exactly a ModelCheckpoint one, so
    // best.kgckpt already holds those weights; otherwise they need their own file.
    return o_.earlyStopping.minDelta == 0 && o_.checkpoint.saveBest ? result_.bestCheckpoint
                                                                    : RunFiles::path(o_.runDir, RunFiles::kEarlyStoppingBest);
}

void TrainerSession::restoreWeights(const std::string& path)
{
    LoadedCheckpoint loaded = loadCheckpoint(path);
    torch::NoGradGuard noGrad;
    auto source = modelStateTensors(loaded.model.impl().net);
    auto target = modelStateTensors(model_->impl().net);
    for (size_t i = 0; i < source.size(); ++i)
        target[i].second.copy_(source[i].second);
}

TrainingState TrainerSession::trainingState() const
{
    TrainingState s;
    s.epoch = completedEpochs_;
    s.status = status_;
    s.phase = phase_;
    s.learningRate = learningRateOf(*optimizer_);
    s.seed = o_.seed;
    s.history = history_;
    s.callbacks = {reduceLr_.state(), earlyStopping_.state(), best_.state()};
    if (!history_.empty()) {
        s.valLoss = history_.back().valLoss;
        s.valAccuracy = history_.back().valAccuracy;
    }
    return s;
}

CheckpointMeta TrainerSession::meta() const
{
    CheckpointMeta m;
    m.model = o_.model;
    m.preprocessing = o_.preprocessing;
    m.trainingOptions = o_;
    m.datasetManifestHash = manifest_;
    m.state = trainingState();
    return m;
}

} // namespace kg::detail
