#pragma once
// Internal (OpenCV; GDCM only in the .cpp): DICOM decoding through GDCM — the data set's
// attributes, the first frame's pixel data, and the display pipeline filled from them (its
// pixel work is DicomPixels.h). GDCM calls are serialised: its trace streams, which we read
// to tell truncated pixel data from good data, are process-global.
#include "core/imaging/Radiograph.h"

#include <opencv2/core.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace kg {

/// "DICM" at offset 128 (Part 10 file with preamble).
bool hasDicomPreamble(const std::uint8_t* data, std::size_t size);
/// A bare data set without preamble that starts with a group 0002 or 0008 tag.
bool mayBeDicomWithoutPreamble(const std::uint8_t* data, std::size_t size);

struct DicomDecoded {
    cv::Mat stored;    ///< first frame, stored values with unused bits cleared: 8U/16U/16S, or 8UC3/16UC3 BGR
    cv::Mat eightBit;  ///< after the display pipeline: CV_8UC1 or CV_8UC3 (BGR); may share `stored`'s data
    RadiographInfo info;
    FullDepthPixels fullDepth;  ///< gray images, when asked for: modality values before the window
};

/// Decodes the first frame. Throws kg::Error naming `path`: not DICOM, no image, truncated
/// or undecodable pixel data, unsupported pixel format.
DicomDecoded decodeDicom(const std::string& path, const std::uint8_t* data, std::size_t size,
                         const RadiographLoadOptions& options, bool fullDepth = false);

} // namespace kg
