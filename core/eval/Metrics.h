#pragma once
#include "core/eval/Calibration.h"
#include "core/eval/ClassificationReport.h"
#include "core/eval/ConfusionMatrix.h"

#include <nlohmann/json_fwd.hpp>

#include <iosfwd>
#include <limits>
#include <string>
#include <vector>

// The field's evaluation metrics, pure C++ (no torch, no Qt). Numbers follow scikit-learn
// 1.2 (tests/eval/fixtures/metrics_sklearn.json is the reference). NaN marks a value that
// is undefined for the data at hand; JSON writes it as null, CSV as an empty cell.
// Everything here is a pure function or a value type: safe from any thread.

namespace kg {

struct MetricsOptions {
    int calibrationBins = 15;  ///< equal-width confidence bins for ECE and the reliability diagram
    int reportDigits = 2;      ///< decimals of the classification report text (sklearn's digits)
};

/// Everything KneeGrade reports about one evaluation.
struct EvaluationMetrics {
    std::vector<std::string> classNames;  ///< K names, grade order
    ConfusionMatrix confusion;            ///< rows = true grade
    ClassificationReport report;          ///< sklearn's classification_report
    std::string reportText;               ///< report.toText(options.reportDigits)
    double accuracy = 0.0;
    double balancedAccuracy = 0.0;        ///< sklearn: mean recall over grades present in y_true
    /// sklearn warns "y_pred contains classes not in y_true": those grades are left out.
    bool balancedAccuracyIgnoredGrades = false;
    double quadraticWeightedKappa = std::numeric_limits<double>::quiet_NaN();  ///< NaN when undefined
    double meanAbsoluteError = 0.0;       ///< mean |true − predicted| in grades
    std::vector<double> sensitivity;      ///< per grade TP/(TP+FN); NaN without true samples
    std::vector<double> specificity;      ///< per grade TN/(TN+FP); NaN when every sample is that grade
    bool hasProbabilities = false;        ///< AUC and calibration need probabilities
    std::vector<double> rocAuc;           ///< one-vs-rest per grade; NaN without positives or negatives
    double macroRocAuc = std::numeric_limits<double>::quiet_NaN();  ///< mean over defined grades
    int rocAucDefinedGrades = 0;          ///< grades that entered macroRocAuc
    CalibrationReport calibration;        ///< top-label ECE/MCE and reliability bins
    std::vector<std::string> warnings;    ///< one sentence per undefined or ignored value
};

/// Computes every metric. K = classNames.size(); labels are grades in [0, K);
/// probabilities: N×K row-major, or empty (then no AUC/calibration). Throws kg::Error on
/// empty input, mismatched sizes, a bad label, or a probability outside [0, 1].
EvaluationMetrics computeMetrics(const std::vector<int>& trueLabels, const std::vector<int>& predictedLabels,
                                 const std::vector<double>& probabilities,
                                 const std::vector<std::string>& classNames, const MetricsOptions& options = {});

/// sklearn balanced_accuracy_score: mean recall over grades that occur in y_true or y_pred,
/// where grades only in y_pred are dropped (sets *ignoredGrades, sklearn's warning).
/// NaN when the matrix is empty.
double balancedAccuracy(const ConfusionMatrix& confusion, bool* ignoredGrades = nullptr);

/// sklearn cohen_kappa_score(weights="quadratic", labels=range(K)). NaN when the expected
/// weighted disagreement is 0 (e.g. one grade in both labels and predictions).
double quadraticWeightedKappa(const ConfusionMatrix& confusion);

/// Mean absolute error in grades (sklearn mean_absolute_error on the labels).
double meanAbsoluteError(const ConfusionMatrix& confusion);

/// Per-grade sensitivity (recall) and specificity, NaN where the denominator is 0.
std::vector<double> sensitivities(const ConfusionMatrix& confusion);
std::vector<double> specificities(const ConfusionMatrix& confusion);

/// sklearn roc_auc_score for a binary problem: area under the ROC curve with tied scores
/// forming one diagonal step (= Mann–Whitney U / (P·N), ties counting ½).
/// NaN when there are no positives or no negatives. Throws on size mismatch or NaN scores.
double rocAuc(const std::vector<bool>& isPositive, const std::vector<double>& scores);

/// rocAuc(y == k, probabilities[:, k]) for each grade k.
std::vector<double> rocAucOneVsRest(const std::vector<int>& trueLabels, const std::vector<double>& probabilities,
                                    int numClasses);

void to_json(nlohmann::json& json, const MetricsOptions& options);
void from_json(const nlohmann::json& json, MetricsOptions& options);
void to_json(nlohmann::json& json, const EvaluationMetrics& metrics);
void from_json(const nlohmann::json& json, EvaluationMetrics& metrics);

/// Metrics table for spreadsheets: header
/// `kind,name,precision,recall,f1_score,support,sensitivity,specificity,roc_auc,value`,
/// one `grade` row per class, `average` rows (micro avg when sklearn prints it, macro avg
/// with the macro AUC, weighted avg), then `summary` rows carrying only `value`: accuracy,
/// balanced_accuracy, quadratic_weighted_kappa, mean_absolute_error, macro_roc_auc,
/// expected_calibration_error, maximum_calibration_error. Numbers in shortest round-trip
/// form; NaN is an empty cell; names are quoted per RFC 4180 when needed.
void writeMetricsCsv(std::ostream& out, const EvaluationMetrics& metrics);

/// K×K confusion matrix with a header row and column of class names ("true \ predicted"
/// corner); counts, or row-normalised rates when `rowNormalised`.
void writeConfusionMatrixCsv(std::ostream& out, const ConfusionMatrix& confusion,
                             const std::vector<std::string>& classNames, bool rowNormalised = false);

} // namespace kg
