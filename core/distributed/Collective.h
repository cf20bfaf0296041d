#pragma once
// Internal (torch): one process's membership of a c10d process group — rendezvous through a
// TCPStore, then Gloo (CPU tensors) or NCCL (CUDA tensors) collectives. Every failure of a
// collective (a peer that died, one silent past the timeout) becomes a kg::Error that says
// which rank saw it, during what, and what to do.
#include "core/distributed/DistributedOptions.h"
#include "core/util/TorchInclude.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace kg {

class Collective {
public:
    /// An all-reduce in flight; wait() blocks until it is done (throws kg::Error on failure).
    class Pending {
    public:
        struct Work;
        explicit Pending(std::shared_ptr<Work> work) : work_(std::move(work)) {}
        void wait();

    private:
        std::shared_ptr<Work> work_;
    };

    /// Joins the job: rank 0 serves the TCPStore at masterAddress:masterPort, the others
    /// connect; returns when all worldSize ranks are there. `device`: where the collectives'
    /// tensors live (CUDA picks NCCL under CollectiveBackend::Auto). Throws kg::Error when the
    /// rendezvous fails or times out.
    Collective(const DistributedOptions& options, const torch::Device& device);
    ~Collective();
    Collective(const Collective&) = delete;
    Collective& operator=(const Collective&) = delete;

    int rank() const { return options_.rank; }
    int size() const { return options_.worldSize; }
    const DistributedOptions& options() const { return options_; }
    /// "gloo" or "nccl".
    const std::string& backendName() const { return backend_; }

    /// Element-wise sum over all ranks, in place, on every rank. `during` names the step for
    /// error messages ("the gradient all-reduce of epoch 3, batch 7").
    void allReduceSum(torch::Tensor& tensor, const std::string& during);
    /// The same, started now; the tensor must stay alive until wait().
    Pending allReduceSumAsync(torch::Tensor& tensor, const std::string& during);
    /// Rank 0's values into `tensor` on every rank.
    void broadcast(torch::Tensor& tensor, const std::string& during);
    /// Every rank's `text`, in rank order, on every rank.
    std::vector<std::string> allGatherText(const std::string& text, const std::string& during);
    /// Returns when every rank has called it.
    void barrier(const std::string& during);
    /// Where tensors handed to the collectives live: the CPU for Gloo, the GPU for NCCL.
    torch::Device collectiveDevice() const;

private:
    struct Impl;
    [[noreturn]] void fail(const std::string& during, const std::string& what) const;

    DistributedOptions options_;
    torch::Device device_;
    std::string backend_;
    std::unique_ptr<Impl> impl_;
};

} // namespace kg
