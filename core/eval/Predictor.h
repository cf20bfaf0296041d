#pragma once
// Public (plain C++): grades radiographs with a trained checkpoint and explains them with
// Grad-CAM. Loads the checkpoint once; files in any format the data pipeline decodes
// (PNG, JPEG, BMP, TIFF 8/16-bit, DICOM).
#include "core/eval/GradCam.h"
#include "core/model/Checkpoint.h"
#include "core/runtime/Runtime.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace kg {

struct PredictorOptions {
    std::string checkpoint;               ///< .kgckpt to load
    RuntimeOptions runtime;               ///< device (threads stay the process's)
    bool tta = false;                     ///< horizontal-flip TTA: mean softmax of image and mirror
    bool applyTemperature = true;         ///< softmax(logits / checkpoint temperature); off: T = 1
    double lowConfidenceEntropy = 0.5;    ///< flag a prediction whose normalised entropy exceeds this (0..1)
    int batchSize = 16;                   ///< images per forward pass in predictFiles
    int gradCamBatchSize = 4;             ///< images per Grad-CAM pass (it keeps activations for backward)
    int decodeThreads = 0;                ///< files decoded in parallel; 0 = one per core
};

void to_json(nlohmann::json& json, const PredictorOptions& options);
void from_json(const nlohmann::json& json, PredictorOptions& options);

/// The prediction for one file. When `error` is set, nothing else but `path` is.
struct Prediction {
    std::string path;
    std::string error;                    ///< why the file could not be graded; empty on success
    bool ok() const { return error.empty(); }

    std::vector<double> probabilities;    ///< one per grade, sums to 1
    int grade = -1;                       ///< predicted (arg-max) grade
    std::string gradeName;                ///< e.g. "Minimal"
    std::string gradeDescription;         ///< e.g. "definite osteophytes, possible narrowing"
    double confidence = 0.0;              ///< probability of `grade`
    double normalisedEntropy = 0.0;       ///< H(p) / ln K in [0, 1]: 0 certain, 1 uniform
    bool lowConfidence = false;           ///< normalisedEntropy > PredictorOptions::lowConfidenceEntropy
    std::string bodyPartWarning;          ///< set when the file says it shows something else than a knee
    std::vector<std::string> fileWarnings;///< what decoding noted: first frame of many, wrong extension, …
    int imageWidth = 0;                   ///< decoded radiograph size
    int imageHeight = 0;

    // Grad-CAM, only when it was asked for.
    int explainedGrade = -1;              ///< class whose pre-softmax score the heatmap explains; -1: none
    HeatMap heatmap;                      ///< at the radiograph's size, [0, 1]
    RgbImage image;                       ///< the radiograph as the model saw it (8-bit RGB, full size)
    RgbImage overlay;                     ///< heatmap colours blended over `image` (same size)
};

/// (done, total) after every batch; return false to cancel (the remaining files get an error entry).
using PredictProgressCallback = std::function<bool(std::int64_t done, std::int64_t total)>;

/// Owns one model. Not thread-safe: use one Predictor per thread (or serialise calls).
class Predictor {
public:
    /// Loads options.checkpoint. Throws kg::Error naming the file when it cannot.
    explicit Predictor(const PredictorOptions& options);
    ~Predictor();
    Predictor(Predictor&&) noexcept;
    Predictor& operator=(Predictor&&) noexcept;
    Predictor(const Predictor&) = delete;
    Predictor& operator=(const Predictor&) = delete;

    const PredictorOptions& options() const;
    const CheckpointMeta& meta() const;
    const std::string& weightsSha256() const;
    std::string deviceName() const;
    int numClasses() const;
    /// Names of the model's classes (the checkpoint's, or "0".."K-1").
    std::vector<std::string> classNames() const;

    /// Grades one file. Never throws for a bad file: the result carries the error instead.
    /// Thread: the caller's (the UI calls it from a worker thread).
    Prediction predict(const std::string& path, const GradCamOptions& gradCam = {});
    /// Grades many files with batched forward passes, results in `paths` order, one per path.
    /// Grad-CAM only when gradCam.enabled; each result then holds full-size images, so grade
    /// large folders in chunks. Never throws for bad files; throws kg::Error when
    /// gradCam.targetGrade is not one of the model's classes.
    std::vector<Prediction> predictFiles(const std::vector<std::string>& paths, const GradCamOptions& gradCam = {},
                                         const PredictProgressCallback& progress = {});
    /// predictFiles(listImageFiles(folder, recursive)). Throws kg::Error when `folder` is not a folder.
    std::vector<Prediction> predictFolder(const std::string& folder, bool recursive = false,
                                          const GradCamOptions& gradCam = {},
                                          const PredictProgressCallback& progress = {});

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Image files of a folder, sorted: known extensions (png, jpg, jpeg, bmp, tif, tiff, dcm,
/// dicom, case-insensitive) or none (DICOM often has none); hidden files are left out.
/// Throws kg::Error when `folder` is not a folder.
std::vector<std::string> listImageFiles(const std::string& folder, bool recursive = false);

/// H(p) / ln K, in [0, 1]; 0 for K < 2.
double normalisedEntropy(const std::vector<double>& probabilities);

/// Without the images (heatmap, image, overlay): they are written as files instead.
void to_json(nlohmann::json& json, const Prediction& prediction);

} // namespace kg
