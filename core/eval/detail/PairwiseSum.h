#pragma once
// Internal (no torch): NumPy's summation order, so averages match scikit-learn to the last
// bit and the report text rounds the same way at a tie (e.g. 0.125 vs 0.12500000000000003).
#include <cstddef>
#include <vector>

namespace kg::detail {

/// NumPy's pairwise_sum for float64 (numpy/core/src/umath/loops_utils.h.src): plain loop
/// below 8 values, 8 interleaved accumulators up to 128, halves (multiple of 8) above.
inline double pairwiseSum(const double* values, std::size_t n)
{
    if (n < 8) {
        double sum = 0.0;
        for (std::size_t i = 0; i < n; ++i)
            sum += values[i];
        return sum;
    }
    if (n <= 128) {
        double r[8];
        for (int j = 0; j < 8; ++j)
            r[j] = values[j];
        std::size_t i = 8;
        for (; i < n - (n % 8); i += 8)
            for (int j = 0; j < 8; ++j)
                r[j] += values[i + j];
        double sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; ++i)
            sum += values[i];
        return sum;
    }
    std::size_t half = n / 2;
    half -= half % 8;
    return pairwiseSum(values, half) + pairwiseSum(values + half, n - half);
}

inline double pairwiseSum(const std::vector<double>& values)
{
    return pairwiseSum(values.data(), values.size());
}

/// np.mean of a float64 vector: pairwise sum divided by the count.
inline double numpyMean(const std::vector<double>& values)
{
    return pairwiseSum(values) / static_cast<double>(values.size());
}

} // namespace kg::detail
