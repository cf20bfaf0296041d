#pragma once
// Internal (no torch): input checks and JSON helpers shared by the metric sources.
#include "core/util/Error.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace kg::detail {

inline void checkClassCount(int numClasses, const std::string& what)
{
    if (numClasses < 1)
        throw Error(what + ": need at least one class, got " + std::to_string(numClasses));
}

/// Labels must be grades in [0, K).
inline void checkLabels(const std::vector<int>& labels, int numClasses, const std::string& what)
{
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (labels[i] < 0 || labels[i] >= numClasses)
            throw Error(what + ": label " + std::to_string(labels[i]) + " of sample " + std::to_string(i) +
                        " is not a grade 0.." + std::to_string(numClasses - 1));
}

/// An N×K row-major matrix of finite values for N samples.
inline void checkMatrix(const std::vector<double>& values, std::size_t samples, int numClasses,
                        const std::string& what, const std::string& name)
{
    const std::size_t expected = samples * static_cast<std::size_t>(numClasses);
    if (values.size() != expected)
        throw Error(what + ": expected " + std::to_string(samples) + "×" + std::to_string(numClasses) + " " + name +
                    " (" + std::to_string(expected) + " values), got " + std::to_string(values.size()));
    for (std::size_t i = 0; i < values.size(); ++i)
        if (!std::isfinite(values[i]))
            throw Error(what + ": " + name + " of sample " + std::to_string(i / static_cast<std::size_t>(numClasses)) +
                        " is not finite");
}

/// Probabilities in [0, 1], with slack for float32 softmax outputs.
inline void checkProbabilities(const std::vector<double>& values, std::size_t samples, int numClasses,
                               const std::string& what)
{
    checkMatrix(values, samples, numClasses, what, "probabilities");
    constexpr double kSlack = 1e-6;
    for (std::size_t i = 0; i < values.size(); ++i)
        if (values[i] < -kSlack || values[i] > 1.0 + kSlack)
            throw Error(what + ": probability " + std::to_string(values[i]) + " of sample " +
                        std::to_string(i / static_cast<std::size_t>(numClasses)) + " is outside [0, 1]");
}

/// JSON has no NaN: nlohmann writes it as null, and null reads back as NaN.
inline double numberOrNaN(const nlohmann::json& value)
{
    return value.is_null() ? std::numeric_limits<double>::quiet_NaN() : value.get<double>();
}

inline std::vector<double> numbersOrNaN(const nlohmann::json& array)
{
    std::vector<double> values;
    for (const nlohmann::json& item : array)
        values.push_back(numberOrNaN(item));
    return values;
}

} // namespace kg::detail
