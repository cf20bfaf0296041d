#pragma once
// Runs the real kneegrade-cli binary (kgtest::cliPath()) and collects what it printed.
#include "TestPaths.h"

#include <QProcess>
#include <QString>
#include <QStringList>

namespace kgtest {

struct CliResult {
    int exitCode = -1;   ///< -1 when the CLI crashed, was killed or did not finish in time
    QString out, err;
    /// stdout followed by stderr.
    QString output() const { return out + err; }
};

/// Runs kneegrade-cli with `arguments` and waits up to `timeoutMs`; a CLI still running then
/// is killed (exit code -1, with what it printed so far).
inline CliResult runCli(const QStringList& arguments, int timeoutMs = 300000)
{
    QProcess process;
    process.start(cliPath(), arguments);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

} // namespace kgtest
