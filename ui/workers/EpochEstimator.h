#pragma once
#include "core/train/TrainOptions.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace kg::ui {

/// A warm-up measurement of the planned run: a few real training steps (forward, backward,
/// optimizer) of the chosen architecture and mode at the chosen image size and batch, on
/// the chosen device (core/train/WarmUpTiming.h).
struct EpochEstimate {
    std::int64_t parameters = 0;       ///< Keras-style total
    std::vector<double> stepSeconds;   ///< one per timed step
    int batchSize = 0;                 ///< images per timed step
    int plannedBatchSize = 0;          ///< the run's batch (larger when a step of it would take too long to time)
    bool cuda = false;                 ///< measured on the GPU
    bool ok = false;
    QString error;
};

/// Runs warm-up measurements on the global thread pool, one at a time; a newer request
/// supersedes an older one (which stops early and whose result is dropped). GUI-thread
/// object; results arrive as a signal.
class EpochEstimator : public QObject {
    Q_OBJECT
public:
    explicit EpochEstimator(QObject* parent = nullptr);
    ~EpochEstimator() override;

    void request(const TrainOptions& options);
    /// Stops the running measurement after its current step and drops any pending request.
    void cancel();
    bool isRunning() const { return running_; }

signals:
    void estimated(const kg::ui::EpochEstimate& estimate);

private:
    void startNext();

    bool running_ = false;
    bool pending_ = false;
    TrainOptions next_;
    std::shared_ptr<std::atomic_bool> superseded_;
};

/// Measures one warm-up synchronously (what the pool runs); stops early once `stop` holds.
EpochEstimate measureEpoch(const TrainOptions& options, const std::function<bool()>& stop = {});

} // namespace kg::ui

Q_DECLARE_METATYPE(kg::ui::EpochEstimate)
