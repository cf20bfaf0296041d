#include "core/train/TimeEstimate.h"

#include <algorithm>
#include <cmath>

namespace kg {
namespace {

/// What a basis leaves out, as a relative half-width that no number of samples removes:
/// the warm-up reads no images, validates nothing and runs before the machine settles;
/// the run's own batches still vary with the load on the machine and checkpoint writes.
double floorOf(EstimateBasis basis)
{
    return basis == EstimateBasis::WarmUpSteps ? 0.35 : 0.10;
}

/// How much few samples weigh: half-width ~ c / sqrt(n).
double sampleTermOf(EstimateBasis basis, int n)
{
    const double c = basis == EstimateBasis::WarmUpSteps ? 0.8 : 0.6;
    return n > 0 ? c / std::sqrt(static_cast<double>(n)) : 1.0;
}

double median(std::vector<double> values)
{
    if (values.empty())
        return 0.0;
    const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    if (values.size() % 2 == 1)
        return *middle;
    const double upper = *middle;
    const double lower = *std::max_element(values.begin(), middle);
    return (lower + upper) / 2.0;
}

constexpr double kValidationCost = 1.0 / 3.0;

} // namespace

void TimeEstimate::addWarmUpStep(double seconds, int images)
{
    if (seconds > 0 && images > 0 && std::isfinite(seconds))
        warmUp_.push_back(seconds / images);
}

void TimeEstimate::addRunBatch(double seconds, int images)
{
    if (seconds > 0 && images > 0 && std::isfinite(seconds))
        run_.push_back(seconds / images);
}

void TimeEstimate::clear()
{
    warmUp_.clear();
    run_.clear();
}

EstimateBasis TimeEstimate::basis() const
{
    if (static_cast<int>(run_.size()) >= kRunBatchesToSwitch || (!run_.empty() && warmUp_.empty()))
        return EstimateBasis::RunBatches;
    return warmUp_.empty() ? EstimateBasis::Nothing : EstimateBasis::WarmUpSteps;
}

const std::vector<double>& TimeEstimate::current() const
{
    return basis() == EstimateBasis::RunBatches ? run_ : warmUp_;
}

int TimeEstimate::samples() const
{
    return basis() == EstimateBasis::Nothing ? 0 : static_cast<int>(current().size());
}

double TimeEstimate::secondsPerTrainingImage() const
{
    return median(current());
}

double TimeEstimate::relativeSpread() const
{
    const EstimateBasis b = basis();
    if (b == EstimateBasis::Nothing)
        return 0.0;
    const std::vector<double>& values = current();
    const double middle = median(values);
    double observed = 0.0;
    if (values.size() >= 2 && middle > 0) {
        // Half the ratio between the slowest and the fastest measurement (log scale).
        const auto [low, high] = std::minmax_element(values.begin(), values.end());
        observed = std::sqrt(*high / *low) - 1.0;
    }
    const double spread = std::max({floorOf(b), sampleTermOf(b, static_cast<int>(values.size())), observed});
    return std::min(spread, 3.0);
}

TimeRange TimeEstimate::around(double seconds) const
{
    if (!(seconds > 0) || basis() == EstimateBasis::Nothing)
        return {};
    const double factor = 1.0 + relativeSpread();
    return {seconds / factor, seconds * factor};
}

TimeRange TimeEstimate::epoch(int trainImages, int valImages) const
{
    return run(1, trainImages, valImages);
}

TimeRange TimeEstimate::run(int epochs, int trainImages, int valImages) const
{
    const double perImage = secondsPerTrainingImage();
    if (epochs <= 0 || trainImages <= 0 || perImage <= 0)
        return {};
    const double work = static_cast<double>(trainImages) + kValidationCost * std::max(0, valImages);
    return around(perImage * work * epochs);
}

} // namespace kg
