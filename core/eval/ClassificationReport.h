#pragma once
#include "core/eval/ConfusionMatrix.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace kg {

/// One row of the report. Zero divisions follow scikit-learn's default
/// (zero_division="warn"): the value is 0 and the matching *Undefined flag is set.
struct ClassScores {
    std::string name;                 ///< target name as printed
    double precision = 0.0;           ///< TP / predicted; 0 when the grade is never predicted
    double recall = 0.0;              ///< TP / support; 0 when the grade has no true samples
    double f1 = 0.0;                  ///< 2·P·R / (P + R); 0 when P + R = 0
    std::int64_t support = 0;         ///< true samples of the grade
    bool precisionUndefined = false;  ///< never predicted (sklearn: UndefinedMetricWarning)
    bool recallUndefined = false;     ///< no true samples (sklearn: UndefinedMetricWarning)
};

/// An average row ("micro avg", "macro avg", "weighted avg").
struct AverageScores {
    double precision = 0.0;
    double recall = 0.0;
    double f1 = 0.0;
    std::int64_t support = 0;  ///< all samples
};

/// sklearn.metrics.classification_report(y, p, labels=range(K), target_names=names) as numbers.
struct ClassificationReport {
    std::vector<ClassScores> classes;  ///< one per grade, in grade order
    double accuracy = 0.0;             ///< correct / all
    /// sklearn prints an "accuracy" row when every grade occurs in y_true or y_pred and a
    /// full "micro avg" row otherwise.
    bool microIsAccuracy = true;
    AverageScores micro;
    AverageScores macro;               ///< unweighted mean over all K grades (absent ones count as 0)
    AverageScores weighted;            ///< mean weighted by support

    /// The text classification_report prints with `digits` decimals, byte for byte
    /// (names right-aligned by characters, UTF-8 aware). Throws kg::Error when digits < 0.
    std::string toText(int digits = 2) const;
};

/// Builds the report from a confusion matrix. classNames: K names, or empty for "0".."K-1".
/// Throws kg::Error when the names do not match K or the matrix holds no samples.
ClassificationReport classificationReport(const ConfusionMatrix& confusion,
                                          const std::vector<std::string>& classNames = {});

void to_json(nlohmann::json& json, const ClassificationReport& report);
void from_json(const nlohmann::json& json, ClassificationReport& report);

} // namespace kg
