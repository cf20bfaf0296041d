#pragma once
// Public (plain C++): the random sample grid the Dataset view shows (5 images per grade).
#include "core/data/Dataset.h"

#include <cstdint>
#include <vector>

namespace kg {

struct SampleGridOptions {
    int perGrade = 5;            ///< columns: images drawn per grade
    std::uint64_t seed = 42;     ///< the same seed and items give the same grid
};

/// One row per grade 0..kNumGrades−1 (row g holds grade g), each with up to perGrade items
/// drawn without replacement (a grade with fewer items shows all it has, in random order).
/// Unlabelled items (grade outside 0..4) are ignored. Deterministic; never throws.
std::vector<std::vector<DatasetItem>> pickSampleGrid(const std::vector<DatasetItem>& items,
                                                     const SampleGridOptions& options = {});

} // namespace kg
