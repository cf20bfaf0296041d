// TrainerSession: what the run tells its caller — progress with rates and ETAs, pause and
// cancel between batches, and the result at the end, read back from the checkpoint files.
#include "core/train/TrainerSession.h"

#include "core/train/Optimizer.h"

#include <algorithm>
#include <filesystem>

namespace kg::detail {
namespace {

/// The training state a checkpoint file holds; nothing when there is no readable file.
std::optional<TrainingState> savedState(const std::string& path)
{
    std::error_code ec;
    if (path.empty() || !std::filesystem::is_regular_file(path, ec))
        return std::nullopt;
    try {
        return readCheckpointMeta(path).state;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

} // namespace

double TrainerSession::activeEpochSeconds() const { return secondsSince(epochStart_) - epochPaused_; }

double TrainerSession::averageEpochSeconds() const { return sessionEpochs_ ? sessionEpochSeconds_ / sessionEpochs_ : 0.0; }

int TrainerSession::remainingEpochs(int epoch) const { return std::max(0, o_.epochs - epoch); }

TrainingProgress TrainerSession::base(Phase phase, int epoch) const
{
    TrainingProgress p;
    p.phase = phase;
    p.epoch = epoch;
    p.epochs = o_.epochs;
    p.learningRate = optimizer_ ? learningRateOf(*optimizer_) : o_.learningRate;
    p.elapsedSeconds = secondsSince(start_) - pausedTotal_;
    return p;
}

bool TrainerSession::batchProgress(Phase phase, int epoch, int batch, int batches, const RunningStats& stats)
{
    TrainingProgress p = base(phase, epoch);
    p.batch = batch;
    p.batches = batches;
    p.loss = stats.loss();
    p.accuracy = stats.accuracy();
    const double active = activeEpochSeconds();
    if (phase == Phase::Training) {
        trainSecondsSoFar_ = active;
        // Distributed: the job's rate, from this rank's (every rank takes the same steps).
        const double ranks = distributed() ? group_->size() : 1;
        p.imagesPerSecond = active > 0 ? ranks * static_cast<double>(stats.seen) / active : 0.0;
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
    return emit(p);
}

bool TrainerSession::message(Phase phase, const std::string& text)
{
    TrainingProgress p = base(phase, completedEpochs_ + 1);
    p.message = text;
    return emit(p);
}

/// Sends `p`; a false return from the callback cancels the run.
bool TrainerSession::emit(const TrainingProgress& p)
{
    if (callback_ && !callback_(p))
        owner_.cancelled = true;
    // Distributed: a stop takes effect when every rank knows of it (at the next step).
    return distributed() ? !stopAgreed_ : !owner_.cancelled;
}

/// Between batches: blocks while paused; false once cancelled.
bool TrainerSession::proceed()
{
    if (distributed())
        return !stopAgreed_;  // no pause: the other ranks would wait into their timeout
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
            log_.line("resumed after a pause of " + formatNumber("%.0f", seconds) + " s");
        return !owner_.cancelled;
    }
    return !owner_.cancelled;
}

std::string TrainerSession::cancelMessage() const
{
    return "cancelled during epoch " + std::to_string(completedEpochs_ + 1) + "; " +
           (completedEpochs_ > 0 && o_.checkpoint.saveLast
                ? "last.kgckpt holds epoch " + std::to_string(completedEpochs_) +
                      " — continue with: kneegrade-cli train --resume " + o_.runDir
                : "no epoch had finished, so nothing was saved");
}

TrainingResult TrainerSession::finish(TrainingResult::Status status, const std::string& text)
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
void TrainerSession::recordSavedCheckpoints()
{
    const std::optional<TrainingState> best = savedState(result_.bestCheckpoint);
    const std::optional<TrainingState> last = savedState(result_.lastCheckpoint);
    result_.bestEpoch = best_.bestEpoch();
    result_.bestValLoss = best_.bestEpoch() > 0 ? best_.best() : 0.0;
    if (o_.checkpoint.saveBest) {
        result_.bestEpoch = best ? best->epoch : 0;
        result_.bestValLoss = best ? best->valLoss.value_or(0.0) : 0.0;
    }
    result_.lastSavedEpoch = last ? last->epoch : 0;
    if (!best)
        result_.bestCheckpoint.clear();
    if (!last)
        result_.lastCheckpoint.clear();
}

} // namespace kg::detail
