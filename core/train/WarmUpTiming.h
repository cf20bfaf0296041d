#pragma once
#include "core/train/TrainOptions.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace kg {

/// Times of a few real training steps, measured before a run.
struct WarmUpTiming {
    std::vector<double> stepSeconds;  ///< one per timed step (the untimed first step excluded)
    int batchSize = 0;                ///< images per timed step
    int plannedBatchSize = 0;         ///< the run's batch (larger than batchSize when capped)
    int imageSize = 0;
    bool cuda = false;                ///< measured on the GPU
    std::int64_t parameters = 0;      ///< Keras-style total of the model
};

/// Runs training steps (forward, backward, Adam step) of `options`' architecture and mode at
/// its image size and batch size on its device, on random images: untimed steps first (memory,
/// kernel selection), then up to `steps` timed ones, fewer once `budgetSeconds` has passed
/// (at least one). A probe step of two images first: when a step of the full batch would take
/// longer than `maxStepSeconds`, the timed steps use the largest batch that would not (a
/// large network on a CPU: its time per image barely depends on the batch). No data is read
/// and nothing is saved. `cancelled`, when set, is polled between steps; a cancelled
/// measurement returns what it has. Throws kg::Error or a torch error when the model cannot
/// be built or run.
WarmUpTiming measureTrainingSteps(const TrainOptions& options, int steps = 4, double budgetSeconds = 20.0,
                                  const std::function<bool()>& cancelled = {}, double maxStepSeconds = 5.0);

} // namespace kg
