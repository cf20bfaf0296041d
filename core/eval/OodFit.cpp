#include "core/eval/OodFit.h"

#include "core/util/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace kg {
namespace {

EvaluationResult featuresOf(LoadedCheckpoint& loaded, EvaluationOptions options, Split split,
                            const EvaluationProgressCallback& progress)
{
    options.split = split;
    options.tta = false;
    EvaluationResult result = evaluateLoadedCheckpoint(loaded, options, progress);
    if (result.cancelled)
        throw Error(options.checkpoint, "fitting the out-of-distribution gate was cancelled; the checkpoint is unchanged");
    return result;
}

} // namespace

OodGateSummary fitOodGate(LoadedCheckpoint& loaded, const EvaluationOptions& options, const OodGateOptions& gateOptions,
                          const EvaluationProgressCallback& progress)
{
    const EvaluationResult train = featuresOf(loaded, options, Split::Train, progress);
    std::vector<int> labels;
    for (const auto& p : train.predictions)
        labels.push_back(p.trueGrade);
    const int classes = train.logits.empty() ? 0 : static_cast<int>(train.logits.size() / train.predictions.size());

    std::vector<float> held;
    std::int64_t heldImages = 0;
    try {
        const EvaluationResult val = featuresOf(loaded, options, Split::Val, progress);
        held = val.features;
        heldImages = static_cast<std::int64_t>(val.predictions.size());
    } catch (const Error&) {
        // No val split (or an empty one): the threshold then comes from the training split.
    }
    const OodGate gate = OodGate::fit(train.features, labels, train.featureLayers, classes, held, gateOptions);
    OodGateSummary summary = gate.summary();
    loaded.blobs[kOodGateBlob] = gate.serialize();
    nlohmann::json record = summary;
    record["manifest_sha256"] = train.manifestSha256;
    if (heldImages == 0)
        record["note"] = "no validation images: the threshold is a percentile of the training images' own scores";
    loaded.meta.state.oodGate = record;
    return summary;
}

OodGateSummary fitCheckpointOodGate(const EvaluationOptions& options, const OodGateOptions& gate, bool save,
                                    const EvaluationProgressCallback& progress)
{
    if (options.checkpoint.empty())
        throw Error("no checkpoint: pass a .kgckpt file");
    LoadedCheckpoint loaded = loadCheckpoint(options.checkpoint);
    const OodGateSummary summary = fitOodGate(loaded, options, gate, progress);
    if (save)
        saveCheckpoint(options.checkpoint, loaded.model, loaded.meta, loaded.blobs);
    return summary;
}

RunOodGate fitRunOodGate(const TrainOptions& options, const TrainingResult& result, const OodGateOptions& gate,
                         const EvaluationProgressCallback& progress)
{
    RunOodGate run;
    using Status = TrainingResult::Status;
    if (result.status != Status::Completed && result.status != Status::EarlyStopped)
        return run;
    const std::string target = !result.bestCheckpoint.empty() ? result.bestCheckpoint : result.lastCheckpoint;
    if (target.empty())
        return run;
    EvaluationOptions evaluation;
    evaluation.checkpoint = target;
    evaluation.dataRoot = options.dataRoot;
    evaluation.batchSize = std::max(options.batchSize, 32);
    evaluation.loaderWorkers = options.loaderWorkers;
    evaluation.runtime = options.runtime;
    evaluation.scan.seed = options.seed;
    try {
        run.summary = fitCheckpointOodGate(evaluation, gate, true, progress);
        run.checkpoint = target;
    } catch (const std::exception& e) {
        run.error = e.what();
    }
    return run;
}

} // namespace kg
