#include "core/distributed/GradientBuckets.h"

#include <chrono>

namespace kg {

GradientBuckets::GradientBuckets(Collective& group, const std::vector<torch::Tensor>& parameters, std::int64_t bucketBytes)
    : group_(group)
{
    // Last parameter first: backward produces the head's gradients before the stem's.
    std::vector<std::int64_t> elements;
    std::int64_t bucketSize = 0;
    for (auto it = parameters.rbegin(); it != parameters.rend(); ++it) {
        if (!it->requires_grad())
            continue;
        const std::int64_t size = it->numel() * static_cast<std::int64_t>(it->element_size());
        const bool sameKind = !buckets_.empty() && slots_.back().parameter.options().dtype() == it->options().dtype() &&
                              slots_.back().parameter.device() == it->device();
        if (buckets_.empty() || !sameKind || (bucketSize > 0 && bucketSize + size > bucketBytes)) {
            buckets_.emplace_back();
            elements.push_back(0);
            bucketSize = 0;
        }
        Slot slot;
        slot.parameter = *it;
        slot.bucket = static_cast<int>(buckets_.size()) - 1;
        slot.offset = elements.back();
        elements.back() += it->numel();
        bucketSize += size;
        buckets_.back().slots.push_back(static_cast<int>(slots_.size()));
        slots_.push_back(slot);
        bytes_ += size;
    }
    for (size_t b = 0; b < buckets_.size(); ++b) {
        const torch::Tensor& first = slots_[static_cast<size_t>(buckets_[b].slots.front())].parameter;
        buckets_[b].flat = torch::zeros({elements[b]}, torch::TensorOptions().dtype(first.dtype()).device(first.device()));
    }
    for (size_t i = 0; i < slots_.size(); ++i) {
        const int index = static_cast<int>(i);
        slots_[i].hook = slots_[i].parameter.register_hook([this, index](const torch::Tensor& gradient) { onGradient(index, gradient); });
    }
}

GradientBuckets::~GradientBuckets()
{
    for (Slot& slot : slots_)
        slot.parameter.remove_hook(slot.hook);
    for (Bucket& bucket : buckets_)
        if (bucket.pending) {
            try {
                bucket.pending->wait();
            } catch (...) {  // the step already failed; nothing to report twice
            }
        }
}

void GradientBuckets::startStep(const std::string& during)
{
    during_ = during;
    for (Slot& slot : slots_)
        slot.arrived = false;
    for (Bucket& bucket : buckets_) {
        bucket.arrived = 0;
        bucket.launched = false;
        bucket.pending.reset();
    }
}

void GradientBuckets::onGradient(int index, const torch::Tensor& gradient)
{
    Slot& slot = slots_[static_cast<size_t>(index)];
    Bucket& bucket = buckets_[static_cast<size_t>(slot.bucket)];
    if (slot.arrived || bucket.launched)
        return;  // a parameter used twice in one step would need accumulation; none is
    torch::NoGradGuard noGrad;
    bucket.flat.narrow(0, slot.offset, slot.parameter.numel()).view(slot.parameter.sizes()).copy_(gradient);
    slot.arrived = true;
    if (++bucket.arrived == static_cast<int>(bucket.slots.size()))
        launch(bucket);
}

void GradientBuckets::launch(Bucket& bucket)
{
    bucket.launched = true;
    bucket.pending = group_.allReduceSumAsync(bucket.flat, "the gradient all-reduce of " + during_);
}

void GradientBuckets::finishStep(double divisor)
{
    torch::NoGradGuard noGrad;
    const auto started = std::chrono::steady_clock::now();
    // Buckets are launched in the same order on every rank: gradients that never arrived
    // (a rank without samples this step) are zeros.
    for (Bucket& bucket : buckets_) {
        if (bucket.launched)
            continue;
        for (int index : bucket.slots) {
            Slot& slot = slots_[static_cast<size_t>(index)];
            if (!slot.arrived)
                bucket.flat.narrow(0, slot.offset, slot.parameter.numel()).zero_();
        }
        launch(bucket);
    }
    for (Bucket& bucket : buckets_) {
        bucket.pending->wait();
        bucket.pending.reset();
        if (divisor != 1.0)
            bucket.flat.div_(divisor);
        for (int index : bucket.slots) {
            Slot& slot = slots_[static_cast<size_t>(index)];
            const torch::Tensor averaged = bucket.flat.narrow(0, slot.offset, slot.parameter.numel()).view(slot.parameter.sizes());
            torch::Tensor& gradient = slot.parameter.mutable_grad();
            if (!gradient.defined())
                gradient = torch::empty_like(slot.parameter);
            gradient.copy_(averaged);
        }
    }
    lastWaitSeconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

} // namespace kg
