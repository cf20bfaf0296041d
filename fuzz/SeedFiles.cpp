#include "SeedFiles.h"

#include "core/model/Checkpoint.h"
#include "core/model/Model.h"
#include "core/util/Error.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <cmath>

namespace kgfuzz {
namespace {

/// A deterministic "radiograph": a radial gradient with stripes, in any depth.
cv::Mat pattern(int width, int height, int type)
{
    cv::Mat image(height, width, type);
    const int channels = image.channels();
    const int depth = image.depth();
    const double top = depth == CV_8U ? 255.0 : depth == CV_16U ? 4095.0 : depth == CV_16S ? 2000.0 : 1.0;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            for (int c = 0; c < channels; ++c) {
                const double r = std::hypot(x - width / 2.0, y - height / 2.0) / (width + height);
                const double v = std::fmod(r * 3.0 + 0.1 * c + ((x / 3 + y) % 7) * 0.02, 1.0);
                const double value = depth == CV_16S ? (v - 0.5) * 2.0 * top : v * top;
                const int index = c;
                switch (depth) {
                case CV_8U: image.ptr<std::uint8_t>(y)[x * channels + index] = cv::saturate_cast<std::uint8_t>(value); break;
                case CV_16U: image.ptr<std::uint16_t>(y)[x * channels + index] = cv::saturate_cast<std::uint16_t>(value); break;
                case CV_16S: image.ptr<std::int16_t>(y)[x * channels + index] = cv::saturate_cast<std::int16_t>(value); break;
                default: image.ptr<float>(y)[x * channels + index] = float(value); break;
                }
            }
    return image;
}

SeedFile encode(const std::string& name, const cv::Mat& image, const std::vector<int>& parameters = {})
{
    SeedFile seed{name, {}};
    const std::string extension = name.substr(name.rfind('.'));
    if (!cv::imencode(extension, image, seed.bytes, parameters))
        throw kg::Error(name, "OpenCV could not encode this seed");
    return seed;
}

} // namespace

std::vector<SeedFile> rasterSeeds()
{
    const int w = 37, h = 29;  // odd: BMP row padding, partial JPEG MCUs, PNG filters per row
    std::vector<SeedFile> seeds;
    seeds.push_back(encode("png8_gray.png", pattern(w, h, CV_8UC1)));
    seeds.push_back(encode("png8_rgb.png", pattern(w, h, CV_8UC3)));
    seeds.push_back(encode("png8_rgba.png", pattern(w, h, CV_8UC4)));
    seeds.push_back(encode("png16_gray.png", pattern(w, h, CV_16UC1)));
    seeds.push_back(encode("png16_rgb.png", pattern(w, h, CV_16UC3)));
    seeds.push_back(encode("png1_bilevel.png", pattern(w, h, CV_8UC1), {cv::IMWRITE_PNG_BILEVEL, 1}));
    seeds.push_back(encode("jpeg_gray.jpg", pattern(w, h, CV_8UC1), {cv::IMWRITE_JPEG_QUALITY, 80}));
    seeds.push_back(encode("jpeg_rgb.jpg", pattern(w, h, CV_8UC3), {cv::IMWRITE_JPEG_QUALITY, 90}));
    seeds.push_back(encode("jpeg_progressive.jpg", pattern(w, h, CV_8UC3),
                           {cv::IMWRITE_JPEG_PROGRESSIVE, 1, cv::IMWRITE_JPEG_OPTIMIZE, 1}));
    seeds.push_back(encode("jpeg_restart.jpg", pattern(w, h, CV_8UC1), {cv::IMWRITE_JPEG_RST_INTERVAL, 1}));
    seeds.push_back(encode("tiff8_gray.tif", pattern(w, h, CV_8UC1), {cv::IMWRITE_TIFF_COMPRESSION, 1}));
    seeds.push_back(encode("tiff8_rgb_lzw.tif", pattern(w, h, CV_8UC3), {cv::IMWRITE_TIFF_COMPRESSION, 5}));
    seeds.push_back(encode("tiff16_gray.tif", pattern(w, h, CV_16UC1), {cv::IMWRITE_TIFF_COMPRESSION, 1}));
    seeds.push_back(encode("tiff16_gray_lzw.tif", pattern(w, h, CV_16UC1), {cv::IMWRITE_TIFF_COMPRESSION, 5}));
    seeds.push_back(encode("tiff16s_gray.tif", pattern(w, h, CV_16SC1), {cv::IMWRITE_TIFF_COMPRESSION, 1}));
    seeds.push_back(encode("tiff32f_gray.tif", pattern(w, h, CV_32FC1)));
    seeds.push_back(encode("bmp8_gray.bmp", pattern(w, h, CV_8UC1)));
    seeds.push_back(encode("bmp24_rgb.bmp", pattern(w, h, CV_8UC3)));
    return seeds;
}

std::vector<std::string> writeCheckpointSeeds(const std::string& dir)
{
    struct Variant {
        const char* name;
        const char* architecture;
        bool head;
        bool imagenetTop;
        kg::Pooling pooling;
        bool blobs;
    };
    const Variant variants[] = {
        {"tiny_head.kgckpt", "resnetv2:1,1,1,1:1", true, false, kg::Pooling::Average, false},
        {"tiny_head_blobs.kgckpt", "resnetv2:1,1,1,1:1", true, false, kg::Pooling::Average, true},
        {"tiny_nohead_max.kgckpt", "resnetv2:1,1,1,1:2", false, false, kg::Pooling::Max, false},
        {"tiny_top.kgckpt", "resnetv2:1,1,1,1:1", false, true, kg::Pooling::Average, false},
    };
    std::vector<std::string> paths;
    for (const Variant& variant : variants) {
        kg::ModelOptions options;
        options.backbone = kg::parseArchitecture(variant.architecture);
        options.backbone.pooling = variant.pooling;
        options.backbone.imagenetTop = variant.imagenetTop;
        options.head.enabled = variant.head;
        options.head.hiddenUnits = {3};
        options.seed = 7;
        const kg::Model model(options);
        kg::CheckpointMeta meta;
        meta.model = options;
        meta.preprocessing.imageSize = 64;
        meta.createdUtc = "2024-01-01T00:00:00Z";  // reproducible bytes
        meta.state.epoch = 3;
        meta.state.valLoss = 0.5;
        kg::CheckpointBlobs blobs;
        if (variant.blobs)
            blobs = {{"optimizer", std::string("adam-state\0\x01\x02", 13)}, {"rng", "42"}};
        const std::string path = dir + "/" + variant.name;
        kg::saveCheckpoint(path, model, meta, blobs);
        paths.push_back(path);
    }
    return paths;
}

} // namespace kgfuzz
