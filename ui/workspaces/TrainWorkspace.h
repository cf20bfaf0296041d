#pragma once
#include "ui/Workspace.h"
#include "ui/utility/Metatypes.h"
#include "ui/workspaces/TrainOptionsForm.h"

#include <QElapsedTimer>
#include <QSet>

#include <functional>
#include <memory>
#include <string>

class QDialog;
class QDockWidget;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace kg::ui {

class MessageBar;
class RunsBrowser;
class TrainingCurvesWidget;
class TrainingWorker;
class WorkerThread;

/// Configure and run a training job: the options form (TrainOptionsForm: presets, a measured
/// time-per-epoch estimate) in a dock; Train / Pause / Cancel / Resume; live accuracy, loss
/// and learning-rate curves; progress with ETA and images/s; a log. Training runs in a
/// TrainingWorker on its own QThread, so the window stays responsive; closing asks first and
/// then stops cleanly.
class TrainWorkspace : public Workspace {
    Q_OBJECT
public:
    explicit TrainWorkspace(Session& session, QWidget* parent = nullptr);
    ~TrainWorkspace() override;

    QString id() const override { return QStringLiteral("train"); }
    QString title() const override { return tr("Train"); }
    QIcon icon() const override;
    bool isBusy() const override { return running_; }
    bool confirmStop() override;
    void stopWork() override;

    /// Fills the form with core's preset `id` (core/train/TrainPresets.h; an unknown id leaves
    /// it as it is).
    void applyPreset(const std::string& id) { form_->applyPreset(id); }
    /// The options the form describes (dataset and run folder included). Throws kg::Error
    /// for an unknown architecture.
    TrainOptions trainOptions() const;
    /// Sets the form from options (architecture, sizes, schedule, augmentation…).
    void setFormOptions(const TrainOptions& options) { form_->setOptions(options); }
    void setEpochs(int epochs) { form_->setEpochs(epochs); }
    /// Writes the next runs to `dir` (empty: a fresh timestamped folder under the app's data);
    /// when `dir` already holds a run, to a fresh sibling (`dir`-2, `dir`-3…).
    void setRunDirectory(const QString& dir);
    /// Minimum time between two batch updates from the worker (tests use small values).
    void setProgressIntervalMs(int intervalMs) { progressIntervalMs_ = intervalMs; }

    TrainingCurvesWidget* curves() const { return curves_; }
    QPlainTextEdit* log() const { return log_; }
    QProgressBar* progressBar() const { return progress_; }
    MessageBar* messageBar() const { return messageBar_; }
    TrainOptionsForm* optionsForm() const { return form_; }
    QLabel* estimateLabel() const { return form_->estimateLabel(); }
    /// True while the form times training steps for its estimate (screenshots wait for it).
    bool isEstimating() const { return form_->isEstimating(); }
    QLabel* modeWarning() const { return form_->modeWarning(); }
    /// The last run's outcome (valid after finished()).
    const TrainingResult& lastResult() const { return lastResult_; }
    /// The runs browser (shown by showRunsBrowser) and the folders it lists runs from: the
    /// default runs folder and the parents of the run folders used in this session.
    RunsBrowser* runsBrowser() const { return runsBrowser_; }
    QDialog* runsDialog() const { return runsDialog_; }
    QStringList runsLocations() const;

public slots:
    /// Starts training with the form's options; false (with a message) when it cannot.
    bool start();
    void setPaused(bool paused);
    void cancel();
    /// Continues the run in `runDir` from its last checkpoint.
    bool resumeRun(const QString& runDir);
    /// Shows a finished run's curves and options (history.csv, options.json).
    bool openRun(const QString& runDir);
    /// Starts as soon as the current dataset is scanned (command line --train).
    void startWhenDatasetReady();
    /// Shows the runs browser (a window beside the main one), rescanned.
    void showRunsBrowser();

signals:
    void trainingStarted();
    void epochFinished(const kg::EpochRecord& record);
    void trainingFinished(const kg::TrainingResult& result);
    /// The user asked to evaluate the run's best checkpoint (already in the Session).
    void evaluateBestRequested();

private:
    void applyDefaultLayout() override;
    void buildToolBar();
    void buildForm();
    void buildCentral();
    void updateActions();
    void launch(const std::function<void(TrainingWorker*)>& begin, int plannedEpochs);
    void onStarted(const TrainOptions& options);
    void onProgress(const TrainingProgress& progress);
    void onEpochFinished(const EpochRecord& record);
    void onFinished(const TrainingResult& result);
    void onFailed(const QString& message);
    void finishRun();
    void appendLog(const QString& line);
    QString defaultRunDirectory() const;
    void buildRunsBrowser();
    void refreshRunsBrowser();

    // Tool bar.
    QAction* trainAction_ = nullptr;
    QAction* pauseAction_ = nullptr;
    QAction* cancelAction_ = nullptr;
    QAction* resumeAction_ = nullptr;
    QAction* openRunAction_ = nullptr;
    QAction* evaluateAction_ = nullptr;
    QAction* runsAction_ = nullptr;
    // Options dock.
    TrainOptionsForm* form_ = nullptr;
    // Central.
    MessageBar* messageBar_ = nullptr;
    QLabel* status_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* eta_ = nullptr;
    QLabel* speed_ = nullptr;
    TrainingCurvesWidget* curves_ = nullptr;
    QPlainTextEdit* log_ = nullptr;
    QDialog* runsDialog_ = nullptr;
    RunsBrowser* runsBrowser_ = nullptr;
    QStringList runParents_;   // folders holding the runs of this session, for the runs browser
    QDockWidget* optionsDock_ = nullptr;
    QDockWidget* logDock_ = nullptr;
    QSet<QString> runMessages_;   // log lines of this run, to drop repeats

    TrainingWorker* worker_ = nullptr;       // lives on thread_ while running
    std::unique_ptr<WorkerThread> thread_;
    TrainOptions runningOptions_;
    TrainingResult lastResult_;
    bool running_ = false;
    int runProcesses_ = 1;  // training processes of the current run (several GPUs)
    bool cancelling_ = false;
    bool startWhenReady_ = false;
    int progressIntervalMs_ = 100;
    int plannedEpochs_ = 0;
    QString fixedRunDir_;
};

} // namespace kg::ui
