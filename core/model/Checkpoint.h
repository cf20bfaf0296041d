#pragma once
#include "core/data/PreprocessOptions.h"
#include "core/model/Model.h"
#include "core/model/ModelOptions.h"
#include "core/model/TrainingState.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace kg {

/// Everything besides the weights that a checkpoint carries, so that the file alone is
/// enough to rebuild the network, preprocess an image the way training did, and predict.
struct CheckpointMeta {
    ModelOptions model;                   ///< architecture, pooling, head
    PreprocessOptions preprocessing;      ///< input size and scaling used in training
    std::vector<std::string> classNames{"Healthy", "Doubtful", "Minimal", "Moderate", "Severe"};
    double temperature = 1.0;             ///< calibration: softmax(logits / temperature)
    nlohmann::json trainingOptions = nlohmann::json::object();  ///< the trainer's options, verbatim
    TrainingState state;                  ///< epoch, history, callback state, OOD gate and calibration records
    std::string datasetManifestHash;      ///< SHA-256 of the dataset file list it was trained on
    std::string appVersion = KNEEGRADE_VERSION;
    std::string createdUtc;               ///< ISO 8601; filled in by saveCheckpoint when empty
};

void to_json(nlohmann::json& json, const CheckpointMeta& meta);
void from_json(const nlohmann::json& json, CheckpointMeta& meta);

/// Opaque named byte blobs stored beside the weights (e.g. optimizer state for resuming).
using CheckpointBlobs = std::map<std::string, std::string>;

struct LoadedCheckpoint {
    Model model;
    CheckpointMeta meta;
    CheckpointBlobs blobs;
    std::string weightsSha256;            ///< SHA-256 of the serialised weights (report audits)
};

/// Writes model weights, `meta` and `blobs` to `path` atomically (temporary file, fsync,
/// rename): a crash mid-write leaves the previous file intact. Returns the weights' SHA-256.
/// Throws kg::Error naming the file when it cannot be written.
std::string saveCheckpoint(const std::string& path, const Model& model, const CheckpointMeta& meta,
                           const CheckpointBlobs& blobs = {});

/// The SHA-256 saveCheckpoint would return for `model` (of its weights as serialised), without
/// writing anything: what LoadedCheckpoint::weightsSha256 reads back from such a file.
std::string weightsSha256(const Model& model);

/// Reads a checkpoint into a new CPU model. Throws kg::Error naming the file for a foreign
/// file, a truncated or corrupt one (checksum), or weights that do not fit the architecture.
LoadedCheckpoint loadCheckpoint(const std::string& path);

/// Reads only the metadata (fast; no weights are materialised). Same errors as loadCheckpoint
/// for foreign or truncated headers.
CheckpointMeta readCheckpointMeta(const std::string& path);

} // namespace kg
