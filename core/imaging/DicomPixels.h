#pragma once
// Internal to core/imaging (OpenCV only): DICOM pixel values after GDCM has read them — the
// stored bits cleaned up, colour reordered, and the grayscale display pipeline (modality LUT
// or rescale → VOI LUT or window → MONOCHROME1 inversion) to 8 bits or to full depth.
// DicomDecode.cpp reads the file and fills the pipeline from its attributes.
#include "core/imaging/Radiograph.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

namespace kg::dicom {

/// A DICOM LUT (modality or VOI): `entries` values for inputs firstMapped, firstMapped+1, ….
struct Lut {
    int firstMapped = 0;
    int bits = 16;
    std::vector<double> entries;

    double operator()(double input) const
    {
        const double index = std::clamp(std::round(input) - firstMapped, 0.0, double(entries.size() - 1));
        return entries[size_t(index)];
    }
};

/// Clears bits outside BitsStored (overlays, garbage) and sign-extends signed values.
void cleanStoredBits(cv::Mat& stored, int bitsStored, int highBit, bool isSigned);
/// DICOM YBR_FULL (full-range ITU-R BT.601) to RGB, in place, 8-bit interleaved.
void ybrFullToRgb(cv::Mat& image);
/// Interleaved RGB (R first, as DICOM stores it) → BGR in place.
void rgbToBgr(cv::Mat& image);

/// The VOI LUT Function (0028,1056): LINEAR, LINEAR_EXACT or SIGMOID.
enum class VoiFunction { Linear, LinearExact, Sigmoid };

struct GrayPipeline {
    std::optional<Lut> modalityLut;
    double slope = 1.0, intercept = 0.0;
    std::optional<Lut> voiLut;
    std::optional<double> center, width;  // from the file
    VoiFunction function = VoiFunction::Linear;
    bool invert = false;

    /// Stored value → modality value (modality LUT, else rescale).
    double modality(int stored) const { return modalityLut ? (*modalityLut)(stored) : stored * slope + intercept; }
};

/// Maps every possible stored value to 8 bits through modality → VOI → inversion, then
/// applies the table to the image (one lookup per pixel). Records the window used and the
/// inversion in `info` (and a warning for an invalid window).
cv::Mat grayToEightBit(const cv::Mat& stored, int bitsStored, bool isSigned, const GrayPipeline& pipeline,
                       RadiographInfo& info);

/// The modality values (rescale or modality LUT) of every pixel, spread linearly over 0..65535
/// from the lowest to the highest value present: a viewer windows these in modality units.
FullDepthPixels modalityFullDepth(const cv::Mat& stored, const GrayPipeline& pipeline);

/// Colour pixels to 8 bits per channel (16-bit data scaled by BitsStored).
cv::Mat colourToEightBit(const cv::Mat& stored, int bitsStored);

} // namespace kg::dicom
