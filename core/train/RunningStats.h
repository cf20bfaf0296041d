#pragma once
// Internal (torch): running loss and accuracy of one phase of an epoch.
#include "core/util/TorchInclude.h"

#include <cmath>
#include <cstdint>

namespace kg {

/// CUDA: batches between two reads of the running loss and accuracy (and progress reports).
constexpr int kCudaSyncBatches = 8;

/// Loss and accuracy sums of one phase of an epoch, for running means (Keras weights each
/// batch's loss by its size). On CUDA the per-batch sums stay on the GPU
/// (`add`) and are read in one synchronisation every few batches (`settle`): reading them after
/// every batch stalls the CPU until the GPU drains, so it cannot queue the next batch's
/// kernels, and ResNet152V2's step becomes launch-bound (measured in docs/PERFORMANCE.md).
struct RunningStats {
    double lossSum = 0;
    std::int64_t correct = 0;
    std::int64_t seen = 0;
    torch::Tensor pending;           ///< CUDA: [loss sum, correct] of batches not yet read
    std::int64_t pendingSeen = 0;
    int pendingBatches = 0;
    int firstPendingBatch = 0;

    double loss() const { return seen ? lossSum / static_cast<double>(seen) : 0.0; }
    double accuracy() const { return seen ? static_cast<double>(correct) / static_cast<double>(seen) : 0.0; }

    void add(const torch::Tensor& batchLossSum, const torch::Tensor& batchCorrect, std::int64_t n, int batchIndex)
    {
        const torch::Tensor both = torch::stack({batchLossSum.to(torch::kFloat64), batchCorrect.to(torch::kFloat64)});
        if (!pending.defined())
            firstPendingBatch = batchIndex;
        pending = pending.defined() ? pending + both : both;
        pendingSeen += n;
        ++pendingBatches;
    }
    /// CUDA: whether to read the pending sums now: every kCudaSyncBatches batches, or at the
    /// end of a phase (`force`).
    bool due(bool force) const { return pendingBatches > 0 && (force || pendingBatches >= kCudaSyncBatches); }
    /// Reads the pending sums (one synchronisation); returns their loss sum, 0 when none.
    double settle()
    {
        if (!pending.defined())
            return 0.0;
        const torch::Tensor values = pending.to(torch::kCPU);
        const double loss = values[0].item<double>();
        lossSum += loss;
        correct += std::llround(values[1].item<double>());
        seen += pendingSeen;
        pending = torch::Tensor();
        pendingSeen = 0;
        pendingBatches = 0;
        return loss;
    }
};

} // namespace kg
