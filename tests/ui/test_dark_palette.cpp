// Dark desktop themes: with a dark Fusion palette, the custom-painted widgets draw their
// text and axes in the palette's light text colour on dark backgrounds, and the workspaces
// render. Set KNEEGRADE_UI_GRAB_DIR to keep PNGs of each workspace for a look.
#include "UiTestSupport.h"

#include "ui/MainWindow.h"
#include "ui/Session.h"
#include "ui/widgets/ConfusionMatrixWidget.h"
#include "ui/widgets/ProbabilityBarsWidget.h"
#include "ui/widgets/TrainingCurvesWidget.h"
#include "ui/workspaces/EvaluateWorkspace.h"
#include "ui/workspaces/PredictWorkspace.h"
#include "ui/workspaces/TrainWorkspace.h"

#include "core/data/DatasetScan.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QtTest>

using namespace kg::ui;

namespace {

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(37, 37, 40));
    p.setColor(QPalette::WindowText, QColor(228, 228, 232));
    p.setColor(QPalette::Base, QColor(28, 28, 30));
    p.setColor(QPalette::AlternateBase, QColor(45, 45, 48));
    p.setColor(QPalette::Text, QColor(228, 228, 232));
    p.setColor(QPalette::Button, QColor(50, 50, 54));
    p.setColor(QPalette::ButtonText, QColor(228, 228, 232));
    p.setColor(QPalette::Highlight, QColor(42, 130, 218));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(150, 150, 156));
    p.setColor(QPalette::Mid, QColor(90, 90, 96));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(120, 120, 124));
    return p;
}

/// Lightest and darkest grey level inside `area` of `image`.
std::pair<int, int> lightRange(const QImage& image, const QRect& area)
{
    int lightest = 0, darkest = 255;
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x) {
            const int grey = qGray(image.pixel(x, y));
            lightest = std::max(lightest, grey);
            darkest = std::min(darkest, grey);
        }
    return {lightest, darkest};
}

void keep(QWidget* widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("KNEEGRADE_UI_GRAB_DIR");
    if (!dir.isEmpty())
        widget->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

} // namespace

class TestDarkPalette : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void workspacesRenderWithLightText();

private:
    QTemporaryDir temp_;
};

void TestDarkPalette::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(temp_.isValid());
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(darkPalette());
}

void TestDarkPalette::workspacesRenderWithLightText()
{
    const QString dataset = temp_.filePath(QStringLiteral("phantoms"));
    kgtest::writeSmallPhantomDataset(dataset, 6, 64);
    const QString checkpoint = temp_.filePath(QStringLiteral("tiny.kgckpt"));
    kgtest::writeTinyCheckpoint(checkpoint, 64);

    MainWindow window(kgtest::testRuntime(), nullptr);
    window.resize(1360, 860);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    keep(&window, QStringLiteral("dark-welcome"));
    QSignalSpy scanned(&window.session(), &Session::datasetScanned);
    window.session().setDatasetRoot(dataset);
    QVERIFY(scanned.wait(30000));
    QVERIFY(kgtest::waitUntil([&] { return !window.isBusy(); }, 60000));
    keep(&window, QStringLiteral("dark-dataset"));

    // Training curves: dark plot, light axis labels.
    window.showWorkspace(QStringLiteral("train"));
    TrainingCurvesWidget* curves = window.trainWorkspace()->curves();
    for (int epoch = 1; epoch <= 4; ++epoch) {
        kg::EpochRecord record;
        record.epoch = epoch;
        record.loss = 1.6 - 0.2 * epoch;
        record.valLoss = 1.7 - 0.18 * epoch;
        record.accuracy = 0.2 + 0.1 * epoch;
        record.valAccuracy = 0.2 + 0.08 * epoch;
        record.learningRate = 1e-3;
        curves->addEpoch(record);
    }
    QTest::qWait(50);
    const QImage plot = curves->grab().toImage();
    const auto [plotLight, plotDark] = lightRange(plot, plot.rect().adjusted(0, 0, -plot.width() / 2, 0));
    QVERIFY2(plotDark < 60 && plotLight > 180, qPrintable(QStringLiteral("%1..%2").arg(plotDark).arg(plotLight)));
    keep(&window, QStringLiteral("dark-train"));

    // Confusion matrix: the row labels left of the grid are light on dark.
    window.session().setCheckpointPath(checkpoint);
    window.showWorkspace(QStringLiteral("evaluate"));
    QSignalSpy evaluated(window.evaluateWorkspace(), &EvaluateWorkspace::evaluationFinished);
    QVERIFY(window.evaluateWorkspace()->evaluate());
    QVERIFY(evaluated.wait(120000));
    QTest::qWait(50);
    ConfusionMatrixWidget* matrix = window.evaluateWorkspace()->confusionMatrix();
    const QImage matrixImage = matrix->grab().toImage();
    const QRect firstCell = matrix->cellRect(0, 0);
    const QRect labels(0, firstCell.top(), firstCell.left() - 4, firstCell.height());
    const auto [labelLight, labelDark] = lightRange(matrixImage, labels);
    QVERIFY2(labelDark < 60 && labelLight > 180, qPrintable(QStringLiteral("%1..%2").arg(labelDark).arg(labelLight)));
    keep(&window, QStringLiteral("dark-evaluate"));

    // Prediction panel.
    window.showWorkspace(QStringLiteral("predict"));
    QSignalSpy shown(window.predictWorkspace(), &PredictWorkspace::predictionShown);
    const QString image = QDir(dataset + QStringLiteral("/test/2")).entryInfoList({QStringLiteral("*.png")}).value(0).filePath();
    window.predictWorkspace()->predictFile(image);
    QVERIFY(shown.wait(60000));
    QVERIFY(kgtest::waitUntil([&] { return !window.isBusy(); }, 10000));
    QTest::qWait(50);
    ProbabilityBarsWidget* bars = window.predictWorkspace()->probabilityBars();
    const QImage barsImage = bars->grab().toImage();
    const auto [barsLight, barsDark] = lightRange(barsImage, QRect(0, 0, barsImage.width() / 4, barsImage.height()));
    QVERIFY2(barsDark < 60 && barsLight > 180, qPrintable(QStringLiteral("%1..%2").arg(barsDark).arg(barsLight)));
    keep(&window, QStringLiteral("dark-predict"));
}

QTEST_MAIN(TestDarkPalette)
#include "test_dark_palette.moc"
