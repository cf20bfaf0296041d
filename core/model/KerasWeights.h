#pragma once
// Importing Keras .h5 weights (e.g. the official ImageNet files of keras.applications) into
// a kg::Model, by layer name.
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace kg {

class Model;

struct KerasImportOptions {
    bool allowMissingHead = true;     ///< head layers (dense, dense_1, …) absent from the file keep their values; ImageNet files never have them
    bool allowMissingLayers = false;  ///< partial import: any model layer absent from the file keeps its values
    bool allowUnusedLayers = false;   ///< accept weighted layers the model has not (a top or head the model was built without is always accepted)
    bool recogniseOfficial = true;    ///< hash the file (MD5, ≈0.5 s per 230 MB) to recognise the official Keras files
};

/// What an import did. Layer names are Keras names ("conv1_conv", "post_bn", "dense").
struct KerasImportReport {
    std::string path;                 ///< the file as given
    std::string md5;                  ///< lower-case hex; empty when recogniseOfficial was off
    std::string officialName;         ///< e.g. "resnet152v2_weights_tf_dim_ordering_tf_kernels_notop.h5"; empty when not an official file
    std::string layout;               ///< "legacy h5 (save_weights)", "legacy h5 (model.save)" or "Keras 3 .weights.h5"
    std::string kerasVersion;         ///< the file's keras_version attribute, when present
    std::string backend;              ///< the file's backend attribute, when present
    std::string fileArchitecture;     ///< what the file's layers describe, e.g. "resnet152v2" or "resnetv2:1,1,2,1:8"
    bool fileHasTop = false;          ///< the file holds the 1000-class `predictions` layer
    int fileLayers = 0;               ///< layers with weights in the file
    int layersLoaded = 0;             ///< model layers whose weights came from the file
    int tensorsLoaded = 0;            ///< tensors copied (kernel, bias, gamma, beta, moving mean/variance)
    std::int64_t valuesLoaded = 0;    ///< scalars copied
    std::vector<std::string> unusedFileLayers;    ///< weighted layers in the file the model has not (e.g. predictions)
    std::vector<std::string> missingModelLayers;  ///< model layers the file lacked; they keep their values
};

/// Loads the weights of a Keras .h5 file into `model` by layer name and weight name (never by
/// order alone): conv kernels HWIO → OIHW, Dense kernels (in, out) → transposed, BN gamma,
/// beta, moving_mean, moving_variance → weight, bias, running_mean, running_var. Reads the
/// legacy layout (root `layer_names`, per layer `weight_names`; ":0" suffixes optional), the
/// same inside a `model_weights` group (model.save), a nested model (the tutorial's
/// backbone-as-one-layer) and Keras 3 `.weights.h5` files (layers/<name>/vars/<i>).
/// The model keeps its device and memory format.
/// Throws kg::Error naming the file and the first layer that does not fit (missing, wrong
/// shape with both shapes, foreign layer), or why the file cannot be read; on error the model
/// is unchanged. Not thread-safe with other HDF5 use in the process.
KerasImportReport importKerasWeights(Model& model, const std::string& path, const KerasImportOptions& options = {});

/// One of the weight files keras.applications downloads (keras/src/applications/resnet.py).
struct OfficialKerasWeights {
    std::string fileName;      ///< e.g. "resnet152v2_weights_tf_dim_ordering_tf_kernels_notop.h5"
    std::string architecture;  ///< "resnet50v2", "resnet101v2" or "resnet152v2"
    bool hasTop = false;       ///< include_top=True file (with `predictions`)
    std::string md5;           ///< lower-case hex
};

/// The official ResNetV2 files, with and without top.
const std::vector<OfficialKerasWeights>& officialKerasWeights();
/// The official file with this MD5 (any case), or nullptr.
const OfficialKerasWeights* findOfficialKerasWeights(const std::string& md5);

/// A few lines for people: file, official or not, layout, counts, unused and missing layers.
std::string describe(const KerasImportReport& report);

void to_json(nlohmann::json& json, const KerasImportOptions& options);
void from_json(const nlohmann::json& json, KerasImportOptions& options);
void to_json(nlohmann::json& json, const KerasImportReport& report);

} // namespace kg
