#include "ui/workers/EpochEstimator.h"

#include "core/train/WarmUpTiming.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>

namespace kg::ui {

EpochEstimate measureEpoch(const TrainOptions& options, const std::function<bool()>& stop)
{
    EpochEstimate estimate;
    try {
        // Four timed steps within about 15 s: enough for a range, short enough to redo
        // after every change of the options.
        const WarmUpTiming timing = measureTrainingSteps(options, 4, 15.0, stop);
        estimate.parameters = timing.parameters;
        estimate.stepSeconds = timing.stepSeconds;
        estimate.batchSize = timing.batchSize;
        estimate.plannedBatchSize = timing.plannedBatchSize;
        estimate.cuda = timing.cuda;
        estimate.ok = !timing.stepSeconds.empty();
    } catch (const std::exception& error) {
        estimate.error = QString::fromStdString(error.what());
    }
    return estimate;
}

EpochEstimator::EpochEstimator(QObject* parent)
    : QObject(parent)
{
}

EpochEstimator::~EpochEstimator()
{
    if (superseded_)
        *superseded_ = true;
}

void EpochEstimator::request(const TrainOptions& options)
{
    next_ = options;
    pending_ = true;
    if (!running_)
        startNext();
    else if (superseded_)
        *superseded_ = true;   // the running one stops after its current step
}

void EpochEstimator::cancel()
{
    pending_ = false;
    if (superseded_)
        *superseded_ = true;
}

void EpochEstimator::startNext()
{
    if (!pending_)
        return;
    pending_ = false;
    running_ = true;
    const TrainOptions options = next_;
    auto superseded = std::make_shared<std::atomic_bool>(false);
    superseded_ = superseded;
    auto* watcher = new QFutureWatcher<EpochEstimate>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        const EpochEstimate estimate = watcher->result();
        watcher->deleteLater();
        running_ = false;
        if (pending_)
            startNext();   // the options changed meanwhile: this result is stale
        else
            emit estimated(estimate);
    });
    watcher->setFuture(QtConcurrent::run([options, superseded] {
        return measureEpoch(options, [superseded] { return superseded->load(); });
    }));
}

} // namespace kg::ui
