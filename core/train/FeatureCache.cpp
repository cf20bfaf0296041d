#include "core/train/FeatureCache.h"

#include "core/util/Error.h"

namespace kg {

std::optional<FeatureTable> computeFeatures(const BatchForward& forward, BatchSource& source, std::int64_t items,
                                            std::int64_t batchSize,
                                            const std::function<bool(std::int64_t, std::int64_t)>& progress)
{
    torch::NoGradGuard noGrad;
    Model::Impl& model = forward.model();
    auto& backbone = model.net->backbone();
    const bool wasTraining = backbone->is_training();
    backbone->eval();
    const std::int64_t channels = backbone->outputChannels();
    FeatureTable table;
    table.features = torch::zeros({items, channels}, torch::TensorOptions().dtype(torch::kFloat32).device(model.device));
    table.labels = torch::full({items}, -1, torch::kInt64);
    table.valid.assign(static_cast<size_t>(items), 0);
    const std::int64_t total = (source.size() + batchSize - 1) / std::max<std::int64_t>(batchSize, 1);
    std::int64_t done = 0;
    while (auto batch = source.next()) {
        const torch::Tensor pooled = forward.pooled(batch->images);
        const torch::Tensor rows = torch::tensor(batch->indices, torch::kInt64);
        for (const auto index : batch->indices)
            if (index < 0 || index >= items)
                throw Error("feature cache: item index " + std::to_string(index) + " outside 0.." + std::to_string(items - 1));
        table.features.index_copy_(0, rows.to(model.device), pooled);
        table.labels.index_copy_(0, rows, batch->labels.to(torch::kCPU, torch::kInt64));
        for (const auto index : batch->indices)
            table.valid[static_cast<size_t>(index)] = 1;
        ++done;
        if (progress && !progress(done, total)) {
            backbone->train(wasTraining);
            return std::nullopt;
        }
    }
    backbone->train(wasTraining);
    return table;
}

FeatureBatches::FeatureBatches(const FeatureTable& table, const std::vector<std::int64_t>& order, std::int64_t batchSize)
    : table_(table)
{
    // Same cut as the loader: consecutive slices of the order; invalid items shrink their batch.
    for (size_t begin = 0; begin < order.size(); begin += static_cast<size_t>(batchSize)) {
        std::vector<std::int64_t> rows;
        const size_t end = std::min(order.size(), begin + static_cast<size_t>(batchSize));
        for (size_t i = begin; i < end; ++i)
            if (table.valid[static_cast<size_t>(order[i])])
                rows.push_back(order[i]);
        if (!rows.empty())
            batches_.push_back(std::move(rows));
    }
}

FeatureBatch FeatureBatches::batch(std::int64_t index) const
{
    const auto& rows = batches_.at(static_cast<size_t>(index));
    const torch::Tensor cpuRows = torch::tensor(rows, torch::kInt64);
    const torch::Tensor deviceRows = cpuRows.to(table_.features.device());
    return {table_.features.index_select(0, deviceRows), table_.labels.index_select(0, cpuRows).to(table_.features.device())};
}

} // namespace kg
