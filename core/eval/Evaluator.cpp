#include "core/eval/EvaluatorImpl.h"
#include "core/util/Time.h"

#include "core/data/Loader.h"
#include "core/util/Error.h"
#include "core/util/Hash.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <optional>

namespace kg {
namespace {

using Clock = std::chrono::steady_clock;

/// Puts the network in inference mode and restores the previous mode on exit (the trainer
/// evaluates between training epochs).
struct InferenceModeGuard {
    explicit InferenceModeGuard(nn::KneeClassifier& net) : net(net), wasTraining(net->is_training()) { net->eval(); }
    ~InferenceModeGuard() { net->train(wasTraining); }
    nn::KneeClassifier& net;
    bool wasTraining;
};

std::vector<std::string> classNamesFor(const CheckpointMeta& meta, int numClasses)
{
    if (static_cast<int>(meta.classNames.size()) == numClasses)
        return meta.classNames;
    std::vector<std::string> names;
    for (int k = 0; k < numClasses; ++k)
        names.push_back(std::to_string(k));
    return names;
}

EvaluationResult evaluateLoaded(LoadedCheckpoint& loaded, const DatasetSplits& splits, const EvaluationOptions& options,
                                const EvaluationProgressCallback& progress)
{
    const auto& items = splits.items(options.split);
    if (items.empty())
        throw Error(splits.root, "the dataset has no images in its " + splitName(options.split) +
                                     " split (expected a " + splitName(options.split) + "/ folder with grade folders 0..4)");
    loaded.model.impl().moveTo(resolvesToCuda(options.runtime.device) ? torch::Device(torch::kCUDA)
                                                                       : torch::Device(torch::kCPU));
    std::optional<OodGate> gate;
    if (const auto blob = loaded.blobs.find(kOodGateBlob); blob != loaded.blobs.end())
        gate = OodGate::deserialize(blob->second);
    EvaluationResult result = evaluateModel(loaded.model, loaded.meta, items, options, progress, gate ? &*gate : nullptr);
    result.checkpoint = options.checkpoint;
    result.weightsSha256 = loaded.weightsSha256;
    result.dataRoot = splits.root;
    result.split = splitName(options.split);
    result.manifestSha256 = datasetManifestHash(items, splits.root);
    return result;
}

} // namespace

ClassifiedBatch classifyBatch(Model::Impl& model, const torch::Tensor& images, double temperature, bool tta)
{
    if (!(temperature > 0.0) || !std::isfinite(temperature))
        throw Error("the softmax temperature must be a positive number, not " + std::to_string(temperature));
    if (images.dim() != 4)
        throw Error("classifyBatch: expected an N×C×H×W batch");
    torch::NoGradGuard noGrad;
    InferenceModeGuard inference(model.net);
    const int64_t n = images.size(0);
    // TTA: image and mirror in one pass (inference-mode BN keeps the samples independent).
    const torch::Tensor input = tta ? torch::cat({images, images.flip({3})}) : images;
    // BN folded into the convolutions where the layout allows (inference only; BatchNormFolding.h).
    const nn::ClassifierOutput output = model.net->forward(model.prepareInput(input), /*stageFeatures=*/true, model.inferenceFolding());
    const torch::Tensor& scores = output.logits;
    if (!scores.defined())
        throw Error("the model has no classifier head: it produces features, not grade scores");
    const torch::Tensor all = scores.to(torch::kCPU, torch::kFloat32);
    const torch::Tensor logits = all.narrow(0, 0, n).contiguous();
    torch::Tensor probabilities = torch::softmax(logits / temperature, 1);
    if (tta)
        probabilities = 0.5 * (probabilities + torch::softmax(all.narrow(0, n, n) / temperature, 1));
    // The OOD gate's features: every stage's spatial mean, side by side, of the image as given.
    std::vector<torch::Tensor> stages;
    std::vector<int> layers;
    for (const torch::Tensor& stage : output.stages) {
        stages.push_back(stage.narrow(0, 0, n).to(torch::kCPU, torch::kFloat32));
        layers.push_back(static_cast<int>(stage.size(1)));
    }
    const torch::Tensor features = torch::cat(stages, 1).contiguous();
    return {logits, probabilities.contiguous(), features, layers};
}

BatchRun runBatches(Model::Impl& model, BatchSource& source, double temperature, bool tta,
                    const EvaluationProgressCallback& progress)
{
    BatchRun run;
    const auto start = Clock::now();
    std::vector<torch::Tensor> logits, probabilities, features, labels;
    std::vector<int> layers;
    std::vector<std::int64_t> indices;
    const std::int64_t total = source.size();
    std::int64_t done = 0;
    source.startEpoch(0);
    while (auto batch = source.next()) {
        if (batch->images.size(0) == 0)
            continue;
        const ClassifiedBatch out = classifyBatch(model, batch->images, temperature, tta);
        logits.push_back(out.logits);
        probabilities.push_back(out.probabilities);
        features.push_back(out.features);
        layers = out.featureLayers;
        labels.push_back(batch->labels.to(torch::kCPU, torch::kInt64));
        indices.insert(indices.end(), batch->indices.begin(), batch->indices.end());
        done += out.logits.size(0);
        if (progress) {
            EvaluationProgress p;
            p.done = done;
            p.total = total;
            p.elapsedSeconds = std::chrono::duration<double>(Clock::now() - start).count();
            p.imagesPerSecond = p.elapsedSeconds > 0 ? done / p.elapsedSeconds : 0.0;
            p.etaSeconds = p.imagesPerSecond > 0 ? std::max<std::int64_t>(0, total - done) / p.imagesPerSecond : 0.0;
            if (!progress(p)) {
                run.cancelled = true;
                break;
            }
        }
    }
    run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (indices.empty()) {
        run.logits = torch::empty({0, 0});
        run.probabilities = torch::empty({0, 0});
        run.features = torch::empty({0, 0});
        run.labels = torch::empty({0}, torch::kInt64);
        return run;
    }
    // Rows in item order, whatever order the batches arrived in.
    std::vector<std::int64_t> order(indices.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<std::int64_t>(i);
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return indices[a] < indices[b]; });
    const torch::Tensor permutation = torch::tensor(order, torch::kInt64);
    run.logits = torch::cat(logits).index_select(0, permutation).contiguous();
    run.probabilities = torch::cat(probabilities).index_select(0, permutation).contiguous();
    run.features = torch::cat(features).index_select(0, permutation).contiguous();
    run.featureLayers = layers;
    run.labels = torch::cat(labels).index_select(0, permutation).contiguous();
    run.indices.reserve(order.size());
    for (auto i : order)
        run.indices.push_back(indices[static_cast<size_t>(i)]);
    return run;
}

Split parseEvaluationSplit(const std::string& text)
{
    for (Split split : {Split::Train, Split::Val, Split::Test, Split::AutoTest})
        if (text == splitName(split))
            return split;
    if (text == "validation")
        return Split::Val;
    throw Error("unknown split '" + text + "': use train, val, test or auto_test");
}

void to_json(nlohmann::json& json, const EvaluationOptions& options)
{
    json = nlohmann::json{{"checkpoint", options.checkpoint},
                          {"data_root", options.dataRoot},
                          {"split", splitName(options.split)},
                          {"tta", options.tta},
                          {"apply_temperature", options.applyTemperature},
                          {"batch_size", options.batchSize},
                          {"loader_workers", options.loaderWorkers},
                          {"device", toString(options.runtime.device)},
                          {"scan", options.scan},
                          {"metrics", options.metrics}};
}

void from_json(const nlohmann::json& json, EvaluationOptions& options)
{
    const EvaluationOptions defaults;
    options.checkpoint = json.value("checkpoint", defaults.checkpoint);
    options.dataRoot = json.value("data_root", defaults.dataRoot);
    options.split = parseEvaluationSplit(json.value("split", splitName(defaults.split)));
    options.tta = json.value("tta", defaults.tta);
    options.applyTemperature = json.value("apply_temperature", defaults.applyTemperature);
    options.batchSize = json.value("batch_size", defaults.batchSize);
    options.loaderWorkers = json.value("loader_workers", defaults.loaderWorkers);
    options.runtime.device = parseDevicePreference(json.value("device", toString(defaults.runtime.device)));
    if (json.contains("scan"))
        options.scan = json.at("scan").get<ScanOptions>();
    if (json.contains("metrics"))
        options.metrics = json.at("metrics").get<MetricsOptions>();
}

EvaluationResult evaluateModel(Model& model, const CheckpointMeta& meta, const std::vector<DatasetItem>& items,
                               const EvaluationOptions& options, const EvaluationProgressCallback& progress,
                               const OodGate* oodGate)
{
    if (items.empty())
        throw Error("nothing to evaluate: no images were given");
    if (options.batchSize < 1)
        throw Error("the evaluation batch size must be at least 1, not " + std::to_string(options.batchSize));

    EvaluationResult result;
    result.meta = meta;
    result.architecture = architectureName(model.options().backbone);
    const bool cuda = model.impl().device.is_cuda();
    result.device = describeRuntime(cuda ? DevicePreference::Cuda : DevicePreference::Cpu).deviceName;
    result.split = "custom";
    result.manifestSha256 = datasetManifestHash(items);
    result.tta = options.tta;
    result.temperature = options.applyTemperature ? meta.temperature : 1.0;
    result.batchSize = options.batchSize;

    LoaderOptions loaderOptions;
    loaderOptions.batchSize = options.batchSize;
    loaderOptions.workers = options.loaderWorkers;
    loaderOptions.shuffle = false;
    loaderOptions.augment = false;
    DataLoader loader(items, loaderOptions, meta.preprocessing);
    const BatchRun run = runBatches(model.impl(), loader, result.temperature, options.tta, progress);
    result.cancelled = run.cancelled;
    result.seconds = run.seconds;
    result.skipped = loader.skippedFiles();

    const std::int64_t n = static_cast<std::int64_t>(run.indices.size());
    result.imagesPerSecond = run.seconds > 0 ? n / run.seconds : 0.0;
    if (n == 0)
        return result;
    const int k = static_cast<int>(run.logits.size(1));
    const float* logits = run.logits.data_ptr<float>();
    const float* probabilities = run.probabilities.data_ptr<float>();
    result.logits.assign(logits, logits + n * k);
    result.featureDimension = static_cast<int>(run.features.size(1));
    result.featureLayers = run.featureLayers;
    result.features.assign(run.features.data_ptr<float>(), run.features.data_ptr<float>() + run.features.numel());
    std::vector<double> oodScores;
    if (oodGate && oodGate->summary().dimension == result.featureDimension) {
        oodScores = oodGate->scores(result.features.data(), n);
        result.hasOodGate = true;
    }
    result.gradeCounts.assign(static_cast<size_t>(k), 0);

    std::vector<int> trueLabels, predictedLabels;
    std::vector<double> labelledProbabilities;
    double lossSum = 0.0;
    result.predictions.reserve(static_cast<size_t>(n));
    for (std::int64_t r = 0; r < n; ++r) {
        const DatasetItem& item = items[static_cast<size_t>(run.indices[static_cast<size_t>(r)])];
        ImagePrediction p;
        p.path = item.path;
        p.trueGrade = item.grade;
        p.probabilities.assign(probabilities + r * k, probabilities + (r + 1) * k);
        // float32 softmax sums to 1 within rounding; renormalise in double for exact reports.
        double sum = 0.0;
        for (double& v : p.probabilities)
            sum += (v = std::clamp(v, 0.0, 1.0));
        for (double& v : p.probabilities)
            v /= sum;
        p.predictedGrade = static_cast<int>(std::max_element(p.probabilities.begin(), p.probabilities.end()) -
                                            p.probabilities.begin());
        p.confidence = p.probabilities[static_cast<size_t>(p.predictedGrade)];
        if (!oodScores.empty()) {
            p.oodScore = oodScores[static_cast<size_t>(r)];
            p.outOfDistribution = p.oodScore > 1.0;
            result.outOfDistribution += p.outOfDistribution ? 1 : 0;
        }
        if (item.grade >= 0) {
            if (item.grade >= k)
                throw Error(item.path, "grade " + std::to_string(item.grade) + " does not exist in a model with " +
                                           std::to_string(k) + " classes");
            ++result.gradeCounts[static_cast<size_t>(item.grade)];
            trueLabels.push_back(item.grade);
            predictedLabels.push_back(p.predictedGrade);
            labelledProbabilities.insert(labelledProbabilities.end(), p.probabilities.begin(), p.probabilities.end());
            // Keras clips probabilities to [1e-7, 1 − 1e-7] in categorical cross-entropy.
            lossSum -= std::log(std::clamp(p.probabilities[static_cast<size_t>(item.grade)], 1e-7, 1.0 - 1e-7));
        }
        result.predictions.push_back(std::move(p));
    }
    if (!trueLabels.empty()) {
        result.loss = lossSum / static_cast<double>(trueLabels.size());
        result.metrics =
            computeMetrics(trueLabels, predictedLabels, labelledProbabilities, classNamesFor(meta, k), options.metrics);
    }
    return result;
}

EvaluationResult evaluateCheckpoint(const EvaluationOptions& options, const EvaluationProgressCallback& progress)
{
    if (options.checkpoint.empty())
        throw Error("no checkpoint to evaluate: pass a .kgckpt file");
    if (options.dataRoot.empty())
        throw Error("no dataset to evaluate on: pass the dataset folder");
    LoadedCheckpoint loaded = loadCheckpoint(options.checkpoint);
    return evaluateLoadedCheckpoint(loaded, options, progress);
}

EvaluationResult evaluateLoadedCheckpoint(LoadedCheckpoint& loaded, const EvaluationOptions& options,
                                          const EvaluationProgressCallback& progress)
{
    if (options.dataRoot.empty())
        throw Error("no dataset to evaluate on: pass the dataset folder");
    const DatasetSplits splits = scanDataset(options.dataRoot, options.scan);
    return evaluateLoaded(loaded, splits, options, progress);
}

std::string datasetManifestHash(const std::vector<DatasetItem>& items, const std::string& root)
{
    namespace fs = std::filesystem;
    std::string manifest;
    for (const auto& item : items) {
        std::string path = fs::path(item.path).generic_string();
        if (!root.empty()) {
            const fs::path relative = fs::path(item.path).lexically_relative(fs::path(root));
            if (!relative.empty() && relative.begin()->string() != "..")
                path = relative.generic_string();
        }
        manifest += std::to_string(item.grade) + "\t" + path + "\n";
    }
    return sha256Hex(manifest);
}

PredictionOrder parsePredictionOrder(const std::string& text)
{
    if (text == "file")
        return PredictionOrder::File;
    if (text == "confidence")
        return PredictionOrder::ConfidenceDescending;
    if (text == "uncertain")
        return PredictionOrder::ConfidenceAscending;
    if (text == "mistakes")
        return PredictionOrder::MistakesFirst;
    throw Error("unknown order '" + text + "': use file, confidence, uncertain or mistakes");
}

std::vector<ImagePrediction> sortPredictions(std::vector<ImagePrediction> predictions, PredictionOrder order)
{
    switch (order) {
    case PredictionOrder::File:
        break;
    case PredictionOrder::ConfidenceDescending:
        std::stable_sort(predictions.begin(), predictions.end(),
                         [](const auto& a, const auto& b) { return a.confidence > b.confidence; });
        break;
    case PredictionOrder::ConfidenceAscending:
        std::stable_sort(predictions.begin(), predictions.end(),
                         [](const auto& a, const auto& b) { return a.confidence < b.confidence; });
        break;
    case PredictionOrder::MistakesFirst:
        // A confident mistake is the most instructive one to look at.
        std::stable_sort(predictions.begin(), predictions.end(), [](const auto& a, const auto& b) {
            const bool wrongA = a.trueGrade >= 0 && !a.correct();
            const bool wrongB = b.trueGrade >= 0 && !b.correct();
            if (wrongA != wrongB)
                return wrongA;
            return a.confidence > b.confidence;
        });
        break;
    }
    return predictions;
}

CalibrationResult calibrateCheckpoint(const EvaluationOptions& options, bool save,
                                      const EvaluationProgressCallback& progress)
{
    if (options.checkpoint.empty())
        throw Error("no checkpoint to calibrate: pass a .kgckpt file");
    EvaluationOptions raw = options;
    raw.tta = false;               // temperature scales logits; TTA averages probabilities
    raw.applyTemperature = false;  // fit from T = 1
    const DatasetSplits splits = scanDataset(options.dataRoot, options.scan);
    LoadedCheckpoint loaded = loadCheckpoint(options.checkpoint);
    const EvaluationResult evaluation = evaluateLoaded(loaded, splits, raw, progress);
    if (evaluation.cancelled)
        throw Error(options.checkpoint, "calibration was cancelled; the checkpoint is unchanged");

    const int k = evaluation.logits.empty() ? 0 : static_cast<int>(evaluation.logits.size() / evaluation.predictions.size());
    std::vector<double> logits;
    std::vector<int> labels;
    for (size_t i = 0; i < evaluation.predictions.size(); ++i) {
        if (evaluation.predictions[i].trueGrade < 0)
            continue;
        labels.push_back(evaluation.predictions[i].trueGrade);
        logits.insert(logits.end(), evaluation.logits.begin() + static_cast<std::ptrdiff_t>(i * k),
                      evaluation.logits.begin() + static_cast<std::ptrdiff_t>((i + 1) * k));
    }
    if (labels.empty())
        throw Error(splits.root, "no labelled images in the " + splitName(options.split) + " split to calibrate on");

    CalibrationResult result;
    result.fit = fitTemperature(logits, labels, k);
    result.previousTemperature = loaded.meta.temperature;
    result.images = static_cast<std::int64_t>(labels.size());
    const int bins = options.metrics.calibrationBins;
    result.eceBefore = calibrationReport(labels, applyTemperature(logits, k, 1.0), k, bins).expectedCalibrationError;
    result.eceAfter =
        calibrationReport(labels, applyTemperature(logits, k, result.fit.temperature), k, bins).expectedCalibrationError;
    if (save) {
        loaded.meta.temperature = result.fit.temperature;
        loaded.meta.state.calibration = nlohmann::json{{"temperature", result.fit.temperature},
                                                       {"previous_temperature", result.previousTemperature},
                                                       {"split", splitName(options.split)},
                                                       {"images", result.images},
                                                       {"manifest_sha256", evaluation.manifestSha256},
                                                       {"nll_before", result.fit.nllBefore},
                                                       {"nll_after", result.fit.nllAfter},
                                                       {"ece_before", result.eceBefore},
                                                       {"ece_after", result.eceAfter},
                                                       {"calibrated_utc", utcTimestamp()}};
        saveCheckpoint(options.checkpoint, loaded.model, loaded.meta, loaded.blobs);
        result.saved = true;
    }
    return result;
}

void to_json(nlohmann::json& json, const ImagePrediction& prediction)
{
    json = nlohmann::json{{"path", prediction.path},
                          {"true_grade", prediction.trueGrade},
                          {"predicted_grade", prediction.predictedGrade},
                          {"probabilities", prediction.probabilities},
                          {"confidence", prediction.confidence},
                          {"correct", prediction.correct()}};
    if (!std::isnan(prediction.oodScore)) {
        json["ood_score"] = prediction.oodScore;
        json["out_of_distribution"] = prediction.outOfDistribution;
    }
}

void to_json(nlohmann::json& json, const EvaluationResult& result)
{
    nlohmann::json skipped = nlohmann::json::array();
    for (const auto& s : result.skipped)
        skipped.push_back({{"path", s.path}, {"reason", s.reason}});
    json = nlohmann::json{{"checkpoint", result.checkpoint},
                          {"weights_sha256", result.weightsSha256},
                          {"architecture", result.architecture},
                          {"app_version", KNEEGRADE_VERSION},
                          {"checkpoint_app_version", result.meta.appVersion},
                          {"training_manifest_sha256", result.meta.datasetManifestHash},
                          {"device", result.device},
                          {"data_root", result.dataRoot},
                          {"split", result.split},
                          {"manifest_sha256", result.manifestSha256},
                          {"grade_counts", result.gradeCounts},
                          {"images", result.predictions.size()},
                          {"tta", result.tta},
                          {"temperature", result.temperature},
                          {"batch_size", result.batchSize},
                          {"loss", result.loss},
                          {"metrics", result.metrics},
                          {"ood_gate", result.hasOodGate},
                          {"out_of_distribution", result.outOfDistribution},
                          {"skipped", skipped},
                          {"cancelled", result.cancelled},
                          {"seconds", result.seconds},
                          {"images_per_second", result.imagesPerSecond}};
}

void to_json(nlohmann::json& json, const CalibrationResult& result)
{
    json = nlohmann::json{{"fit", result.fit},
                          {"previous_temperature", result.previousTemperature},
                          {"images", result.images},
                          {"ece_before", result.eceBefore},
                          {"ece_after", result.eceAfter},
                          {"saved", result.saved}};
}

} // namespace kg
