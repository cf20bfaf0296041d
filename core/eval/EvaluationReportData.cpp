#include "core/eval/EvaluationReportData.h"

#include "core/imaging/Radiograph.h"
#include "core/runtime/Runtime.h"
#include "core/train/RunFiles.h"
#include "core/util/Error.h"
#include "core/util/Time.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>

namespace kg {

namespace fs = std::filesystem;

std::vector<std::size_t> chooseReportSamples(const std::vector<ImagePrediction>& predictions, int count,
                                             std::uint64_t seed)
{
    // Spread the samples over the grades, reproducibly: shuffle each grade, then round-robin.
    std::mt19937_64 random(seed);
    std::map<int, std::vector<size_t>> byGrade;
    for (size_t i = 0; i < predictions.size(); ++i)
        byGrade[predictions[i].trueGrade].push_back(i);
    for (auto& [grade, indices] : byGrade)
        for (size_t i = indices.size(); i > 1; --i)
            std::swap(indices[i - 1], indices[static_cast<size_t>(random() % i)]);
    std::vector<size_t> chosen;
    for (size_t round = 0; chosen.size() < static_cast<size_t>(std::max(0, count)); ++round) {
        bool any = false;
        for (auto& [grade, indices] : byGrade)
            if (round < indices.size() && chosen.size() < static_cast<size_t>(count)) {
                chosen.push_back(indices[round]);
                any = true;
            }
        if (!any)
            break;
    }
    return chosen;
}

EvaluationReportData gatherEvaluationReportData(const EvaluationResult& evaluation, const EvaluationReportOptions& options)
{
    EvaluationReportData data;
    data.evaluation = evaluation;
    data.options = options;
    data.generatedUtc = utcTimestamp();
    data.torchVersion = describeRuntime(DevicePreference::Cpu).torchVersion;

    std::string history = options.historyCsv;
    if (history.empty() && !evaluation.checkpoint.empty()) {
        const fs::path beside = fs::path(evaluation.checkpoint).parent_path() / RunFiles::kHistory;
        std::error_code ec;
        if (fs::is_regular_file(beside, ec))
            history = beside.string();
    }
    if (!history.empty()) {
        try {
            data.history = readHistoryCsv(history);
            data.historySource = history;
        } catch (const Error&) {
            if (!options.historyCsv.empty())
                throw;  // asked for by name: say so; found by convention: the report goes without
        }
    }

    if (options.sampleCount <= 0 || evaluation.checkpoint.empty() || evaluation.predictions.empty())
        return data;
    const std::vector<size_t> chosen = chooseReportSamples(evaluation.predictions, options.sampleCount, options.sampleSeed);
    std::vector<std::string> paths;
    for (size_t i : chosen)
        paths.push_back(evaluation.predictions[i].path);

    PredictorOptions predictorOptions;
    predictorOptions.checkpoint = evaluation.checkpoint;
    predictorOptions.tta = evaluation.tta;
    predictorOptions.applyTemperature = evaluation.temperature == evaluation.meta.temperature;
    predictorOptions.runtime.device = evaluation.device.rfind("CUDA", 0) == 0 ? DevicePreference::Auto : DevicePreference::Cpu;
    Predictor predictor(predictorOptions);
    // The samples are graded again from the file: make sure it still holds the evaluated weights.
    if (!evaluation.weightsSha256.empty() && predictor.weightsSha256() != evaluation.weightsSha256)
        throw Error(evaluation.checkpoint, "the checkpoint changed after it was evaluated (weights SHA-256 " +
                                               predictor.weightsSha256() + ", evaluated " + evaluation.weightsSha256 +
                                               "); evaluate it again");
    GradCamOptions gradCam = options.gradCam;
    gradCam.enabled = true;
    const auto predictions = predictor.predictFiles(paths, gradCam);
    for (size_t i = 0; i < predictions.size(); ++i) {
        if (!predictions[i].ok())
            continue;
        EvaluationReportSample sample{predictions[i], evaluation.predictions[chosen[i]].trueGrade, {}};
        if (options.includeIdentifiers) {
            try {
                RadiographLoadOptions load;
                load.includePatientIdentity = true;
                const RadiographInfo info = inspectRadiograph(paths[i], load);
                if (info.patient)
                    sample.patientId = info.patient->id;
            } catch (const Error&) {
            }
        }
        data.samples.push_back(std::move(sample));
    }
    return data;
}

std::vector<std::string> evaluationClassNames(const EvaluationResult& evaluation)
{
    if (!evaluation.metrics.classNames.empty())
        return evaluation.metrics.classNames;
    return evaluation.meta.classNames;
}

std::vector<ClassificationRow> classificationRows(const EvaluationMetrics& metrics)
{
    const ClassificationReport& report = metrics.report;
    std::vector<ClassificationRow> rows;
    for (size_t k = 0; k < report.classes.size(); ++k) {
        const ClassScores& c = report.classes[k];
        ClassificationRow row;
        row.label = k < metrics.classNames.size() ? metrics.classNames[k] : c.name;
        row.grade = static_cast<int>(k);
        row.precision = c.precision;
        row.recall = c.recall;
        row.f1 = c.f1;
        if (k < metrics.specificity.size())
            row.specificity = metrics.specificity[k];
        if (k < metrics.rocAuc.size())
            row.rocAuc = metrics.rocAuc[k];
        row.support = c.support;
        rows.push_back(std::move(row));
    }
    const auto average = [&](const char* label, const AverageScores& a, std::optional<double> auc) {
        ClassificationRow row;
        row.label = label;
        row.precision = a.precision;
        row.recall = a.recall;
        row.f1 = a.f1;
        row.rocAuc = auc;
        row.support = a.support;
        rows.push_back(std::move(row));
    };
    if (report.microIsAccuracy) {
        ClassificationRow row;
        row.label = "accuracy";
        row.f1 = report.accuracy;
        row.support = report.micro.support;
        rows.push_back(std::move(row));
    } else {
        average("micro avg", report.micro, std::nullopt);
    }
    average("macro avg", report.macro, metrics.macroRocAuc);
    average("weighted avg", report.weighted, std::nullopt);
    return rows;
}

OutOfDistributionCount outOfDistributionCount(const EvaluationResult& evaluation)
{
    OutOfDistributionCount count;
    count.hasGate = evaluation.hasOodGate;
    count.flagged = evaluation.hasOodGate ? evaluation.outOfDistribution : 0;
    count.evaluated = evaluation.predictions.size();
    count.share = count.evaluated == 0 ? 0.0 : double(count.flagged) / count.evaluated;
    return count;
}

std::optional<std::uint64_t> trainingSeedOf(const EvaluationResult& evaluation)
{
    const nlohmann::json& options = evaluation.meta.trainingOptions;
    if (options.is_object() && options.contains("seed") && options["seed"].is_number())
        return options["seed"].get<std::uint64_t>();
    return std::nullopt;
}

TrainingCurves trainingCurves(const std::vector<EpochRecord>& history)
{
    TrainingCurves curves;
    for (const auto& r : history) {
        curves.epochs.push_back(r.epoch);
        curves.accuracy.push_back(r.accuracy);
        curves.valAccuracy.push_back(r.valAccuracy);
        curves.loss.push_back(r.loss);
        curves.valLoss.push_back(r.valLoss);
    }
    const auto best = std::min_element(history.begin(), history.end(),
                                       [](const auto& a, const auto& b) { return a.valLoss < b.valLoss; });
    if (best != history.end()) {
        curves.bestEpoch = best->epoch;
        curves.bestValLoss = best->valLoss;
        curves.bestValAccuracy = best->valAccuracy;
    }
    return curves;
}

} // namespace kg
