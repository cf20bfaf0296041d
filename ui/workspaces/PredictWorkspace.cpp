#include "ui/workspaces/PredictWorkspace.h"

#include "ui/Session.h"
#include "ui/utility/Colors.h"
#include "ui/utility/Format.h"
#include "ui/utility/Icons.h"
#include "ui/utility/RadiographImage.h"
#include "ui/widgets/ImageView.h"
#include "ui/widgets/MessageBar.h"
#include "ui/widgets/ProbabilityBarsWidget.h"
#include "ui/widgets/ResearchBanner.h"
#include "ui/widgets/WindowLevelBar.h"
#include "ui/workers/PredictionWorker.h"
#include "ui/workers/WorkerThread.h"

#include "core/data/Grades.h"
#include "core/eval/ResultsCsv.h"
#include "core/model/Checkpoint.h"

#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QMimeData>
#include <QPointer>
#include <QScrollArea>
#include <QSlider>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>

namespace kg::ui {
namespace {

QStandardItem* sortableItem(const QString& text, const QVariant& sortKey)
{
    auto* item = new QStandardItem(text);
    item->setData(sortKey, Qt::UserRole);
    item->setEditable(false);
    return item;
}

QString imageFilter()
{
    return PredictWorkspace::tr("Radiographs (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.dcm *.dicom);;All files (*)");
}

} // namespace

PredictWorkspace::PredictWorkspace(Session& session, QWidget* parent)
    : Workspace(session, parent)
{
    setObjectName(QStringLiteral("PredictWorkspace"));
    setAcceptDrops(true);

    // Tool bar.
    auto* toolBar = addToolBar(tr("Predict"));
    toolBar->setObjectName(QStringLiteral("predictToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(themedIcon(QStringLiteral("open-image")), tr("Open Image…"), this, &PredictWorkspace::openImageDialog)
        ->setToolTip(tr("Grade one radiograph (PNG, JPEG, 16-bit TIFF/PNG or DICOM); you can also drop it here"));
    toolBar->addAction(themedIcon(QStringLiteral("folder-images")), tr("Grade Folder…"), this,
                       &PredictWorkspace::openFolderDialog)
        ->setToolTip(tr("Grade every image of a folder into a table"));
    toolBar->addSeparator();
    gradCamAction_ = toolBar->addAction(themedIcon(QStringLiteral("heatmap")), tr("Grad-CAM"));
    gradCamAction_->setCheckable(true);
    gradCamAction_->setChecked(true);
    gradCamAction_->setShortcut(QKeySequence(Qt::Key_G));
    gradCamAction_->setToolTip(tr("Show where the model looked (G)"));
    opacity_ = new QSlider(Qt::Horizontal, this);
    opacity_->setRange(0, 100);
    opacity_->setValue(45);
    opacity_->setFixedWidth(120);
    opacity_->setToolTip(tr("Grad-CAM opacity"));
    toolBar->addWidget(new QLabel(tr(" Opacity "), this));
    toolBar->addWidget(opacity_);
    toolBar->addSeparator();
    view_ = new ImageView(this);
    toolBar->addAction(themedIcon(QStringLiteral("zoom-in")), tr("Zoom In"), view_, &ImageView::zoomIn)
        ->setShortcut(QKeySequence::ZoomIn);
    toolBar->addAction(themedIcon(QStringLiteral("zoom-out")), tr("Zoom Out"), view_, &ImageView::zoomOut)
        ->setShortcut(QKeySequence::ZoomOut);
    toolBar->addAction(themedIcon(QStringLiteral("zoom-fit")), tr("Fit"), view_, &ImageView::fitToWindow)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    for (QAction* action : toolBar->actions().mid(toolBar->actions().size() - 3))
        action->setPriority(QAction::LowPriority);   // icons only
    toolBar->addSeparator();
    exportAction_ = toolBar->addAction(themedIcon(QStringLiteral("export-csv")), tr("Export CSV…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export Predictions"),
                                                          QDir::homePath() + QStringLiteral("/predictions.csv"),
                                                          tr("CSV (*.csv)"));
        if (!path.isEmpty())
            exportCsv(path);
    });
    exportAction_->setEnabled(false);
    connect(gradCamAction_, &QAction::toggled, view_, &ImageView::setOverlayVisible);
    connect(opacity_, &QSlider::valueChanged, this, [this](int value) { view_->setOverlayOpacity(value / 100.0); });
    view_->setOverlayOpacity(opacity_->value() / 100.0);

    // Central: the image (with its banner and window controls) and the batch table, as tabs.
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
    view_->setPlaceholderText(tr("Drop a knee X-ray here\n(PNG, JPEG, 16-bit or DICOM)\n\nor a folder to grade many at once"));
    imageLayout->addWidget(view_, 1);
    imageLayout->addWidget(new WindowLevelBar(view_, imagePage));
    tabs_->addTab(imagePage, themedIcon(QStringLiteral("open-image")), tr("Image"));

    auto* batchPage = new QWidget(tabs_);
    auto* batchLayout = new QVBoxLayout(batchPage);
    batchLayout->setContentsMargins(0, 4, 0, 0);
    batchStatus_ = new QLabel(tr("Drop a folder, or use Grade Folder…, to grade many images."), batchPage);
    batchLayout->addWidget(batchStatus_);
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
        const QModelIndex source = proxy->mapToSource(index);
        const QString path = model_->item(source.row(), 0)->data(Qt::UserRole + 1).toString();
        tabs_->setCurrentIndex(0);
        predictFile(path);
    });
    batchLayout->addWidget(table_, 1);
    tabs_->addTab(batchPage, themedIcon(QStringLiteral("table")), tr("Batch"));
    layout->addWidget(tabs_, 1);
    setCentralWidget(central);

    // Result dock.
    auto* dock = new QDockWidget(tr("Prediction"), this);
    dock->setObjectName(QStringLiteral("predictionDock"));
    auto* panel = new QWidget(dock);
    auto* panelLayout = new QVBoxLayout(panel);
    checkpointLabel_ = new QLabel(panel);
    checkpointLabel_->setWordWrap(true);
    panelLayout->addWidget(checkpointLabel_);
    fileLabel_ = new QLabel(panel);
    fileLabel_->setWordWrap(true);
    fileLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    panelLayout->addWidget(fileLabel_);
    grade_ = new QLabel(panel);
    grade_->setObjectName(QStringLiteral("predictedGrade"));
    QFont big = grade_->font();
    big.setPointSizeF(big.pointSizeF() * 2.0);
    big.setBold(true);
    grade_->setFont(big);
    panelLayout->addWidget(grade_);
    description_ = new QLabel(panel);
    description_->setWordWrap(true);
    panelLayout->addWidget(description_);
    confidence_ = new QLabel(panel);
    confidence_->setWordWrap(true);
    panelLayout->addWidget(confidence_);
    lowConfidence_ = new QLabel(panel);
    lowConfidence_->setObjectName(QStringLiteral("lowConfidence"));
    lowConfidence_->setWordWrap(true);
    lowConfidence_->setStyleSheet(QStringLiteral("QLabel { background: #fbeccb; color: #5a3b00; padding: 6px; border-radius: 4px; }"));
    lowConfidence_->hide();
    panelLayout->addWidget(lowConfidence_);
    // From the file itself (DICOM body part), so it is set when the image loads, not with the grade.
    anatomyWarning_ = new QLabel(panel);
    anatomyWarning_->setObjectName(QStringLiteral("anatomyWarning"));
    anatomyWarning_->setWordWrap(true);
    anatomyWarning_->setStyleSheet(lowConfidence_->styleSheet());
    anatomyWarning_->hide();
    panelLayout->addWidget(anatomyWarning_);
    auto* barsTitle = new QLabel(tr("<b>Probability per grade</b>"), panel);
    panelLayout->addSpacing(6);
    panelLayout->addWidget(barsTitle);
    bars_ = new ProbabilityBarsWidget(panel);
    panelLayout->addWidget(bars_);
    gradCamNote_ = new QLabel(panel);
    gradCamNote_->setWordWrap(true);
    panelLayout->addWidget(gradCamNote_);
    panelLayout->addStretch(1);
    panelLayout->addWidget(new ResearchBanner(panel));
    auto* scroll = new QScrollArea(dock);
    scroll->setWidget(panel);
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
    thread_ = std::make_unique<WorkerThread>(worker_, QStringLiteral("PredictionWorker"));

    connect(&session, &Session::checkpointChanged, this, &PredictWorkspace::updateCheckpointLabel);
    updateCheckpointLabel();
    clearResult();
}

PredictWorkspace::~PredictWorkspace()
{
    stopWork();
}

QIcon PredictWorkspace::icon() const
{
    return themedIcon(QStringLiteral("predict"));
}

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
    const QString path = session().checkpointPath();
    checkpointLabel_->setText(path.isEmpty()
                                  ? tr("<i>No model yet: train one, or File ▸ Open Checkpoint.</i>")
                                  : tr("Model: <b>%1</b>").arg(QFileInfo(path).dir().dirName() + QLatin1Char('/')
                                                              + QFileInfo(path).fileName()));
    checkpointLabel_->setToolTip(QDir::toNativeSeparators(path));
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

void PredictWorkspace::clearResult()
{
    grade_->setText(QStringLiteral("—"));
    grade_->setStyleSheet({});
    description_->clear();
    confidence_->clear();
    lowConfidence_->hide();
    gradCamNote_->clear();
    bars_->clear();
}

void PredictWorkspace::openImageDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Radiograph"), QDir::homePath(), imageFilter());
    if (!path.isEmpty())
        predictFile(path);
}

void PredictWorkspace::openFolderDialog()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Grade a Folder"), QDir::homePath());
    if (!dir.isEmpty())
        predictFolder(dir);
}

void PredictWorkspace::predictFile(const QString& path)
{
    messageBar_->hideMessage();
    clearResult();
    anatomyWarning_->hide();
    tabs_->setCurrentIndex(0);
    fileLabel_->setText(tr("<b>%1</b>").arg(QFileInfo(path).fileName().toHtmlEscaped()));
    fileLabel_->setToolTip(QDir::toNativeSeparators(path));
    view_->clear();
    view_->setPlaceholderText(tr("Loading…"));
    const int requestId = ++requestId_;

    // Show the picture at once (the model's answer follows); a file that will not decode is
    // reported here even when no model is chosen.
    auto* watcher = new QFutureWatcher<ViewerImage>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, requestId, path] {
        const ViewerImage viewer = watcher->result();
        watcher->deleteLater();
        if (requestId != requestId_)
            return;
        if (viewer.image.isNull()) {
            view_->setPlaceholderText(tr("This file cannot be shown."));
            if (session().checkpointPath().isEmpty())
                messageBar_->showMessage(MessageBar::Kind::Error, tr("%1 cannot be read: %2")
                                                                      .arg(QFileInfo(path).fileName(), viewer.error));
        } else {
            const bool keepOverlay = last_.path == path.toStdString() && !last_.heatmap.empty();
            view_->setImage(viewer.image, viewer.mapping);
            // What the file says about itself, then what decoding noticed (first frame of many, …).
            QStringList warnings;
            for (const std::string& warning : {bodyPartWarning(viewer.info), viewPositionWarning(viewer.info)})
                if (!warning.empty())
                    warnings << QString::fromStdString(warning);
            for (const std::string& warning : viewer.info.warnings)
                warnings << QString::fromStdString(warning);
            if (!warnings.isEmpty()) {
                anatomyWarning_->setText(QStringLiteral("⚠ ") + warnings.join(QStringLiteral("\n⚠ ")));
                anatomyWarning_->show();
            }
            if (keepOverlay)
                view_->setOverlay(toQImage(colorizeHeatMap(last_.heatmap, Colormap::Turbo)));
        }
    });
    watcher->setFuture(QtConcurrent::run([path] { return loadViewerImage(path); }));

    if (!requireCheckpoint())
        return;
    setBusy(true);
    const QString checkpoint = session().checkpointPath();
    QMetaObject::invokeMethod(worker_, [worker = worker_, checkpoint, path, requestId] {
        worker->predictFile(checkpoint, path, requestId);
    }, Qt::QueuedConnection);
}

void PredictWorkspace::onPredicted(int requestId, const Prediction& prediction)
{
    if (requestId != requestId_)
        return;
    setBusy(false);
    showPrediction(prediction);
}

void PredictWorkspace::showPrediction(const Prediction& p)
{
    last_ = p;
    if (!p.ok()) {
        clearResult();
        messageBar_->showMessage(MessageBar::Kind::Error,
                                 tr("%1 cannot be graded: %2")
                                     .arg(QFileInfo(QString::fromStdString(p.path)).fileName(), QString::fromStdString(p.error)));
        view_->setPlaceholderText(tr("This file cannot be shown."));
        emit predictionShown(p);
        return;
    }
    const QColor colour = gradeColor(p.grade);
    grade_->setText(tr("KL%1 · %2").arg(p.grade).arg(QString::fromStdString(p.gradeName)));
    // When the file belongs to the open dataset, its folder's grade is shown for comparison.
    if (const auto splits = session().datasetSplits()) {
        for (int s = 0; s < kNumSplits; ++s)
            for (const DatasetItem& item : splits->items(static_cast<Split>(s)))
                if (item.path == p.path && item.grade >= 0)
                    fileLabel_->setText(tr("<b>%1</b><br>Dataset label: %2 (%3 split)")
                                            .arg(QFileInfo(QString::fromStdString(p.path)).fileName().toHtmlEscaped(),
                                                 QString::fromStdString(kg::gradeLabel(item.grade)),
                                                 QString::fromStdString(splitName(static_cast<Split>(s)))));
    }
    grade_->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(colour.name()));
    description_->setText(QString::fromStdString(p.gradeDescription.empty() ? gradeDescription(p.grade) : p.gradeDescription));
    confidence_->setText(tr("Confidence <b>%1</b><br>Uncertainty (normalised entropy) %2")
                             .arg(formatPercent(p.confidence))
                             .arg(p.normalisedEntropy, 0, 'f', 2));
    if (p.lowConfidence) {
        lowConfidence_->setText(tr("⚠ Low confidence: the probabilities are spread over several grades. Treat this "
                                   "grade as a guess and look at the neighbouring grades too."));
        lowConfidence_->show();
    }
    bars_->setProbabilities(p.probabilities, p.grade);
    if (!p.heatmap.empty()) {
        view_->setOverlay(toQImage(colorizeHeatMap(p.heatmap, Colormap::Turbo)));
        gradCamNote_->setText(tr("<b>Grad-CAM</b> (turbo colours, red = strongest): where the evidence for KL%1 "
                                 "lies in the image. It shows where the model looked, not why.")
                                  .arg(p.explainedGrade));
    }
    emit statusMessage(tr("Graded %1: KL%2 (%3)")
                           .arg(QFileInfo(QString::fromStdString(p.path)).fileName())
                           .arg(p.grade)
                           .arg(formatPercent(p.confidence)),
                       6000);
    emit predictionShown(p);
}

void PredictWorkspace::predictFolder(const QString& folder)
{
    messageBar_->hideMessage();
    std::vector<std::string> files;
    try {
        files = listImageFiles(folder.toStdString(), true);
    } catch (const std::exception& error) {
        messageBar_->showMessage(MessageBar::Kind::Error, QString::fromStdString(error.what()));
        return;
    }
    tabs_->setCurrentIndex(1);
    if (files.empty()) {
        batchStatus_->setText(tr("%1 holds no images.").arg(QDir::toNativeSeparators(folder)));
        return;
    }
    if (!requireCheckpoint())
        return;
    QStringList paths;
    for (const std::string& file : files)
        paths << QString::fromStdString(file);
    batch_.clear();
    model_->clear();
    exportAction_->setEnabled(false);
    batchStatus_->setText(tr("Grading %n image(s) of %1…", nullptr, paths.size()).arg(QDir::toNativeSeparators(folder)));
    const int requestId = ++requestId_;
    setBusy(true);
    const QString checkpoint = session().checkpointPath();
    QMetaObject::invokeMethod(worker_, [worker = worker_, checkpoint, paths, requestId] {
        worker->predictFiles(checkpoint, paths, requestId);
    }, Qt::QueuedConnection);
}

void PredictWorkspace::onBatchProgress(int requestId, int done, int total)
{
    if (requestId != requestId_)
        return;
    batchStatus_->setText(tr("Grading… %1 / %2").arg(done).arg(total));
    emit progressChanged(done, total, tr("Grading %1 / %2").arg(done).arg(total));
}

void PredictWorkspace::onBatchPredicted(int requestId, const std::vector<Prediction>& predictions)
{
    if (requestId != requestId_)
        return;
    setBusy(false);
    batch_ = predictions;
    try {
        batchClassNames_ = readCheckpointMeta(session().checkpointPath().toStdString()).classNames;
    } catch (const std::exception&) {
        batchClassNames_.clear();
    }
    model_->clear();
    QStringList headers{tr("File"), tr("Grade"), tr("Confidence"), tr("Low confidence")};
    for (int g = 0; g < 5; ++g)
        headers << tr("P(KL%1)").arg(g);
    headers << tr("Problem");
    model_->setHorizontalHeaderLabels(headers);
    int failures = 0;
    for (const Prediction& p : predictions) {
        const QString path = QString::fromStdString(p.path);
        QList<QStandardItem*> row;
        auto* file = sortableItem(QFileInfo(path).fileName(), QFileInfo(path).fileName());
        file->setData(path, Qt::UserRole + 1);
        file->setToolTip(QDir::toNativeSeparators(path));
        row << file;
        if (p.ok()) {
            auto* grade = sortableItem(tr("KL%1 %2").arg(p.grade).arg(QString::fromStdString(p.gradeName)), p.grade);
            grade->setForeground(gradeColor(p.grade));
            row << grade << sortableItem(formatPercent(p.confidence), p.confidence)
                << sortableItem(p.lowConfidence ? tr("yes") : QString(), p.lowConfidence ? 1 : 0);
            for (int g = 0; g < 5; ++g) {
                const double value = g < static_cast<int>(p.probabilities.size()) ? p.probabilities[static_cast<size_t>(g)] : 0.0;
                row << sortableItem(QString::number(value, 'f', 3), value);
            }
            row << sortableItem({}, QString());
        } else {
            ++failures;
            row << sortableItem(QStringLiteral("—"), -1) << sortableItem({}, -1.0) << sortableItem({}, -1);
            for (int g = 0; g < 5; ++g)
                row << sortableItem({}, -1.0);
            row << sortableItem(QString::fromStdString(p.error), QString::fromStdString(p.error));
        }
        model_->appendRow(row);
    }
    table_->resizeColumnsToContents();
    batchStatus_->setText(tr("%n image(s) graded", nullptr, static_cast<int>(predictions.size()) - failures)
                          + (failures ? tr(", %n could not be read", nullptr, failures) : QString())
                          + tr(". Click a column to sort; double-click a row to see the image and its Grad-CAM."));
    exportAction_->setEnabled(!batch_.empty());
    emit batchFinished(static_cast<int>(predictions.size()));
}

void PredictWorkspace::onFailed(int requestId, const QString& message)
{
    if (requestId != requestId_)
        return;
    setBusy(false);
    messageBar_->showMessage(MessageBar::Kind::Error, tr("The model cannot be used: %1").arg(message));
    Prediction failed;
    failed.error = message.toStdString();
    emit predictionShown(failed);
}

bool PredictWorkspace::exportCsv(const QString& path)
{
    if (batch_.empty())
        return false;
    try {
        writeCsvFile(path.toStdString(),
                     [this](std::ostream& out) { writePredictionsCsv(out, batch_, batchClassNames_); });
    } catch (const std::exception& error) {
        messageBar_->showMessage(MessageBar::Kind::Error, QString::fromStdString(error.what()));
        return false;
    }
    emit statusMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 6000);
    return true;
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
