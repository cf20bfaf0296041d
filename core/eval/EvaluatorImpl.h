#pragma once
// Internal (torch): the batched inference loop behind evaluation and prediction.
#include "core/data/BatchSource.h"
#include "core/eval/Evaluator.h"
#include "core/model/ModelImpl.h"

namespace kg {

/// Logits and final class probabilities of one batch.
struct ClassifiedBatch {
    torch::Tensor logits;         ///< N×K raw scores of the image as given (no temperature), CPU float
    torch::Tensor probabilities;  ///< N×K softmax(logits / T); with TTA the mean with the mirror's, CPU float
    torch::Tensor features;       ///< N×D spatial means of every backbone stage of the image as given, CPU float
    std::vector<int> featureLayers;  ///< each stage's share of D, shallow to deep
};

/// One forward pass for the batch (two with TTA: image and horizontal mirror, averaged after
/// softmax). `images` is N×3×H×W preprocessed. Runs under NoGradGuard in inference mode.
/// Throws kg::Error when the model has no logits or temperature ≤ 0.
ClassifiedBatch classifyBatch(Model::Impl& model, const torch::Tensor& images, double temperature, bool tta);

/// Everything one pass over a BatchSource produced, rows in source order (Batch::indices).
struct BatchRun {
    torch::Tensor logits;              ///< M×K for the rows in `indices`
    torch::Tensor probabilities;       ///< M×K
    torch::Tensor features;            ///< M×D
    std::vector<int> featureLayers;    ///< ClassifiedBatch::featureLayers
    torch::Tensor labels;              ///< M int64
    std::vector<std::int64_t> indices; ///< sorted ascending: positions in the source's item list
    bool cancelled = false;
    double seconds = 0.0;
};

/// Runs epoch 0 of `source` through classifyBatch and reorders the rows by item index, so
/// the result does not depend on batch arrival order. Calls `progress` after every batch.
BatchRun runBatches(Model::Impl& model, BatchSource& source, double temperature, bool tta,
                    const EvaluationProgressCallback& progress = {});

} // namespace kg
