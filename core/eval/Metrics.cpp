#include "core/eval/Metrics.h"

#include "core/eval/detail/Checks.h"
#include "core/eval/detail/PairwiseSum.h"
#include "core/util/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>
#include <utility>
#include <ostream>

namespace kg {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double ratioOrNaN(std::int64_t numerator, std::int64_t denominator)
{
    return denominator == 0 ? kNaN : static_cast<double>(numerator) / static_cast<double>(denominator);
}

std::string quoted(const std::string& name)
{
    return "'" + name + "'";
}

} // namespace

double balancedAccuracy(const ConfusionMatrix& confusion, bool* ignoredGrades)
{
    if (ignoredGrades)
        *ignoredGrades = false;
    std::vector<double> recalls;
    for (int k = 0; k < confusion.numClasses(); ++k) {
        const std::int64_t support = confusion.trueCount(k);
        if (support > 0)
            recalls.push_back(static_cast<double>(confusion.count(k, k)) / static_cast<double>(support));
        else if (confusion.predictedCount(k) > 0 && ignoredGrades)
            *ignoredGrades = true;  // sklearn: a NaN recall, dropped with a warning
    }
    return recalls.empty() ? kNaN : detail::numpyMean(recalls);
}

double quadraticWeightedKappa(const ConfusionMatrix& confusion)
{
    // Same operations as sklearn's cohen_kappa_score: expected = outer(colsum, rowsum) / N.
    const int k = confusion.numClasses();
    const std::int64_t total = confusion.total();
    if (k < 1 || total == 0)
        return kNaN;
    std::int64_t observed = 0;
    std::vector<double> expected;
    expected.reserve(static_cast<std::size_t>(k) * static_cast<std::size_t>(k));
    for (int i = 0; i < k; ++i)
        for (int j = 0; j < k; ++j) {
            const std::int64_t weight = static_cast<std::int64_t>(i - j) * (i - j);
            observed += weight * confusion.count(i, j);
            const double chance = static_cast<double>(confusion.predictedCount(i) * confusion.trueCount(j)) /
                                  static_cast<double>(total);
            expected.push_back(static_cast<double>(weight) * chance);
        }
    const double expectedSum = detail::pairwiseSum(expected);
    if (expectedSum == 0.0)
        return kNaN;  // then observed is 0 too: 0/0
    return 1.0 - static_cast<double>(observed) / expectedSum;
}

double meanAbsoluteError(const ConfusionMatrix& confusion)
{
    std::int64_t sum = 0;
    for (int i = 0; i < confusion.numClasses(); ++i)
        for (int j = 0; j < confusion.numClasses(); ++j)
            sum += static_cast<std::int64_t>(std::abs(i - j)) * confusion.count(i, j);
    return ratioOrNaN(sum, confusion.total());
}

std::vector<double> sensitivities(const ConfusionMatrix& confusion)
{
    std::vector<double> values;
    for (int k = 0; k < confusion.numClasses(); ++k)
        values.push_back(ratioOrNaN(confusion.count(k, k), confusion.trueCount(k)));
    return values;
}

std::vector<double> specificities(const ConfusionMatrix& confusion)
{
    std::vector<double> values;
    const std::int64_t total = confusion.total();
    for (int k = 0; k < confusion.numClasses(); ++k) {
        const std::int64_t negatives = total - confusion.trueCount(k);
        const std::int64_t falsePositives = confusion.predictedCount(k) - confusion.count(k, k);
        values.push_back(ratioOrNaN(negatives - falsePositives, negatives));
    }
    return values;
}

double rocAuc(const std::vector<bool>& isPositive, const std::vector<double>& scores)
{
    if (isPositive.size() != scores.size())
        throw Error("ROC AUC: " + std::to_string(isPositive.size()) + " labels but " + std::to_string(scores.size()) +
                    " scores");
    for (double score : scores)
        if (std::isnan(score))
            throw Error("ROC AUC: a score is NaN");
    // (score, positive) pairs sorted by descending score: contiguous, so the sort stays in cache.
    std::vector<std::pair<double, bool>> ranked(scores.size());
    for (std::size_t i = 0; i < scores.size(); ++i)
        ranked[i] = {scores[i], isPositive[i]};
    std::sort(ranked.begin(), ranked.end(),
              [](const std::pair<double, bool>& a, const std::pair<double, bool>& b) { return a.first > b.first; });

    // Walk thresholds from high to low; a group of tied scores is one (possibly diagonal)
    // step of the ROC curve, so its trapezoid counts tied pairs as ½. Twice the area in
    // integers keeps it exact.
    std::int64_t truePositives = 0, falsePositives = 0, twiceArea = 0;
    for (std::size_t start = 0; start < ranked.size();) {
        std::size_t end = start;
        std::int64_t groupPositives = 0, groupNegatives = 0;
        while (end < ranked.size() && ranked[end].first == ranked[start].first) {
            (ranked[end].second ? groupPositives : groupNegatives) += 1;
            ++end;
        }
        twiceArea += groupNegatives * (2 * truePositives + groupPositives);
        truePositives += groupPositives;
        falsePositives += groupNegatives;
        start = end;
    }
    if (truePositives == 0 || falsePositives == 0)
        return kNaN;
    return static_cast<double>(twiceArea) /
           (2.0 * static_cast<double>(truePositives) * static_cast<double>(falsePositives));
}

std::vector<double> rocAucOneVsRest(const std::vector<int>& trueLabels, const std::vector<double>& probabilities,
                                    int numClasses)
{
    const std::string what = "ROC AUC";
    detail::checkClassCount(numClasses, what);
    detail::checkLabels(trueLabels, numClasses, what);
    detail::checkMatrix(probabilities, trueLabels.size(), numClasses, what, "scores");
    const std::size_t k = static_cast<std::size_t>(numClasses);
    std::vector<double> aucs;
    std::vector<bool> isPositive(trueLabels.size());
    std::vector<double> scores(trueLabels.size());
    for (int grade = 0; grade < numClasses; ++grade) {
        for (std::size_t i = 0; i < trueLabels.size(); ++i) {
            isPositive[i] = trueLabels[i] == grade;
            scores[i] = probabilities[i * k + static_cast<std::size_t>(grade)];
        }
        aucs.push_back(rocAuc(isPositive, scores));
    }
    return aucs;
}

EvaluationMetrics computeMetrics(const std::vector<int>& trueLabels, const std::vector<int>& predictedLabels,
                                 const std::vector<double>& probabilities,
                                 const std::vector<std::string>& classNames, const MetricsOptions& options)
{
    const std::string what = "metrics";
    const int k = static_cast<int>(classNames.size());
    if (k < 1)
        throw Error(what + ": no class names given");
    if (trueLabels.empty())
        throw Error(what + ": no samples to evaluate");
    if (trueLabels.size() != predictedLabels.size())
        throw Error(what + ": " + std::to_string(trueLabels.size()) + " true labels but " +
                    std::to_string(predictedLabels.size()) + " predictions");
    detail::checkLabels(trueLabels, k, what + " (true labels)");
    detail::checkLabels(predictedLabels, k, what + " (predictions)");
    if (!probabilities.empty())
        detail::checkProbabilities(probabilities, trueLabels.size(), k, what);

    EvaluationMetrics metrics;
    metrics.classNames = classNames;
    metrics.confusion = ConfusionMatrix::fromLabels(trueLabels, predictedLabels, k);
    metrics.report = classificationReport(metrics.confusion, classNames);
    metrics.reportText = metrics.report.toText(options.reportDigits);
    metrics.accuracy = metrics.report.accuracy;
    metrics.balancedAccuracy = balancedAccuracy(metrics.confusion, &metrics.balancedAccuracyIgnoredGrades);
    metrics.quadraticWeightedKappa = quadraticWeightedKappa(metrics.confusion);
    metrics.meanAbsoluteError = meanAbsoluteError(metrics.confusion);
    metrics.sensitivity = sensitivities(metrics.confusion);
    metrics.specificity = specificities(metrics.confusion);

    std::vector<std::string>& warnings = metrics.warnings;
    std::vector<std::string> ignored;
    for (int c = 0; c < k; ++c) {
        const ClassScores& scores = metrics.report.classes[static_cast<std::size_t>(c)];
        const std::string& name = classNames[static_cast<std::size_t>(c)];
        if (scores.recallUndefined)
            warnings.push_back("Recall and sensitivity of " + quoted(name) +
                               " are undefined: no true samples (recall reported as 0, as scikit-learn does).");
        if (scores.precisionUndefined)
            warnings.push_back("Precision of " + quoted(name) +
                               " is undefined: never predicted (reported as 0, as scikit-learn does).");
        if (scores.support == metrics.confusion.total())
            warnings.push_back("Specificity of " + quoted(name) + " is undefined: every sample has this grade.");
        if (scores.recallUndefined && !scores.precisionUndefined)
            ignored.push_back(quoted(name));
    }
    if (metrics.balancedAccuracyIgnoredGrades) {
        std::string list;
        for (const std::string& name : ignored)
            list += (list.empty() ? "" : ", ") + name;
        warnings.push_back("Balanced accuracy ignores grades that are predicted but absent from the true labels (" +
                           list + "), as scikit-learn does.");
    }
    if (std::isnan(metrics.quadraticWeightedKappa))
        warnings.push_back("Quadratic weighted kappa is undefined: labels and predictions hold a single grade.");

    metrics.hasProbabilities = !probabilities.empty();
    metrics.rocAuc.assign(static_cast<std::size_t>(k), kNaN);
    if (metrics.hasProbabilities) {
        metrics.rocAuc = rocAucOneVsRest(trueLabels, probabilities, k);
        std::vector<double> defined;
        for (int c = 0; c < k; ++c) {
            const double auc = metrics.rocAuc[static_cast<std::size_t>(c)];
            if (!std::isnan(auc)) {
                defined.push_back(auc);
                continue;
            }
            const bool noPositives = metrics.confusion.trueCount(c) == 0;
            warnings.push_back("ROC AUC of " + quoted(classNames[static_cast<std::size_t>(c)]) +
                               " is undefined: " + (noPositives ? "no true samples" : "no samples of other grades") +
                               "; it is left out of the macro average.");
        }
        metrics.rocAucDefinedGrades = static_cast<int>(defined.size());
        metrics.macroRocAuc = defined.empty() ? kNaN : detail::numpyMean(defined);
        metrics.calibration = calibrationReport(trueLabels, probabilities, k, options.calibrationBins);
    }
    return metrics;
}

void to_json(nlohmann::json& json, const MetricsOptions& options)
{
    json = nlohmann::json{{"calibration_bins", options.calibrationBins}, {"report_digits", options.reportDigits}};
}

void from_json(const nlohmann::json& json, MetricsOptions& options)
{
    const MetricsOptions defaults;
    options.calibrationBins = json.value("calibration_bins", defaults.calibrationBins);
    options.reportDigits = json.value("report_digits", defaults.reportDigits);
}

void to_json(nlohmann::json& json, const EvaluationMetrics& metrics)
{
    json = nlohmann::json{{"class_names", metrics.classNames},
                          {"num_samples", metrics.confusion.total()},
                          {"confusion_matrix", metrics.confusion},
                          {"classification_report", metrics.report},
                          {"classification_report_text", metrics.reportText},
                          {"accuracy", metrics.accuracy},
                          {"balanced_accuracy", metrics.balancedAccuracy},
                          {"balanced_accuracy_ignored_grades", metrics.balancedAccuracyIgnoredGrades},
                          {"quadratic_weighted_kappa", metrics.quadraticWeightedKappa},
                          {"mean_absolute_error", metrics.meanAbsoluteError},
                          {"sensitivity", metrics.sensitivity},
                          {"specificity", metrics.specificity},
                          {"has_probabilities", metrics.hasProbabilities},
                          {"roc_auc", metrics.rocAuc},
                          {"macro_roc_auc", metrics.macroRocAuc},
                          {"roc_auc_defined_grades", metrics.rocAucDefinedGrades},
                          {"calibration", metrics.calibration},
                          {"warnings", metrics.warnings}};
}

void from_json(const nlohmann::json& json, EvaluationMetrics& metrics)
{
    try {
        EvaluationMetrics result;
        json.at("class_names").get_to(result.classNames);
        json.at("confusion_matrix").get_to(result.confusion);
        json.at("classification_report").get_to(result.report);
        json.at("classification_report_text").get_to(result.reportText);
        json.at("accuracy").get_to(result.accuracy);
        result.balancedAccuracy = detail::numberOrNaN(json.at("balanced_accuracy"));
        json.at("balanced_accuracy_ignored_grades").get_to(result.balancedAccuracyIgnoredGrades);
        result.quadraticWeightedKappa = detail::numberOrNaN(json.at("quadratic_weighted_kappa"));
        result.meanAbsoluteError = detail::numberOrNaN(json.at("mean_absolute_error"));
        result.sensitivity = detail::numbersOrNaN(json.at("sensitivity"));
        result.specificity = detail::numbersOrNaN(json.at("specificity"));
        json.at("has_probabilities").get_to(result.hasProbabilities);
        result.rocAuc = detail::numbersOrNaN(json.at("roc_auc"));
        result.macroRocAuc = detail::numberOrNaN(json.at("macro_roc_auc"));
        json.at("roc_auc_defined_grades").get_to(result.rocAucDefinedGrades);
        json.at("calibration").get_to(result.calibration);
        json.at("warnings").get_to(result.warnings);
        const std::size_t k = result.classNames.size();
        if (static_cast<std::size_t>(result.confusion.numClasses()) != k || result.report.classes.size() != k ||
            result.sensitivity.size() != k || result.specificity.size() != k || result.rocAuc.size() != k)
            throw Error("metrics JSON: per-grade entries do not match the " + std::to_string(k) + " class names");
        metrics = std::move(result);
    } catch (const nlohmann::json::exception& e) {
        throw Error(std::string("metrics JSON: ") + e.what());
    }
}

namespace {

std::string csvNumber(double value)
{
    if (std::isnan(value))
        return {};
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);  // shortest round trip
    return std::string(buffer, result.ptr);
}

std::string csvText(const std::string& text)
{
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string escaped = "\"";
    for (char c : text)
        escaped += c == '"' ? std::string("\"\"") : std::string(1, c);
    return escaped + "\"";
}

void writeRow(std::ostream& out, const std::vector<std::string>& cells)
{
    for (std::size_t i = 0; i < cells.size(); ++i)
        out << (i ? "," : "") << cells[i];
    out << '\n';
}

} // namespace

void writeMetricsCsv(std::ostream& out, const EvaluationMetrics& metrics)
{
    writeRow(out, {"kind", "name", "precision", "recall", "f1_score", "support", "sensitivity", "specificity",
                   "roc_auc", "value"});
    const std::size_t k = metrics.report.classes.size();
    for (std::size_t c = 0; c < k; ++c) {
        const ClassScores& scores = metrics.report.classes[c];
        auto at = [c](const std::vector<double>& values) { return c < values.size() ? values[c] : kNaN; };
        writeRow(out, {"grade", csvText(scores.name), csvNumber(scores.precision), csvNumber(scores.recall),
                       csvNumber(scores.f1), std::to_string(scores.support), csvNumber(at(metrics.sensitivity)),
                       csvNumber(at(metrics.specificity)), csvNumber(at(metrics.rocAuc)), ""});
    }
    auto average = [&](const std::string& name, const AverageScores& scores, double auc) {
        writeRow(out, {"average", name, csvNumber(scores.precision), csvNumber(scores.recall), csvNumber(scores.f1),
                       std::to_string(scores.support), "", "", csvNumber(auc), ""});
    };
    if (!metrics.report.microIsAccuracy)
        average("micro avg", metrics.report.micro, kNaN);
    average("macro avg", metrics.report.macro, metrics.macroRocAuc);
    average("weighted avg", metrics.report.weighted, kNaN);
    auto summary = [&](const std::string& name, double value) {
        writeRow(out, {"summary", name, "", "", "", "", "", "", "", csvNumber(value)});
    };
    summary("accuracy", metrics.accuracy);
    summary("balanced_accuracy", metrics.balancedAccuracy);
    summary("quadratic_weighted_kappa", metrics.quadraticWeightedKappa);
    summary("mean_absolute_error", metrics.meanAbsoluteError);
    summary("macro_roc_auc", metrics.macroRocAuc);
    summary("expected_calibration_error", metrics.calibration.expectedCalibrationError);
    summary("maximum_calibration_error", metrics.calibration.maximumCalibrationError);
}

void writeConfusionMatrixCsv(std::ostream& out, const ConfusionMatrix& confusion,
                             const std::vector<std::string>& classNames, bool rowNormalised)
{
    const int k = confusion.numClasses();
    if (!classNames.empty() && static_cast<int>(classNames.size()) != k)
        throw Error("confusion matrix CSV: " + std::to_string(classNames.size()) + " class names for " +
                    std::to_string(k) + " classes");
    auto name = [&](int c) {
        return csvText(classNames.empty() ? std::to_string(c) : classNames[static_cast<std::size_t>(c)]);
    };
    std::vector<std::string> header{csvText("true \\ predicted")};
    for (int c = 0; c < k; ++c)
        header.push_back(name(c));
    writeRow(out, header);
    for (int i = 0; i < k; ++i) {
        std::vector<std::string> row{name(i)};
        for (int j = 0; j < k; ++j)
            row.push_back(rowNormalised ? csvNumber(confusion.rowRate(i, j)) : std::to_string(confusion.count(i, j)));
        writeRow(out, row);
    }
}

} // namespace kg
