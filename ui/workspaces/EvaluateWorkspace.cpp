#include "ui/workspaces/EvaluateWorkspace.h"
#include "ui/utility/Language.h"

#include "ui/Session.h"
#include "ui/dialogs/ImageDetailsDialog.h"
#include "ui/utility/DialogFolders.h"
#include "ui/utility/Colors.h"
#include "ui/utility/Format.h"
#include "ui/utility/Icons.h"
#include "ui/utility/RadiographImage.h"
#include "ui/widgets/ConfusionMatrixWidget.h"
#include "ui/widgets/MessageBar.h"
#include "ui/widgets/ResearchBanner.h"
#include "ui/workers/EvaluationWorker.h"
#include "ui/workers/WorkerThread.h"

#include "core/data/Grades.h"
#include "core/eval/ResultsCsv.h"
#include "ui/report/ReportPdf.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QResizeEvent>
#include <QSplitter>
#include <QTableWidget>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>
#include <exception>

namespace kg::ui {
namespace {

constexpr int kBrowserThumbnail = 104;
constexpr int kBrowserLimit = 300;   // thumbnails decoded per listing; the CSV has every image
constexpr int kCheckpointLabelWidth = 200;

QString gradeShort(int grade)
{
    return QStringLiteral("KL%1").arg(grade);
}

QStringList classLabels(const EvaluationResult& result)
{
    QStringList labels;
    const auto& names = result.metrics.classNames;
    for (size_t g = 0; g < names.size(); ++g)
        labels << (names.size() == 5 ? gradeDisplayLabel(int(g))
                                     : QStringLiteral("KL%1 %2").arg(g).arg(QString::fromStdString(names[g])));
    return labels;
}

QString number(double value, int decimals = 3)
{
    return std::isfinite(value) ? QString::number(value, 'f', decimals) : QStringLiteral("—");
}

} // namespace

EvaluateWorkspace::EvaluateWorkspace(Session& session, QWidget* parent)
    : Workspace(session, parent)
{
    setObjectName(QStringLiteral("EvaluateWorkspace"));

    auto* toolBar = addToolBar(tr("Evaluate"));
    toolBar->setObjectName(QStringLiteral("evaluateToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(themedIcon(QStringLiteral("open-checkpoint")), tr("Checkpoint…"), this, [this] {
        const QString start = dialogStartFolder(this->session(), DialogPurpose::Checkpoint);
        const QString path = QFileDialog::getOpenFileName(this, tr("Open Checkpoint"), start,
                                                          tr("KneeGrade checkpoints (*.kgckpt);;All files (*)"));
        if (!path.isEmpty()) {
            rememberDialogFolder(this->session(), DialogPurpose::Checkpoint, path);
            this->session().setCheckpointPath(path);
        }
    });
    checkpointLabel_ = new QLabel(this);
    checkpointLabel_->setObjectName(QStringLiteral("checkpointLabel"));
    checkpointLabel_->setMinimumWidth(120);
    toolBar->addWidget(checkpointLabel_);
    toolBar->addSeparator();
    toolBar->addWidget(new QLabel(tr("Split: "), this));
    split_ = new QComboBox(this);
    for (Split split : {Split::Test, Split::Val, Split::Train, Split::AutoTest})
        split_->addItem(QString::fromStdString(splitName(split)), static_cast<int>(split));
    split_->setToolTip(tr("Report on the test split; use val while tuning, so the test set stays unseen"));
    toolBar->addWidget(split_);
    tta_ = new QCheckBox(tr("Flip TTA"), this);
    tta_->setToolTip(tr("Flip test-time augmentation: each image is graded twice, as it is and mirrored left to "
                        "right, and the two answers are averaged. Slower (two passes), often a little steadier."));
    tta_->setWhatsThis(tr("<b>Flip TTA</b> (test-time augmentation) grades every image twice — once as it is and once "
                          "mirrored left to right, as a left knee looks like a right one — and averages the two sets "
                          "of probabilities. It costs twice the time and usually changes the metrics only slightly; "
                          "a large change means the model leans on which side of the image things are."));
    toolBar->addWidget(tta_);
    evaluateAction_ = toolBar->addAction(themedIcon(QStringLiteral("start")), tr("Evaluate"), this, &EvaluateWorkspace::evaluate);
    evaluateAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    evaluateAction_->setToolTip(tr("Evaluate the checkpoint on this split (Ctrl+E)"));
    cancelAction_ = toolBar->addAction(themedIcon(QStringLiteral("stop")), tr("Cancel"), this, &EvaluateWorkspace::cancel);
    toolBar->addSeparator();
    normaliseAction_ = toolBar->addAction(tr("Row %"));
    normaliseAction_->setCheckable(true);
    normaliseAction_->setToolTip(tr("Row %: show each row of the confusion matrix as percentages of the images of "
                                    "that true grade, instead of counts. The diagonal then reads as the share of "
                                    "each grade graded right (its recall)."));
    normaliseAction_->setWhatsThis(tr("<b>Row %</b> divides every cell of the confusion matrix by the number of images "
                                      "of its row's true grade. Each row then sums to 100 %: the diagonal cell says how "
                                      "many of that grade were graded right, the others where the rest went. Useful "
                                      "when grades have very different numbers of images."));
    toolBar->addSeparator();
    buildExportMenu(toolBar);
    toolBar_ = toolBar;

    // Central: summary line, progress, matrix | metrics and report.
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(8, 6, 8, 4);
    messageBar_ = new MessageBar(central);
    layout->addWidget(messageBar_);
    summary_ = new QLabel(tr("Choose a checkpoint and a split, then Evaluate."), central);
    summary_->setWordWrap(true);
    summary_->setObjectName(QStringLiteral("evaluationSummary"));
    layout->addWidget(summary_);
    progress_ = new QProgressBar(central);
    progress_->hide();
    layout->addWidget(progress_);
    auto* splitter = new QSplitter(Qt::Horizontal, central);
    matrix_ = new ConfusionMatrixWidget(splitter);
    auto* right = new QWidget(splitter);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    metrics_ = new QTableWidget(right);
    metrics_->setColumnCount(2);
    metrics_->setHorizontalHeaderLabels({tr("Metric"), tr("Value")});
    metrics_->verticalHeader()->hide();
    metrics_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    metrics_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    metrics_->setWordWrap(false);
    metrics_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    metrics_->setSelectionMode(QAbstractItemView::NoSelection);
    metrics_->setAlternatingRowColors(true);
    metrics_->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    metrics_->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    rightLayout->addWidget(metrics_, 0);
    reportText_ = new QPlainTextEdit(right);
    reportText_->setReadOnly(true);
    reportText_->setLineWrapMode(QPlainTextEdit::WidgetWidth);   // the report fits; long notes wrap
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    reportText_->setFont(mono);
    // Room for sklearn's report (about 54 columns) without a horizontal scroll bar.
    right->setMinimumWidth(QFontMetrics(mono).horizontalAdvance(QString(58, QLatin1Char('x'))) + 24);
    reportText_->setPlaceholderText(tr("The classification report (as scikit-learn prints it) appears here."));
    rightLayout->addWidget(reportText_, 1);
    splitter->addWidget(matrix_);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);
    setCentralWidget(central);

    // Image browser dock.
    auto* dock = new QDockWidget(tr("Images"), this);
    dock->setObjectName(QStringLiteral("imageBrowserDock"));
    auto* panel = new QWidget(dock);
    auto* panelLayout = new QVBoxLayout(panel);
    panelLayout->setContentsMargins(4, 4, 4, 4);
    panelLayout->addWidget(new ResearchBanner(panel));
    auto* titleRow = new QHBoxLayout;
    browserTitle_ = new QLabel(tr("Mistakes appear here after an evaluation."), panel);
    browserTitle_->setWordWrap(true);
    titleRow->addWidget(browserTitle_, 1);
    auto* mistakes = new QPushButton(tr("All Mistakes"), panel);
    mistakes->setToolTip(tr("Wrong predictions, most confident first"));
    connect(mistakes, &QPushButton::clicked, this, &EvaluateWorkspace::showMistakes);
    titleRow->addWidget(mistakes);
    panelLayout->addLayout(titleRow);
    browser_ = new QListWidget(panel);
    browser_->setViewMode(QListView::IconMode);
    browser_->setIconSize(QSize(kBrowserThumbnail, kBrowserThumbnail));
    browser_->setGridSize(QSize(kBrowserThumbnail + 24, kBrowserThumbnail + 2 * fontMetrics().height() + 12));
    browser_->setResizeMode(QListView::Adjust);
    browser_->setMovement(QListView::Static);
    browser_->setWordWrap(true);
    browser_->setUniformItemSizes(true);
    connect(browser_, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        auto* dialog = new ImageDetailsDialog(item->data(Qt::UserRole).toString(), item->data(Qt::UserRole + 1).toString(), this);
        dialog->show();
    });
    panelLayout->addWidget(browser_, 1);
    dock->setWidget(panel);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    browserDock_ = dock;

    connect(normaliseAction_, &QAction::toggled, this, [this](bool on) {
        matrix_->setMode(on ? ConfusionMatrixWidget::Mode::RowNormalised : ConfusionMatrixWidget::Mode::Counts);
    });
    connect(matrix_, &ConfusionMatrixWidget::cellClicked, this, &EvaluateWorkspace::showCell);
    connect(&session, &Session::checkpointChanged, this, [this] {
        updateCheckpointLabel();
        updateActions();
        if (evaluateWhenReady_)
            evaluateWhenReady();
    });
    connect(&session, &Session::datasetScanned, this, [this] {
        updateActions();
        if (evaluateWhenReady_)
            evaluateWhenReady();
    });
    updateCheckpointLabel();
    updateActions();
}

void EvaluateWorkspace::resizeEvent(QResizeEvent* event)
{
    Workspace::resizeEvent(event);
    // Text beside the icons while it fits; icons alone (names in the tool tips) before any
    // action would go into the tool bar's overflow menu.
    toolBar_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    if (toolBar_->orientation() == Qt::Horizontal && toolBar_->sizeHint().width() > event->size().width())
        toolBar_->setToolButtonStyle(Qt::ToolButtonIconOnly);
}

void EvaluateWorkspace::applyDefaultLayout()
{
    resizeDocks({browserDock_}, {kBrowserThumbnail + 3 * fontMetrics().height() + 110}, Qt::Vertical);
}

EvaluateWorkspace::~EvaluateWorkspace()
{
    stopWork();
}

QIcon EvaluateWorkspace::icon() const
{
    return themedIcon(QStringLiteral("evaluate"));
}

void EvaluateWorkspace::stopWork()
{
    if (worker_)
        worker_->cancel();
    thread_.reset();
    worker_ = nullptr;
    if (running_) {
        running_ = false;
        emit busyChanged(false);
    }
}

void EvaluateWorkspace::setSplit(Split split)
{
    split_->setCurrentIndex(split_->findData(static_cast<int>(split)));
}

void EvaluateWorkspace::updateCheckpointLabel()
{
    const QString path = session().checkpointPath();
    // Elided, so that a long run name leaves the tool bar's actions room on a small screen.
    const QString name = QStringLiteral("%1/%2").arg(QFileInfo(path).dir().dirName(), QFileInfo(path).fileName());
    checkpointLabel_->setText(path.isEmpty() ? tr("<i>no checkpoint</i>")
                                             : QStringLiteral(" %1 ").arg(checkpointLabel_->fontMetrics()
                                                                              .elidedText(name, Qt::ElideMiddle, kCheckpointLabelWidth)
                                                                              .toHtmlEscaped()));
    checkpointLabel_->setToolTip(QDir::toNativeSeparators(path));
}

void EvaluateWorkspace::updateActions()
{
    const bool ready = !session().checkpointPath().isEmpty() && session().datasetSplits();
    evaluateAction_->setEnabled(ready && !running_);
    cancelAction_->setEnabled(running_);
    pdfAction_->setEnabled(result_ && !running_ && !exporting_);
    csvAction_->setEnabled(result_ && !running_);
    metricsCsvAction_->setEnabled(result_ && !running_);
}

void EvaluateWorkspace::evaluateWhenReady()
{
    if (!session().checkpointPath().isEmpty() && session().datasetSplits()) {
        evaluateWhenReady_ = false;
        evaluate();
    } else {
        evaluateWhenReady_ = true;
    }
}

bool EvaluateWorkspace::evaluate()
{
    if (running_)
        return false;
    messageBar_->hideMessage();
    if (session().checkpointPath().isEmpty() || !session().datasetSplits()) {
        messageBar_->showMessage(MessageBar::Kind::Warning,
                                 tr("Evaluation needs a dataset (Dataset workspace) and a checkpoint (train one, or "
                                    "Checkpoint…)."));
        return false;
    }
    const auto split = static_cast<Split>(split_->currentData().toInt());
    if (session().datasetSplits()->items(split).empty()) {
        messageBar_->showMessage(MessageBar::Kind::Warning,
                                 tr("The %1 split of this dataset is empty.").arg(split_->currentText()));
        return false;
    }
    EvaluationOptions options;
    options.checkpoint = session().checkpointPath().toStdString();
    options.dataRoot = session().datasetRoot().toStdString();
    options.split = split;
    options.tta = tta_->isChecked();

    worker_ = new EvaluationWorker;
    connect(worker_, &EvaluationWorker::progress, this, &EvaluateWorkspace::onProgress);
    connect(worker_, &EvaluationWorker::finished, this, &EvaluateWorkspace::onFinished);
    connect(worker_, &EvaluationWorker::failed, this, &EvaluateWorkspace::onFailed);
    thread_ = std::make_unique<WorkerThread>(worker_, QStringLiteral("EvaluationWorker"));
    QMetaObject::invokeMethod(worker_, [worker = worker_, options] { worker->evaluate(options); }, Qt::QueuedConnection);
    running_ = true;
    progress_->setRange(0, 0);
    progress_->show();
    summary_->setText(tr("Evaluating %1 on the %2 split…")
                          .arg(QFileInfo(session().checkpointPath()).fileName(), split_->currentText()));
    updateActions();
    emit busyChanged(true);
    emit progressChanged(0, 0, tr("Evaluating…"));
    return true;
}

void EvaluateWorkspace::cancel()
{
    if (worker_)
        worker_->cancel();
}

void EvaluateWorkspace::onProgress(const EvaluationProgress& p)
{
    progress_->setRange(0, static_cast<int>(p.total));
    progress_->setValue(static_cast<int>(p.done));
    progress_->setFormat(tr("%v / %m images · %1 images/s · ETA %2")
                             .arg(p.imagesPerSecond, 0, 'f', 1)
                             .arg(formatDuration(p.etaSeconds)));
    emit progressChanged(static_cast<int>(p.done), static_cast<int>(p.total),
                         tr("Evaluating %1 / %2").arg(p.done).arg(p.total));
}

void EvaluateWorkspace::finishRun()
{
    thread_.reset();
    worker_ = nullptr;
    running_ = false;
    progress_->hide();
    updateActions();
    emit busyChanged(false);
    emit progressChanged(-1, 0, {});
}

void EvaluateWorkspace::onFinished(std::shared_ptr<const EvaluationResult> result)
{
    finishRun();
    if (result->cancelled) {
        summary_->setText(tr("Evaluation cancelled."));
        return;
    }
    result_ = std::move(result);
    showResult();
    updateActions();
    emit evaluationFinished();
}

void EvaluateWorkspace::onFailed(const QString& message)
{
    finishRun();
    messageBar_->showMessage(MessageBar::Kind::Error, tr("Evaluation failed: %1").arg(message));
    summary_->setText(tr("No evaluation."));
}

void EvaluateWorkspace::showResult()
{
    const EvaluationResult& r = *result_;
    const EvaluationMetrics& m = r.metrics;
    const QStringList labels = classLabels(r);
    matrix_->setMatrix(m.confusion.counts(), labels);

    summary_->setText(tr("<b>%1</b> (%2) on the <b>%3</b> split: %n image(s) · accuracy <b>%4</b> · QWK <b>%5</b> · "
                         "%6 images/s on %7%8",
                         nullptr, static_cast<int>(r.predictions.size()))
                          .arg(QFileInfo(QString::fromStdString(r.checkpoint)).fileName().toHtmlEscaped(),
                               QString::fromStdString(r.architecture), QString::fromStdString(r.split))
                          .arg(formatPercent(m.accuracy), number(m.quadraticWeightedKappa))
                          .arg(r.imagesPerSecond, 0, 'f', 1)
                          .arg(QString::fromStdString(r.device).toHtmlEscaped())
                          .arg(r.skipped.empty() ? QString()
                                                 : tr(" · <span style='color:#c0392b'>%n file(s) could not be read</span>",
                                                      nullptr, static_cast<int>(r.skipped.size()))));

    QList<QPair<QString, QString>> rows;
    rows << qMakePair(tr("Accuracy"), formatPercent(m.accuracy));
    rows << qMakePair(tr("Balanced accuracy"), formatPercent(m.balancedAccuracy));
    rows << qMakePair(tr("Quadratic weighted kappa"), number(m.quadraticWeightedKappa));
    rows << qMakePair(tr("Mean absolute error"), tr("%1 grades").arg(number(m.meanAbsoluteError, 2)));
    if (m.hasProbabilities) {
        rows << qMakePair(tr("Macro ROC AUC"), number(m.macroRocAuc));
        rows << qMakePair(tr("Calibration error (ECE)"), number(m.calibration.expectedCalibrationError));
    }
    rows << qMakePair(tr("Loss (cross-entropy)"), number(r.loss, 4));
    rows << qMakePair(tr("Out of distribution"),
                      r.hasOodGate ? tr("%1 of %2 (%3)")
                                         .arg(r.outOfDistribution)
                                         .arg(r.predictions.size())
                                         .arg(formatPercent(r.predictions.empty() ? 0.0
                                                                                  : double(r.outOfDistribution) / r.predictions.size()))
                                   : tr("no gate (kneegrade-cli calibrate)"));
    for (size_t g = 0; g < m.sensitivity.size(); ++g) {
        QString value = tr("sens %1 · spec %2").arg(number(m.sensitivity[g], 2), number(m.specificity[g], 2));
        if (g < m.rocAuc.size())
            value += tr(" · AUC %1").arg(number(m.rocAuc[g], 2));
        rows << qMakePair(labels.value(static_cast<int>(g)), value);
    }
    metrics_->setRowCount(rows.size());
    for (int i = 0; i < rows.size(); ++i) {
        metrics_->setItem(i, 0, new QTableWidgetItem(rows[i].first));
        auto* value = new QTableWidgetItem(rows[i].second);
        value->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        metrics_->setItem(i, 1, value);
    }
    metrics_->resizeRowsToContents();

    QString text = QString::fromStdString(m.reportText);
    for (const std::string& warning : m.warnings)
        text += QStringLiteral("\nNote: ") + QString::fromStdString(warning);
    for (const auto& skipped : r.skipped)
        text += QStringLiteral("\nSkipped: %1").arg(QString::fromStdString(skipped.path));
    reportText_->setPlainText(text);
    showMistakes();
}

void EvaluateWorkspace::showMistakes()
{
    if (!result_)
        return;
    std::vector<ImagePrediction> mistakes;
    for (const ImagePrediction& p : result_->predictions)
        if (p.trueGrade >= 0 && !p.correct())
            mistakes.push_back(p);
    mistakes = sortPredictions(std::move(mistakes), PredictionOrder::ConfidenceDescending);
    matrix_->setSelectedCell(-1, -1);
    fillBrowser(mistakes, tr("%n mistake(s), most confident first. Double-click an image to enlarge it.", nullptr,
                             static_cast<int>(mistakes.size())));
}

void EvaluateWorkspace::showCell(int trueGrade, int predictedGrade)
{
    if (!result_)
        return;
    std::vector<ImagePrediction> items;
    for (const ImagePrediction& p : result_->predictions)
        if (p.trueGrade == trueGrade && p.predictedGrade == predictedGrade)
            items.push_back(p);
    items = sortPredictions(std::move(items), PredictionOrder::ConfidenceDescending);
    fillBrowser(items, tr("True %1, predicted %2: %n image(s), most confident first.", nullptr, static_cast<int>(items.size()))
                           .arg(gradeShort(trueGrade), gradeShort(predictedGrade)));
}

void EvaluateWorkspace::fillBrowser(const std::vector<ImagePrediction>& items, const QString& title)
{
    const int generation = ++browserGeneration_;
    browser_->clear();
    browserTitle_->setText(items.size() > static_cast<size_t>(kBrowserLimit)
                               ? title + tr(" Showing the first %1.").arg(kBrowserLimit)
                               : title);
    QPixmap placeholder(kBrowserThumbnail, kBrowserThumbnail);
    placeholder.fill(QColor(16, 16, 18));
    const size_t count = std::min(items.size(), static_cast<size_t>(kBrowserLimit));
    for (size_t i = 0; i < count; ++i) {
        const ImagePrediction& p = items[i];
        const QString path = QString::fromStdString(p.path);
        auto* item = new QListWidgetItem(QIcon(placeholder),
                                         tr("%1 → %2\n%3").arg(gradeShort(p.trueGrade), gradeShort(p.predictedGrade),
                                                               formatPercent(p.confidence)));
        item->setData(Qt::UserRole, path);
        item->setData(Qt::UserRole + 1, tr("true %1, predicted %2 with %3")
                                            .arg(gradeDisplayLabel(p.trueGrade),
                                                 gradeDisplayLabel(p.predictedGrade),
                                                 formatPercent(p.confidence)));
        // The out-of-distribution score per image (NaN without a gate); a flagged image says so.
        item->setToolTip(std::isnan(p.oodScore) ? QDir::toNativeSeparators(path)
                                                : tr("%1\nOut-of-distribution score %2%3")
                                                      .arg(QDir::toNativeSeparators(path))
                                                      .arg(p.oodScore, 0, 'f', 2)
                                                      .arg(p.outOfDistribution ? tr(": unlike the training images") : QString()));
        if (p.outOfDistribution)
            item->setText(item->text() + tr(" · OOD %1").arg(p.oodScore, 0, 'f', 1));
        item->setForeground(p.correct() ? palette().color(QPalette::WindowText) : QColor(0xd0, 0x40, 0x40));
        browser_->addItem(item);
        auto* watcher = new QFutureWatcher<QImage>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, row = static_cast<int>(i)] {
            const QImage image = watcher->result();
            watcher->deleteLater();
            if (generation != browserGeneration_ || image.isNull())
                return;
            if (QListWidgetItem* target = browser_->item(row))
                target->setIcon(QIcon(QPixmap::fromImage(image)));
        });
        watcher->setFuture(QtConcurrent::run([path] {
            QString error;
            return loadDisplayImage(path, kBrowserThumbnail, &error);
        }));
    }
}

} // namespace kg::ui
