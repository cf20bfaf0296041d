#pragma once
// Internal (torch): a dataset folder as the trainer's TrainingData, read through the
// prefetching DataLoader.
#include "core/data/Dataset.h"
#include "core/data/LoaderOptions.h"
#include "core/data/PreprocessOptions.h"
#include "core/train/TrainingData.h"

#include <memory>
#include <string>
#include <vector>

namespace kg {

class DataLoader;

/// A scanned dataset folder read through DataLoader with the given loader options (seed,
/// workers, augmentation; batch size, shuffle and augment are set per call).
class FolderTrainingData : public TrainingData {
public:
    FolderTrainingData(DatasetSplits splits, LoaderOptions loader, PreprocessOptions preprocessing);
    ~FolderTrainingData() override;

    const std::vector<int>& trainGrades() const override { return grades_; }
    std::int64_t validationSize() const override;
    BatchSource& training(int epoch, const EpochVisits& visits, int batchSize, bool augment) override;
    using TrainingData::validation;
    BatchSource& validation(int batchSize, int shard, int shards) override;
    std::string manifestHash() const override { return manifestHash_; }
    std::vector<SkippedPath> skippedFiles() const override;
    void setDelivery(const BatchDelivery& delivery) override { delivery_ = delivery; }
    const DatasetSplits& splits() const { return splits_; }

private:
    class OrderedSource;
    DatasetSplits splits_;
    LoaderOptions loader_;
    PreprocessOptions preprocessing_;
    BatchDelivery delivery_;
    std::vector<int> grades_;
    std::string manifestHash_;
    std::unique_ptr<DataLoader> shuffled_;        // the usual case: order == shuffledOrder(n, seed, epoch)
    std::unique_ptr<OrderedSource> ordered_;      // any other order (balanced sampling, feature caching)
    std::unique_ptr<DataLoader> validation_;
    std::unique_ptr<OrderedSource> validationShard_;  // one rank's part of the validation set
    std::vector<SkippedPath> skippedBefore_;      // from loaders already discarded
};

} // namespace kg
