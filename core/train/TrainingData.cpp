#include "core/train/TrainingData.h"

#include "core/data/RandomStreams.h"
#include "core/util/Error.h"

namespace kg {

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

BatchSource& TensorTrainingData::validation(int batchSize, int shard, int shards)
{
    std::vector<std::int64_t> order;
    for (std::int64_t i = shard; i < valImages_.size(0); i += shards)
        order.push_back(i);
    val_ = std::make_unique<Source>(valImages_, valLabels_, std::move(order), batchSize, false, seed_);
    return *val_;
}

} // namespace kg
