#pragma once
// Public (plain C++): batched, deterministic evaluation of a classifier on a dataset split,
// per-image results for browsing mistakes, and temperature calibration of a checkpoint.
#include "core/data/Dataset.h"
#include "core/data/DatasetScan.h"
#include "core/data/LoaderOptions.h"
#include "core/eval/Calibration.h"
#include "core/eval/Metrics.h"
#include "core/eval/OodGate.h"
#include "core/model/Checkpoint.h"
#include "core/runtime/Runtime.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace kg {

struct EvaluationOptions {
    std::string checkpoint;            ///< .kgckpt to evaluate (evaluateCheckpoint, calibrateCheckpoint)
    std::string dataRoot;              ///< dataset folder with train/ val/ test/ (auto_test/)
    Split split = Split::Test;         ///< which split to evaluate
    bool tta = false;                  ///< horizontal-flip TTA: mean softmax of image and mirror
    bool applyTemperature = true;      ///< softmax(logits / checkpoint temperature); off: T = 1
    int batchSize = 32;                ///< images per forward pass (never one pass per image)
    int loaderWorkers = 0;             ///< decoding threads; 0 = one per core
    RuntimeOptions runtime;            ///< device for evaluateCheckpoint (threads stay the process's)
    ScanOptions scan;                  ///< how the dataset is scanned (seed of a val split taken from train)
    MetricsOptions metrics;            ///< ECE bins, report digits
};

/// "train" | "val" | "test" | "auto_test"; throws kg::Error naming the bad value.
Split parseEvaluationSplit(const std::string& text);

void to_json(nlohmann::json& json, const EvaluationOptions& options);
void from_json(const nlohmann::json& json, EvaluationOptions& options);

/// Sent after every batch on the evaluating thread. Plain data.
struct EvaluationProgress {
    std::int64_t done = 0;             ///< images evaluated so far
    std::int64_t total = 0;            ///< images in the split
    double elapsedSeconds = 0.0;
    double imagesPerSecond = 0.0;
    double etaSeconds = 0.0;
};

/// Return false to cancel; the result then has cancelled = true and what was done so far.
using EvaluationProgressCallback = std::function<bool(const EvaluationProgress&)>;

/// One evaluated image.
struct ImagePrediction {
    std::string path;
    int trueGrade = -1;                ///< -1 when unlabelled
    int predictedGrade = -1;           ///< arg-max of `probabilities`
    std::vector<double> probabilities; ///< one per grade, sums to 1 (after temperature and TTA)
    double confidence = 0.0;           ///< probability of the predicted grade
    /// OodGate score / threshold (> 1: unlike the training images); NaN without a gate.
    double oodScore = std::numeric_limits<double>::quiet_NaN();
    bool outOfDistribution = false;
    bool correct() const { return trueGrade >= 0 && trueGrade == predictedGrade; }
};

struct EvaluationResult {
    std::string checkpoint;            ///< file evaluated (empty for evaluateModel)
    std::string weightsSha256;         ///< of the evaluated weights (empty for evaluateModel)
    CheckpointMeta meta;               ///< architecture, preprocessing, class names, training options
    std::string architecture;          ///< e.g. "resnet152v2"
    std::string device;                ///< where it ran, e.g. "CPU (2 cores)"
    std::string dataRoot;
    std::string split;                 ///< "test", "val", … or "custom" for evaluateModel
    std::string manifestSha256;        ///< datasetManifestHash() of the evaluated items
    std::vector<std::int64_t> gradeCounts;  ///< evaluated images per grade
    bool tta = false;
    double temperature = 1.0;          ///< temperature applied
    int batchSize = 0;

    std::vector<ImagePrediction> predictions;  ///< decoded images, in the items' (file) order
    std::vector<double> logits;        ///< N×K raw logits (no temperature, no flip), row-major, same order
    std::vector<float> features;       ///< N×featureDimension backbone stage means (no flip), same order
    int featureDimension = 0;
    std::vector<int> featureLayers;    ///< each stage's share of featureDimension, shallow to deep
    bool hasOodGate = false;           ///< the checkpoint carries an OodGate: predictions have scores
    std::int64_t outOfDistribution = 0;///< images the gate flagged
    EvaluationMetrics metrics;         ///< empty when nothing was evaluated
    double loss = 0.0;                 ///< mean cross-entropy of `probabilities` (the tutorial's test loss)
    std::vector<SkippedPath> skipped;  ///< files that failed to decode, with the reason (left out)
    bool cancelled = false;
    double seconds = 0.0;
    double imagesPerSecond = 0.0;
};

/// Scans options.dataRoot, loads options.checkpoint and evaluates options.split in batches,
/// in file order (grade, then path). Throws kg::Error for a missing checkpoint, dataset or
/// split, or an empty split; undecodable files are skipped and listed, never fatal.
EvaluationResult evaluateCheckpoint(const EvaluationOptions& options, const EvaluationProgressCallback& progress = {});

/// Evaluates an already loaded model (trainer, UI) on `items` with `meta`'s preprocessing,
/// class names and (when options.applyTemperature) temperature. The model stays on its
/// device; its train/inference mode is restored afterwards. options.checkpoint/dataRoot/split
/// are ignored. Not thread-safe for one model: do not train it meanwhile.
/// With `oodGate`, every prediction gets its out-of-distribution score.
EvaluationResult evaluateModel(Model& model, const CheckpointMeta& meta, const std::vector<DatasetItem>& items,
                               const EvaluationOptions& options, const EvaluationProgressCallback& progress = {},
                               const OodGate* oodGate = nullptr);

/// Scans options.dataRoot and evaluates options.split with an already loaded checkpoint
/// (its OodGate blob, when present, scores every image). Errors as evaluateCheckpoint.
EvaluationResult evaluateLoadedCheckpoint(LoadedCheckpoint& loaded, const EvaluationOptions& options,
                                          const EvaluationProgressCallback& progress = {});

/// SHA-256 of "grade<TAB>path relative to root<LF>" over the items (in their order);
/// identifies exactly which labelled files were evaluated.
std::string datasetManifestHash(const std::vector<DatasetItem>& items, const std::string& root = {});

/// How per-image results are ordered for browsing.
enum class PredictionOrder {
    File,                 ///< as evaluated
    ConfidenceDescending, ///< most confident first
    ConfidenceAscending,  ///< least confident first
    MistakesFirst,        ///< wrong predictions (most confident first), then right ones (likewise)
};
PredictionOrder parsePredictionOrder(const std::string& text);  ///< file|confidence|uncertain|mistakes
/// Stable: ties keep file order.
std::vector<ImagePrediction> sortPredictions(std::vector<ImagePrediction> predictions, PredictionOrder order);

/// Temperature scaling (Guo et al. 2017) fitted on held-out logits, stored in a checkpoint.
struct CalibrationResult {
    TemperatureFit fit;
    double previousTemperature = 1.0;
    std::int64_t images = 0;
    double eceBefore = 0.0;            ///< ECE at T = 1
    double eceAfter = 0.0;             ///< ECE at the fitted T
    bool saved = false;                ///< the checkpoint was rewritten
};

/// Evaluates options.split (use Split::Val: never calibrate on the test set) of
/// options.dataRoot with T = 1 and no TTA, fits the temperature on the logits and, when
/// `save`, rewrites options.checkpoint atomically with meta.temperature (weights and blobs
/// unchanged) and a record in meta.state.calibration. Throws kg::Error as evaluateCheckpoint,
/// or when the split has no labelled images or the evaluation was cancelled.
CalibrationResult calibrateCheckpoint(const EvaluationOptions& options, bool save = true,
                                      const EvaluationProgressCallback& progress = {});

void to_json(nlohmann::json& json, const ImagePrediction& prediction);
/// Everything but the per-image rows and logits (those go to CSV): metrics, audit, timing.
void to_json(nlohmann::json& json, const EvaluationResult& result);
void to_json(nlohmann::json& json, const CalibrationResult& result);

} // namespace kg
