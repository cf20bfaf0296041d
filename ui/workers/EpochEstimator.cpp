#include "ui/workers/EpochEstimator.h"

#include "core/model/Model.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <exception>
#include <random>

namespace kg::ui {

EpochEstimate measureEpoch(const ModelOptions& modelOptions, int imageSize, int batchSize, int trainImages, int valImages)
{
    EpochEstimate estimate;
    try {
        Model model(modelOptions);
        estimate.parameters = model.parameterCounts().total();
        // A small batch keeps the probe short; per-image cost barely depends on the batch here.
        const int batch = std::clamp(batchSize, 1, 4);
        std::vector<float> pixels(static_cast<size_t>(batch) * imageSize * imageSize * 3);
        std::mt19937 random(7);
        std::uniform_real_distribution<float> uniform(-1.f, 1.f);
        for (float& value : pixels)
            value = uniform(random);
        model.forward(pixels, batch, imageSize);   // warm-up: allocations, kernel selection
        QElapsedTimer timer;
        timer.start();
        model.forward(pixels, batch, imageSize);
        estimate.forwardSecondsPerImage = timer.nsecsElapsed() / 1e9 / batch;
        estimate.epochSeconds = estimate.forwardSecondsPerImage * (3.0 * trainImages + valImages);
        estimate.ok = true;
    } catch (const std::exception& error) {
        estimate.error = QString::fromStdString(error.what());
    }
    return estimate;
}

EpochEstimator::EpochEstimator(QObject* parent)
    : QObject(parent)
{
}

EpochEstimator::~EpochEstimator() = default;

void EpochEstimator::request(const ModelOptions& model, int imageSize, int batchSize, int trainImages, int valImages)
{
    next_ = {model, imageSize, batchSize, trainImages, valImages};
    pending_ = true;
    if (!running_)
        startNext();
}

void EpochEstimator::startNext()
{
    if (!pending_)
        return;
    pending_ = false;
    running_ = true;
    const Request request = next_;
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
    watcher->setFuture(QtConcurrent::run([request] {
        return measureEpoch(request.model, request.imageSize, request.batchSize, request.trainImages, request.valImages);
    }));
}

} // namespace kg::ui
