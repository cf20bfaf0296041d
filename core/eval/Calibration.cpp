#include "core/eval/Calibration.h"

#include "core/eval/detail/Checks.h"
#include "core/util/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace kg {
namespace {

std::size_t sampleCount(const std::vector<double>& matrix, int numClasses)
{
    return matrix.size() / static_cast<std::size_t>(numClasses);
}

// Mean NLL of softmax(β·z) and its first two derivatives in β = 1/T:
// d/dβ = E_p[z] − z_y, d²/dβ² = Var_p[z] ≥ 0 (so the NLL is convex in β).
struct NllTerms {
    double value = 0.0;
    double firstDerivative = 0.0;
    double secondDerivative = 0.0;
};

NllTerms nllTerms(const std::vector<double>& logits, const std::vector<int>& labels, int numClasses, double beta)
{
    const std::size_t k = static_cast<std::size_t>(numClasses);
    std::vector<double> weights(k);
    NllTerms sum;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const double* z = logits.data() + i * k;
        double maxScaled = beta * z[0];
        for (std::size_t c = 1; c < k; ++c)
            maxScaled = std::max(maxScaled, beta * z[c]);
        double normaliser = 0.0;
        for (std::size_t c = 0; c < k; ++c) {
            weights[c] = std::exp(beta * z[c] - maxScaled);
            normaliser += weights[c];
        }
        double mean = 0.0;
        for (std::size_t c = 0; c < k; ++c) {
            weights[c] /= normaliser;
            mean += weights[c] * z[c];
        }
        double variance = 0.0;  // two-pass: no cancellation
        for (std::size_t c = 0; c < k; ++c)
            variance += weights[c] * (z[c] - mean) * (z[c] - mean);
        const double zTrue = z[labels[i]];
        sum.value += maxScaled + std::log(normaliser) - beta * zTrue;
        sum.firstDerivative += mean - zTrue;
        sum.secondDerivative += variance;
    }
    const double n = static_cast<double>(labels.size());
    return {sum.value / n, sum.firstDerivative / n, sum.secondDerivative / n};
}

void checkLogits(const std::vector<double>& logits, const std::vector<int>& labels, int numClasses,
                 const std::string& what)
{
    detail::checkClassCount(numClasses, what);
    if (labels.empty())
        throw Error(what + ": no samples");
    detail::checkMatrix(logits, labels.size(), numClasses, what, "logits");
    detail::checkLabels(labels, numClasses, what);
}

} // namespace

CalibrationReport calibrationReport(const std::vector<int>& trueLabels, const std::vector<double>& probabilities,
                                    int numClasses, int numBins)
{
    const std::string what = "calibration";
    detail::checkClassCount(numClasses, what);
    if (numBins < 1)
        throw Error(what + ": need at least one bin, got " + std::to_string(numBins));
    if (trueLabels.empty())
        throw Error(what + ": no samples");
    detail::checkProbabilities(probabilities, trueLabels.size(), numClasses, what);
    detail::checkLabels(trueLabels, numClasses, what);

    // Edges as np.linspace(0, 1, B + 1) computes them: b·(1/B), the last exactly 1.
    std::vector<double> edges(static_cast<std::size_t>(numBins) + 1);
    const double step = 1.0 / numBins;
    for (int b = 0; b < numBins; ++b)
        edges[static_cast<std::size_t>(b)] = b * step;
    edges.back() = 1.0;

    std::vector<std::int64_t> counts(static_cast<std::size_t>(numBins), 0), correct(counts);
    std::vector<double> confidenceSums(static_cast<std::size_t>(numBins), 0.0);
    const std::size_t k = static_cast<std::size_t>(numClasses);
    for (std::size_t i = 0; i < trueLabels.size(); ++i) {
        const double* p = probabilities.data() + i * k;
        const std::size_t top = static_cast<std::size_t>(std::max_element(p, p + k) - p);  // first maximum
        const double confidence = std::clamp(p[top], 0.0, 1.0);
        int bin = std::clamp(static_cast<int>(std::ceil(confidence * numBins)) - 1, 0, numBins - 1);
        while (bin > 0 && confidence <= edges[static_cast<std::size_t>(bin)])
            --bin;
        while (bin < numBins - 1 && confidence > edges[static_cast<std::size_t>(bin) + 1])
            ++bin;
        const std::size_t b = static_cast<std::size_t>(bin);
        ++counts[b];
        correct[b] += static_cast<int>(top) == trueLabels[i] ? 1 : 0;
        confidenceSums[b] += confidence;
    }

    CalibrationReport report;
    report.expectedCalibrationError = 0.0;
    report.maximumCalibrationError = 0.0;
    const double total = static_cast<double>(trueLabels.size());
    for (std::size_t b = 0; b < counts.size(); ++b) {
        CalibrationBin bin;
        bin.lower = edges[b];
        bin.upper = edges[b + 1];
        bin.count = counts[b];
        if (bin.count > 0) {
            bin.accuracy = static_cast<double>(correct[b]) / static_cast<double>(bin.count);
            bin.confidence = confidenceSums[b] / static_cast<double>(bin.count);
            const double gap = std::abs(bin.accuracy - bin.confidence);
            report.expectedCalibrationError += gap * static_cast<double>(bin.count) / total;
            report.maximumCalibrationError = std::max(report.maximumCalibrationError, gap);
        }
        report.bins.push_back(bin);
    }
    return report;
}

double negativeLogLikelihood(const std::vector<double>& logits, const std::vector<int>& labels, int numClasses,
                             double temperature)
{
    checkLogits(logits, labels, numClasses, "negative log-likelihood");
    if (!(temperature > 0.0) || !std::isfinite(temperature))
        throw Error("negative log-likelihood: temperature must be positive, got " + std::to_string(temperature));
    return nllTerms(logits, labels, numClasses, 1.0 / temperature).value;
}

std::vector<double> applyTemperature(const std::vector<double>& logits, int numClasses, double temperature)
{
    const std::string what = "temperature scaling";
    detail::checkClassCount(numClasses, what);
    if (!(temperature > 0.0) || !std::isfinite(temperature))
        throw Error(what + ": temperature must be positive, got " + std::to_string(temperature));
    if (logits.size() % static_cast<std::size_t>(numClasses) != 0)
        throw Error(what + ": " + std::to_string(logits.size()) + " logits do not form rows of " +
                    std::to_string(numClasses));
    detail::checkMatrix(logits, sampleCount(logits, numClasses), numClasses, what, "logits");

    const std::size_t k = static_cast<std::size_t>(numClasses);
    std::vector<double> probabilities(logits.size());
    for (std::size_t row = 0; row < logits.size(); row += k) {
        const double maxLogit = *std::max_element(logits.begin() + static_cast<std::ptrdiff_t>(row),
                                                  logits.begin() + static_cast<std::ptrdiff_t>(row + k));
        double normaliser = 0.0;
        for (std::size_t c = 0; c < k; ++c) {
            probabilities[row + c] = std::exp((logits[row + c] - maxLogit) / temperature);
            normaliser += probabilities[row + c];
        }
        for (std::size_t c = 0; c < k; ++c)
            probabilities[row + c] /= normaliser;
    }
    return probabilities;
}

TemperatureFit fitTemperature(const std::vector<double>& logits, const std::vector<int>& labels, int numClasses,
                              const TemperatureScalingOptions& options)
{
    const std::string what = "temperature scaling";
    checkLogits(logits, labels, numClasses, what);
    if (!(options.minTemperature > 0.0) || !(options.maxTemperature > options.minTemperature) ||
        !std::isfinite(options.maxTemperature))
        throw Error(what + ": need 0 < minTemperature < maxTemperature, got " +
                    std::to_string(options.minTemperature) + " and " + std::to_string(options.maxTemperature));
    if (options.maxIterations < 1 || !(options.tolerance > 0.0))
        throw Error(what + ": maxIterations and tolerance must be positive");

    // Work on u = log T. With β = e^−u: g'(u) = −β·f'(β), g''(u) = β·f'(β) + β²·f''(β).
    // f is convex in β, so the sign of g' rises from − to + exactly once.
    auto derivatives = [&](double u) {
        const double beta = std::exp(-u);
        const NllTerms terms = nllTerms(logits, labels, numClasses, beta);
        return std::pair<double, double>{-beta * terms.firstDerivative,
                                         beta * terms.firstDerivative + beta * beta * terms.secondDerivative};
    };

    TemperatureFit fit;
    fit.nllBefore = nllTerms(logits, labels, numClasses, 1.0).value;
    double lower = std::log(options.minTemperature);
    double upper = std::log(options.maxTemperature);
    const double slopeAtLower = derivatives(lower).first;
    const double slopeAtUpper = derivatives(upper).first;
    double u = 0.0;
    if (slopeAtLower >= 0.0 && slopeAtUpper <= 0.0) {
        // Flat: the logits carry no information about T (e.g. constant rows).
        u = std::clamp(0.0, lower, upper);
        fit.converged = true;
    } else if (slopeAtLower >= 0.0) {
        u = lower;
        fit.atBound = true;
    } else if (slopeAtUpper <= 0.0) {
        u = upper;
        fit.atBound = true;
    } else {
        u = std::clamp(0.0, lower, upper);
        for (fit.iterations = 1; fit.iterations <= options.maxIterations; ++fit.iterations) {
            const auto [slope, curvature] = derivatives(u);
            if (slope == 0.0) {
                fit.converged = true;
                break;
            }
            (slope < 0.0 ? lower : upper) = u;
            if (curvature > 0.0 && std::abs(slope / curvature) < options.tolerance) {
                // Converged; the last Newton step is below rounding noise in the slope and
                // would land on the bracket edge that u has just become.
                fit.converged = true;
                break;
            }
            double next = 0.5 * (lower + upper);
            if (curvature > 0.0) {
                const double newton = u - slope / curvature;
                if (newton > lower && newton < upper)
                    next = newton;
            }
            u = next;
            if (upper - lower < options.tolerance) {
                fit.converged = true;
                break;
            }
        }
        fit.iterations = std::min(fit.iterations, options.maxIterations);
    }
    fit.temperature = std::exp(u);
    fit.nllAfter = nllTerms(logits, labels, numClasses, 1.0 / fit.temperature).value;
    // At an optimum that is T = 1 up to rounding, keep the unscaled model rather than be an ulp worse.
    if (fit.nllAfter > fit.nllBefore && options.minTemperature <= 1.0 && 1.0 <= options.maxTemperature) {
        fit.temperature = 1.0;
        fit.nllAfter = fit.nllBefore;
    }
    return fit;
}

void to_json(nlohmann::json& json, const CalibrationBin& bin)
{
    json = nlohmann::json{{"lower", bin.lower},
                          {"upper", bin.upper},
                          {"count", bin.count},
                          {"accuracy", bin.accuracy},
                          {"confidence", bin.confidence}};
}

void from_json(const nlohmann::json& json, CalibrationBin& bin)
{
    json.at("lower").get_to(bin.lower);
    json.at("upper").get_to(bin.upper);
    json.at("count").get_to(bin.count);
    json.at("accuracy").get_to(bin.accuracy);
    json.at("confidence").get_to(bin.confidence);
}

void to_json(nlohmann::json& json, const CalibrationReport& report)
{
    json = nlohmann::json{{"expected_calibration_error", report.expectedCalibrationError},
                          {"maximum_calibration_error", report.maximumCalibrationError},
                          {"bins", report.bins}};
}

void from_json(const nlohmann::json& json, CalibrationReport& report)
{
    report.expectedCalibrationError = detail::numberOrNaN(json.at("expected_calibration_error"));
    report.maximumCalibrationError = detail::numberOrNaN(json.at("maximum_calibration_error"));
    report.bins = json.at("bins").get<std::vector<CalibrationBin>>();
}

void to_json(nlohmann::json& json, const TemperatureScalingOptions& options)
{
    json = nlohmann::json{{"min_temperature", options.minTemperature},
                          {"max_temperature", options.maxTemperature},
                          {"max_iterations", options.maxIterations},
                          {"tolerance", options.tolerance}};
}

void from_json(const nlohmann::json& json, TemperatureScalingOptions& options)
{
    const TemperatureScalingOptions defaults;
    options.minTemperature = json.value("min_temperature", defaults.minTemperature);
    options.maxTemperature = json.value("max_temperature", defaults.maxTemperature);
    options.maxIterations = json.value("max_iterations", defaults.maxIterations);
    options.tolerance = json.value("tolerance", defaults.tolerance);
}

void to_json(nlohmann::json& json, const TemperatureFit& fit)
{
    json = nlohmann::json{{"temperature", fit.temperature}, {"nll_before", fit.nllBefore},
                          {"nll_after", fit.nllAfter},       {"iterations", fit.iterations},
                          {"converged", fit.converged},      {"at_bound", fit.atBound}};
}

void from_json(const nlohmann::json& json, TemperatureFit& fit)
{
    json.at("temperature").get_to(fit.temperature);
    json.at("nll_before").get_to(fit.nllBefore);
    json.at("nll_after").get_to(fit.nllAfter);
    json.at("iterations").get_to(fit.iterations);
    json.at("converged").get_to(fit.converged);
    json.at("at_bound").get_to(fit.atBound);
}

} // namespace kg
