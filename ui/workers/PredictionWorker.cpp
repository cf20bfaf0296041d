#include "ui/workers/PredictionWorker.h"

#include <QElapsedTimer>
#include <QThread>

#include <exception>

namespace kg::ui {
namespace {

/// The localiser could not run on the file (no weights, say): Predictor's error for it.
bool localiserFailed(const Prediction& prediction)
{
    return !prediction.ok() && prediction.error.rfind("cannot find the knee joints", 0) == 0;
}

} // namespace

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
        emit modelLoaded(checkpoint, report::reportModelOf(*predictor_));
        return true;
    } catch (const std::exception& error) {
        emit failed(requestId, QString::fromStdString(error.what()));
        return false;
    }
}

void PredictionWorker::gradeWholeWhereLocaliserFailed(std::vector<Prediction>& predictions, const GradCamOptions& gradCam)
{
    std::vector<size_t> failed;
    std::vector<std::string> paths;
    for (size_t i = 0; i < predictions.size(); ++i)
        if (localiserFailed(predictions[i])) {
            failed.push_back(i);
            paths.push_back(predictions[i].path);
        }
    if (failed.empty())
        return;
    std::vector<Prediction> whole = predictor_->predictFiles(paths, gradCam);   // one per path
    for (size_t k = 0; k < failed.size() && k < whole.size(); ++k) {
        const std::string& error = predictions[failed[k]].error;
        const size_t colon = error.find(": ");
        const std::string why = colon == std::string::npos ? error : error.substr(colon + 2);
        whole[k].localisation = "the knee joints could not be looked for (" + why + "): the whole image was graded";
        predictions[failed[k]] = std::move(whole[k]);
    }
}

void PredictionWorker::predictFile(const QString& checkpoint, const QString& path, int requestId)
{
    if (!ensurePredictor(checkpoint, requestId))
        return;
    GradCamOptions gradCam;
    gradCam.enabled = true;
    RegionRequest request;
    request.automatic = true;
    try {
        std::vector<Prediction> predictions = predictor_->predictRegions(path.toStdString(), request, gradCam);
        gradeWholeWhereLocaliserFailed(predictions, gradCam);
        emit predicted(requestId, predictions);
    } catch (const std::exception& error) {
        // predictRegions() reports bad files in the result; anything thrown is a model/runtime problem.
        Prediction prediction;
        prediction.path = path.toStdString();
        prediction.error = error.what();
        emit predicted(requestId, {prediction});
    }
}

void PredictionWorker::predictRegions(const QString& checkpoint, const QString& path,
                                      const std::vector<JointRegion>& regions, int requestId)
{
    if (!ensurePredictor(checkpoint, requestId))
        return;
    GradCamOptions gradCam;
    gradCam.enabled = true;
    RegionRequest request;
    request.regions = regions;
    try {
        emit predicted(requestId, predictor_->predictRegions(path.toStdString(), request, gradCam));
    } catch (const std::exception& error) {
        std::vector<Prediction> failed;
        for (const JointRegion& region : regions) {
            Prediction prediction;
            prediction.path = path.toStdString();
            prediction.region = region;
            prediction.error = error.what();
            failed.push_back(std::move(prediction));
        }
        emit predicted(requestId, failed);
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
    RegionRequest request;
    request.automatic = true;
    try {
        auto predictions = predictor_->predictFiles(files, {}, [&](std::int64_t done, std::int64_t total) {
            if (done == total || sinceEmit.elapsed() >= 100) {
                emit batchProgress(requestId, static_cast<int>(done), static_cast<int>(total));
                sinceEmit.restart();
            }
            return !cancelled_ && !QThread::currentThread()->isInterruptionRequested();
        }, request);
        if (!cancelled_)
            gradeWholeWhereLocaliserFailed(predictions, {});
        emit batchPredicted(requestId, predictions);
    } catch (const std::exception& error) {
        emit failed(requestId, QString::fromStdString(error.what()));
    }
}

} // namespace kg::ui
