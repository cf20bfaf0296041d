#pragma once
// Internal (torch): gradients summed over the ranks of a Collective by bucketed all-reduce,
// overlapped with backward — what DistributedDataParallel's reducer does. The parameters are
// grouped, last layer first (the order backward produces their gradients), into buckets of
// about 25 MB; a hook on every parameter copies its gradient into its bucket, and the
// bucket's all-reduce starts as soon as its last gradient has arrived, while backward works
// on the layers below. finishStep() waits for the buckets and writes sum / divisor back.
#include "core/distributed/Collective.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kg {

class GradientBuckets {
public:
    static constexpr std::int64_t kDefaultBucketBytes = 25ll << 20;  ///< DDP's bucket_cap_mb

    /// Buckets those of `parameters` that require gradients and hooks them. Every rank must
    /// pass the same parameters in the same order.
    GradientBuckets(Collective& group, const std::vector<torch::Tensor>& parameters,
                    std::int64_t bucketBytes = kDefaultBucketBytes);
    ~GradientBuckets();  ///< removes the hooks
    GradientBuckets(const GradientBuckets&) = delete;
    GradientBuckets& operator=(const GradientBuckets&) = delete;

    /// Call before backward; `during` names the step in error messages.
    void startStep(const std::string& during);
    /// Call after backward, or instead of it when this rank had nothing to compute: the
    /// buckets whose gradients never arrived go out with zeros, then every parameter's grad
    /// becomes (sum over ranks) / divisor — identical bits on every rank.
    void finishStep(double divisor);

    int buckets() const { return static_cast<int>(buckets_.size()); }
    std::int64_t bytes() const { return bytes_; }
    /// Seconds the last finishStep() waited for all-reduces that backward did not hide.
    double lastWaitSeconds() const { return lastWaitSeconds_; }

private:
    struct Slot {
        torch::Tensor parameter;
        int bucket = 0;
        std::int64_t offset = 0;
        bool arrived = false;
        unsigned hook = 0;
    };
    struct Bucket {
        torch::Tensor flat;
        std::vector<int> slots;
        int arrived = 0;
        bool launched = false;
        std::optional<Collective::Pending> pending;
    };
    void onGradient(int slot, const torch::Tensor& gradient);
    void launch(Bucket& bucket);

    Collective& group_;
    std::vector<Slot> slots_;
    std::vector<Bucket> buckets_;
    std::int64_t bytes_ = 0;
    std::string during_;
    double lastWaitSeconds_ = 0;
};

} // namespace kg
