#include "ui/MainWindow.h"

#include "ui/Session.h"
#include "ui/dialogs/AboutDialog.h"
#include "ui/dialogs/PreferencesDialog.h"
#include "ui/dialogs/HelpDialogs.h"
#include "ui/utility/DialogFolders.h"
#include "ui/utility/Format.h"
#include "ui/utility/Icons.h"
#include "ui/widgets/MessageBar.h"
#include "ui/widgets/RunsBrowser.h"
#include "ui/widgets/SampleGridWidget.h"
#include "ui/workspaces/DatasetWorkspace.h"
#include "ui/workspaces/EvaluateWorkspace.h"
#include "ui/workspaces/PredictWorkspace.h"
#include "ui/workspaces/TrainWorkspace.h"

#include "core/train/RunCatalog.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QProgressBar>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QWhatsThis>
#include <QWindow>

#include <memory>

namespace kg::ui {

MainWindow::MainWindow(const RuntimeInfo& runtime, QSettings* settings, QWidget* parent)
    : QMainWindow(parent)
    , settings_(settings)
    , session_(new Session(runtime, settings, this))
    , stack_(new QStackedWidget(this))
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(tr("KneeGrade"));
    setWindowIcon(applicationIcon());
    setCentralWidget(stack_);
    setUnifiedTitleAndToolBarOnMac(true);

    // The mode bar: one checkable action per workspace, like Qt Creator's.
    auto* modeBar = new QToolBar(tr("Workspaces"), this);
    modeBar->setObjectName(QStringLiteral("modeBar"));
    modeBar->setMovable(false);
    modeBar->setFloatable(false);
    modeBar->setToolButtonStyle(Qt::ToolButtonTextUnderIcon);
    modeBar->setIconSize(QSize(28, 28));
    addToolBar(Qt::LeftToolBarArea, modeBar);
    modeGroup_ = new QActionGroup(this);
    modeGroup_->setExclusive(true);

    dataset_ = new DatasetWorkspace(*session_, stack_);
    train_ = new TrainWorkspace(*session_, stack_);
    evaluate_ = new EvaluateWorkspace(*session_, stack_);
    predict_ = new PredictWorkspace(*session_, stack_);
    addWorkspace(dataset_, QKeySequence(Qt::CTRL | Qt::Key_1));
    addWorkspace(train_, QKeySequence(Qt::CTRL | Qt::Key_2));
    addWorkspace(evaluate_, QKeySequence(Qt::CTRL | Qt::Key_3));
    addWorkspace(predict_, QKeySequence(Qt::CTRL | Qt::Key_4));
    for (Workspace* workspace : workspaces_)
        modeBar->addAction(modeActions_.value(workspace->id()));
    // An evaluation of a run's checkpoint is recorded in its run folder (the runs browser's QWK).
    connect(evaluate_, &EvaluateWorkspace::evaluationFinished, this, [this] {
        const auto result = evaluate_->result();
        if (result && !result->cancelled && !result->checkpoint.empty() && !result->predictions.empty())
            recordRunEvaluation(result->checkpoint, result->split, result->metrics.accuracy,
                                result->metrics.quadraticWeightedKappa, static_cast<std::int64_t>(result->predictions.size()));
    });
    connect(train_, &TrainWorkspace::evaluateBestRequested, this, [this] {
        showWorkspace(QStringLiteral("evaluate"));
        evaluate_->setSplit(Split::Test);
        evaluate_->evaluate();
    });

    // Status bar: message at the left; the running job's progress and the device at the right.
    progressLabel_ = new QLabel(this);
    progressBar_ = new QProgressBar(this);
    progressBar_->setMaximumWidth(220);
    progressBar_->setTextVisible(false);
    progressLabel_->hide();
    progressBar_->hide();
    deviceLabel_ = new QLabel(this);
    deviceLabel_->setObjectName(QStringLiteral("deviceLabel"));
    deviceLabel_->setText(tr("KneeGrade %1 · LibTorch %2 · %3")
                              .arg(toQString(runtime.kneegradeVersion), toQString(runtime.torchVersion),
                                   toQString(runtime.deviceName)));
    deviceLabel_->setToolTip(tr("Training and inference run on %1 with %n CPU thread(s); BLAS: %2", nullptr,
                                runtime.threads)
                                 .arg(toQString(runtime.deviceName), toQString(runtime.blas)));
    statusBar()->addPermanentWidget(progressLabel_);
    statusBar()->addPermanentWidget(progressBar_);
    statusBar()->addPermanentWidget(deviceLabel_);

    createMenus();
    connect(session_, &Session::recentChanged, this, &MainWindow::rebuildRecentMenus);
    connect(session_, &Session::datasetChanged, this, [this](const QString& root) {
        setWindowTitle(root.isEmpty() ? tr("KneeGrade")
                                      : tr("%1 — KneeGrade")
                                            .arg(session_->isDemoDataset() ? tr("Demo dataset")
                                                                           : QDir::toNativeSeparators(root)));
    });
    // The dataset and checkpoint in use, for the next start (restoreLastSession).
    if (settings_) {
        connect(session_, &Session::datasetChanged, this, [this](const QString& root) {
            settings_->setValue(QStringLiteral("session/dataset"), session_->isDemoDataset() ? QString() : root);
            settings_->setValue(QStringLiteral("session/demo"), session_->isDemoDataset());
        });
        connect(session_, &Session::checkpointChanged, this,
                [this](const QString& path) { settings_->setValue(QStringLiteral("session/checkpoint"), path); });
    }
    rebuildRecentMenus();
    restoreWindowState();
    showWorkspace(QStringLiteral("dataset"));
}

MainWindow::~MainWindow()
{
    // Join every worker thread before the widgets they report to go away.
    for (Workspace* workspace : workspaces_)
        workspace->stopWork();
}

void MainWindow::addWorkspace(Workspace* workspace, const QKeySequence& shortcut)
{
    workspaces_ << workspace;
    stack_->addWidget(workspace);
    auto* action = new QAction(workspace->icon(), workspace->title(), this);
    action->setCheckable(true);
    action->setShortcut(shortcut);
    action->setToolTip(tr("%1 (%2)").arg(workspace->title(), shortcut.toString(QKeySequence::NativeText)));
    action->setObjectName(workspace->id() + QStringLiteral("Mode"));
    modeGroup_->addAction(action);
    modeActions_.insert(workspace->id(), action);
    const QString id = workspace->id();
    connect(action, &QAction::triggered, this, [this, id] { showWorkspace(id); });
    connect(workspace, &Workspace::statusMessage, this,
            [this](const QString& text, int timeoutMs) { statusBar()->showMessage(text, timeoutMs); });
    connect(workspace, &Workspace::progressChanged, this,
            [this, workspace](int value, int maximum, const QString& text) { onProgress(workspace, value, maximum, text); });
    connect(workspace, &Workspace::switchRequested, this, &MainWindow::showWorkspace);
}

Workspace* MainWindow::currentWorkspace() const
{
    return qobject_cast<Workspace*>(stack_->currentWidget());
}

Workspace* MainWindow::workspace(const QString& id) const
{
    for (Workspace* workspace : workspaces_)
        if (workspace->id() == id)
            return workspace;
    return nullptr;
}

bool MainWindow::showWorkspace(const QString& id)
{
    Workspace* target = workspace(id);
    if (!target)
        return false;
    stack_->setCurrentWidget(target);
    modeActions_.value(id)->setChecked(true);
    // The View menu lists the current workspace's tool bars and docks.
    if (viewMenu_) {
        delete panelsMenu_;   // its action leaves the View menu with it
        panelsMenu_ = target->createPopupMenu();
        if (panelsMenu_) {
            panelsMenu_->setParent(viewMenu_, panelsMenu_->windowFlags());
            panelsMenu_->setTitle(tr("%1 Panels").arg(target->title()));
            viewMenu_->addMenu(panelsMenu_);
        }
    }
    return true;
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(themedIcon(QStringLiteral("open-folder")), tr("&Open Dataset Folder…"), dataset_,
                                    &DatasetWorkspace::openFolderDialog);
    open->setShortcut(QKeySequence::Open);
    file->addAction(themedIcon(QStringLiteral("demo")), tr("Open &Demo Dataset"), this, [this] {
        showWorkspace(QStringLiteral("dataset"));
        dataset_->openDemoDataset();
    });
    recentDatasetsMenu_ = file->addMenu(tr("Recent &Datasets"));
    file->addSeparator();
    QAction* openCheckpoint = file->addAction(themedIcon(QStringLiteral("open-checkpoint")), tr("Open &Checkpoint…"),
                                              this, &MainWindow::openCheckpointDialog);
    openCheckpoint->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    recentCheckpointsMenu_ = file->addMenu(tr("Recent C&heckpoints"));
    QAction* runs = file->addAction(tr("Training &Runs…"), this, [this] {
        showWorkspace(QStringLiteral("train"));
        train_->showRunsBrowser();
    });
    runs->setObjectName(QStringLiteral("trainingRunsAction"));
    runs->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    QAction* openImage = file->addAction(themedIcon(QStringLiteral("open-image")), tr("Open &Image to Grade…"), this,
                                         [this] {
                                             showWorkspace(QStringLiteral("predict"));
                                             predict_->openImageDialog();
                                         });
    openImage->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    file->addSeparator();
    QAction* preferences = file->addAction(tr("&Preferences…"), this, [this] {
        auto* dialog = new PreferencesDialog(settings_, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    preferences->setObjectName(QStringLiteral("preferencesAction"));
    preferences->setShortcut(QKeySequence::Preferences);
    preferences->setMenuRole(QAction::PreferencesRole);
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    viewMenu_ = menuBar()->addMenu(tr("&View"));
    for (Workspace* workspace : workspaces_)
        viewMenu_->addAction(modeActions_.value(workspace->id()));
    viewMenu_->addSeparator();
    QAction* fullScreen = viewMenu_->addAction(tr("&Full Screen"));
    fullScreen->setCheckable(true);
    fullScreen->setShortcut(QKeySequence::FullScreen);
    connect(fullScreen, &QAction::toggled, this, [this](bool on) { on ? showFullScreen() : showNormal(); });
    viewMenu_->addSeparator();

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* gettingStarted = help->addAction(tr("&Getting Started"), this, &MainWindow::showGettingStarted);
    gettingStarted->setObjectName(QStringLiteral("helpGettingStarted"));
    gettingStarted->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&Kellgren–Lawrence Grades"), this, &MainWindow::showKlGrades)
        ->setObjectName(QStringLiteral("helpKlGrades"));
    help->addAction(QWhatsThis::createAction(this));
    help->addSeparator();
    QAction* about = help->addAction(themedIcon(QStringLiteral("about")), tr("&About KneeGrade"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::rebuildRecentMenus()
{
    recentDatasetsMenu_->clear();
    for (const QString& path : session_->recentDatasets())
        recentDatasetsMenu_->addAction(QDir::toNativeSeparators(path), this, [this, path] {
            showWorkspace(QStringLiteral("dataset"));
            dataset_->openDataset(path);
        });
    recentDatasetsMenu_->setEnabled(!recentDatasetsMenu_->isEmpty());
    recentCheckpointsMenu_->clear();
    // Each with what it is and how its run went (architecture, epochs, accuracy, date, status).
    for (const QString& path : session_->recentCheckpoints()) {
        QAction* action = recentCheckpointsMenu_->addAction(checkpointMenuText(path), this,
                                                            [this, path] { session_->setCheckpointPath(path); });
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
    }
    recentCheckpointsMenu_->setToolTipsVisible(true);
    recentCheckpointsMenu_->setEnabled(!recentCheckpointsMenu_->isEmpty());
}

void MainWindow::openCheckpointDialog()
{
    const QString start = dialogStartFolder(*session_, DialogPurpose::Checkpoint);
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Checkpoint"), start,
                                                      tr("KneeGrade checkpoints (*.kgckpt);;All files (*)"));
    if (!path.isEmpty()) {
        rememberDialogFolder(*session_, DialogPurpose::Checkpoint, path);
        session_->setCheckpointPath(path);
    }
}

void MainWindow::onProgress(Workspace* source, int value, int maximum, const QString& text)
{
    if (value < 0) {
        if (progressSource_ == source || !progressSource_) {
            progressSource_ = nullptr;
            progressLabel_->hide();
            progressBar_->hide();
        }
        return;
    }
    // Training outranks the shorter jobs of the other workspaces.
    if (progressSource_ && progressSource_ != source && progressSource_ == train_ && train_->isBusy())
        return;
    progressSource_ = source;
    progressLabel_->setText(text);
    progressLabel_->show();
    progressBar_->setRange(0, maximum);
    progressBar_->setValue(maximum > 0 ? value : 0);
    progressBar_->show();
}

void MainWindow::showAbout()
{
    showHelpDialog(new AboutDialog(session_->runtime(), this));
}

void MainWindow::showHelpDialog(QWidget* dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    aboutDialog_ = dialog;
    dialog->show();
}

void MainWindow::showGettingStarted()
{
    showHelpDialog(new GettingStartedDialog(this));
}

void MainWindow::showKlGrades()
{
    showHelpDialog(new KlGradesDialog(*session_, this));
}

bool MainWindow::isBusy() const
{
    for (Workspace* workspace : workspaces_)
        if (workspace->isBusy())
            return true;
    if (auto* grades = qobject_cast<KlGradesDialog*>(aboutDialog_.data()); grades && grades->isLoading())
        return true;
    if (train_->isEstimating() && currentWorkspace() == train_)
        return true;
    return dataset_->sampleGrid()->isLoading();
}

void MainWindow::restoreLastSession(const StartupOptions& options)
{
    if (!settings_)
        return;
    const QString dataset = settings_->value(QStringLiteral("session/dataset")).toString();
    const bool demo = settings_->value(QStringLiteral("session/demo")).toBool();
    const QString checkpoint = settings_->value(QStringLiteral("session/checkpoint")).toString();
    if (!options.demo && options.dataset.isEmpty()) {
        if (demo) {
            dataset_->openDemoDataset();
        } else if (!dataset.isEmpty()) {
            if (QFileInfo(dataset).isDir())
                dataset_->openDataset(dataset);
            else
                dataset_->messageBar()->showMessage(
                    MessageBar::Kind::Information,
                    tr("The dataset open last time, %1, is no longer there: open another one (File → Open Dataset "
                       "Folder) or the demo.")
                        .arg(QDir::toNativeSeparators(dataset)));
        }
    }
    if (options.checkpoint.isEmpty() && !checkpoint.isEmpty()) {
        if (QFileInfo(checkpoint).isFile()) {
            session_->setCheckpointPath(checkpoint);
        } else {
            const QString note = tr("The checkpoint used last time, %1, is no longer there: open another one "
                                    "(File → Open Checkpoint) or train a model.")
                                     .arg(QDir::toNativeSeparators(checkpoint));
            predict_->messageBar()->showMessage(MessageBar::Kind::Information, note);
            statusBar()->showMessage(note, 15000);
        }
    }
}

void MainWindow::applyStartupOptions(const StartupOptions& options)
{
    restoreLastSession(options);
    if (!options.checkpoint.isEmpty())
        session_->setCheckpointPath(options.checkpoint);
    if (!options.runDir.isEmpty())
        train_->setRunDirectory(options.runDir);
    if (options.epochs > 0)
        train_->setEpochs(options.epochs);
    if (options.demo)
        dataset_->openDemoDataset();
    else if (!options.dataset.isEmpty())
        dataset_->openDataset(options.dataset);
    if (options.train)
        train_->startWhenDatasetReady();
    if (options.evaluate)
        evaluate_->evaluateWhenReady();
    if (!options.image.isEmpty())
        predict_->predictFile(options.image);
    if (options.workspace == QLatin1String("runs")) {
        showWorkspace(QStringLiteral("train"));
        train_->showRunsBrowser();
        aboutDialog_ = train_->runsDialog();   // what a screenshot shows
    } else if (options.workspace == QLatin1String("about")) {
        showAbout();
    } else if (options.workspace == QLatin1String("getting-started")) {
        showGettingStarted();
    } else if (options.workspace == QLatin1String("kl-grades")) {
        // With a dataset on its way, once it is read: the page shows examples from it.
        if (!session_->datasetRoot().isEmpty() && !session_->datasetSplits()) {
            auto connection = std::make_shared<QMetaObject::Connection>();
            *connection = connect(session_, &Session::datasetScanned, this, [this, connection] {
                disconnect(*connection);
                showKlGrades();
            });
        } else {
            showKlGrades();
        }
    } else if (!options.workspace.isEmpty()) {
        showWorkspace(options.workspace);
    }
}

void MainWindow::saveScreenshotWhenSettled(const QString& path, int timeoutMs, std::function<void(bool)> done)
{
    auto timer = new QTimer(this);
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    auto quietSince = std::make_shared<qint64>(-1);
    timer->setInterval(150);
    connect(timer, &QTimer::timeout, this, [=] {
        const qint64 now = clock->elapsed();
        if (isBusy())
            *quietSince = -1;
        else if (*quietSince < 0)
            *quietSince = now;
        // Settled: idle for a second (late repaints, queued replots), or out of time.
        if ((*quietSince >= 0 && now - *quietSince >= 1000) || now >= timeoutMs) {
            timer->stop();
            timer->deleteLater();
            QWidget* target = aboutDialog_ ? aboutDialog_.data() : static_cast<QWidget*>(this);
            const QPixmap pixmap = target->grab();
            const bool ok = !pixmap.isNull() && pixmap.save(path, "PNG") && now < timeoutMs;
            done(ok);
        }
    });
    timer->start();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    for (Workspace* workspace : workspaces_) {
        if (workspace->isBusy() && !workspace->confirmStop()) {
            event->ignore();
            return;
        }
    }
    for (Workspace* workspace : workspaces_)
        workspace->stopWork();
    saveWindowState();
    event->accept();
}

void MainWindow::restoreWindowState()
{
    if (!settings_) {
        resize(1360, 860);
        return;
    }
    const QByteArray geometry = settings_->value(QStringLiteral("window/geometry")).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry)) {
        const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1440, 900);
        resize(std::min(1360, available.width() - 40), std::min(860, available.height() - 40));
    }
    restoreState(settings_->value(QStringLiteral("window/state")).toByteArray());
    for (Workspace* workspace : workspaces_)
        workspace->restoreLayout(*settings_);
}

void MainWindow::saveWindowState()
{
    if (!settings_)
        return;
    settings_->setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings_->setValue(QStringLiteral("window/state"), saveState());
    for (Workspace* workspace : workspaces_)
        workspace->saveLayout(*settings_);
}

} // namespace kg::ui
