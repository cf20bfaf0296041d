// TrainOptionsForm: the time estimate — a warm-up run of the chosen options before training
// (EpochEstimator on a worker), then the measured batches of the run itself — and the
// dataset summary beside it.
#include "ui/workspaces/TrainOptionsForm.h"

#include "ui/Session.h"
#include "ui/utility/Format.h"

#include <QComboBox>
#include <QLabel>
#include <QSpinBox>
#include <QTimer>

#include <algorithm>

namespace kg::ui {

bool TrainOptionsForm::isEstimating() const
{
    return estimateTimer_->isActive() || estimator_->isRunning();
}

void TrainOptionsForm::scheduleEstimate()
{
    if (!busy_)
        estimateTimer_->start();
}

void TrainOptionsForm::updateDatasetSummary()
{
    const auto splits = session_.datasetSplits();
    if (!splits) {
        datasetSummary_->setText(session_.datasetRoot().isEmpty()
                                     ? tr("<i>No dataset yet: open one in the Dataset workspace, or try the demo.</i>")
                                     : tr("<i>Reading the dataset…</i>"));
    } else {
        datasetSummary_->setText(tr("Trains on <b>%1</b> training images, validates on <b>%2</b>.")
                                     .arg(splits->train.size())
                                     .arg(splits->val.size()));
    }
}

void TrainOptionsForm::runEstimate()
{
    if (busy_)
        return;
    TrainOptions o;
    try {
        o = options();
    } catch (const std::exception&) {
        return;
    }
    estimate_->setText(tr("<i>Timing a few training steps for an estimate…</i>"));
    estimate_->setToolTip(QString());
    estimator_->request(o);
}

void TrainOptionsForm::showEstimate(const EpochEstimate& estimate)
{
    if (busy_)
        return;   // a run started meanwhile: its own batches estimate better
    time_.clear();
    if (!estimate.ok) {
        estimate_->setText(estimate.error.isEmpty() ? QString()
                                                    : tr("No estimate: %1").arg(estimate.error.toHtmlEscaped()));
        return;
    }
    parameters_ = estimate.parameters;
    measuredBatch_ = estimate.batchSize;
    plannedBatch_ = estimate.plannedBatchSize;
    measuredOnGpu_ = estimate.cuda;
    for (double seconds : estimate.stepSeconds)
        time_.addWarmUpStep(seconds, estimate.batchSize);
    showTimeEstimate();
}

void TrainOptionsForm::startRunEstimate(int epochs)
{
    runEpochs_ = epochs;
    lastEpoch_ = lastBatch_ = runBatches_ = 0;
    lastElapsed_ = 0;
    time_.clearRunBatches();   // the warm-up stays until the run's own batches take over
}

void TrainOptionsForm::addRunProgress(int epoch, int batch, double elapsedSeconds, int batchSize)
{
    // Only spans within one epoch's training: validation and checkpoint writes lie between epochs.
    if (epoch == lastEpoch_ && batch > lastBatch_ && elapsedSeconds > lastElapsed_) {
        const EstimateBasis before = time_.basis();
        time_.addRunBatch(elapsedSeconds - lastElapsed_, (batch - lastBatch_) * std::max(1, batchSize));
        runBatches_ += batch - lastBatch_;
        if (time_.basis() == EstimateBasis::RunBatches || before != time_.basis())
            showTimeEstimate();
    }
    lastEpoch_ = epoch;
    lastBatch_ = batch;
    lastElapsed_ = elapsedSeconds;
}

void TrainOptionsForm::showTimeEstimate()
{
    const auto splits = session_.datasetSplits();
    const int trainImages = splits ? static_cast<int>(splits->train.size()) : 0;
    const int valImages = splits ? static_cast<int>(splits->val.size()) : 0;
    const int epochs = busy_ && runEpochs_ > 0 ? runEpochs_ : epochs_->value();
    const EstimateBasis basis = time_.basis();
    if (basis == EstimateBasis::Nothing)
        return;
    QString text;
    if (parameters_ > 0)
        text = tr("<b>%1 parameters.</b> ").arg(formatCompactCount(static_cast<double>(parameters_)));
    const QString where = measuredOnGpu_ ? tr("the GPU") : tr("this computer's CPU");
    const double stepSeconds = time_.secondsPerTrainingImage() * std::max(1, measuredBatch_);
    if (splits && !splits->train.empty()) {
        const TimeRange all = time_.run(epochs, trainImages, valImages);
        const TimeRange one = time_.epoch(trainImages, valImages);
        text += tr("Estimated time: about <b>%1</b> for %n epoch(s) (%2 per epoch).", nullptr, epochs)
                    .arg(formatDurationRange(all.low, all.high), formatDurationRange(one.low, one.high));
    } else {
        text += tr("Open a dataset for an estimated time per epoch.");
    }
    if (basis == EstimateBasis::RunBatches) {
        text += QLatin1Char(' ') + tr("Based on %n batch(es) of this run so far.", nullptr, runBatches_);
    } else {
        const QString batch = measuredBatch_ < plannedBatch_
                                  ? tr("batch %1 of the planned %2, scaled").arg(measuredBatch_).arg(plannedBatch_)
                                  : tr("batch %1").arg(measuredBatch_);
        text += QLatin1Char(' ') + tr("Based on %n training step(s) timed just now on %1 (%2, %3 × %3 px: "
                                      "%4 s a step); refined once the run starts.",
                                      nullptr, time_.samples())
                                       .arg(where, batch)
                                       .arg(imageSize_->value())
                                       .arg(stepSeconds, 0, 'f', 2);
    }
    estimate_->setText(text);
    estimate_->setToolTip(tr("An estimate, not a limit: the range widens when there are few measurements or they "
                             "disagree. The warm-up reads no images and validates nothing; a busy computer, a slow "
                             "disk or a frozen backbone's feature cache can make the real run slower or faster. "
                             "Once training runs, its own batches replace the warm-up."));
}

} // namespace kg::ui
