#pragma once
// Internal (torch): a training batch of the localiser — pool samples under a fresh random
// augmentation (flip, rotation, zoom, shift, exposure, noise, blur) and the CenterNet
// targets drawn from their boxes; and the loss on the network's output.
#include "core/locate/detail/LocaliserNet.h"
#include "core/locate/detail/LocaliserSamples.h"

#include <cstdint>
#include <vector>

namespace kg::locate {

struct TrainBatch {
    torch::Tensor input;       ///< N×1×S×S standardised
    torch::Tensor heat;        ///< N×1×H×W gaussian centre targets in [0, 1] (1 at each centre cell)
    torch::Tensor regression;  ///< N×3×H×W: log(side / S), x and y offsets in the cell
    torch::Tensor regMask;     ///< N×1×H×W: 1 at each centre cell
};

/// One augmented batch; sample k uses the random stream combineSeeds({seed, k}).
TrainBatch makeBatch(const std::vector<PoolSample>& pool, const std::vector<std::size_t>& indices, std::uint64_t seed,
                     const LocaliserNetConfig& config);

struct LossParts {
    torch::Tensor total, heat, size, offset;
};

/// Focal loss on the heat map (CenterNet: α = 2, β = 4, normalised by the number of centres)
/// plus L1 on size and offset at the centres.
LossParts localiserLoss(const torch::Tensor& output, const TrainBatch& batch);

} // namespace kg::locate
