#pragma once
// Internal (OpenCV): radiograph decoding for the data pipeline. The training loader calls
// decodeRadiographForModel() in its hot path; loadRadiograph() and the dataset report use
// decodeRadiographBuffer(). All functions throw kg::Error naming the file and are thread-safe.
#include "core/imaging/Radiograph.h"

#include <opencv2/core.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace kg {

/// 8-bit image for the network: CV_8UC1 (gray) or CV_8UC3 (BGR). 8-bit files come back as
/// decoded (no copy). 16-bit and float files are stretched from the image's own min..max to
/// 0..255 (a per-image window: radiographs rarely use their full 16-bit range, and their
/// sBIT depth is not exposed by the decoders). DICOM goes through its grayscale pipeline:
/// modality LUT or rescale, VOI LUT or window (default: min..max of the modality values),
/// MONOCHROME1 inversion.
cv::Mat decodeRadiographForModel(const std::string& path);

/// Pixels as stored: CV_8U, CV_16U (16-bit PNG/TIFF stay 16-bit), CV_16S (signed DICOM) or
/// CV_32F (float TIFF); 1 or 3 channels (BGR). DICOM: the first frame's stored values with
/// unused high bits cleared, before rescale/LUT/window/inversion (`info` says how to show it).
cv::Mat decodeRadiographNative(const std::string& path, RadiographInfo* info = nullptr);

/// Which images decodeRadiographBuffer() should produce.
enum class DecodeOutput { Native = 1, EightBit = 2, Both = 3, FullDepth = 4, EightBitAndFullDepth = 6 };

struct DecodedRadiograph {
    cv::Mat native;    ///< as decodeRadiographNative() (empty unless asked for)
    cv::Mat eightBit;  ///< as decodeRadiographForModel() (empty unless asked for); may share native's data
    RadiographInfo info;
    FullDepthPixels fullDepth;  ///< gray images deeper than 8 bits, when asked for (DecodeOutput::FullDepth)
};

/// Decodes file contents already in memory (`path` is only used in messages and to
/// recognise extension-less DICOM). `data` must stay valid during the call. DICOM and TIFF
/// (every format with DecodeIsolation::AllFormats) go to an isolated helper process.
DecodedRadiograph decodeRadiographBuffer(const std::string& path, const std::uint8_t* data, std::size_t size,
                                         DecodeOutput outputs, const RadiographLoadOptions& options = {});

/// The same in this process, whatever the isolation set-up (the helper and fuzzers call it).
DecodedRadiograph decodeRadiographBufferInProcess(const std::string& path, const std::uint8_t* data, std::size_t size,
                                                  DecodeOutput outputs, const RadiographLoadOptions& options = {});

/// Reads a whole regular file; throws kg::Error (missing, folder, FIFO or device, larger
/// than `maxBytes`, unreadable, empty). Never blocks on a FIFO.
std::vector<std::uint8_t> readRadiographFile(const std::string& path,
                                             std::uint64_t maxBytes = DecodeLimits{}.maxFileBytes);

} // namespace kg
