#include "core/train/Sampling.h"

#include "core/data/DeterministicRandom.h"
#include "core/data/RandomStreams.h"

#include <map>

namespace kg {

std::vector<double> inverseFrequencyWeights(const std::vector<int>& grades, int numClasses)
{
    std::vector<std::int64_t> counts(static_cast<size_t>(numClasses), 0);
    for (int grade : grades)
        if (grade >= 0 && grade < numClasses)
            ++counts[static_cast<size_t>(grade)];
    std::vector<double> weights(counts.size(), 0.0);
    for (size_t c = 0; c < counts.size(); ++c)
        if (counts[c] > 0)
            weights[c] = static_cast<double>(grades.size()) / (static_cast<double>(numClasses) * static_cast<double>(counts[c]));
    return weights;
}

std::vector<std::int64_t> epochOrder(std::int64_t n, std::uint64_t seed, int epoch)
{
    return shuffledOrder(n, seed, epoch);
}

std::vector<std::int64_t> balancedOrder(const std::vector<int>& grades, std::uint64_t seed, int epoch)
{
    std::map<int, std::vector<std::int64_t>> byGrade;
    for (size_t i = 0; i < grades.size(); ++i)
        byGrade[grades[i]].push_back(static_cast<std::int64_t>(i));
    std::vector<const std::vector<std::int64_t>*> classes;
    for (const auto& [grade, items] : byGrade)
        classes.push_back(&items);
    std::vector<std::int64_t> order;
    if (classes.empty())
        return order;
    order.reserve(grades.size());
    DeterministicRandom random(combineSeeds({seed, 0xBA1A5CEDull /* stream tag: balanced sampling */,
                                             static_cast<std::uint64_t>(epoch)}));
    for (size_t i = 0; i < grades.size(); ++i) {
        const auto& items = *classes[static_cast<size_t>(random.below(classes.size()))];
        order.push_back(items[static_cast<size_t>(random.below(items.size()))]);
    }
    return order;
}

} // namespace kg
