#pragma once
// Internal (torch): the contract between the data pipeline and training/evaluation.
// A BatchSource yields preprocessed, labelled batches; the loader implements it with worker
// threads and prefetch, tests implement it with in-memory tensors.
#include "core/util/TorchInclude.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace kg {

struct Batch {
    torch::Tensor images;              ///< N×3×H×W float32, already preprocessed (x/127.5 − 1); on the CPU
                                       ///< unless the source finishes batches on a device (BatchDelivery)
    torch::Tensor labels;              ///< N int64 grades (0..4), on the images' device
    std::vector<std::int64_t> indices; ///< positions of the samples in the source's item list
};

/// Where a source's batches are finished: a property of the machine, never saved with a run.
struct BatchDelivery {
    /// Unset: the DataLoader's workers decode, augment and normalise; Batch::images is float32
    /// on the CPU. A device: the workers only decode, resize and draw the augmentation; next()
    /// copies the 8-bit pixels and the warps there and finishes them with finishPixels
    /// (DeviceAugment.h), so Batch::images and Batch::labels are on that device. Wrap fill is
    /// still warped on the host.
    std::optional<torch::Device> finishOn;
    /// Page-locked host buffers (CUDA builds only), so the copies to the GPU are asynchronous.
    bool pinned = false;
};

class BatchSource {
public:
    virtual ~BatchSource() = default;
    /// Number of samples per epoch.
    virtual std::int64_t size() const = 0;
    /// Starts epoch `epoch` (0-based): training sources reshuffle from (seed, epoch); evaluation
    /// sources keep file order. Resets next().
    virtual void startEpoch(int epoch) = 0;
    /// The next batch of the current epoch, or nullopt when the epoch is done.
    virtual std::optional<Batch> next() = 0;
};

} // namespace kg
