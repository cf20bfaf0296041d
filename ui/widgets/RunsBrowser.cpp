#include "ui/widgets/RunsBrowser.h"

#include "ui/utility/Format.h"
#include "ui/widgets/RunComparisonChart.h"

#include "core/train/TrainPresets.h"

#include <QCheckBox>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSet>
#include <QSplitter>
#include <QStyle>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace kg::ui {
namespace {

constexpr int kSortRole = Qt::UserRole;
constexpr int kIndexRole = Qt::UserRole + 1;
constexpr int kMaxCompared = 10;

/// Sorts by kSortRole (numbers as numbers), whatever the text shows.
class SortItem : public QTableWidgetItem {
public:
    SortItem(const QString& text, const QVariant& key) : QTableWidgetItem(text) { setData(kSortRole, key); }
    bool operator<(const QTableWidgetItem& other) const override
    {
        const QVariant a = data(kSortRole), b = other.data(kSortRole);
        if (a.typeId() == QMetaType::QString || b.typeId() == QMetaType::QString)
            return QString::compare(a.toString(), b.toString(), Qt::CaseInsensitive) < 0;
        return a.toDouble() < b.toDouble();
    }
};

QColor outcomeColor(RunOutcome outcome)
{
    switch (outcome) {
    case RunOutcome::Completed: return QColor(0x2e, 0x9d, 0x4f);
    case RunOutcome::EarlyStopped: return QColor(0x2a, 0x8c, 0x8c);
    case RunOutcome::Running: return QColor(0x2f, 0x78, 0xd0);
    case RunOutcome::Cancelled: return QColor(0xc7, 0x8a, 0x1c);
    case RunOutcome::Interrupted: return QColor(0xd0, 0x6a, 0x1c);
    case RunOutcome::Failed: return QColor(0xd0, 0x3b, 0x3b);
    case RunOutcome::Unknown: break;
    }
    return QColor(0x8a, 0x8a, 0x8a);
}

QIcon dotIcon(const QColor& color)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(1.5, 1.5, 9, 9));
    return QIcon(pixmap);
}

QString cleanPath(const QString& path)
{
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? QDir::cleanPath(info.absoluteFilePath()) : canonical;
}

QString presetName(const std::string& id)
{
    if (const TrainPreset* preset = findTrainPreset(id))
        return QString::fromStdString(preset->name);
    return RunsBrowser::tr("Custom");
}

QString epochsText(int done, int planned)
{
    return planned > 0 ? RunsBrowser::tr("%1 / %2").arg(done).arg(planned) : QString::number(done);
}

} // namespace

QString outcomeText(RunOutcome outcome)
{
    switch (outcome) {
    case RunOutcome::Completed: return RunsBrowser::tr("completed");
    case RunOutcome::EarlyStopped: return RunsBrowser::tr("early stopped");
    case RunOutcome::Cancelled: return RunsBrowser::tr("cancelled");
    case RunOutcome::Failed: return RunsBrowser::tr("failed");
    case RunOutcome::Running: return RunsBrowser::tr("running");
    case RunOutcome::Interrupted: return RunsBrowser::tr("interrupted");
    case RunOutcome::Unknown: break;
    }
    return RunsBrowser::tr("unknown");
}

QString checkpointMenuText(const QString& path)
{
    const CheckpointSummary c = describeCheckpoint(path.toStdString());
    const QFileInfo file(path);
    const QString name = file.dir().dirName() + QLatin1Char('/') + file.fileName();
    if (!c.problem.empty())
        return RunsBrowser::tr("%1 — cannot be read").arg(name);
    QStringList parts;
    parts << QString::fromStdString(c.architecture);
    if (c.runEpochs > 0 || c.epoch > 0)
        parts << RunsBrowser::tr("%1 epochs").arg(epochsText(c.runEpochs > 0 ? c.runEpochs : c.epoch, c.epochsPlanned));
    if (c.bestValAccuracy)
        parts << RunsBrowser::tr("best val %1").arg(formatPercent(*c.bestValAccuracy));
    if (!c.created.empty())
        parts << QString::fromStdString(c.created);
    if (c.outcome != RunOutcome::Unknown)
        parts << outcomeText(c.outcome);
    return RunsBrowser::tr("%1 — %2").arg(name, parts.join(QStringLiteral(" · ")));
}

RunsBrowser::RunsBrowser(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("RunsBrowser"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);

    auto* top = new QHBoxLayout;
    summary_ = new QLabel(this);
    summary_->setObjectName(QStringLiteral("runsSummary"));
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    top->addWidget(summary_, 1);
    onlyDataset_ = new QCheckBox(tr("Only runs of the open dataset"), this);
    onlyDataset_->setChecked(true);
    connect(onlyDataset_, &QCheckBox::toggled, this, &RunsBrowser::fillTable);
    top->addWidget(onlyDataset_);
    auto* add = new QPushButton(tr("Add Folder…"), this);
    add->setToolTip(tr("Also list the runs in another folder (for example runs trained with kneegrade-cli)"));
    connect(add, &QPushButton::clicked, this, &RunsBrowser::addLocation);
    top->addWidget(add);
    auto* refreshButton = new QPushButton(style()->standardIcon(QStyle::SP_BrowserReload), tr("Refresh"), this);
    connect(refreshButton, &QPushButton::clicked, this, &RunsBrowser::refresh);
    top->addWidget(refreshButton);
    layout->addLayout(top);

    splitter_ = new QSplitter(Qt::Vertical, this);
    table_ = new QTableWidget(0, ColumnCount, splitter_);
    table_->setObjectName(QStringLiteral("runsTable"));
    table_->setHorizontalHeaderLabels({tr("Run"), tr("Status"), tr("Architecture"), tr("Preset"), tr("Epochs"),
                                       tr("Best val accuracy"), tr("Best val loss"), tr("QWK"), tr("Image"), tr("Started")});
    table_->horizontalHeaderItem(EpochsColumn)->setToolTip(tr("Epochs finished / epochs planned"));
    table_->horizontalHeaderItem(AccuracyColumn)->setToolTip(tr("Highest validation accuracy of any epoch"));
    table_->horizontalHeaderItem(LossColumn)->setToolTip(tr("Lowest validation loss: the epoch best.kgckpt holds"));
    table_->horizontalHeaderItem(QwkColumn)->setToolTip(
        tr("Quadratic weighted kappa of the run's last evaluation in Evaluate (the test split's when there is one)"));
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setAlternatingRowColors(true);
    table_->setSortingEnabled(true);
    table_->setWordWrap(false);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    QHeaderView* header = table_->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(RunColumn, QHeaderView::Stretch);
    header->setMinimumSectionSize(fontMetrics().horizontalAdvance(QStringLiteral("0000 px")) + 12);
    table_->sortByColumn(StartedColumn, Qt::DescendingOrder);
    table_->setToolTip(tr("Select two or three runs (Ctrl+click) to compare their curves; double-click opens one in Train"));
    // Only the user's selections arrive here: the browser's own are made with signals blocked.
    connect(table_, &QTableWidget::itemSelectionChanged, this, [this] {
        autoCompare_ = false;
        updateChart();
        updateButtons();
    });
    connect(table_, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        if (const RunSummary* run = runAtRow(row))
            emit openRunRequested(QString::fromStdString(run->dir));
    });
    chart_ = new RunComparisonChart(splitter_);
    splitter_->addWidget(table_);
    splitter_->addWidget(chart_);
    splitter_->setStretchFactor(0, 1);
    splitter_->setStretchFactor(1, 2);
    splitter_->setChildrenCollapsible(false);
    layout->addWidget(splitter_, 1);

    auto* buttons = new QHBoxLayout;
    openButton_ = new QPushButton(tr("Open in Train"), this);
    openButton_->setToolTip(tr("Show this run's curves and options in the Train workspace"));
    resumeButton_ = new QPushButton(tr("Resume"), this);
    resumeButton_->setToolTip(tr("Continue a cancelled or interrupted run from its last checkpoint"));
    useButton_ = new QPushButton(tr("Use Best Checkpoint"), this);
    useButton_->setToolTip(tr("Evaluate and Predict with this run's best.kgckpt"));
    folderButton_ = new QPushButton(tr("Show Folder"), this);
    auto current = [this]() -> const RunSummary* {
        const auto runs = selectedRuns();
        return runs.size() == 1 ? runs.front() : nullptr;
    };
    connect(openButton_, &QPushButton::clicked, this, [this, current] {
        if (const RunSummary* run = current())
            emit openRunRequested(QString::fromStdString(run->dir));
    });
    connect(resumeButton_, &QPushButton::clicked, this, [this, current] {
        if (const RunSummary* run = current())
            emit resumeRunRequested(QString::fromStdString(run->dir));
    });
    connect(useButton_, &QPushButton::clicked, this, [this, current] {
        if (const RunSummary* run = current())
            emit useCheckpointRequested(QString::fromStdString(run->bestCheckpoint));
    });
    connect(folderButton_, &QPushButton::clicked, this, [current] {
        if (const RunSummary* run = current())
            QDesktopServices::openUrl(QUrl::fromLocalFile(QString::fromStdString(run->dir)));
    });
    for (QPushButton* button : {openButton_, resumeButton_, useButton_, folderButton_})
        buttons->addWidget(button);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    updateButtons();
}

RunsBrowser::~RunsBrowser() = default;

void RunsBrowser::setLocations(const QStringList& folders)
{
    QStringList unique;
    for (const QString& folder : folders)
        if (!folder.isEmpty() && !unique.contains(QDir::cleanPath(folder)))
            unique << QDir::cleanPath(folder);
    locations_ = unique;
}

void RunsBrowser::setDataset(const QString& dataRoot, const QString& displayName)
{
    dataRoot_ = dataRoot.isEmpty() ? QString() : cleanPath(dataRoot);
    onlyDataset_->setEnabled(!dataRoot_.isEmpty());
    onlyDataset_->setText(displayName.isEmpty() ? tr("Only runs of the open dataset")
                                                : tr("Only runs of %1").arg(displayName));
    fillTable();
}

void RunsBrowser::setActiveRun(const QString& runDir)
{
    activeRun_ = runDir.isEmpty() ? QString() : cleanPath(runDir);
}

void RunsBrowser::addLocation()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Add a Runs Folder"),
                                                          locations_.isEmpty() ? QDir::homePath() : locations_.front());
    if (dir.isEmpty())
        return;
    locations_ << QDir::cleanPath(dir);
    refresh();
}

void RunsBrowser::refresh()
{
    runs_.clear();
    QSet<QString> seen;
    for (const QString& folder : locations_) {
        for (RunSummary& run : scanRuns(folder.toStdString())) {
            const QString dir = cleanPath(QString::fromStdString(run.dir));
            if (seen.contains(dir))
                continue;
            seen.insert(dir);
            if (!activeRun_.isEmpty() && dir == activeRun_)
                run.outcome = RunOutcome::Running;
            runs_.push_back(std::move(run));
        }
    }
    std::stable_sort(runs_.begin(), runs_.end(),
                     [](const RunSummary& a, const RunSummary& b) { return a.startedSeconds > b.startedSeconds; });
    fillTable();
}

void RunsBrowser::refreshActiveRun()
{
    const auto listed = std::find_if(runs_.begin(), runs_.end(), [this](const RunSummary& run) {
        return !activeRun_.isEmpty() && cleanPath(QString::fromStdString(run.dir)) == activeRun_;
    });
    if (listed == runs_.end()) {
        refresh();
        return;
    }
    RunSummary run = readRunSummary(listed->dir);
    run.outcome = RunOutcome::Running;
    *listed = std::move(run);
    fillTable();
}

void RunsBrowser::fillTable()
{
    QStringList selected;
    for (const RunSummary* run : selectedRuns())
        selected << QString::fromStdString(run->dir);

    const bool filter = onlyDataset_->isChecked() && !dataRoot_.isEmpty();
    const QSignalBlocker block(table_);
    table_->setSortingEnabled(false);
    table_->clearContents();
    table_->setRowCount(0);
    int shown = 0;
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (size_t i = 0; i < runs_.size(); ++i) {
        const RunSummary& run = runs_[i];
        if (filter && !run.dataRoot.empty() && cleanPath(QString::fromStdString(run.dataRoot)) != dataRoot_)
            continue;
        const int row = shown++;
        table_->insertRow(row);
        const QString name = QString::fromStdString(run.name);
        auto* nameItem = new SortItem(name, name);
        nameItem->setData(kIndexRole, static_cast<int>(i));
        QStringList tip{QDir::toNativeSeparators(QString::fromStdString(run.dir))};
        if (!run.dataRoot.empty())
            tip << tr("Dataset: %1").arg(QDir::toNativeSeparators(QString::fromStdString(run.dataRoot)));
        for (const std::string& problem : run.problems)
            tip << tr("Problem: %1").arg(QString::fromStdString(problem));
        if (!run.problems.empty())
            nameItem->setIcon(warning);
        nameItem->setToolTip(tip.join(QLatin1Char('\n')));
        table_->setItem(row, RunColumn, nameItem);

        auto* status = new SortItem(outcomeText(run.outcome), static_cast<int>(run.outcome));
        status->setIcon(dotIcon(outcomeColor(run.outcome)));
        status->setForeground(outcomeColor(run.outcome));
        QFont bold = status->font();
        bold.setBold(true);
        status->setFont(bold);
        QString statusTip = run.outcomeDetail.empty() ? QString() : QString::fromStdString(run.outcomeDetail);
        if (run.resumable())
            statusTip += (statusTip.isEmpty() ? QString() : QStringLiteral("\n")) + tr("Resume continues it from epoch %1.").arg(run.epochsDone + 1);
        status->setToolTip(statusTip);
        table_->setItem(row, StatusColumn, status);

        const QString architecture = run.architecture.empty() ? tr("—") : QString::fromStdString(run.architecture);
        auto* archItem = new SortItem(architecture, architecture);
        if (run.batchSize > 0)
            archItem->setToolTip(tr("%1 · batch %2 · learning rate %3")
                                     .arg(QString::fromStdString(run.mode))
                                     .arg(run.batchSize)
                                     .arg(formatLearningRate(run.learningRate)));
        table_->setItem(row, ArchitectureColumn, archItem);
        const QString preset = run.epochsPlanned > 0 ? presetName(run.preset) : tr("—");
        table_->setItem(row, PresetColumn, new SortItem(preset, preset));
        auto* epochs = new SortItem(epochsText(run.epochsDone, run.epochsPlanned), run.epochsDone);
        epochs->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table_->setItem(row, EpochsColumn, epochs);
        auto* accuracy = new SortItem(run.bestValAccuracy ? formatPercent(*run.bestValAccuracy) : tr("—"),
                                      run.bestValAccuracy ? *run.bestValAccuracy : -1.0);
        if (run.bestValAccuracy)
            accuracy->setToolTip(tr("Epoch %1").arg(run.bestValAccuracyEpoch));
        accuracy->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table_->setItem(row, AccuracyColumn, accuracy);
        auto* loss = new SortItem(run.bestValLoss ? QString::number(*run.bestValLoss, 'f', 4) : tr("—"),
                                  run.bestValLoss ? *run.bestValLoss : 1e300);
        if (run.bestValLoss)
            loss->setToolTip(tr("Epoch %1").arg(run.bestValLossEpoch));
        loss->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table_->setItem(row, LossColumn, loss);
        auto* qwk = new SortItem(run.qwk ? QString::number(*run.qwk, 'f', 3) : tr("—"), run.qwk ? *run.qwk : -2.0);
        if (run.qwk)
            qwk->setToolTip(tr("On the %1 split").arg(QString::fromStdString(run.qwkSplit)));
        qwk->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table_->setItem(row, QwkColumn, qwk);
        auto* image = new SortItem(run.imageSize > 0 ? tr("%1 px").arg(run.imageSize) : tr("—"), run.imageSize);
        image->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table_->setItem(row, ImageColumn, image);
        table_->setItem(row, StartedColumn,
                        new SortItem(QString::fromStdString(run.started), static_cast<double>(run.startedSeconds)));
    }
    table_->setSortingEnabled(true);

    const int total = static_cast<int>(runs_.size());
    QStringList where;
    for (const QString& folder : locations_)
        where << QDir::toNativeSeparators(folder);
    summary_->setText(filter && shown != total ? tr("%1 of %n run(s)", nullptr, total).arg(shown)
                                               : tr("%n run(s)", nullptr, total));
    summary_->setToolTip(tr("Runs folders:\n%1").arg(where.join(QLatin1Char('\n'))));
    if (autoCompare_) {
        // The newest two listed (runs_ is newest first).
        selected.clear();
        for (int row = 0; row < table_->rowCount(); ++row)
            if (const RunSummary* run = runAtRow(row))
                selected << QString::fromStdString(run->dir);
        std::sort(selected.begin(), selected.end(), [this](const QString& a, const QString& b) {
            return indexOf(a) < indexOf(b);
        });
        selected = selected.mid(0, 2);
    }
    if (!selected.isEmpty()) {
        const bool autoCompare = autoCompare_;
        selectRuns(selected);
        autoCompare_ = autoCompare;
    }
    updateChart();
    updateButtons();
}

const RunSummary* RunsBrowser::runAtRow(int row) const
{
    const QTableWidgetItem* item = table_->item(row, RunColumn);
    if (!item)
        return nullptr;
    const int index = item->data(kIndexRole).toInt();
    return index >= 0 && index < static_cast<int>(runs_.size()) ? &runs_[static_cast<size_t>(index)] : nullptr;
}

QList<const RunSummary*> RunsBrowser::selectedRuns() const
{
    QList<const RunSummary*> runs;
    for (int row = 0; row < table_->rowCount(); ++row) {
        const QTableWidgetItem* item = table_->item(row, RunColumn);
        if (item && item->isSelected())
            if (const RunSummary* run = runAtRow(row))
                runs << run;
    }
    return runs;
}

bool RunsBrowser::selectRuns(const QStringList& runDirs)
{
    autoCompare_ = false;
    QSet<QString> wanted;
    for (const QString& dir : runDirs)
        wanted.insert(cleanPath(dir));
    const QSignalBlocker block(table_);
    table_->clearSelection();
    int found = 0;
    for (int row = 0; row < table_->rowCount(); ++row) {
        const RunSummary* run = runAtRow(row);
        if (run && wanted.contains(cleanPath(QString::fromStdString(run->dir)))) {
            table_->selectionModel()->select(table_->model()->index(row, 0),
                                             QItemSelectionModel::Select | QItemSelectionModel::Rows);
            ++found;
        }
    }
    updateChart();
    updateButtons();
    table_->viewport()->update();
    return found == wanted.size();
}

void RunsBrowser::setAutoCompare(bool on)
{
    autoCompare_ = on;
    if (on)
        fillTable();
}

int RunsBrowser::indexOf(const QString& runDir) const
{
    for (size_t i = 0; i < runs_.size(); ++i)
        if (QString::fromStdString(runs_[i].dir) == runDir)
            return static_cast<int>(i);
    return -1;
}

QStringList RunsBrowser::comparedRuns() const
{
    QStringList dirs;
    for (const RunSummary* run : selectedRuns().mid(0, kMaxCompared))
        dirs << QString::fromStdString(run->dir);
    return dirs;
}

void RunsBrowser::updateChart()
{
    QList<RunComparisonChart::Run> series;
    int n = 0;
    for (const RunSummary* run : selectedRuns().mid(0, kMaxCompared)) {
        QString name = QString::fromStdString(run->name);
        if (!run->architecture.empty())
            name += tr(" (%1, %2 epochs)").arg(QString::fromStdString(run->architecture)).arg(run->epochsDone);
        series << RunComparisonChart::Run{name, RunComparisonChart::runColor(n++), run->history};
    }
    chart_->setRuns(series);
}

void RunsBrowser::updateButtons()
{
    const auto runs = selectedRuns();
    const RunSummary* run = runs.size() == 1 ? runs.front() : nullptr;
    const bool running = run && run->outcome == RunOutcome::Running;
    openButton_->setEnabled(run && !run->history.empty() && !running);
    resumeButton_->setEnabled(run && run->resumable() && activeRun_.isEmpty());
    useButton_->setEnabled(run && !run->bestCheckpoint.empty());
    folderButton_->setEnabled(run != nullptr);
}

} // namespace kg::ui
