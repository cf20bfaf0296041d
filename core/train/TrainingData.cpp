#include "core/train/TrainingData.h"

#include "core/data/Augment.h"
#include "core/data/Loader.h"
#include "core/train/DatasetManifest.h"
#include "core/util/Error.h"

#include <unordered_set>

namespace kg {

// Any order: a DataLoader over the items in that order (file order, no shuffle), whose batch
// positions are mapped back to training item indices. Files known to be bad are left out.
class FolderTrainingData::OrderedSource : public BatchSource {
public:
    OrderedSource(const std::vector<DatasetItem>& items, const std::vector<std::int64_t>& order,
                  const std::unordered_set<std::string>& bad, LoaderOptions options, const PreprocessOptions& preprocessing)
    {
        std::vector<DatasetItem> visited;
        visited.reserve(order.size());
        for (const std::int64_t index : order) {
            const DatasetItem& item = items.at(static_cast<size_t>(index));
            if (bad.count(item.path))
                continue;
            visited.push_back(item);
            mapping_.push_back(index);
        }
        options.shuffle = false;
        loader_ = std::make_unique<DataLoader>(std::move(visited), options, preprocessing);
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

BatchSource& FolderTrainingData::training(int epoch, const std::vector<std::int64_t>& order, int batchSize, bool augment)
{
    const auto n = static_cast<std::int64_t>(splits_.train.size());
    if (order == shuffledOrder(n, loader_.seed, epoch)) {
        const auto& current = shuffled_ ? shuffled_->options() : LoaderOptions{};
        if (!shuffled_ || current.batchSize != batchSize || current.augment != augment) {
            if (shuffled_)
                for (auto& skipped : shuffled_->skippedFiles())
                    skippedBefore_.push_back(std::move(skipped));
            LoaderOptions options = loader_;
            options.batchSize = batchSize;
            options.shuffle = true;
            options.augment = augment;
            shuffled_ = std::make_unique<DataLoader>(splits_.train, options, preprocessing_);
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
    ordered_ = std::make_unique<OrderedSource>(splits_.train, order, bad, options, preprocessing_);
    ordered_->startEpoch(epoch);
    return *ordered_;
}

BatchSource& FolderTrainingData::validation(int batchSize)
{
    if (!validation_ || validation_->options().batchSize != batchSize) {
        LoaderOptions options = loader_;
        options.batchSize = batchSize;
        options.shuffle = false;
        options.augment = false;
        validation_ = std::make_unique<DataLoader>(splits_.val, options, preprocessing_);
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
    return all;
}

// Slices of in-memory tensors in a given order.
class TensorTrainingData::Source : public BatchSource {
public:
    Source(torch::Tensor images, torch::Tensor labels, std::vector<std::int64_t> order, int batchSize, bool augment,
           std::uint64_t seed)
        : images_(std::move(images)), labels_(std::move(labels)), order_(std::move(order)), batchSize_(batchSize),
          augment_(augment), seed_(seed)
    {
    }
    std::int64_t size() const override { return static_cast<std::int64_t>(order_.size()); }
    void startEpoch(int epoch) override
    {
        epoch_ = epoch;
        position_ = 0;
    }
    std::optional<Batch> next() override
    {
        if (position_ >= order_.size())
            return std::nullopt;
        const size_t end = std::min(order_.size(), position_ + static_cast<size_t>(batchSize_));
        Batch batch;
        batch.indices.assign(order_.begin() + static_cast<std::ptrdiff_t>(position_), order_.begin() + static_cast<std::ptrdiff_t>(end));
        position_ = end;
        const auto index = torch::tensor(batch.indices, torch::kInt64);
        batch.images = images_.index_select(0, index).contiguous();
        batch.labels = labels_.index_select(0, index).contiguous();
        if (augment_)
            for (size_t i = 0; i < batch.indices.size(); ++i)
                if (augmentSeed(seed_, epoch_, batch.indices[i]) & 1u)
                    batch.images[static_cast<std::int64_t>(i)].copy_(batch.images[static_cast<std::int64_t>(i)].flip({2}));
        return batch;
    }

private:
    torch::Tensor images_, labels_;
    std::vector<std::int64_t> order_;
    int batchSize_ = 16;
    bool augment_ = false;
    std::uint64_t seed_ = 42;
    int epoch_ = 0;
    size_t position_ = 0;
};

TensorTrainingData::TensorTrainingData(torch::Tensor trainImages, torch::Tensor trainLabels, torch::Tensor valImages,
                                       torch::Tensor valLabels, std::uint64_t seed, std::string manifestHash)
    : trainImages_(trainImages.to(torch::kFloat32).contiguous()), trainLabels_(trainLabels.to(torch::kInt64).contiguous()),
      valImages_(valImages.to(torch::kFloat32).contiguous()), valLabels_(valLabels.to(torch::kInt64).contiguous()),
      seed_(seed), manifestHash_(std::move(manifestHash))
{
    if (trainImages_.dim() != 4 || trainImages_.size(0) != trainLabels_.size(0) || valImages_.dim() != 4 ||
        valImages_.size(0) != valLabels_.size(0))
        throw Error("TensorTrainingData: expected N×C×H×W images with N labels");
    const auto* labels = trainLabels_.data_ptr<std::int64_t>();
    for (std::int64_t i = 0; i < trainLabels_.size(0); ++i)
        grades_.push_back(static_cast<int>(labels[i]));
}

TensorTrainingData::~TensorTrainingData() = default;

BatchSource& TensorTrainingData::training(int epoch, const std::vector<std::int64_t>& order, int batchSize, bool augment)
{
    train_ = std::make_unique<Source>(trainImages_, trainLabels_, order, batchSize, augment, seed_);
    train_->startEpoch(epoch);
    return *train_;
}

BatchSource& TensorTrainingData::validation(int batchSize)
{
    std::vector<std::int64_t> order(static_cast<size_t>(valImages_.size(0)));
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<std::int64_t>(i);
    val_ = std::make_unique<Source>(valImages_, valLabels_, std::move(order), batchSize, false, seed_);
    return *val_;
}

} // namespace kg
