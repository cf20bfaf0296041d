#include "core/locate/KneeLocaliser.h"

#include "core/locate/detail/LocaliserFile.h"
#include "core/locate/detail/LocaliserInput.h"
#include "core/util/Error.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>

namespace kg {

namespace {

namespace fs = std::filesystem;
constexpr const char* kWeightsFileName = "knee-localiser.kgloc";

bool isRegularFile(const fs::path& path)
{
    std::error_code error;
    return fs::is_regular_file(path, error);
}

/// The square box, in image pixels, of a detection: shrunk to the image when larger than it,
/// then moved inside it, so the crop never needs padding.
JointRegion toImageBox(const locate::Detection& d, const locate::Letterbox& box, int width, int height)
{
    const double cx = (d.cx - box.offsetX) / box.scale, cy = (d.cy - box.offsetY) / box.scale;
    const int side = std::clamp(static_cast<int>(std::lround(d.side / box.scale)), 1, std::min(width, height));
    JointRegion region;
    region.width = region.height = side;
    region.x = std::clamp(static_cast<int>(std::lround(cx - side / 2.0)), 0, width - side);
    region.y = std::clamp(static_cast<int>(std::lround(cy - side / 2.0)), 0, height - side);
    region.source = "auto";
    region.score = d.score;
    return region;
}

double coverage(const locate::Detection& d, const locate::Letterbox& box, int width, int height)
{
    const double cx = (d.cx - box.offsetX) / box.scale, cy = (d.cy - box.offsetY) / box.scale;
    const double half = d.side / box.scale / 2;
    const double w = std::max(0.0, std::min<double>(width, cx + half) - std::max(0.0, cx - half));
    const double h = std::max(0.0, std::min<double>(height, cy + half) - std::max(0.0, cy - half));
    return w * h / (double(width) * height);
}

} // namespace

void to_json(nlohmann::json& json, const LocaliserOptions& options)
{
    json = nlohmann::json{{"weights", options.weights},
                          {"min_score", options.minScore},
                          {"max_knees", options.maxKnees},
                          {"whole_image_coverage", options.wholeImageCoverage}};
}

void from_json(const nlohmann::json& json, LocaliserOptions& options)
{
    const LocaliserOptions defaults;
    options.weights = json.value("weights", defaults.weights);
    options.minScore = json.value("min_score", defaults.minScore);
    options.maxKnees = json.value("max_knees", defaults.maxKnees);
    options.wholeImageCoverage = json.value("whole_image_coverage", defaults.wholeImageCoverage);
}

void to_json(nlohmann::json& json, const Localisation& localisation)
{
    json = nlohmann::json{{"knees", localisation.knees},
                          {"whole_image", localisation.wholeImage},
                          {"message", localisation.message}};
}

std::string defaultLocaliserWeights()
{
    if (const char* variable = std::getenv("KNEEGRADE_LOCALISER"); variable && *variable)
        return variable;
    std::error_code error;
    const fs::path exe = fs::read_symlink("/proc/self/exe", error);
    if (error)
        return {};
    const fs::path dir = exe.parent_path();
    for (const fs::path& candidate : {dir / kWeightsFileName, dir / ".." / "share" / "kneegrade" / "localiser" / kWeightsFileName})
        if (isRegularFile(candidate))
            return candidate.lexically_normal().string();
    return {};
}

struct KneeLocaliser::Impl {
    LocaliserOptions options;
    std::string weightsPath;
    locate::LocaliserNet net{nullptr};
};

KneeLocaliser::KneeLocaliser(const LocaliserOptions& options) : impl_(std::make_unique<Impl>())
{
    if (!(options.minScore > 0.0 && options.minScore < 1.0))
        throw Error("the localiser's minimum score must lie strictly between 0 and 1");
    if (options.maxKnees < 1 || options.maxKnees > 16)
        throw Error("the localiser reports 1 to 16 knees per image, not " + std::to_string(options.maxKnees));
    if (!(options.wholeImageCoverage > 0.0 && options.wholeImageCoverage <= 1.0))
        throw Error("the localiser's whole-image coverage must lie in (0, 1]");
    impl_->options = options;
    impl_->weightsPath = options.weights.empty() ? defaultLocaliserWeights() : options.weights;
    if (impl_->weightsPath.empty())
        throw Error("no knee-localiser weights found (" + std::string(kWeightsFileName) +
                    " beside the program or in ../share/kneegrade/localiser); set KNEEGRADE_LOCALISER or pass "
                    "the weights file");
    impl_->net = locate::loadLocaliserFile(impl_->weightsPath).net;
}

KneeLocaliser::~KneeLocaliser() = default;
KneeLocaliser::KneeLocaliser(KneeLocaliser&&) noexcept = default;
KneeLocaliser& KneeLocaliser::operator=(KneeLocaliser&&) noexcept = default;

const LocaliserOptions& KneeLocaliser::options() const { return impl_->options; }
const std::string& KneeLocaliser::weightsPath() const { return impl_->weightsPath; }

Localisation KneeLocaliser::locate(const GrayView& image, const RadiographInfo* info)
{
    if (!image.pixels || image.width < 1 || image.height < 1 || image.stride < image.width)
        throw Error("the localiser needs a non-empty gray image (rows of at least its width)");
    const int width = image.width, height = image.height;
    const cv::Mat gray(height, width, CV_8UC1, const_cast<std::uint8_t*>(image.pixels), static_cast<std::size_t>(image.stride));
    const int size = impl_->net->config.inputSize;
    const auto box = locate::letterboxFor(width, height, size);
    const cv::Mat canvas = locate::letterboxImage(gray, box);
    cv::Mat mask(size, size, CV_8UC1, cv::Scalar(0));
    mask(box.content).setTo(255);

    std::vector<locate::Detection> detections;
    {
        torch::NoGradGuard noGrad;
        const auto input = locate::standardise(canvas, mask).unsqueeze(0);
        const auto maps = impl_->net->forward(input)[0];
        detections = locate::decodeMaps(maps, impl_->options.minScore, impl_->options.maxKnees);
    }

    Localisation result;
    if (!detections.empty() && coverage(detections.front(), box, width, height) >= impl_->options.wholeImageCoverage) {
        JointRegion whole;
        whole.width = width;
        whole.height = height;
        whole.source = "whole image";
        whole.score = detections.front().score;
        result.knees.push_back(whole);
        result.wholeImage = true;
    } else {
        for (const auto& d : detections)
            result.knees.push_back(toImageBox(d, box, width, height));
    }
    assignSides(result.knees, width, info);
    if (result.wholeImage)
        result.message = "a single-knee crop: graded as the whole image";
    else if (result.knees.empty())
        result.message = "no knee joint found";
    else
        result.message = result.knees.size() == 1 ? "1 knee joint found"
                                                  : std::to_string(result.knees.size()) + " knee joints found";
    return result;
}

Localisation KneeLocaliser::locate(const Radiograph& radiograph)
{
    if (radiograph.channels == 1) {
        const GrayView view{radiograph.pixels.data(), radiograph.width, radiograph.height, radiograph.stride};
        return locate(view, &radiograph.info);
    }
    if (radiograph.channels != 3 || radiograph.pixels.empty())
        throw Error("the localiser reads gray or RGB radiographs, not " + std::to_string(radiograph.channels) + " channels");
    const cv::Mat rgb(radiograph.height, radiograph.width, CV_8UC3, const_cast<std::uint8_t*>(radiograph.pixels.data()),
                      static_cast<std::size_t>(radiograph.stride));
    cv::Mat gray;
    cv::cvtColor(rgb, gray, cv::COLOR_RGB2GRAY);
    const GrayView view{gray.data, gray.cols, gray.rows, static_cast<int>(gray.step)};
    return locate(view, &radiograph.info);
}

} // namespace kg
