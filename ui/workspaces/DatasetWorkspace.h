#pragma once
#include "ui/Workspace.h"
#include "ui/utility/Metatypes.h"

#include <cstdint>
#include <memory>

class QComboBox;
class QLabel;
class QListWidget;
class QMenu;
class QProgressBar;
class QProgressDialog;
class QPushButton;
class QStackedWidget;

namespace kg::ui {

class ClassBalanceChart;
class DatasetLoader;
class DemoDatasetJob;
class MessageBar;
class SampleGridWidget;
class WelcomePage;
class WorkerThread;

/// Open a dataset (folder dialog, recent list, a dropped folder, or the built-in demo) and
/// look at it: the 5×5 sample grid of one split (5 random images per grade, reshuffle,
/// click to enlarge), class balance per split, and the dataset report's warnings.
class DatasetWorkspace : public Workspace {
    Q_OBJECT
public:
    explicit DatasetWorkspace(Session& session, QWidget* parent = nullptr);
    ~DatasetWorkspace() override;

    QString id() const override { return QStringLiteral("dataset"); }
    QString title() const override { return tr("Dataset"); }
    QIcon icon() const override;
    bool isBusy() const override;
    void stopWork() override;

    SampleGridWidget* sampleGrid() const { return grid_; }
    ClassBalanceChart* classBalance() const { return balance_; }
    QListWidget* reportList() const { return reportList_; }
    MessageBar* messageBar() const { return messageBar_; }
    std::uint64_t sampleSeed() const { return seed_; }
    /// The report of the current dataset, once built (null while it runs).
    std::shared_ptr<const DatasetReport> report() const { return report_; }

public slots:
    void openFolderDialog();
    void openDataset(const QString& root);
    /// Opens the built-in demo phantoms, generating them first (with a progress dialog) when
    /// the cache does not hold them yet.
    void openDemoDataset();
    void reshuffle();
    void showSplit(int split);

signals:
    /// The grid of the current split finished loading its thumbnails (never for an empty grid).
    void gridReady();

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void onDatasetChanged(const QString& root);
    void onScanned(const QString& root, std::shared_ptr<const DatasetSplits> splits);
    void onReportProgress(const QString& root, int done, int total);
    void onReportReady(const QString& root, std::shared_ptr<const DatasetReport> report);
    void onFailed(const QString& root, const QString& message);
    void rebuildGrid();
    void rebuildRecentMenu();
    void showItemDetails(const QString& path);
    void showFullReport();
    void setLoading(bool loading);

    QStackedWidget* pages_ = nullptr;
    WelcomePage* welcome_ = nullptr;
    SampleGridWidget* grid_ = nullptr;
    QLabel* gridHeader_ = nullptr;
    MessageBar* messageBar_ = nullptr;
    ClassBalanceChart* balance_ = nullptr;
    QListWidget* reportList_ = nullptr;
    QProgressBar* reportProgress_ = nullptr;
    QPushButton* fullReportButton_ = nullptr;
    QComboBox* splitCombo_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    QAction* reshuffleAction_ = nullptr;

    DatasetLoader* loader_ = nullptr;            // lives on loaderThread_
    std::unique_ptr<WorkerThread> loaderThread_;
    DemoDatasetJob* demoJob_ = nullptr;          // lives on demoThread_ while it runs
    std::unique_ptr<WorkerThread> demoThread_;
    QProgressDialog* demoProgress_ = nullptr;

    std::shared_ptr<const DatasetSplits> splits_;
    std::shared_ptr<const DatasetReport> report_;
    std::uint64_t seed_ = 42;
    bool loading_ = false;
};

} // namespace kg::ui
