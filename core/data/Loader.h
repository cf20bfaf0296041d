#pragma once
// Internal (torch): the batched, prefetching loader behind training and evaluation.
// A fixed pool of worker threads decodes, augments and preprocesses whole batches ahead of
// the consumer (bounded by prefetchBatches). Batch contents and augmentation depend only on
// (seed, epoch, sample index) and on which files decode, never on thread timing.
#include "core/data/BatchSource.h"
#include "core/data/Dataset.h"
#include "core/data/LoaderOptions.h"
#include "core/data/PreprocessOptions.h"
#include "core/data/RandomStreams.h"

#include <opencv2/core.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace kg {

/// Reads one file into an 8-bit CV_8UC1/CV_8UC3 image; throws (kg::Error or any
/// std::exception) when it cannot. The default is decodeRadiographForModel.
using ImageDecoder = std::function<cv::Mat(const std::string& path)>;

/// Thread-safety: one consumer thread calls startEpoch()/next(); skippedFiles() may be called
/// from any thread. A file that fails to decode is left out of its batch (the batch shrinks),
/// remembered, reported by skippedFiles() and not retried in later epochs; an epoch never
/// fails because of a bad file. Destruction stops and joins the workers.
class DataLoader : public BatchSource {
public:
    DataLoader(std::vector<DatasetItem> items, LoaderOptions options, PreprocessOptions preprocessing = {},
               ImageDecoder decoder = {}, BatchDelivery delivery = {});
    ~DataLoader() override;
    DataLoader(const DataLoader&) = delete;
    DataLoader& operator=(const DataLoader&) = delete;

    /// The key each item's augmentation is drawn from, augmentSeed(seed, epoch, key), one per
    /// item (default: the item's index). Call before the first startEpoch().
    void setAugmentKeys(std::vector<std::int64_t> keys);

    std::int64_t size() const override;
    void startEpoch(int epoch) override;
    std::optional<Batch> next() override;

    /// Batches per epoch before any file is skipped (dropLast applied).
    std::int64_t batchesPerEpoch() const;
    /// Item indices in the order epoch `epoch` visits them (file order unless shuffling).
    std::vector<std::int64_t> epochOrder(int epoch) const;
    const std::vector<DatasetItem>& items() const;
    const LoaderOptions& options() const;
    const BatchDelivery& delivery() const;
    /// Number of worker threads actually started.
    int workerCount() const;
    /// Files skipped so far, in the order they were found.
    std::vector<SkippedPath> skippedFiles() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace kg
