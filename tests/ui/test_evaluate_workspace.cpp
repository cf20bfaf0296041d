// The Evaluate workspace on a small phantom set with a real checkpoint: the confusion
// matrix, report and metrics fill in; clicking a cell lists exactly its images; the report
// exports as PDF and CSV.
#include "UiTestSupport.h"

#include "ui/Session.h"
#include "ui/widgets/ConfusionMatrixWidget.h"
#include "ui/workspaces/EvaluateWorkspace.h"

#include "core/data/DatasetScan.h"

#include <QFile>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace kg::ui;

class TestEvaluateWorkspace : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void evaluationFillsMatrixAndReport();
    void clickingACellListsItsImages();
    void exportWritesPdfAndCsv();

private:
    QTemporaryDir temp_;
    std::unique_ptr<Session> session_;
    std::unique_ptr<EvaluateWorkspace> workspace_;
    std::size_t testImages_ = 0;
};

void TestEvaluateWorkspace::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(temp_.isValid());
    const QString dataset = temp_.filePath(QStringLiteral("phantoms"));
    kgtest::writeSmallPhantomDataset(dataset, 8, 64);
    const QString checkpoint = temp_.filePath(QStringLiteral("tiny.kgckpt"));
    kgtest::writeTinyCheckpoint(checkpoint, 64);
    session_ = std::make_unique<Session>(kgtest::testRuntime(), nullptr);
    session_->setDatasetRoot(dataset);
    auto splits = std::make_shared<const kg::DatasetSplits>(kg::scanDataset(dataset.toStdString()));
    testImages_ = splits->test.size();
    session_->setDatasetSplits(splits);
    session_->setCheckpointPath(checkpoint);
    workspace_ = std::make_unique<EvaluateWorkspace>(*session_);
    workspace_->resize(1300, 860);
    workspace_->show();
    QVERIFY(QTest::qWaitForWindowExposed(workspace_.get()));
}

void TestEvaluateWorkspace::evaluationFillsMatrixAndReport()
{
    QSignalSpy finished(workspace_.get(), &EvaluateWorkspace::evaluationFinished);
    QVERIFY(workspace_->evaluate());
    QVERIFY(finished.wait(120000));
    ConfusionMatrixWidget* matrix = workspace_->confusionMatrix();
    QCOMPARE(matrix->numClasses(), 5);
    std::int64_t total = 0;
    for (int t = 0; t < 5; ++t)
        for (int p = 0; p < 5; ++p)
            total += matrix->count(t, p);
    QCOMPARE(total, static_cast<std::int64_t>(testImages_));
    QVERIFY(workspace_->reportText()->toPlainText().contains(QStringLiteral("precision")));
    QVERIFY(workspace_->metricsTable()->rowCount() >= 10);
    QCOMPARE(workspace_->metricsTable()->item(0, 0)->text(), QStringLiteral("Accuracy"));
    // The browser starts with the mistakes, most confident first.
    const auto result = workspace_->result();
    std::size_t mistakes = 0;
    for (const auto& p : result->predictions)
        mistakes += p.correct() ? 0 : 1;
    QCOMPARE(static_cast<std::size_t>(workspace_->imageBrowser()->count()), mistakes);
}

void TestEvaluateWorkspace::clickingACellListsItsImages()
{
    ConfusionMatrixWidget* matrix = workspace_->confusionMatrix();
    int trueGrade = -1, predictedGrade = -1;
    for (int t = 0; t < 5 && trueGrade < 0; ++t)
        for (int p = 0; p < 5; ++p)
            if (matrix->count(t, p) > 0) {
                trueGrade = t;
                predictedGrade = p;
                break;
            }
    QVERIFY(trueGrade >= 0);
    QTest::mouseClick(matrix, Qt::LeftButton, {}, matrix->cellRect(trueGrade, predictedGrade).center());
    QCOMPARE(static_cast<std::int64_t>(workspace_->imageBrowser()->count()), matrix->count(trueGrade, predictedGrade));
    QVERIFY(workspace_->imageBrowser()->item(0)->text().startsWith(QStringLiteral("KL%1 → KL%2").arg(trueGrade).arg(predictedGrade)));
}

void TestEvaluateWorkspace::exportWritesPdfAndCsv()
{
    const QString pdf = temp_.filePath(QStringLiteral("report.pdf"));
    QSignalSpy exported(workspace_.get(), &EvaluateWorkspace::pdfExported);
    QVERIFY(workspace_->exportPdf(pdf));
    QVERIFY(exported.wait(120000));
    QVERIFY2(exported.at(0).at(1).toBool(), qPrintable(exported.at(0).at(2).toString()));
    QFile pdfFile(pdf);
    QVERIFY(pdfFile.open(QIODevice::ReadOnly));
    QVERIFY(pdfFile.read(5) == "%PDF-");
    QVERIFY(pdfFile.size() > 10000);

    const QString csv = temp_.filePath(QStringLiteral("metrics.csv"));
    QVERIFY(workspace_->exportCsv(csv));
    QFile metrics(csv);
    QVERIFY(metrics.open(QIODevice::ReadOnly));
    QVERIFY(metrics.readLine().startsWith("kind,name,precision,recall"));
    QFile images(temp_.filePath(QStringLiteral("metrics-images.csv")));
    QVERIFY(images.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = images.readAll().split('\n');
    int rows = 0;
    for (const QByteArray& line : lines)
        rows += line.trimmed().isEmpty() ? 0 : 1;
    QCOMPARE(rows, static_cast<int>(testImages_) + 1);
    QVERIFY(QFileInfo::exists(temp_.filePath(QStringLiteral("metrics-confusion.csv"))));
}

QTEST_MAIN(TestEvaluateWorkspace)
#include "test_evaluate_workspace.moc"
