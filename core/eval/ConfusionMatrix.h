#pragma once
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <vector>

namespace kg {

/// K×K counts of (true grade, predicted grade): rows are the true grade, columns the
/// prediction — sklearn.metrics.confusion_matrix(y_true, y_pred, labels=range(K)).
/// A plain value type; not synchronised.
class ConfusionMatrix {
public:
    ConfusionMatrix() = default;
    /// All-zero K×K matrix. Throws kg::Error when numClasses < 1.
    explicit ConfusionMatrix(int numClasses);

    /// Counts the pairs. Throws kg::Error when the lengths differ or a label is not in [0, K).
    static ConfusionMatrix fromLabels(const std::vector<int>& trueLabels,
                                      const std::vector<int>& predictedLabels, int numClasses);

    /// Adds `count` samples of grade trueLabel predicted as predictedLabel (throws on a bad label).
    void add(int trueLabel, int predictedLabel, std::int64_t count = 1);

    int numClasses() const { return numClasses_; }
    std::int64_t count(int trueLabel, int predictedLabel) const;
    std::int64_t total() const;
    std::int64_t correct() const;                    ///< trace: correctly graded samples
    std::int64_t trueCount(int grade) const;         ///< row sum: support of the grade
    std::int64_t predictedCount(int grade) const;    ///< column sum

    /// count / row sum, row-major K×K; a row without samples is all zeros (never NaN),
    /// as sklearn's confusion_matrix(normalize="true").
    std::vector<double> rowNormalised() const;
    double rowRate(int trueLabel, int predictedLabel) const;

    /// Row-major K×K counts.
    const std::vector<std::int64_t>& counts() const { return counts_; }

    bool operator==(const ConfusionMatrix& other) const;
    bool operator!=(const ConfusionMatrix& other) const { return !(*this == other); }

private:
    std::size_t index(int trueLabel, int predictedLabel) const;

    int numClasses_ = 0;
    std::vector<std::int64_t> counts_;
};

/// {"counts": [[…]], "row_normalised": [[…]]}; from_json reads "counts" (a square array of
/// non-negative integers) and throws kg::Error otherwise.
void to_json(nlohmann::json& json, const ConfusionMatrix& matrix);
void from_json(const nlohmann::json& json, ConfusionMatrix& matrix);

} // namespace kg
