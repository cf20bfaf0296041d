#pragma once
// Public (plain C++): where a process stands in a data-parallel training job — its rank, the
// number of ranks and the rendezvous — read the way torchrun and Slurm hand it over.
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kg {

/// Which c10d process group carries the collectives. Auto: NCCL when the run is on CUDA and
/// this build has it, else Gloo (TCP, CPU tensors).
enum class CollectiveBackend { Auto, Gloo, Nccl };
std::string toString(CollectiveBackend backend);
/// Parses "auto" | "gloo" | "nccl"; throws kg::Error naming the bad value.
CollectiveBackend parseCollectiveBackend(const std::string& text);

/// One process of a data-parallel job. Every rank runs the same trainer on its own shard of
/// each epoch; gradients are averaged over all ranks; only rank 0 writes the run folder.
struct DistributedOptions {
    int rank = 0;                          ///< 0 … worldSize−1 (RANK, SLURM_PROCID)
    int worldSize = 1;                     ///< number of processes (WORLD_SIZE, SLURM_NTASKS)
    int localRank = 0;                     ///< index on this machine: the CUDA device (LOCAL_RANK, SLURM_LOCALID)
    std::string masterAddress = "127.0.0.1";  ///< where rank 0 serves the TCPStore (MASTER_ADDR)
    int masterPort = 29500;                ///< its port (MASTER_PORT); torchrun's default
    double timeoutSeconds = 300;           ///< a rank silent this long makes the others fail
                                           ///< (KNEEGRADE_DIST_TIMEOUT); covers rank 0's checkpoint saves
    CollectiveBackend backend = CollectiveBackend::Auto;  ///< KNEEGRADE_DIST_BACKEND
    bool launcherServesStore = false;      ///< torchrun's agent already serves the TCPStore at
                                           ///< MASTER_ADDR:MASTER_PORT (TORCHELASTIC_USE_AGENT_STORE)

    bool writesRunFiles() const { return rank == 0; }
};

/// Throws kg::Error naming the first field out of range (rank outside 0…worldSize−1, a port
/// outside 1…65535, a timeout ≤ 0, an empty address).
void validateDistributedOptions(const DistributedOptions& options);

/// "rank 1 of 4 (local 1), gloo, rendezvous 10.0.0.5:29500, timeout 300 s".
std::string describe(const DistributedOptions& options);

/// Reads a variable of the environment; nullptr when unset.
using EnvironmentLookup = std::function<const char*(const char* name)>;

/// The job this process belongs to, from torchrun's variables (RANK, WORLD_SIZE, LOCAL_RANK,
/// MASTER_ADDR, MASTER_PORT; TORCHELASTIC_USE_AGENT_STORE) or, when RANK is unset, Slurm's (SLURM_PROCID, SLURM_NTASKS,
/// SLURM_LOCALID; MASTER_ADDR/MASTER_PORT as set by the batch script, 127.0.0.1 on one node).
/// KNEEGRADE_DIST_TIMEOUT (seconds) and KNEEGRADE_DIST_BACKEND refine either. nullopt when
/// neither RANK nor SLURM_PROCID is set, or a Slurm job has a single task. Throws kg::Error
/// naming the variable when one is malformed or missing.
std::optional<DistributedOptions> distributedOptionsFromEnvironment(const EnvironmentLookup& lookup);
/// The same from this process's environment.
std::optional<DistributedOptions> distributedOptionsFromEnvironment();

/// A variable a launcher sets for the processes it starts.
struct EnvironmentVariable {
    std::string name, value;
    bool keepExisting = false;  ///< a value the user already set wins
};

/// What makes a process `job`'s rank: torchrun's variables, the timeout and the backend (what
/// distributedOptionsFromEnvironment reads back; no agent store), and, unless the user set
/// them, OpenMP/OpenBLAS/MKL pools of `threads` — as torchrun sizes OpenMP; otherwise every
/// rank's OpenBLAS starts a spinning thread per core.
std::vector<EnvironmentVariable> rankEnvironment(const DistributedOptions& job, int threads);

} // namespace kg
