#include "ui/workers/EvaluationWorker.h"

#include <QElapsedTimer>
#include <QThread>

#include <exception>

namespace kg::ui {

EvaluationWorker::EvaluationWorker(QObject* parent)
    : QObject(parent)
{
}

void EvaluationWorker::evaluate(const EvaluationOptions& options)
{
    QElapsedTimer sinceEmit;
    try {
        auto result = std::make_shared<EvaluationResult>(evaluateCheckpoint(options, [&](const EvaluationProgress& p) {
            if (!sinceEmit.isValid() || sinceEmit.elapsed() >= progressIntervalMs_ || p.done == p.total) {
                emit progress(p);
                sinceEmit.start();
            }
            return !cancelled_ && !QThread::currentThread()->isInterruptionRequested();
        }));
        emit finished(std::move(result));
    } catch (const std::exception& error) {
        emit failed(QString::fromStdString(error.what()));
    }
}

} // namespace kg::ui
