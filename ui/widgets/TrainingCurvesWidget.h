#pragma once
#include "core/train/Trainer.h"

#include <QWidget>

#include <vector>

class QCustomPlot;
class QLabel;
class QCPAxisRect;
class QCPGraph;
class QCPItemText;
class QCPLegend;
class QCPTextElement;

namespace kg::ui {

/// Live training curves (QCustomPlot): accuracy and loss, training vs validation per epoch,
/// a faint running per-batch training line, and the learning rate on a log scale. Replots
/// are queued, so many updates per frame cost one repaint. The loss axis ignores outliers (as
/// TensorBoard's default does): a validation spike far above the rest is cut off with a note
/// saying how high it went, so the training curve stays readable. GUI thread only.
class TrainingCurvesWidget : public QWidget {
    Q_OBJECT
public:
    explicit TrainingCurvesWidget(QWidget* parent = nullptr);
    ~TrainingCurvesWidget() override;

    void clear();
    /// Sets the x range to 0..epochs (grows later if a run goes past it).
    void setPlannedEpochs(int epochs);
    /// Running training means after a batch; `epochPosition` is fractional (epoch − 1 + batch/batches).
    void addBatchPoint(double epochPosition, double loss, double accuracy);
    void addEpoch(const EpochRecord& record);
    /// Replaces everything with a finished (or resumed) run's history.
    void setHistory(const std::vector<EpochRecord>& history);

    int epochCount() const;        ///< points in the per-epoch series
    int batchPointCount() const;   ///< points in the per-batch series
    QCustomPlot* plot() const { return plot_; }
    double lossAxisTop() const;    ///< upper end of the loss axis
    QString lossClippedNote() const;  ///< empty unless a loss peak is off the scale

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void applyPalette();
    void rescale();
    double lossTop();
    /// Legend columns and the loss note's line breaks for the widget's width.
    void fitToWidth();
    void updateLossNote();

    QCustomPlot* plot_ = nullptr;
    QCPAxisRect* accuracyRect_ = nullptr;
    QCPAxisRect* lossRect_ = nullptr;
    QCPAxisRect* learningRateRect_ = nullptr;
    QCPGraph* trainAccuracy_ = nullptr;
    QCPGraph* valAccuracy_ = nullptr;
    QCPGraph* batchAccuracy_ = nullptr;
    QCPGraph* trainLoss_ = nullptr;
    QCPGraph* valLoss_ = nullptr;
    QCPGraph* batchLoss_ = nullptr;
    QCPGraph* learningRate_ = nullptr;
    QCPLegend* legend_ = nullptr;
    QCPItemText* lossClipped_ = nullptr;
    QLabel* spikeNote_ = nullptr;   ///< what an off-the-scale spike means
    QList<QCPTextElement*> titles_;
    int plannedEpochs_ = 10;
    double maxLoss_ = 0.0;
    double minLearningRate_ = 0.0, maxLearningRate_ = 0.0;
};

} // namespace kg::ui
