// The Evaluate workspace on a small phantom set with a real checkpoint: the confusion
// matrix, report and metrics fill in; clicking a cell lists exactly its images; the report
// exports as PDF, per-image CSV and metrics CSV; in a 1024×700 window the matrix's labels
// stay apart and every tool-bar action stays reachable.
#include "UiTestSupport.h"

#include "ui/MainWindow.h"
#include "ui/Session.h"
#include "ui/utility/Format.h"
#include "ui/widgets/ConfusionMatrixWidget.h"
#include "ui/workspaces/EvaluateWorkspace.h"

#include "core/data/DatasetScan.h"

#include <QFile>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QMenu>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolBar>
#include <QToolButton>
#include <QtTest>

using namespace kg::ui;

class TestEvaluateWorkspace : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void evaluationFillsMatrixAndReport();
    void clickingACellListsItsImages();
    void exportWritesPdfAndCsv();
    void smallWindowKeepsLabelsApartAndActionsReachable();

private:
    QTemporaryDir temp_;
    QString dataset_;
    QString checkpoint_;
    std::shared_ptr<const kg::DatasetSplits> splits_;
    std::unique_ptr<Session> session_;
    std::unique_ptr<EvaluateWorkspace> workspace_;
    std::size_t testImages_ = 0;
};

void TestEvaluateWorkspace::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(temp_.isValid());
    dataset_ = temp_.filePath(QStringLiteral("phantoms"));
    kgtest::writeSmallPhantomDataset(dataset_, 8, 64);
    checkpoint_ = temp_.filePath(QStringLiteral("tiny.kgckpt"));
    kgtest::writeTinyCheckpoint(checkpoint_, 64);
    session_ = std::make_unique<Session>(kgtest::testRuntime(), nullptr);
    session_->setDatasetRoot(dataset_);
    splits_ = std::make_shared<const kg::DatasetSplits>(kg::scanDataset(dataset_.toStdString()));
    testImages_ = splits_->test.size();
    session_->setDatasetSplits(splits_);
    session_->setCheckpointPath(checkpoint_);
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

    // Export CSV: one row per image with the true and predicted grade and every probability;
    // its accuracy is the one the workspace shows.
    const QString csv = temp_.filePath(QStringLiteral("evaluation.csv"));
    QVERIFY(workspace_->exportCsv(csv));
    QFile images(csv);
    QVERIFY(images.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(images.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), static_cast<int>(testImages_) + 1);
    const QStringList header = lines[0].split(QLatin1Char(','));
    const int path = header.indexOf(QStringLiteral("path"));
    const int trueGrade = header.indexOf(QStringLiteral("true_grade"));
    const int predicted = header.indexOf(QStringLiteral("predicted_grade"));
    QList<int> probabilities;
    for (int c = 0; c < header.size(); ++c)
        if (header[c].startsWith(QStringLiteral("p_")))
            probabilities << c;
    QVERIFY(path >= 0 && trueGrade >= 0 && predicted >= 0);
    QCOMPARE(probabilities.size(), 5);
    int correct = 0;
    for (const QString& line : lines.mid(1)) {
        const QStringList fields = line.split(QLatin1Char(','));   // phantom paths hold no commas
        QCOMPARE(fields.size(), header.size());
        QVERIFY(QFileInfo::exists(fields[path]));
        bool trueOk = false, predictedOk = false;
        const int t = fields[trueGrade].toInt(&trueOk);
        const int p = fields[predicted].toInt(&predictedOk);
        QVERIFY(trueOk && predictedOk && t >= 0 && t < 5 && p >= 0 && p < 5);
        double sum = 0.0;
        for (int c : probabilities)
            sum += fields[c].toDouble();
        QVERIFY(qAbs(sum - 1.0) < 1e-4);
        correct += t == p ? 1 : 0;
    }
    const double accuracy = double(correct) / double(testImages_);
    QVERIFY(qAbs(accuracy - workspace_->result()->metrics.accuracy) < 1e-12);
    QCOMPARE(workspace_->metricsTable()->item(0, 0)->text(), QStringLiteral("Accuracy"));
    QCOMPARE(formatPercent(accuracy), workspace_->metricsTable()->item(0, 1)->text());

    // The metrics stay available: Metrics as CSV, with the confusion matrix beside it.
    const QString metricsCsv = temp_.filePath(QStringLiteral("metrics.csv"));
    QVERIFY(workspace_->exportMetricsCsv(metricsCsv));
    QFile metrics(metricsCsv);
    QVERIFY(metrics.open(QIODevice::ReadOnly));
    QVERIFY(metrics.readLine().startsWith("kind,name,precision,recall"));
    QVERIFY(QFileInfo::exists(temp_.filePath(QStringLiteral("metrics-confusion.csv"))));
}

// A common laptop size: the confusion matrix's labels do not run into each other, and every
// action of the Evaluate tool bar is on screen (the exports in its Export menu).
void TestEvaluateWorkspace::smallWindowKeepsLabelsApartAndActionsReachable()
{
    MainWindow window(kgtest::testRuntime(), nullptr);
    window.resize(1024, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.size(), QSize(1024, 700));   // nothing forces the window wider or taller
    window.session().setDatasetRoot(dataset_);
    window.session().setDatasetSplits(splits_);
    window.session().setCheckpointPath(checkpoint_);
    QVERIFY(window.showWorkspace(QStringLiteral("evaluate")));
    EvaluateWorkspace* workspace = window.evaluateWorkspace();
    QSignalSpy finished(workspace, &EvaluateWorkspace::evaluationFinished);
    QVERIFY(workspace->evaluate());
    QVERIFY(finished.wait(120000));
    QApplication::processEvents();

    ConfusionMatrixWidget* matrix = workspace->confusionMatrix();
    QVERIFY(matrix->isVisible());
    for (auto mode : {ConfusionMatrixWidget::Mode::Counts, ConfusionMatrixWidget::Mode::RowNormalised}) {
        matrix->setMode(mode);
        const QList<ConfusionMatrixWidget::Label> labels = matrix->labels();
        QVERIFY(labels.size() >= 12);   // 5 rows, at least 5 columns, 2 axis titles
        for (int i = 0; i < labels.size(); ++i) {
            QVERIFY2(!labels[i].text.isEmpty(), qPrintable(QString::number(i)));
            QVERIFY2(matrix->rect().contains(labels[i].rect),
                     qPrintable(QStringLiteral("%1 outside the widget").arg(labels[i].text)));
            for (int j = i + 1; j < labels.size(); ++j)
                QVERIFY2(!labels[i].rect.intersects(labels[j].rect),
                         qPrintable(QStringLiteral("'%1' overlaps '%2'").arg(labels[i].text, labels[j].text)));
            for (int t = 0; t < matrix->numClasses(); ++t)
                for (int p = 0; p < matrix->numClasses(); ++p)
                    QVERIFY(!labels[i].rect.intersects(matrix->cellRect(t, p)));
        }
    }

    const QList<QToolBar*> toolBars = workspace->findChildren<QToolBar*>();
    QVERIFY(!toolBars.isEmpty());
    QStringList exportNames;
    for (QToolBar* toolBar : toolBars) {
        QVERIFY(toolBar->isVisible());
        for (QAction* action : toolBar->actions()) {
            if (action->isSeparator())
                continue;
            QWidget* shown = toolBar->widgetForAction(action);
            QVERIFY2(shown && shown->isVisible() && toolBar->rect().contains(shown->geometry()),
                     qPrintable(QStringLiteral("'%1' is not on the tool bar").arg(action->text())));
            if (auto* button = qobject_cast<QToolButton*>(shown); button && button->menu())
                for (QAction* item : button->menu()->actions()) {
                    QVERIFY(item->isEnabled());
                    exportNames << item->objectName();
                }
        }
    }
    QCOMPARE(exportNames, (QStringList{QStringLiteral("exportPdf"), QStringLiteral("exportCsv"),
                                       QStringLiteral("exportMetricsCsv")}));
}

QTEST_MAIN(TestEvaluateWorkspace)
#include "test_evaluate_workspace.moc"
