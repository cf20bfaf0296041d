// trainLocaliser: builds the pool of labelled images once, then trains the network on fresh
// augmentations of it every epoch, and writes the .kgloc file.
#include "core/locate/KneeLocaliser.h"
#include "core/locate/LocaliserAnnotations.h"

#include "core/imaging/Radiograph.h"
#include "core/locate/detail/LocaliserBatch.h"
#include "core/locate/detail/LocaliserFile.h"
#include "core/locate/detail/LocaliserPool.h"
#include "core/runtime/Runtime.h"
#include "core/util/Error.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace kg {

namespace {

using locate::LabelledImage;
using locate::PoolSample;

constexpr std::uint64_t kPhantomStream = 0x7068616e746f6dull;
constexpr std::uint64_t kNegativeStream = 0x6e65676174697665ull;
constexpr std::uint64_t kCropStream = 0x63726f7073ull;
constexpr std::uint64_t kShuffleStream = 0x73687566666c65ull;
constexpr std::uint64_t kAugmentStream = 0x6175676d656e74ull;
constexpr std::uint64_t kAnnotationStream = 0x616e6e6f74ull;

/// What one radiograph contributes: itself, sometimes its knee cut out (a whole-image
/// knee), a larger crop around a knee, and crops away from the knees (no knee).
std::vector<LabelledImage> derivedImages(LabelledImage radiograph, bool fullLeg, bool bilateral, DeterministicRandom& r)
{
    std::vector<LabelledImage> images;
    const auto knees = radiograph.boxes;
    if (!knees.empty() && r.chance(0.3))
        images.push_back(locate::boxCrop(radiograph.gray, knees[r.below(knees.size())]));
    if (!knees.empty() && r.chance(0.35)) {
        auto context = locate::contextCrop(radiograph.gray, knees, r.below(knees.size()), r);
        if (!context.gray.empty())
            images.push_back(std::move(context));
    }
    const int negatives = fullLeg ? 2 : (r.chance(bilateral ? 0.6 : 0.3) ? 1 : 0);
    for (int k = 0; k < negatives; ++k) {
        auto negative = locate::negativeCrop(radiograph.gray, knees, r);
        if (!negative.gray.empty())
            images.push_back(std::move(negative));
    }
    images.insert(images.begin(), std::move(radiograph));
    return images;
}

struct Pool {
    std::vector<PoolSample> samples;
    std::vector<std::size_t> epoch;        ///< sample indices of one epoch (annotated images repeated)
    nlohmann::json counts = nlohmann::json::object();
};

Pool buildPool(const LocaliserTrainOptions& o, int inputSize, const std::function<bool(int, int)>& tick)
{
    const int radiographs = o.trainImages, phantoms = o.trainImages / 5, drawn = o.trainImages * 2 / 5;
    const int total = radiographs + phantoms + drawn;
    std::vector<std::vector<LabelledImage>> images(static_cast<std::size_t>(total));
    locate::parallelFor(total, o.threads, [&](int i) {
        auto& out = images[static_cast<std::size_t>(i)];
        if (i < radiographs) {
            const RadiographView view = fullRadiographView(i);
            DeterministicRandom r(combineSeeds({kCropStream, o.seed, static_cast<std::uint64_t>(i)}));
            out = derivedImages(locate::renderLabelledRadiograph(locate::Stream::Training, o.seed, i, o.scale),
                                view == RadiographView::FullLeg, view == RadiographView::BilateralAP, r);
        } else if (i < radiographs + phantoms) {
            DeterministicRandom r(combineSeeds({kPhantomStream, o.seed, static_cast<std::uint64_t>(i)}));
            out.push_back(locate::phantomImage(r.nextU64(), 96 + static_cast<int>(r.below(225))));
        } else {
            DeterministicRandom r(combineSeeds({kNegativeStream, o.seed, static_cast<std::uint64_t>(i)}));
            const int width = 160 + static_cast<int>(r.below(481)), height = 160 + static_cast<int>(r.below(481));
            out.push_back(locate::drawnNegative(r, width, height));
        }
    });
    Pool pool;
    for (auto& group : images)
        for (auto& image : group) {
            pool.counts[image.kind] = pool.counts.value(image.kind, 0) + 1;
            pool.epoch.push_back(pool.samples.size());
            pool.samples.push_back(locate::toPoolSample(image, inputSize));
        }
    if (tick && !tick(total, total))
        throw Error("localiser training cancelled");

    if (!o.annotations.empty()) {
        const auto annotated = readLocaliserAnnotations(o.annotations);
        int index = 0;
        for (const auto& entry : annotated) {
            const Radiograph radiograph = loadRadiograph(entry.file);
            cv::Mat gray;
            if (radiograph.channels == 1)
                gray = cv::Mat(radiograph.height, radiograph.width, CV_8UC1, const_cast<std::uint8_t*>(radiograph.pixels.data()),
                               static_cast<std::size_t>(radiograph.stride)).clone();
            else
                cv::cvtColor(cv::Mat(radiograph.height, radiograph.width, CV_8UC3,
                                     const_cast<std::uint8_t*>(radiograph.pixels.data()), static_cast<std::size_t>(radiograph.stride)),
                             gray, cv::COLOR_RGB2GRAY);
            LabelledImage image{gray, {}, "annotated"};
            for (const auto& knee : entry.knees)
                image.boxes.push_back(locate::toBox(knee));
            DeterministicRandom r(combineSeeds({kAnnotationStream, o.seed, static_cast<std::uint64_t>(index++)}));
            for (auto& derived : derivedImages(std::move(image), false, entry.knees.size() > 1, r)) {
                const std::string kind = derived.kind == "radiograph" ? "annotated" : "annotated " + derived.kind;
                pool.counts[kind] = pool.counts.value(kind, 0) + 1;
                for (int repeat = 0; repeat < o.annotationRepeats; ++repeat)
                    pool.epoch.push_back(pool.samples.size());
                pool.samples.push_back(locate::toPoolSample(derived, inputSize));
            }
        }
    }
    return pool;
}

void validate(const LocaliserTrainOptions& o)
{
    if (o.output.empty())
        throw Error("train-localiser needs an output file (.kgloc)");
    if (o.trainImages < 1 || o.trainImages > 100000)
        throw Error("the localiser trains on 1 to 100000 generated radiographs, not " + std::to_string(o.trainImages));
    if (o.epochs < 1 || o.epochs > 1000)
        throw Error("localiser epochs must be within 1..1000");
    if (o.batchSize < 1 || o.batchSize > 512)
        throw Error("localiser batch size must be within 1..512");
    if (!(o.learningRate > 0 && o.learningRate < 1))
        throw Error("the localiser's learning rate must lie in (0, 1)");
    if (!(o.scale > 0 && o.scale <= 4))
        throw Error("the generator's scale must lie in (0, 4]");
    if (o.annotationRepeats < 1 || o.annotationRepeats > 1000)
        throw Error("annotation repeats must be within 1..1000");
}

} // namespace

void to_json(nlohmann::json& json, const LocaliserTrainOptions& o)
{
    json = nlohmann::json{{"output", o.output},         {"train_images", o.trainImages},
                          {"epochs", o.epochs},         {"batch_size", o.batchSize},
                          {"learning_rate", o.learningRate}, {"seed", o.seed},
                          {"scale", o.scale},           {"threads", o.threads},
                          {"annotations", o.annotations}, {"annotation_repeats", o.annotationRepeats},
                          {"initial_weights", o.initialWeights}};
}

void from_json(const nlohmann::json& json, LocaliserTrainOptions& o)
{
    const LocaliserTrainOptions d;
    o.output = json.value("output", d.output);
    o.trainImages = json.value("train_images", d.trainImages);
    o.epochs = json.value("epochs", d.epochs);
    o.batchSize = json.value("batch_size", d.batchSize);
    o.learningRate = json.value("learning_rate", d.learningRate);
    o.seed = json.value("seed", d.seed);
    o.scale = json.value("scale", d.scale);
    o.threads = json.value("threads", d.threads);
    o.annotations = json.value("annotations", d.annotations);
    o.annotationRepeats = json.value("annotation_repeats", d.annotationRepeats);
    o.initialWeights = json.value("initial_weights", d.initialWeights);
}

double trainLocaliser(const LocaliserTrainOptions& o, const std::function<bool(const LocaliserTrainProgress&)>& progress)
{
    validate(o);
    configureRuntime(RuntimeOptions{o.threads, DevicePreference::Cpu});
    torch::manual_seed(o.seed);
    locate::LocaliserNetConfig config;
    locate::LocaliserNet net(config);
    if (!o.initialWeights.empty()) {
        auto initial = locate::loadLocaliserFile(o.initialWeights);
        if (nlohmann::json(initial.net->config) != nlohmann::json(config))
            throw Error(o.initialWeights, "these localiser weights have another network shape than training builds");
        torch::NoGradGuard noGrad;
        auto from = initial.net->stateTensors();
        auto to = net->stateTensors();
        for (std::size_t i = 0; i < to.size(); ++i)
            to[i].second.copy_(from[i].second);
    }

    LocaliserTrainProgress report;
    report.epochs = o.epochs;
    report.stage = "rendering";
    const Pool pool = buildPool(o, config.inputSize, [&](int done, int total) {
        report.step = done;
        report.steps = total;
        return !progress || progress(report);
    });

    const std::size_t count = pool.epoch.size();
    const int steps = static_cast<int>((count + static_cast<std::size_t>(o.batchSize) - 1) / static_cast<std::size_t>(o.batchSize));
    const int totalSteps = steps * o.epochs, warmup = std::min(100, totalSteps / 10);
    torch::optim::AdamW optimizer(net->parameters(), torch::optim::AdamWOptions(o.learningRate).weight_decay(1e-4));
    net->train();
    report.stage = "training";
    report.steps = steps;
    double epochLoss = 0;
    int globalStep = 0;
    for (int epoch = 0; epoch < o.epochs; ++epoch) {
        std::vector<std::size_t> order = pool.epoch;
        DeterministicRandom shuffle(combineSeeds({kShuffleStream, o.seed, static_cast<std::uint64_t>(epoch)}));
        for (std::size_t i = order.size(); i > 1; --i)
            std::swap(order[i - 1], order[shuffle.below(i)]);
        double lossSum = 0;
        for (int step = 0; step < steps; ++step, ++globalStep) {
            const double progressShare = double(globalStep - warmup) / std::max(1, totalSteps - warmup);
            const double lr = globalStep < warmup ? o.learningRate * (globalStep + 1) / warmup
                                                  : o.learningRate * (0.02 + 0.98 * 0.5 * (1 + std::cos(3.141592653589793 * progressShare)));
            for (auto& group : optimizer.param_groups())
                static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
            const std::size_t begin = static_cast<std::size_t>(step) * static_cast<std::size_t>(o.batchSize);
            const std::vector<std::size_t> indices(order.begin() + static_cast<std::ptrdiff_t>(begin),
                                                   order.begin() + static_cast<std::ptrdiff_t>(std::min(count, begin + static_cast<std::size_t>(o.batchSize))));
            const auto batch = locate::makeBatch(pool.samples, indices,
                                                 combineSeeds({kAugmentStream, o.seed, static_cast<std::uint64_t>(epoch),
                                                               static_cast<std::uint64_t>(step)}),
                                                 config);
            optimizer.zero_grad();
            const auto loss = locate::localiserLoss(net->forward(batch.input), batch);
            loss.total.backward();
            torch::nn::utils::clip_grad_norm_(net->parameters(), 10.0);
            optimizer.step();
            const double value = loss.total.item<double>();
            if (!std::isfinite(value))
                throw Error("localiser training diverged (the loss is not finite at epoch " + std::to_string(epoch + 1) +
                            "); try a lower learning rate");
            lossSum += value;
            report.epoch = epoch + 1;
            report.step = step + 1;
            report.loss = lossSum / (step + 1);
            if (progress && !progress(report))
                throw Error("localiser training cancelled");
        }
        epochLoss = lossSum / steps;
    }
    net->eval();

    nlohmann::json meta;
    meta["options"] = o;
    meta["options"].erase("output");
    meta["options"].erase("threads");
    meta["pool"] = pool.counts;
    meta["parameters"] = net->parameterCount();
    meta["final_loss"] = epochLoss;
    meta["data"] = o.annotations.empty() ? "generated radiographs, phantoms and drawn negatives only"
                                         : "generated images plus annotated images from " + o.annotations;
    locate::saveLocaliserFile(o.output, *net, meta);
    return epochLoss;
}

} // namespace kg
