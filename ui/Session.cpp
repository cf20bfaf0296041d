#include "ui/Session.h"

#include "ui/utility/StoragePaths.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace kg::ui {
namespace {
constexpr int kMaxRecent = 8;
} // namespace

Session::Session(RuntimeInfo runtime, QSettings* settings, QObject* parent)
    : QObject(parent)
    , runtime_(std::move(runtime))
    , settings_(settings)
{
}

Session::~Session() = default;

void Session::setDatasetRoot(const QString& root, bool demo)
{
    const QString clean = root.isEmpty() ? QString() : QDir::cleanPath(QFileInfo(root).absoluteFilePath());
    if (clean == datasetRoot_ && demo == demoDataset_)
        return;
    datasetRoot_ = clean;
    demoDataset_ = demo;
    splits_.reset();
    if (!clean.isEmpty() && !demo)
        remember(QStringLiteral("recent/datasets"), clean);
    emit datasetChanged(clean);
}

void Session::setDatasetSplits(std::shared_ptr<const DatasetSplits> splits)
{
    splits_ = std::move(splits);
    emit datasetScanned();
}

void Session::setCheckpointPath(const QString& path)
{
    const QString clean = path.isEmpty() ? QString() : QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    if (clean == checkpointPath_)
        return;
    checkpointPath_ = clean;
    if (!clean.isEmpty())
        remember(QStringLiteral("recent/checkpoints"), clean);
    emit checkpointChanged(clean);
}

QString Session::demoDatasetDir() const
{
    if (!demoDir_.isEmpty())
        return demoDir_;
    return appCacheDirectory() + QStringLiteral("/demo-dataset");
}

QStringList Session::recent(const QString& key) const
{
    QStringList list;
    if (settings_)
        list = settings_->value(key).toStringList();
    else
        list = key.endsWith(QLatin1String("datasets")) ? memoryDatasets_ : memoryCheckpoints_;
    // Entries whose files went away are dropped from the menus, not from the user's history.
    QStringList existing;
    for (const QString& path : list)
        if (QFileInfo::exists(path))
            existing << path;
    return existing;
}

void Session::remember(const QString& key, const QString& path)
{
    QStringList list = settings_ ? settings_->value(key).toStringList()
                                 : (key.endsWith(QLatin1String("datasets")) ? memoryDatasets_ : memoryCheckpoints_);
    list.removeAll(path);
    list.prepend(path);
    while (list.size() > kMaxRecent)
        list.removeLast();
    if (settings_)
        settings_->setValue(key, list);
    else if (key.endsWith(QLatin1String("datasets")))
        memoryDatasets_ = list;
    else
        memoryCheckpoints_ = list;
    emit recentChanged();
}

} // namespace kg::ui
