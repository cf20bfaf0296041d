#include "ui/utility/DialogFolders.h"

#include "ui/Session.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QVariant>

namespace kg::ui {
namespace {

QString settingsKey(const QString& purpose)
{
    return QStringLiteral("dialogs/%1").arg(purpose);
}

QByteArray propertyName(const QString& purpose)
{
    return QStringLiteral("kgDialogFolder_%1").arg(purpose).toLatin1();
}

/// `path` as a folder that exists, or empty.
QString existingFolder(const QString& path)
{
    if (path.isEmpty())
        return {};
    const QFileInfo info(path);
    if (info.isDir())
        return QDir::cleanPath(info.absoluteFilePath());
    if (info.isFile())
        return QDir::cleanPath(info.absolutePath());
    return {};
}

} // namespace

QString startFolder(const QString& lastUsed, const QStringList& fallbacks)
{
    if (const QString folder = existingFolder(lastUsed); !folder.isEmpty())
        return folder;
    for (const QString& fallback : fallbacks)
        if (const QString folder = existingFolder(fallback); !folder.isEmpty())
            return folder;
    return QDir::homePath();
}

QString dialogStartFolder(const Session& session, const QString& purpose, const QStringList& fallbacks)
{
    // Without QSettings (tests) the folder lives on the session object for its lifetime.
    const QString last = session.settings() ? session.settings()->value(settingsKey(purpose)).toString()
                                            : session.property(propertyName(purpose).constData()).toString();
    QStringList candidates = fallbacks;
    if (!session.checkpointPath().isEmpty() && purpose != DialogPurpose::Dataset)
        candidates << QFileInfo(session.checkpointPath()).absolutePath();
    if (!session.datasetRoot().isEmpty() && !session.isDemoDataset())
        candidates << session.datasetRoot();
    return startFolder(last, candidates);
}

QString dialogStartFile(const Session& session, const QString& purpose, const QString& fileName,
                        const QStringList& fallbacks)
{
    return QDir(dialogStartFolder(session, purpose, fallbacks)).filePath(fileName);
}

void rememberDialogFolder(Session& session, const QString& purpose, const QString& chosen, bool chosenIsFolder)
{
    if (chosen.isEmpty())
        return;
    const QFileInfo info(chosen);
    QString folder = chosenIsFolder ? info.absoluteDir().absolutePath() : info.absolutePath();
    if (chosenIsFolder && info.absoluteFilePath() == QDir::rootPath())
        folder = QDir::rootPath();
    folder = QDir::cleanPath(folder);
    if (session.settings())
        session.settings()->setValue(settingsKey(purpose), folder);
    else
        session.setProperty(propertyName(purpose).constData(), folder);
}

} // namespace kg::ui
