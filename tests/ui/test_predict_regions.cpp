// The Predict workspace on full radiographs: a generated bilateral AP film is graded per knee
// joint (two boxes, R on the image's left, L on its right); moving, resizing, adding and
// deleting a box grades only that box again; a chest radiograph is flagged out of
// distribution by a model that carries a gate (grade greyed out, the warning in plain
// words), a phantom is not; a model without a gate says so; the batch table has the OOD
// columns; the training crop example names where it comes from. The shown film exports its
// prediction report (PDF) and its boxes as an annotations.json entry, replaced when exported
// again; with nothing shown both refuse with a message.
#include "TestPaths.h"
#include "UiTestSupport.h"

#include "ui/Session.h"
#include "ui/widgets/ImageView.h"
#include "ui/widgets/MessageBar.h"
#include "ui/widgets/ProbabilityBarsWidget.h"
#include "ui/widgets/RegionOverlay.h"
#include "ui/workspaces/PredictResultPanel.h"
#include "ui/workspaces/PredictWorkspace.h"

#include "core/data/FullRadiograph.h"
#include "core/data/Phantom.h"
#include "core/eval/OodFit.h"
#include "core/locate/KneeLocaliser.h"
#include "core/locate/LocaliserAnnotations.h"

#include <QAction>
#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace kg::ui;

namespace {

/// The shipped knee-localiser weights are there (ctest names them in KNEEGRADE_LOCALISER).
bool localiserAvailable()
{
    const std::string weights = kg::defaultLocaliserWeights();
    return !weights.empty() && QFileInfo(QString::fromStdString(weights)).isFile();
}

} // namespace

class TestPredictRegions : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void modelWithoutGateSaysSo();
    void bilateralRadiographShowsTwoGradedBoxes();
    void movingAndResizingABoxGradesItAgain();
    void addingAndDeletingBoxes();
    void chestIsOutOfDistributionAndPhantomIsNot();
    void batchTableHasOodColumns();
    void exportsNeedAShownFile();
    void exportsReportAndAnnotations();

private:
    bool drop(const QString& path);
    int column(const QString& header) const;

    QTemporaryDir temp_;
    QString dataset_;
    QString plainCheckpoint_;
    QString gatedCheckpoint_;
    QString bilateral_;
    QString phantom_;
    QString chest_;
    kg::FullRadiograph radiograph_;
    std::unique_ptr<Session> session_;
    std::unique_ptr<PredictWorkspace> workspace_;
};

void TestPredictRegions::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(temp_.isValid());

    // A bilateral standing AP film, small (scale 0.3), as an 8-bit PNG.
    kg::FullRadiographSpec spec;
    spec.view = kg::RadiographView::BilateralAP;
    spec.seed = 3;
    spec.scale = 0.3;
    radiograph_ = kg::renderFullRadiograph(spec);
    QCOMPARE(radiograph_.knees.size(), size_t(2));
    const std::vector<std::uint8_t> eight = radiograph_.eightBit();
    bilateral_ = temp_.filePath(QStringLiteral("bilateral-ap.png"));
    QVERIFY(QImage(eight.data(), radiograph_.width, radiograph_.height, radiograph_.width, QImage::Format_Grayscale8)
                .save(bilateral_));

    // A phantom in the training convention (canonical pose), and a real chest radiograph.
    kg::PhantomSpec phantomSpec;
    phantomSpec.grade = 2;
    phantomSpec.imageSize = 64;
    phantomSpec.seed = 99;
    const kg::PhantomImage phantom = kg::renderPhantom(phantomSpec);
    phantom_ = temp_.filePath(QStringLiteral("phantom-kl2.png"));
    QVERIFY(QImage(phantom.pixels.data(), phantom.size, phantom.size, phantom.size, QImage::Format_Grayscale8).save(phantom_));
    chest_ = kgtest::radiographsDir() + QStringLiteral("/NIH_CXR_DX_8bit.dcm");
    QVERIFY2(QFileInfo::exists(chest_), qPrintable(chest_));

    // Two models: the tiny untrained one without a gate, and a copy that records its
    // training data and carries a gate fitted on a small phantom dataset.
    dataset_ = temp_.filePath(QStringLiteral("phantoms"));
    kgtest::writeSmallPhantomDataset(dataset_, 16, 64);
    plainCheckpoint_ = temp_.filePath(QStringLiteral("tiny.kgckpt"));
    kgtest::writeTinyCheckpoint(plainCheckpoint_, 64);
    gatedCheckpoint_ = temp_.filePath(QStringLiteral("gated.kgckpt"));
    {
        kg::LoadedCheckpoint loaded = kg::loadCheckpoint(plainCheckpoint_.toStdString());
        loaded.meta.trainingOptions = nlohmann::json{{"data_root", dataset_.toStdString()}};
        kg::saveCheckpoint(gatedCheckpoint_.toStdString(), loaded.model, loaded.meta, loaded.blobs);
    }
    kg::EvaluationOptions fit;
    fit.checkpoint = gatedCheckpoint_.toStdString();
    fit.dataRoot = dataset_.toStdString();
    fit.batchSize = 16;
    const kg::OodGateSummary gate = kg::fitCheckpointOodGate(fit);
    QVERIFY(gate.threshold > 0);
    qInfo("gate: %lld training images, %lld validation images, threshold %.1f",
          static_cast<long long>(gate.fitImages), static_cast<long long>(gate.thresholdImages), gate.threshold);

    session_ = std::make_unique<Session>(kgtest::testRuntime(), nullptr);
    session_->setCheckpointPath(plainCheckpoint_);
    workspace_ = std::make_unique<PredictWorkspace>(*session_);
    workspace_->resize(1300, 860);
    workspace_->show();
    QVERIFY(QTest::qWaitForWindowExposed(workspace_.get()));
}

bool TestPredictRegions::drop(const QString& path)
{
    QSignalSpy shown(workspace_.get(), &PredictWorkspace::predictionShown);
    if (!kgtest::dropFiles(workspace_.get(), {path}))
        return false;
    if (!shown.wait(60000))
        return false;
    // The picture loads beside the grading; wait for both.
    return kgtest::waitUntil([&] { return workspace_->imageView()->hasImage() && !workspace_->isBusy(); }, 20000);
}

int TestPredictRegions::column(const QString& header) const
{
    QStandardItemModel* model = workspace_->batchModel();
    for (int c = 0; c < model->columnCount(); ++c)
        if (model->horizontalHeaderItem(c)->text() == header)
            return c;
    return -1;
}

void TestPredictRegions::modelWithoutGateSaysSo()
{
    QVERIFY(drop(phantom_));
    const kg::Prediction& p = workspace_->lastPrediction();
    QVERIFY2(p.ok(), p.error.c_str());
    QVERIFY(!p.hasOodScore());
    PredictResultPanel* panel = workspace_->resultPanel();
    QVERIFY(panel->noOodGateLabel()->isVisibleTo(workspace_.get()));
    QVERIFY(panel->noOodGateLabel()->text().contains(QStringLiteral("no out-of-distribution check")));
    QVERIFY(!workspace_->outOfDistributionLabel()->isVisibleTo(workspace_.get()));
    // The tiny model records no training data: the example crop is a rendered phantom.
    QVERIFY(kgtest::waitUntil([&] { return !panel->trainingCropCaption()->text().isEmpty(); }, 10000));
    QVERIFY2(panel->trainingCropCaption()->text().contains(QStringLiteral("phantom")),
             qPrintable(panel->trainingCropCaption()->text()));
    QVERIFY(!panel->trainingCropLabel()->pixmap().isNull());
}

void TestPredictRegions::bilateralRadiographShowsTwoGradedBoxes()
{
    if (!localiserAvailable())
        QSKIP("no knee localiser weights (KNEEGRADE_LOCALISER or knee-localiser.kgloc beside the program)");
    QVERIFY(drop(bilateral_));
    const std::vector<kg::Prediction> regions = workspace_->regionPredictions();
    QCOMPARE(regions.size(), size_t(2));
    QCOMPARE(workspace_->regionOverlay()->count(), 2);
    // Image-left first: the patient's right, then the left, each near its true box.
    QCOMPARE(regions[0].region.side, 'R');
    QCOMPARE(regions[1].region.side, 'L');
    for (size_t i = 0; i < 2; ++i) {
        QVERIFY2(regions[i].ok(), regions[i].error.c_str());
        QCOMPARE(regions[i].region.source, std::string("auto"));
        QCOMPARE(regions[i].region.width, regions[i].region.height);
        const double iou = kg::intersectionOverUnion(regions[i].region, radiograph_.knees[i]);
        QVERIFY2(iou >= 0.5, qPrintable(QStringLiteral("box %1: IoU %2").arg(i).arg(iou)));
        QCOMPARE(regions[i].probabilities.size(), size_t(5));
        QVERIFY(!regions[i].heatmap.empty());
    }
    // The labels on the image and the localiser's message.
    const auto& boxes = workspace_->regionOverlay()->boxes();
    QCOMPARE(boxes[0].side, QStringLiteral("R"));
    QCOMPARE(boxes[1].side, QStringLiteral("L"));
    QVERIFY2(boxes[0].text.startsWith(QStringLiteral("KL%1 ").arg(regions[0].grade)), qPrintable(boxes[0].text));
    QVERIFY(boxes[0].text.endsWith(QStringLiteral("%")));
    QVERIFY2(boxes[0].toolTip.contains(QStringLiteral("radiological convention")), qPrintable(boxes[0].toolTip));
    QCOMPARE(workspace_->messageBar()->kind(), MessageBar::Kind::Information);
    QVERIFY2(workspace_->messageBar()->text().contains(QStringLiteral("2 knee joints")),
             qPrintable(workspace_->messageBar()->text()));
    // The first box is selected and shown; its Grad-CAM lies over the box only.
    QCOMPARE(workspace_->regionOverlay()->selectedId(), boxes[0].id);
    QCOMPARE(workspace_->lastPrediction().region.x, regions[0].region.x);
    QVERIFY(workspace_->resultPanel()->regionLabel()->text().contains(QStringLiteral("Right knee")));
    const QRectF area = workspace_->imageView()->overlayArea();
    QCOMPARE(qRound(area.x()), regions[0].region.x);
    QCOMPARE(qRound(area.width()), regions[0].region.width);
    // Selecting the other box shows its result.
    QSignalSpy shown(workspace_.get(), &PredictWorkspace::predictionShown);
    workspace_->regionOverlay()->setSelectedId(boxes[1].id);
    QCOMPARE(shown.count(), 1);
    QCOMPARE(workspace_->lastPrediction().region.side, 'L');
}

void TestPredictRegions::movingAndResizingABoxGradesItAgain()
{
    QVERIFY(drop(bilateral_));
    RegionOverlay* overlay = workspace_->regionOverlay();
    if (overlay->count() == 0) {
        // Without the localiser the film is graded whole; a box placed by hand works the same.
        workspace_->addBox();
        QVERIFY(kgtest::waitUntil([&] { return !workspace_->isBusy(); }, 30000));
    }
    QVERIFY(overlay->count() >= 1);
    const int id = overlay->boxes().front().id;
    overlay->setSelectedId(id);
    const std::vector<kg::Prediction> before = workspace_->regionPredictions();
    const kg::JointRegion start = before.front().region;

    // Moved through the overlay's API: only this box is graded again, at its new place.
    QSignalSpy shown(workspace_.get(), &PredictWorkspace::predictionShown);
    const QPoint moved(start.x + start.width / 8, start.y - start.height / 10);
    QVERIFY(overlay->moveBox(id, moved));
    QVERIFY(workspace_->isBusy());
    QVERIFY(overlay->box(id)->pending);
    QVERIFY(shown.wait(30000));
    QVERIFY(kgtest::waitUntil([&] { return !workspace_->isBusy(); }, 30000));
    const kg::Prediction& regraded = workspace_->lastPrediction();
    QVERIFY2(regraded.ok(), regraded.error.c_str());
    QCOMPARE(regraded.region.x, moved.x());
    QCOMPARE(regraded.region.y, moved.y());
    QCOMPARE(regraded.region.source, std::string("manual"));
    QCOMPARE(regraded.region.side, start.side);   // the same joint keeps its side
    QVERIFY(!overlay->box(id)->pending);
    const std::vector<kg::Prediction> after = workspace_->regionPredictions();
    QCOMPARE(after.size(), before.size());
    QCOMPARE(after.front().region.x, moved.x());
    for (size_t i = 1; i < after.size(); ++i)   // the other boxes were not touched
        QCOMPARE(after[i].region.x, before[i].region.x);

    // Resized with the mouse: dragging the bottom-right handle outwards keeps the box square.
    const QRectF handle = overlay->handleRectOnScreen(id, Qt::BottomRightCorner);
    QVERIFY(!handle.isEmpty());
    const QPoint from = handle.center().toPoint();
    const QPoint to = from + QPoint(40, 12);
    shown.clear();
    QTest::mousePress(overlay, Qt::LeftButton, Qt::NoModifier, from);
    QTest::mouseMove(overlay, from + QPoint(20, 6));
    QTest::mouseMove(overlay, to);
    QTest::mouseRelease(overlay, Qt::LeftButton, Qt::NoModifier, to);
    QVERIFY(shown.wait(30000));
    QVERIFY(kgtest::waitUntil([&] { return !workspace_->isBusy(); }, 30000));
    const kg::JointRegion resized = workspace_->lastPrediction().region;
    QCOMPARE(resized.width, resized.height);
    QVERIFY2(resized.width > start.width, qPrintable(QStringLiteral("%1 → %2").arg(start.width).arg(resized.width)));
    QCOMPARE(resized.x, moved.x());   // the top-left corner stayed
    QCOMPARE(resized.y, moved.y());

    // Dragging inside the box moves it, as the API did.
    const QPointF centre = overlay->boxRectOnScreen(id).center();
    shown.clear();
    QTest::mousePress(overlay, Qt::LeftButton, Qt::NoModifier, centre.toPoint());
    QTest::mouseMove(overlay, centre.toPoint() + QPoint(-10, 0));
    QTest::mouseMove(overlay, centre.toPoint() + QPoint(-25, 0));
    QTest::mouseRelease(overlay, Qt::LeftButton, Qt::NoModifier, centre.toPoint() + QPoint(-25, 0));
    QVERIFY(shown.wait(30000));
    QVERIFY(kgtest::waitUntil([&] { return !workspace_->isBusy(); }, 30000));
    QVERIFY(workspace_->lastPrediction().region.x < resized.x);
    QCOMPARE(workspace_->lastPrediction().region.y, resized.y);
}

void TestPredictRegions::addingAndDeletingBoxes()
{
    QVERIFY(drop(bilateral_));
    RegionOverlay* overlay = workspace_->regionOverlay();
    const int boxes = overlay->count();
    QVERIFY(workspace_->addBoxAction()->isEnabled());
    QSignalSpy shown(workspace_.get(), &PredictWorkspace::predictionShown);
    workspace_->addBoxAction()->trigger();
    QCOMPARE(overlay->count(), boxes + 1);
    const int added = overlay->selectedId();
    QVERIFY(added >= 0);
    QVERIFY(shown.wait(30000));
    QVERIFY(kgtest::waitUntil([&] { return !workspace_->isBusy(); }, 30000));
    const kg::Prediction& p = workspace_->lastPrediction();
    QVERIFY2(p.ok(), p.error.c_str());
    QCOMPARE(p.region.source, std::string("manual"));
    QCOMPARE(p.region.width, p.region.height);
    QVERIFY(p.region.side == 'R' || p.region.side == 'L' || p.region.side == '?');
    // The box sits at the centre of the view.
    const QPointF centre = overlay->boxRectOnScreen(added).center();
    const QPointF viewCentre = QRectF(workspace_->imageView()->rect()).center();
    QVERIFY(qAbs(centre.x() - viewCentre.x()) < 4 && qAbs(centre.y() - viewCentre.y()) < 4);
    QCOMPARE(workspace_->regionPredictions().size(), size_t(boxes + 1));

    // Delete removes the selected box and its result.
    QVERIFY(workspace_->deleteBoxAction()->isEnabled());
    workspace_->deleteBoxAction()->trigger();
    QCOMPARE(overlay->count(), boxes);
    QVERIFY(!overlay->box(added));
    QCOMPARE(overlay->selectedId(), -1);
    QVERIFY(!workspace_->deleteBoxAction()->isEnabled());
}

void TestPredictRegions::chestIsOutOfDistributionAndPhantomIsNot()
{
    session_->setCheckpointPath(gatedCheckpoint_);
    PredictResultPanel* panel = workspace_->resultPanel();

    QVERIFY(drop(phantom_));
    const kg::Prediction phantom = workspace_->lastPrediction();
    QVERIFY2(phantom.ok(), phantom.error.c_str());
    QVERIFY(phantom.hasOodScore());
    qInfo("phantom: OOD score %.2f", phantom.oodScore);
    QVERIFY2(!phantom.outOfDistribution, qPrintable(QString::number(phantom.oodScore)));
    QVERIFY(!workspace_->outOfDistributionLabel()->isVisibleTo(workspace_.get()));
    QVERIFY(!panel->noOodGateLabel()->isVisibleTo(workspace_.get()));
    QVERIFY(!workspace_->gradeLabel()->font().strikeOut());
    // This model records its training data: the example crop is its first training image.
    QVERIFY(kgtest::waitUntil([&] { return panel->trainingCropCaption()->text().contains(QStringLiteral("training image")); },
                              10000));
    QVERIFY(panel->trainingCropCaption()->text().contains(QStringLiteral("train")));

    QVERIFY(drop(chest_));
    const std::vector<kg::Prediction> chest = workspace_->regionPredictions();
    QVERIFY(!chest.empty());
    for (const kg::Prediction& p : chest) {
        QVERIFY2(p.ok(), p.error.c_str());
        qInfo("chest region %s: OOD score %.2f", kg::formatJointRegion(p.region).c_str(), p.oodScore);
        QVERIFY2(p.outOfDistribution, qPrintable(QString::number(p.oodScore)));
    }
    const kg::Prediction& shown = workspace_->lastPrediction();
    QVERIFY(shown.outOfDistribution);
    QLabel* warning = workspace_->outOfDistributionLabel();
    QVERIFY(warning->isVisibleTo(workspace_.get()));
    QVERIFY2(warning->text().contains(QStringLiteral("does not resemble the images the model was trained on")),
             qPrintable(warning->text()));
    QVERIFY(warning->text().contains(QStringLiteral("out-of-distribution score %1").arg(shown.oodScore, 0, 'f', 1)));
    QVERIFY(warning->text().contains(QStringLiteral("The grade means nothing")));
    // The grade is still there, greyed and struck through; the probabilities stay visible.
    QVERIFY(workspace_->gradeLabel()->text().startsWith(QStringLiteral("KL%1").arg(shown.grade)));
    QVERIFY(workspace_->gradeLabel()->font().strikeOut());
    QVERIFY(workspace_->gradeLabel()->styleSheet().contains(QStringLiteral("#8a8a8a")));
    QCOMPARE(workspace_->probabilityBars()->probabilities().size(), size_t(5));
    for (const RegionBox& box : workspace_->regionOverlay()->boxes())
        QVERIFY(box.muted);
}

void TestPredictRegions::batchTableHasOodColumns()
{
    session_->setCheckpointPath(gatedCheckpoint_);
    QTemporaryDir folder;
    QVERIFY(QFile::copy(phantom_, folder.filePath(QStringLiteral("a-phantom.png"))));
    QVERIFY(QFile::copy(chest_, folder.filePath(QStringLiteral("b-chest.dcm"))));
    QVERIFY(QFile::copy(bilateral_, folder.filePath(QStringLiteral("c-bilateral.png"))));
    QSignalSpy finished(workspace_.get(), &PredictWorkspace::batchFinished);
    QVERIFY(kgtest::dropFiles(workspace_.get(), {folder.path()}));
    QVERIFY(finished.wait(60000));
    QStandardItemModel* model = workspace_->batchModel();
    const int score = column(QStringLiteral("OOD score"));
    const int flagged = column(QStringLiteral("Out of distribution"));
    QVERIFY(score > 0 && flagged > 0);
    int chestRow = -1;
    for (int r = 0; r < model->rowCount(); ++r) {
        QVERIFY(model->item(r, score)->data(Qt::UserRole).typeId() == QMetaType::Double);   // sorts as a number
        if (model->item(r, 0)->text() == QStringLiteral("b-chest.dcm"))
            chestRow = r;
    }
    QVERIFY(chestRow >= 0);
    QCOMPARE(model->item(chestRow, flagged)->text(), QStringLiteral("Yes"));
    // The phantom, like the training images, is not flagged.
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->item(r, 0)->text() == QStringLiteral("a-phantom.png"))
            QCOMPARE(model->item(r, flagged)->text(), QStringLiteral("No"));
    // Sorted by score as numbers (not as text: "10.5" after "9.1").
    QTableView* table = workspace_->batchTable();
    table->sortByColumn(score, Qt::AscendingOrder);
    for (int r = 0; r < table->model()->rowCount(); ++r) {
        qInfo("%s: OOD score %s", qPrintable(table->model()->index(r, 0).data().toString()),
              qPrintable(table->model()->index(r, score).data().toString()));
        if (r > 0)
            QVERIFY(table->model()->index(r, score).data(Qt::UserRole).toDouble()
                    >= table->model()->index(r - 1, score).data(Qt::UserRole).toDouble());
    }
    // With the localiser, the bilateral film gives two rows and the table a region column.
    if (localiserAvailable()) {
        QVERIFY(column(QStringLiteral("Region")) == 1);
        int bilateralRows = 0;
        for (int r = 0; r < model->rowCount(); ++r)
            bilateralRows += model->item(r, 0)->text() == QStringLiteral("c-bilateral.png") ? 1 : 0;
        QCOMPARE(bilateralRows, 2);
    }
}

void TestPredictRegions::exportsNeedAShownFile()
{
    PredictWorkspace empty(*session_);
    // The export button fits the tool bar on a 1024-pixel screen.
    const QToolBar* toolBar = empty.findChild<QToolBar*>(QStringLiteral("predictToolBar"));
    QVERIFY(toolBar && toolBar->findChild<QToolButton*>(QStringLiteral("exportButton")));
    qInfo("tool bar: %d pixels wide", toolBar->sizeHint().width());
    QVERIFY2(toolBar->sizeHint().width() <= 1024, qPrintable(QString::number(toolBar->sizeHint().width())));
    QVERIFY(!empty.exportReportAction()->isEnabled());
    QVERIFY(!empty.exportAnnotationsAction()->isEnabled());
    const QString pdf = temp_.filePath(QStringLiteral("nothing.pdf"));
    QVERIFY(!empty.exportReport(pdf));
    QCOMPARE(empty.messageBar()->kind(), MessageBar::Kind::Warning);
    QVERIFY2(empty.messageBar()->text().contains(QStringLiteral("no graded radiograph")),
             qPrintable(empty.messageBar()->text()));
    QVERIFY(!QFileInfo::exists(pdf));
    empty.messageBar()->hideMessage();
    const QString json = temp_.filePath(QStringLiteral("nothing.json"));
    QVERIFY(!empty.exportAnnotations(json));
    QVERIFY2(empty.messageBar()->text().contains(QStringLiteral("no boxes")), qPrintable(empty.messageBar()->text()));
    QVERIFY(!QFileInfo::exists(json));
}

void TestPredictRegions::exportsReportAndAnnotations()
{
    if (!localiserAvailable())
        QSKIP("no knee localiser weights (KNEEGRADE_LOCALISER or knee-localiser.kgloc beside the program)");
    session_->setCheckpointPath(gatedCheckpoint_);
    QVERIFY(drop(bilateral_));
    RegionOverlay* overlay = workspace_->regionOverlay();
    QCOMPARE(overlay->count(), 2);
    QVERIFY(workspace_->exportReportAction()->isEnabled());
    QVERIFY(workspace_->exportAnnotationsAction()->isEnabled());

    // The report: a PDF with the film, both boxes with their Grad-CAM, and the audit block.
    const QString pdf = temp_.filePath(QStringLiteral("bilateral-report.pdf"));
    QVERIFY2(workspace_->exportReport(pdf), qPrintable(workspace_->messageBar()->text()));
    QFile report(pdf);
    QVERIFY(report.open(QIODevice::ReadOnly));
    QVERIFY(report.read(5) == "%PDF-");
    qInfo("report: %lld bytes", static_cast<long long>(report.size()));
    QVERIFY2(report.size() > 20000, qPrintable(QString::number(report.size())));

    // The boxes as annotations: one image, its two knees R and L where the overlay has them.
    const QString json = temp_.filePath(QStringLiteral("annotations.json"));
    const auto checkAnnotations = [&](const char* when) {
        const std::vector<kg::AnnotatedImage> images = kg::readLocaliserAnnotations(json.toStdString());
        QVERIFY2(images.size() == 1, when);
        const kg::AnnotatedImage& image = images.front();
        QCOMPARE(QFileInfo(QString::fromStdString(image.file)).canonicalFilePath(), QFileInfo(bilateral_).canonicalFilePath());
        QCOMPARE(image.width, radiograph_.width);
        QCOMPARE(image.height, radiograph_.height);
        QCOMPARE(image.view, std::string());   // a PNG says nothing about its view
        QCOMPARE(image.knees.size(), size_t(2));
        QCOMPARE(image.knees[0].side, 'R');
        QCOMPARE(image.knees[1].side, 'L');
        for (size_t i = 0; i < 2; ++i) {
            const kg::JointRegion& shown = overlay->boxes()[i].region;
            QCOMPARE(image.knees[i].x, shown.x);
            QCOMPARE(image.knees[i].y, shown.y);
            QCOMPARE(image.knees[i].width, shown.width);
            QCOMPARE(image.knees[i].height, shown.height);
        }
    };
    QVERIFY2(workspace_->exportAnnotations(json), qPrintable(workspace_->messageBar()->text()));
    checkAnnotations("first export");
    if (QTest::currentTestFailed())
        return;

    // Moved, then exported again to the same file: still one entry, with the moved box.
    const int id = overlay->boxes().front().id;
    const kg::JointRegion start = overlay->boxes().front().region;
    const QPoint moved(start.x + start.width / 10, start.y + start.height / 12);
    QVERIFY(overlay->moveBox(id, moved));
    QVERIFY(!workspace_->exportReportAction()->isEnabled());   // until the moved box has its grade
    QVERIFY(workspace_->exportAnnotationsAction()->isEnabled());
    QVERIFY2(workspace_->exportAnnotations(json), qPrintable(workspace_->messageBar()->text()));
    checkAnnotations("second export");
    if (QTest::currentTestFailed())
        return;
    const std::vector<kg::AnnotatedImage> again = kg::readLocaliserAnnotations(json.toStdString());
    QCOMPARE(again.front().knees[0].x, moved.x());
    QCOMPARE(again.front().knees[0].y, moved.y());
    QCOMPARE(again.front().knees[0].side, 'R');

    // Once graded again, the report has the moved box.
    QVERIFY(kgtest::waitUntil([&] { return !workspace_->isBusy(); }, 30000));
    QVERIFY(workspace_->exportReportAction()->isEnabled());
    QVERIFY(workspace_->exportReport(pdf));
    QCOMPARE(workspace_->regionPredictions().front().region.x, moved.x());

    // A file that is not an annotations file is left alone.
    const QString other = temp_.filePath(QStringLiteral("other.json"));
    {
        QFile file(other);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"something\": 1}");
    }
    QVERIFY(!workspace_->exportAnnotations(other));
    QCOMPARE(workspace_->messageBar()->kind(), MessageBar::Kind::Error);
    QFile untouched(other);
    QVERIFY(untouched.open(QIODevice::ReadOnly));
    QCOMPARE(untouched.readAll(), QByteArray("{\"something\": 1}"));
}

QTEST_MAIN(TestPredictRegions)
#include "test_predict_regions.moc"
