#include "ui/workspaces/TrainWorkspace.h"

#include "ui/Session.h"
#include "ui/utility/DialogFolders.h"
#include "ui/utility/Format.h"
#include "ui/utility/Icons.h"
#include "ui/widgets/MessageBar.h"
#include "ui/widgets/RunsBrowser.h"
#include "ui/widgets/TrainingCurvesWidget.h"
#include "ui/workers/TrainingWorker.h"
#include "ui/workers/WorkerThread.h"
#include "ui/workspaces/TrainOptionsForm.h"

#include "core/train/RunCatalog.h"
#include "core/train/RunFiles.h"

#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <exception>

namespace kg::ui {
namespace {

QString phaseText(const TrainingProgress& p)
{
    using Phase = TrainingProgress::Phase;
    switch (p.phase) {
    case Phase::Preparing: return TrainWorkspace::tr("Preparing: building the model and reading the data…");
    case Phase::CachingFeatures:
        return TrainWorkspace::tr("Caching backbone features · batch %1 / %2").arg(p.batch).arg(p.batches);
    case Phase::Training:
        return TrainWorkspace::tr("Epoch %1 / %2 · training batch %3 / %4 · loss %5 · accuracy %6")
            .arg(p.epoch)
            .arg(p.epochs)
            .arg(p.batch)
            .arg(p.batches)
            .arg(p.loss, 0, 'f', 3)
            .arg(formatPercent(p.accuracy));
    case Phase::Validating:
        return TrainWorkspace::tr("Epoch %1 / %2 · validating batch %3 / %4").arg(p.epoch).arg(p.epochs).arg(p.batch).arg(p.batches);
    case Phase::EpochEnd: return TrainWorkspace::tr("Epoch %1 / %2 done").arg(p.epoch).arg(p.epochs);
    case Phase::Finished:
        // After the last epoch the worker fits the out-of-distribution gate.
        if (p.batches > 0)
            return TrainWorkspace::tr("Fitting the out-of-distribution gate · image %1 / %2").arg(p.batch).arg(p.batches);
        return p.message.empty() ? TrainWorkspace::tr("Finishing…") : QString::fromStdString(p.message);
    }
    return {};
}

} // namespace

TrainWorkspace::TrainWorkspace(Session& session, QWidget* parent)
    : Workspace(session, parent)
{
    setObjectName(QStringLiteral("TrainWorkspace"));
    buildToolBar();
    buildCentral();
    buildForm();
    buildRunsBrowser();

    // The form updates its dataset summary and estimate first (it connected first).
    connect(&session, &Session::datasetScanned, this, [this] {
        updateActions();
        if (startWhenReady_ && this->session().datasetSplits()) {
            startWhenReady_ = false;
            start();
        }
    });
    connect(&session, &Session::datasetChanged, this, [this] {
        updateActions();
        refreshRunsBrowser();
    });

    applyPreset("cpu-quick-look");
    form_->updateDatasetSummary();
    updateActions();
}

TrainWorkspace::~TrainWorkspace()
{
    stopWork();
}

QIcon TrainWorkspace::icon() const
{
    return themedIcon(QStringLiteral("train"));
}

void TrainWorkspace::buildToolBar()
{
    auto* toolBar = addToolBar(tr("Training"));
    toolBar->setObjectName(QStringLiteral("trainToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    trainAction_ = toolBar->addAction(themedIcon(QStringLiteral("start")), tr("Train"), this, &TrainWorkspace::start);
    trainAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    trainAction_->setToolTip(tr("Start training with these options (Ctrl+Enter)"));
    pauseAction_ = toolBar->addAction(themedIcon(QStringLiteral("pause")), tr("Pause"));
    pauseAction_->setCheckable(true);
    pauseAction_->setToolTip(tr("Pause after the current batch; click again to continue"));
    connect(pauseAction_, &QAction::toggled, this, &TrainWorkspace::setPaused);
    cancelAction_ = toolBar->addAction(themedIcon(QStringLiteral("stop")), tr("Cancel"), this, &TrainWorkspace::cancel);
    cancelAction_->setToolTip(tr("Stop after the current batch; finished epochs stay saved and can be resumed"));
    toolBar->addSeparator();
    resumeAction_ = toolBar->addAction(themedIcon(QStringLiteral("resume")), tr("Resume…"), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(
            this, tr("Resume a Run"), dialogStartFolder(session(), DialogPurpose::Run, {TrainOptionsForm::runsDirectory()}));
        if (!dir.isEmpty()) {
            rememberDialogFolder(session(), DialogPurpose::Run, dir, true);
            resumeRun(dir);
        }
    });
    resumeAction_->setToolTip(tr("Continue an interrupted run from its last checkpoint"));
    openRunAction_ = toolBar->addAction(themedIcon(QStringLiteral("open-folder")), tr("Open Run…"), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(
            this, tr("Open a Run"), dialogStartFolder(session(), DialogPurpose::Run, {TrainOptionsForm::runsDirectory()}));
        if (!dir.isEmpty()) {
            rememberDialogFolder(session(), DialogPurpose::Run, dir, true);
            openRun(dir);
        }
    });
    openRunAction_->setToolTip(tr("Show the curves and options of a previous run"));
    runsAction_ = toolBar->addAction(themedIcon(QStringLiteral("open-folder")), tr("Runs…"), this,
                                     &TrainWorkspace::showRunsBrowser);
    runsAction_->setObjectName(QStringLiteral("runsAction"));
    runsAction_->setToolTip(tr("List this dataset's runs with their status and best accuracy, and compare their curves"));
    toolBar->addSeparator();
    evaluateAction_ = toolBar->addAction(themedIcon(QStringLiteral("evaluate")), tr("Evaluate Best Model"), this,
                                         [this] { emit evaluateBestRequested(); });
    evaluateAction_->setToolTip(tr("Evaluate the best checkpoint of the last run on the test split"));
}

void TrainWorkspace::buildCentral()
{
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(8, 6, 8, 4);
    messageBar_ = new MessageBar(central);
    layout->addWidget(messageBar_);

    auto* statusRow = new QHBoxLayout;
    status_ = new QLabel(tr("Ready."), central);
    status_->setObjectName(QStringLiteral("trainStatus"));
    QFont bold = status_->font();
    bold.setBold(true);
    status_->setFont(bold);
    status_->setWordWrap(true);   // a long summary wraps rather than being cut in a small window
    statusRow->addWidget(status_, 1);
    layout->addLayout(statusRow);

    auto* progressRow = new QHBoxLayout;
    progress_ = new QProgressBar(central);
    progress_->setRange(0, 1000);
    progress_->setValue(0);
    progress_->setFormat(QStringLiteral("%p %"));
    progressRow->addWidget(progress_, 1);
    eta_ = new QLabel(central);
    speed_ = new QLabel(central);
    eta_->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("ETA 10 h 00 min · elapsed 10 h 00 min")));
    speed_->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("0000.0 images/s")));
    progressRow->addWidget(eta_);
    progressRow->addWidget(speed_);
    layout->addLayout(progressRow);

    curves_ = new TrainingCurvesWidget(central);
    layout->addWidget(curves_, 1);
    setCentralWidget(central);

    auto* logDock = logDock_ = new QDockWidget(tr("Log"), this);
    logDock->setObjectName(QStringLiteral("trainLogDock"));
    log_ = new QPlainTextEdit(logDock);
    log_->setReadOnly(true);
    log_->setMaximumBlockCount(5000);
    log_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    log_->setPlaceholderText(tr("Epoch summaries, learning-rate changes and messages appear here."));
    logDock->setWidget(log_);
    addDockWidget(Qt::BottomDockWidgetArea, logDock);
}

void TrainWorkspace::applyDefaultLayout()
{
    resizeDocks({optionsDock_}, {390}, Qt::Horizontal);
    resizeDocks({logDock_}, {150}, Qt::Vertical);
}

void TrainWorkspace::buildForm()
{
    auto* dock = optionsDock_ = new QDockWidget(tr("Training Options"), this);
    dock->setObjectName(QStringLiteral("trainOptionsDock"));
    auto* scroll = new QScrollArea(dock);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    form_ = new TrainOptionsForm(session(), scroll);
    scroll->setWidget(form_);
    dock->setWidget(scroll);
    form_->setMinimumWidth(340);
    scroll->setMinimumWidth(360);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
}

TrainOptions TrainWorkspace::trainOptions() const
{
    TrainOptions o = form_->options();
    if (o.runDir.empty())
        o.runDir = (fixedRunDir_.isEmpty() ? defaultRunDirectory() : fixedRunDir_).toStdString();
    return o;
}

void TrainWorkspace::setRunDirectory(const QString& dir)
{
    fixedRunDir_ = dir;
    form_->setRunDirectory(dir);
}

QString TrainWorkspace::defaultRunDirectory() const
{
    return TrainOptionsForm::runsDirectory() + QLatin1Char('/') + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
}

void TrainWorkspace::updateActions()
{
    const bool haveData = session().datasetSplits() && !session().datasetSplits()->train.empty();
    trainAction_->setEnabled(!running_ && haveData);
    pauseAction_->setEnabled(running_ && !cancelling_ && runProcesses_ == 1);  // ranks cannot wait
    cancelAction_->setEnabled(running_ && !cancelling_);
    resumeAction_->setEnabled(!running_);
    openRunAction_->setEnabled(!running_);
    const bool haveBest = !running_ && !lastResult_.bestCheckpoint.empty()
                          && QFileInfo::exists(QString::fromStdString(lastResult_.bestCheckpoint));
    evaluateAction_->setEnabled(haveBest);
}

void TrainWorkspace::appendLog(const QString& line)
{
    if (runMessages_.contains(line))
        return;   // the trainer's closing message arrives as progress and again as the result
    runMessages_.insert(line);
    log_->appendPlainText(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss  ")) + line);
}

bool TrainWorkspace::start()
{
    if (running_)
        return false;
    messageBar_->hideMessage();
    const auto splits = session().datasetSplits();
    if (!splits || splits->train.empty()) {
        messageBar_->showMessage(MessageBar::Kind::Warning,
                                 tr("Open a dataset first (Dataset workspace, or File ▸ Open Demo Dataset)."));
        return false;
    }
    TrainOptions options;
    try {
        options = trainOptions();
        validateTrainOptions(options);
    } catch (const std::exception& error) {
        messageBar_->showMessage(MessageBar::Kind::Error, QString::fromStdString(error.what()));
        return false;
    }
    // Every Train starts a new run: a folder that holds one already (the previous Train's,
    // or one typed in the form) gets a fresh sibling; Resume… continues an old run instead.
    const std::string wanted = options.runDir;
    options.runDir = freshRunDirectory(wanted);
    curves_->clear();
    log_->clear();
    runMessages_.clear();
    appendLog(tr("Training %1 at %2 px, %3, %n epoch(s), batch %4, learning rate %5 → %6", nullptr, options.epochs)
                  .arg(QString::fromStdString(architectureName(options.model.backbone)))
                  .arg(options.preprocessing.imageSize)
                  .arg(TrainOptionsForm::modeText(options.mode))
                  .arg(options.batchSize)
                  .arg(formatLearningRate(scaledLearningRate(options)))
                  .arg(QDir::toNativeSeparators(QString::fromStdString(options.runDir))));
    if (options.runDir != wanted)
        appendLog(tr("%1 already holds a run; this run goes to %2 (Resume… continues the old one).")
                      .arg(QDir::toNativeSeparators(QString::fromStdString(wanted)),
                           QDir::toNativeSeparators(QString::fromStdString(options.runDir))));
    if (options.mode == TrainingMode::Frozen && options.imagenetWeights.empty())
        appendLog(tr("Warning: frozen backbone without ImageNet weights — expect chance accuracy."));
    launch([options](TrainingWorker* worker) { worker->train(options); }, options.epochs);
    return true;
}

bool TrainWorkspace::resumeRun(const QString& runDir)
{
    if (running_)
        return false;
    messageBar_->hideMessage();
    curves_->clear();
    log_->clear();
    try {
        curves_->setHistory(readHistoryCsv(RunFiles::path(runDir.toStdString(), RunFiles::kHistory)));
    } catch (const std::exception&) {
        // No history yet: the run stopped in its first epoch.
    }
    runMessages_.clear();
    appendLog(tr("Resuming %1").arg(QDir::toNativeSeparators(runDir)));
    launch([runDir](TrainingWorker* worker) { worker->resume(runDir); }, 0);
    return true;
}

void TrainWorkspace::launch(const std::function<void(TrainingWorker*)>& begin, int plannedEpochs)
{
    form_->setBusy(true);
    lastResult_ = {};
    plannedEpochs_ = plannedEpochs;
    if (plannedEpochs > 0)
        curves_->setPlannedEpochs(plannedEpochs);
    worker_ = new TrainingWorker;
    worker_->setProgressIntervalMs(progressIntervalMs_);
    runProcesses_ = form_->processes();
    worker_->setProcesses(runProcesses_);
    connect(worker_, &TrainingWorker::started, this, &TrainWorkspace::onStarted);
    connect(worker_, &TrainingWorker::progress, this, &TrainWorkspace::onProgress);
    connect(worker_, &TrainingWorker::epochFinished, this, &TrainWorkspace::onEpochFinished);
    connect(worker_, &TrainingWorker::finished, this, &TrainWorkspace::onFinished);
    connect(worker_, &TrainingWorker::failed, this, &TrainWorkspace::onFailed);
    connect(worker_, &TrainingWorker::warning, this, [this](const QString& message) {
        messageBar_->showMessage(MessageBar::Kind::Warning, message);
        appendLog(tr("Warning: %1").arg(message));
    });
    thread_ = std::make_unique<WorkerThread>(worker_, QStringLiteral("TrainingWorker"));
    TrainingWorker* worker = worker_;
    QMetaObject::invokeMethod(worker, [worker, begin] { begin(worker); }, Qt::QueuedConnection);
    running_ = true;
    cancelling_ = false;
    pauseAction_->setChecked(false);
    status_->setText(tr("Starting…"));
    progress_->setValue(0);
    eta_->clear();
    speed_->clear();
    updateActions();
    emit busyChanged(true);
    emit progressChanged(0, 0, tr("Training: starting"));
    emit trainingStarted();
}

void TrainWorkspace::onStarted(const TrainOptions& options)
{
    runningOptions_ = options;
    plannedEpochs_ = options.epochs;
    curves_->setPlannedEpochs(options.epochs);
    setFormOptions(options);
    const QString runDir = QDir::cleanPath(QString::fromStdString(options.runDir));
    const QString parent = QFileInfo(runDir).absolutePath();
    if (!runParents_.contains(parent))
        runParents_ << parent;
    if (runsBrowser_)
        runsBrowser_->setActiveRun(runDir);
    refreshRunsBrowser();
    form_->startRunEstimate(options.epochs);
}

void TrainWorkspace::onProgress(const TrainingProgress& p)
{
    if (!running_)
        return;
    if (!p.message.empty())
        appendLog(QString::fromStdString(p.message));
    if (!cancelling_ && !pauseAction_->isChecked())
        status_->setText(phaseText(p));
    const int epochs = p.epochs > 0 ? p.epochs : std::max(1, plannedEpochs_);
    double fraction = 0.0;
    if (p.phase == TrainingProgress::Phase::Training && p.batches > 0) {
        const double position = (p.epoch - 1) + static_cast<double>(p.batch) / p.batches;
        fraction = position / epochs;
        curves_->addBatchPoint(position, p.loss, p.accuracy);
        form_->addRunProgress(p.epoch, p.batch, p.elapsedSeconds, runningOptions_.batchSize);
    } else if (p.phase == TrainingProgress::Phase::Finished) {
        fraction = progress_->value() / 1000.0;   // the epochs are done; the bar stays where they left it
    } else if (p.epoch > 0) {
        fraction = static_cast<double>(p.epoch - (p.phase == TrainingProgress::Phase::EpochEnd ? 0 : 1)) / epochs;
        if (p.phase == TrainingProgress::Phase::Validating && p.batches > 0)
            fraction = (p.epoch - 1 + 0.9 + 0.1 * p.batch / p.batches) / epochs;
    }
    progress_->setValue(static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * 1000)));
    if (p.etaSeconds > 0) {
        // A range once the run's own batches are measured (the form's estimate), else the trainer's figure.
        const TimeRange eta = form_->timeEstimate().basis() == EstimateBasis::RunBatches ? form_->etaRange(p.etaSeconds)
                                                                                          : TimeRange{};
        eta_->setText(tr("ETA %1 · elapsed %2")
                          .arg(eta.valid() ? tr("about %1").arg(formatDurationRange(eta.low, eta.high))
                                           : tr("≈ %1").arg(formatDuration(p.etaSeconds)),
                               formatDuration(p.elapsedSeconds)));
        eta_->setToolTip(tr("Time left, estimated from this run's batches so far; not a limit"));
    }
    // The training rate only: validation (forward passes alone) runs several times faster and
    // would make the figure jump at the end of every epoch.
    if (p.imagesPerSecond > 0 && p.phase == TrainingProgress::Phase::Training)
        speed_->setText(tr("%1 training images/s").arg(p.imagesPerSecond, 0, 'f', 1));
    emit progressChanged(progress_->value(), 1000,
                         p.phase == TrainingProgress::Phase::Finished
                             ? tr("Training: finishing")
                             : tr("Training: epoch %1 / %2").arg(std::max(1, p.epoch)).arg(epochs));
}

void TrainWorkspace::onEpochFinished(const EpochRecord& r)
{
    curves_->addEpoch(r);
    if (runsDialog_ && runsDialog_->isVisible())
        runsBrowser_->refreshActiveRun();
    // Accuracy as a percentage, as in the live status line.
    appendLog(tr("Epoch %1/%2 — loss %3, accuracy %4 · val_loss %5, val_accuracy %6 · lr %7 · %8")
                  .arg(r.epoch)
                  .arg(plannedEpochs_)
                  .arg(r.loss, 0, 'f', 4)
                  .arg(formatPercent(r.accuracy))
                  .arg(r.valLoss, 0, 'f', 4)
                  .arg(formatPercent(r.valAccuracy))
                  .arg(formatLearningRate(r.learningRate))
                  .arg(formatDuration(r.durationSeconds)));
    emit epochFinished(r);
}

void TrainWorkspace::onFinished(const TrainingResult& result)
{
    lastResult_ = result;
    if (!result.history.empty() && curves_->epochCount() != static_cast<int>(result.history.size()))
        curves_->setHistory(result.history);
    const int epochs = static_cast<int>(result.history.size());
    QString summary;
    switch (result.status) {
    case TrainingResult::Status::Completed:
        summary = tr("Training finished: %n epoch(s).", nullptr, epochs);
        break;
    case TrainingResult::Status::EarlyStopped:
        summary = tr("Stopped early after %n epoch(s): the validation loss stopped improving.", nullptr, epochs);
        break;
    case TrainingResult::Status::Cancelled:
        summary = tr("Cancelled after %n finished epoch(s). Resume… continues the run.", nullptr, epochs);
        break;
    case TrainingResult::Status::Failed:
        summary = tr("Training failed.");
        messageBar_->showMessage(MessageBar::Kind::Error, QString::fromStdString(result.message));
        break;
    }
    if (result.bestEpoch > 0)
        summary += tr(" Best epoch %1 (validation loss %2).").arg(result.bestEpoch).arg(result.bestValLoss, 0, 'f', 4);
    status_->setText(summary);
    appendLog(summary);
    if (!result.message.empty() && result.status != TrainingResult::Status::Failed)
        appendLog(QString::fromStdString(result.message));
    if (result.status != TrainingResult::Status::Cancelled && result.status != TrainingResult::Status::Failed)
        progress_->setValue(1000);
    double seconds = 0.0;
    for (const EpochRecord& record : result.history)
        seconds += record.durationSeconds;
    eta_->setText(tr("took %1").arg(formatDuration(seconds)));
    finishRun();
    if (!result.bestCheckpoint.empty() && QFileInfo::exists(QString::fromStdString(result.bestCheckpoint))) {
        session().setCheckpointPath(QString::fromStdString(result.bestCheckpoint));
        appendLog(tr("Best checkpoint: %1").arg(QDir::toNativeSeparators(QString::fromStdString(result.bestCheckpoint))));
    }
    updateActions();
    emit statusMessage(summary, 8000);
    emit trainingFinished(result);
}

void TrainWorkspace::onFailed(const QString& message)
{
    lastResult_ = {};
    lastResult_.status = TrainingResult::Status::Failed;
    lastResult_.message = message.toStdString();
    messageBar_->showMessage(MessageBar::Kind::Error, message);
    status_->setText(tr("Training could not run."));
    appendLog(tr("Error: %1").arg(message));
    finishRun();
    updateActions();
    emit trainingFinished(lastResult_);
}

void TrainWorkspace::finishRun()
{
    thread_.reset();   // the worker has returned; this joins its thread
    worker_ = nullptr;
    running_ = false;
    cancelling_ = false;
    pauseAction_->setChecked(false);
    updateActions();
    emit progressChanged(-1, 0, {});
    emit busyChanged(false);
    form_->setBusy(false);
    form_->scheduleEstimate();
    if (runsBrowser_)
        runsBrowser_->setActiveRun({});
    refreshRunsBrowser();
}

void TrainWorkspace::setPaused(bool paused)
{
    if (!worker_)
        return;
    worker_->setPaused(paused);
    status_->setText(paused ? tr("Paused — click Pause again to continue.") : tr("Continuing…"));
    appendLog(paused ? tr("Paused") : tr("Continued"));
}

void TrainWorkspace::cancel()
{
    if (!worker_ || cancelling_)
        return;
    cancelling_ = true;
    worker_->setPaused(false);
    worker_->cancel();
    status_->setText(tr("Cancelling after the current batch…"));
    appendLog(tr("Cancel requested"));
    updateActions();
}

void TrainWorkspace::startWhenDatasetReady()
{
    if (session().datasetSplits())
        start();
    else
        startWhenReady_ = true;
}

bool TrainWorkspace::confirmStop()
{
    if (!running_)
        return true;
    const auto answer = QMessageBox::question(
        this, tr("Training Is Running"),
        tr("Training is running. Stop it now?\n\nFinished epochs stay saved in %1; Resume… continues from there.")
            .arg(QDir::toNativeSeparators(QString::fromStdString(runningOptions_.runDir))),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    return answer == QMessageBox::Yes;
}

void TrainWorkspace::stopWork()
{
    if (worker_)
        worker_->cancel();
    thread_.reset();
    if (running_) {
        worker_ = nullptr;
        running_ = false;
        cancelling_ = false;
        form_->setBusy(false);
        emit busyChanged(false);
    }
}

} // namespace kg::ui
