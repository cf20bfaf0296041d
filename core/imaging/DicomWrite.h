#pragma once
// Internal (OpenCV): writes a gray image as a DICOM Part 10 file (explicit VR little endian,
// Digital X-Ray "for presentation"), for synthetic radiographs, tests and benchmarks.
#include <opencv2/core.hpp>

#include <string>

namespace kg {

struct DicomWriteOptions {
    int bitsStored = 12;              ///< significant bits of a 16-bit image (8-bit images: 8)
    std::string modality = "DX";
    std::string bodyPart = "KNEE";    ///< (0018,0015); empty: left out
    std::string viewPosition = "AP";  ///< (0018,5101); empty: left out
    std::string laterality;           ///< (0020,0062) "R", "L" or "B"; empty: left out
    std::string patientOrientation;   ///< (0020,0020) e.g. "L\\F"; empty: left out
    double pixelSpacingMm = 0.0;      ///< (0028,0030); 0: left out
    bool monochrome1 = false;         ///< store inverted (bright = low values)
    int numberOfFrames = 1;           ///< > 1: the image repeated (multi-frame tests)
};

/// `image` is CV_8UC1 or CV_16UC1 (values must fit bitsStored). Throws kg::Error on failure.
void writeDicomImage(const std::string& path, const cv::Mat& image, const DicomWriteOptions& options = {});

} // namespace kg
