#pragma once
// Internal (torch): where the trainer's batches come from. The trainer decides the order of
// every epoch (shuffle or balanced sampling, from (seed, epoch) only); a TrainingData turns an
// order into batches. FolderTrainingData (kneegrade::engine) reads a dataset folder through
// the prefetching DataLoader; TensorTrainingData serves in-memory tensors (tests, benchmarks).
#include "core/data/BatchSource.h"
#include "core/data/Dataset.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace kg {

/// One epoch's training visits, in order: the item of each and the key its augmentation is
/// drawn from (augmentSeed(seed, epoch, key)). A permutation keys every visit by its item; an
/// order with repeats (balanced sampling) by its position, so that a repeat is augmented anew.
/// A distributed rank trains its shard of both, so N ranks augment exactly as one process.
struct EpochVisits {
    std::vector<std::int64_t> items;
    std::vector<std::int64_t> keys;   ///< as many as items

    static EpochVisits byItem(std::vector<std::int64_t> items);
    static EpochVisits byPosition(std::vector<std::int64_t> items);
};

class TrainingData {
public:
    virtual ~TrainingData() = default;
    /// Grade of every training item (class weights, balanced sampling, the feature cache).
    virtual const std::vector<int>& trainGrades() const = 0;
    virtual std::int64_t validationSize() const = 0;
    /// The training batches of epoch `epoch` (0-based), visiting `visits.items` (indices into
    /// the training items; repeats allowed) `batchSize` at a time, augmented when `augment`
    /// as visits.keys say. Batch::indices are training item indices. The source stays valid
    /// until the next call.
    virtual BatchSource& training(int epoch, const EpochVisits& visits, int batchSize, bool augment) = 0;
    /// Validation batches in file order, not augmented; the caller calls startEpoch(0).
    BatchSource& validation(int batchSize) { return validation(batchSize, 0, 1); }
    /// Shard `shard` of `shards` of them: items shard, shard+shards, … (Batch::indices are
    /// validation item indices). One rank's part of a distributed validation.
    virtual BatchSource& validation(int batchSize, int shard, int shards) = 0;
    /// SHA-256 of the file list (see DatasetManifest.h); "" when not from files.
    virtual std::string manifestHash() const = 0;
    /// Files the loader could not decode so far (left out of their batches).
    virtual std::vector<SkippedPath> skippedFiles() const { return {}; }
    /// Where later sources finish their batches (default: as they come; in-memory tensors are
    /// finished already). Call before the first training() or validation().
    virtual void setDelivery(const BatchDelivery&) {}
};

/// In-memory images (N×3×H×W, preprocessed) and labels. Augmentation is a horizontal flip
/// drawn from augmentSeed(seed, epoch, key): enough to exercise augmented code paths.
class TensorTrainingData : public TrainingData {
public:
    TensorTrainingData(torch::Tensor trainImages, torch::Tensor trainLabels, torch::Tensor valImages,
                       torch::Tensor valLabels, std::uint64_t seed = 42, std::string manifestHash = {});
    ~TensorTrainingData() override;

    const std::vector<int>& trainGrades() const override { return grades_; }
    std::int64_t validationSize() const override { return valImages_.size(0); }
    BatchSource& training(int epoch, const EpochVisits& visits, int batchSize, bool augment) override;
    using TrainingData::validation;
    BatchSource& validation(int batchSize, int shard, int shards) override;
    std::string manifestHash() const override { return manifestHash_; }

private:
    class Source;
    torch::Tensor trainImages_, trainLabels_, valImages_, valLabels_;
    std::uint64_t seed_ = 42;
    std::string manifestHash_;
    std::vector<int> grades_;
    std::unique_ptr<Source> train_, val_;
};

} // namespace kg
