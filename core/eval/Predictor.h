#pragma once
// Public (plain C++): grades radiographs with a trained checkpoint and explains them with
// Grad-CAM. Loads the checkpoint once; files in any format the data pipeline decodes
// (PNG, JPEG, BMP, TIFF 8/16-bit, DICOM).
#include "core/data/JointRegion.h"
#include "core/eval/GradCam.h"
#include "core/locate/KneeLocaliser.h"
#include "core/model/Checkpoint.h"
#include "core/runtime/Runtime.h"

#include <nlohmann/json_fwd.hpp>

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
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
    LocaliserOptions localiser;           ///< the knee localiser behind RegionRequest::automatic
};

void to_json(nlohmann::json& json, const PredictorOptions& options);
void from_json(const nlohmann::json& json, PredictorOptions& options);

/// Which part of each file is graded. Default: the whole image (a pre-cropped knee).
struct RegionRequest {
    bool automatic = false;               ///< find the knee joints and grade each (--roi auto)
    std::vector<JointRegion> regions;     ///< grade these boxes, in original pixels (--roi X,Y,W,H)
    bool wholeImage() const { return !automatic && regions.empty(); }
};

/// The prediction for one file, or one region of it. When `error` is set, only `path`
/// (and `region`, `localisation`) are.
struct Prediction {
    std::string path;
    JointRegion region;                   ///< the graded box; empty: the whole image
    std::string localisation;             ///< what the localiser said ("2 knee joints found", …); empty without it
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
    /// Out-of-distribution gate (OodGate.h): the image's Mahalanobis score divided by the
    /// checkpoint's threshold, so > 1 means unlike the training images. NaN without a gate.
    double oodScore = std::numeric_limits<double>::quiet_NaN();
    bool outOfDistribution = false;       ///< oodScore > 1: the grade means nothing
    bool hasOodScore() const { return !std::isnan(oodScore); }
    int imageWidth = 0;                   ///< decoded radiograph size (the whole file, not the region)
    int imageHeight = 0;

    // Grad-CAM, only when it was asked for.
    int explainedGrade = -1;              ///< class whose pre-softmax score the heatmap explains; -1: none
    HeatMap heatmap;                      ///< at the radiograph's size, [0, 1]
    RgbImage image;                       ///< what the model saw (8-bit RGB): the region's crop, or the whole image
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

    /// True when the checkpoint carries out-of-distribution statistics (OodGate.h).
    bool hasOodGate() const;
    /// The gate's summary (split, images, percentile, threshold); empty JSON without a gate.
    nlohmann::json oodGateSummary() const;

    /// Grades one file (the whole image). Never throws for a bad file: the result carries the
    /// error instead. Thread: the caller's (the UI calls it from a worker thread).
    Prediction predict(const std::string& path, const GradCamOptions& gradCam = {});
    /// Grades the requested regions of one file: one result per region (per joint found with
    /// regions.automatic; the whole image, said so in `localisation`, when none is found).
    std::vector<Prediction> predictRegions(const std::string& path, const RegionRequest& regions,
                                           const GradCamOptions& gradCam = {});
    /// Grades many files with batched forward passes, results grouped in `paths` order: one
    /// per path for the whole image, one per region otherwise (a failed file gives one error).
    /// Grad-CAM only when gradCam.enabled; each result then holds full-size images, so grade
    /// large folders in chunks. Never throws for bad files; throws kg::Error when
    /// gradCam.targetGrade is not one of the model's classes.
    std::vector<Prediction> predictFiles(const std::vector<std::string>& paths, const GradCamOptions& gradCam = {},
                                         const PredictProgressCallback& progress = {},
                                         const RegionRequest& regions = {});
    /// predictFiles(listImageFiles(folder, recursive)). Throws kg::Error when `folder` is not a folder.
    std::vector<Prediction> predictFolder(const std::string& folder, bool recursive = false,
                                          const GradCamOptions& gradCam = {},
                                          const PredictProgressCallback& progress = {},
                                          const RegionRequest& regions = {});

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
