#include "core/data/SampleGrid.h"

#include "core/data/DeterministicRandom.h"

#include <algorithm>

namespace kg {

std::vector<std::vector<DatasetItem>> pickSampleGrid(const std::vector<DatasetItem>& items,
                                                     const SampleGridOptions& options)
{
    std::vector<std::vector<size_t>> byGrade(kNumGrades);
    for (size_t i = 0; i < items.size(); ++i)
        if (items[i].grade >= 0 && items[i].grade < kNumGrades)
            byGrade[static_cast<size_t>(items[i].grade)].push_back(i);

    std::vector<std::vector<DatasetItem>> grid(kNumGrades);
    const size_t perGrade = static_cast<size_t>(std::max(0, options.perGrade));
    for (int grade = 0; grade < kNumGrades; ++grade) {
        auto& candidates = byGrade[static_cast<size_t>(grade)];
        // Partial Fisher–Yates: the first `take` slots become a uniform sample without replacement.
        DeterministicRandom random(combineSeeds({options.seed, 0x6121Dull /* stream tag: grid */,
                                                 static_cast<std::uint64_t>(grade)}));
        const size_t take = std::min(perGrade, candidates.size());
        for (size_t i = 0; i < take; ++i)
            std::swap(candidates[i], candidates[i + random.below(candidates.size() - i)]);
        for (size_t i = 0; i < take; ++i)
            grid[static_cast<size_t>(grade)].push_back(items[candidates[i]]);
    }
    return grid;
}

} // namespace kg
