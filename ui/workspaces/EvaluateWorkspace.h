#pragma once
#include "ui/Workspace.h"
#include "core/eval/Evaluator.h"

#include <memory>

class QAction;
class QCheckBox;
class QComboBox;
class QDockWidget;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QTableWidget;
class QToolBar;

namespace kg::ui {

class ConfusionMatrixWidget;
class EvaluationWorker;
class MessageBar;
class WorkerThread;

/// Evaluate a checkpoint on a split: confusion-matrix heatmap (counts or row-normalised),
/// the classification report and the field's metrics (accuracy, balanced accuracy, QWK,
/// MAE, AUC, calibration), a browser of mistakes sorted by confidence, the images of any
/// clicked matrix cell, and export of the report as PDF and CSV.
class EvaluateWorkspace : public Workspace {
    Q_OBJECT
public:
    explicit EvaluateWorkspace(Session& session, QWidget* parent = nullptr);
    ~EvaluateWorkspace() override;

    QString id() const override { return QStringLiteral("evaluate"); }
    QString title() const override { return tr("Evaluate"); }
    QIcon icon() const override;
    bool isBusy() const override { return running_; }
    void stopWork() override;

    ConfusionMatrixWidget* confusionMatrix() const { return matrix_; }
    QListWidget* imageBrowser() const { return browser_; }
    QPlainTextEdit* reportText() const { return reportText_; }
    QTableWidget* metricsTable() const { return metrics_; }
    MessageBar* messageBar() const { return messageBar_; }
    std::shared_ptr<const EvaluationResult> result() const { return result_; }

    void setSplit(Split split);

public slots:
    /// Evaluates the session's checkpoint on the chosen split of the session's dataset.
    bool evaluate();
    void cancel();
    /// Evaluates as soon as both a checkpoint and a scanned dataset are there.
    void evaluateWhenReady();
    /// Lists the wrong predictions, most confident first.
    void showMistakes();
    /// Lists the images of one confusion-matrix cell.
    void showCell(int trueGrade, int predictedGrade);
    /// Writes the PDF report (ui/report): gathers Grad-CAM samples and the training history on
    /// a worker thread, then draws the PDF; pdfExported() tells how it went. False when there
    /// is nothing to export or an export is already running.
    bool exportPdf(const QString& path);
    /// Writes one row per image to `path` (core's writeEvaluationCsv: path, true and predicted
    /// grade, correct, confidence, each grade's probability, OOD score). False with a message
    /// when it cannot.
    bool exportCsv(const QString& path);
    /// Writes the metrics table to `path` and the confusion matrix beside it,
    /// `<name>-confusion.csv`. False with a message when it cannot.
    bool exportMetricsCsv(const QString& path);

signals:
    void evaluationFinished();
    void pdfExported(const QString& path, bool ok, const QString& error);

protected:
    void applyDefaultLayout() override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void onProgress(const EvaluationProgress& progress);
    void onFinished(std::shared_ptr<const EvaluationResult> result);
    void onFailed(const QString& message);
    void finishRun();
    void showResult();
    void fillBrowser(const std::vector<ImagePrediction>& items, const QString& title);
    void updateCheckpointLabel();
    void updateActions();
    void buildExportMenu(QToolBar* toolBar);

    QLabel* checkpointLabel_ = nullptr;
    QComboBox* split_ = nullptr;
    QCheckBox* tta_ = nullptr;
    QAction* evaluateAction_ = nullptr;
    QAction* cancelAction_ = nullptr;
    QAction* normaliseAction_ = nullptr;
    QAction* pdfAction_ = nullptr;
    QAction* csvAction_ = nullptr;
    QAction* metricsCsvAction_ = nullptr;
    QToolBar* toolBar_ = nullptr;
    MessageBar* messageBar_ = nullptr;
    QLabel* summary_ = nullptr;
    QProgressBar* progress_ = nullptr;
    ConfusionMatrixWidget* matrix_ = nullptr;
    QTableWidget* metrics_ = nullptr;
    QPlainTextEdit* reportText_ = nullptr;
    QLabel* browserTitle_ = nullptr;
    QListWidget* browser_ = nullptr;
    QDockWidget* browserDock_ = nullptr;

    EvaluationWorker* worker_ = nullptr;
    std::unique_ptr<WorkerThread> thread_;
    std::shared_ptr<const EvaluationResult> result_;
    bool running_ = false;
    bool exporting_ = false;
    bool evaluateWhenReady_ = false;
    int browserGeneration_ = 0;
};

} // namespace kg::ui
