#pragma once
// Internal (torch): pooled backbone features computed once, for training the head of a frozen
// backbone. With the backbone in inference mode its output for an image never changes, so
// running it every epoch is wasted work: a ResNet152V2 epoch then costs a few matrix
// products instead of ~22 GFLOP per image. With augmentation, a fixed number of augmented
// views per image is cached instead (view v of an item is what epoch v would have drawn).
#include "core/data/BatchSource.h"
#include "core/model/BatchForward.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace kg {

/// Features of one pass over a source, indexed by item.
struct FeatureTable {
    torch::Tensor features;  ///< items × C float32, on the model's device
    torch::Tensor labels;    ///< items int64, CPU
    std::vector<char> valid; ///< per item: 1 when the item's file decoded and its row is filled
};

/// Runs the backbone in inference mode (NoGradGuard, batched, as `forward` runs batches)
/// over every batch of `source` (the caller has called startEpoch) and stores the pooled
/// features of `items` items by Batch::indices. `progress(done, total)` is called after every
/// batch; returning false stops and yields nullopt.
std::optional<FeatureTable> computeFeatures(const BatchForward& forward, BatchSource& source, std::int64_t items,
                                            std::int64_t batchSize,
                                            const std::function<bool(std::int64_t, std::int64_t)>& progress = {});

/// A batch drawn from a FeatureTable.
struct FeatureBatch {
    torch::Tensor features;  ///< n × C on the device
    torch::Tensor labels;    ///< n int64 on the device
};

/// Cuts `order` (item indices) into batches of `batchSize` over `table`, leaving out items
/// that are not valid — the same batches a loader gives for the same order.
class FeatureBatches {
public:
    FeatureBatches(const FeatureTable& table, const std::vector<std::int64_t>& order, std::int64_t batchSize);
    std::int64_t batches() const { return static_cast<std::int64_t>(batches_.size()); }
    FeatureBatch batch(std::int64_t index) const;

private:
    const FeatureTable& table_;
    std::vector<std::vector<std::int64_t>> batches_;
};

} // namespace kg
