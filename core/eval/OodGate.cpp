#include "core/eval/OodGate.h"

#include "core/util/Error.h"
#include "core/util/Time.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace kg {
namespace {

constexpr char kMagic[8] = {'K', 'G', 'O', 'O', 'D', '1', '\n', '\0'};

torch::Tensor asTensor(const float* data, std::int64_t rows, int dimension)
{
    return torch::from_blob(const_cast<float*>(data), {rows, dimension}, torch::kFloat).to(torch::kDouble);
}

/// n × classes squared Mahalanobis distances of `x` (n × D, double) to every mean.
torch::Tensor squaredDistances(const torch::Tensor& x, const torch::Tensor& means, const torch::Tensor& precision)
{
    std::vector<torch::Tensor> columns;
    for (std::int64_t k = 0; k < means.size(0); ++k) {
        const torch::Tensor diff = x - means[k];
        columns.push_back((diff.matmul(precision) * diff).sum(1));
    }
    return torch::stack(columns, 1);
}

template <typename T>
void append(std::string& out, const T* values, size_t count)
{
    out.append(reinterpret_cast<const char*>(values), count * sizeof(T));
}

} // namespace

double percentileOf(std::vector<double> values, double percentile)
{
    if (values.empty())
        throw Error("a percentile of no values");
    std::sort(values.begin(), values.end());
    const double position = std::clamp(percentile, 0.0, 100.0) / 100.0 * static_cast<double>(values.size() - 1);
    const size_t below = static_cast<size_t>(std::floor(position));
    const size_t above = std::min(values.size() - 1, below + 1);
    const double weight = position - static_cast<double>(below);
    return values[below] * (1.0 - weight) + values[above] * weight;
}

OodGate OodGate::fit(const std::vector<float>& features, const std::vector<int>& labels, const std::vector<int>& layers,
                     int classes, const std::vector<float>& thresholdFeatures, const OodGateOptions& options)
{
    int dimension = 0;
    for (int size : layers) {
        if (size < 1)
            throw Error("out-of-distribution gate: a layer without features");
        dimension += size;
    }
    if (dimension < 1 || classes < 1)
        throw Error("out-of-distribution gate: no features to fit");
    const std::int64_t n = static_cast<std::int64_t>(labels.size());
    if (n < 2 || features.size() != static_cast<size_t>(n) * static_cast<size_t>(dimension))
        throw Error("out-of-distribution gate: needs at least two training images with features");
    if (thresholdFeatures.size() % static_cast<size_t>(dimension) != 0)
        throw Error("out-of-distribution gate: threshold features do not have the training features' size");
    if (!(options.percentile > 0.0 && options.percentile <= 100.0))
        throw Error("out-of-distribution gate: the percentile must be in (0, 100]");
    torch::NoGradGuard noGrad;

    const torch::Tensor all = asTensor(features.data(), n, dimension);
    const torch::Tensor y = torch::from_blob(const_cast<int*>(labels.data()), {n}, torch::kInt).to(torch::kLong);
    if (y.min().item<std::int64_t>() < 0 || y.max().item<std::int64_t>() >= classes)
        throw Error("out-of-distribution gate: a label outside 0.." + std::to_string(classes - 1));

    // Class means; a class without training images has no mean to be near.
    torch::Tensor means = torch::zeros({classes, dimension}, torch::kDouble);
    std::vector<bool> present(static_cast<size_t>(classes), false);
    for (std::int64_t k = 0; k < classes; ++k) {
        const torch::Tensor mask = y == k;
        if (mask.sum().item<std::int64_t>() > 0) {
            means[k] = all.index({mask}).mean(0);
            present[static_cast<size_t>(k)] = true;
        }
    }
    const torch::Tensor centred = all - means.index_select(0, y);

    OodGate gate;
    gate.summary_.dimension = dimension;
    gate.summary_.layers = layers;
    gate.summary_.classes = classes;
    gate.summary_.fitImages = n;
    gate.summary_.percentile = options.percentile;
    gate.summary_.fittedUtc = utcTimestamp();
    std::int64_t offset = 0;
    for (int size : layers) {
        // Ledoit–Wolf shrinkage of the layer's shared covariance towards μ·I.
        const torch::Tensor x = centred.narrow(1, offset, size);
        offset += size;
        const torch::Tensor sample = x.t().matmul(x) / static_cast<double>(n);
        const double mu = sample.diagonal().mean().item<double>();
        if (!std::isfinite(mu))
            throw Error("out-of-distribution gate: the training features are not finite");
        if (!(mu > 0.0)) {
            // A layer that does not vary over the training images (dead units of an untrained
            // network) tells nothing apart: it is left out.
            gate.precision_.emplace_back();
            gate.summary_.shrinkage.push_back(0.0);
            continue;
        }
        const torch::Tensor eye = torch::eye(size, torch::kDouble);
        const double d2 = (sample - mu * eye).pow(2).sum().item<double>();
        const double fourth = x.pow(2).sum(1).pow(2).sum().item<double>();
        const double betaBar = (fourth - static_cast<double>(n) * sample.pow(2).sum().item<double>()) /
                               (static_cast<double>(n) * static_cast<double>(n));
        const double shrinkage = d2 > 0.0 ? std::clamp(std::min(betaBar, d2) / d2, 0.0, 1.0) : 1.0;
        const torch::Tensor covariance = shrinkage * mu * eye + (1.0 - shrinkage) * sample + 1e-6 * mu * eye;
        const torch::Tensor precision = torch::linalg_inv(covariance);
        const torch::Tensor symmetric = ((precision + precision.t()) / 2).contiguous();
        gate.precision_.emplace_back(symmetric.data_ptr<double>(), symmetric.data_ptr<double>() + symmetric.numel());
        gate.summary_.shrinkage.push_back(shrinkage);
    }
    gate.means_.assign(means.data_ptr<double>(), means.data_ptr<double>() + means.numel());
    for (int k = 0; k < classes; ++k)
        if (!present[static_cast<size_t>(k)])
            std::fill_n(gate.means_.begin() + static_cast<std::ptrdiff_t>(k) * dimension, dimension, 1e30);

    // Layer scales and the threshold come from images the fit never saw; without any, from
    // the training split.
    const bool heldOut = !thresholdFeatures.empty();
    const std::vector<float>& reference = heldOut ? thresholdFeatures : features;
    const std::int64_t m = static_cast<std::int64_t>(reference.size()) / dimension;
    bool anyLayer = false;
    for (size_t l = 0; l < layers.size(); ++l) {
        if (gate.precision_[l].empty()) {
            gate.summary_.layerScales.push_back(0.0);  // left out
            continue;
        }
        const double median = percentileOf(gate.layerDistances(reference.data(), m, l), 50.0);
        gate.summary_.layerScales.push_back(median > 0.0 ? median : 1.0);
        anyLayer = true;
    }
    if (!anyLayer)
        throw Error("out-of-distribution gate: the training features do not vary within any grade (" +
                    std::to_string(n) + " training images; a gate needs several per grade)");
    gate.summary_.threshold = 1.0;  // distances() divides by it
    const std::vector<double> raw = gate.distances(reference.data(), m);
    gate.summary_.thresholdSplit = heldOut ? "val" : "train";
    gate.summary_.thresholdImages = m;
    gate.summary_.threshold = percentileOf(raw, options.percentile);
    if (!(gate.summary_.threshold > 0.0))
        gate.summary_.threshold = std::numeric_limits<double>::min();
    gate.summary_.thresholdFlaggedRate =
        static_cast<double>(std::count_if(raw.begin(), raw.end(), [&](double v) { return v > gate.summary_.threshold; })) /
        static_cast<double>(m);
    return gate;
}

std::vector<double> OodGate::layerDistances(const float* features, std::int64_t rows, size_t layer) const
{
    const int d = summary_.dimension;
    const int size = summary_.layers[layer];
    std::int64_t offset = 0;
    for (size_t l = 0; l < layer; ++l)
        offset += summary_.layers[l];
    torch::NoGradGuard noGrad;
    const torch::Tensor means =
        torch::from_blob(const_cast<double*>(means_.data()), {summary_.classes, d}, torch::kDouble).narrow(1, offset, size);
    const torch::Tensor precision =
        torch::from_blob(const_cast<double*>(precision_[layer].data()), {size, size}, torch::kDouble);
    torch::Tensor all = squaredDistances(asTensor(features, rows, d).narrow(1, offset, size), means, precision);
    // A class without training images has no mean to be near.
    all = torch::where(means.select(1, 0).ge(1e29).unsqueeze(0), torch::full_like(all, 1e300), all);
    const torch::Tensor nearest = std::get<0>(all.min(1)).contiguous();
    return std::vector<double>(nearest.data_ptr<double>(), nearest.data_ptr<double>() + rows);
}

std::vector<double> OodGate::distances(const float* features, std::int64_t rows) const
{
    if (empty())
        throw Error("out-of-distribution gate: not fitted");
    std::vector<double> combined(static_cast<size_t>(std::max<std::int64_t>(rows, 0)), 0.0);
    for (size_t l = 0; l < summary_.layers.size(); ++l) {
        if (precision_[l].empty())
            continue;  // a layer left out at the fit
        const std::vector<double> layer = layerDistances(features, rows, l);
        const double scale = summary_.layerScales[l];
        for (size_t i = 0; i < combined.size(); ++i)
            combined[i] = std::max(combined[i], layer[i] / scale);
    }
    return combined;
}

double OodGate::distance(const float* features) const { return distances(features, 1).front(); }

std::vector<double> OodGate::scores(const float* features, std::int64_t rows) const
{
    std::vector<double> result = distances(features, rows);
    for (double& v : result)
        v /= summary_.threshold;
    return result;
}

std::string OodGate::serialize() const
{
    const std::string header = nlohmann::json(summary_).dump();
    std::string out(kMagic, sizeof kMagic);
    const std::uint64_t headerBytes = header.size();
    append(out, &headerBytes, 1);
    out += header;
    append(out, means_.data(), means_.size());
    for (const auto& layer : precision_) {  // layers left out have none
        const std::vector<float> precision(layer.begin(), layer.end());
        append(out, precision.data(), precision.size());
    }
    return out;
}

OodGate OodGate::deserialize(const std::string& bytes)
{
    const std::string what = "the checkpoint's out-of-distribution statistics are damaged";
    if (bytes.size() < sizeof kMagic + 8 || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
        throw Error(what + " (not a KneeGrade OOD gate)");
    std::uint64_t headerBytes = 0;
    std::memcpy(&headerBytes, bytes.data() + sizeof kMagic, 8);
    const size_t offset = sizeof kMagic + 8;
    if (headerBytes > bytes.size() - offset)
        throw Error(what + " (truncated header)");
    OodGate gate;
    try {
        gate.summary_ = nlohmann::json::parse(bytes.substr(offset, headerBytes)).get<OodGateSummary>();
    } catch (const nlohmann::json::exception& e) {
        throw Error(what + " (" + e.what() + ")");
    }
    const OodGateSummary& s = gate.summary_;
    const std::int64_t d = s.dimension, k = s.classes;
    if (s.layerScales.size() != s.layers.size())
        throw Error(what + " (layer scales do not match the layers)");
    std::int64_t layerSum = 0, precisionValues = 0;
    for (size_t l = 0; l < s.layers.size(); ++l) {
        const int size = s.layers[l];
        if (size < 1 || size > 16384)
            throw Error(what + " (implausible layer size)");
        if (!(s.layerScales[l] >= 0.0) || !std::isfinite(s.layerScales[l]))
            throw Error(what + " (a layer scale is negative)");
        layerSum += size;
        if (s.layerScales[l] > 0.0)
            precisionValues += static_cast<std::int64_t>(size) * size;
    }
    if (d < 1 || d > 65536 || k < 1 || k > 1000 || layerSum != d || precisionValues == 0 || !(s.threshold > 0.0))
        throw Error(what + " (implausible sizes)");
    const size_t meanBytes = static_cast<size_t>(k * d) * sizeof(double);
    const size_t precisionBytes = static_cast<size_t>(precisionValues) * sizeof(float);
    if (bytes.size() - offset - headerBytes != meanBytes + precisionBytes)
        throw Error(what + " (wrong size)");
    const char* data = bytes.data() + offset + headerBytes;
    gate.means_.resize(static_cast<size_t>(k * d));
    std::memcpy(gate.means_.data(), data, meanBytes);
    data += meanBytes;
    for (size_t l = 0; l < s.layers.size(); ++l) {
        const int size = s.layers[l];
        if (s.layerScales[l] == 0.0) {
            gate.precision_.emplace_back();  // left out at the fit
            continue;
        }
        std::vector<float> precision(static_cast<size_t>(size) * size);
        std::memcpy(precision.data(), data, precision.size() * sizeof(float));
        data += precision.size() * sizeof(float);
        gate.precision_.emplace_back(precision.begin(), precision.end());
        for (double v : gate.precision_.back())
            if (!std::isfinite(v))
                throw Error(what + " (a precision matrix is not finite)");
    }
    for (double v : gate.means_)
        if (!std::isfinite(v))
            throw Error(what + " (a class mean is not finite)");
    return gate;
}

void to_json(nlohmann::json& json, const OodGateOptions& options) { json = {{"percentile", options.percentile}}; }

void from_json(const nlohmann::json& json, OodGateOptions& options)
{
    options.percentile = json.value("percentile", OodGateOptions{}.percentile);
}

void to_json(nlohmann::json& json, const OodGateSummary& s)
{
    json = nlohmann::json{{"method", "largest over layers of the Mahalanobis distance to the nearest class mean "
                                     "(Ledoit-Wolf shared covariance) over its median"},
                          {"dimension", s.dimension},
                          {"layers", s.layers},
                          {"layer_scales", s.layerScales},
                          {"classes", s.classes},
                          {"fit_split", s.fitSplit},
                          {"fit_images", s.fitImages},
                          {"threshold_split", s.thresholdSplit},
                          {"threshold_images", s.thresholdImages},
                          {"percentile", s.percentile},
                          {"threshold", s.threshold},
                          {"shrinkage", s.shrinkage},
                          {"threshold_flagged_rate", s.thresholdFlaggedRate},
                          {"fitted_utc", s.fittedUtc}};
}

void from_json(const nlohmann::json& json, OodGateSummary& s)
{
    s.dimension = json.at("dimension").get<int>();
    s.layers = json.value("layers", std::vector<int>{s.dimension});
    s.layerScales = json.value("layer_scales", std::vector<double>(s.layers.size(), 1.0));
    s.classes = json.at("classes").get<int>();
    s.fitSplit = json.value("fit_split", std::string("train"));
    s.fitImages = json.value("fit_images", std::int64_t{0});
    s.thresholdSplit = json.value("threshold_split", std::string("val"));
    s.thresholdImages = json.value("threshold_images", std::int64_t{0});
    s.percentile = json.value("percentile", 99.0);
    s.threshold = json.at("threshold").get<double>();
    s.shrinkage = json.value("shrinkage", std::vector<double>{});
    s.thresholdFlaggedRate = json.value("threshold_flagged_rate", 0.0);
    s.fittedUtc = json.value("fitted_utc", std::string());
}

} // namespace kg
