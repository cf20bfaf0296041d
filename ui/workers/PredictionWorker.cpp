#include "ui/workers/PredictionWorker.h"

#include <QElapsedTimer>
#include <QThread>

#include <exception>

namespace kg::ui {

PredictionWorker::PredictionWorker(QObject* parent)
    : QObject(parent)
{
}

PredictionWorker::~PredictionWorker() = default;

bool PredictionWorker::ensurePredictor(const QString& checkpoint, int requestId)
{
    if (predictor_ && loadedCheckpoint_ == checkpoint)
        return true;
    predictor_.reset();
    loadedCheckpoint_.clear();
    try {
        PredictorOptions options;
        options.checkpoint = checkpoint.toStdString();
        predictor_ = std::make_unique<Predictor>(options);
        loadedCheckpoint_ = checkpoint;
        return true;
    } catch (const std::exception& error) {
        emit failed(requestId, QString::fromStdString(error.what()));
        return false;
    }
}

void PredictionWorker::predictFile(const QString& checkpoint, const QString& path, int requestId)
{
    if (!ensurePredictor(checkpoint, requestId))
        return;
    GradCamOptions gradCam;
    gradCam.enabled = true;
    try {
        emit predicted(requestId, predictor_->predict(path.toStdString(), gradCam));
    } catch (const std::exception& error) {
        // predict() reports bad files in the result; anything thrown is a model/runtime problem.
        Prediction prediction;
        prediction.path = path.toStdString();
        prediction.error = error.what();
        emit predicted(requestId, prediction);
    }
}

void PredictionWorker::predictFiles(const QString& checkpoint, const QStringList& paths, int requestId)
{
    cancelled_ = false;
    if (!ensurePredictor(checkpoint, requestId))
        return;
    std::vector<std::string> files;
    files.reserve(static_cast<size_t>(paths.size()));
    for (const QString& path : paths)
        files.push_back(path.toStdString());
    QElapsedTimer sinceEmit;
    sinceEmit.start();
    try {
        auto predictions = predictor_->predictFiles(files, {}, [&](std::int64_t done, std::int64_t total) {
            if (done == total || sinceEmit.elapsed() >= 100) {
                emit batchProgress(requestId, static_cast<int>(done), static_cast<int>(total));
                sinceEmit.restart();
            }
            return !cancelled_ && !QThread::currentThread()->isInterruptionRequested();
        });
        emit batchPredicted(requestId, predictions);
    } catch (const std::exception& error) {
        emit failed(requestId, QString::fromStdString(error.what()));
    }
}

} // namespace kg::ui
