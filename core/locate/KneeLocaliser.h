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
    /// Finds the joints. `info` (optional) supplies DICOM laterality/orientation for the sides;
    /// without it sides follow the radiological convention (patient's right on the image's left).
    /// Thread: any; not thread-safe (one localiser per thread).
    Localisation locate(const GrayView& image, const RadiographInfo* info = nullptr);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// The shipped weights: beside the program in ../share/kneegrade/localiser/, the source
/// tree's resources/localiser/ (development builds), or $KNEEGRADE_LOCALISER. Empty when none is found.
std::string defaultLocaliserWeights();

/// Gives each box its patient's side: from DICOM Image Laterality for a single knee, else from
/// the radiological convention for an AP/PA view (image left = patient's right), saying which
/// in JointRegion::sideSource.
void assignSides(std::vector<JointRegion>& knees, int imageWidth, const RadiographInfo* info);

// ---- Training (kneegrade-cli train-localiser) ---------------------------------------------

struct LocaliserTrainOptions {
    std::string output;           ///< .kgloc to write (atomically)
    int trainImages = 1200;       ///< generated full radiographs (and negatives) per epoch pool
    int epochs = 30;
    int batchSize = 16;
    double learningRate = 2e-3;
    std::uint64_t seed = 11;      ///< generated images and initialisation; held-out sets use other seeds
    double scale = 0.35;          ///< FullRadiographSpec::scale of the training images
    int threads = 0;              ///< torch threads; 0 = all cores
};

void to_json(nlohmann::json& json, const LocaliserTrainOptions& options);
void from_json(const nlohmann::json& json, LocaliserTrainOptions& options);

struct LocaliserTrainProgress {
    int epoch = 0;
    int epochs = 0;
    double loss = 0.0;
};

/// Trains the localiser on generated radiographs and writes options.output. Reproducible
/// from the seed on one machine. Returns the final training loss.
double trainLocaliser(const LocaliserTrainOptions& options,
                      const std::function<bool(const LocaliserTrainProgress&)>& progress = {});

/// Accuracy on boxes with ground truth: centre error in mm and the share with IoU ≥ 0.5.
struct LocaliserAccuracy {
    int images = 0;
    int joints = 0;                ///< ground-truth joints
    int detected = 0;              ///< joints matched by a box with IoU ≥ 0.5
    int falsePositives = 0;        ///< boxes matching no joint
    double medianCentreErrorMm = 0;///< over joints matched by a box (nearest centre)
    double p90CentreErrorMm = 0;
    double iou50Rate() const { return joints > 0 ? double(detected) / joints : 0.0; }
};

void to_json(nlohmann::json& json, const LocaliserAccuracy& accuracy);

} // namespace kg
