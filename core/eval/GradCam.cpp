#include "core/eval/GradCamImpl.h"

#include "core/util/Error.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace kg {

std::string toString(Colormap colormap)
{
    return colormap == Colormap::Jet ? "jet" : "turbo";
}

Colormap parseColormap(const std::string& text)
{
    if (text == "jet")
        return Colormap::Jet;
    if (text == "turbo")
        return Colormap::Turbo;
    throw Error("unknown colour map '" + text + "': use jet or turbo");
}

void to_json(nlohmann::json& json, const GradCamOptions& options)
{
    json = nlohmann::json{{"enabled", options.enabled},
                          {"target_grade", options.targetGrade},
                          {"alpha", options.alpha},
                          {"colormap", toString(options.colormap)}};
}

void from_json(const nlohmann::json& json, GradCamOptions& options)
{
    const GradCamOptions defaults;
    options.enabled = json.value("enabled", defaults.enabled);
    options.targetGrade = json.value("target_grade", defaults.targetGrade);
    options.alpha = json.value("alpha", defaults.alpha);
    options.colormap = parseColormap(json.value("colormap", toString(defaults.colormap)));
}

namespace {

cv::Mat asMat(const HeatMap& map)
{
    return cv::Mat(map.height, map.width, CV_32F, const_cast<float*>(map.values.data()));
}

HeatMap fromMat(const cv::Mat& mat)
{
    HeatMap map{mat.cols, mat.rows, std::vector<float>(static_cast<size_t>(mat.cols) * mat.rows)};
    cv::Mat target(mat.rows, mat.cols, CV_32F, map.values.data());
    mat.copyTo(target);
    return map;
}

void checkMap(const HeatMap& map)
{
    if (map.width <= 0 || map.height <= 0 || map.values.size() != static_cast<size_t>(map.width) * map.height)
        throw Error("heatmap of " + std::to_string(map.width) + "×" + std::to_string(map.height) + " has " +
                    std::to_string(map.values.size()) + " values");
}

} // namespace

HeatMap resizeHeatMap(const HeatMap& map, int width, int height)
{
    checkMap(map);
    if (width <= 0 || height <= 0)
        throw Error("cannot resize a heatmap to " + std::to_string(width) + "×" + std::to_string(height));
    if (width == map.width && height == map.height)
        return map;
    cv::Mat resized;
    cv::resize(asMat(map), resized, cv::Size(width, height), 0, 0, cv::INTER_LINEAR);
    cv::min(cv::max(resized, 0.0), 1.0, resized);
    return fromMat(resized);
}

RgbImage colorizeHeatMap(const HeatMap& map, Colormap colormap)
{
    checkMap(map);
    cv::Mat gray;
    asMat(map).convertTo(gray, CV_8U, 255.0);
    cv::Mat bgr;
    cv::applyColorMap(gray, bgr, colormap == Colormap::Jet ? cv::COLORMAP_JET : cv::COLORMAP_TURBO);
    RgbImage image{map.width, map.height, std::vector<std::uint8_t>(static_cast<size_t>(map.width) * map.height * 3)};
    cv::cvtColor(bgr, cv::Mat(map.height, map.width, CV_8UC3, image.pixels.data()), cv::COLOR_BGR2RGB);
    return image;
}

RgbImage overlayHeatMap(const RgbImage& image, const HeatMap& map, double alpha, Colormap colormap)
{
    if (image.width <= 0 || image.height <= 0 || image.pixels.size() != static_cast<size_t>(image.width) * image.height * 3)
        throw Error("overlay: the image of " + std::to_string(image.width) + "×" + std::to_string(image.height) +
                    " has " + std::to_string(image.pixels.size()) + " bytes");
    alpha = std::clamp(alpha, 0.0, 1.0);
    const RgbImage colours = colorizeHeatMap(resizeHeatMap(map, image.width, image.height), colormap);
    RgbImage out{image.width, image.height, std::vector<std::uint8_t>(image.pixels.size())};
    const cv::Mat base(image.height, image.width, CV_8UC3, const_cast<std::uint8_t*>(image.pixels.data()));
    const cv::Mat heat(image.height, image.width, CV_8UC3, const_cast<std::uint8_t*>(colours.pixels.data()));
    cv::Mat blended(image.height, image.width, CV_8UC3, out.pixels.data());
    cv::addWeighted(base, 1.0 - alpha, heat, alpha, 0.0, blended);
    return out;
}

void writeRgbImage(const std::string& path, const RgbImage& image)
{
    if (image.empty())
        throw Error(path, "nothing to write: the image is empty");
    cv::Mat bgr;
    cv::cvtColor(cv::Mat(image.height, image.width, CV_8UC3, const_cast<std::uint8_t*>(image.pixels.data())), bgr,
                 cv::COLOR_RGB2BGR);
    bool written = false;
    try {
        written = cv::imwrite(path, bgr);
    } catch (const cv::Exception& e) {
        throw Error(path, std::string("cannot write the image: ") + e.what());
    }
    if (!written)
        throw Error(path, "cannot write the image (unknown extension or the folder is not writable)");
}

GradCamResult computeGradCam(Model::Impl& model, const torch::Tensor& images, const std::vector<int>& targets)
{
    if (images.dim() != 4 || images.size(0) == 0)
        throw Error("Grad-CAM needs an N×3×H×W batch of at least one image");
    const int64_t n = images.size(0);
    if (!targets.empty() && static_cast<int64_t>(targets.size()) != n)
        throw Error("Grad-CAM: " + std::to_string(targets.size()) + " target classes for " + std::to_string(n) + " images");

    auto& net = model.net;
    const bool wasTraining = net->is_training();
    net->eval();
    struct RestoreMode {
        nn::KneeClassifier& net;
        bool training;
        ~RestoreMode() { net->train(training); }
    } restore{net, wasTraining};

    torch::AutoGradMode gradients(true);
    // The input requires grad so that post_relu is part of a graph even for a frozen backbone.
    const torch::Tensor input = model.prepareInput(images).detach().requires_grad_(true);
    // Eval-mode BNs folded into their convolutions (gradients flow to the activations only).
    const nn::ClassifierOutput out = net->forward(input, false, model.inferenceFolding(/*activationGradients=*/true));
    if (!out.logits.defined())
        throw Error("Grad-CAM needs class scores: the model has no classifier head");
    const int64_t classes = out.logits.size(1);

    std::vector<int> chosen(static_cast<size_t>(n));
    const torch::Tensor argmax = out.logits.detach().argmax(1).to(torch::kCPU);
    for (int64_t i = 0; i < n; ++i) {
        const int requested = targets.empty() ? -1 : targets[static_cast<size_t>(i)];
        if (requested >= classes)
            throw Error("Grad-CAM: class " + std::to_string(requested) + " does not exist (the model has " +
                        std::to_string(classes) + " classes)");
        chosen[static_cast<size_t>(i)] = requested >= 0 ? requested : static_cast<int>(argmax[i].item<int64_t>());
    }
    const torch::Tensor index =
        torch::tensor(std::vector<int64_t>(chosen.begin(), chosen.end()), torch::kInt64).to(out.logits.device());
    const torch::Tensor score = out.logits.gather(1, index.unsqueeze(1)).sum();
    const torch::Tensor activation = out.featureMap;
    const torch::Tensor gradient = torch::autograd::grad({score}, {activation})[0];

    torch::NoGradGuard noGrad;
    const torch::Tensor weights = gradient.mean({2, 3}, /*keepdim=*/true);              // N×C×1×1
    torch::Tensor cam = torch::relu((weights * activation.detach()).sum(1)).to(torch::kCPU, torch::kFloat32);  // N×h×w
    const torch::Tensor peak = std::get<0>(cam.flatten(1).max(1)).view({n, 1, 1});
    cam = torch::where(peak > 0, cam / peak.clamp_min(1e-30), torch::zeros_like(cam)).contiguous();
    return {cam, out.logits.detach().to(torch::kCPU, torch::kFloat32), chosen};
}

HeatMap heatMapFromTensor(const torch::Tensor& map, int width, int height)
{
    const torch::Tensor m = map.to(torch::kCPU, torch::kFloat32).contiguous();
    if (m.dim() != 2)
        throw Error("heatMapFromTensor: expected an h×w map");
    HeatMap small{static_cast<int>(m.size(1)), static_cast<int>(m.size(0)),
                  std::vector<float>(m.data_ptr<float>(), m.data_ptr<float>() + m.numel())};
    return resizeHeatMap(small, width, height);
}

} // namespace kg
