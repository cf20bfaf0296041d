#pragma once
#include "core/eval/Evaluator.h"

#include <QMetaType>

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace kg::ui {

/// Runs kg::evaluateCheckpoint (batched, deterministic order) on the thread it lives on,
/// with progress signals at most every progressIntervalMs. cancel() is thread-safe; so is
/// QThread::requestInterruption() on the worker's thread.
class EvaluationWorker : public QObject {
    Q_OBJECT
public:
    explicit EvaluationWorker(QObject* parent = nullptr);
    void cancel() { cancelled_ = true; }

public slots:
    void evaluate(const kg::EvaluationOptions& options);

signals:
    void progress(const kg::EvaluationProgress& progress);
    void finished(std::shared_ptr<const kg::EvaluationResult> result);
    void failed(const QString& message);

private:
    std::atomic<bool> cancelled_{false};
    int progressIntervalMs_ = 100;
};

} // namespace kg::ui

Q_DECLARE_METATYPE(kg::EvaluationOptions)
Q_DECLARE_METATYPE(kg::EvaluationProgress)
Q_DECLARE_METATYPE(std::shared_ptr<const kg::EvaluationResult>)
