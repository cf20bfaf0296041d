#include "core/data/RandomStreams.h"

#include "core/data/DeterministicRandom.h"

#include <algorithm>
#include <utility>

namespace kg {

std::vector<std::int64_t> shuffledOrder(std::int64_t n, std::uint64_t seed, int epoch)
{
    std::vector<std::int64_t> order(static_cast<size_t>(std::max<std::int64_t>(n, 0)));
    for (std::int64_t i = 0; i < n; ++i)
        order[static_cast<size_t>(i)] = i;
    DeterministicRandom random(combineSeeds({seed, 0x5E0F1Eull /* stream tag: shuffle */, static_cast<std::uint64_t>(epoch)}));
    for (std::int64_t i = n - 1; i > 0; --i)
        std::swap(order[static_cast<size_t>(i)], order[static_cast<size_t>(random.below(static_cast<std::uint64_t>(i) + 1))]);
    return order;
}

std::uint64_t augmentSeed(std::uint64_t seed, int epoch, std::int64_t sampleIndex)
{
    return combineSeeds({seed, 0xA0641ull /* stream tag: augmentation */, static_cast<std::uint64_t>(epoch),
                         static_cast<std::uint64_t>(sampleIndex)});
}

} // namespace kg
