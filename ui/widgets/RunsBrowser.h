#pragma once
#include "core/train/RunCatalog.h"

#include <QString>
#include <QStringList>
#include <QWidget>

#include <vector>

class QCheckBox;
class QLabel;
class QPushButton;
class QSplitter;
class QTableWidget;

namespace kg::ui {

class RunComparisonChart;

/// The training runs of one or more runs folders (core's RunCatalog): a sortable table with
/// each run's status, architecture, preset, epochs done of planned, best validation accuracy
/// and loss, the QWK of its last evaluation, image size and start time, and below it the validation curves of the selected
/// runs in one chart (RunComparisonChart). By default only the runs of the open dataset are
/// listed. A run is opened in the Train workspace with a double click, resumed, or its best
/// checkpoint taken for Evaluate and Predict.
class RunsBrowser : public QWidget {
    Q_OBJECT
public:
    /// The table's columns.
    enum Column { RunColumn, StatusColumn, ArchitectureColumn, PresetColumn, EpochsColumn, AccuracyColumn, LossColumn,
                  QwkColumn, ImageColumn, StartedColumn, ColumnCount };

    explicit RunsBrowser(QWidget* parent = nullptr);
    ~RunsBrowser() override;

    /// The folders whose run folders are listed (missing ones are skipped).
    void setLocations(const QStringList& folders);
    QStringList locations() const { return locations_; }
    /// Lists only runs trained on `dataRoot` while "only this dataset" is ticked (empty: all runs).
    void setDataset(const QString& dataRoot, const QString& displayName);
    /// The run being trained now: shown as running whatever its files say. Empty: none.
    void setActiveRun(const QString& runDir);

    /// Rescans the folders; the selection and sort order stay.
    void refresh();
    /// Reads only the active run's folder again (after each of its epochs: a runs folder of a
    /// hundred runs is not rescanned every epoch); a full refresh() when it is not listed yet.
    void refreshActiveRun();

    /// The runs listed, in scan order (newest first), and the one in a table row (sorted order).
    const std::vector<RunSummary>& runs() const { return runs_; }
    const RunSummary* runAtRow(int row) const;
    /// Selects the runs in these folders (the chart follows; automatic comparison ends); false
    /// if one is not listed.
    bool selectRuns(const QStringList& runDirs);
    /// The run folders whose curves the chart shows.
    QStringList comparedRuns() const;
    /// On (the default), until the user selects runs, the newest two are compared.
    void setAutoCompare(bool on);

    QTableWidget* table() const { return table_; }
    RunComparisonChart* chart() const { return chart_; }

signals:
    void openRunRequested(const QString& runDir);
    void resumeRunRequested(const QString& runDir);
    void useCheckpointRequested(const QString& checkpoint);

private:
    void fillTable();
    void updateChart();
    void updateButtons();
    void addLocation();
    QList<const RunSummary*> selectedRuns() const;
    int indexOf(const QString& runDir) const;   ///< in runs_, -1 if not there

    QStringList locations_;
    QString dataRoot_;
    QString activeRun_;
    bool autoCompare_ = true;
    std::vector<RunSummary> runs_;
    QLabel* summary_ = nullptr;
    QCheckBox* onlyDataset_ = nullptr;
    QTableWidget* table_ = nullptr;
    RunComparisonChart* chart_ = nullptr;
    QSplitter* splitter_ = nullptr;
    QPushButton* openButton_ = nullptr;
    QPushButton* resumeButton_ = nullptr;
    QPushButton* useButton_ = nullptr;
    QPushButton* folderButton_ = nullptr;
};

/// "resnetv2-small · 4/25 epochs · best val 61.2 % · 2026-12-01 22:52 · cancelled": a
/// checkpoint described for a menu (core's describeCheckpoint); the reason when it cannot be read.
QString checkpointMenuText(const QString& path);
/// The user-visible word for a run's outcome ("completed", "early stopped"…).
QString outcomeText(RunOutcome outcome);

} // namespace kg::ui
