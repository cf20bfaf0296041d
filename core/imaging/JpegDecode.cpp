#include "core/imaging/JpegDecode.h"

#include "core/util/Error.h"

#include <csetjmp>
#include <cstdio>

#include <jpeglib.h>

namespace kg {
namespace {

struct ErrorManager {
    jpeg_error_mgr base{};
    std::jmp_buf jump{};
    std::string firstWarning;
};

[[noreturn]] void onError(j_common_ptr info)
{
    std::longjmp(reinterpret_cast<ErrorManager*>(info->err)->jump, 1);
}

void onMessage(j_common_ptr info, int level)
{
    auto* manager = reinterpret_cast<ErrorManager*>(info->err);
    if (level >= 0)
        return;  // trace output
    ++manager->base.num_warnings;
    if (manager->firstWarning.empty()) {
        char text[JMSG_LENGTH_MAX] = {};
        manager->base.format_message(info, text);
        manager->firstWarning = text;
    }
}

std::string messageOf(j_common_ptr info)
{
    char text[JMSG_LENGTH_MAX] = {};
    info->err->format_message(info, text);
    return text;
}

/// The libjpeg calls. Only libjpeg's C frames and onError lie between setjmp and longjmp, and
/// `image` belongs to the caller, so no C++ object is skipped or left indeterminate.
bool readJpeg(jpeg_decompress_struct& jpeg, ErrorManager& errors, const std::uint8_t* data, std::size_t size, cv::Mat& image)
{
    if (setjmp(errors.jump))
        return false;
    jpeg_create_decompress(&jpeg);
    jpeg_mem_src(&jpeg, data, static_cast<unsigned long>(size));
    jpeg_read_header(&jpeg, TRUE);
    jpeg.out_color_space = jpeg.num_components == 1 ? JCS_GRAYSCALE : JCS_EXT_BGR;
    if (jpeg.jpeg_color_space == JCS_CMYK || jpeg.jpeg_color_space == JCS_YCCK)
        jpeg.out_color_space = JCS_CMYK;
    jpeg_start_decompress(&jpeg);
    image.create(int(jpeg.output_height), int(jpeg.output_width), CV_8UC(jpeg.output_components));
    while (jpeg.output_scanline < jpeg.output_height) {
        JSAMPROW row = image.ptr<std::uint8_t>(int(jpeg.output_scanline));
        jpeg_read_scanlines(&jpeg, &row, 1);
    }
    jpeg_finish_decompress(&jpeg);
    return true;
}

} // namespace

cv::Mat decodeJpeg(const std::string& path, const std::uint8_t* data, std::size_t size)
{
    jpeg_decompress_struct jpeg{};
    ErrorManager errors;
    jpeg.err = jpeg_std_error(&errors.base);
    errors.base.error_exit = onError;
    errors.base.emit_message = onMessage;
    cv::Mat image;
    const bool complete = readJpeg(jpeg, errors, data, size, image);
    const std::string problem = complete ? errors.firstWarning : messageOf(reinterpret_cast<j_common_ptr>(&jpeg));
    const long warnings = errors.base.num_warnings;
    jpeg_destroy_decompress(&jpeg);
    if (!complete)
        throw Error(path, "damaged JPEG: " + problem);
    if (warnings > 0)
        throw Error(path, "damaged JPEG: " + problem +
                              (warnings > 1 ? " (and " + std::to_string(warnings - 1) + " more warnings)" : std::string()) +
                              "; a decoder would have filled the damaged part with guesses");
    const int channels = image.channels();
    if (channels == 4) {  // CMYK (Adobe stores it inverted): to BGR
        cv::Mat bgr(image.rows, image.cols, CV_8UC3);
        for (int y = 0; y < image.rows; ++y) {
            const std::uint8_t* in = image.ptr<std::uint8_t>(y);
            std::uint8_t* out = bgr.ptr<std::uint8_t>(y);
            for (int x = 0; x < image.cols; ++x, in += 4, out += 3) {
                out[0] = std::uint8_t(in[2] * in[3] / 255);
                out[1] = std::uint8_t(in[1] * in[3] / 255);
                out[2] = std::uint8_t(in[0] * in[3] / 255);
            }
        }
        return bgr;
    }
    return image;
}

} // namespace kg
