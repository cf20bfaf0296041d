#pragma once
// Small in-memory images for trainer tests: five separable classes, a bright horizontal band
// whose row depends on the grade, on noise. Needs torch (kg_add_test … TORCH).
#include "core/util/TorchInclude.h"

#include <cstdint>
#include <utility>

namespace kgtest {

/// perClass × 5 images 3×side×side in [−1, 1], labels 0…4 in turn; the same for the same seed.
inline std::pair<torch::Tensor, torch::Tensor> bandImages(int perClass, std::uint64_t seed, int side = 32)
{
    auto generator = at::detail::createCPUGenerator(seed);
    const int n = perClass * 5;
    torch::Tensor images = at::randn({n, 3, side, side}, generator, torch::kFloat32) * 0.3;
    torch::Tensor labels = torch::empty({n}, torch::kInt64);
    for (int i = 0; i < n; ++i) {
        const int grade = i % 5;
        labels[i] = grade;
        images[i].narrow(1, 3 + grade * 6, 4).add_(0.8);
    }
    return {images.clamp(-1, 1), labels};
}

} // namespace kgtest
