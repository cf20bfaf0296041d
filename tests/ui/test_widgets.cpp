// The shared widgets on their own: confusion-matrix clicks and modes, probability bars,
// image windowing and overlay, training curves, the sample grid's asynchronous loading,
// and the formatting helpers.
#include "ui/utility/Format.h"
#include "ui/widgets/ConfusionMatrixWidget.h"
#include "ui/widgets/ImageView.h"
#include "ui/widgets/ProbabilityBarsWidget.h"
#include "ui/widgets/SampleGridWidget.h"
#include "ui/widgets/TrainingCurvesWidget.h"

#include <QSignalSpy>
#include <QtTest>

using namespace kg::ui;

class TestWidgets : public QObject {
    Q_OBJECT
private slots:
    void formatDuration_data();
    void formatDuration();
    void formatLearningRate_data();
    void formatLearningRate();
    void confusionMatrixClickReportsCell_data();
    void confusionMatrixClickReportsCell();
    void confusionMatrixRejectsWrongShape();
    void probabilityBarsKeepValues();
    void imageViewWindowsGreyLevels();
    void imageViewBlendsOverlay();
    void trainingCurvesGrowPerEpoch();
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
