#pragma once
// Public (plain C++): the seeded streams a training run draws from, so every epoch's order
// and every sample's augmentation follow from (seed, epoch, sample) alone.
#include <cstdint>
#include <vector>

namespace kg {

/// Deterministic permutation of [0, n) for (seed, epoch): Fisher–Yates on DeterministicRandom.
std::vector<std::int64_t> shuffledOrder(std::int64_t n, std::uint64_t seed, int epoch);

/// The per-sample augmentation seed: a mix of (seed, epoch, sample index).
std::uint64_t augmentSeed(std::uint64_t seed, int epoch, std::int64_t sampleIndex);

} // namespace kg
