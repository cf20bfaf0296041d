// TrainerSession: the batches of one epoch — training on images or on cached backbone
// features, the loss and the Adam step, the non-finite-loss check, validation.
#include "core/train/TrainerSession.h"

#include "core/data/DeterministicRandom.h"
#include "core/train/Optimizer.h"
#include "core/train/Sampling.h"
#include "core/util/Error.h"

#include <cmath>

namespace kg::detail {
namespace {

constexpr std::uint64_t kEpochRngTag = 0xE90C4ull;

std::vector<std::int64_t> identityOrder(std::int64_t n)
{
    std::vector<std::int64_t> order(static_cast<size_t>(n));
    for (std::int64_t i = 0; i < n; ++i)
        order[static_cast<size_t>(i)] = i;
    return order;
}

} // namespace

/// Targets y·(1−s) + s/K.
torch::Tensor crossEntropyPerSample(const torch::Tensor& logits, const torch::Tensor& labels, double smoothing)
{
    const torch::Tensor logProbabilities = torch::log_softmax(logits.to(torch::kFloat32), 1);
    torch::Tensor target = torch::one_hot(labels, logits.size(1)).to(torch::kFloat32);
    if (smoothing > 0)
        target = target * (1.0 - smoothing) + smoothing / static_cast<double>(logits.size(1));
    return -(target * logProbabilities).sum(1);
}

/// Frozen backbone: features of every training item (or `cachedAugmentedViews` augmented
/// views) and of the validation set, computed once.
bool TrainerSession::buildFeatureCache(bool training)
{
    const bool augment = augmentTraining();
    const int views = !training ? 0 : augment ? o_.cachedAugmentedViews : 1;
    const auto n = static_cast<std::int64_t>(grades_.size());
    // Distributed: every rank computes its shard of the items, then the rows are shared.
    const EpochVisits identity = localVisits(EpochVisits::byItem(identityOrder(n)));
    const auto valItems = static_cast<std::int64_t>(localValidationItems().size());
    const auto started = Clock::now();
    const std::int64_t batchesPerView = (static_cast<std::int64_t>(identity.items.size()) + localBatch_ - 1) / localBatch_;
    const std::int64_t valBatches = (valItems + localBatch_ - 1) / localBatch_;
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
        BatchSource& source = data_->training(view, identity, localBatch_, augment);
        auto table = computeFeatures(*forward_, source, n, localBatch_, progress);
        if (!table)
            return false;
        gatherFeatures(*table, "sharing the cached features of view " + std::to_string(view + 1));
        trainViews_.push_back(std::move(*table));
        offset += batchesPerView;
    }
    BatchSource& validation = validationSource();
    validation.startEpoch(0);
    auto table = computeFeatures(*forward_, validation, data_->validationSize(), localBatch_, progress);
    if (!table)
        return false;
    gatherFeatures(*table, "sharing the cached validation features");
    valFeatures_ = std::move(*table);
    log_.line("feature cache: " + std::to_string(views) + " view(s) of " + std::to_string(n) + " training and " +
              std::to_string(data_->validationSize()) + " validation images in " + formatNumber("%.1f", secondsSince(started)) +
              " s");
    return true;
}

TrainerSession::Outcome TrainerSession::runEpoch(int epoch)
{
    const int e0 = epoch - 1;
    // A frozen backbone's validation features never change; its training features only
    // with augmentation (then a fixed number of cached views stands in, if asked for).
    const bool cacheFeatures = trainability_.backboneFrozen && o_.cacheFrozenFeatures;
    const bool useCache = cacheFeatures && (!augmentTraining() || o_.cachedAugmentedViews > 0);
    if (cacheFeatures && !valFeatures_ && !buildFeatureCache(useCache))
        return Outcome::Cancelled;
    // Epoch e's randomness (order, dropout, augmentation) depends only on (seed, e): a
    // resumed run draws exactly what an uninterrupted one would have. Dropout draws from the
    // run's own generator, never torch's default one that the rest of the process shares.
    // Ranks after the first draw their own dropout; rank 0 draws what a single process would.
    const std::uint64_t epochSeed = combineSeeds({o_.seed, kEpochRngTag, static_cast<std::uint64_t>(e0)});
    dropoutGenerator_.set_current_seed(distributed() && group_->rank() > 0
                                           ? combineSeeds({epochSeed, static_cast<std::uint64_t>(group_->rank())})
                                           : epochSeed);
    const EpochVisits visits =
        localVisits(o_.imbalance == ImbalanceStrategy::BalancedSampling
                        ? EpochVisits::byPosition(balancedOrder(grades_, o_.seed, e0))
                        : EpochVisits::byItem(epochOrder(static_cast<std::int64_t>(grades_.size()), o_.seed, e0)));
    epochStart_ = Clock::now();
    epochPaused_ = 0;
    const double learningRate = learningRateOf(*optimizer_);

    RunningStats train;
    allReduceWaitSeconds_ = 0;
    allReduceSteps_ = 0;
    Outcome outcome = useCache ? trainOnFeatures(epoch, visits.items, train) : trainOnImages(epoch, visits, train);
    if (outcome != Outcome::Done)
        return outcome;
    if (!reduceStats(train, "summing the training loss of epoch " + std::to_string(epoch)))
        return Outcome::Cancelled;
    averageBatchNormStatistics(epoch);
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

TrainerSession::Outcome TrainerSession::trainOnImages(int epoch, const EpochVisits& visits, RunningStats& stats)
{
    auto& net = model_->impl().net;
    setTrainingMode(net, trainability_);
    BatchSource& source = data_->training(epoch - 1, visits, localBatch_, augmentTraining());
    const int batches = trainingSteps(static_cast<std::int64_t>(visits.items.size()));
    // A distributed rank takes every step of the epoch, with an empty batch when its shard
    // (or its decodable part) ran out first: the others wait for its share of the gradients.
    for (int index = 1;; ++index) {
        if (!proceed())
            return Outcome::Cancelled;
        std::optional<Batch> batch = source.next();
        if (!batch && !(distributed() && index <= batches))
            break;
        torch::Tensor logits, labels;
        if (batch && batch->images.size(0) == 1 && singletonBnBatchesFail_ && !trainability_.backboneFrozen) {
            log_.line("epoch " + std::to_string(epoch) + ": skipped a batch of one image (BatchNorm needs two at this image size)");
            if (!distributed())
                continue;
            batch.reset();
        }
        if (batch) {
            labels = batch->labels.to(device_, /*non_blocking=*/true);
            if (trainability_.backboneFrozen) {
                torch::Tensor features;
                {
                    torch::NoGradGuard noGrad;
                    features = forward_->pooled(batch->images);
                }
                logits = net->head()->forward(features);
            } else {
                logits = forward_->logits(batch->images);
            }
        }
        if (!step(epoch, index, logits, labels, stats) || !settleWhenDue(epoch, index >= batches, stats))
            return Outcome::NonFinite;
        if (stats.pendingBatches == 0 && !batchProgress(Phase::Training, epoch, std::min(index, batches), batches, stats))
            return Outcome::Cancelled;
    }
    return settleWhenDue(epoch, true, stats) ? Outcome::Done : Outcome::NonFinite;
}

TrainerSession::Outcome TrainerSession::trainOnFeatures(int epoch, const std::vector<std::int64_t>& order, RunningStats& stats)
{
    auto& net = model_->impl().net;
    setTrainingMode(net, trainability_);
    std::optional<SingleThreadScope> oneThread;
    if (!cuda_)
        oneThread.emplace();
    const FeatureTable& view = trainViews_[static_cast<size_t>((epoch - 1) % static_cast<int>(trainViews_.size()))];
    FeatureBatches batches(view, order, localBatch_);
    const std::int64_t steps = distributed() ? trainingSteps(static_cast<std::int64_t>(order.size())) : batches.batches();
    for (std::int64_t b = 0; b < steps; ++b) {
        if (!proceed())
            return Outcome::Cancelled;
        torch::Tensor logits, labels;
        if (b < batches.batches()) {
            const FeatureBatch batch = batches.batch(b);
            logits = net->head()->forward(batch.features);
            labels = batch.labels;
        }
        const bool last = b + 1 == steps;
        if (!step(epoch, static_cast<int>(b + 1), logits, labels, stats) || !settleWhenDue(epoch, last, stats))
            return Outcome::NonFinite;
        if (stats.pendingBatches == 0 &&
            !batchProgress(Phase::Training, epoch, static_cast<int>(b + 1), static_cast<int>(steps), stats))
            return Outcome::Cancelled;
    }
    return settleWhenDue(epoch, true, stats) ? Outcome::Done : Outcome::NonFinite;
}

/// Loss, backward, Adam step; false (and failure_ set) when the loss is not finite.
bool TrainerSession::step(int epoch, int batchIndex, const torch::Tensor& logits, const torch::Tensor& labels, RunningStats& stats)
{
    if (distributed())
        return stepTogether(epoch, batchIndex, logits, labels, stats);
    const torch::Tensor loss = trainingLosses(logits, labels).mean();
    const auto n = labels.size(0);
    // CPU: the loss is checked before the step. CUDA: no synchronisation here; a non-finite
    // loss is caught at the next settleWhenDue(), before anything of this epoch is saved.
    const double value = cuda_ ? 0.0 : loss.item<double>();
    if (!std::isfinite(value))
        return nonFinite(epoch, "batch " + std::to_string(batchIndex) + " of training", value);
    optimizer_->zero_grad();
    loss.backward();
    adamStep(*optimizer_);
    countBatch(stats, loss.detach() * static_cast<double>(n), value * static_cast<double>(n), logits, labels, batchIndex);
    return true;
}

torch::Tensor TrainerSession::trainingLosses(const torch::Tensor& logits, const torch::Tensor& labels) const
{
    const torch::Tensor perSample = crossEntropyPerSample(logits, labels, o_.labelSmoothing);
    return classWeights_.defined() ? perSample * classWeights_.index_select(0, labels) : perSample;
}

void TrainerSession::countBatch(RunningStats& stats, const torch::Tensor& lossSum, double lossSumValue, const torch::Tensor& logits,
                                const torch::Tensor& labels, int batchIndex) const
{
    const auto n = labels.size(0);
    const torch::Tensor correct = logits.detach().argmax(1).eq(labels).sum();
    if (cuda_) {
        stats.add(lossSum, correct, n, batchIndex);
    } else {
        stats.lossSum += lossSumValue;
        stats.correct += correct.item<std::int64_t>();
        stats.seen += n;
    }
}

/// CUDA: reads the pending training sums every kCudaSyncBatches batches and at the end of
/// the epoch (`force`); false (and failure_ set) when their loss is not finite.
bool TrainerSession::settleWhenDue(int epoch, bool force, RunningStats& stats)
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

bool TrainerSession::nonFinite(int epoch, const std::string& where, double value)
{
    const std::string kept = completedEpochs_ > 0
                                 ? "last.kgckpt keeps the weights of epoch " + std::to_string(completedEpochs_) +
                                       (best_.bestEpoch() > 0 ? ", best.kgckpt those of epoch " + std::to_string(best_.bestEpoch()) : "")
                                 : "no epoch had finished, so no checkpoint was written";
    failure_ = "training stopped: the loss became " + std::string(std::isnan(value) ? "NaN" : "infinite") + " in epoch " +
               std::to_string(epoch) + ", " + where + " (learning rate " + formatNumber("%g", learningRateOf(*optimizer_)) +
               "). Nothing from this epoch was saved; " + kept + ". Lower the learning rate (--lr) or check the data.";
    return false;
}

TrainerSession::Outcome TrainerSession::validate(int epoch, RunningStats& stats)
{
    auto& net = model_->impl().net;
    net->eval();
    torch::NoGradGuard noGrad;
    // Distributed: every rank validates its shard; the sums are added up below.
    const std::vector<std::int64_t> items = localValidationItems();
    const int batches = static_cast<int>((static_cast<std::int64_t>(items.size()) + localBatch_ - 1) / localBatch_);
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
        return batchProgress(Phase::Validating, epoch, index, batches, stats);
    };
    if (trainability_.backboneFrozen && valFeatures_) {
        FeatureBatches cached(*valFeatures_, items, localBatch_);
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
        BatchSource& source = validationSource();
        source.startEpoch(0);
        int index = 0;
        for (;;) {
            if (!proceed())
                return Outcome::Cancelled;
            std::optional<Batch> batch = source.next();
            if (!batch)
                break;
            if (!accumulate(forward_->logits(batch->images), batch->labels.to(device_, /*non_blocking=*/true), ++index))
                return Outcome::Cancelled;
        }
    }
    // What the last few CUDA batches left pending; distributed: the sums of every rank.
    if (!reduceStats(stats, "summing the validation loss of epoch " + std::to_string(epoch)))
        return Outcome::Cancelled;
    if (stats.seen == 0)
        throw Error("no validation image could be read");
    if (!std::isfinite(stats.loss())) {
        nonFinite(epoch, "validation", stats.loss());
        return Outcome::NonFinite;
    }
    return Outcome::Done;
}

std::vector<std::int64_t> TrainerSession::localValidationItems() const
{
    return localOrder(identityOrder(data_->validationSize()));
}

BatchSource& TrainerSession::validationSource()
{
    return distributed() ? data_->validation(localBatch_, group_->rank(), group_->size()) : data_->validation(localBatch_);
}

} // namespace kg::detail
