#pragma once
// The other ranks of a local multi-process training run started from the desktop app: rank 0
// is the app's own trainer (its progress is the run's), ranks 1…N−1 are kneegrade-cli
// processes with torchrun's variables, one GPU each.
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

class QProcess;

namespace kg::ui {

class RankProcesses {
public:
    /// Starts ranks 1…processes−1 of `kneegrade-cli <arguments>`, meeting rank 0 at
    /// 127.0.0.1:port. Each gets `threads` CPU threads. Throws kg::Error naming the program
    /// when one cannot start (the ranks already started are ended).
    RankProcesses(const QStringList& arguments, int processes, int port, double timeoutSeconds, int threads);
    /// Waits for the ranks up to their timeout, then ends those still running.
    ~RankProcesses();
    RankProcesses(const RankProcesses&) = delete;
    RankProcesses& operator=(const RankProcesses&) = delete;

    /// Waits up to `waitMs` for the ranks to end; what the failed ones printed, one line each
    /// ("" when every rank ended well).
    QString failures(int waitMs);

    /// kneegrade-cli: $KNEEGRADE_CLI, else beside the application, else in the build tree.
    static QString cliPath();

private:
    std::vector<std::unique_ptr<QProcess>> ranks_;
    double timeoutSeconds_ = 300;
};

} // namespace kg::ui
