#include "core/eval/ClassificationReport.h"

#include "core/eval/detail/PairwiseSum.h"
#include "core/util/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

namespace kg {
namespace {

// sklearn's _prf_divide with zero_division="warn": 0 where the denominator is 0.
double divideOrZero(std::int64_t numerator, std::int64_t denominator)
{
    return denominator == 0 ? 0.0 : static_cast<double>(numerator) / static_cast<double>(denominator);
}

// F-score exactly as precision_recall_fscore_support computes it (beta = 1).
double fScore(double precision, double recall)
{
    double denominator = 1.0 * precision + recall;
    if (denominator == 0.0)
        denominator = 1.0;
    return (1.0 + 1.0) * precision * recall / denominator;
}

// Python's str.format width counts code points; count UTF-8 lead bytes.
std::size_t displayLength(const std::string& text)
{
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

std::string rightAligned(const std::string& text, std::size_t width)
{
    const std::size_t length = displayLength(text);
    return length >= width ? text : std::string(width - length, ' ') + text;
}

// " {:>9.{digits}f}": C's %.*f and Python's format both round the exact binary value
// half-to-even, so the digits agree.
std::string fixedField(double value, int digits)
{
    char buffer[512];
    std::snprintf(buffer, sizeof buffer, " %9.*f", digits, value);
    return buffer;
}

std::string supportField(std::int64_t support)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, " %9lld", static_cast<long long>(support));
    return buffer;
}

std::string averageRow(const std::string& heading, const AverageScores& scores, std::size_t width, int digits)
{
    return rightAligned(heading, width) + " " + fixedField(scores.precision, digits) +
           fixedField(scores.recall, digits) + fixedField(scores.f1, digits) + supportField(scores.support) + "\n";
}

nlohmann::json averageJson(const AverageScores& scores)
{
    return {{"precision", scores.precision}, {"recall", scores.recall}, {"f1_score", scores.f1},
            {"support", scores.support}};
}

AverageScores averageFromJson(const nlohmann::json& json)
{
    AverageScores scores;
    json.at("precision").get_to(scores.precision);
    json.at("recall").get_to(scores.recall);
    json.at("f1_score").get_to(scores.f1);
    json.at("support").get_to(scores.support);
    return scores;
}

} // namespace

ClassificationReport classificationReport(const ConfusionMatrix& confusion, const std::vector<std::string>& classNames)
{
    const int k = confusion.numClasses();
    if (k < 1)
        throw Error("classification report: the confusion matrix is empty");
    if (!classNames.empty() && static_cast<int>(classNames.size()) != k)
        throw Error("classification report: " + std::to_string(classNames.size()) + " class names for " +
                    std::to_string(k) + " classes");
    const std::int64_t total = confusion.total();
    if (total == 0)
        throw Error("classification report: no samples");

    ClassificationReport report;
    std::vector<double> precision, recall, f1, supportAsDouble;
    std::int64_t tpSum = 0, predSum = 0, trueSum = 0;
    report.microIsAccuracy = true;
    for (int c = 0; c < k; ++c) {
        ClassScores scores;
        scores.name = classNames.empty() ? std::to_string(c) : classNames[static_cast<std::size_t>(c)];
        const std::int64_t tp = confusion.count(c, c);
        const std::int64_t predicted = confusion.predictedCount(c);
        scores.support = confusion.trueCount(c);
        scores.precision = divideOrZero(tp, predicted);
        scores.recall = divideOrZero(tp, scores.support);
        scores.f1 = fScore(scores.precision, scores.recall);
        scores.precisionUndefined = predicted == 0;
        scores.recallUndefined = scores.support == 0;
        if (predicted == 0 && scores.support == 0)
            report.microIsAccuracy = false;  // labels given ≠ labels present
        tpSum += tp;
        predSum += predicted;
        trueSum += scores.support;
        precision.push_back(scores.precision);
        recall.push_back(scores.recall);
        f1.push_back(scores.f1);
        supportAsDouble.push_back(static_cast<double>(scores.support));
        report.classes.push_back(std::move(scores));
    }

    report.micro.precision = divideOrZero(tpSum, predSum);
    report.micro.recall = divideOrZero(tpSum, trueSum);
    report.micro.f1 = fScore(report.micro.precision, report.micro.recall);
    report.micro.support = total;
    report.accuracy = report.micro.precision;  // every prediction is one of the K labels

    report.macro.precision = detail::numpyMean(precision);
    report.macro.recall = detail::numpyMean(recall);
    report.macro.f1 = detail::numpyMean(f1);
    report.macro.support = total;

    // np.average(values, weights=support): Σ value·weight / Σ weight, both summed pairwise.
    const double weightSum = detail::pairwiseSum(supportAsDouble);
    auto weightedMean = [&](const std::vector<double>& values) {
        std::vector<double> products(values.size());
        for (std::size_t i = 0; i < values.size(); ++i)
            products[i] = values[i] * supportAsDouble[i];
        return detail::pairwiseSum(products) / weightSum;
    };
    report.weighted.precision = weightedMean(precision);
    report.weighted.recall = weightedMean(recall);
    report.weighted.f1 = weightedMean(f1);
    report.weighted.support = total;
    return report;
}

std::string ClassificationReport::toText(int digits) const
{
    if (digits < 0 || digits > 100)
        throw Error("classification report: digits must be between 0 and 100, got " + std::to_string(digits));
    const std::string longestHeading = "weighted avg";
    std::size_t width = std::max(longestHeading.size(), static_cast<std::size_t>(digits));
    for (const ClassScores& scores : classes)
        width = std::max(width, displayLength(scores.name));

    std::string text = std::string(width, ' ') + "  precision    recall  f1-score   support";
    text += "\n\n";
    for (const ClassScores& scores : classes)
        text += rightAligned(scores.name, width) + " " + fixedField(scores.precision, digits) +
                fixedField(scores.recall, digits) + fixedField(scores.f1, digits) + supportField(scores.support) +
                "\n";
    text += "\n";
    if (microIsAccuracy) {
        // sklearn prints the micro F1 (equal to the accuracy) under f1-score.
        text += rightAligned("accuracy", width) + " " + std::string(10, ' ') + std::string(10, ' ') +
                fixedField(micro.f1, digits) + supportField(micro.support) + "\n";
    } else {
        text += averageRow("micro avg", micro, width, digits);
    }
    text += averageRow("macro avg", macro, width, digits);
    text += averageRow("weighted avg", weighted, width, digits);
    return text;
}

void to_json(nlohmann::json& json, const ClassificationReport& report)
{
    nlohmann::json classes = nlohmann::json::array();
    for (const ClassScores& scores : report.classes)
        classes.push_back({{"name", scores.name},
                           {"precision", scores.precision},
                           {"recall", scores.recall},
                           {"f1_score", scores.f1},
                           {"support", scores.support},
                           {"precision_undefined", scores.precisionUndefined},
                           {"recall_undefined", scores.recallUndefined}});
    json = nlohmann::json{{"classes", std::move(classes)},
                          {"accuracy", report.accuracy},
                          {"micro_is_accuracy", report.microIsAccuracy},
                          {"micro_avg", averageJson(report.micro)},
                          {"macro_avg", averageJson(report.macro)},
                          {"weighted_avg", averageJson(report.weighted)}};
}

void from_json(const nlohmann::json& json, ClassificationReport& report)
{
    ClassificationReport result;
    for (const nlohmann::json& item : json.at("classes")) {
        ClassScores scores;
        item.at("name").get_to(scores.name);
        item.at("precision").get_to(scores.precision);
        item.at("recall").get_to(scores.recall);
        item.at("f1_score").get_to(scores.f1);
        item.at("support").get_to(scores.support);
        scores.precisionUndefined = item.value("precision_undefined", false);
        scores.recallUndefined = item.value("recall_undefined", false);
        result.classes.push_back(std::move(scores));
    }
    json.at("accuracy").get_to(result.accuracy);
    json.at("micro_is_accuracy").get_to(result.microIsAccuracy);
    result.micro = averageFromJson(json.at("micro_avg"));
    result.macro = averageFromJson(json.at("macro_avg"));
    result.weighted = averageFromJson(json.at("weighted_avg"));
    report = std::move(result);
}

} // namespace kg
