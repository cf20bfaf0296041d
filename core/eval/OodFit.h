#pragma once
// Public (plain C++): fits a checkpoint's out-of-distribution gate (OodGate.h) on its
// dataset — means and covariance from the train split, threshold from the val split — and
// stores it in the checkpoint (the blob kOodGateBlob and meta.state.oodGate, "ood_gate").
#include "core/eval/Evaluator.h"
#include "core/eval/OodGate.h"
#include "core/train/Trainer.h"

namespace kg {

/// Fits the gate for `loaded` on options.dataRoot (options.split is ignored: train, then
/// val) and stores it in loaded.blobs and loaded.meta.state. Features are taken without
/// TTA, as prediction takes them. Throws kg::Error when the train split is empty, a class
/// has no training image, or the run is cancelled.
OodGateSummary fitOodGate(LoadedCheckpoint& loaded, const EvaluationOptions& options, const OodGateOptions& gate = {},
                          const EvaluationProgressCallback& progress = {});

/// Loads options.checkpoint, fits its gate and, when `save`, rewrites the file atomically
/// with the same weights.
OodGateSummary fitCheckpointOodGate(const EvaluationOptions& options, const OodGateOptions& gate = {}, bool save = true,
                                    const EvaluationProgressCallback& progress = {});

/// The gate of a finished training run, fitted into its best checkpoint (the last one when
/// best checkpoints are not kept) with the run's dataset, seed, batch size and device.
struct RunOodGate {
    std::string checkpoint;       ///< the file that now carries the gate; empty when none was fitted
    OodGateSummary summary;
    std::string error;            ///< why it could not be fitted (the run itself is unaffected)
};

/// For a run that completed or stopped early; nothing for a cancelled or failed one (the
/// resumed run fits it when it finishes). Never throws: a failure is reported in `error`.
RunOodGate fitRunOodGate(const TrainOptions& options, const TrainingResult& result, const OodGateOptions& gate = {},
                         const EvaluationProgressCallback& progress = {});

} // namespace kg
