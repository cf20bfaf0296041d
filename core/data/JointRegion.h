#pragma once
// Public (plain C++): a region of interest on a full radiograph — the square box around one
// knee joint that is cropped and graded — with the patient's side it shows and where that
// side came from. Coordinates are the decoded image's pixels (column x, row y).
#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace kg {

struct JointRegion {
    int x = 0;                ///< left column, original pixel coordinates
    int y = 0;                ///< top row
    int width = 0;
    int height = 0;
    char side = '?';          ///< the patient's side: 'R', 'L' or '?' (unknown)
    std::string sideSource;   ///< how the side was decided, in plain words ("DICOM Image Laterality", …)
    std::string source;       ///< "manual" (drawn or given), "auto" (localiser) or "whole image"
    double score = 0.0;       ///< the localiser's confidence in [0, 1]; 1 for manual boxes

    bool empty() const { return width <= 0 || height <= 0; }
    double centreX() const { return x + width / 2.0; }
    double centreY() const { return y + height / 2.0; }
};

/// Parses "X,Y,W,H" (integers, original pixels). Throws kg::Error for anything else.
JointRegion parseJointRegion(const std::string& text);
/// "X,Y,W,H".
std::string formatJointRegion(const JointRegion& region);

/// The part of `region` inside a width × height image; empty when they do not overlap.
JointRegion clippedToImage(const JointRegion& region, int width, int height);

/// Intersection over union of two boxes (0 when either is empty).
double intersectionOverUnion(const JointRegion& a, const JointRegion& b);

void to_json(nlohmann::json& json, const JointRegion& region);
void from_json(const nlohmann::json& json, JointRegion& region);

} // namespace kg
