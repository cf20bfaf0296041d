#pragma once
#include "ui/utility/Metatypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <mutex>

namespace kg::ui {

/// Runs kg::Trainer on the thread it lives on (see WorkerThread) and reports back with
/// typed, throttled signals: per-batch progress at most every progressIntervalMs, every
/// phase change, epoch end and the result always. A run that completes (or stops early)
/// then has its out-of-distribution gate fitted into its best checkpoint before finished(). cancel() and setPaused() are thread-safe
/// and act within one batch; so does QThread::requestInterruption() on the worker's thread.
class TrainingWorker : public QObject {
    Q_OBJECT
public:
    explicit TrainingWorker(QObject* parent = nullptr);
    ~TrainingWorker() override;

    void cancel();
    /// No effect on a run of several processes: the other ranks would wait into their timeout.
    void setPaused(bool paused);
    /// Trains as `processes` ranks on this computer (data-parallel, one GPU each): this
    /// worker's trainer is rank 0 and reports; ranks 1… are kneegrade-cli processes. Call
    /// before train() or resume(). 1 (the default): a single process.
    void setProcesses(int processes) { processes_ = processes; }
    void setProgressIntervalMs(int intervalMs) { progressIntervalMs_ = intervalMs; }

public slots:
    /// Trains a new run (blocks this worker's thread until it ends).
    void train(const kg::TrainOptions& options);
    /// Continues the run in `runDir` from its last checkpoint.
    void resume(const QString& runDir);

signals:
    /// The options the run uses (for a resumed run, the ones read from its folder).
    void started(const kg::TrainOptions& options);
    void progress(const kg::TrainingProgress& progress);
    void epochFinished(const kg::EpochRecord& record);
    void finished(const kg::TrainingResult& result);
    /// The trainer threw before or while training (message says which file and what to do).
    void failed(const QString& message);
    /// Something went wrong that leaves the run usable (the out-of-distribution gate could not be fitted).
    void warning(const QString& message);

private:
    /// `rankArguments`: the kneegrade-cli arguments of the other ranks (a several-process run).
    void runTrainer(Trainer trainer, const QStringList& rankArguments = {});
    int threadsPerRank() const;
    void fitOodGate(const Trainer& trainer, const TrainingResult& result);
    bool onProgress(const TrainingProgress& progress);

    std::mutex mutex_;                  // guards trainer_ against cancel()/setPaused()
    Trainer* trainer_ = nullptr;
    std::atomic<bool> cancelled_{false};
    std::atomic<bool> paused_{false};
    std::atomic<int> progressIntervalMs_{100};
    int processes_ = 1;
    QElapsedTimer sinceLastEmit_;
    TrainingProgress::Phase lastPhase_ = TrainingProgress::Phase::Preparing;
    int lastEpochEmitted_ = 0;
    std::string lastMessage_;
};

} // namespace kg::ui
