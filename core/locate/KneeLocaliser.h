#pragma once
// Public (plain C++): finds the knee joints on a full radiograph and proposes the square
// box to grade for each, with the patient's side. A single-knee crop like the training
// images passes through as the whole image; "no knee joint found" is an answer too.
// The localiser is a small trained network (weights versioned in resources/localiser/);
// see docs/LOCALISER.md for what it was trained on and how well it does.
#include "core/data/JointRegion.h"
#include "core/imaging/Radiograph.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace kg {

struct LocaliserOptions {
    std::string weights;          ///< .kgloc file; empty: the shipped one (defaultLocaliserWeights())
    double minScore = 0.5;        ///< a joint is reported when its heat-map peak reaches this
    int maxKnees = 2;             ///< at most this many joints per image
    /// A single box covering at least this share of the image's area means the image is
    /// already a single-knee crop: it is graded whole (a rule on the detected box, not learned).
    double wholeImageCoverage = 0.7;
};

void to_json(nlohmann::json& json, const LocaliserOptions& options);
void from_json(const nlohmann::json& json, LocaliserOptions& options);

/// What the localiser found on one image.
struct Localisation {
    std::vector<JointRegion> knees;   ///< boxes in image pixels, image-left first; source "auto" or "whole image"
    bool wholeImage = false;          ///< the image is already a single-knee crop: it is graded unchanged
    std::string message;              ///< plain words: "2 knee joints found", "no knee joint found", …
    bool found() const { return !knees.empty(); }
};

void to_json(nlohmann::json& json, const Localisation& localisation);

/// A gray 8-bit image: `height` rows of `stride` bytes, the first `width` used.
struct GrayView {
    const std::uint8_t* pixels = nullptr;
    int width = 0;
    int height = 0;
    int stride = 0;
};

class KneeLocaliser {
public:
    /// Loads the weights. Throws kg::Error naming the file when it is missing or not a localiser.
    explicit KneeLocaliser(const LocaliserOptions& options = {});
    ~KneeLocaliser();
    KneeLocaliser(KneeLocaliser&&) noexcept;
    KneeLocaliser& operator=(KneeLocaliser&&) noexcept;

    const LocaliserOptions& options() const;
    /// The weights file in use (options().weights or the shipped one).
    const std::string& weightsPath() const;
    /// Finds the joints. `info` (optional) supplies DICOM laterality/orientation for the sides;
    /// without it sides follow the radiological convention (patient's right on the image's left).
    /// Throws kg::Error for an empty or inconsistent view. Thread: any; not thread-safe (one
    /// localiser per thread).
    Localisation locate(const GrayView& image, const RadiographInfo* info = nullptr);
    /// The same for a decoded radiograph (gray, or RGB converted to gray), with its info.
    Localisation locate(const Radiograph& radiograph);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// The shipped weights, knee-localiser.kgloc: $KNEEGRADE_LOCALISER when set, else beside the
/// program (build trees), else in ../share/kneegrade/localiser/ from the program (installs).
/// Empty when none is found.
std::string defaultLocaliserWeights();

/// Gives each box its patient's side and orders the boxes image-left first. One knee: DICOM
/// Image Laterality (R/L) when the file has it, else its position on a frontal view (well left
/// of centre: the patient's right), else '?'. Two or more knees on a frontal view: the
/// radiological convention (image left = patient's right, for AP and PA as displayed). Says
/// which in JointRegion::sideSource.
void assignSides(std::vector<JointRegion>& knees, int imageWidth, const RadiographInfo* info);

// ---- Training (kneegrade-cli train-localiser) ---------------------------------------------

struct LocaliserTrainOptions {
    std::string output;           ///< .kgloc to write (atomically)
    int trainImages = 500;        ///< generated full radiographs rendered for the training pool
    int epochs = 10;
    int batchSize = 16;
    double learningRate = 3e-3;
    std::uint64_t seed = 11;      ///< generated images and initialisation; held-out sets use other streams
    double scale = 0.35;          ///< FullRadiographSpec::scale of the training images
    int threads = 0;              ///< torch threads; 0 = all cores
    /// Fine-tuning on real images: an annotations.json (the generator's format, see
    /// LocaliserAnnotations.h) whose images and boxes join the generated pool.
    std::string annotations;
    int annotationRepeats = 8;    ///< each annotated image appears this often per epoch (new augmentation each time)
    std::string initialWeights;   ///< start from these weights (fine-tuning); empty: random initialisation
};

void to_json(nlohmann::json& json, const LocaliserTrainOptions& options);
void from_json(const nlohmann::json& json, LocaliserTrainOptions& options);

struct LocaliserTrainProgress {
    int epoch = 0;
    int epochs = 0;
    double loss = 0.0;
    int step = 0;                 ///< batches done in this epoch
    int steps = 0;                ///< batches per epoch
    std::string stage;            ///< "rendering" (building the pool) or "training"
};

/// Trains the localiser on generated radiographs and writes options.output. Reproducible
/// from the seed on one machine with the same thread count. Returns the final epoch's mean
/// training loss. `progress` returning false cancels (nothing is written; kg::Error).
double trainLocaliser(const LocaliserTrainOptions& options,
                      const std::function<bool(const LocaliserTrainProgress&)>& progress = {});

/// Boxes found on one view of the generator (bilateral_ap, single_ap, lateral, full_leg).
struct LocaliserViewAccuracy {
    std::string view;
    int images = 0, joints = 0, detected = 0, falsePositives = 0;
};

/// Accuracy on boxes with ground truth: centre error in mm and the share with IoU ≥ 0.5,
/// plus how negatives and single-knee crops are handled.
struct LocaliserAccuracy {
    int images = 0;
    int joints = 0;                ///< ground-truth joints
    int detected = 0;              ///< joints matched by a box with IoU ≥ 0.5
    int falsePositives = 0;        ///< boxes matching no joint
    double medianCentreErrorMm = 0;///< over joints with a box (nearest centre)
    double p90CentreErrorMm = 0;
    int negatives = 0;             ///< images without a knee (hips, ankles, shafts, noise, …)
    int negativesClean = 0;        ///< of those, answered "no knee joint found"
    int crops = 0;                 ///< single-knee crops (phantoms, truth boxes cut out)
    int cropsWholeImage = 0;       ///< of those, passed through as the whole image
    double secondsPerImage = 0;    ///< localisation time per full radiograph
    std::vector<LocaliserViewAccuracy> views;
    double iou50Rate() const { return joints > 0 ? double(detected) / joints : 0.0; }
    double noKneeRate() const { return negatives > 0 ? double(negativesClean) / negatives : 0.0; }
    double wholeImageRate() const { return crops > 0 ? double(cropsWholeImage) / crops : 0.0; }
};

void to_json(nlohmann::json& json, const LocaliserAccuracy& accuracy);

/// A held-out set: generated radiographs, negatives and crops from a stream no training run uses.
struct LocaliserEvaluateOptions {
    LocaliserOptions localiser;
    int images = 100;             ///< full radiographs (views cycle as in the generator)
    int negatives = 60;           ///< images without a knee
    int crops = 40;               ///< single-knee crops
    std::uint64_t seed = 1;
    double scale = 0.35;
};

void to_json(nlohmann::json& json, const LocaliserEvaluateOptions& options);
void from_json(const nlohmann::json& json, LocaliserEvaluateOptions& options);

LocaliserAccuracy evaluateLocaliser(const LocaliserEvaluateOptions& options);

} // namespace kg
