#pragma once
// Internal (OpenCV): baseline/progressive 8-bit JPEG through libjpeg directly. OpenCV's
// imdecode prints libjpeg's warnings ("Corrupt JPEG data: …", "Premature end of JPEG file")
// to stderr and returns the padded pixels as if nothing happened; here every warning makes
// the file an error, so damaged data is never graded.
#include <opencv2/core.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace kg {

/// CV_8UC1 for gray JPEGs, CV_8UC3 (BGR) for colour. Throws kg::Error naming `path` with
/// libjpeg's message for any error or warning.
cv::Mat decodeJpeg(const std::string& path, const std::uint8_t* data, std::size_t size);

} // namespace kg
