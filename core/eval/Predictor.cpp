#include "core/eval/Predictor.h"

#include "core/data/Grades.h"
#include "core/data/PreprocessImpl.h"
#include "core/imaging/RadiographDecode.h"
#include "core/eval/EvaluatorImpl.h"
#include "core/eval/GradCamImpl.h"
#include "core/eval/OodGate.h"
#include "core/util/Error.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <optional>
#include <thread>

namespace kg {
namespace {

namespace fs = std::filesystem;

/// One decoded file of a batch.
struct DecodedFile {
    cv::Mat decoded;           ///< 8-bit gray or BGR, full size
    RadiographInfo info;
    std::string bodyPartWarning;  ///< the file says it is not a knee (see kg::bodyPartWarning)
    std::vector<std::string> fileWarnings;  ///< RadiographInfo::warnings
    std::string error;
};

/// One region on its way through a batch.
struct Pending {
    size_t slot = 0;           ///< position in the results
    size_t file = 0;           ///< position in the batch's DecodedFile list
    cv::Mat crop;              ///< what the model sees, 8-bit gray or BGR
    torch::Tensor input;       ///< 1×C×H×W preprocessed
};

/// The region's pixels; parts outside the image are black (as collimated film).
cv::Mat cropRegion(const cv::Mat& image, const JointRegion& region)
{
    const JointRegion inside = clippedToImage(region, image.cols, image.rows);
    if (inside.empty())
        return {};
    if (inside.x == region.x && inside.y == region.y && inside.width == region.width && inside.height == region.height)
        return image(cv::Rect(region.x, region.y, region.width, region.height)).clone();
    cv::Mat crop(region.height, region.width, image.type(), cv::Scalar::all(0));
    image(cv::Rect(inside.x, inside.y, inside.width, inside.height))
        .copyTo(crop(cv::Rect(inside.x - region.x, inside.y - region.y, inside.width, inside.height)));
    return crop;
}

JointRegion wholeImage(const cv::Mat& image)
{
    JointRegion region;
    region.width = image.cols;
    region.height = image.rows;
    region.source = "whole image";
    region.score = 1.0;
    return region;
}

RgbImage toRgb(const cv::Mat& decoded)
{
    RgbImage image{decoded.cols, decoded.rows, std::vector<std::uint8_t>(static_cast<size_t>(decoded.cols) * decoded.rows * 3)};
    cv::Mat target(decoded.rows, decoded.cols, CV_8UC3, image.pixels.data());
    if (decoded.channels() == 1)
        cv::cvtColor(decoded, target, cv::COLOR_GRAY2RGB);
    else if (decoded.channels() == 4)
        cv::cvtColor(decoded, target, cv::COLOR_BGRA2RGB);
    else
        cv::cvtColor(decoded, target, cv::COLOR_BGR2RGB);
    return image;
}

std::string lowered(std::string text)
{
    for (char& c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

bool isImageFile(const fs::path& path)
{
    const std::string name = path.filename().string();
    if (name.empty() || name[0] == '.')
        return false;
    const std::string extension = lowered(path.extension().string());
    if (extension.empty())
        return true;
    for (const char* known : {".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".dcm", ".dicom"})
        if (extension == known)
            return true;
    return false;
}

} // namespace

struct Predictor::Impl {
    PredictorOptions options;
    LoadedCheckpoint loaded;
    int numClasses = 0;
    std::string device;
    std::optional<OodGate> gate;
    std::unique_ptr<KneeLocaliser> localiser;  ///< made on the first automatic request

    explicit Impl(const PredictorOptions& o) : options(o), loaded(loadCheckpoint(o.checkpoint))
    {
        if (!loaded.model.impl().net->hasHead() && !loaded.model.options().backbone.imagenetTop)
            throw Error(o.checkpoint, "the checkpoint has no classifier head: it cannot grade images");
        const bool cuda = resolvesToCuda(o.runtime.device);
        loaded.model.impl().moveTo(cuda ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU));
        loaded.model.impl().net->eval();
        numClasses = loaded.model.options().backbone.imagenetTop ? 1000 : loaded.model.options().head.numClasses;
        device = describeRuntime(cuda ? DevicePreference::Cuda : DevicePreference::Cpu).deviceName;
        if (options.batchSize < 1 || options.gradCamBatchSize < 1)
            throw Error("prediction batch sizes must be at least 1");
        if (const auto blob = loaded.blobs.find(kOodGateBlob); blob != loaded.blobs.end()) {
            try {
                gate = OodGate::deserialize(blob->second);
            } catch (const Error& e) {
                throw Error(o.checkpoint, e.what());
            }
        }
    }

    double temperature() const { return options.applyTemperature ? loaded.meta.temperature : 1.0; }

    std::vector<std::string> names() const
    {
        if (static_cast<int>(loaded.meta.classNames.size()) == numClasses)
            return loaded.meta.classNames;
        std::vector<std::string> result;
        for (int k = 0; k < numClasses; ++k)
            result.push_back(std::to_string(k));
        return result;
    }

    /// Decodes the files paths[begin, end) in parallel; a failure becomes the file's error.
    std::vector<DecodedFile> decode(const std::vector<std::string>& paths, size_t begin, size_t end)
    {
        std::vector<DecodedFile> files(end - begin);
        std::atomic<size_t> next{0};
        auto work = [&] {
            for (size_t i = next++; i < files.size(); i = next++) {
                const std::string& path = paths[begin + i];
                DecodedFile& file = files[i];
                try {
                    const std::vector<std::uint8_t> bytes = readRadiographFile(path);
                    DecodedRadiograph decoded =
                        decodeRadiographBuffer(path, bytes.data(), bytes.size(), DecodeOutput::EightBit);
                    if (const std::string refusal = modalityRefusal(decoded.info); !refusal.empty())
                        throw Error(path, refusal);
                    file.decoded = decoded.eightBit;
                    file.bodyPartWarning = bodyPartWarning(decoded.info);
                    file.fileWarnings = decoded.info.warnings;
                    if (const std::string view = viewPositionWarning(decoded.info); !view.empty())
                        file.fileWarnings.push_back(view);
                    file.info = std::move(decoded.info);
                } catch (const Error& e) {
                    file.error = e.what();
                } catch (const std::exception& e) {
                    file.error = "'" + path + "': cannot read the image: " + e.what();
                }
            }
        };
        const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
        const size_t threads = std::min<size_t>(files.size(), options.decodeThreads > 0 ? options.decodeThreads : cores);
        std::vector<std::thread> pool;
        for (size_t t = 1; t < threads; ++t)
            pool.emplace_back(work);
        work();
        for (auto& thread : pool)
            thread.join();
        return files;
    }

    /// The regions to grade on one decoded file, and what the localiser said about them.
    std::vector<JointRegion> regionsOf(const DecodedFile& file, const RegionRequest& request, std::string& localisation)
    {
        if (request.wholeImage())
            return {wholeImage(file.decoded)};
        if (!request.automatic) {
            // Sides for the boxes the user gave, which keep the user's order.
            std::vector<JointRegion> regions = request.regions;
            std::vector<size_t> order(regions.size());
            for (size_t i = 0; i < order.size(); ++i)
                order[i] = i;
            std::stable_sort(order.begin(), order.end(),
                             [&](size_t a, size_t b) { return regions[a].centreX() < regions[b].centreX(); });
            std::vector<JointRegion> sided;
            for (size_t i : order)
                sided.push_back(regions[i]);
            assignSides(sided, file.decoded.cols, &file.info);
            for (size_t i = 0; i < order.size(); ++i)
                if (regions[order[i]].side == '?') {
                    regions[order[i]].side = sided[i].side;
                    regions[order[i]].sideSource = sided[i].sideSource;
                }
            return regions;
        }
        if (!localiser)
            localiser = std::make_unique<KneeLocaliser>(options.localiser);
        cv::Mat gray = file.decoded;
        if (gray.channels() == 3)
            cv::cvtColor(file.decoded, gray, cv::COLOR_BGR2GRAY);
        else if (gray.channels() == 4)
            cv::cvtColor(file.decoded, gray, cv::COLOR_BGRA2GRAY);
        if (!gray.isContinuous())
            gray = gray.clone();
        const Localisation found = localiser->locate(
            GrayView{gray.data, gray.cols, gray.rows, static_cast<int>(gray.step[0])}, &file.info);
        localisation = found.message;
        if (found.found())
            return found.knees;
        localisation = found.message + ": the whole image was graded";
        return {wholeImage(file.decoded)};
    }

    /// Expands the decoded files into one result (and one model input) per region.
    std::vector<Pending> prepare(const std::vector<std::string>& paths, size_t begin, std::vector<DecodedFile>& files,
                                 const RegionRequest& request, std::vector<Prediction>& results)
    {
        std::vector<Pending> pending;
        for (size_t i = 0; i < files.size(); ++i) {
            Prediction base;
            base.path = paths[begin + i];
            if (!files[i].error.empty()) {
                base.error = files[i].error;
                results.push_back(std::move(base));
                continue;
            }
            std::vector<JointRegion> regions;
            try {
                regions = regionsOf(files[i], request, base.localisation);
            } catch (const std::exception& e) {
                base.error = std::string("cannot find the knee joints: ") + e.what();
                results.push_back(std::move(base));
                continue;
            }
            for (const JointRegion& region : regions) {
                Prediction p = base;
                p.region = region;
                try {
                    Pending item;
                    item.file = i;
                    item.crop = cropRegion(files[i].decoded, region);
                    if (item.crop.empty())
                        throw Error(base.path, "the region " + formatJointRegion(region) + " lies outside the " +
                                                   std::to_string(files[i].decoded.cols) + " × " +
                                                   std::to_string(files[i].decoded.rows) + " image");
                    item.input = preprocessToTensor(item.crop, loaded.meta.preprocessing);
                    item.slot = results.size();
                    pending.push_back(std::move(item));
                } catch (const std::exception& e) {
                    p.error = e.what();
                }
                results.push_back(std::move(p));
            }
        }
        return pending;
    }

    void fill(Prediction& p, const float* probabilities)
    {
        p.probabilities.assign(probabilities, probabilities + numClasses);
        double sum = 0.0;
        for (double& v : p.probabilities)
            sum += (v = std::clamp(v, 0.0, 1.0));
        for (double& v : p.probabilities)
            v /= sum;
        p.grade = static_cast<int>(std::max_element(p.probabilities.begin(), p.probabilities.end()) - p.probabilities.begin());
        const auto classNames = names();
        p.gradeName = classNames[static_cast<size_t>(p.grade)];
        p.gradeDescription = numClasses == 5 ? gradeDescription(p.grade) : std::string();
        p.confidence = p.probabilities[static_cast<size_t>(p.grade)];
        p.normalisedEntropy = normalisedEntropy(p.probabilities);
        p.lowConfidence = p.normalisedEntropy > options.lowConfidenceEntropy;
    }

    void explain(std::vector<Pending>& batch, std::vector<Prediction>& results, const GradCamOptions& gradCam)
    {
        const size_t step = static_cast<size_t>(options.gradCamBatchSize);
        for (size_t begin = 0; begin < batch.size(); begin += step) {
            const size_t end = std::min(batch.size(), begin + step);
            std::vector<torch::Tensor> inputs;
            std::vector<int> targets;
            for (size_t i = begin; i < end; ++i) {
                inputs.push_back(batch[i].input);
                targets.push_back(gradCam.targetGrade >= 0 ? gradCam.targetGrade : results[batch[i].slot].grade);
            }
            const GradCamResult cam = computeGradCam(loaded.model.impl(), torch::cat(inputs), targets);
            for (size_t i = begin; i < end; ++i) {
                Prediction& p = results[batch[i].slot];
                p.explainedGrade = cam.targets[i - begin];
                p.image = toRgb(batch[i].crop);
                p.heatmap = heatMapFromTensor(cam.maps[static_cast<int64_t>(i - begin)], p.image.width, p.image.height);
                p.overlay = overlayHeatMap(p.image, p.heatmap, gradCam.alpha, gradCam.colormap);
            }
        }
    }
};

Predictor::Predictor(const PredictorOptions& options) : impl_(std::make_unique<Impl>(options)) {}
Predictor::~Predictor() = default;
Predictor::Predictor(Predictor&&) noexcept = default;
Predictor& Predictor::operator=(Predictor&&) noexcept = default;

const PredictorOptions& Predictor::options() const { return impl_->options; }
const CheckpointMeta& Predictor::meta() const { return impl_->loaded.meta; }
const std::string& Predictor::weightsSha256() const { return impl_->loaded.weightsSha256; }
std::string Predictor::deviceName() const { return impl_->device; }
int Predictor::numClasses() const { return impl_->numClasses; }
std::vector<std::string> Predictor::classNames() const { return impl_->names(); }

bool Predictor::hasOodGate() const { return impl_->gate.has_value(); }

nlohmann::json Predictor::oodGateSummary() const
{
    return impl_->gate ? nlohmann::json(impl_->gate->summary()) : nlohmann::json::object();
}

Prediction Predictor::predict(const std::string& path, const GradCamOptions& gradCam)
{
    return predictFiles({path}, gradCam).front();
}

std::vector<Prediction> Predictor::predictRegions(const std::string& path, const RegionRequest& regions,
                                                  const GradCamOptions& gradCam)
{
    return predictFiles({path}, gradCam, {}, regions);
}

std::vector<Prediction> Predictor::predictFiles(const std::vector<std::string>& paths, const GradCamOptions& gradCam,
                                                const PredictProgressCallback& progress, const RegionRequest& regions)
{
    if (gradCam.enabled && gradCam.targetGrade >= impl_->numClasses)
        throw Error("Grad-CAM: grade " + std::to_string(gradCam.targetGrade) + " does not exist (the model has " +
                    std::to_string(impl_->numClasses) + " classes)");
    std::vector<Prediction> results;
    const size_t step = static_cast<size_t>(impl_->options.batchSize);
    size_t begin = 0;
    for (; begin < paths.size(); begin += step) {
        const size_t end = std::min(paths.size(), begin + step);
        std::vector<DecodedFile> files = impl_->decode(paths, begin, end);
        std::vector<Pending> batch = impl_->prepare(paths, begin, files, regions, results);
        if (!batch.empty()) {
            try {
                std::vector<torch::Tensor> inputs;
                for (const auto& item : batch)
                    inputs.push_back(item.input);
                const ClassifiedBatch out =
                    classifyBatch(impl_->loaded.model.impl(), torch::cat(inputs), impl_->temperature(), impl_->options.tta);
                std::vector<double> ood;
                if (impl_->gate && impl_->gate->summary().dimension == static_cast<int>(out.features.size(1)))
                    ood = impl_->gate->scores(out.features.data_ptr<float>(), out.features.size(0));
                for (size_t i = 0; i < batch.size(); ++i) {
                    Prediction& p = results[batch[i].slot];
                    const DecodedFile& file = files[batch[i].file];
                    impl_->fill(p, out.probabilities[static_cast<int64_t>(i)].data_ptr<float>());
                    p.imageWidth = file.decoded.cols;
                    p.imageHeight = file.decoded.rows;
                    p.bodyPartWarning = file.bodyPartWarning;
                    p.fileWarnings = file.fileWarnings;
                    if (!ood.empty()) {
                        p.oodScore = ood[i];
                        p.outOfDistribution = ood[i] > 1.0;
                    }
                }
                if (gradCam.enabled)
                    impl_->explain(batch, results, gradCam);
            } catch (const std::exception& e) {
                // A failure of the model itself (e.g. out of memory) fails the batch, not the program.
                for (const auto& item : batch) {
                    Prediction failed;
                    failed.path = results[item.slot].path;
                    failed.region = results[item.slot].region;
                    failed.localisation = results[item.slot].localisation;
                    failed.error = std::string("prediction failed: ") + e.what();
                    results[item.slot] = std::move(failed);
                }
            }
        }
        if (progress && !progress(static_cast<std::int64_t>(end), static_cast<std::int64_t>(paths.size()))) {
            begin = end;
            break;
        }
    }
    for (size_t i = begin; i < paths.size(); ++i) {
        Prediction cancelled;
        cancelled.path = paths[i];
        cancelled.error = "cancelled before this file was graded";
        results.push_back(std::move(cancelled));
    }
    return results;
}

std::vector<Prediction> Predictor::predictFolder(const std::string& folder, bool recursive, const GradCamOptions& gradCam,
                                                 const PredictProgressCallback& progress, const RegionRequest& regions)
{
    return predictFiles(listImageFiles(folder, recursive), gradCam, progress, regions);
}

std::vector<std::string> listImageFiles(const std::string& folder, bool recursive)
{
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw Error(folder, fs::exists(folder, ec) ? "not a folder" : "no such folder");
    std::vector<std::string> files;
    auto consider = [&](const fs::directory_entry& entry) {
        std::error_code error;
        if (entry.is_regular_file(error) && isImageFile(entry.path()))
            files.push_back(entry.path().string());
    };
    if (recursive) {
        for (auto it = fs::recursive_directory_iterator(folder, fs::directory_options::skip_permission_denied, ec);
             !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (it->is_directory() && it->path().filename().string().rfind('.', 0) == 0) {
                it.disable_recursion_pending();
                continue;
            }
            consider(*it);
        }
    } else {
        for (const auto& entry : fs::directory_iterator(folder, fs::directory_options::skip_permission_denied, ec))
            consider(entry);
    }
    if (ec)
        throw Error(folder, "cannot list the folder: " + ec.message());
    std::sort(files.begin(), files.end());
    return files;
}

double normalisedEntropy(const std::vector<double>& probabilities)
{
    if (probabilities.size() < 2)
        return 0.0;
    double entropy = 0.0;
    for (double p : probabilities)
        if (p > 0.0)
            entropy -= p * std::log(p);
    return std::clamp(entropy / std::log(static_cast<double>(probabilities.size())), 0.0, 1.0);
}

void to_json(nlohmann::json& json, const PredictorOptions& options)
{
    json = nlohmann::json{{"checkpoint", options.checkpoint},
                          {"device", toString(options.runtime.device)},
                          {"tta", options.tta},
                          {"apply_temperature", options.applyTemperature},
                          {"low_confidence_entropy", options.lowConfidenceEntropy},
                          {"batch_size", options.batchSize},
                          {"gradcam_batch_size", options.gradCamBatchSize},
                          {"decode_threads", options.decodeThreads},
                          {"localiser", options.localiser}};
}

void from_json(const nlohmann::json& json, PredictorOptions& options)
{
    const PredictorOptions defaults;
    options.checkpoint = json.value("checkpoint", defaults.checkpoint);
    options.runtime.device = parseDevicePreference(json.value("device", toString(defaults.runtime.device)));
    options.tta = json.value("tta", defaults.tta);
    options.applyTemperature = json.value("apply_temperature", defaults.applyTemperature);
    options.lowConfidenceEntropy = json.value("low_confidence_entropy", defaults.lowConfidenceEntropy);
    options.batchSize = json.value("batch_size", defaults.batchSize);
    options.gradCamBatchSize = json.value("gradcam_batch_size", defaults.gradCamBatchSize);
    options.decodeThreads = json.value("decode_threads", defaults.decodeThreads);
    if (json.contains("localiser"))
        options.localiser = json.at("localiser").get<LocaliserOptions>();
}

void to_json(nlohmann::json& json, const Prediction& prediction)
{
    json = nlohmann::json{{"path", prediction.path}};
    if (!prediction.region.empty())
        json["roi"] = prediction.region;
    if (!prediction.localisation.empty())
        json["localisation"] = prediction.localisation;
    if (!prediction.ok()) {
        json["error"] = prediction.error;
        return;
    }
    json["grade"] = prediction.grade;
    json["grade_name"] = prediction.gradeName;
    json["grade_description"] = prediction.gradeDescription;
    json["probabilities"] = prediction.probabilities;
    json["confidence"] = prediction.confidence;
    json["normalised_entropy"] = prediction.normalisedEntropy;
    json["low_confidence"] = prediction.lowConfidence;
    // null without a gate: the checkpoint cannot tell (kneegrade-cli calibrate adds one).
    json["ood_score"] = prediction.hasOodScore() ? nlohmann::json(prediction.oodScore) : nlohmann::json(nullptr);
    json["out_of_distribution"] =
        prediction.hasOodScore() ? nlohmann::json(prediction.outOfDistribution) : nlohmann::json(nullptr);
    json["width"] = prediction.imageWidth;
    json["height"] = prediction.imageHeight;
    if (!prediction.bodyPartWarning.empty())
        json["body_part_warning"] = prediction.bodyPartWarning;
    if (!prediction.fileWarnings.empty())
        json["file_warnings"] = prediction.fileWarnings;
    if (prediction.explainedGrade >= 0)
        json["gradcam_grade"] = prediction.explainedGrade;
}

} // namespace kg
