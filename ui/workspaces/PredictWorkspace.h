#pragma once
#include "ui/Workspace.h"
#include "core/eval/Predictor.h"
#include "core/imaging/Radiograph.h"
#include "ui/report/PredictionReport.h"

#include <QHash>
#include <QRect>
#include <QSize>

#include <memory>

class QAction;
class QLabel;
class QSlider;
class QStandardItemModel;
class QTabWidget;
class QTableView;
class QToolBar;

namespace kg::ui {

class ImageView;
class MessageBar;
class PredictResultPanel;
class ProbabilityBarsWidget;
class PredictionWorker;
class RegionOverlay;
class WorkerThread;

/// Grade X-rays (drop or open a PNG, JPEG, 16-bit or DICOM file): the full radiograph with
/// window controls and, over it, one square box per knee joint found, labelled with the
/// patient's side and its grade. The user moves, resizes (square), adds and deletes boxes; a
/// box is graded again when it is let go. The side panel shows the selected box's result:
/// per-grade probabilities, the KL grade with its description and confidence, warnings (out
/// of distribution, low confidence, anatomy), its Grad-CAM over the box with adjustable
/// opacity, and the crop convention the model was trained on. A dropped folder is graded in
/// batches into a sortable table that exports to CSV.
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
    RegionOverlay* regionOverlay() const { return overlay_; }
    PredictResultPanel* resultPanel() const { return panel_; }
    ProbabilityBarsWidget* probabilityBars() const;
    MessageBar* messageBar() const { return messageBar_; }
    QLabel* gradeLabel() const;
    QLabel* lowConfidenceLabel() const;
    QLabel* anatomyWarningLabel() const;
    QLabel* outOfDistributionLabel() const;
    QTableView* batchTable() const { return table_; }
    QStandardItemModel* batchModel() const { return model_; }
    QAction* addBoxAction() const { return addBoxAction_; }
    QAction* deleteBoxAction() const { return deleteBoxAction_; }
    QAction* exportReportAction() const { return exportReportAction_; }
    QAction* exportAnnotationsAction() const { return exportAnnotationsAction_; }
    /// The result shown in the side panel (path empty before the first).
    const Prediction& lastPrediction() const { return last_; }
    /// The results of the shown file, one per box in the overlay's order (a whole-image
    /// result when it has no box); a box being graded again keeps its previous result.
    std::vector<Prediction> regionPredictions() const;

public slots:
    void openImageDialog();
    void openFolderDialog();
    /// Shows one file and grades each knee joint found on it (Grad-CAM included).
    void predictFile(const QString& path);
    /// Grades every image in `folder` into the batch table.
    void predictFolder(const QString& folder);
    /// Writes the batch table as CSV (core's writePredictionsCsv); false with a message on failure.
    bool exportCsv(const QString& path);
    /// Writes the shown file's prediction report as PDF (kg::report::PredictionReport): its
    /// boxes as they are now with their results and Grad-CAM, over the radiograph as shown.
    /// False with a message when nothing is graded, a box is being graded, or writing fails.
    bool exportReport(const QString& path);
    /// Puts the shown file's boxes (with their sides) into the annotations.json at `path`:
    /// replaces the file's entry when it lists it, adds one otherwise, creates the file when
    /// there is none. False with a message when there is no box, or the file exists and is
    /// not an annotations file, or writing fails.
    bool exportAnnotations(const QString& path);
    /// Adds a box at the centre of the view (the size of the other boxes) and grades it.
    void addBox();
    /// Removes the selected box and its result.
    void deleteSelectedBox();

signals:
    /// A result reached the side panel: a file's first region, a region graded again, or a
    /// failure (then `ok()` is false).
    void predictionShown(const kg::Prediction& prediction);
    void batchFinished(int files);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    struct RegionResult {
        int boxId = -1;           // -1: the whole image (no box)
        Prediction prediction;    // the latest result (its region is the box as graded)
        int pendingRequest = 0;   // a regrade in flight
    };

    void buildToolBar();
    void buildCentral();
    void buildExportActions(QToolBar* toolBar);
    void updateExportActions();
    /// The side panel after Grade Folder: the folder and the batch's state instead of the
    /// last single file's result.
    void showBatchInPanel(const QString& folder, const QString& note);
    RgbImage shownRadiograph() const;
    void onPredicted(int requestId, const std::vector<Prediction>& predictions);
    void showFileResults(const std::vector<Prediction>& predictions);
    void onRegraded(int boxId, int requestId, const std::vector<Prediction>& predictions);
    void onBatchProgress(int requestId, int done, int total);
    void onBatchPredicted(int requestId, const std::vector<Prediction>& predictions);
    void onFailed(int requestId, const QString& message);
    void onSelectionChanged(int boxId);
    void onBoxEdited(int boxId);
    void regrade(int boxId, const JointRegion& region);
    void refreshBox(const RegionResult& result);
    void showRegionResult(const RegionResult& result);
    void showPrediction(const Prediction& prediction);
    void showHeatmap(const Prediction& prediction);
    RegionResult* resultOf(int boxId);
    QRectF toViewImage(const JointRegion& region) const;
    void loadTrainingCrop();
    void updateBusy();
    void setBusy(bool busy);
    void updateCheckpointLabel();
    bool requireCheckpoint();

    QAction* gradCamAction_ = nullptr;
    QAction* exportAction_ = nullptr;
    QAction* addBoxAction_ = nullptr;
    QAction* deleteBoxAction_ = nullptr;
    QAction* exportReportAction_ = nullptr;
    QAction* exportAnnotationsAction_ = nullptr;
    QSlider* opacity_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    ImageView* view_ = nullptr;
    RegionOverlay* overlay_ = nullptr;
    MessageBar* messageBar_ = nullptr;
    PredictResultPanel* panel_ = nullptr;
    QTableView* table_ = nullptr;
    QStandardItemModel* model_ = nullptr;
    QLabel* batchStatus_ = nullptr;

    PredictionWorker* worker_ = nullptr;
    std::unique_ptr<WorkerThread> thread_;
    std::vector<Prediction> batch_;
    std::vector<std::string> batchClassNames_;
    QString batchFolder_;

    // The shown file.
    QString path_;
    QSize sourceSize_;               // decoded pixels, what regions refer to
    RadiographInfo info_;            // what the file says about itself (laterality for new boxes)
    std::vector<RegionResult> results_;
    QRect selectAfterGrading_;       // a batch row's region to select once the file is graded
    Prediction last_;
    report::PredictionReportModel reportModel_;   // the model that gave the results (from the worker)
    QString reportModelCheckpoint_;               // its checkpoint; empty before one is loaded

    int requestId_ = 0;
    int fileGeneration_ = 0;         // the shown file's request (stale images and results are dropped)
    int fileRequest_ = 0;            // the file's grading in flight; 0: none
    int batchRequest_ = 0;
    int cropGeneration_ = 0;
    QHash<int, int> regrades_;       // request → box
    bool busy_ = false;
};

} // namespace kg::ui
