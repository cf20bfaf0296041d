#pragma once
// Every difference between the LibTorch versions KneeGrade builds against (Debian's 1.13
// CPU build, CUDA builds of 2.x) lives here, so the rest of core is version-agnostic.
#include "core/util/TorchInclude.h"

#include <ATen/autocast_mode.h>
#include <torch/version.h>

namespace kg::compat {

constexpr bool kTorch2 = TORCH_VERSION_MAJOR >= 2;

inline std::string torchVersion()
{
    return std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) + "." +
           std::to_string(TORCH_VERSION_PATCH);
}

/// Runs `fn` under CUDA autocast in `dtype` (bf16/fp16); a no-op wrapper on CPU.
template <typename Fn>
auto withCudaAutocast(bool enabled, at::ScalarType dtype, Fn&& fn)
{
    if (!enabled)
        return fn();
#if TORCH_VERSION_MAJOR >= 2 && TORCH_VERSION_MINOR >= 4 || TORCH_VERSION_MAJOR > 2
    const bool previous = at::autocast::is_autocast_enabled(at::kCUDA);
    const auto previousType = at::autocast::get_autocast_dtype(at::kCUDA);
    at::autocast::set_autocast_enabled(at::kCUDA, true);
    at::autocast::set_autocast_dtype(at::kCUDA, dtype);
#else
    const bool previous = at::autocast::is_enabled();
    const auto previousType = at::autocast::get_autocast_gpu_dtype();
    at::autocast::set_enabled(true);
    at::autocast::set_autocast_gpu_dtype(dtype);
#endif
    struct Restore {
        bool previous;
        at::ScalarType previousType;
        ~Restore()
        {
#if TORCH_VERSION_MAJOR >= 2 && TORCH_VERSION_MINOR >= 4 || TORCH_VERSION_MAJOR > 2
            at::autocast::set_autocast_enabled(at::kCUDA, previous);
            at::autocast::set_autocast_dtype(at::kCUDA, previousType);
#else
            at::autocast::set_enabled(previous);
            at::autocast::set_autocast_gpu_dtype(previousType);
#endif
            at::autocast::clear_cache();
        }
    } restore{previous, previousType};
    return fn();
}

} // namespace kg::compat
