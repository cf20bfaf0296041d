#pragma once
#include "core/data/Dataset.h"
#include "core/runtime/Runtime.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

class QSettings;

namespace kg::ui {

/// What the workspaces share: the open dataset, the current checkpoint, the runtime the
/// engine reports, and the recent-files lists kept in QSettings. One per MainWindow (no
/// globals); workspaces hold a reference and react to its signals. GUI thread only.
class Session : public QObject {
    Q_OBJECT
public:
    /// `settings` may be null: recent lists then live in memory only (tests).
    explicit Session(RuntimeInfo runtime, QSettings* settings, QObject* parent = nullptr);
    ~Session() override;

    const RuntimeInfo& runtime() const { return runtime_; }
    QSettings* settings() const { return settings_; }

    QString datasetRoot() const { return datasetRoot_; }
    bool isDemoDataset() const { return demoDataset_; }
    /// Announces a dataset folder; workspaces rescan. `demo` marks the built-in phantoms.
    void setDatasetRoot(const QString& root, bool demo = false);

    /// The scan of datasetRoot(), once the Dataset workspace has made it (null before/after a failure).
    std::shared_ptr<const DatasetSplits> datasetSplits() const { return splits_; }
    void setDatasetSplits(std::shared_ptr<const DatasetSplits> splits);

    QString checkpointPath() const { return checkpointPath_; }
    /// Announces the checkpoint Evaluate and Predict use (e.g. the best one of a finished run).
    void setCheckpointPath(const QString& path);

    QStringList recentDatasets() const { return recent(QStringLiteral("recent/datasets")); }
    QStringList recentCheckpoints() const { return recent(QStringLiteral("recent/checkpoints")); }

    /// Where the built-in demo phantoms are cached (under appCacheDirectory() unless
    /// setDemoDatasetDir() chose another folder, e.g. a test's temporary one).
    QString demoDatasetDir() const;
    void setDemoDatasetDir(const QString& dir) { demoDir_ = dir; }

signals:
    void datasetChanged(const QString& root);
    void datasetScanned();
    void checkpointChanged(const QString& path);
    void recentChanged();

private:
    QStringList recent(const QString& key) const;
    void remember(const QString& key, const QString& path);

    RuntimeInfo runtime_;
    QSettings* settings_ = nullptr;
    QString datasetRoot_;
    QString checkpointPath_;
    bool demoDataset_ = false;
    std::shared_ptr<const DatasetSplits> splits_;
    QString demoDir_;
    QStringList memoryDatasets_;
    QStringList memoryCheckpoints_;
};

} // namespace kg::ui
