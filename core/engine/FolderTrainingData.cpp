#include "core/engine/FolderTrainingData.h"

#include "core/data/Loader.h"
#include "core/data/RandomStreams.h"
#include "core/train/DatasetManifest.h"

#include <unordered_set>

namespace kg {

// Any visits: a DataLoader over the items in that order (file order, no shuffle), each
// augmented by its visit's key, whose batch positions are mapped back to training item
// indices. Files known to be bad are left out.
class FolderTrainingData::OrderedSource : public BatchSource {
public:
    OrderedSource(const std::vector<DatasetItem>& items, const EpochVisits& visits, const std::unordered_set<std::string>& bad,
                  LoaderOptions options, const PreprocessOptions& preprocessing, const BatchDelivery& delivery)
    {
        std::vector<DatasetItem> visited;
        std::vector<std::int64_t> keys;
        visited.reserve(visits.items.size());
        for (size_t i = 0; i < visits.items.size(); ++i) {
            const std::int64_t index = visits.items[i];
            const DatasetItem& item = items.at(static_cast<size_t>(index));
            if (bad.count(item.path))
                continue;
            visited.push_back(item);
            keys.push_back(visits.keys.at(i));
            mapping_.push_back(index);
        }
        options.shuffle = false;
        loader_ = std::make_unique<DataLoader>(std::move(visited), options, preprocessing, ImageDecoder{}, delivery);
        loader_->setAugmentKeys(std::move(keys));
    }
    std::int64_t size() const override { return loader_->size(); }
    void startEpoch(int epoch) override { loader_->startEpoch(epoch); }
    std::optional<Batch> next() override
    {
        std::optional<Batch> batch = loader_->next();
        if (batch)
            for (auto& index : batch->indices)
                index = mapping_[static_cast<size_t>(index)];
        return batch;
    }
    std::vector<SkippedPath> skippedFiles() const { return loader_->skippedFiles(); }

private:
    std::unique_ptr<DataLoader> loader_;
    std::vector<std::int64_t> mapping_;
};

FolderTrainingData::FolderTrainingData(DatasetSplits splits, LoaderOptions loader, PreprocessOptions preprocessing)
    : splits_(std::move(splits)), loader_(loader), preprocessing_(preprocessing)
{
    grades_.reserve(splits_.train.size());
    for (const DatasetItem& item : splits_.train)
        grades_.push_back(item.grade);
    manifestHash_ = datasetManifestHash(splits_);
}

FolderTrainingData::~FolderTrainingData() = default;

std::int64_t FolderTrainingData::validationSize() const { return static_cast<std::int64_t>(splits_.val.size()); }

BatchSource& FolderTrainingData::training(int epoch, const EpochVisits& visits, int batchSize, bool augment)
{
    const auto n = static_cast<std::int64_t>(splits_.train.size());
    // The usual case, one process visiting every item once in the epoch's shuffle: the
    // shuffling loader keys each item's augmentation by the item itself.
    if (visits.keys == visits.items && visits.items == shuffledOrder(n, loader_.seed, epoch)) {
        const auto& current = shuffled_ ? shuffled_->options() : LoaderOptions{};
        if (!shuffled_ || current.batchSize != batchSize || current.augment != augment) {
            if (shuffled_)
                for (auto& skipped : shuffled_->skippedFiles())
                    skippedBefore_.push_back(std::move(skipped));
            LoaderOptions options = loader_;
            options.batchSize = batchSize;
            options.shuffle = true;
            options.augment = augment;
            shuffled_ = std::make_unique<DataLoader>(splits_.train, options, preprocessing_, ImageDecoder{}, delivery_);
        }
        shuffled_->startEpoch(epoch);
        return *shuffled_;
    }
    std::unordered_set<std::string> bad;
    for (const auto& skipped : skippedFiles())
        bad.insert(skipped.path);
    if (ordered_)
        for (auto& skipped : ordered_->skippedFiles())
            skippedBefore_.push_back(std::move(skipped));
    ordered_.reset();
    LoaderOptions options = loader_;
    options.batchSize = batchSize;
    options.augment = augment;
    ordered_ = std::make_unique<OrderedSource>(splits_.train, visits, bad, options, preprocessing_, delivery_);
    ordered_->startEpoch(epoch);
    return *ordered_;
}

BatchSource& FolderTrainingData::validation(int batchSize, int shard, int shards)
{
    if (shards > 1) {
        if (!validationShard_) {
            std::vector<std::int64_t> order;
            for (std::int64_t i = shard; i < static_cast<std::int64_t>(splits_.val.size()); i += shards)
                order.push_back(i);
            LoaderOptions options = loader_;
            options.batchSize = batchSize;
            options.augment = false;
            validationShard_ = std::make_unique<OrderedSource>(splits_.val, EpochVisits::byItem(std::move(order)),
                                                               std::unordered_set<std::string>{}, options, preprocessing_, delivery_);
        }
        return *validationShard_;
    }
    if (!validation_ || validation_->options().batchSize != batchSize) {
        LoaderOptions options = loader_;
        options.batchSize = batchSize;
        options.shuffle = false;
        options.augment = false;
        validation_ = std::make_unique<DataLoader>(splits_.val, options, preprocessing_, ImageDecoder{}, delivery_);
    }
    return *validation_;
}

std::vector<SkippedPath> FolderTrainingData::skippedFiles() const
{
    std::vector<SkippedPath> all = skippedBefore_;
    std::unordered_set<std::string> seen;
    for (const auto& skipped : all)
        seen.insert(skipped.path);
    auto add = [&](std::vector<SkippedPath> more) {
        for (auto& skipped : more)
            if (seen.insert(skipped.path).second)
                all.push_back(std::move(skipped));
    };
    if (shuffled_)
        add(shuffled_->skippedFiles());
    if (ordered_)
        add(ordered_->skippedFiles());
    if (validation_)
        add(validation_->skippedFiles());
    if (validationShard_)
        add(validationShard_->skippedFiles());
    return all;
}

// Slices of in-memory tensors in a given order.

} // namespace kg
