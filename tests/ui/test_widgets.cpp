// The shared widgets on their own: confusion-matrix clicks and modes, probability bars,
// image windowing and overlay, training curves, the sample grid's asynchronous loading,
// and the formatting helpers.
#include "TestPaths.h"
#include "ui/utility/Format.h"
#include "ui/utility/RadiographImage.h"
#include "ui/widgets/ConfusionMatrixWidget.h"
#include "ui/widgets/ImageView.h"
#include "ui/widgets/ProbabilityBarsWidget.h"
#include "ui/widgets/SampleGridWidget.h"
#include "ui/widgets/TrainingCurvesWidget.h"
#include "ui/widgets/WindowLevelBar.h"

#include <QLabel>
#include <QSet>
#include <QSignalSpy>
#include <QtTest>

using namespace kg::ui;

class TestWidgets : public QObject {
    Q_OBJECT
private slots:
    void formatDuration_data();
    void formatDuration();
    void formatDurationRange();
    void formatLearningRate_data();
    void formatLearningRate();
    void confusionMatrixClickReportsCell_data();
    void confusionMatrixClickReportsCell();
    void confusionMatrixRejectsWrongShape();
    void probabilityBarsKeepValues();
    void imageViewWindowsGreyLevels();
    void imageViewBlendsOverlay();
    void viewerWindowsDicomAtFullDepth();
    void trainingCurvesGrowPerEpoch();
    void lossAxisIgnoresValidationSpikes();
    void sampleGridLoadsEveryTile();
    void sampleGridReportsUnreadableTiles();
};

void TestWidgets::formatDuration_data()
{
    QTest::addColumn<double>("seconds");
    QTest::addColumn<QString>("expected");
    QTest::newRow("seconds") << 42.4 << QStringLiteral("42 s");
    QTest::newRow("minutes") << 185.0 << QStringLiteral("3 min 05 s");
    QTest::newRow("hours") << 3720.0 << QStringLiteral("1 h 02 min");
    QTest::newRow("negative") << -1.0 << QStringLiteral("—");
}

void TestWidgets::formatDuration()
{
    QFETCH(double, seconds);
    QFETCH(QString, expected);
    QCOMPARE(kg::ui::formatDuration(seconds), expected);
}

void TestWidgets::formatDurationRange()
{
    using kg::ui::formatDurationRange;
    QCOMPARE(formatDurationRange(5.2, 7.9), QStringLiteral("5–8 s"));
    QCOMPARE(formatDurationRange(40, 110), QStringLiteral("40 s – 2 min"));
    QCOMPARE(formatDurationRange(130, 170), QStringLiteral("2–3 min"));
    QCOMPARE(formatDurationRange(125, 130), QStringLiteral("2–3 min"));   // the ends stay apart
    QCOMPARE(formatDurationRange(4000, 6000), QStringLiteral("1.1–1.7 h"));
    QCOMPARE(formatDurationRange(0, 10), QStringLiteral("—"));
}

void TestWidgets::formatLearningRate_data()
{
    QTest::addColumn<double>("rate");
    QTest::addColumn<QString>("expected");
    QTest::newRow("1e-4") << 1e-4 << QStringLiteral("1e-4");
    QTest::newRow("3e-5") << 3e-5 << QStringLiteral("3e-5");
    QTest::newRow("0.001") << 0.001 << QStringLiteral("1e-3");
    QTest::newRow("2e-05") << 2e-5 << QStringLiteral("2e-5");
}

void TestWidgets::formatLearningRate()
{
    QFETCH(double, rate);
    QFETCH(QString, expected);
    QCOMPARE(kg::ui::formatLearningRate(rate), expected);
}

void TestWidgets::confusionMatrixClickReportsCell_data()
{
    QTest::addColumn<int>("trueGrade");
    QTest::addColumn<int>("predictedGrade");
    QTest::newRow("diagonal") << 2 << 2;
    QTest::newRow("off-diagonal") << 4 << 1;
    QTest::newRow("corner") << 0 << 4;
}

void TestWidgets::confusionMatrixClickReportsCell()
{
    QFETCH(int, trueGrade);
    QFETCH(int, predictedGrade);
    ConfusionMatrixWidget widget;
    widget.resize(640, 520);
    std::vector<std::int64_t> counts(25);
    for (int i = 0; i < 25; ++i)
        counts[static_cast<size_t>(i)] = i;
    widget.setMatrix(counts, {QStringLiteral("KL0"), QStringLiteral("KL1"), QStringLiteral("KL2"), QStringLiteral("KL3"),
                              QStringLiteral("KL4")});
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    QSignalSpy clicked(&widget, &ConfusionMatrixWidget::cellClicked);
    QTest::mouseClick(&widget, Qt::LeftButton, {}, widget.cellRect(trueGrade, predictedGrade).center());
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.at(0).at(0).toInt(), trueGrade);
    QCOMPARE(clicked.at(0).at(1).toInt(), predictedGrade);
    QCOMPARE(widget.count(trueGrade, predictedGrade), static_cast<std::int64_t>(trueGrade * 5 + predictedGrade));
    widget.setMode(ConfusionMatrixWidget::Mode::RowNormalised);
    QCOMPARE(widget.mode(), ConfusionMatrixWidget::Mode::RowNormalised);
    QVERIFY(!widget.grab().isNull());
}

void TestWidgets::confusionMatrixRejectsWrongShape()
{
    ConfusionMatrixWidget widget;
    widget.setMatrix({1, 2, 3}, {QStringLiteral("a"), QStringLiteral("b")});
    QCOMPARE(widget.numClasses(), 0);
}

void TestWidgets::probabilityBarsKeepValues()
{
    ProbabilityBarsWidget bars;
    bars.setProbabilities({0.1, 0.2, 0.5, 0.15, 0.05}, 2);
    QCOMPARE(bars.highlighted(), 2);
    QCOMPARE(bars.probabilities().size(), size_t(5));
    bars.resize(bars.sizeHint());
    QVERIFY(!bars.grab().isNull());
    bars.clear();
    QCOMPARE(bars.highlighted(), -1);
}

void TestWidgets::imageViewWindowsGreyLevels()
{
    QImage ramp(256, 1, QImage::Format_Grayscale8);
    for (int x = 0; x < 256; ++x)
        ramp.scanLine(0)[x] = static_cast<uchar>(x);
    ImageView view;
    view.setImage(ramp);
    QCOMPARE(qGray(view.renderedImage().pixel(200, 0)), 200);   // full range: unchanged
    view.setWindow(100, 50);                                     // 75..125 → 0..255
    const QImage windowed = view.renderedImage();
    QCOMPARE(qGray(windowed.pixel(50, 0)), 0);
    QCOMPARE(qGray(windowed.pixel(200, 0)), 255);
    QVERIFY(qAbs(qGray(windowed.pixel(100, 0)) - 128) <= 1);

    QImage deep(4, 1, QImage::Format_Grayscale16);
    auto* row = reinterpret_cast<quint16*>(deep.scanLine(0));
    row[0] = 0;
    row[1] = 1000;
    row[2] = 2000;
    row[3] = 65535;
    view.setImage(deep);
    QCOMPARE(view.maximumValue(), 65535.0);
    view.setWindow(1000, 2000);                                  // 0..2000 → 0..255
    QVERIFY(qAbs(qGray(view.renderedImage().pixel(1, 0)) - 128) <= 1);
    QCOMPARE(qGray(view.renderedImage().pixel(3, 0)), 255);
}

// A 10-bit MONOCHROME1 CR: the viewer gets all its levels, starts at the file's window
// (what the 8-bit display shows), can narrow it below 8-bit steps, and Reset returns there.
void TestWidgets::viewerWindowsDicomAtFullDepth()
{
    const QString path = kgtest::radiographsDir() + QStringLiteral("/RG3_J2KR.dcm");
    const ViewerImage viewer = loadViewerImage(path);
    QVERIFY2(viewer.error.isEmpty(), qPrintable(viewer.error));
    QCOMPARE(viewer.image.format(), QImage::Format_Grayscale16);
    QVERIFY(viewer.mapping.inverted);
    QString error;
    const QImage eightBit = loadDisplayImage(path, 0, &error);
    QCOMPARE(eightBit.size(), viewer.image.size());

    ImageView view;
    WindowLevelBar bar(&view);
    view.setImage(viewer.image, viewer.mapping);
    auto real = [&](double stored) { return viewer.mapping.offset + viewer.mapping.scale * stored; };
    QVERIFY(qAbs(real(view.windowCenter()) - 550.0) < 1e-6);                 // the file's WC 550 / WW 1024
    QVERIFY(qAbs(view.windowWidth() * viewer.mapping.scale - 1024.0) < 1e-6);
    QVERIFY2(bar.findChild<QLabel*>(QStringLiteral("windowValue"))->text().contains(QStringLiteral("L 550  W 1024")),
             qPrintable(bar.findChild<QLabel*>(QStringLiteral("windowValue"))->text()));
    const QImage shown = view.renderedImage();
    int differ = 0;
    for (int y = 0; y < shown.height(); y += 7)
        for (int x = 0; x < shown.width(); x += 7)
            differ += qAbs(qGray(shown.pixel(x, y)) - qGray(eightBit.pixel(x, y))) > 1;
    QVERIFY2(differ < 10, qPrintable(QString::number(differ)));

    // A window 4 real units wide still tells apart values one unit apart: full depth, not 8-bit.
    view.setWindow(view.windowCenter(), 4.0 / viewer.mapping.scale);
    QSet<int> levels;
    const QImage narrow = view.renderedImage();
    for (int y = 0; y < narrow.height(); y += 3)
        for (int x = 0; x < narrow.width(); x += 3)
            levels.insert(qGray(narrow.pixel(x, y)));
    QVERIFY2(levels.size() >= 4, qPrintable(QString::number(levels.size())));
    view.resetWindow();
    QVERIFY(qAbs(real(view.windowCenter()) - 550.0) < 1e-6);
}

void TestWidgets::imageViewBlendsOverlay()
{
    QImage black(8, 8, QImage::Format_Grayscale8);
    black.fill(0);
    QImage red(8, 8, QImage::Format_RGB888);
    red.fill(QColor(255, 0, 0));
    ImageView view;
    view.setImage(black);
    view.setOverlay(red);
    view.setOverlayOpacity(0.5);
    QVERIFY(qAbs(qRed(view.renderedImage().pixel(4, 4)) - 128) <= 2);
    view.setOverlayVisible(false);
    QCOMPARE(qRed(view.renderedImage().pixel(4, 4)), 0);
}

// The demo's quick look had a validation loss of 16 in one epoch while everything else stayed
// under 2: the axis keeps the curves readable and says what it cut off.
void TestWidgets::lossAxisIgnoresValidationSpikes()
{
    TrainingCurvesWidget curves;
    auto epoch = [&](int e, double loss, double valLoss) {
        kg::EpochRecord record;
        record.epoch = e;
        record.loss = loss;
        record.valLoss = valLoss;
        record.accuracy = record.valAccuracy = 0.5;
        record.learningRate = 1e-3;
        curves.addEpoch(record);
    };
    epoch(1, 1.6, 1.5);
    epoch(2, 1.4, 1.4);
    QVERIFY(curves.lossClippedNote().isEmpty());   // too few epochs to call anything an outlier
    epoch(3, 1.2, 16.0);
    epoch(4, 1.0, 1.1);
    epoch(5, 0.9, 1.0);
    QVERIFY2(curves.lossAxisTop() < 6.0, qPrintable(QString::number(curves.lossAxisTop())));
    QVERIFY(curves.lossAxisTop() > 1.6);            // every training value stays on the scale
    QVERIFY2(curves.lossClippedNote().contains(QStringLiteral("16.0")), qPrintable(curves.lossClippedNote()));
    // Beside the chart, what such a spike means and when to worry.
    auto* spikeNote = curves.findChild<QLabel*>(QStringLiteral("lossSpikeNote"));
    QVERIFY(spikeNote && spikeNote->isVisibleTo(&curves));
    QVERIFY(spikeNote->text().contains(QStringLiteral("worry")) && !spikeNote->toolTip().isEmpty());

    curves.clear();
    epoch(1, 1.6, 1.5);
    epoch(2, 1.4, 1.4);
    epoch(3, 1.2, 1.3);
    epoch(4, 1.0, 1.1);
    QVERIFY(curves.lossClippedNote().isEmpty());   // no spike: the whole range
    QVERIFY(!spikeNote->isVisibleTo(&curves));
    QVERIFY(curves.lossAxisTop() >= 1.6);
}

void TestWidgets::trainingCurvesGrowPerEpoch()
{
    TrainingCurvesWidget curves;
    curves.setPlannedEpochs(3);
    for (int epoch = 1; epoch <= 3; ++epoch) {
        for (int batch = 1; batch <= 4; ++batch)
            curves.addBatchPoint(epoch - 1 + batch / 4.0, 1.5 - 0.1 * epoch, 0.2 * epoch);
        kg::EpochRecord record;
        record.epoch = epoch;
        record.loss = 1.5 - 0.1 * epoch;
        record.accuracy = 0.2 * epoch;
        record.valLoss = 1.6 - 0.1 * epoch;
        record.valAccuracy = 0.18 * epoch;
        record.learningRate = 1e-3;
        curves.addEpoch(record);
        QCOMPARE(curves.epochCount(), epoch);
    }
    curves.resize(900, 360);
    QVERIFY(!curves.grab().isNull());
    curves.clear();
    QCOMPARE(curves.epochCount(), 0);
    QCOMPARE(curves.batchPointCount(), 0);
}

void TestWidgets::sampleGridLoadsEveryTile()
{
    SampleGridWidget grid;
    grid.setImageLoader([](const QString& path, QString*) {
        QImage image(32, 32, QImage::Format_Grayscale8);
        image.fill(path.size());
        return image;
    });
    QVector<SampleGridWidget::Row> rows;
    for (int r = 0; r < 5; ++r) {
        SampleGridWidget::Row row;
        row.title = QStringLiteral("KL%1").arg(r);
        for (int c = 0; c < 5; ++c)
            row.tiles.push_back({QStringLiteral("/x/%1/%2.png").arg(r).arg(c), QStringLiteral("%1.png").arg(c)});
        rows.push_back(row);
    }
    QSignalSpy finished(&grid, &SampleGridWidget::loadingFinished);
    grid.setRows(rows);
    QVERIFY(finished.wait(5000));
    QCOMPARE(grid.tileCount(), 25);
    QCOMPARE(grid.loadedCount(), 25);
    QVERIFY(!grid.tileImage(4, 4).isNull());

    grid.resize(800, 700);
    grid.show();
    QVERIFY(QTest::qWaitForWindowExposed(&grid));
    QSignalSpy activated(&grid, &SampleGridWidget::tileActivated);
    QTest::mouseClick(&grid, Qt::LeftButton, {}, grid.tileRect(2, 3).center());
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("/x/2/3.png"));
}

void TestWidgets::sampleGridReportsUnreadableTiles()
{
    SampleGridWidget grid;
    grid.setImageLoader([](const QString& path, QString* error) {
        if (path.endsWith(QLatin1String("bad.png"))) {
            *error = QStringLiteral("truncated");
            return QImage();
        }
        QImage image(8, 8, QImage::Format_Grayscale8);
        image.fill(1);
        return image;
    });
    SampleGridWidget::Row row;
    row.tiles = {{QStringLiteral("good.png"), {}}, {QStringLiteral("bad.png"), {}}};
    QSignalSpy finished(&grid, &SampleGridWidget::loadingFinished);
    grid.setRows({row});
    QVERIFY(finished.wait(5000));
    QCOMPARE(grid.loadedCount(), 1);
    QCOMPARE(grid.failedCount(), 1);
}

QTEST_MAIN(TestWidgets)
#include "test_widgets.moc"
