#pragma once
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <limits>
#include <vector>

// Probability calibration: top-label expected calibration error and temperature scaling.
// Matrices are N×K row-major (sample-major); labels are grades in [0, K). Every function
// validates its input and throws kg::Error on a size mismatch, a bad label or a
// non-finite value. Pure functions: safe to call from any thread.

namespace kg {

/// One bin of the reliability diagram.
struct CalibrationBin {
    double lower = 0.0;       ///< confidence range (lower, upper]; the first bin also holds 0
    double upper = 0.0;
    std::int64_t count = 0;   ///< samples whose top-label confidence falls in the bin
    double accuracy = 0.0;    ///< fraction of them whose argmax grade is right (0 when empty)
    double confidence = 0.0;  ///< their mean top-label confidence (0 when empty)
};

/// Top-label calibration (Guo et al. 2017, "On Calibration of Modern Neural Networks"):
/// confidence = max_k p_k (clamped to [0, 1]), correct = (argmax_k p_k == y), first maximum
/// on ties; equal-width bins with edges b/B (NumPy linspace), a sample in bin b when
/// lower < confidence ≤ upper. ECE = Σ_b |acc_b − conf_b| · n_b / N; MCE = max_b over
/// non-empty bins. Uses the argmax of the probabilities, not a separately chosen label.
struct CalibrationReport {
    double expectedCalibrationError = std::numeric_limits<double>::quiet_NaN();
    double maximumCalibrationError = std::numeric_limits<double>::quiet_NaN();
    std::vector<CalibrationBin> bins;
};

/// Probabilities must lie in [0, 1] (1e-6 slack for float32 softmax); rows need not sum
/// to exactly 1. Throws kg::Error on an empty input or numBins < 1.
CalibrationReport calibrationReport(const std::vector<int>& trueLabels, const std::vector<double>& probabilities,
                                    int numClasses, int numBins = 15);

struct TemperatureScalingOptions {
    double minTemperature = 0.01;   ///< lower end of the search interval (T > 0)
    double maxTemperature = 100.0;  ///< upper end of the search interval
    int maxIterations = 100;        ///< safeguarded Newton/bisection steps on log T
    double tolerance = 1e-10;       ///< stop when the step (or the bracket) in log T is below this
};

struct TemperatureFit {
    double temperature = 1.0;  ///< fitted T: use softmax(logits / T)
    double nllBefore = 0.0;    ///< mean negative log-likelihood at T = 1
    double nllAfter = 0.0;     ///< mean NLL at the fitted T (never above nllBefore when 1 is in range)
    int iterations = 0;        ///< Newton/bisection steps taken
    bool converged = false;    ///< the minimum was bracketed and located to the tolerance
    bool atBound = false;      ///< the NLL still falls beyond the interval: T is the bound
};

/// Fits one temperature T > 0 minimising the mean NLL of softmax(logits / T) on held-out
/// (validation) logits. NLL is convex in 1/T, so the sign of dNLL/dlog T changes once:
/// the minimum is bracketed on log T and found by Newton steps, falling back to bisection
/// whenever a step leaves the bracket — deterministic and robust to flat or separable data
/// (separable data drives T to minTemperature and sets atBound). Constant logits give T = 1.
TemperatureFit fitTemperature(const std::vector<double>& logits, const std::vector<int>& labels, int numClasses,
                              const TemperatureScalingOptions& options = {});

/// softmax(logits / T) row by row (numerically stable). Throws kg::Error unless T > 0.
std::vector<double> applyTemperature(const std::vector<double>& logits, int numClasses, double temperature);

/// Mean −log softmax(logits / T)[y] over the samples.
double negativeLogLikelihood(const std::vector<double>& logits, const std::vector<int>& labels, int numClasses,
                             double temperature = 1.0);

void to_json(nlohmann::json& json, const CalibrationBin& bin);
void from_json(const nlohmann::json& json, CalibrationBin& bin);
void to_json(nlohmann::json& json, const CalibrationReport& report);  ///< NaN is written as null
void from_json(const nlohmann::json& json, CalibrationReport& report);
void to_json(nlohmann::json& json, const TemperatureScalingOptions& options);
void from_json(const nlohmann::json& json, TemperatureScalingOptions& options);
void to_json(nlohmann::json& json, const TemperatureFit& fit);
void from_json(const nlohmann::json& json, TemperatureFit& fit);

} // namespace kg
