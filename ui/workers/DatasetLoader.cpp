#include "ui/workers/DatasetLoader.h"

#include "core/data/DatasetScan.h"

#include <QElapsedTimer>
#include <QThread>

#include <exception>

namespace kg::ui {

DatasetLoader::DatasetLoader(QObject* parent)
    : QObject(parent)
{
}

void DatasetLoader::load(const QString& root, int generation)
{
    if (generation != generation_)
        return;   // superseded before it started
    std::shared_ptr<const DatasetSplits> splits;
    try {
        splits = std::make_shared<const DatasetSplits>(scanDataset(root.toStdString()));
    } catch (const std::exception& error) {
        emit failed(root, QString::fromStdString(error.what()));
        return;
    }
    if (generation != generation_)
        return;
    emit scanned(root, splits);

    QElapsedTimer sinceEmit;
    sinceEmit.start();
    auto report = std::make_shared<DatasetReport>(
        buildDatasetReport(*splits, {}, [&](std::size_t done, std::size_t total) {
            if (done == total || sinceEmit.elapsed() >= 100) {
                emit reportProgress(root, static_cast<int>(done), static_cast<int>(total));
                sinceEmit.restart();
            }
            return generation == generation_ && !QThread::currentThread()->isInterruptionRequested();
        }));
    if (generation != generation_ || report->cancelled)
        return;
    emit reportReady(root, std::move(report));
}

} // namespace kg::ui
