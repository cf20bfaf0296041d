#pragma once
#include "core/data/Phantom.h"

#include <QObject>
#include <QString>

#include <atomic>

namespace kg::ui {

/// The built-in demo dataset: synthetic knee phantoms (kg::writePhantomDataset) written once
/// to a cache folder and reused. run() blocks; call it on a worker thread (see DemoDatasetJob).
class DemoDataset {
public:
    /// What the demo holds: real-data class balance, 224 px like the real dataset, small
    /// enough that the "CPU quick look" preset trains an epoch in well under a minute.
    static PhantomOptions defaultOptions(const QString& dir);
    /// True when `dir` holds a complete demo dataset written with `options`.
    static bool isComplete(const QString& dir, const PhantomOptions& options);
    /// Writes (or rewrites) the dataset; throws kg::Error. `progress` may cancel (returns false).
    static PhantomSummary write(const PhantomOptions& options, const PhantomProgress& progress);
};

/// Runs DemoDataset::write on the thread it lives on, with throttled progress signals.
class DemoDatasetJob : public QObject {
    Q_OBJECT
public:
    explicit DemoDatasetJob(PhantomOptions options, QObject* parent = nullptr);
    void cancel() { cancelled_ = true; }

public slots:
    void run();

signals:
    void progress(int done, int total);
    void finished(const QString& dir);
    void failed(const QString& message);
    void cancelled();

private:
    PhantomOptions options_;
    std::atomic<bool> cancelled_{false};
};

} // namespace kg::ui
