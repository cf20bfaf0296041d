#pragma once
// Public (plain C++): which items each rank of a data-parallel job visits. Rank r of w takes
// positions r, r+w, r+2w, … of the epoch's order (DistributedSampler's split) with batches of
// B/w: step k of all ranks together is then exactly positions [kB, (k+1)B) of the order — the
// batch one process with batch B would train on. Nothing is padded or dropped: every item is
// seen once per epoch, and a rank whose shard runs out first joins the last step with an
// empty batch (the gradient is divided by the step's total count, not by B).
#include <cstdint>
#include <vector>

namespace kg {

/// Positions rank, rank+worldSize, … of `order`.
std::vector<std::int64_t> shardOf(const std::vector<std::int64_t>& order, int rank, int worldSize);

/// The batch each of `worldSize` ranks trains on for a global batch of `globalBatch`. Throws
/// kg::Error, naming the rank counts that would work, when worldSize does not divide it.
int localBatchSize(int globalBatch, int worldSize);

/// Steps every rank takes in an epoch of `items` items: those of the longest shard.
std::int64_t stepsPerEpoch(std::int64_t items, int worldSize, int localBatch);

} // namespace kg
