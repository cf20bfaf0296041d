#include "ui/workers/RankProcesses.h"

#include "core/distributed/DistributedOptions.h"
#include "core/util/Error.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>

namespace kg::ui {

RankProcesses::RankProcesses(const QStringList& arguments, int processes, int port, double timeoutSeconds, int threads)
    : timeoutSeconds_(timeoutSeconds)
{
    for (int rank = 1; rank < processes; ++rank) {
        auto process = std::make_unique<QProcess>();
        DistributedOptions job;
        job.rank = job.localRank = rank;
        job.worldSize = processes;
        job.masterPort = port;
        job.timeoutSeconds = timeoutSeconds;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const EnvironmentVariable& v : rankEnvironment(job, threads))
            if (!v.keepExisting || !env.contains(QString::fromStdString(v.name)))
                env.insert(QString::fromStdString(v.name), QString::fromStdString(v.value));
        process->setProcessEnvironment(env);
        process->setStandardOutputFile(QProcess::nullDevice());
        process->start(cliPath(), QStringList(arguments) << QStringLiteral("--threads") << QString::number(threads));
        if (!process->waitForStarted(10000))
            throw Error(cliPath().toStdString(), "rank " + std::to_string(rank) + " of " + std::to_string(processes) +
                                                     " could not start: " + process->errorString().toStdString());
        ranks_.push_back(std::move(process));
    }
}

RankProcesses::~RankProcesses()
{
    failures(static_cast<int>(timeoutSeconds_ * 1000) + 10000);
    for (auto& process : ranks_)
        if (process->state() != QProcess::NotRunning) {
            process->kill();
            process->waitForFinished(5000);
        }
}

QString RankProcesses::failures(int waitMs)
{
    QStringList lines;
    for (size_t i = 0; i < ranks_.size(); ++i) {
        QProcess& process = *ranks_[i];
        if (process.state() != QProcess::NotRunning)
            process.waitForFinished(waitMs);
        const int rank = static_cast<int>(i) + 1;
        if (process.state() != QProcess::NotRunning || (process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0))
            continue;
        const QString err = QString::fromUtf8(process.readAllStandardError()).trimmed();
        lines << (err.isEmpty() ? QCoreApplication::translate("kg::ui::RankProcesses", "rank %1 ended with status %2")
                                      .arg(rank)
                                      .arg(process.exitCode())
                                : err.section(QLatin1Char('\n'), -1));
    }
    return lines.join(QLatin1Char('\n'));
}

QString RankProcesses::cliPath()
{
    const QString configured = qEnvironmentVariable("KNEEGRADE_CLI");
    if (!configured.isEmpty())
        return configured;
    const QDir here(QCoreApplication::applicationDirPath());
    for (const QString& candidate : {here.filePath(QStringLiteral("kneegrade-cli")), here.filePath(QStringLiteral("../cli/kneegrade-cli"))})
        if (QFileInfo(candidate).isExecutable())
            return QDir::cleanPath(candidate);
    return here.filePath(QStringLiteral("kneegrade-cli"));
}

} // namespace kg::ui
