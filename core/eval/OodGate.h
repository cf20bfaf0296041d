#pragma once
// Public (plain C++): an out-of-distribution gate stored with every model. It keeps the
// class-conditional means and one shared covariance of the backbone's pooled features on the
// training split (Lee et al. 2018, "A simple unified framework for detecting
// out-of-distribution samples and adversarial attacks"), the covariance shrunk towards a
// scaled identity by the Ledoit–Wolf estimate so that it stays invertible when there are
// fewer images than feature dimensions. An image's score is its smallest squared Mahalanobis
// distance to a class mean; the threshold is a percentile of the validation images' scores,
// which the fit never saw. Scores are reported divided by the threshold: above 1 flags.
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace kg {

struct OodGateOptions {
    double percentile = 99.0;     ///< threshold = this percentile of the validation scores
};

void to_json(nlohmann::json& json, const OodGateOptions& options);
void from_json(const nlohmann::json& json, OodGateOptions& options);

/// What the gate was fitted on; stored in the checkpoint's state as "ood_gate".
struct OodGateSummary {
    int dimension = 0;            ///< pooled feature size, all layers together
    std::vector<int> layers;      ///< each layer's share of `dimension`, in order
    std::vector<double> layerScales;  ///< each layer's median distance (the normaliser); 0: left out (constant)
    int classes = 0;
    std::int64_t fitImages = 0;   ///< training images the means and covariance come from
    std::int64_t thresholdImages = 0;  ///< validation images the threshold comes from
    std::string fitSplit = "train";
    std::string thresholdSplit = "val";
    double percentile = 99.0;
    double threshold = 0.0;       ///< of the combined distance (largest normalised layer distance)
    std::vector<double> shrinkage;///< per layer: Ledoit–Wolf weight of the identity target, 0..1
    double thresholdFlaggedRate = 0.0;  ///< share of the threshold split above the threshold
    std::string fittedUtc;
};

void to_json(nlohmann::json& json, const OodGateSummary& summary);
void from_json(const nlohmann::json& json, OodGateSummary& summary);

class OodGate {
public:
    OodGate() = default;

    /// Fits means and shared covariance per layer on `features` (n × Σlayers, row-major, the
    /// layers side by side) with `labels` in 0..classes-1, then the layer scales and the
    /// threshold from `thresholdFeatures` (m × Σlayers; empty: the training features).
    /// Throws kg::Error for empty inputs, mismatched sizes or constant features.
    static OodGate fit(const std::vector<float>& features, const std::vector<int>& labels,
                       const std::vector<int>& layers, int classes, const std::vector<float>& thresholdFeatures,
                       const OodGateOptions& options = {});

    bool empty() const { return summary_.dimension == 0; }
    const OodGateSummary& summary() const { return summary_; }

    /// Combined distance of one feature vector (`dimension` values): the largest over the
    /// layers of the smallest squared Mahalanobis distance to a class mean over the layer's scale.
    double distance(const float* features) const;
    /// The same for each row of `features` (rows × dimension).
    std::vector<double> distances(const float* features, std::int64_t rows) const;
    /// distance / threshold, one per row of `features` (n × dimension).
    std::vector<double> scores(const float* features, std::int64_t rows) const;

    /// Binary form for CheckpointBlobs (kOodGateBlob); deserialize throws kg::Error when damaged.
    std::string serialize() const;
    static OodGate deserialize(const std::string& bytes);

private:
    OodGateSummary summary_;
    std::vector<double> layerDistances(const float* features, std::int64_t rows, size_t layer) const;

    std::vector<double> means_;      ///< classes × dimension
    std::vector<std::vector<double>> precision_;  ///< per layer: size × size, symmetric positive definite
};

/// Name of the checkpoint blob that holds a serialized gate.
inline constexpr const char* kOodGateBlob = "ood_gate";

/// Linear-interpolated percentile (0..100) of `values`; throws kg::Error when empty.
double percentileOf(std::vector<double> values, double percentile);

} // namespace kg
