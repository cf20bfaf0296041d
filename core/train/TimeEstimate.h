#pragma once
#include <vector>

namespace kg {

/// A likely duration, low to high. Not a bound: a busy machine, a slow disk or a checkpoint
/// write can make the real time longer than `high` (or shorter than `low`).
struct TimeRange {
    double low = 0;
    double high = 0;
    bool valid() const { return high > 0 && low > 0 && low <= high; }
};

/// What an estimate rests on.
enum class EstimateBasis {
    Nothing,      ///< no measurement yet
    WarmUpSteps,  ///< a few training steps timed before the run (random images, no data loading)
    RunBatches,   ///< the real run's batches so far
};

/// From measured training-step times to a likely range for a run: the median time per
/// training image, widened by how few measurements there are, how much they disagree, and
/// what the measurement leaves out (a warm-up reads no files and validates nothing).
/// Validation images count as a third of a training image (a forward pass only).
class TimeEstimate {
public:
    /// Batches of the real run the estimate needs before it stops using the warm-up.
    static constexpr int kRunBatchesToSwitch = 3;

    /// One warm-up training step (forward, backward, optimizer) of `images` images.
    void addWarmUpStep(double seconds, int images);
    /// A stretch of the real run's training: `images` images in `seconds`.
    void addRunBatch(double seconds, int images);
    void clear();
    /// Forgets the run's batches (a new run starts), keeping the warm-up.
    void clearRunBatches() { run_.clear(); }

    EstimateBasis basis() const;
    /// Measurements behind the current basis.
    int samples() const;
    /// Median seconds per training image of the current basis (0 without measurements).
    double secondsPerTrainingImage() const;
    /// Relative half-width of the range (0.35 means ×1/1.35 … ×1.35).
    double relativeSpread() const;

    /// One epoch: `trainImages` trained on, `valImages` validated.
    TimeRange epoch(int trainImages, int valImages) const;
    /// `epochs` such epochs.
    TimeRange run(int epochs, int trainImages, int valImages) const;
    /// A point figure (e.g. the trainer's ETA) widened by this estimate's uncertainty.
    TimeRange around(double seconds) const;

private:
    const std::vector<double>& current() const;

    std::vector<double> warmUp_;  ///< seconds per image
    std::vector<double> run_;     ///< seconds per image
};

} // namespace kg
