#pragma once
// Internal (torch): process-wide torch settings changed for a scope and restored after it.
#include "core/util/TorchInclude.h"

namespace kg {

/// Runs a scope with one intra-op thread. The head on cached features multiplies 16×2048 by
/// 2048×128: splitting that across threads costs more in OpenMP barriers than it saves, and on
/// a busy machine each barrier waits for a descheduled thread (measured: see PERFORMANCE.md).
class SingleThreadScope {
public:
    SingleThreadScope() : previous_(torch::get_num_threads())
    {
        if (previous_ != 1)
            torch::set_num_threads(1);
    }
    ~SingleThreadScope()
    {
        if (previous_ != 1)
            torch::set_num_threads(previous_);
    }
    SingleThreadScope(const SingleThreadScope&) = delete;
    SingleThreadScope& operator=(const SingleThreadScope&) = delete;

private:
    int previous_ = 1;
};

/// cuDNN's process-wide settings for one CUDA run, restored afterwards. Fast: cuDNN times its
/// algorithms once per input shape (training shapes are fixed) — measured through this trainer
/// in docs/PERFORMANCE.md. Deterministic: fixed algorithms and deterministic ATen kernels
/// (warn-only where none exists), so a run and its resume are bit-identical on the GPU too.
class CudnnScope {
public:
    explicit CudnnScope(bool deterministic)
    {
        auto& context = at::globalContext();
        benchmark_ = context.benchmarkCuDNN();
        deterministicCudnn_ = context.deterministicCuDNN();
        deterministicAlgorithms_ = context.deterministicAlgorithms();
        warnOnly_ = context.deterministicAlgorithmsWarnOnly();
        context.setBenchmarkCuDNN(!deterministic);
        context.setDeterministicCuDNN(deterministic);
        context.setDeterministicAlgorithms(deterministic, /*warn_only=*/true);
    }
    ~CudnnScope()
    {
        auto& context = at::globalContext();
        context.setBenchmarkCuDNN(benchmark_);
        context.setDeterministicCuDNN(deterministicCudnn_);
        context.setDeterministicAlgorithms(deterministicAlgorithms_, warnOnly_);
    }
    CudnnScope(const CudnnScope&) = delete;
    CudnnScope& operator=(const CudnnScope&) = delete;

private:
    bool benchmark_ = false, deterministicCudnn_ = false, deterministicAlgorithms_ = false, warnOnly_ = false;
};

} // namespace kg
