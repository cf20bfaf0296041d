#pragma once
// Public (plain C++): how the batched loader feeds training and evaluation.
#include "core/data/AugmentOptions.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>

namespace kg {

/// Defaults are evaluation-safe: file order, no augmentation. Training turns on shuffle and augment.
struct LoaderOptions {
    int batchSize = 16;              ///< samples per batch, as in the tutorial
    int workers = 0;                 ///< decoding threads; 0 = one per core
    int prefetchBatches = 0;         ///< batches decoded ahead of the consumer; 0 = 2 per worker
    bool shuffle = false;            ///< reshuffle every epoch from (seed, epoch); off keeps file order
    bool augment = false;            ///< apply `augmentation` (training only)
    AugmentOptions augmentation;     ///< which transforms `augment` applies
    bool dropLast = false;           ///< drop the last, smaller batch of an epoch
    std::uint64_t seed = 42;         ///< shuffle order and augmentation draws derive from this alone
};

void to_json(nlohmann::json& json, const LoaderOptions& options);
void from_json(const nlohmann::json& json, LoaderOptions& options);

} // namespace kg
