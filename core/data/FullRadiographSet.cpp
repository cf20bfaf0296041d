// A folder of full radiographs (FullRadiograph.h): PNG and/or DICOM files and annotations.json.
#include "core/data/FullRadiograph.h"
#include "core/data/ParallelTasks.h"

#include "core/imaging/DicomWrite.h"
#include "core/util/AtomicFile.h"
#include "core/util/Error.h"

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <thread>

namespace kg {

namespace {

namespace fs = std::filesystem;

std::string baseName(int index, RadiographView view)
{
    char number[16];
    std::snprintf(number, sizeof number, "%05d", index);
    return std::string(number) + "_" + toString(view);
}

void writePng(const std::string& path, const FullRadiograph& image)
{
    std::vector<std::uint8_t> pixels = image.eightBit();
    const cv::Mat mat(image.height, image.width, CV_8U, pixels.data());
    bool ok = false;
    try {
        ok = cv::imwrite(path, mat, {cv::IMWRITE_PNG_COMPRESSION, 3});
    } catch (const cv::Exception& e) {
        throw Error(path, std::string("cannot write PNG: ") + e.what());
    }
    if (!ok)
        throw Error(path, "cannot write PNG (is the folder writable?)");
}

void writeDicom(const std::string& path, const FullRadiograph& image)
{
    std::vector<std::uint16_t> pixels = image.pixels;
    const cv::Mat mat(image.height, image.width, CV_16U, pixels.data());
    DicomWriteOptions options;
    options.bitsStored = 12;
    options.modality = "CR";
    options.bodyPart = image.view == RadiographView::FullLeg ? "LEG" : "KNEE";
    options.viewPosition = image.view == RadiographView::Lateral ? "LAT" : "AP";
    if (image.knees.size() == 1)
        options.laterality = std::string(1, image.knees.front().side);
    options.pixelSpacingMm = image.pixelSpacingMm;
    writeDicomImage(path, mat, options);
}

} // namespace

int writeFullRadiographSet(const FullRadiographSetOptions& options, const FullRadiographProgress& progress)
{
    if (options.outputDir.empty())
        throw Error("full radiographs: no output folder given");
    if (options.count < 1)
        throw Error("full radiographs: the count must be at least 1");
    if (!options.png && !options.dicom)
        throw Error("full radiographs: choose PNG, DICOM or both");
    if (!(options.scale > 0.0 && options.scale <= 4.0))
        throw Error("full radiographs: scale " + std::to_string(options.scale) + " is outside (0, 4]");
    const fs::path root(options.outputDir);
    std::error_code ec;
    fs::create_directories(root, ec);
    if (ec)
        throw Error(root.string(), "cannot create folder: " + ec.message());

    const int total = options.count;
    std::vector<nlohmann::json> entries(static_cast<size_t>(total));
    const bool cancelled = detail::runParallelTasks(
        total, options.threads,
        [&](int i) {
            FullRadiographSpec spec;
            spec.view = fullRadiographView(i);
            spec.seed = fullRadiographSeed(options.seed, i);
            spec.scale = options.scale;
            const FullRadiograph image = renderFullRadiograph(spec);
            const std::string base = baseName(i, spec.view);
            nlohmann::json entry{{"index", i},
                                 {"seed", spec.seed},
                                 {"view", toString(spec.view)},
                                 {"width", image.width},
                                 {"height", image.height},
                                 {"pixel_spacing_mm", image.pixelSpacingMm},
                                 {"knees", image.knees},
                                 {"grades", image.grades}};
            if (options.png) {
                writePng((root / (base + ".png")).string(), image);
                entry["png"] = base + ".png";
            }
            if (options.dicom) {
                writeDicom((root / (base + ".dcm")).string(), image);
                entry["dicom"] = base + ".dcm";
            }
            entries[static_cast<size_t>(i)] = std::move(entry);
        },
        progress);

    nlohmann::json images = nlohmann::json::array();
    for (auto& entry : entries)
        if (!entry.is_null())
            images.push_back(std::move(entry));
    const int written = static_cast<int>(images.size());
    if (progress && !cancelled)
        progress(written, total);
    nlohmann::json manifest{{"generator", "kneegrade synthetic full radiographs"},
                            {"note", "Synthetic images for training and measuring the knee localiser; not radiographs of people."},
                            {"options", options},
                            {"complete", written == total},
                            {"images", std::move(images)}};
    writeFileAtomically((root / "annotations.json").string(), manifest.dump(1) + "\n");
    return written;
}

void to_json(nlohmann::json& json, const FullRadiographSetOptions& options)
{
    json = nlohmann::json{{"count", options.count}, {"seed", options.seed}, {"scale", options.scale},
                          {"png", options.png},     {"dicom", options.dicom}};
}

void from_json(const nlohmann::json& json, FullRadiographSetOptions& options)
{
    const FullRadiographSetOptions defaults;
    options.count = json.value("count", defaults.count);
    options.seed = json.value("seed", defaults.seed);
    options.scale = json.value("scale", defaults.scale);
    options.png = json.value("png", defaults.png);
    options.dicom = json.value("dicom", defaults.dicom);
}

} // namespace kg
