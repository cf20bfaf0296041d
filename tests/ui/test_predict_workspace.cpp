// The Predict workspace with a real (untrained, tiny) checkpoint: dropped files of every
// supported kind show an image, probabilities, a grade and a Grad-CAM overlay under the
// research-use banner; corrupt files show an error instead of crashing; a dropped folder
// fills a sortable table that exports to CSV (with the true grade of grade folders); nothing
// of a previous file stays on show after a corrupt one or after a folder.
#include "TestPaths.h"
#include "UiTestSupport.h"

#include "ui/Session.h"
#include "ui/widgets/ImageView.h"
#include "ui/widgets/MessageBar.h"
#include "ui/widgets/ProbabilityBarsWidget.h"
#include "ui/widgets/ResearchBanner.h"
#include "ui/workspaces/PredictWorkspace.h"

#include "core/data/Phantom.h"
#include "core/imaging/DecodeIsolation.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <numeric>

#include <sys/stat.h>

using namespace kg::ui;

class TestPredictWorkspace : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void withoutCheckpointAsksForOne();
    void droppedFileShowsPrediction_data();
    void droppedFileShowsPrediction();
    void corruptFileShowsAnError_data();
    void corruptFileShowsAnError();
    void decoderCrashShowsAnErrorAndTheAppStaysUp();
    void droppedFolderFillsTableAndExportsCsv();
    void otherAnatomyIsFlagged();

private:
    QString phantomPng(const QString& name, int grade, bool sixteenBit);

    QTemporaryDir temp_;
    QString checkpoint_;
    std::unique_ptr<Session> session_;
    std::unique_ptr<PredictWorkspace> workspace_;
};

QString TestPredictWorkspace::phantomPng(const QString& name, int grade, bool sixteenBit)
{
    kg::PhantomSpec spec;
    spec.grade = grade;
    spec.imageSize = 96;
    spec.seed = static_cast<std::uint64_t>(grade + 1);
    const kg::PhantomImage phantom = kg::renderPhantom(spec);
    QImage image(phantom.pixels.data(), phantom.size, phantom.size, phantom.size, QImage::Format_Grayscale8);
    if (sixteenBit)
        image = image.convertToFormat(QImage::Format_Grayscale16);
    const QString path = temp_.filePath(name);
    image.save(path);
    return path;
}

void TestPredictWorkspace::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(temp_.isValid());
    checkpoint_ = temp_.filePath(QStringLiteral("tiny.kgckpt"));
    kgtest::writeTinyCheckpoint(checkpoint_, 64);
    session_ = std::make_unique<Session>(kgtest::testRuntime(), nullptr);
    workspace_ = std::make_unique<PredictWorkspace>(*session_);
    workspace_->resize(1200, 800);
    workspace_->show();
    QVERIFY(QTest::qWaitForWindowExposed(workspace_.get()));
}

void TestPredictWorkspace::withoutCheckpointAsksForOne()
{
    const QString path = phantomPng(QStringLiteral("first.png"), 1, false);
    QVERIFY(kgtest::dropFiles(workspace_.get(), {path}));
    QVERIFY(kgtest::waitUntil([&] { return workspace_->imageView()->hasImage(); }, 10000));
    QCOMPARE(workspace_->messageBar()->kind(), MessageBar::Kind::Warning);
    QVERIFY(workspace_->messageBar()->text().contains(QStringLiteral("model")));
    QVERIFY(!workspace_->isBusy());
    session_->setCheckpointPath(checkpoint_);
}

void TestPredictWorkspace::droppedFileShowsPrediction_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("8-bit PNG") << phantomPng(QStringLiteral("knee-kl3.png"), 3, false);
    QTest::newRow("16-bit PNG") << phantomPng(QStringLiteral("knee-kl1-16bit.png"), 1, true);
    QTest::newRow("DICOM (JPEG 2000, MONOCHROME1)") << kgtest::radiographsDir() + QStringLiteral("/RG3_J2KR.dcm");
    QTest::newRow("DICOM (8-bit DX)") << kgtest::radiographsDir() + QStringLiteral("/NIH_CXR_DX_8bit.dcm");
}

void TestPredictWorkspace::droppedFileShowsPrediction()
{
    QFETCH(QString, path);
    QVERIFY2(QFileInfo::exists(path), qPrintable(path));
    QSignalSpy shown(workspace_.get(), &PredictWorkspace::predictionShown);
    QVERIFY(kgtest::dropFiles(workspace_.get(), {path}));
    QVERIFY(shown.wait(60000));
    const kg::Prediction& p = workspace_->lastPrediction();
    QVERIFY2(p.ok(), p.error.c_str());
    QCOMPARE(p.probabilities.size(), size_t(5));
    QVERIFY(qAbs(std::accumulate(p.probabilities.begin(), p.probabilities.end(), 0.0) - 1.0) < 1e-6);
    QCOMPARE(workspace_->probabilityBars()->probabilities().size(), size_t(5));
    QCOMPARE(workspace_->probabilityBars()->highlighted(), p.grade);
    QVERIFY(workspace_->gradeLabel()->text().startsWith(QStringLiteral("KL%1").arg(p.grade)));
    QCOMPARE(workspace_->lowConfidenceLabel()->isVisibleTo(workspace_.get()), p.lowConfidence);
    QVERIFY(!p.heatmap.empty());   // Grad-CAM came with it
    QVERIFY(kgtest::waitUntil([&] { return workspace_->imageView()->hasImage(); }, 10000));
    // At most what the localiser said (a single-knee crop or no joint found: graded whole).
    QVERIFY2(workspace_->messageBar()->text().isEmpty() || workspace_->messageBar()->kind() != MessageBar::Kind::Error,
             qPrintable(workspace_->messageBar()->text()));
    // The research-use notice is on screen with the prediction.
    bool bannerVisible = false;
    for (ResearchBanner* banner : workspace_->findChildren<ResearchBanner*>())
        bannerVisible |= banner->isVisible();
    QVERIFY(bannerVisible);
}

void TestPredictWorkspace::corruptFileShowsAnError_data()
{
    QTest::addColumn<QString>("path");
    const QString garbage = temp_.filePath(QStringLiteral("broken.png"));
    QFile file(garbage);
    file.open(QIODevice::WriteOnly);
    file.write("\x89PNG\r\n\x1a\nthis is not really a PNG image");
    file.close();
    QTest::newRow("truncated PNG") << garbage;
    QTest::newRow("damaged JPEG 2000 DICOM") << kgtest::radiographsDir() + QStringLiteral("/966.dcm");
}

void TestPredictWorkspace::corruptFileShowsAnError()
{
    QFETCH(QString, path);
    QSignalSpy shown(workspace_.get(), &PredictWorkspace::predictionShown);
    QVERIFY(kgtest::dropFiles(workspace_.get(), {path}));
    QVERIFY(shown.wait(60000));
    QVERIFY(!workspace_->lastPrediction().ok());
    QCOMPARE(workspace_->messageBar()->kind(), MessageBar::Kind::Error);
    QVERIFY(workspace_->messageBar()->text().contains(QFileInfo(path).fileName()));
    qInfo("shown: %s", qPrintable(workspace_->messageBar()->text()));
    QCOMPARE(workspace_->gradeLabel()->text(), QStringLiteral("—"));
    QVERIFY(workspace_->probabilityBars()->probabilities().empty());
    QVERIFY(!workspace_->isBusy());
    // The previous image's window ("L 15000  W 30000") went with it.
    auto* windowValue = workspace_->findChild<QLabel*>(QStringLiteral("windowValue"));
    QVERIFY(windowValue);
    if (!workspace_->imageView()->hasImage())
        QVERIFY2(windowValue->text().isEmpty(), qPrintable(windowValue->text()));
}

// A decoder that dies on a file (here a stand-in helper that aborts, as GDCM's assertions
// do) costs that file only: the workspace shows the crash as the file's error, and the next
// files are graded by a fresh helper.
void TestPredictWorkspace::decoderCrashShowsAnErrorAndTheAppStaysUp()
{
    const QString aborting = temp_.filePath(QStringLiteral("aborting-decoder.sh"));
    QFile script(aborting);
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write("#!/bin/sh\nkill -ABRT $$\n");
    script.close();
    ::chmod(aborting.toLocal8Bit().constData(), 0755);
    kg::configureRadiographDecoding({kg::DecodeIsolation::UntrustedFormats, 1, aborting.toStdString()});

    const QString dicom = kgtest::radiographsDir() + QStringLiteral("/NIH_CXR_DX_8bit.dcm");
    QSignalSpy shown(workspace_.get(), &PredictWorkspace::predictionShown);
    QVERIFY(kgtest::dropFiles(workspace_.get(), {dicom}));
    QVERIFY(shown.wait(60000));
    QVERIFY(!workspace_->lastPrediction().ok());
    QCOMPARE(workspace_->messageBar()->kind(), MessageBar::Kind::Error);
    const QString message = workspace_->messageBar()->text();
    QVERIFY2(message.contains(QStringLiteral("crashed on this file (signal 6")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("NIH_CXR_DX_8bit.dcm")), qPrintable(message));
    QVERIFY(!workspace_->isBusy());

    kg::configureRadiographDecoding({});
    QVERIFY(kgtest::dropFiles(workspace_.get(), {dicom}));
    QVERIFY(shown.wait(60000));
    QVERIFY2(workspace_->lastPrediction().ok(), workspace_->lastPrediction().error.c_str());
}

// A chest CR still gets a grade (the model cannot tell), but the file's own body part is shown
// as a warning next to it; a knee-region file gets none.
void TestPredictWorkspace::otherAnatomyIsFlagged()
{
    QSignalSpy shown(workspace_.get(), &PredictWorkspace::predictionShown);
    QVERIFY(kgtest::dropFiles(workspace_.get(), {kgtest::radiographsDir() + QStringLiteral("/RG1_J2KI.dcm")}));
    QVERIFY(shown.wait(60000));
    QVERIFY(kgtest::waitUntil([&] { return workspace_->imageView()->hasImage(); }, 10000));
    QVERIFY(workspace_->anatomyWarningLabel()->isVisibleTo(workspace_.get()));
    QVERIFY2(workspace_->anatomyWarningLabel()->text().contains(QStringLiteral("CHEST")),
             qPrintable(workspace_->anatomyWarningLabel()->text()));

    QVERIFY(kgtest::dropFiles(workspace_.get(), {kgtest::radiographsDir() + QStringLiteral("/RG3_J2KR.dcm")}));
    QVERIFY(shown.wait(60000));
    QVERIFY(kgtest::waitUntil([&] { return workspace_->imageView()->hasImage(); }, 10000));
    QVERIFY(!workspace_->anatomyWarningLabel()->isVisibleTo(workspace_.get()));
}

void TestPredictWorkspace::droppedFolderFillsTableAndExportsCsv()
{
    // Grade folders (as a dataset has them) give the true grade; a file beside them has none.
    QTemporaryDir folder;
    const QStringList gradeFolders{QStringLiteral("0"), QStringLiteral("KL1"), QStringLiteral("2")};
    for (int grade = 0; grade < 3; ++grade) {
        const QString path = phantomPng(QStringLiteral("batch-%1.png").arg(grade), grade, false);
        QVERIFY(QDir(folder.path()).mkpath(gradeFolders[grade]));
        QVERIFY(QFile::copy(path, folder.filePath(gradeFolders[grade] + QLatin1Char('/') + QFileInfo(path).fileName())));
    }
    QFile bad(folder.filePath(QStringLiteral("zz-broken.png")));
    bad.open(QIODevice::WriteOnly);
    bad.write("not an image");
    bad.close();

    QSignalSpy finished(workspace_.get(), &PredictWorkspace::batchFinished);
    QVERIFY(kgtest::dropFiles(workspace_.get(), {folder.path()}));
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.at(0).at(0).toInt(), 4);
    QStandardItemModel* model = workspace_->batchModel();
    QCOMPARE(model->rowCount(), 4);

    // The grade folders' grades stand beside the predicted ones.
    const auto column = [model](const QString& header) {
        for (int c = 0; c < model->columnCount(); ++c)
            if (model->horizontalHeaderItem(c)->text() == header)
                return c;
        return -1;
    };
    const int trueColumn = column(QStringLiteral("True grade"));
    QCOMPARE(trueColumn, column(QStringLiteral("Grade")) + 1);
    for (int r = 0; r < model->rowCount(); ++r) {
        const QString name = model->item(r, 0)->text();
        QCOMPARE(model->item(r, trueColumn)->text(),
                 name == QStringLiteral("zz-broken.png") ? QString() : QStringLiteral("KL") + name.mid(6, 1));
    }

    // Sorting by confidence puts the unreadable file (no confidence) first.
    const int confidence = column(QStringLiteral("Confidence"));
    QTableView* table = workspace_->batchTable();
    table->sortByColumn(confidence, Qt::AscendingOrder);
    QCOMPARE(table->model()->index(0, 0).data().toString(), QStringLiteral("zz-broken.png"));
    table->sortByColumn(confidence, Qt::DescendingOrder);
    const double top = table->model()->index(0, confidence).data(Qt::UserRole).toDouble();
    const double next = table->model()->index(1, confidence).data(Qt::UserRole).toDouble();
    QVERIFY(top >= next);

    const QString csv = temp_.filePath(QStringLiteral("predictions.csv"));
    QVERIFY(workspace_->exportCsv(csv));
    QFile written(csv);
    QVERIFY(written.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(written.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 5);
    QVERIFY2(lines[0].startsWith(QStringLiteral("path,true_grade,status,grade")), qPrintable(lines[0]));
    QVERIFY(lines.mid(1).filter(QStringLiteral(",error,")).size() == 1);  // the one unreadable file
    for (const QString& line : lines.mid(1)) {
        const QStringList fields = line.split(QLatin1Char(','));
        const QString name = QFileInfo(fields[0]).fileName();
        QCOMPARE(fields[1], name == QStringLiteral("zz-broken.png") ? QString() : name.mid(6, 1));   // batch-<grade>.png
    }

    // The side panel speaks of the folder, not of the file shown before it.
    QVERIFY(workspace_->lastPrediction().path.empty());
    QCOMPARE(workspace_->gradeLabel()->text(), QStringLiteral("—"));
    QVERIFY(workspace_->probabilityBars()->probabilities().empty());
    QVERIFY(!workspace_->imageView()->hasImage());
}

QTEST_MAIN(TestPredictWorkspace)
#include "test_predict_workspace.moc"
