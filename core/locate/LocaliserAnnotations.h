#pragma once
// Public (plain C++): joint boxes on whole images as an annotations.json — the file the
// full-radiograph generator writes beside its images (FullRadiograph.h), and the file the
// boxes users draw by hand are exported to, so the localiser can be fine-tuned on real
// radiographs (kneegrade-cli train-localiser --annotations FILE).
//
//   {"images": [{"file": "0001_bilateral_ap.png", "width": 1400, "height": 1000,
//                "pixel_spacing_mm": 0.15, "view": "bilateral_ap",
//                "knees": [{"x": …, "y": …, "width": …, "height": …, "side": "R", …}, …]}, …]}
//
// "file" is relative to the annotations file's folder (or absolute); an image with an empty
// "knees" list is a negative (no knee on it). Other keys are kept for the reader's interest.
#include "core/data/JointRegion.h"

#include <string>
#include <vector>

namespace kg {

struct AnnotatedImage {
    std::string file;                 ///< as read: resolved against the annotations file's folder
    int width = 0, height = 0;        ///< 0 when unknown
    double pixelSpacingMm = 0;        ///< 0 when unknown
    std::string view;                 ///< e.g. "bilateral_ap"; may be empty
    std::vector<JointRegion> knees;
};

/// Reads an annotations.json. Throws kg::Error naming the file when it is not one (or a box
/// has no area).
std::vector<AnnotatedImage> readLocaliserAnnotations(const std::string& path);

/// Writes (atomically) an annotations.json; files inside the annotations file's folder are
/// stored relative to it. Throws kg::Error naming the file on failure.
void writeLocaliserAnnotations(const std::string& path, const std::vector<AnnotatedImage>& images);

} // namespace kg
