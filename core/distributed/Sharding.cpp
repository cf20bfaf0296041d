#include "core/distributed/Sharding.h"

#include "core/util/Error.h"

#include <string>

namespace kg {

std::vector<std::int64_t> shardOf(const std::vector<std::int64_t>& order, int rank, int worldSize)
{
    std::vector<std::int64_t> shard;
    shard.reserve(order.size() / static_cast<size_t>(worldSize) + 1);
    for (size_t i = static_cast<size_t>(rank); i < order.size(); i += static_cast<size_t>(worldSize))
        shard.push_back(order[i]);
    return shard;
}

int localBatchSize(int globalBatch, int worldSize)
{
    if (worldSize >= 1 && globalBatch % worldSize == 0 && globalBatch >= worldSize)
        return globalBatch / worldSize;
    std::string working;
    for (int w = 2; w <= globalBatch && w <= 64; ++w)
        if (globalBatch % w == 0)
            working += (working.empty() ? "" : ", ") + std::to_string(w);
    throw Error("the batch size " + std::to_string(globalBatch) + " cannot be shared equally by " + std::to_string(worldSize) +
                " ranks (each rank trains batch / ranks images per step)" +
                (working.empty() ? std::string(".") : "; rank counts that divide it: " + working + "."));
}

std::int64_t stepsPerEpoch(std::int64_t items, int worldSize, int localBatch)
{
    const std::int64_t longestShard = (items + worldSize - 1) / worldSize;
    return (longestShard + localBatch - 1) / localBatch;
}

} // namespace kg
