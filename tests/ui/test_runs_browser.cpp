// "The second hour": Train clicked again after a finished run starts a new run in a fresh
// folder (no "already holds a run"), a cancelled run is told apart from finished ones, and
// the runs browser lists them all with status and epochs and compares their curves in one
// chart. Evaluate Best Model appears once on the Train page, and the Recent Checkpoints
// menu describes each checkpoint.
#include "UiTestSupport.h"

#include "ui/MainWindow.h"
#include "ui/Session.h"
#include "ui/widgets/RunComparisonChart.h"
#include "ui/widgets/RunsBrowser.h"
#include "ui/widgets/TrainingCurvesWidget.h"
#include "ui/workspaces/TrainOptionsForm.h"
#include "ui/workspaces/TrainWorkspace.h"

#include "core/data/DatasetScan.h"
#include "core/train/RunCatalog.h"
#include "core/train/RunFiles.h"

#include <QAbstractButton>
#include <QAction>
#include <QDialog>
#include <QDir>
#include <QMenu>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

using namespace kg::ui;

class TestRunsBrowser : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void trainTwiceThenCancelOne();
    void browserListsTheRunsAndComparesThem();
    void afterAnEpochOnlyTheActiveRunIsReadAgain();
    void evaluateBestModelAppearsOnce();
    void recentCheckpointsDescribeThemselves();

private:
    bool runToEnd(int epochs, bool cancelAfterFirstEpoch = false);

    QTemporaryDir temp_;
    QString dataset_;
    std::unique_ptr<Session> session_;
    std::unique_ptr<TrainWorkspace> workspace_;
    QStringList runDirs_;
};

void TestRunsBrowser::initTestCase()
{
    QVERIFY(temp_.isValid());
    // The default runs folder (QStandardPaths' app data) lies in this test's own folder.
    qputenv("XDG_DATA_HOME", temp_.filePath(QStringLiteral("data")).toUtf8());
    dataset_ = temp_.filePath(QStringLiteral("phantoms"));
    kgtest::writeSmallPhantomDataset(dataset_, 8, 64);
    session_ = std::make_unique<Session>(kgtest::testRuntime(), nullptr);
    kgtest::openDataset(*session_, dataset_);
    workspace_ = std::make_unique<TrainWorkspace>(*session_);
    workspace_->resize(1200, 800);
    workspace_->show();
    QVERIFY(QTest::qWaitForWindowExposed(workspace_.get()));
    QVERIFY(TrainOptionsForm::runsDirectory().startsWith(temp_.path()));

    kg::TrainOptions options;
    options.model.backbone = kg::parseArchitecture("resnetv2-tiny");
    options.preprocessing.imageSize = 48;
    options.batchSize = 8;
    options.learningRate = 1e-3;
    options.augment = false;
    workspace_->setFormOptions(options);
    workspace_->setProgressIntervalMs(20);
}

/// Clicks Train (the tool bar's action, as a user would) and waits for the run to end.
bool TestRunsBrowser::runToEnd(int epochs, bool cancelAfterFirstEpoch)
{
    workspace_->setEpochs(epochs);
    QSignalSpy started(workspace_.get(), &TrainWorkspace::trainingStarted);
    QSignalSpy finished(workspace_.get(), &TrainWorkspace::trainingFinished);
    QAction* train = nullptr;
    for (QAction* action : workspace_->findChildren<QAction*>())
        if (action->text() == TrainWorkspace::tr("Train"))
            train = action;
    if (!train || !train->isEnabled())
        return false;
    train->trigger();
    if (started.count() != 1 || !workspace_->isBusy())
        return false;
    if (cancelAfterFirstEpoch) {
        if (!kgtest::waitUntil([&] { return workspace_->curves()->epochCount() >= 1; }, 120000))
            return false;
        workspace_->cancel();
    }
    if (!finished.wait(240000))
        return false;
    runDirs_ << QFileInfo(QString::fromStdString(workspace_->lastResult().bestCheckpoint)).absolutePath();
    return true;
}

void TestRunsBrowser::trainTwiceThenCancelOne()
{
    QVERIFY(runToEnd(2));
    QVERIFY(workspace_->lastResult().status == kg::TrainingResult::Status::Completed);
    // The same Train again, straight away: a new run in a new folder, no "already holds a run".
    QVERIFY(runToEnd(3));
    QVERIFY2(workspace_->lastResult().status == kg::TrainingResult::Status::Completed,
             workspace_->lastResult().message.c_str());
    QVERIFY(runToEnd(200, true));
    QVERIFY(workspace_->lastResult().status == kg::TrainingResult::Status::Cancelled);
    QCOMPARE(runDirs_.size(), 3);
    QCOMPARE(QSet<QString>(runDirs_.begin(), runDirs_.end()).size(), 3);
    for (const QString& dir : runDirs_) {
        QVERIFY2(dir.startsWith(TrainOptionsForm::runsDirectory()), qPrintable(dir));
        QVERIFY(QFileInfo::exists(dir + QStringLiteral("/history.csv")));
    }
    // The form was not pinned to the last run's folder: the next Train gets a fresh one too.
    QVERIFY(workspace_->optionsForm()->options().runDir.empty());
}

void TestRunsBrowser::browserListsTheRunsAndComparesThem()
{
    QCOMPARE(runDirs_.size(), 3);
    // An evaluation of the first run's best checkpoint (as Evaluate records it) gives its QWK.
    QVERIFY(kg::recordRunEvaluation((runDirs_[0] + QStringLiteral("/best.kgckpt")).toStdString(), "test", 0.5, 0.42, 40));
    workspace_->showRunsBrowser();
    QVERIFY(QTest::qWaitForWindowExposed(workspace_->runsDialog()));
    RunsBrowser* browser = workspace_->runsBrowser();
    QVERIFY(browser->locations().contains(QDir::cleanPath(TrainOptionsForm::runsDirectory())));
    QCOMPARE(browser->runs().size(), size_t(3));
    QCOMPARE(browser->table()->rowCount(), 3);
    QVERIFY(browser->table()->isSortingEnabled());

    auto rowOf = [&](const QString& dir) {
        for (int row = 0; row < browser->table()->rowCount(); ++row)
            if (const kg::RunSummary* run = browser->runAtRow(row); run && QString::fromStdString(run->dir) == dir)
                return row;
        return -1;
    };
    auto cell = [&](const QString& dir, int column) {
        const int row = rowOf(dir);
        return row < 0 ? QString() : browser->table()->item(row, column)->text();
    };
    QCOMPARE(cell(runDirs_[0], RunsBrowser::StatusColumn), RunsBrowser::tr("completed"));
    QCOMPARE(cell(runDirs_[0], RunsBrowser::EpochsColumn), QStringLiteral("2 / 2"));
    QCOMPARE(cell(runDirs_[1], RunsBrowser::StatusColumn), RunsBrowser::tr("completed"));
    QCOMPARE(cell(runDirs_[1], RunsBrowser::EpochsColumn), QStringLiteral("3 / 3"));
    QCOMPARE(cell(runDirs_[2], RunsBrowser::StatusColumn), RunsBrowser::tr("cancelled"));
    QVERIFY2(cell(runDirs_[2], RunsBrowser::EpochsColumn).endsWith(QStringLiteral(" / 200")),
             qPrintable(cell(runDirs_[2], RunsBrowser::EpochsColumn)));
    QCOMPARE(cell(runDirs_[0], RunsBrowser::ArchitectureColumn), QStringLiteral("resnetv2-tiny"));
    QVERIFY(cell(runDirs_[0], RunsBrowser::AccuracyColumn).contains(QLatin1Char('%')));
    QVERIFY(!cell(runDirs_[0], RunsBrowser::StartedColumn).isEmpty());
    QCOMPARE(cell(runDirs_[0], RunsBrowser::QwkColumn), QStringLiteral("0.420"));
    QCOMPARE(cell(runDirs_[1], RunsBrowser::QwkColumn), RunsBrowser::tr("—"));

    // Opened untouched, it compares the newest two; the user's choice replaces that.
    QCOMPARE(browser->comparedRuns().size(), 2);
    QVERIFY(browser->selectRuns({runDirs_[0], runDirs_[1]}));
    RunComparisonChart* chart = browser->chart();
    QCOMPARE(chart->runCount(), 2);
    QCOMPARE(chart->pointCount(0) + chart->pointCount(1), 5);      // 2 and 3 epochs of val accuracy
    QCOMPARE(chart->pointCount(0, true) + chart->pointCount(1, true), 5);   // and of val loss
    const QStringList legend = chart->legendNames();
    QCOMPARE(legend.size(), 2);
    for (const QString& dir : {runDirs_[0], runDirs_[1]}) {
        // Two runs started in the same second are "…-225212" and "…-225212-2".
        const auto named = std::count_if(legend.begin(), legend.end(), [&](const QString& entry) {
            return entry.startsWith(QFileInfo(dir).fileName() + QStringLiteral(" ("));
        });
        QVERIFY2(named == 1, qPrintable(legend.join(QLatin1Char('|'))));
    }

    // Sorting by a column keeps the selection.
    browser->table()->sortByColumn(RunsBrowser::EpochsColumn, Qt::AscendingOrder);
    QCOMPARE(browser->comparedRuns().size(), 2);
    browser->refresh();
    QCOMPARE(browser->comparedRuns().size(), 2);

    // Runs of another dataset are left out while "only this dataset" is ticked.
    browser->setDataset(temp_.filePath(QStringLiteral("elsewhere")), QStringLiteral("elsewhere"));
    QCOMPARE(browser->table()->rowCount(), 0);
    browser->setDataset(dataset_, QStringLiteral("phantoms"));
    QCOMPARE(browser->table()->rowCount(), 3);

    // Double-clicking a run opens it in the Train workspace.
    QSignalSpy open(browser, &RunsBrowser::openRunRequested);
    emit browser->table()->cellDoubleClicked(rowOf(runDirs_[1]), 0);
    QCOMPARE(open.count(), 1);
    QCOMPARE(workspace_->curves()->epochCount(), 3);
    workspace_->runsDialog()->close();
}

void TestRunsBrowser::afterAnEpochOnlyTheActiveRunIsReadAgain()
{
    // A run being trained is read again after each epoch, alone: a run folder that appeared
    // meanwhile is listed at the next full refresh, not then.
    workspace_->showRunsBrowser();
    RunsBrowser* browser = workspace_->runsBrowser();
    QCOMPARE(browser->runs().size(), size_t(3));
    const QDir runs(TrainOptionsForm::runsDirectory());
    auto copyRun = [&](const QString& name) {
        const QString target = runs.filePath(name);
        QDir().mkpath(target);
        for (const char* file : {"options.json", "history.csv", "train.log"})
            QFile::copy(runDirs_[1] + QLatin1Char('/') + QLatin1String(file), target + QLatin1Char('/') + QLatin1String(file));
        return target;
    };
    const QString active = copyRun(QStringLiteral("zz-active"));
    browser->setActiveRun(active);
    browser->refreshActiveRun();  // not listed yet: a full refresh lists it
    QCOMPARE(browser->runs().size(), size_t(4));
    // Its history.csv is rewritten (one epoch now), and another run folder appears.
    QFile history(active + QStringLiteral("/history.csv"));
    QVERIFY(history.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = history.readAll().split('\n');
    history.close();
    QVERIFY(history.open(QIODevice::WriteOnly | QIODevice::Truncate));
    history.write(lines[0] + '\n' + lines[1] + '\n');
    history.close();
    const QString other = copyRun(QStringLiteral("zz-other"));
    browser->refreshActiveRun();
    QCOMPARE(browser->runs().size(), size_t(4));
    int row = -1;
    for (int r = 0; r < browser->table()->rowCount(); ++r)
        if (browser->runAtRow(r)->dir == active.toStdString())
            row = r;
    QVERIFY(row >= 0);
    QCOMPARE(browser->table()->item(row, RunsBrowser::EpochsColumn)->text(), QStringLiteral("1 / 3"));
    QCOMPARE(browser->table()->item(row, RunsBrowser::StatusColumn)->text(), RunsBrowser::tr("running"));
    browser->refresh();
    QCOMPARE(browser->runs().size(), size_t(5));

    browser->setActiveRun({});
    QVERIFY(QDir(active).removeRecursively() && QDir(other).removeRecursively());
    browser->refresh();
    QCOMPARE(browser->runs().size(), size_t(3));
    workspace_->runsDialog()->close();
}

void TestRunsBrowser::evaluateBestModelAppearsOnce()
{
    int shown = 0;
    for (QAbstractButton* button : workspace_->findChildren<QAbstractButton*>())
        if (button->isVisible() && button->text().contains(QStringLiteral("Evaluate")))
            ++shown;
    QCOMPARE(shown, 1);   // the tool bar's button, nothing else
}

void TestRunsBrowser::recentCheckpointsDescribeThemselves()
{
    const QString best = runDirs_[2] + QStringLiteral("/best.kgckpt");
    const QString text = checkpointMenuText(best);
    QVERIFY2(text.startsWith(QFileInfo(runDirs_[2]).fileName() + QStringLiteral("/best.kgckpt")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("resnetv2-tiny")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("/ 200 epochs")), qPrintable(text));
    QVERIFY2(text.contains(RunsBrowser::tr("cancelled")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1Char('%')), qPrintable(text));
    QVERIFY(checkpointMenuText(temp_.filePath(QStringLiteral("missing.kgckpt"))).contains(RunsBrowser::tr("cannot be read")));

    // In the window's File menu.
    MainWindow window(kgtest::testRuntime(), nullptr);
    window.session().setCheckpointPath(best);
    QMenu* recent = nullptr;
    for (QMenu* menu : window.menuBar()->findChildren<QMenu*>())
        if (menu->title().contains(QStringLiteral("Recent C")))
            recent = menu;
    QVERIFY(recent);
    QVERIFY(!recent->actions().isEmpty());
    QVERIFY2(recent->actions().front()->text().contains(RunsBrowser::tr("cancelled")),
             qPrintable(recent->actions().front()->text()));
    QVERIFY(window.findChild<QAction*>(QStringLiteral("trainingRunsAction")));
}

QTEST_MAIN(TestRunsBrowser)
#include "test_runs_browser.moc"
