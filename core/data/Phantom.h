#pragma once
// Public (plain C++): synthetic knee radiographs ("phantoms") — the built-in demo dataset and
// the data of end-to-end tests. Each image is an AP knee crop (femur above, tibia below, the
// joint space a dark gap between them, fibular head on the lateral side) whose KL grade shows
// as real grades do: joint-space narrowing, osteophytes, subchondral sclerosis, deformity.
// Deterministic: the same options give byte-identical files on the same platform.
#include <nlohmann/json_fwd.hpp>

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace kg {

/// One phantom knee to render.
struct PhantomSpec {
    int grade = 0;                 ///< KL grade 0..4
    char side = 'R';               ///< 'R' or 'L' (mirrored: the fibula is on the lateral side)
    int imageSize = 224;           ///< output is imageSize² 8-bit gray
    std::uint64_t seed = 0;        ///< this knee's randomness (severity, osteophytes, pose, noise)
    std::uint64_t patientSeed = 0; ///< anatomy and exposure shared by both knees of a patient
    double ambiguity = 1.0;        ///< 0: severity = grade exactly; 1: ±0.5 grade, neighbours overlap
    bool nuisance = true;          ///< false: canonical pose, exposure and anatomy (for measurements)
};

/// A rendered phantom with the ground truth the picture was drawn from.
struct PhantomImage {
    int size = 0;                       ///< width = height in pixels
    std::vector<std::uint8_t> pixels;   ///< size² gray values, row-major
    double severity = 0;                ///< latent continuous grade the features were drawn from
    double medialJointSpacePx = 0;      ///< narrowest femur–tibia gap, medial compartment
    double lateralJointSpacePx = 0;     ///< narrowest gap, lateral compartment
    int osteophytes = 0;                ///< spurs drawn at the joint margins
    double medialX = 0, lateralX = 0;   ///< pixel column of each compartment's narrowest point
    double jointLineY = 0;              ///< pixel row of the medial joint space centre
};

/// Renders one knee. Throws kg::Error for a grade outside 0..4, a bad side or a size outside 32..2048.
PhantomImage renderPhantom(const PhantomSpec& spec);

/// The checks renderPhantom makes: throws kg::Error naming what is out of range.
void validatePhantomSpec(const PhantomSpec& spec);

/// Internal (FullRadiograph.cpp): where a rendered phantom's bones, leg and film response are,
/// in its own pixels, so that a larger picture can continue the leg around the pasted phantom.
/// Canonical units: x across (medial +), y down, the tibial plateau near y = 0; one unit is
/// half the unposed image. Pixel = origin + unitPx · R(angle) · (mirrored ? −x : x, y).
struct PhantomLayout {
    struct Vertex {
        double x = 0, y = 0;
    };
    double originX = 0, originY = 0;   ///< pixel of the canonical origin
    double unitPx = 1;                 ///< pixels per canonical unit
    double angle = 0;                  ///< radians
    bool mirrored = false;             ///< left knee: the medial side points to the image left
    std::vector<std::vector<Vertex>> femur, tibia, fibula;   ///< outlines in pixels: the bone, then its spurs
    double femurShaftHalf = 0;         ///< half-width (units) where the femur outline ends at y = −1.6
    double tibiaShaftHalf = 0;         ///< half-width (units) where the tibia outline ends at y = +1.6
    double fibulaShaftX = 0, fibulaShaftHalf = 0;   ///< fibular shaft centre and half-width (units) at y = +1.6
    double boneRadius = 0.42, fibulaRadius = 0.11, cortexThickness = 0.06;   ///< units
    double cortexAtPx = 0, cortexWidthPx = 0;   ///< the bright cortical line's offset and width, pixels
    double legHalfWidth = 0, softDensity = 0, boneDensity = 0, textureAmplitude = 0;
    double exposure = 0, gamma = 1, gain = 1, bias = 0, heel = 0;   ///< film: 255·gain·heel·(1−e^(−exposure·d))^gamma + 255·bias
    double noiseSigma = 0, blurSigmaPx = 0;    ///< grain (gray levels) and blur (pixels)
};

/// renderPhantom that also reports the layout (byte-identical pixels).
PhantomImage renderPhantom(const PhantomSpec& spec, PhantomLayout* layout);

/// A phantom dataset in the real dataset's layout: DIR/{train,val,test}/<grade>/<7-digit id><L|R>.png.
struct PhantomOptions {
    std::string outputDir;                       ///< created if missing
    int perGrade = 100;                          ///< images per grade over all splits (grade 0 with realBalance)
    int imageSize = 224;                         ///< pixels, square
    std::uint64_t seed = 42;                     ///< everything derives from this
    std::array<double, 3> splits{0.7, 0.1, 0.2}; ///< train/val/test fractions (normalised), as the real data
    bool realBalance = false;                    ///< scale grades to the real train share 39.6/18.1/26.2/13.1/3.0 %
    double bilateralFraction = 0.6;              ///< knees that share a patient id with the other knee
    double ambiguity = 1.0;                      ///< see PhantomSpec::ambiguity
    bool nuisance = true;                        ///< pose/exposure/anatomy variation
    bool overwrite = false;                      ///< replace existing train/val/test folders in outputDir
    int threads = 0;                             ///< rendering threads; 0 = one per core
};

/// Counts per split (train, val, test) and grade of what was written.
struct PhantomSummary {
    std::array<std::array<int, 5>, 3> counts{};
    int files = 0;
    int patients = 0;
    bool cancelled = false;
    double seconds = 0;
};

/// Called on the calling thread with (images written, images planned); return false to cancel.
using PhantomProgress = std::function<bool(int done, int total)>;

/// Writes the dataset and DIR/phantoms.json (options + per-file truth). Both knees of one
/// patient id always land in the same split. Throws kg::Error when DIR holds split folders
/// already (unless overwrite) or a file cannot be written. A cancelled run leaves what it wrote.
PhantomSummary writePhantomDataset(const PhantomOptions& options, const PhantomProgress& progress = {});

/// A PNG contact sheet: one row per grade, `columns` phantoms each, grade labels at the left.
void writePhantomContactSheet(const std::string& path, int columns = 8, int imageSize = 224, std::uint64_t seed = 42);

void to_json(nlohmann::json& json, const PhantomOptions& options);
void from_json(const nlohmann::json& json, PhantomOptions& options);

} // namespace kg
