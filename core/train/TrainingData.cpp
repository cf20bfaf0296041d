#include "core/train/TrainingData.h"

#include "core/data/RandomStreams.h"
#include "core/util/Error.h"

namespace kg {

EpochVisits EpochVisits::byItem(std::vector<std::int64_t> items)
{
    EpochVisits visits{std::move(items), {}};
    visits.keys = visits.items;
    return visits;
}

EpochVisits EpochVisits::byPosition(std::vector<std::int64_t> items)
{
    EpochVisits visits{std::move(items), {}};
    visits.keys.resize(visits.items.size());
    for (size_t i = 0; i < visits.keys.size(); ++i)
        visits.keys[i] = static_cast<std::int64_t>(i);
    return visits;
}

class TensorTrainingData::Source : public BatchSource {
public:
    Source(torch::Tensor images, torch::Tensor labels, EpochVisits visits, int batchSize, bool augment, std::uint64_t seed)
        : images_(std::move(images)), labels_(std::move(labels)), visits_(std::move(visits)), batchSize_(batchSize),
          augment_(augment), seed_(seed)
    {
    }
    std::int64_t size() const override { return static_cast<std::int64_t>(visits_.items.size()); }
    void startEpoch(int epoch) override
    {
        epoch_ = epoch;
        position_ = 0;
    }
    std::optional<Batch> next() override
    {
        const auto& items = visits_.items;
        if (position_ >= items.size())
            return std::nullopt;
        const size_t begin = position_, end = std::min(items.size(), position_ + static_cast<size_t>(batchSize_));
        Batch batch;
        batch.indices.assign(items.begin() + static_cast<std::ptrdiff_t>(begin), items.begin() + static_cast<std::ptrdiff_t>(end));
        position_ = end;
        const auto index = torch::tensor(batch.indices, torch::kInt64);
        batch.images = images_.index_select(0, index).contiguous();
        batch.labels = labels_.index_select(0, index).contiguous();
        if (augment_)
            for (size_t i = begin; i < end; ++i)
                if (augmentSeed(seed_, epoch_, visits_.keys[i]) & 1u) {
                    const auto row = static_cast<std::int64_t>(i - begin);
                    batch.images[row].copy_(batch.images[row].flip({2}));
                }
        return batch;
    }

private:
    torch::Tensor images_, labels_;
    EpochVisits visits_;
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

BatchSource& TensorTrainingData::training(int epoch, const EpochVisits& visits, int batchSize, bool augment)
{
    train_ = std::make_unique<Source>(trainImages_, trainLabels_, visits, batchSize, augment, seed_);
    train_->startEpoch(epoch);
    return *train_;
}

BatchSource& TensorTrainingData::validation(int batchSize, int shard, int shards)
{
    std::vector<std::int64_t> order;
    for (std::int64_t i = shard; i < valImages_.size(0); i += shards)
        order.push_back(i);
    val_ = std::make_unique<Source>(valImages_, valLabels_, EpochVisits::byItem(std::move(order)), batchSize, false, seed_);
    return *val_;
}

} // namespace kg
