#include "ui/workspaces/DatasetWorkspace.h"
#include "ui/utility/Language.h"

#include "ui/Session.h"
#include "ui/dialogs/ImageDetailsDialog.h"
#include "ui/utility/DialogFolders.h"
#include "ui/utility/Colors.h"
#include "ui/utility/Format.h"
#include "ui/utility/Icons.h"
#include "ui/utility/RadiographImage.h"
#include "ui/widgets/ClassBalanceChart.h"
#include "ui/widgets/MessageBar.h"
#include "ui/widgets/SampleGridWidget.h"
#include "ui/widgets/WelcomePage.h"
#include "ui/workers/DatasetLoader.h"
#include "ui/workers/DemoDataset.h"
#include "ui/workers/WorkerThread.h"

#include "core/data/Grades.h"
#include "core/data/SampleGrid.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QProgressDialog>
#include <QPushButton>
#include <QRandomGenerator>
#include <QScreen>
#include <QStackedWidget>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace kg::ui {
namespace {

constexpr int kThumbnailSide = 256;

QString droppedFolder(const QMimeData* mime)
{
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isDir())
            return url.toLocalFile();
    return {};
}

} // namespace

DatasetWorkspace::DatasetWorkspace(Session& session, QWidget* parent)
    : Workspace(session, parent)
{
    setObjectName(QStringLiteral("DatasetWorkspace"));
    setAcceptDrops(true);

    // Tool bar.
    auto* toolBar = addToolBar(tr("Dataset"));
    toolBar->setObjectName(QStringLiteral("datasetToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto* openAction = toolBar->addAction(themedIcon(QStringLiteral("open-folder")), tr("Open Folder…"), this,
                                          &DatasetWorkspace::openFolderDialog);
    openAction->setToolTip(tr("Open a dataset folder (train/, val/, test/ with one folder per grade)"));
    recentMenu_ = new QMenu(tr("Recent"), this);
    auto* recentButton = new QToolButton(this);
    recentButton->setText(tr("Recent"));
    recentButton->setMenu(recentMenu_);
    recentButton->setPopupMode(QToolButton::InstantPopup);
    recentButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolBar->addWidget(recentButton);
    auto* demoAction = toolBar->addAction(themedIcon(QStringLiteral("demo")), tr("Demo Dataset"), this,
                                          &DatasetWorkspace::openDemoDataset);
    demoAction->setToolTip(tr("Open the built-in synthetic knee phantoms (made once, then cached)"));
    demoAction->setObjectName(QStringLiteral("demoAction"));
    toolBar->addSeparator();
    toolBar->addWidget(new QLabel(tr("Split: "), this));
    splitCombo_ = new QComboBox(this);
    splitCombo_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    splitCombo_->setToolTip(tr("Which split the sample grid draws from"));
    toolBar->addWidget(splitCombo_);
    reshuffleAction_ = toolBar->addAction(themedIcon(QStringLiteral("shuffle")), tr("Reshuffle"), this,
                                          &DatasetWorkspace::reshuffle);
    reshuffleAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    reshuffleAction_->setToolTip(tr("Draw five other images per grade (Ctrl+R)"));
    reshuffleAction_->setEnabled(false);
    connect(splitCombo_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int) {
        if (splitCombo_->currentIndex() >= 0)
            showSplit(splitCombo_->currentData().toInt());
    });

    // Central: welcome page, or the grid with a header line.
    pages_ = new QStackedWidget(this);
    welcome_ = new WelcomePage(session, pages_);
    connect(welcome_, &WelcomePage::demoRequested, this, &DatasetWorkspace::openDemoDataset);
    connect(welcome_, &WelcomePage::openRequested, this, &DatasetWorkspace::openFolderDialog);
    connect(welcome_, &WelcomePage::recentRequested, this, &DatasetWorkspace::openDataset);
    auto* gridPage = new QWidget(pages_);
    auto* gridLayout = new QVBoxLayout(gridPage);
    gridLayout->setContentsMargins(8, 6, 8, 4);
    gridHeader_ = new QLabel(gridPage);
    gridHeader_->setWordWrap(true);
    gridHeader_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    gridLayout->addWidget(gridHeader_);
    grid_ = new SampleGridWidget(gridPage);
    grid_->setImageLoader([](const QString& path, QString* error) { return loadDisplayImage(path, kThumbnailSide, error); });
    gridLayout->addWidget(grid_, 1);
    connect(grid_, &SampleGridWidget::tileActivated, this, &DatasetWorkspace::showItemDetails);
    connect(grid_, &SampleGridWidget::loadingFinished, this, [this] {
        if (grid_->tileCount() > 0)
            emit gridReady();
    });
    pages_->addWidget(welcome_);
    pages_->addWidget(gridPage);

    auto* central = new QWidget(this);
    auto* centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(6, 6, 6, 0);
    messageBar_ = new MessageBar(central);
    centralLayout->addWidget(messageBar_);
    centralLayout->addWidget(pages_, 1);
    setCentralWidget(central);

    // Docks: class balance, and the report's warnings.
    auto* balanceDock = new QDockWidget(tr("Class Balance"), this);
    balanceDock->setObjectName(QStringLiteral("classBalanceDock"));
    balance_ = new ClassBalanceChart(balanceDock);
    balanceDock->setWidget(balance_);
    addDockWidget(Qt::RightDockWidgetArea, balanceDock);

    auto* reportDock = new QDockWidget(tr("Data Problems"), this);
    reportDock->setObjectName(QStringLiteral("reportDock"));
    auto* reportPanel = new QWidget(reportDock);
    auto* reportLayout = new QVBoxLayout(reportPanel);
    reportLayout->setContentsMargins(4, 4, 4, 4);
    reportProgress_ = new QProgressBar(reportPanel);
    reportProgress_->setFormat(tr("Checking every file… %v / %m"));
    reportProgress_->hide();
    reportLayout->addWidget(reportProgress_);
    reportList_ = new QListWidget(reportPanel);
    reportList_->setWordWrap(true);
    reportList_->setAlternatingRowColors(true);
    reportList_->setMinimumHeight(120);
    reportLayout->addWidget(reportList_, 1);
    fullReportButton_ = new QPushButton(tr("Full Report…"), reportPanel);
    fullReportButton_->setEnabled(false);
    connect(fullReportButton_, &QPushButton::clicked, this, &DatasetWorkspace::showFullReport);
    reportLayout->addWidget(fullReportButton_, 0, Qt::AlignRight);
    reportDock->setWidget(reportPanel);
    addDockWidget(Qt::RightDockWidgetArea, reportDock);
    resizeDocks({balanceDock}, {380}, Qt::Horizontal);
    resizeDocks({balanceDock, reportDock}, {3, 2}, Qt::Vertical);

    // The loader lives on its own thread for the workspace's lifetime.
    loader_ = new DatasetLoader;
    connect(loader_, &DatasetLoader::scanned, this, &DatasetWorkspace::onScanned);
    connect(loader_, &DatasetLoader::reportProgress, this, &DatasetWorkspace::onReportProgress);
    connect(loader_, &DatasetLoader::reportReady, this, &DatasetWorkspace::onReportReady);
    connect(loader_, &DatasetLoader::failed, this, &DatasetWorkspace::onFailed);
    loaderThread_ = std::make_unique<WorkerThread>(loader_, QStringLiteral("DatasetLoader"));

    connect(&session, &Session::datasetChanged, this, &DatasetWorkspace::onDatasetChanged);
    connect(&session, &Session::recentChanged, this, &DatasetWorkspace::rebuildRecentMenu);
    rebuildRecentMenu();
    pages_->setCurrentWidget(welcome_);
}

DatasetWorkspace::~DatasetWorkspace()
{
    stopWork();
}

QIcon DatasetWorkspace::icon() const
{
    return themedIcon(QStringLiteral("dataset"));
}

bool DatasetWorkspace::isBusy() const
{
    return loading_ || demoJob_ != nullptr;
}

void DatasetWorkspace::stopWork()
{
    if (demoJob_)
        demoJob_->cancel();
    demoThread_.reset();   // interrupts, quits and joins
    demoJob_ = nullptr;
    if (loader_)
        loader_->cancel();
    loaderThread_.reset();
    loader_ = nullptr;
}

void DatasetWorkspace::openFolderDialog()
{
    QStringList fallbacks;
    if (!session().datasetRoot().isEmpty() && !session().isDemoDataset())
        fallbacks << QFileInfo(session().datasetRoot()).absolutePath();   // where the open one was picked
    const QString start = dialogStartFolder(session(), DialogPurpose::Dataset, fallbacks);
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Dataset Folder"), start);
    if (!dir.isEmpty()) {
        rememberDialogFolder(session(), DialogPurpose::Dataset, dir, true);
        openDataset(dir);
    }
}

void DatasetWorkspace::openDataset(const QString& root)
{
    session().setDatasetRoot(root, QDir(root) == QDir(session().demoDatasetDir()));
}

void DatasetWorkspace::openDemoDataset()
{
    const QString dir = session().demoDatasetDir();
    const PhantomOptions options = DemoDataset::defaultOptions(dir);
    if (DemoDataset::isComplete(dir, options)) {
        session().setDatasetRoot(dir, true);
        return;
    }
    if (demoJob_)
        return;   // already being made
    emit statusMessage(tr("Making the demo dataset…"));
    demoJob_ = new DemoDatasetJob(options);
    demoProgress_ = new QProgressDialog(tr("Making the demo dataset: synthetic knee radiographs, once, on this "
                                           "computer…"),
                                        tr("Cancel"), 0, 0, this);
    demoProgress_->setWindowTitle(tr("Demo Dataset"));
    demoProgress_->setWindowModality(Qt::WindowModal);
    demoProgress_->setMinimumDuration(300);
    demoProgress_->setAutoClose(false);
    demoProgress_->setAutoReset(false);
    DemoDatasetJob* job = demoJob_;
    connect(demoProgress_, &QProgressDialog::canceled, this, [job] { job->cancel(); });
    connect(job, &DemoDatasetJob::progress, this, [this](int done, int total) {
        if (demoProgress_) {
            demoProgress_->setMaximum(total);
            demoProgress_->setValue(done);
        }
        emit progressChanged(done, total, tr("Demo dataset %1 / %2").arg(done).arg(total));
    });
    auto finish = [this] {
        if (demoProgress_) {
            demoProgress_->deleteLater();
            demoProgress_ = nullptr;
        }
        demoThread_.reset();
        demoJob_ = nullptr;
        emit progressChanged(-1, 0, {});
        emit busyChanged(isBusy());
    };
    connect(job, &DemoDatasetJob::finished, this, [this, finish](const QString& path) {
        finish();
        emit statusMessage(tr("Demo dataset ready"), 4000);
        session().setDatasetRoot(path, true);
    });
    connect(job, &DemoDatasetJob::failed, this, [this, finish](const QString& message) {
        finish();
        messageBar_->showMessage(MessageBar::Kind::Error, tr("The demo dataset could not be made: %1").arg(message));
    });
    connect(job, &DemoDatasetJob::cancelled, this, [this, finish] {
        finish();
        emit statusMessage(tr("Demo dataset cancelled"), 4000);
    });
    demoThread_ = std::make_unique<WorkerThread>(job, QStringLiteral("DemoDataset"));
    QMetaObject::invokeMethod(job, &DemoDatasetJob::run, Qt::QueuedConnection);
    emit busyChanged(true);
}

void DatasetWorkspace::setLoading(bool loading)
{
    if (loading_ == loading)
        return;
    loading_ = loading;
    emit busyChanged(isBusy());
    if (!loading)
        emit progressChanged(-1, 0, {});
}

void DatasetWorkspace::onDatasetChanged(const QString& root)
{
    splits_.reset();
    report_.reset();
    messageBar_->hideMessage();
    reportList_->clear();
    fullReportButton_->setEnabled(false);
    balance_->clear();
    grid_->clear();
    splitCombo_->clear();
    reshuffleAction_->setEnabled(false);
    if (root.isEmpty()) {
        pages_->setCurrentWidget(welcome_);
        setLoading(false);
        return;
    }
    if (!loader_)
        return;   // shutting down
    gridHeader_->setText(tr("Scanning <b>%1</b>…").arg(QDir::toNativeSeparators(root).toHtmlEscaped()));
    pages_->setCurrentIndex(1);
    setLoading(true);
    emit progressChanged(0, 0, tr("Scanning the dataset…"));
    const int generation = loader_->nextGeneration();
    QMetaObject::invokeMethod(loader_, [loader = loader_, root, generation] { loader->load(root, generation); },
                              Qt::QueuedConnection);
}

void DatasetWorkspace::onScanned(const QString& root, std::shared_ptr<const DatasetSplits> splits)
{
    if (root != session().datasetRoot())
        return;
    splits_ = splits;
    session().setDatasetSplits(splits);

    std::vector<ClassBalanceChart::SplitCounts> counts;
    splitCombo_->blockSignals(true);
    splitCombo_->clear();
    for (int s = 0; s < kNumSplits; ++s) {
        const auto split = static_cast<Split>(s);
        const auto& items = splits->items(split);
        if (items.empty())
            continue;
        ClassBalanceChart::SplitCounts row;
        row.name = QString::fromStdString(splitName(split));
        for (const DatasetItem& item : items)
            if (item.grade >= 0 && item.grade < kNumGrades)
                row.counts[static_cast<size_t>(item.grade)]++;
        counts.push_back(row);
        splitCombo_->addItem(tr("%1 (%n image(s))", nullptr, static_cast<int>(items.size())).arg(row.name), s);
    }
    splitCombo_->blockSignals(false);
    balance_->setCounts(counts);
    reshuffleAction_->setEnabled(splitCombo_->count() > 0);
    emit progressChanged(0, 0, tr("Checking every file…"));
    if (splitCombo_->count() > 0) {
        splitCombo_->setCurrentIndex(0);
        showSplit(splitCombo_->currentData().toInt());
    } else {
        gridHeader_->setText(tr("<b>%1</b> holds no images.").arg(QDir::toNativeSeparators(root).toHtmlEscaped()));
    }
    emit statusMessage(tr("Dataset opened: %n image(s)", nullptr, static_cast<int>(splits->size())), 5000);
}

void DatasetWorkspace::showSplit(int split)
{
    if (!splits_)
        return;
    const int index = splitCombo_->findData(split);
    if (index >= 0 && index != splitCombo_->currentIndex()) {
        splitCombo_->setCurrentIndex(index);   // re-enters through the signal
        return;
    }
    rebuildGrid();
}

void DatasetWorkspace::reshuffle()
{
    seed_ = QRandomGenerator::global()->bounded(1u, 1000000u);
    rebuildGrid();
}

void DatasetWorkspace::rebuildGrid()
{
    if (!splits_ || splitCombo_->currentIndex() < 0)
        return;
    const auto split = static_cast<Split>(splitCombo_->currentData().toInt());
    const auto& items = splits_->items(split);
    SampleGridOptions options;
    options.perGrade = 5;
    options.seed = seed_;
    const auto picked = pickSampleGrid(items, options);
    std::array<int, kNumGrades> counts{};
    for (const DatasetItem& item : items)
        if (item.grade >= 0 && item.grade < kNumGrades)
            counts[static_cast<size_t>(item.grade)]++;

    QVector<SampleGridWidget::Row> rows;
    for (int grade = 0; grade < static_cast<int>(picked.size()); ++grade) {
        SampleGridWidget::Row row;
        row.title = QStringLiteral("KL%1").arg(grade);
        row.subtitle = tr("%1\n%n image(s)", nullptr, counts[static_cast<size_t>(grade)])
                           .arg(gradeDisplayName(grade));
        row.detail = gradeDisplayLabel(grade) + QStringLiteral(": ") + gradeDisplayDescription(grade);
        row.colour = gradeColor(grade);
        for (const DatasetItem& item : picked[static_cast<size_t>(grade)])
            row.tiles.push_back({QString::fromStdString(item.path), QFileInfo(QString::fromStdString(item.path)).fileName()});
        rows.push_back(row);
    }
    QString origin = session().isDemoDataset() ? tr("Demo dataset (synthetic phantoms)")
                                               : QDir::toNativeSeparators(QString::fromStdString(splits_->root));
    QString note;
    if (split == Split::Val && splits_->valSplitFromTrain)
        note = tr(" · no val/ folder: %1 % of train held out by patient").arg(splits_->valFraction * 100.0, 0, 'f', 1);
    gridHeader_->setText(tr("<b>%1</b> · %2 split · %n image(s) · five random images per grade (seed %3)%4",
                            nullptr, static_cast<int>(items.size()))
                             .arg(origin.toHtmlEscaped(), QString::fromStdString(splitName(split)))
                             .arg(seed_)
                             .arg(note));
    grid_->setRows(rows);
}

void DatasetWorkspace::onReportProgress(const QString& root, int done, int total)
{
    if (root != session().datasetRoot())
        return;
    reportProgress_->show();
    reportProgress_->setMaximum(total);
    reportProgress_->setValue(done);
    emit progressChanged(done, total, tr("Checking files %1 / %2").arg(done).arg(total));
}

void DatasetWorkspace::onReportReady(const QString& root, std::shared_ptr<const DatasetReport> report)
{
    if (root != session().datasetRoot())
        return;
    report_ = report;
    reportProgress_->hide();
    reportList_->clear();
    const auto warnings = report->warnings();
    for (const std::string& warning : warnings) {
        auto* item = new QListWidgetItem(colouredIcon(QStringLiteral("warning"), QColor(0xe0, 0x9a, 0x1e)),
                                         QString::fromStdString(warning));
        item->setToolTip(item->text());
        reportList_->addItem(item);
    }
    if (warnings.empty())
        reportList_->addItem(new QListWidgetItem(colouredIcon(QStringLiteral("ok"), gradeColor(0)),
                                                 tr("No problems found: every file decodes, no duplicates or patients "
                                                    "shared between splits.")));
    fullReportButton_->setEnabled(true);
    setLoading(false);
}

void DatasetWorkspace::onFailed(const QString& root, const QString& message)
{
    if (root != session().datasetRoot())
        return;
    setLoading(false);
    pages_->setCurrentWidget(welcome_);
    messageBar_->showMessage(MessageBar::Kind::Error, tr("This folder cannot be opened as a dataset. %1").arg(message));
    emit statusMessage(tr("Dataset could not be opened"), 5000);
}

void DatasetWorkspace::rebuildRecentMenu()
{
    recentMenu_->clear();
    const QStringList recent = session().recentDatasets();
    for (const QString& path : recent)
        recentMenu_->addAction(QDir::toNativeSeparators(path), this, [this, path] { openDataset(path); });
    if (recent.isEmpty())
        recentMenu_->addAction(tr("No recent datasets"))->setEnabled(false);
}

void DatasetWorkspace::showItemDetails(const QString& path)
{
    QString gradeText;
    if (splits_) {
        for (int s = 0; s < kNumSplits && gradeText.isEmpty(); ++s)
            for (const DatasetItem& item : splits_->items(static_cast<Split>(s)))
                if (QString::fromStdString(item.path) == path) {
                    gradeText = tr("%1 (%2 split)").arg(gradeDisplayLabel(item.grade),
                                                       QString::fromStdString(splitName(static_cast<Split>(s))));
                    break;
                }
    }
    auto* dialog = new ImageDetailsDialog(path, gradeText, this);
    dialog->show();
}

void DatasetWorkspace::showFullReport()
{
    if (!report_)
        return;
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Dataset Report"));
    auto* layout = new QVBoxLayout(&dialog);
    auto* text = new QPlainTextEdit(&dialog);
    text->setReadOnly(true);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // A table: wrapped lines would fall out of line with its header; scroll sideways instead.
    text->setLineWrapMode(QPlainTextEdit::NoWrap);
    text->setObjectName(QStringLiteral("fullReportText"));
    const QString report = QString::fromStdString(report_->toText(50));
    text->setPlainText(report);
    layout->addWidget(text);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    // Wide enough for the longest line where the screen allows.
    int longest = 0;
    const QFontMetrics metrics(text->font());
    for (const QString& line : report.split(QLatin1Char('\n')))
        longest = std::max(longest, metrics.horizontalAdvance(line));
    const QRect screen = this->screen() ? this->screen()->availableGeometry() : QRect(0, 0, 1024, 700);
    dialog.resize(std::clamp(longest + 60, 760, std::max(760, screen.width() - 40)),
                  std::min(560, std::max(300, screen.height() - 80)));
    dialog.exec();
}

void DatasetWorkspace::dragEnterEvent(QDragEnterEvent* event)
{
    if (!droppedFolder(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void DatasetWorkspace::dropEvent(QDropEvent* event)
{
    const QString dir = droppedFolder(event->mimeData());
    if (dir.isEmpty())
        return;
    event->acceptProposedAction();
    openDataset(dir);
}

} // namespace kg::ui
