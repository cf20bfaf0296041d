// Gloo all-reduce over 127.0.0.1 between 2 ranks (results in docs/PERFORMANCE.md, "Several
// processes"): the latency of a small message, one 25 MB bucket, and one step's gradients of a
// full-size network in the trainer's buckets. The ranks are two threads of this process; the
// bytes go through TCP as between two processes. The trainer as several processes is measured
// by bench_distributed_cli.sh.
// usage: bench_distributed [--arch resnet152v2] [--repeats 5]
#include "BenchSupport.h"

#include "core/distributed/Collective.h"
#include "core/distributed/LocalPort.h"
#include "core/distributed/GradientBuckets.h"
#include "core/model/ModelImpl.h"


#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

using namespace kg;
using kgbench::median;
using Clock = std::chrono::steady_clock;

namespace {

struct Settings {
    std::string arch = "resnet152v2";
    int repeats = 5;
};


DistributedOptions rankOf(int rank, int port)
{
    DistributedOptions job;
    job.rank = rank;
    job.worldSize = 2;
    job.localRank = rank;
    job.masterPort = port;
    job.timeoutSeconds = 120;
    return job;
}

/// Runs fn(rank) on two threads and waits for both.
template <typename Fn>
void onTwoRanks(Fn&& fn)
{
    std::thread second([&] { fn(1); });
    fn(0);
    second.join();
}

/// (a) the all-reduces of one step: `floats` gradients cut into buckets of `bucketBytes`.
double allReduceSeconds(Collective& group, std::int64_t floats, std::int64_t bucketBytes, int repeats)
{
    std::vector<torch::Tensor> buckets;
    for (std::int64_t left = floats; left > 0;) {
        const std::int64_t n = std::min<std::int64_t>(left, bucketBytes / 4);
        buckets.push_back(torch::ones({n}));
        left -= n;
    }
    std::vector<double> times;
    for (int r = 0; r < repeats + 1; ++r) {
        group.barrier("the benchmark");
        const auto start = Clock::now();
        std::vector<Collective::Pending> pending;
        for (auto& bucket : buckets)
            pending.push_back(group.allReduceSumAsync(bucket, "the benchmark"));
        for (auto& p : pending)
            p.wait();
        if (r > 0)  // the first round sets up the pairs' buffers
            times.push_back(std::chrono::duration<double>(Clock::now() - start).count());
    }
    return median(times);
}

void benchAllReduce(const Settings& s)
{
    ModelOptions options;
    options.backbone = parseArchitecture(s.arch);
    Model model(options);
    std::int64_t floats = 0;
    for (const auto& p : model.impl().net->parameters())
        floats += p.numel();
    const int port = freeLocalPort();
    std::vector<double> results(4);
    onTwoRanks([&](int rank) {
        Collective group(rankOf(rank, port), torch::Device(torch::kCPU));
        const double small = allReduceSeconds(group, 2, 1 << 20, 20 * s.repeats);
        const double bucket = allReduceSeconds(group, GradientBuckets::kDefaultBucketBytes / 4, GradientBuckets::kDefaultBucketBytes,
                                               s.repeats);
        const double step = allReduceSeconds(group, floats, GradientBuckets::kDefaultBucketBytes, s.repeats);
        if (rank == 0)
            results = {small, bucket, step, static_cast<double>(floats)};
    });
    const double mb = results[3] * 4 / 1e6;
    std::printf("all-reduce, 2 ranks, Gloo over 127.0.0.1 (median of %d):\n", s.repeats);
    std::printf("  2 floats (latency)          %8.3f ms\n", 1000 * results[0]);
    std::printf("  one 25 MB bucket            %8.1f ms  (%.2f GB/s algorithm bandwidth)\n", 1000 * results[1],
                GradientBuckets::kDefaultBucketBytes / 1e9 / results[1]);
    std::printf("  %s gradients %.0f MB  %8.1f ms  (%.2f GB/s, %d buckets)\n", s.arch.c_str(), mb, 1000 * results[2],
                mb / 1e3 / results[2], static_cast<int>((results[3] * 4 + GradientBuckets::kDefaultBucketBytes - 1) /
                                                         GradientBuckets::kDefaultBucketBytes));
}

} // namespace

int main(int argc, char** argv)
{
    const kgbench::Flags flags(argc, argv, {"--arch", "--repeats"}, "bench_distributed [--arch resnet152v2] [--repeats 5]");
    Settings s;
    s.arch = flags.text("--arch", s.arch);
    s.repeats = flags.number("--repeats", s.repeats);
    benchAllReduce(s);
    return 0;
}
