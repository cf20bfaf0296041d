#pragma once
#include "ui/Workspace.h"
#include "core/eval/Predictor.h"

#include <memory>

class QAction;
class QLabel;
class QSlider;
class QStandardItemModel;
class QTabWidget;
class QTableView;

namespace kg::ui {

class ImageView;
class MessageBar;
class ProbabilityBarsWidget;
class PredictionWorker;
class WorkerThread;

/// Grade one X-ray (drop or open a PNG, JPEG, 16-bit or DICOM file): the image with window
/// controls, per-grade probabilities, the KL grade with its description and confidence, a
/// low-confidence warning, and a Grad-CAM overlay with adjustable opacity. A dropped folder
/// is graded in batches into a sortable table that exports to CSV.
class PredictWorkspace : public Workspace {
    Q_OBJECT
public:
    explicit PredictWorkspace(Session& session, QWidget* parent = nullptr);
    ~PredictWorkspace() override;

    QString id() const override { return QStringLiteral("predict"); }
    QString title() const override { return tr("Predict"); }
    QIcon icon() const override;
    bool isBusy() const override { return busy_; }
    void stopWork() override;

    ImageView* imageView() const { return view_; }
    ProbabilityBarsWidget* probabilityBars() const { return bars_; }
    MessageBar* messageBar() const { return messageBar_; }
    QLabel* gradeLabel() const { return grade_; }
    QLabel* lowConfidenceLabel() const { return lowConfidence_; }
    QLabel* anatomyWarningLabel() const { return anatomyWarning_; }
    QTableView* batchTable() const { return table_; }
    QStandardItemModel* batchModel() const { return model_; }
    /// The last single-file result (path empty before the first).
    const Prediction& lastPrediction() const { return last_; }

public slots:
    void openImageDialog();
    void openFolderDialog();
    /// Shows and grades one file (Grad-CAM included).
    void predictFile(const QString& path);
    /// Grades every image in `folder` into the batch table.
    void predictFolder(const QString& folder);
    /// Writes the batch table as CSV (core's writePredictionsCsv); false with a message on failure.
    bool exportCsv(const QString& path);

signals:
    void predictionShown(const kg::Prediction& prediction);
    void batchFinished(int files);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void onPredicted(int requestId, const Prediction& prediction);
    void onBatchProgress(int requestId, int done, int total);
    void onBatchPredicted(int requestId, const std::vector<Prediction>& predictions);
    void onFailed(int requestId, const QString& message);
    void showPrediction(const Prediction& prediction);
    void clearResult();
    void setBusy(bool busy);
    void updateCheckpointLabel();
    bool requireCheckpoint();

    QAction* gradCamAction_ = nullptr;
    QAction* exportAction_ = nullptr;
    QSlider* opacity_ = nullptr;
    QLabel* checkpointLabel_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    ImageView* view_ = nullptr;
    MessageBar* messageBar_ = nullptr;
    QLabel* fileLabel_ = nullptr;
    QLabel* grade_ = nullptr;
    QLabel* description_ = nullptr;
    QLabel* confidence_ = nullptr;
    QLabel* lowConfidence_ = nullptr;
    QLabel* anatomyWarning_ = nullptr;
    QLabel* gradCamNote_ = nullptr;
    ProbabilityBarsWidget* bars_ = nullptr;
    QTableView* table_ = nullptr;
    QStandardItemModel* model_ = nullptr;
    QLabel* batchStatus_ = nullptr;

    PredictionWorker* worker_ = nullptr;
    std::unique_ptr<WorkerThread> thread_;
    std::vector<Prediction> batch_;
    std::vector<std::string> batchClassNames_;
    Prediction last_;
    int requestId_ = 0;
    bool busy_ = false;
};

} // namespace kg::ui
