// TrainerSession as one rank of a data-parallel job: the rendezvous, the checks that every
// rank trains the same thing, the shard of each epoch, the step whose gradients are summed
// over the ranks, and the epoch's sums, BatchNorm statistics and feature cache shared.
//
// Every rank takes the same decisions from the same numbers: the all-reduced sums are
// bit-identical on every rank, so the callbacks (ReduceLROnPlateau, EarlyStopping, the best
// checkpoint) agree without further messages. A stop (cancel, non-finite loss) is agreed at
// the next step, so no rank waits for one that has left.
#include "core/train/TrainerSession.h"

#include "core/distributed/Sharding.h"
#include "core/model/ModelImpl.h"
#include "core/train/Optimizer.h"
#include "core/util/Error.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>

namespace kg::detail {
namespace {

/// What must be equal on every rank: what is trained, on which files, from which epoch.
std::string fingerprint(const TrainOptions& options, const std::string& manifest, int completedEpochs)
{
    nlohmann::json json = options;
    for (const char* local : {"run_dir", "runtime", "loader_workers", "data_root"})
        json.erase(local);  // may differ per machine without changing what is computed
    return std::to_string(completedEpochs) + "\n" + manifest + "\n" + json.dump();
}

std::string during(int epoch, int batchIndex)
{
    return "epoch " + std::to_string(epoch) + ", step " + std::to_string(batchIndex);
}

} // namespace

void TrainerSession::joinJob()
{
    const DistributedOptions& job = *owner_.distributed;
    writer_ = job.writesRunFiles();
    localBatch_ = localBatchSize(o_.batchSize, job.worldSize);
    message(Phase::Preparing, "waiting for " + std::to_string(job.worldSize) + " ranks at " + job.masterAddress + ":" +
                                  std::to_string(job.masterPort));
    group_ = std::make_unique<Collective>(job, device_);
}

void TrainerSession::checkRanksAgree()
{
    const std::vector<std::string> all =
        group_->allGatherText(fingerprint(o_, manifest_, completedEpochs_), "comparing the ranks' options and data");
    const std::string& reference = all.front();
    for (size_t r = 1; r < all.size(); ++r) {
        if (all[r] == reference)
            continue;
        const std::string who = "rank " + std::to_string(r) + " and rank 0";
        const auto firstLine = [](const std::string& text) { return text.substr(0, text.find('\n')); };
        if (firstLine(all[r]) != firstLine(reference))
            throw Error(who + " resume from different epochs (" + firstLine(all[r]) + " vs " + firstLine(reference) +
                        "); every rank must read the same run folder");
        const auto manifestOf = [](const std::string& text) {
            const auto start = text.find('\n') + 1;
            return text.substr(start, text.find('\n', start) - start);
        };
        if (manifestOf(all[r]) != manifestOf(reference))
            throw Error(who + " see different datasets (manifest SHA-256 " + manifestOf(all[r]).substr(0, 12) + "… vs " +
                        manifestOf(reference).substr(0, 12) + "…); every rank must read the same files");
        throw Error(who + " were given different training options; start every rank with the same command");
    }
}

void TrainerSession::synchroniseModel()
{
    torch::NoGradGuard noGrad;
    auto& net = model_->impl().net;
    for (auto& tensors : {net->parameters(), net->buffers()})
        for (torch::Tensor tensor : tensors) {
            torch::Tensor onGroup = tensor.detach().to(group_->collectiveDevice()).contiguous();
            group_->broadcast(onGroup, "sending rank 0's weights");
            tensor.detach().copy_(onGroup);
        }
}

void TrainerSession::rebuildGradientBuckets()
{
    if (!distributed())
        return;
    buckets_.reset();
    buckets_ = std::make_unique<GradientBuckets>(*group_, model_->impl().net->parameters());
    log_.line("gradient all-reduce: " + std::to_string(buckets_->buckets()) + " bucket(s), " +
              formatNumber("%.1f", static_cast<double>(buckets_->bytes()) / (1 << 20)) + " MB per step");
}

std::vector<std::int64_t> TrainerSession::localOrder(const std::vector<std::int64_t>& order) const
{
    return distributed() ? shardOf(order, group_->rank(), group_->size()) : order;
}

EpochVisits TrainerSession::localVisits(const EpochVisits& visits) const
{
    if (!distributed())
        return visits;
    return {shardOf(visits.items, group_->rank(), group_->size()), shardOf(visits.keys, group_->rank(), group_->size())};
}

int TrainerSession::trainingSteps(std::int64_t localItems) const
{
    if (!distributed())
        return static_cast<int>((localItems + localBatch_ - 1) / localBatch_);
    return static_cast<int>(stepsPerEpoch(static_cast<std::int64_t>(grades_.size()), group_->size(), localBatch_));
}

bool TrainerSession::stepTogether(int epoch, int batchIndex, const torch::Tensor& logits, const torch::Tensor& labels,
                                  RunningStats& stats)
{
    const std::int64_t n = logits.defined() ? labels.size(0) : 0;
    torch::Tensor lossSum;
    double value = 0.0;
    if (n > 0) {
        lossSum = trainingLosses(logits, labels).sum();
        value = cuda_ ? 0.0 : lossSum.item<double>();
    }
    const bool finite = std::isfinite(value);
    optimizer_->zero_grad();
    buckets_->startStep(during(epoch, batchIndex));
    if (n > 0 && finite)
        lossSum.backward();
    // [stop asked, non-finite losses, images] summed over the ranks.
    torch::Tensor flags = torch::tensor({owner_.cancelled ? 1.0 : 0.0, finite ? 0.0 : 1.0, static_cast<double>(n)},
                                        torch::kFloat64)
                              .to(group_->collectiveDevice());
    group_->allReduceSum(flags, "agreeing on " + during(epoch, batchIndex));
    flags = flags.to(torch::kCPU);
    const double images = flags[2].item<double>();
    buckets_->finishStep(std::max(images, 1.0));
    allReduceWaitSeconds_ += buckets_->lastWaitSeconds();
    ++allReduceSteps_;
    if (flags[1].item<double>() > 0)
        return nonFinite(epoch, "batch " + std::to_string(batchIndex) + " of training on " +
                                    (finite ? "another rank" : "rank " + std::to_string(group_->rank())),
                         finite ? std::nan("") : value);
    if (images > 0)
        adamStep(*optimizer_);
    stopAgreed_ = flags[0].item<double>() > 0;
    if (n > 0)
        countBatch(stats, lossSum.detach(), value, logits, labels, batchIndex);
    return true;
}

bool TrainerSession::reduceStats(RunningStats& stats, const std::string& what)
{
    stats.settle();
    if (!distributed())
        return true;
    torch::Tensor sums = torch::tensor({stats.lossSum, static_cast<double>(stats.correct), static_cast<double>(stats.seen),
                                        owner_.cancelled ? 1.0 : 0.0},
                                       torch::kFloat64)
                             .to(group_->collectiveDevice());
    group_->allReduceSum(sums, what);
    sums = sums.to(torch::kCPU);
    stats.lossSum = sums[0].item<double>();
    stats.correct = std::llround(sums[1].item<double>());
    stats.seen = std::llround(sums[2].item<double>());
    stopAgreed_ = stopAgreed_ || sums[3].item<double>() > 0;
    return !stopAgreed_;
}

void TrainerSession::averageBatchNormStatistics(int epoch)
{
    if (!distributed() || trainability_.backboneFrozen)
        return;
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> statistics;
    for (const torch::Tensor& buffer : model_->impl().net->buffers())
        if (buffer.is_floating_point())
            statistics.push_back(buffer);
    if (statistics.empty())
        return;
    std::vector<torch::Tensor> flat;
    for (const torch::Tensor& s : statistics)
        flat.push_back(s.reshape(-1));
    torch::Tensor all = torch::cat(flat).to(group_->collectiveDevice());
    group_->allReduceSum(all, "averaging BatchNorm statistics after epoch " + std::to_string(epoch));
    all = all.div_(group_->size()).to(device_);
    std::int64_t offset = 0;
    for (torch::Tensor& s : statistics) {
        s.copy_(all.narrow(0, offset, s.numel()).view(s.sizes()));
        offset += s.numel();
    }
}

void TrainerSession::checkRanksHoldSameWeights()
{
    if (group_->size() == 1)
        return;
    const std::string digest = weightsSha256(*model_);  // as a checkpoint of these weights records it
    const std::vector<std::string> all = group_->allGatherText(digest, "comparing the ranks' final weights");
    for (size_t r = 1; r < all.size(); ++r)
        if (all[r] != all.front())
            throw Error("distributed training: rank " + std::to_string(r) + " ended with other weights than rank 0 (SHA-256 " +
                        all[r].substr(0, 12) + "… vs " + all.front().substr(0, 12) + "…); the ranks diverged, so rank 0's "
                        "checkpoints are not what the job computed. Please report this with the run's train.log.");
    result_.weightsDigest = digest;
    log_.line("weights identical on all " + std::to_string(group_->size()) + " ranks (SHA-256 " + digest + ")");
}

void TrainerSession::gatherFeatures(FeatureTable& table, const std::string& what)
{
    if (!distributed())
        return;
    torch::NoGradGuard noGrad;
    torch::Tensor valid = torch::tensor(std::vector<std::int64_t>(table.valid.begin(), table.valid.end()), torch::kInt64);
    // Rows this rank did not compute are zero: the sum is every rank's rows.
    torch::Tensor features = table.features.to(group_->collectiveDevice()).contiguous();
    torch::Tensor labels = table.labels.to(torch::kInt64).mul(valid).to(group_->collectiveDevice());
    torch::Tensor validOnGroup = valid.to(group_->collectiveDevice());
    group_->allReduceSum(features, what);
    group_->allReduceSum(labels, what);
    group_->allReduceSum(validOnGroup, what);
    table.features = features.to(table.features.device());
    table.labels = labels.to(torch::kCPU);
    const torch::Tensor merged = validOnGroup.to(torch::kCPU);
    for (size_t i = 0; i < table.valid.size(); ++i)
        table.valid[i] = merged[static_cast<std::int64_t>(i)].item<std::int64_t>() > 0 ? 1 : 0;
}

} // namespace kg::detail
