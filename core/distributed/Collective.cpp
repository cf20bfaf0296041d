#include "core/distributed/Collective.h"

#include "core/util/Error.h"

#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#if defined(KNEEGRADE_WITH_NCCL)
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif
#include <torch/version.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace kg {
namespace {

// 1.x: the backends derive from c10d::ProcessGroup; 2.x: from c10d::Backend, with the same
// collective signatures.
#if TORCH_VERSION_MAJOR >= 2
using GroupBase = c10d::Backend;
#else
using GroupBase = c10d::ProcessGroup;
#endif

bool isLoopback(const std::string& address)
{
    return address == "localhost" || address.rfind("127.", 0) == 0 || address == "::1";
}

std::string seconds(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

} // namespace

struct Collective::Pending::Work {
    c10::intrusive_ptr<c10d::Work> work;
    const Collective* owner = nullptr;
    std::string during;
};

struct Collective::Impl {
    c10::intrusive_ptr<c10d::Store> store;
    c10::intrusive_ptr<GroupBase> group;
};

Collective::Collective(const DistributedOptions& options, const torch::Device& device)
    : options_(options), device_(device), impl_(std::make_unique<Impl>())
{
    validateDistributedOptions(options_);
    const auto timeout = std::chrono::milliseconds(static_cast<std::int64_t>(options_.timeoutSeconds * 1000));
    const bool nccl = options_.backend == CollectiveBackend::Nccl ||
                      (options_.backend == CollectiveBackend::Auto && device_.is_cuda());
#if !defined(KNEEGRADE_WITH_NCCL)
    if (nccl && options_.backend == CollectiveBackend::Nccl)
        throw Error("distributed training: this build has no NCCL (it needs a CUDA LibTorch with NCCL, configured with "
                    "-DKNEEGRADE_NCCL=ON); use the gloo backend");
#endif
    const std::string where = options_.masterAddress + ":" + std::to_string(options_.masterPort);
    try {
        c10d::TCPStoreOptions storeOptions;
        storeOptions.port = static_cast<std::uint16_t>(options_.masterPort);
        storeOptions.isServer = options_.rank == 0 && !options_.launcherServesStore;
        storeOptions.numWorkers = static_cast<std::size_t>(options_.worldSize);
        storeOptions.timeout = timeout;
        storeOptions.waitWorkers = !options_.launcherServesStore;
        // Our keys under a prefix of their own: torchrun's agent store holds its own.
        impl_->store = c10::make_intrusive<c10d::PrefixStore>(
            "kneegrade/", c10::make_intrusive<c10d::TCPStore>(options_.masterAddress, storeOptions));
    } catch (const std::exception& e) {
        throw Error("distributed training, rank " + std::to_string(options_.rank) + " of " + std::to_string(options_.worldSize) +
                    ": the rendezvous at " + where + " failed within " + seconds(options_.timeoutSeconds) + " s (" + e.what() +
                    "). Check that every rank was started with the same MASTER_ADDR/MASTER_PORT and WORLD_SIZE, that rank 0 "
                    "runs, and that the port is free and reachable.");
    }
    try {
#if defined(KNEEGRADE_WITH_NCCL)
        if (nccl) {
            auto ncclOptions = c10d::ProcessGroupNCCL::Options::create();
            ncclOptions->timeout = timeout;
            impl_->group = c10::make_intrusive<c10d::ProcessGroupNCCL>(impl_->store, options_.rank, options_.worldSize, ncclOptions);
            backend_ = "nccl";
        }
#endif
        if (!impl_->group) {
            auto glooOptions = c10d::ProcessGroupGloo::Options::create(timeout);
            // One machine: the loopback interface. Several: GLOO_SOCKET_IFNAME names the
            // interface, else the address this host's name resolves to (as torch.distributed).
            if (isLoopback(options_.masterAddress))
                glooOptions->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
            else if (const char* interface = std::getenv("GLOO_SOCKET_IFNAME"); interface && *interface)
                glooOptions->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(interface));
            else
                glooOptions->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
            glooOptions->threads = 2;
            impl_->group = c10::make_intrusive<c10d::ProcessGroupGloo>(impl_->store, options_.rank, options_.worldSize, glooOptions);
            backend_ = "gloo";
        }
    } catch (const Error&) {
        throw;
    } catch (const std::exception& e) {
        fail("connecting the process group through " + where, e.what());
    }
}

Collective::~Collective() = default;

void Collective::fail(const std::string& during, const std::string& what) const
{
    std::string detail = what;
    if (const auto newline = detail.find('\n'); newline != std::string::npos)
        detail.resize(newline);  // c10 errors append a stack trace
    throw Error("distributed training, rank " + std::to_string(options_.rank) + " of " + std::to_string(options_.worldSize) +
                ": " + during + " failed: " + detail + ". Another rank stopped (it failed, was killed, or was silent for " +
                "longer than the " + seconds(options_.timeoutSeconds) + " s timeout); this rank stops too. The last checkpoint " +
                "rank 0 saved stays loadable: resume the run once every rank can run.");
}

void Collective::Pending::wait()
{
    if (!work_)
        return;
    try {
        work_->work->wait();
    } catch (const std::exception& e) {
        const auto* owner = work_->owner;
        const std::string during = work_->during;
        work_.reset();
        owner->fail(during, e.what());
    }
    work_.reset();
}

Collective::Pending Collective::allReduceSumAsync(torch::Tensor& tensor, const std::string& during)
{
    auto pending = std::make_shared<Pending::Work>();
    pending->owner = this;
    pending->during = during;
    std::vector<torch::Tensor> tensors{tensor};
    try {
        pending->work = impl_->group->allreduce(tensors, c10d::AllreduceOptions{});
    } catch (const std::exception& e) {
        fail(during, e.what());
    }
    return Pending(std::move(pending));
}

void Collective::allReduceSum(torch::Tensor& tensor, const std::string& during)
{
    allReduceSumAsync(tensor, during).wait();
}

void Collective::broadcast(torch::Tensor& tensor, const std::string& during)
{
    std::vector<torch::Tensor> tensors{tensor};
    try {
        impl_->group->broadcast(tensors, c10d::BroadcastOptions{})->wait();
    } catch (const std::exception& e) {
        fail(during, e.what());
    }
}

std::vector<std::string> Collective::allGatherText(const std::string& text, const std::string& during)
{
    // Every rank fills its own row of a zeroed table; the sum over ranks holds every row.
    const auto device = collectiveDevice();
    torch::Tensor lengths = torch::zeros({size()}, torch::kInt64);
    lengths[rank()] = static_cast<std::int64_t>(text.size());
    lengths = lengths.to(device);
    allReduceSum(lengths, during);
    lengths = lengths.to(torch::kCPU);
    const std::int64_t width = std::max<std::int64_t>(lengths.max().item<std::int64_t>(), 1);
    torch::Tensor table = torch::zeros({size(), width}, torch::kUInt8);
    if (!text.empty())
        std::memcpy(table[rank()].data_ptr<std::uint8_t>(), text.data(), text.size());
    table = table.to(torch::kInt32).to(device);  // sums of bytes: no overflow, one rank per row
    allReduceSum(table, during);
    table = table.to(torch::kCPU).to(torch::kUInt8).contiguous();
    std::vector<std::string> texts;
    for (int r = 0; r < size(); ++r) {
        const auto* row = table[r].data_ptr<std::uint8_t>();
        texts.emplace_back(reinterpret_cast<const char*>(row), static_cast<size_t>(lengths[r].item<std::int64_t>()));
    }
    return texts;
}

void Collective::barrier(const std::string& during)
{
    try {
        impl_->group->barrier(c10d::BarrierOptions{})->wait();
    } catch (const std::exception& e) {
        fail(during, e.what());
    }
}

torch::Device Collective::collectiveDevice() const { return backend_ == "nccl" ? device_ : torch::Device(torch::kCPU); }

} // namespace kg
