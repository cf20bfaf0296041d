#include "ui/workspaces/PredictWorkspace.h"
#include "ui/utility/Language.h"

#include "ui/Session.h"
#include "ui/utility/DialogFolders.h"
#include "ui/utility/Colors.h"
#include "ui/utility/Format.h"
#include "ui/utility/Icons.h"
#include "ui/utility/PredictionText.h"
#include "ui/utility/RadiographImage.h"
#include "ui/utility/TrainingCropExample.h"
#include "ui/widgets/ImageView.h"
#include "ui/widgets/MessageBar.h"
#include "ui/widgets/RegionOverlay.h"
#include "ui/widgets/ResearchBanner.h"
#include "ui/widgets/WindowLevelBar.h"
#include "ui/workers/PredictionWorker.h"
#include "ui/workers/WorkerThread.h"
#include "ui/workspaces/PredictBatchModel.h"
#include "ui/workspaces/PredictResultPanel.h"

#include "core/data/Grades.h"
#include "core/model/Checkpoint.h"

#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMimeData>
#include <QScrollArea>
#include <QSet>
#include <QSlider>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>

namespace kg::ui {
namespace {

QString imageFilter()
{
    return PredictWorkspace::tr("Radiographs (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.dcm *.dicom);;All files (*)");
}

QString fileName(const std::string& path)
{
    return QFileInfo(QString::fromStdString(path)).fileName();
}

} // namespace

PredictWorkspace::PredictWorkspace(Session& session, QWidget* parent)
    : Workspace(session, parent)
{
    setObjectName(QStringLiteral("PredictWorkspace"));
    setAcceptDrops(true);
    view_ = new ImageView(this);
    buildToolBar();
    buildCentral();

    // Result dock.
    auto* dock = new QDockWidget(tr("Prediction"), this);
    dock->setObjectName(QStringLiteral("predictionDock"));
    panel_ = new PredictResultPanel(dock);
    auto* scroll = new QScrollArea(dock);
    scroll->setWidget(panel_);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setMinimumWidth(360);
    dock->setWidget(scroll);
    addDockWidget(Qt::RightDockWidgetArea, dock);

    worker_ = new PredictionWorker;
    connect(worker_, &PredictionWorker::predicted, this, &PredictWorkspace::onPredicted);
    connect(worker_, &PredictionWorker::batchProgress, this, &PredictWorkspace::onBatchProgress);
    connect(worker_, &PredictionWorker::batchPredicted, this, &PredictWorkspace::onBatchPredicted);
    connect(worker_, &PredictionWorker::failed, this, &PredictWorkspace::onFailed);
    connect(worker_, &PredictionWorker::modelLoaded, this, [this](const QString& checkpoint, const report::PredictionReportModel& model) {
        reportModelCheckpoint_ = checkpoint;
        reportModel_ = model;
    });
    thread_ = std::make_unique<WorkerThread>(worker_, QStringLiteral("PredictionWorker"));

    connect(&session, &Session::checkpointChanged, this, &PredictWorkspace::updateCheckpointLabel);
    updateCheckpointLabel();
    panel_->clearResult();
}

PredictWorkspace::~PredictWorkspace()
{
    stopWork();
}

void PredictWorkspace::buildToolBar()
{
    auto* toolBar = addToolBar(tr("Predict"));
    toolBar->setObjectName(QStringLiteral("predictToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(themedIcon(QStringLiteral("open-image")), tr("Open Image…"), this, &PredictWorkspace::openImageDialog)
        ->setToolTip(tr("Grade one radiograph (PNG, JPEG, 16-bit TIFF/PNG or DICOM); you can also drop it here"));
    toolBar->addAction(themedIcon(QStringLiteral("folder-images")), tr("Grade Folder…"), this,
                       &PredictWorkspace::openFolderDialog)
        ->setToolTip(tr("Grade every image of a folder into a table"));
    toolBar->addSeparator();
    addBoxAction_ = toolBar->addAction(tr("Add Box"), this, &PredictWorkspace::addBox);
    addBoxAction_->setObjectName(QStringLiteral("addBox"));
    addBoxAction_->setShortcut(QKeySequence(Qt::Key_B));
    addBoxAction_->setToolTip(tr("Add a square box at the centre of the view and grade it (B); drag it onto a knee "
                                 "joint, drag a corner to resize it"));
    addBoxAction_->setEnabled(false);
    deleteBoxAction_ = toolBar->addAction(tr("Delete Box"), this, &PredictWorkspace::deleteSelectedBox);
    deleteBoxAction_->setObjectName(QStringLiteral("deleteBox"));
    deleteBoxAction_->setShortcuts({QKeySequence(QKeySequence::Delete), QKeySequence(Qt::Key_Backspace)});
    deleteBoxAction_->setToolTip(tr("Remove the selected box and its result (Delete)"));
    deleteBoxAction_->setEnabled(false);
    toolBar->addSeparator();
    gradCamAction_ = toolBar->addAction(themedIcon(QStringLiteral("heatmap")), tr("Grad-CAM"));
    gradCamAction_->setCheckable(true);
    gradCamAction_->setChecked(true);
    gradCamAction_->setShortcut(QKeySequence(Qt::Key_G));
    gradCamAction_->setToolTip(tr("Show where the model looked in the selected box (G)"));
    opacity_ = new QSlider(Qt::Horizontal, this);
    opacity_->setRange(0, 100);
    opacity_->setValue(45);
    opacity_->setFixedWidth(90);
    opacity_->setToolTip(tr("Grad-CAM opacity"));
    toolBar->addWidget(new QLabel(tr(" Opacity "), this));
    toolBar->addWidget(opacity_);
    toolBar->addSeparator();
    buildExportActions(toolBar);
    toolBar->addSeparator();
    toolBar->addAction(themedIcon(QStringLiteral("zoom-in")), tr("Zoom In"), view_, &ImageView::zoomIn)
        ->setShortcut(QKeySequence::ZoomIn);
    toolBar->addAction(themedIcon(QStringLiteral("zoom-out")), tr("Zoom Out"), view_, &ImageView::zoomOut)
        ->setShortcut(QKeySequence::ZoomOut);
    toolBar->addAction(themedIcon(QStringLiteral("zoom-fit")), tr("Fit"), view_, &ImageView::fitToWindow)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    for (QAction* action : toolBar->actions().mid(toolBar->actions().size() - 3))
        action->setPriority(QAction::LowPriority);   // icons only
    connect(gradCamAction_, &QAction::toggled, view_, &ImageView::setOverlayVisible);
    connect(opacity_, &QSlider::valueChanged, this, [this](int value) { view_->setOverlayOpacity(value / 100.0); });
    view_->setOverlayOpacity(opacity_->value() / 100.0);
}

void PredictWorkspace::buildCentral()
{
    // The image (with its banner, boxes and window controls) and the batch table, as tabs.
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addWidget(new ResearchBanner(central));
    messageBar_ = new MessageBar(central);
    layout->addWidget(messageBar_);
    tabs_ = new QTabWidget(central);
    auto* imagePage = new QWidget(tabs_);
    auto* imageLayout = new QVBoxLayout(imagePage);
    imageLayout->setContentsMargins(0, 4, 0, 0);
    view_->setParent(imagePage);
    view_->setPlaceholderText(tr("Drop a knee X-ray here\n(PNG, JPEG, 16-bit or DICOM)\n\nor a folder to grade many at once"));
    overlay_ = new RegionOverlay(view_);
    connect(overlay_, &RegionOverlay::selectionChanged, this, &PredictWorkspace::onSelectionChanged);
    connect(overlay_, &RegionOverlay::boxEdited, this, &PredictWorkspace::onBoxEdited);
    imageLayout->addWidget(view_, 1);
    imageLayout->addWidget(new WindowLevelBar(view_, imagePage));
    tabs_->addTab(imagePage, themedIcon(QStringLiteral("open-image")), tr("Image"));

    auto* batchPage = new QWidget(tabs_);
    auto* batchLayout = new QVBoxLayout(batchPage);
    batchLayout->setContentsMargins(0, 4, 0, 0);
    // The export belongs to the table (and leaves the tool bar room on small screens).
    auto* batchBar = new QHBoxLayout;
    batchStatus_ = new QLabel(tr("Drop a folder, or use Grade Folder…, to grade many images."), batchPage);
    batchStatus_->setWordWrap(true);
    batchBar->addWidget(batchStatus_, 1);
    exportAction_ = new QAction(themedIcon(QStringLiteral("export-csv")), tr("Export CSV…"), this);
    exportAction_->setToolTip(tr("Save the table as CSV"));
    exportAction_->setEnabled(false);
    connect(exportAction_, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export Predictions"),
            dialogStartFile(this->session(), DialogPurpose::Export, QStringLiteral("predictions.csv")), tr("CSV (*.csv)"));
        if (!path.isEmpty()) {
            rememberDialogFolder(this->session(), DialogPurpose::Export, path);
            exportCsv(path);
        }
    });
    auto* exportButton = new QToolButton(batchPage);
    exportButton->setDefaultAction(exportAction_);
    exportButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    batchBar->addWidget(exportButton);
    batchLayout->addLayout(batchBar);
    model_ = new QStandardItemModel(this);
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(model_);
    proxy->setSortRole(Qt::UserRole);
    table_ = new QTableView(batchPage);
    table_->setModel(proxy);
    table_->setSortingEnabled(true);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setAlternatingRowColors(true);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    connect(table_, &QTableView::doubleClicked, this, [this, proxy](const QModelIndex& index) {
        const QStandardItem* file = model_->item(proxy->mapToSource(index).row(), 0);
        tabs_->setCurrentIndex(0);
        predictFile(file->data(kBatchPathRole).toString());
        selectAfterGrading_ = file->data(kBatchRegionRole).toRect();
    });
    batchLayout->addWidget(table_, 1);
    tabs_->addTab(batchPage, themedIcon(QStringLiteral("table")), tr("Batch"));
    layout->addWidget(tabs_, 1);
    setCentralWidget(central);
}

QIcon PredictWorkspace::icon() const
{
    return themedIcon(QStringLiteral("predict"));
}

ProbabilityBarsWidget* PredictWorkspace::probabilityBars() const { return panel_->probabilityBars(); }
QLabel* PredictWorkspace::gradeLabel() const { return panel_->gradeLabel(); }
QLabel* PredictWorkspace::lowConfidenceLabel() const { return panel_->lowConfidenceLabel(); }
QLabel* PredictWorkspace::anatomyWarningLabel() const { return panel_->anatomyWarningLabel(); }
QLabel* PredictWorkspace::outOfDistributionLabel() const { return panel_->outOfDistributionLabel(); }

void PredictWorkspace::stopWork()
{
    if (worker_)
        worker_->cancel();
    thread_.reset();
    worker_ = nullptr;
    busy_ = false;
}

void PredictWorkspace::updateCheckpointLabel()
{
    panel_->setCheckpoint(session().checkpointPath());
    loadTrainingCrop();
}

void PredictWorkspace::loadTrainingCrop()
{
    const int generation = ++cropGeneration_;
    auto* watcher = new QFutureWatcher<TrainingCropExample>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation == cropGeneration_)
            panel_->setTrainingCrop(watcher->result());
    });
    const QString checkpoint = session().checkpointPath();
    watcher->setFuture(QtConcurrent::run([checkpoint] { return loadTrainingCropExample(checkpoint, 160); }));
}

bool PredictWorkspace::requireCheckpoint()
{
    if (!session().checkpointPath().isEmpty())
        return true;
    messageBar_->showMessage(MessageBar::Kind::Warning,
                             tr("Choose a model first: train one in the Train workspace, or File ▸ Open Checkpoint."));
    return false;
}

void PredictWorkspace::setBusy(bool busy)
{
    if (busy_ == busy)
        return;
    busy_ = busy;
    emit busyChanged(busy);
    if (busy)
        emit progressChanged(0, 0, tr("Grading…"));
    else
        emit progressChanged(-1, 0, {});
}

void PredictWorkspace::updateBusy()
{
    setBusy(fileRequest_ != 0 || batchRequest_ != 0 || !regrades_.isEmpty());
    addBoxAction_->setEnabled(!path_.isEmpty() && fileRequest_ == 0 && !sourceSize_.isEmpty());
    deleteBoxAction_->setEnabled(overlay_->selectedId() >= 0);
    updateExportActions();
}

void PredictWorkspace::openImageDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Radiograph"),
                                                      dialogStartFolder(session(), DialogPurpose::Image), imageFilter());
    if (!path.isEmpty()) {
        rememberDialogFolder(session(), DialogPurpose::Image, path);
        predictFile(path);
    }
}

void PredictWorkspace::openFolderDialog()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Grade a Folder"),
                                                          dialogStartFolder(session(), DialogPurpose::Image));
    if (!dir.isEmpty()) {
        rememberDialogFolder(session(), DialogPurpose::Image, dir, true);
        predictFolder(dir);
    }
}

void PredictWorkspace::predictFile(const QString& path)
{
    messageBar_->hideMessage();
    results_.clear();
    regrades_.clear();
    selectAfterGrading_ = {};
    overlay_->clearBoxes();
    overlay_->setSourceSize({});
    panel_->clearResult();
    panel_->setAnatomyWarnings({});
    tabs_->setCurrentIndex(0);
    panel_->setFile(tr("<b>%1</b>").arg(QFileInfo(path).fileName().toHtmlEscaped()), QDir::toNativeSeparators(path));
    path_ = path;
    sourceSize_ = {};
    info_ = {};
    view_->clear();
    view_->setPlaceholderText(tr("Loading…"));
    const int generation = fileGeneration_ = ++requestId_;

    // Show the picture at once (the model's answer follows); a file that will not decode is
    // reported here even when no model is chosen.
    auto* watcher = new QFutureWatcher<ViewerImage>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, path] {
        const ViewerImage viewer = watcher->result();
        watcher->deleteLater();
        if (generation != fileGeneration_)
            return;
        if (viewer.image.isNull()) {
            view_->setPlaceholderText(tr("This file cannot be shown."));
            if (session().checkpointPath().isEmpty())
                messageBar_->showMessage(MessageBar::Kind::Error, tr("%1 cannot be read: %2")
                                                                      .arg(QFileInfo(path).fileName(), viewer.error));
            return;
        }
        view_->setImage(viewer.image, viewer.mapping);
        info_ = viewer.info;
        if (sourceSize_.isEmpty())
            sourceSize_ = viewer.image.size();
        // What the file says about itself, then what decoding noticed (first frame of many, …).
        QStringList warnings;
        for (const std::string& warning : {bodyPartWarning(viewer.info), viewPositionWarning(viewer.info)})
            if (!warning.empty())
                warnings << QString::fromStdString(warning);
        for (const std::string& warning : viewer.info.warnings)
            warnings << QString::fromStdString(warning);
        panel_->setAnatomyWarnings(warnings);
        if (last_.path == path.toStdString())
            showHeatmap(last_);   // the result came first: setImage() dropped its overlay
        updateBusy();
    });
    watcher->setFuture(QtConcurrent::run([path] { return loadViewerImage(path); }));

    if (!requireCheckpoint()) {
        fileRequest_ = 0;
        updateBusy();
        return;
    }
    fileRequest_ = generation;
    batchRequest_ = 0;
    updateBusy();
    const QString checkpoint = session().checkpointPath();
    QMetaObject::invokeMethod(worker_, [worker = worker_, checkpoint, path, generation] {
        worker->predictFile(checkpoint, path, generation);
    }, Qt::QueuedConnection);
}

void PredictWorkspace::onPredicted(int requestId, const std::vector<Prediction>& predictions)
{
    if (requestId == fileRequest_) {
        fileRequest_ = 0;
        showFileResults(predictions);
    } else if (regrades_.contains(requestId)) {
        onRegraded(regrades_.take(requestId), requestId, predictions);
    }
    updateBusy();
}

void PredictWorkspace::showFileResults(const std::vector<Prediction>& predictions)
{
    if (predictions.empty())
        return;
    const Prediction& first = predictions.front();
    if (predictions.size() == 1 && !first.ok() && isWholeImage(first.region)) {
        last_ = first;
        panel_->clearResult();
        messageBar_->showMessage(MessageBar::Kind::Error,
                                 tr("%1 cannot be graded: %2").arg(fileName(first.path), QString::fromStdString(first.error)));
        view_->setPlaceholderText(tr("This file cannot be shown."));
        emit predictionShown(first);
        return;
    }
    for (const Prediction& p : predictions)
        if (p.imageWidth > 0 && p.imageHeight > 0) {
            sourceSize_ = QSize(p.imageWidth, p.imageHeight);
            break;
        }
    overlay_->setSourceSize(sourceSize_);
    // What the localiser said; a localiser that could not run at all is worth a warning.
    if (!first.localisation.empty())
        messageBar_->showMessage(first.localisation.rfind("the knee joints could not be looked for", 0) == 0
                                     ? MessageBar::Kind::Warning
                                     : MessageBar::Kind::Information,
                                 tr("%1: %2.").arg(fileName(first.path), QString::fromStdString(first.localisation)));
    // When the file belongs to the open dataset, its folder's grade is shown for comparison.
    if (const auto splits = session().datasetSplits()) {
        for (int s = 0; s < kNumSplits; ++s)
            for (const DatasetItem& item : splits->items(static_cast<Split>(s)))
                if (item.path == first.path && item.grade >= 0)
                    panel_->setFile(tr("<b>%1</b><br>Dataset label: %2 (%3 split)")
                                        .arg(fileName(first.path).toHtmlEscaped(),
                                             gradeDisplayLabel(item.grade),
                                             QString::fromStdString(splitName(static_cast<Split>(s)))),
                                    QDir::toNativeSeparators(path_));
    }

    results_.clear();
    std::vector<RegionBox> boxes;
    for (const Prediction& p : predictions) {
        RegionResult result;
        result.prediction = p;
        if (!isWholeImage(p.region)) {
            RegionBox box;
            box.id = static_cast<int>(boxes.size()) + 1;
            box.region = p.region;
            boxes.push_back(box);
            result.boxId = box.id;
        }
        results_.push_back(std::move(result));
    }
    overlay_->setBoxes(boxes);
    for (const RegionResult& result : results_)
        if (result.boxId >= 0)
            refreshBox(result);

    int select = boxes.empty() ? -1 : boxes.front().id;
    for (const RegionResult& result : results_) {
        const JointRegion& r = result.prediction.region;
        if (result.boxId >= 0 && QRect(r.x, r.y, r.width, r.height) == selectAfterGrading_)
            select = result.boxId;
    }
    selectAfterGrading_ = {};
    if (select >= 0)
        overlay_->setSelectedId(select);   // shows it
    else
        showRegionResult(results_.front());
}

void PredictWorkspace::showPrediction(const Prediction& p)
{
    last_ = p;
    panel_->showPrediction(p);
    showHeatmap(p);
    if (!p.ok()) {
        messageBar_->showMessage(MessageBar::Kind::Error,
                                 tr("The %1 box of %2 cannot be graded: %3")
                                     .arg(sideLetter(p.region.side), fileName(p.path), QString::fromStdString(p.error)));
    } else {
        emit statusMessage(tr("Graded %1: %2%3")
                               .arg(fileName(p.path), isWholeImage(p.region) ? gradeSummary(p) : regionLabel(p),
                                    p.outOfDistribution ? tr(" (out of distribution: the grade means nothing)") : QString()),
                           6000);
    }
    emit predictionShown(p);
}

void PredictWorkspace::onFailed(int requestId, const QString& message)
{
    if (requestId == fileRequest_)
        fileRequest_ = 0;
    else if (requestId == batchRequest_)
        batchRequest_ = 0;
    else if (regrades_.contains(requestId)) {
        if (RegionResult* result = resultOf(regrades_.take(requestId))) {
            result->pendingRequest = 0;
            refreshBox(*result);
        }
    } else {
        return;
    }
    updateBusy();
    messageBar_->showMessage(MessageBar::Kind::Error, tr("The model cannot be used: %1").arg(message));
    Prediction failed;
    failed.error = message.toStdString();
    emit predictionShown(failed);
}

void PredictWorkspace::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        for (const QUrl& url : event->mimeData()->urls())
            if (url.isLocalFile()) {
                event->acceptProposedAction();
                return;
            }
}

void PredictWorkspace::dropEvent(QDropEvent* event)
{
    for (const QUrl& url : event->mimeData()->urls()) {
        if (!url.isLocalFile())
            continue;
        event->acceptProposedAction();
        const QString path = url.toLocalFile();
        if (QFileInfo(path).isDir())
            predictFolder(path);
        else
            predictFile(path);
        return;
    }
}

} // namespace kg::ui
