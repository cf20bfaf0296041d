#include "core/distributed/DistributedOptions.h"

#include "core/util/Error.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace kg {
namespace {

long integerVariable(const EnvironmentLookup& lookup, const char* name)
{
    const char* text = lookup(name);
    if (!text || !*text)
        throw Error(std::string("environment variable ") + name + " is not set; a distributed run needs it");
    errno = 0;
    char* end = nullptr;
    const long value = std::strtol(text, &end, 10);
    if (errno || *end || end == text)
        throw Error(std::string("environment variable ") + name + "='" + text + "' is not an integer");
    return value;
}

const char* firstSet(const EnvironmentLookup& lookup, std::initializer_list<const char*> names)
{
    for (const char* name : names)
        if (const char* value = lookup(name); value && *value)
            return name;
    return nullptr;
}

} // namespace

std::string toString(CollectiveBackend backend)
{
    switch (backend) {
    case CollectiveBackend::Auto: return "auto";
    case CollectiveBackend::Gloo: return "gloo";
    case CollectiveBackend::Nccl: return "nccl";
    }
    return "auto";
}

CollectiveBackend parseCollectiveBackend(const std::string& text)
{
    for (auto backend : {CollectiveBackend::Auto, CollectiveBackend::Gloo, CollectiveBackend::Nccl})
        if (text == toString(backend))
            return backend;
    throw Error("unknown collective backend '" + text + "' (choose auto, gloo or nccl)");
}

void validateDistributedOptions(const DistributedOptions& o)
{
    if (o.worldSize < 1)
        throw Error("distributed training: world size " + std::to_string(o.worldSize) + " must be at least 1");
    if (o.rank < 0 || o.rank >= o.worldSize)
        throw Error("distributed training: rank " + std::to_string(o.rank) + " is outside 0.." + std::to_string(o.worldSize - 1));
    if (o.localRank < 0)
        throw Error("distributed training: local rank " + std::to_string(o.localRank) + " is negative");
    if (o.masterPort < 1 || o.masterPort > 65535)
        throw Error("distributed training: master port " + std::to_string(o.masterPort) + " is outside 1..65535");
    if (o.masterAddress.empty())
        throw Error("distributed training: no master address");
    if (!(o.timeoutSeconds > 0) || !std::isfinite(o.timeoutSeconds))
        throw Error("distributed training: the timeout must be a positive number of seconds");
}

std::string describe(const DistributedOptions& o)
{
    char timeout[32];
    std::snprintf(timeout, sizeof timeout, "%g", o.timeoutSeconds);
    return "rank " + std::to_string(o.rank) + " of " + std::to_string(o.worldSize) + " (local " + std::to_string(o.localRank) +
           "), " + toString(o.backend) + ", rendezvous " + o.masterAddress + ":" + std::to_string(o.masterPort) + ", timeout " +
           timeout + " s";
}

std::optional<DistributedOptions> distributedOptionsFromEnvironment(const EnvironmentLookup& lookup)
{
    DistributedOptions o;
    if (firstSet(lookup, {"RANK"})) {
        o.rank = static_cast<int>(integerVariable(lookup, "RANK"));
        o.worldSize = static_cast<int>(integerVariable(lookup, "WORLD_SIZE"));
        o.localRank = firstSet(lookup, {"LOCAL_RANK"}) ? static_cast<int>(integerVariable(lookup, "LOCAL_RANK")) : 0;
        const char* address = lookup("MASTER_ADDR");
        if (!address || !*address)
            throw Error("environment variable MASTER_ADDR is not set; a distributed run needs rank 0's address");
        o.masterAddress = address;
        o.masterPort = static_cast<int>(integerVariable(lookup, "MASTER_PORT"));
        const char* agentStore = lookup("TORCHELASTIC_USE_AGENT_STORE");
        o.launcherServesStore = agentStore && (std::string(agentStore) == "True" || std::string(agentStore) == "1");
    } else if (firstSet(lookup, {"SLURM_PROCID"})) {
        o.worldSize = static_cast<int>(integerVariable(lookup, "SLURM_NTASKS"));
        if (o.worldSize <= 1)
            return std::nullopt;  // a plain one-task job: not distributed
        o.rank = static_cast<int>(integerVariable(lookup, "SLURM_PROCID"));
        o.localRank = firstSet(lookup, {"SLURM_LOCALID"}) ? static_cast<int>(integerVariable(lookup, "SLURM_LOCALID")) : 0;
        const bool oneNode = firstSet(lookup, {"SLURM_NNODES"}) && integerVariable(lookup, "SLURM_NNODES") == 1;
        if (const char* address = lookup("MASTER_ADDR"); address && *address)
            o.masterAddress = address;
        else if (!oneNode)
            throw Error("environment variable MASTER_ADDR is not set; on several Slurm nodes set it to the first node, e.g. "
                        "export MASTER_ADDR=$(scontrol show hostnames \"$SLURM_JOB_NODELIST\" | head -n 1)");
        if (firstSet(lookup, {"MASTER_PORT"}))
            o.masterPort = static_cast<int>(integerVariable(lookup, "MASTER_PORT"));
    } else {
        return std::nullopt;
    }
    if (const char* timeout = lookup("KNEEGRADE_DIST_TIMEOUT"); timeout && *timeout) {
        char* end = nullptr;
        o.timeoutSeconds = std::strtod(timeout, &end);
        if (*end || end == timeout || !(o.timeoutSeconds > 0))
            throw Error(std::string("environment variable KNEEGRADE_DIST_TIMEOUT='") + timeout +
                        "' is not a positive number of seconds");
    }
    if (const char* backend = lookup("KNEEGRADE_DIST_BACKEND"); backend && *backend)
        o.backend = parseCollectiveBackend(backend);
    validateDistributedOptions(o);
    return o;
}

std::optional<DistributedOptions> distributedOptionsFromEnvironment()
{
    return distributedOptionsFromEnvironment([](const char* name) { return std::getenv(name); });
}

} // namespace kg

namespace kg {

std::vector<EnvironmentVariable> rankEnvironment(const DistributedOptions& job, int threads)
{
    char timeout[32];
    std::snprintf(timeout, sizeof timeout, "%g", job.timeoutSeconds);
    std::vector<EnvironmentVariable> variables = {
        {"RANK", std::to_string(job.rank)},
        {"WORLD_SIZE", std::to_string(job.worldSize)},
        {"LOCAL_RANK", std::to_string(job.localRank)},
        {"MASTER_ADDR", job.masterAddress},
        {"MASTER_PORT", std::to_string(job.masterPort)},
        {"TORCHELASTIC_USE_AGENT_STORE", "0"},
        {"KNEEGRADE_DIST_TIMEOUT", timeout},
        {"KNEEGRADE_DIST_BACKEND", toString(job.backend)},
    };
    for (const char* pool : {"OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"})
        variables.push_back({pool, std::to_string(threads), true});
    return variables;
}

} // namespace kg
