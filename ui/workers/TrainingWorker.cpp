#include "ui/workers/TrainingWorker.h"

#include "core/engine/FolderTraining.h"
#include "core/distributed/LocalPort.h"
#include "core/eval/OodFit.h"
#include "core/util/Error.h"
#include "ui/workers/RankProcesses.h"

#include <QDir>
#include <QTemporaryFile>
#include <QThread>

#include <nlohmann/json.hpp>

#include <algorithm>

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
        if (processes_ <= 1) {
            runTrainer(folderTrainer(options));
            return;
        }
        // The other ranks read the same options from a file; the cores are shared out.
        TrainOptions shared = options;
        shared.runtime.threads = threadsPerRank();
        QTemporaryFile file(QDir::temp().filePath(QStringLiteral("kneegrade-options-XXXXXX.json")));
        if (!file.open())
            throw Error(file.fileName().toStdString(), "cannot write the options for the other ranks");
        file.write(QByteArray::fromStdString(nlohmann::json(shared).dump(2)));
        file.flush();
        runTrainer(folderTrainer(shared), {QStringLiteral("train"), QStringLiteral("--options"), file.fileName()});
    } catch (const std::exception& error) {
        emit failed(QString::fromStdString(error.what()));
    }
}

void TrainingWorker::resume(const QString& runDir)
{
    try {
        if (processes_ <= 1) {
            runTrainer(resumeFolderTrainer(runDir.toStdString()));
            return;
        }
        ResumeOverrides overrides;
        RuntimeOptions runtime = Trainer::resumedOptions(runDir.toStdString()).runtime;
        runtime.threads = threadsPerRank();
        overrides.runtime = runtime;
        runTrainer(resumeFolderTrainer(runDir.toStdString(), overrides), {QStringLiteral("train"), QStringLiteral("--resume"), runDir});
    } catch (const std::exception& error) {
        emit failed(QString::fromStdString(error.what()));
    }
}

int TrainingWorker::threadsPerRank() const
{
    return std::max(1, QThread::idealThreadCount() / std::max(1, processes_));
}

void TrainingWorker::runTrainer(Trainer trainer, const QStringList& rankArguments)
{
    std::unique_ptr<RankProcesses> ranks;
    if (!rankArguments.isEmpty()) {
        DistributedOptions job;
        job.worldSize = processes_;
        job.masterPort = freeLocalPort();
        trainer.setDistributed(job);
        ranks = std::make_unique<RankProcesses>(rankArguments, processes_, job.masterPort, job.timeoutSeconds, threadsPerRank());
    }
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
    if (ranks) {
        // A failed run says what the other ranks saw; a good one has them end with it.
        const QString others = ranks->failures(result.status == TrainingResult::Status::Failed ? 10000 : 60000);
        if (!others.isEmpty())
            result.message += "\n" + others.toStdString();
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
