#include "ui/utility/StoragePaths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace kg::ui {
namespace {

QString applicationFolderName()
{
    const QString name = QCoreApplication::applicationName();
    return name.isEmpty() ? QStringLiteral("KneeGrade") : name;
}

/// `generic`/<application>. What an earlier version left in Qt's per-application folder
/// (`legacy`, which repeats the name) moves there, entry by entry, where the new folder has no
/// entry of that name yet; when anything cannot move, the old folder stays in use, so that
/// nothing saved there is lost from sight.
QString chooseDirectory(QStandardPaths::StandardLocation generic, QStandardPaths::StandardLocation legacy)
{
    const QString preferred = QDir::cleanPath(QStandardPaths::writableLocation(generic) + QLatin1Char('/')
                                              + applicationFolderName());
    const QString old = QDir::cleanPath(QStandardPaths::writableLocation(legacy));
    if (old.isEmpty() || old == preferred || !QFileInfo(old).isDir())
        return preferred;
    QDir oldDir(old);
    if (!QDir().mkpath(preferred))
        return old;
    bool moved = true;
    for (const QString& entry : oldDir.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System)) {
        const QString target = preferred + QLatin1Char('/') + entry;
        if (QFileInfo::exists(target) || !QDir().rename(old + QLatin1Char('/') + entry, target))
            moved = false;
    }
    if (!moved)
        return old;
    oldDir.rmdir(old);   // empty now
    return preferred;
}

} // namespace

QString appDataDirectory()
{
    return chooseDirectory(QStandardPaths::GenericDataLocation, QStandardPaths::AppLocalDataLocation);
}

QString appCacheDirectory()
{
    return chooseDirectory(QStandardPaths::GenericCacheLocation, QStandardPaths::CacheLocation);
}

} // namespace kg::ui
