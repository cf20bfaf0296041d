#pragma once
// Public (plain C++): how training visits its items — the epoch order and the answers to
// class imbalance. Every result depends only on its arguments, so a resumed run sees the
// same order as one that never stopped.
#include <cstdint>
#include <vector>

namespace kg {

/// sklearn's class_weight='balanced': n / (numClasses · count[c]); classes without samples get 0.
std::vector<double> inverseFrequencyWeights(const std::vector<int>& grades, int numClasses);

/// The order epoch `epoch` (0-based) visits n items: the loader's shuffledOrder(n, seed, epoch).
std::vector<std::int64_t> epochOrder(std::int64_t n, std::uint64_t seed, int epoch);

/// Balanced sampling: grades.size() draws with replacement; each draw picks a grade uniformly
/// among the grades present, then an item of that grade uniformly. Deterministic from
/// (seed, epoch); every grade is seen about equally often per epoch.
std::vector<std::int64_t> balancedOrder(const std::vector<int>& grades, std::uint64_t seed, int epoch);

} // namespace kg
