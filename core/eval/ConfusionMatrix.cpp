#include "core/eval/ConfusionMatrix.h"

#include "core/util/Error.h"

#include <nlohmann/json.hpp>

#include <numeric>
#include <string>

namespace kg {

ConfusionMatrix::ConfusionMatrix(int numClasses)
    : numClasses_(numClasses)
{
    if (numClasses < 1)
        throw Error("confusion matrix: need at least one class, got " + std::to_string(numClasses));
    counts_.assign(static_cast<std::size_t>(numClasses) * static_cast<std::size_t>(numClasses), 0);
}

ConfusionMatrix ConfusionMatrix::fromLabels(const std::vector<int>& trueLabels,
                                            const std::vector<int>& predictedLabels, int numClasses)
{
    if (trueLabels.size() != predictedLabels.size())
        throw Error("confusion matrix: " + std::to_string(trueLabels.size()) + " true labels but " +
                    std::to_string(predictedLabels.size()) + " predictions");
    ConfusionMatrix matrix(numClasses);
    for (std::size_t i = 0; i < trueLabels.size(); ++i)
        matrix.add(trueLabels[i], predictedLabels[i]);
    return matrix;
}

std::size_t ConfusionMatrix::index(int trueLabel, int predictedLabel) const
{
    if (trueLabel < 0 || trueLabel >= numClasses_ || predictedLabel < 0 || predictedLabel >= numClasses_)
        throw Error("confusion matrix: label pair (" + std::to_string(trueLabel) + ", " +
                    std::to_string(predictedLabel) + ") is outside the grades 0.." +
                    std::to_string(numClasses_ - 1));
    return static_cast<std::size_t>(trueLabel) * static_cast<std::size_t>(numClasses_) +
           static_cast<std::size_t>(predictedLabel);
}

void ConfusionMatrix::add(int trueLabel, int predictedLabel, std::int64_t count)
{
    if (count < 0)
        throw Error("confusion matrix: negative count " + std::to_string(count));
    counts_[index(trueLabel, predictedLabel)] += count;
}

std::int64_t ConfusionMatrix::count(int trueLabel, int predictedLabel) const
{
    return counts_[index(trueLabel, predictedLabel)];
}

std::int64_t ConfusionMatrix::total() const
{
    return std::accumulate(counts_.begin(), counts_.end(), std::int64_t{0});
}

std::int64_t ConfusionMatrix::correct() const
{
    std::int64_t sum = 0;
    for (int k = 0; k < numClasses_; ++k)
        sum += count(k, k);
    return sum;
}

std::int64_t ConfusionMatrix::trueCount(int grade) const
{
    std::int64_t sum = 0;
    for (int j = 0; j < numClasses_; ++j)
        sum += count(grade, j);
    return sum;
}

std::int64_t ConfusionMatrix::predictedCount(int grade) const
{
    std::int64_t sum = 0;
    for (int i = 0; i < numClasses_; ++i)
        sum += count(i, grade);
    return sum;
}

double ConfusionMatrix::rowRate(int trueLabel, int predictedLabel) const
{
    const std::int64_t row = trueCount(trueLabel);
    return row == 0 ? 0.0 : static_cast<double>(count(trueLabel, predictedLabel)) / static_cast<double>(row);
}

std::vector<double> ConfusionMatrix::rowNormalised() const
{
    std::vector<double> rates(counts_.size(), 0.0);
    for (int i = 0; i < numClasses_; ++i)
        for (int j = 0; j < numClasses_; ++j)
            rates[index(i, j)] = rowRate(i, j);
    return rates;
}

bool ConfusionMatrix::operator==(const ConfusionMatrix& other) const
{
    return numClasses_ == other.numClasses_ && counts_ == other.counts_;
}

void to_json(nlohmann::json& json, const ConfusionMatrix& matrix)
{
    const int k = matrix.numClasses();
    const std::vector<double> rates = matrix.rowNormalised();
    nlohmann::json counts = nlohmann::json::array();
    nlohmann::json normalised = nlohmann::json::array();
    for (int i = 0; i < k; ++i) {
        nlohmann::json countRow = nlohmann::json::array();
        nlohmann::json rateRow = nlohmann::json::array();
        for (int j = 0; j < k; ++j) {
            countRow.push_back(matrix.count(i, j));
            rateRow.push_back(rates[static_cast<std::size_t>(i * k + j)]);
        }
        counts.push_back(std::move(countRow));
        normalised.push_back(std::move(rateRow));
    }
    json = nlohmann::json{{"counts", std::move(counts)}, {"row_normalised", std::move(normalised)}};
}

void from_json(const nlohmann::json& json, ConfusionMatrix& matrix)
{
    const nlohmann::json& counts = json.contains("counts") ? json.at("counts") : json;
    if (!counts.is_array() || counts.empty())
        throw Error("confusion matrix JSON: expected a non-empty square array of counts");
    const int k = static_cast<int>(counts.size());
    ConfusionMatrix result(k);
    for (int i = 0; i < k; ++i) {
        const nlohmann::json& row = counts[static_cast<std::size_t>(i)];
        if (!row.is_array() || static_cast<int>(row.size()) != k)
            throw Error("confusion matrix JSON: row " + std::to_string(i) + " does not have " +
                        std::to_string(k) + " entries");
        for (int j = 0; j < k; ++j) {
            const nlohmann::json& cell = row[static_cast<std::size_t>(j)];
            if (!cell.is_number_integer() || cell.get<std::int64_t>() < 0)
                throw Error("confusion matrix JSON: cell (" + std::to_string(i) + ", " +
                            std::to_string(j) + ") is not a non-negative integer");
            result.add(i, j, cell.get<std::int64_t>());
        }
    }
    matrix = std::move(result);
}

} // namespace kg
