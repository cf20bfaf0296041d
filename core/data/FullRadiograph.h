#pragma once
// Public (plain C++): synthetic *full* radiographs as a clinic's PACS exports them — a
// bilateral standing AP knee view, a single-knee AP view, a lateral knee view or a full-leg
// film — with femora, tibiae, fibulae, patellae, soft tissue, collimation and a side marker,
// at varied scale, position, rotation, exposure and noise. Every knee joint has a
// ground-truth box in the training-crop convention (the box, cropped and resized, looks
// like a phantom of Phantom.h), so the knee localiser can be trained and measured, and the
// classifier tested on crops of it. Deterministic from the seed.
#include "core/data/JointRegion.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace kg {

enum class RadiographView {
    BilateralAP,  ///< both knees, standing AP; the patient's right on the image's left
    SingleAP,     ///< one knee, AP, joint roughly central, field a little larger than the joint
    Lateral,      ///< one knee from the side: condyles overlap, patella in front
    FullLeg       ///< hip to ankle, both legs, long film: the knees are small in the picture
};

std::string toString(RadiographView view);           ///< "bilateral_ap", "single_ap", "lateral", "full_leg"
RadiographView parseRadiographView(const std::string& text);  ///< throws kg::Error for other text

/// One full radiograph to render.
struct FullRadiographSpec {
    RadiographView view = RadiographView::BilateralAP;
    std::uint64_t seed = 0;        ///< everything random (size, pose, anatomy, grades, exposure, noise)
    double scale = 1.0;            ///< multiplies the seed's image size; < 1 renders small images quickly (tests)
    bool markers = true;           ///< burn an R/L side marker into a corner, as radiographers do
};

/// A rendered radiograph and its ground truth.
struct FullRadiograph {
    RadiographView view = RadiographView::BilateralAP;
    int width = 0;
    int height = 0;
    std::vector<std::uint16_t> pixels;  ///< width·height 12-bit values (0..4095), bone bright (MONOCHROME2)
    double pixelSpacingMm = 0.15;       ///< mm per pixel, both axes
    std::vector<JointRegion> knees;     ///< each joint's square box (source "truth"), side R/L; image-left first
    std::vector<int> grades;            ///< KL grade drawn for each knee, same order as `knees`

    /// 8-bit version (linear 12 → 8 bit), row-major, width·height bytes.
    std::vector<std::uint8_t> eightBit() const;
};

/// Renders one radiograph. Throws kg::Error for a scale outside (0, 4].
FullRadiograph renderFullRadiograph(const FullRadiographSpec& spec);

/// A folder of full radiographs for training and measuring the localiser:
/// DIR/<index>_<view>.png (8-bit) and/or DIR/<index>_<view>.dcm (12-bit DICOM, CR, with
/// Pixel Spacing, Body Part KNEE or LEG, View Position AP or LAT), and DIR/annotations.json
/// with every image's view, spacing, size and joint boxes.
struct FullRadiographSetOptions {
    std::string outputDir;
    int count = 100;                   ///< images; views cycle bilateral, single, lateral, full-leg
    std::uint64_t seed = 7;            ///< image i uses seed ⊕ i (see fullRadiographSeed)
    double scale = 1.0;                ///< see FullRadiographSpec::scale
    bool png = true;
    bool dicom = false;
    int threads = 0;                   ///< rendering threads; 0 = one per core
};

/// Seed of image `index` in a set with `seed`: distinct sets for distinct seeds.
std::uint64_t fullRadiographSeed(std::uint64_t seed, int index);
/// View of image `index` in a set (cycles through the four views).
RadiographView fullRadiographView(int index);

/// Called with (written, planned); return false to cancel.
using FullRadiographProgress = std::function<bool(int done, int total)>;

/// Writes the set; returns the number of images written. Throws kg::Error naming the file
/// that cannot be written.
int writeFullRadiographSet(const FullRadiographSetOptions& options, const FullRadiographProgress& progress = {});

void to_json(nlohmann::json& json, const FullRadiographSetOptions& options);
void from_json(const nlohmann::json& json, FullRadiographSetOptions& options);

} // namespace kg
