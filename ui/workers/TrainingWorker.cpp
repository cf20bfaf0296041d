#include "ui/workers/TrainingWorker.h"

#include "core/engine/FolderTraining.h"
#include "core/eval/OodFit.h"
#include "core/util/Error.h"

#include <QThread>

#include <exception>

namespace kg::ui {

TrainingWorker::TrainingWorker(QObject* parent)
    : QObject(parent)
{
}

TrainingWorker::~TrainingWorker() = default;

void TrainingWorker::cancel()
{
    cancelled_ = true;
    std::lock_guard lock(mutex_);
    if (trainer_)
        trainer_->cancel();
}

void TrainingWorker::setPaused(bool paused)
{
    paused_ = paused;
    std::lock_guard lock(mutex_);
    if (trainer_)
        trainer_->setPaused(paused);
}

void TrainingWorker::train(const TrainOptions& options)
{
    try {
        runTrainer(folderTrainer(options));
    } catch (const std::exception& error) {
        emit failed(QString::fromStdString(error.what()));
    }
}

void TrainingWorker::resume(const QString& runDir)
{
    try {
        runTrainer(resumeFolderTrainer(runDir.toStdString()));
    } catch (const std::exception& error) {
        emit failed(QString::fromStdString(error.what()));
    }
}

void TrainingWorker::runTrainer(Trainer trainer)
{
    {
        std::lock_guard lock(mutex_);
        trainer_ = &trainer;
        if (paused_)
            trainer.setPaused(true);
        if (cancelled_)
            trainer.cancel();
    }
    emit started(trainer.options());
    sinceLastEmit_.invalidate();
    lastEpochEmitted_ = 0;
    TrainingResult result;
    try {
        result = trainer.run([this](const TrainingProgress& progress) { return onProgress(progress); });
    } catch (...) {
        std::lock_guard lock(mutex_);
        trainer_ = nullptr;
        throw;
    }
    {
        std::lock_guard lock(mutex_);
        trainer_ = nullptr;
    }
    if (result.status == TrainingResult::Status::Completed || result.status == TrainingResult::Status::EarlyStopped)
        fitOodGate(trainer, result);
    emit finished(result);
}

void TrainingWorker::fitOodGate(const Trainer& trainer, const TrainingResult& result)
{
    using Phase = TrainingProgress::Phase;
    TrainingProgress fitting;
    fitting.phase = Phase::Finished;
    fitting.epoch = fitting.epochs = static_cast<int>(result.history.size());
    fitting.message = tr("Fitting the out-of-distribution gate…").toStdString();
    emit progress(fitting);
    fitting.message.clear();
    QElapsedTimer sinceEmit;
    sinceEmit.start();
    const RunOodGate gate = fitRunOodGate(trainer.options(), result, {}, [&](const EvaluationProgress& p) {
        if (sinceEmit.elapsed() >= progressIntervalMs_) {
            fitting.batch = static_cast<int>(p.done);
            fitting.batches = static_cast<int>(p.total);
            emit progress(fitting);
            sinceEmit.restart();
        }
        return !cancelled_ && !QThread::currentThread()->isInterruptionRequested();
    });
    if (!gate.error.empty()) {
        emit warning(tr("The out-of-distribution gate could not be fitted: %1. The model works, but cannot tell when an "
                        "image is unlike its training images; kneegrade-cli calibrate fits the gate later.")
                         .arg(QString::fromStdString(gate.error)));
        return;
    }
    if (gate.checkpoint.empty())
        return;
    fitting.batch = fitting.batches = 0;
    fitting.message = tr("Out-of-distribution gate fitted into %1: %2 training images, threshold at the %3th percentile "
                         "of %4 validation images.")
                          .arg(QString::fromStdString(gate.checkpoint))
                          .arg(gate.summary.fitImages)
                          .arg(gate.summary.percentile, 0, 'g', 3)
                          .arg(gate.summary.thresholdImages)
                          .toStdString();
    emit progress(fitting);
}

bool TrainingWorker::onProgress(const TrainingProgress& progress)
{
    using Phase = TrainingProgress::Phase;
    const bool phaseChanged = progress.phase != lastPhase_;
    const bool newMessage = !progress.message.empty() && progress.message != lastMessage_;
    const bool important = phaseChanged || newMessage || progress.phase == Phase::EpochEnd
                           || progress.phase == Phase::Finished;
    if (important || !sinceLastEmit_.isValid() || sinceLastEmit_.elapsed() >= progressIntervalMs_) {
        emit this->progress(progress);
        sinceLastEmit_.start();
    }
    lastPhase_ = progress.phase;
    lastMessage_ = progress.message;
    if (progress.phase == Phase::EpochEnd && !progress.history.empty()
        && progress.history.back().epoch != lastEpochEmitted_) {
        lastEpochEmitted_ = progress.history.back().epoch;
        emit epochFinished(progress.history.back());
    }
    return !cancelled_ && !QThread::currentThread()->isInterruptionRequested();
}

} // namespace kg::ui
