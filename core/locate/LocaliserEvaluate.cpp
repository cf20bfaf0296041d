// evaluateLocaliser: the localiser on a held-out set — generated radiographs with truth
// boxes, images without a knee and single-knee crops, none of which a training run draws.
#include "core/locate/KneeLocaliser.h"

#include "core/locate/detail/LocaliserPool.h"
#include "core/util/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <tuple>

namespace kg {

namespace {

using locate::LabelledImage;
constexpr std::uint64_t kNegativeStream = 0x65766e6567ull;
constexpr std::uint64_t kCropStream = 0x657663726f70ull;

double percentile(std::vector<double> values, double q)
{
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const double position = q * (values.size() - 1);
    const auto low = static_cast<std::size_t>(std::floor(position));
    const auto high = std::min(values.size() - 1, low + 1);
    return values[low] + (values[high] - values[low]) * (position - low);
}

Localisation locateImage(KneeLocaliser& localiser, const cv::Mat& gray)
{
    const GrayView view{gray.data, gray.cols, gray.rows, static_cast<int>(gray.step)};
    return localiser.locate(view);
}

} // namespace

void to_json(nlohmann::json& json, const LocaliserAccuracy& a)
{
    json = nlohmann::json{{"images", a.images},
                          {"joints", a.joints},
                          {"detected_iou50", a.detected},
                          {"iou50_rate", a.iou50Rate()},
                          {"false_positives", a.falsePositives},
                          {"median_centre_error_mm", a.medianCentreErrorMm},
                          {"p90_centre_error_mm", a.p90CentreErrorMm},
                          {"negatives", a.negatives},
                          {"negatives_no_knee", a.negativesClean},
                          {"no_knee_rate", a.noKneeRate()},
                          {"crops", a.crops},
                          {"crops_whole_image", a.cropsWholeImage},
                          {"whole_image_rate", a.wholeImageRate()},
                          {"seconds_per_image", a.secondsPerImage}};
    auto& views = json["views"] = nlohmann::json::array();
    for (const auto& v : a.views)
        views.push_back({{"view", v.view}, {"images", v.images}, {"joints", v.joints},
                         {"detected_iou50", v.detected}, {"false_positives", v.falsePositives}});
}

void to_json(nlohmann::json& json, const LocaliserEvaluateOptions& o)
{
    json = nlohmann::json{{"localiser", o.localiser}, {"images", o.images}, {"negatives", o.negatives},
                          {"crops", o.crops},         {"seed", o.seed},     {"scale", o.scale}};
}

void from_json(const nlohmann::json& json, LocaliserEvaluateOptions& o)
{
    const LocaliserEvaluateOptions d;
    o.localiser = json.value("localiser", d.localiser);
    o.images = json.value("images", d.images);
    o.negatives = json.value("negatives", d.negatives);
    o.crops = json.value("crops", d.crops);
    o.seed = json.value("seed", d.seed);
    o.scale = json.value("scale", d.scale);
}

LocaliserAccuracy evaluateLocaliser(const LocaliserEvaluateOptions& o)
{
    if (o.images < 0 || o.negatives < 0 || o.crops < 0 || o.images + o.negatives + o.crops < 1)
        throw Error("the localiser measurement needs at least one image");
    KneeLocaliser localiser(o.localiser);

    // Render first (on every core), then time the localiser alone.
    const int sources = std::max({o.images, (o.negatives + 1) / 2, (o.crops + 1) / 2});
    std::vector<LabelledImage> radiographs(static_cast<std::size_t>(sources));
    std::vector<FullRadiograph> truths(static_cast<std::size_t>(sources));
    locate::parallelFor(sources, 0, [&](int i) {
        radiographs[static_cast<std::size_t>(i)] =
            locate::renderLabelledRadiograph(locate::Stream::HeldOut, o.seed, i, o.scale, &truths[static_cast<std::size_t>(i)]);
    });

    LocaliserAccuracy accuracy;
    std::vector<double> errors;
    std::map<std::string, LocaliserViewAccuracy> views;
    double seconds = 0;
    for (int i = 0; i < o.images; ++i) {
        const auto& truth = truths[static_cast<std::size_t>(i)];
        const auto& image = radiographs[static_cast<std::size_t>(i)];
        const auto start = std::chrono::steady_clock::now();
        const Localisation found = locateImage(localiser, image.gray);
        seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        auto& view = views[toString(truth.view)];
        view.view = toString(truth.view);
        ++view.images;
        ++accuracy.images;
        accuracy.joints += static_cast<int>(truth.knees.size());
        view.joints += static_cast<int>(truth.knees.size());
        // Greedy one-to-one matching by IoU.
        std::vector<std::tuple<double, std::size_t, std::size_t>> pairs;
        for (std::size_t t = 0; t < truth.knees.size(); ++t)
            for (std::size_t d = 0; d < found.knees.size(); ++d)
                pairs.emplace_back(intersectionOverUnion(truth.knees[t], found.knees[d]), t, d);
        std::sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) { return std::get<0>(a) > std::get<0>(b); });
        std::vector<bool> truthUsed(truth.knees.size()), foundUsed(found.knees.size());
        for (const auto& [iou, t, d] : pairs)
            if (iou >= 0.5 && !truthUsed[t] && !foundUsed[d]) {
                truthUsed[t] = foundUsed[d] = true;
                ++accuracy.detected;
                ++view.detected;
            }
        const int unmatched = static_cast<int>(std::count(foundUsed.begin(), foundUsed.end(), false));
        accuracy.falsePositives += unmatched;
        view.falsePositives += unmatched;
        for (const auto& knee : truth.knees) {
            double best = -1;
            for (const auto& box : found.knees) {
                const double d = std::hypot(box.centreX() - knee.centreX(), box.centreY() - knee.centreY());
                best = best < 0 ? d : std::min(best, d);
            }
            if (best >= 0)
                errors.push_back(best * truth.pixelSpacingMm);
        }
    }
    accuracy.medianCentreErrorMm = percentile(errors, 0.5);
    accuracy.p90CentreErrorMm = percentile(errors, 0.9);
    accuracy.secondsPerImage = accuracy.images > 0 ? seconds / accuracy.images : 0.0;
    for (auto& [name, view] : views)
        accuracy.views.push_back(view);

    // Negatives: crops away from the knees of held-out radiographs (hips, ankles, shafts) and
    // drawn images; crops: held-out knees cut out by their truth box, and phantoms.
    for (int i = 0; i < o.negatives; ++i) {
        DeterministicRandom r(combineSeeds({kNegativeStream, o.seed, static_cast<std::uint64_t>(i)}));
        LabelledImage negative;
        if (i % 2 == 0) {
            const auto& source = radiographs[static_cast<std::size_t>(i / 2) % radiographs.size()];
            negative = locate::negativeCrop(source.gray, source.boxes, r);
        }
        if (negative.gray.empty())
            negative = locate::drawnNegative(r, 160 + static_cast<int>(r.below(481)), 160 + static_cast<int>(r.below(481)));
        ++accuracy.negatives;
        if (!locateImage(localiser, negative.gray).found())
            ++accuracy.negativesClean;
    }
    for (int i = 0; i < o.crops; ++i) {
        DeterministicRandom r(combineSeeds({kCropStream, o.seed, static_cast<std::uint64_t>(i)}));
        LabelledImage crop;
        const auto& source = radiographs[static_cast<std::size_t>(i / 2) % radiographs.size()];
        if (i % 2 == 0 && !source.boxes.empty())
            crop = locate::boxCrop(source.gray, source.boxes[r.below(source.boxes.size())]);
        else
            crop = locate::phantomImage(r.nextU64(), i % 4 == 1 ? 224 : 128 + static_cast<int>(r.below(193)));
        ++accuracy.crops;
        if (locateImage(localiser, crop.gray).wholeImage)
            ++accuracy.cropsWholeImage;
    }
    return accuracy;
}

} // namespace kg
