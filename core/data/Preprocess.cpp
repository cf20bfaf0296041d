#include "core/data/Preprocess.h"
#include "core/data/PreprocessImpl.h"

#include "core/util/Error.h"

#include <opencv2/imgproc.hpp>

#include <cstring>
#include <string>

namespace kg {

namespace {

std::string describe(const cv::Mat& image)
{
    return std::to_string(image.cols) + "×" + std::to_string(image.rows) + ", " + std::to_string(image.channels()) +
           " channel(s), depth " + std::to_string(image.depth());
}

} // namespace

void validatePreprocessOptions(const PreprocessOptions& options)
{
    if (options.imageSize < 8 || options.imageSize > 4096)
        throw Error("preprocessing: image size " + std::to_string(options.imageSize) + " is outside 8..4096");
    if (options.channels != 1 && options.channels != 3)
        throw Error("preprocessing: " + std::to_string(options.channels) + " channels requested; use 1 or 3");
    if (!(options.scale > 0.0))
        throw Error("preprocessing: scale must be positive");
}

cv::Mat toModelImage(const cv::Mat& image, const PreprocessOptions& options)
{
    validatePreprocessOptions(options);
    if (image.empty())
        throw Error("preprocessing: the image is empty");
    if (image.depth() != CV_8U)
        throw Error("preprocessing expects an 8-bit image (decode first; scaling twice is what the tutorial got "
                    "wrong), got " + describe(image));
    const int channels = image.channels();
    if (channels != 1 && channels != 3 && channels != 4)
        throw Error("preprocessing: unsupported image (" + describe(image) + ")");

    // Colour conversion first when it reduces data (to gray), last when it adds (gray to RGB).
    cv::Mat converted = image;
    if (options.channels == 1 && channels != 1)
        cv::cvtColor(image, converted, channels == 3 ? cv::COLOR_BGR2GRAY : cv::COLOR_BGRA2GRAY);
    else if (options.channels == 3 && channels == 3)
        cv::cvtColor(image, converted, cv::COLOR_BGR2RGB);
    else if (options.channels == 3 && channels == 4)
        cv::cvtColor(image, converted, cv::COLOR_BGRA2RGB);

    const cv::Size target(options.imageSize, options.imageSize);
    cv::Mat resized = converted;
    if (converted.size() != target) {
        // Area averaging when shrinking avoids the aliasing of plain bilinear on large radiographs.
        const bool shrinking = converted.cols > target.width || converted.rows > target.height;
        cv::resize(converted, resized, target, 0, 0, shrinking ? cv::INTER_AREA : cv::INTER_LINEAR);
    }
    // Gray stays one channel here; writeModelInput replicates it (3× less work in augmentation).
    return resized;
}

void writeModelInput(const cv::Mat& image, const PreprocessOptions& options, float* chw)
{
    const int size = options.imageSize;
    if (image.depth() != CV_8U)
        throw Error("preprocessing expects an 8-bit image, got " + describe(image));
    if (image.cols != size || image.rows != size)
        throw Error("preprocessing: image is " + describe(image) + ", expected " + std::to_string(size) + "² (call toModelImage)");
    if (image.channels() != 1 && image.channels() != options.channels)
        throw Error("preprocessing: image has " + std::to_string(image.channels()) + " channels, expected 1 or " +
                    std::to_string(options.channels));

    // A table computed in double and rounded once: 255 maps to exactly 1.0f, 0 to −1.0f
    // (convertTo's float arithmetic lands a few ulps outside [−1, 1]).
    float table[256];
    for (int v = 0; v < 256; ++v)
        table[v] = static_cast<float>(v * options.scale + options.offset);
    const cv::Mat lut(1, 256, CV_32F, table);

    const size_t plane = static_cast<size_t>(size) * size;
    if (image.channels() == 1) {
        cv::Mat first(size, size, CV_32F, chw);
        cv::LUT(image, lut, first);
        for (int c = 1; c < options.channels; ++c)
            std::memcpy(chw + c * plane, chw, plane * sizeof(float));
        return;
    }
    cv::Mat planes[3];
    cv::split(image, planes);
    for (int c = 0; c < options.channels; ++c) {
        cv::Mat target(size, size, CV_32F, chw + c * plane);
        cv::LUT(planes[c], lut, target);
    }
}

std::vector<float> preprocessForModel(const cv::Mat& decoded, const PreprocessOptions& options)
{
    const cv::Mat image = toModelImage(decoded, options);
    std::vector<float> chw(static_cast<size_t>(options.channels) * options.imageSize * options.imageSize);
    writeModelInput(image, options, chw.data());
    return chw;
}

torch::Tensor preprocessToTensor(const cv::Mat& decoded, const PreprocessOptions& options)
{
    const cv::Mat image = toModelImage(decoded, options);
    torch::Tensor tensor = torch::empty({1, options.channels, options.imageSize, options.imageSize}, torch::kFloat32);
    writeModelInput(image, options, tensor.data_ptr<float>());
    return tensor;
}

} // namespace kg
