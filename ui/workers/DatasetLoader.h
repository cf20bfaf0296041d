#pragma once
#include "ui/utility/Metatypes.h"

#include <QObject>
#include <QString>

#include <atomic>

namespace kg::ui {

/// Scans a dataset folder and then builds its report (decoding every file, hashing for
/// duplicates) on the thread it lives on. The scan is reported first so the grid can show
/// while the slower report runs. A newer load() or cancel() abandons the current one.
class DatasetLoader : public QObject {
    Q_OBJECT
public:
    explicit DatasetLoader(QObject* parent = nullptr);

    /// Thread-safe: makes a running load stop at its next file.
    void cancel() { ++generation_; }
    /// Thread-safe: call before queueing load() so that an older load stops early.
    int nextGeneration() { return ++generation_; }

public slots:
    void load(const QString& root, int generation);

signals:
    void scanned(const QString& root, std::shared_ptr<const kg::DatasetSplits> splits);
    void reportProgress(const QString& root, int done, int total);
    void reportReady(const QString& root, std::shared_ptr<const kg::DatasetReport> report);
    void failed(const QString& root, const QString& message);

private:
    std::atomic<int> generation_{0};
};

} // namespace kg::ui
