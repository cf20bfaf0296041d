#pragma once
#include "ui/utility/Metatypes.h"
#include "ui/workers/EpochEstimator.h"

#include "core/train/TimeEstimate.h"

#include <QWidget>

#include <string>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTimer;

namespace kg::ui {

class Session;

/// The Train workspace's options form: a preset box (core's TrainPresets plus "Custom"),
/// the dataset in use, a measured time-per-epoch estimate, and the model, schedule,
/// augmentation and run options. Any edit turns the preset into "Custom".
class TrainOptionsForm : public QWidget {
    Q_OBJECT
public:
    explicit TrainOptionsForm(Session& session, QWidget* parent = nullptr);

    /// Fills the form with core's preset `id` (findTrainPreset); an unknown id leaves it as it is.
    void applyPreset(const std::string& id);
    /// The id of the preset the form shows; empty for "Custom".
    std::string presetId() const;
    /// The options the form describes; dataRoot is the session's dataset, runDir the run
    /// folder field as typed (empty when left blank). Throws kg::Error for an unknown architecture.
    TrainOptions options() const;
    /// Training processes on this computer (1, or one per GPU where there are several).
    int processes() const;
    /// Sets the form from options (architecture, sizes, schedule, augmentation…), not the run folder.
    void setOptions(const TrainOptions& options);
    void setEpochs(int epochs);
    void setRunDirectory(const QString& dir);
    void clearRunDirectory();

    /// While busy (training runs) no estimate is measured.
    void setBusy(bool busy);
    /// Measures the time per epoch shortly, unless busy (edits arriving meanwhile restart the wait).
    void scheduleEstimate();
    void updateDatasetSummary();

    /// A run starts: its own batches will refine the warm-up's estimate.
    void startRunEstimate(int epochs);
    /// The run reached training batch `batch` of `epoch` after `elapsedSeconds`: the time
    /// since its previous report refines the estimate (label updated once enough are in).
    void addRunProgress(int epoch, int batch, double elapsedSeconds, int batchSize);
    /// The trainer's point ETA widened by the estimate's uncertainty (invalid without one).
    TimeRange etaRange(double etaSeconds) const { return time_.around(etaSeconds); }
    const TimeEstimate& timeEstimate() const { return time_; }

    QLabel* estimateLabel() const { return estimate_; }
    /// A measurement is scheduled or running.
    bool isEstimating() const;
    QLabel* modeWarning() const { return modeWarning_; }

    static QString modeText(TrainingMode mode);
    /// Where runs go by default: one timestamped folder each.
    static QString runsDirectory();

private:
    void markCustom();
    void updateModeWarning();
    /// The scaling rule's tooltip names the rate this run would start with.
    void updateLrScalingTip();
    void recogniseWeights();
    void runEstimate();
    void showEstimate(const EpochEstimate& estimate);
    void showTimeEstimate();

    Session& session_;
    QComboBox* preset_ = nullptr;
    QComboBox* architecture_ = nullptr;
    QLineEdit* weights_ = nullptr;
    QLabel* weightsStatus_ = nullptr;
    QComboBox* mode_ = nullptr;
    QLabel* modeWarning_ = nullptr;
    QSpinBox* epochs_ = nullptr;
    QSpinBox* batch_ = nullptr;
    QComboBox* learningRate_ = nullptr;
    QComboBox* lrScaling_ = nullptr;
    int lrReferenceBatch_ = TrainOptions{}.lrReferenceBatch;  ///< kept from applied options; the form has no field
    QSpinBox* imageSize_ = nullptr;
    QComboBox* imbalance_ = nullptr;
    QCheckBox* augment_ = nullptr;
    QCheckBox* flip_ = nullptr;
    QDoubleSpinBox* rotation_ = nullptr;
    QDoubleSpinBox* zoom_ = nullptr;
    QDoubleSpinBox* translation_ = nullptr;
    QCheckBox* reduceLr_ = nullptr;
    QCheckBox* earlyStopping_ = nullptr;
    QCheckBox* mixedPrecision_ = nullptr;
    QCheckBox* deterministic_ = nullptr;
    QComboBox* device_ = nullptr;
    QSpinBox* seed_ = nullptr;
    QSpinBox* processes_ = nullptr;
    QLineEdit* runDir_ = nullptr;
    QLabel* datasetSummary_ = nullptr;
    QLabel* estimate_ = nullptr;

    EpochEstimator* estimator_ = nullptr;
    QTimer* estimateTimer_ = nullptr;
    TimeEstimate time_;
    std::int64_t parameters_ = 0;
    int measuredBatch_ = 0;
    int plannedBatch_ = 0;
    bool measuredOnGpu_ = false;
    int runEpochs_ = 0;
    int lastEpoch_ = 0;
    int lastBatch_ = 0;
    int runBatches_ = 0;   ///< training batches of the run timed so far
    double lastElapsed_ = 0;
    bool applyingPreset_ = false;
    bool busy_ = false;
};

} // namespace kg::ui
