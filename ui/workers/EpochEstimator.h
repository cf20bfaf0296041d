#pragma once
#include "core/model/ModelOptions.h"

#include <QObject>
#include <QString>

#include <cstdint>

namespace kg::ui {

/// What one epoch of a planned run will cost, measured rather than guessed: builds the
/// model, times a forward pass on the CPU, and scales it (a training step ≈ 3 forward passes).
struct EpochEstimate {
    std::int64_t parameters = 0;        ///< Keras-style total
    double forwardSecondsPerImage = 0;  ///< measured, inference mode, this process's threads
    double epochSeconds = 0;            ///< training images × 3 forward + validation images × 1
    bool ok = false;
    QString error;
};

/// Runs estimates on the global thread pool, one at a time; a newer request supersedes an
/// older one (its result is dropped). GUI-thread object; results arrive as a signal.
class EpochEstimator : public QObject {
    Q_OBJECT
public:
    explicit EpochEstimator(QObject* parent = nullptr);
    ~EpochEstimator() override;

    void request(const ModelOptions& model, int imageSize, int batchSize, int trainImages, int valImages);
    bool isRunning() const { return running_; }

signals:
    void estimated(const kg::ui::EpochEstimate& estimate);

private:
    void startNext();

    struct Request {
        ModelOptions model;
        int imageSize = 224;
        int batchSize = 16;
        int trainImages = 0;
        int valImages = 0;
    };
    bool running_ = false;
    bool pending_ = false;
    Request next_;
};

/// Measures one estimate synchronously (what the pool runs).
EpochEstimate measureEpoch(const ModelOptions& model, int imageSize, int batchSize, int trainImages, int valImages);

} // namespace kg::ui

Q_DECLARE_METATYPE(kg::ui::EpochEstimate)
