// The Dataset workspace with real data: the built-in demo fills the 5×5 grid, the class
// balance and the report; reshuffle draws other images; a dropped folder opens; a folder
// that is not a dataset says so; clicking a tile opens its details.
#include "UiTestSupport.h"

#include "ui/MainWindow.h"
#include "ui/Session.h"
#include "ui/dialogs/ImageDetailsDialog.h"
#include "ui/widgets/ImageView.h"
#include "ui/widgets/ClassBalanceChart.h"
#include "ui/widgets/MessageBar.h"
#include "ui/widgets/SampleGridWidget.h"
#include "ui/workspaces/DatasetWorkspace.h"

#include <QListWidget>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace kg::ui;

class TestDatasetWorkspace : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void demoDatasetFillsTheGrid();
    void reshuffleDrawsOtherImages();
    void clickingATileShowsItsDetails();
    void droppedFolderOpens();
    void folderWithoutSplitsShowsAnError();

private:
    QTemporaryDir temp_;
    std::unique_ptr<MainWindow> window_;
};

void TestDatasetWorkspace::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(temp_.isValid());
    window_ = std::make_unique<MainWindow>(kgtest::testRuntime(), nullptr);
    window_->session().setDemoDatasetDir(temp_.filePath(QStringLiteral("demo")));
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
}

void TestDatasetWorkspace::demoDatasetFillsTheGrid()
{
    DatasetWorkspace* workspace = window_->datasetWorkspace();
    QSignalSpy gridReady(workspace, &DatasetWorkspace::gridReady);
    QElapsedTimer timer;
    timer.start();
    workspace->openDemoDataset();
    QVERIFY(gridReady.wait(180000));
    qInfo("demo dataset made and shown in %lld ms", static_cast<long long>(timer.elapsed()));
    QVERIFY(window_->session().isDemoDataset());
    SampleGridWidget* grid = workspace->sampleGrid();
    QCOMPARE(grid->tileCount(), 25);
    QCOMPARE(grid->loadedCount(), 25);
    QCOMPARE(grid->failedCount(), 0);
    for (int row = 0; row < 5; ++row)
        for (int column = 0; column < 5; ++column)
            QVERIFY2(!grid->tileImage(row, column).isNull(), qPrintable(QStringLiteral("tile %1,%2").arg(row).arg(column)));

    const auto& balance = workspace->classBalance()->counts();
    QCOMPARE(balance.size(), size_t(3));
    QCOMPARE(balance[0].name, QStringLiteral("train"));
    QVERIFY(balance[0].counts[0] > balance[0].counts[4]);   // the real data's imbalance

    // The report decodes every file; the demo's imbalance is worth a warning.
    QVERIFY(kgtest::waitUntil([&] { return workspace->report() != nullptr; }, 120000));
    QVERIFY(workspace->reportList()->count() >= 1);
    QVERIFY(workspace->reportList()->item(0)->text().contains(QStringLiteral("imbalanced")));
    QVERIFY(workspace->report()->unreadable.empty());
}

void TestDatasetWorkspace::reshuffleDrawsOtherImages()
{
    DatasetWorkspace* workspace = window_->datasetWorkspace();
    SampleGridWidget* grid = workspace->sampleGrid();
    QVERIFY(grid->tileCount() == 25);
    QStringList before;
    for (int row = 0; row < 5; ++row)
        for (int column = 0; column < 5; ++column)
            before << grid->tilePath(row, column);
    const auto seedBefore = workspace->sampleSeed();
    QSignalSpy gridReady(workspace, &DatasetWorkspace::gridReady);
    workspace->reshuffle();
    QVERIFY(gridReady.wait(30000));
    QVERIFY(workspace->sampleSeed() != seedBefore);
    QCOMPARE(grid->loadedCount(), 25);
    int changed = 0;
    for (int row = 0; row < 5; ++row)
        for (int column = 0; column < 5; ++column)
            changed += grid->tilePath(row, column) != before[row * 5 + column] ? 1 : 0;
    QVERIFY2(changed >= 10, qPrintable(QStringLiteral("only %1 of 25 tiles changed").arg(changed)));
}

void TestDatasetWorkspace::clickingATileShowsItsDetails()
{
    SampleGridWidget* grid = window_->datasetWorkspace()->sampleGrid();
    window_->showWorkspace(QStringLiteral("dataset"));
    QVERIFY(grid->isVisible());
    QTest::mouseClick(grid, Qt::LeftButton, {}, grid->tileRect(3, 2).center());
    ImageDetailsDialog* dialog = nullptr;
    QVERIFY(kgtest::waitUntil([&] {
        dialog = window_->findChild<ImageDetailsDialog*>();
        return dialog && dialog->isLoaded();
    }, 10000));
    QVERIFY(dialog->view()->hasImage());
    QVERIFY(dialog->windowTitle().endsWith(QStringLiteral(".png")));
    dialog->close();
}

void TestDatasetWorkspace::droppedFolderOpens()
{
    const QString root = temp_.filePath(QStringLiteral("small"));
    kgtest::writeSmallPhantomDataset(root, 4, 48);
    DatasetWorkspace* workspace = window_->datasetWorkspace();
    QSignalSpy scanned(&window_->session(), &Session::datasetScanned);
    QVERIFY(kgtest::dropFiles(workspace, {root}));
    QVERIFY(scanned.wait(30000));
    QCOMPARE(window_->session().datasetRoot(), QDir(root).absolutePath());
    QVERIFY(!window_->session().isDemoDataset());
    QVERIFY(window_->session().datasetSplits()->size() == 20);
    QVERIFY(window_->session().recentDatasets().contains(QDir(root).absolutePath()));
}

void TestDatasetWorkspace::folderWithoutSplitsShowsAnError()
{
    const QString empty = temp_.filePath(QStringLiteral("holiday-photos"));
    QDir().mkpath(empty);
    DatasetWorkspace* workspace = window_->datasetWorkspace();
    QVERIFY(kgtest::dropFiles(workspace, {empty}));
    QVERIFY(kgtest::waitUntil([&] { return !workspace->messageBar()->text().isEmpty(); }, 20000));
    QCOMPARE(workspace->messageBar()->kind(), MessageBar::Kind::Error);
    qInfo("message: %s", qPrintable(workspace->messageBar()->text()));
    QVERIFY(!window_->session().datasetSplits());
    QVERIFY(!workspace->isBusy());
}

QTEST_MAIN(TestDatasetWorkspace)
#include "test_dataset_workspace.moc"
