#pragma once
// kneegrade-cli train --nproc N: this process starts N ranks of itself on this machine, the
// way torchrun --standalone does (RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR=127.0.0.1, a free
// MASTER_PORT, and OMP/OpenBLAS/MKL pools of each rank's share of the cores unless set),
// forwards Ctrl-C and SIGTERM to them, and ends when they have ended.
#include <iosfwd>
#include <string>
#include <vector>

namespace kgcli {

struct LocalRanksOptions {
    int processes = 2;
    int masterPort = 0;              ///< 0: a free port on 127.0.0.1
    double timeoutSeconds = 300;     ///< each rank's collective timeout (KNEEGRADE_DIST_TIMEOUT)
    int threadsPerRank = 0;          ///< 0: the cores divided among the ranks
};

/// Runs `kneegrade-cli train <trainArgs>` as options.processes ranks. Rank 0 prints as a
/// single process would; the others print only their errors, prefixed "[rank N]". Returns
/// 0 when every rank succeeded, else the exit status of the first rank that failed (130
/// when the run was interrupted). A rank that fails makes the others fail within their
/// timeout; a rank still running past that is terminated.
int runLocalRanks(const std::vector<std::string>& trainArgs, const LocalRanksOptions& options, std::ostream& err);

} // namespace kgcli
