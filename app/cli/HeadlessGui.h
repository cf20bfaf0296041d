#pragma once
// The CLI's PDF reports (evaluate/predict --report) paint with Qt Gui, which needs a
// QGuiApplication; the report library never makes one. The CLI is headless, so it makes an
// offscreen one, once, only when a report is asked for. Built with KNEEGRADE_WITH_REPORT.
#ifdef KNEEGRADE_WITH_REPORT

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QString>

#include <unistd.h>

namespace kgcli {

/// Makes the process's offscreen QGuiApplication unless one exists. Sets QT_QPA_PLATFORM to
/// "offscreen" unless the user chose a platform, and gives a shell without XDG_RUNTIME_DIR
/// (ssh, cron, CI) the private runtime folder Qt would fall back to, without its warning.
inline void startHeadlessGuiApplication()
{
    if (QCoreApplication::instance())
        return;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
        const QString fallback = QDir::tempPath() + QStringLiteral("/runtime-%1").arg(getuid());
        if (QDir().mkpath(fallback) &&
            QFile::setPermissions(fallback, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner))
            qputenv("XDG_RUNTIME_DIR", QFile::encodeName(fallback));
    }
    static int argc = 1;
    static char name[] = "kneegrade-cli";
    static char* argv[] = {name, nullptr};
    // Lives until exit: every QFont and QPainter must be gone before an application object is.
    static QGuiApplication* application = new QGuiApplication(argc, argv);
    Q_UNUSED(application);
}

} // namespace kgcli

#endif
