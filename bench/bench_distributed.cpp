// Data-parallel training on this machine (results in docs/PERFORMANCE.md, "Several processes"):
//  (a) Gloo all-reduce over 127.0.0.1 between 2 ranks: latency of a small message, and the
//      time of one step's gradients of a full-size network, in the trainer's 25 MB buckets;
//  (b) the trainer itself, one process with every thread vs 2 ranks with a thread each, same
//      global batch, same images: images/s, and the all-reduce time each step waited for.
// usage: bench_distributed [--arch resnet152v2] [--step-arch resnet50v2] [--size 96]
//                          [--images 128] [--batch 16] [--epochs 3] [--repeats 5] [--pairs 3]
#include "core/distributed/Collective.h"
#include "core/distributed/LocalPort.h"
#include "core/distributed/GradientBuckets.h"
#include "core/model/ModelImpl.h"
#include "core/train/Trainer.h"
#include "core/train/TrainingData.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <thread>
#include <vector>

using namespace kg;
using Clock = std::chrono::steady_clock;

namespace {

struct Settings {
    std::string arch = "resnet152v2", stepArch = "resnet50v2";
    int size = 96, images = 128, batch = 16, epochs = 3, repeats = 5, pairs = 3;
};

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n == 0 ? 0.0 : n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

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

std::shared_ptr<TensorTrainingData> images(const Settings& s)
{
    torch::manual_seed(3);
    torch::Tensor train = torch::rand({s.images, 3, s.size, s.size}) * 2 - 1;
    torch::Tensor labels = torch::arange(s.images, torch::kInt64).remainder(5);
    torch::Tensor val = torch::rand({8, 3, s.size, s.size}) * 2 - 1;
    return std::make_shared<TensorTrainingData>(train, labels, val, torch::arange(8, torch::kInt64).remainder(5), 42, "bench");
}

TrainOptions stepOptions(const Settings& s, const std::string& runDir, int threads)
{
    TrainOptions o;
    o.runDir = runDir;
    o.model.backbone = parseArchitecture(s.stepArch);
    o.preprocessing.imageSize = s.size;
    o.epochs = s.epochs;
    o.batchSize = s.batch;
    o.learningRate = 1e-3;
    o.augment = false;
    o.earlyStopping.enabled = false;
    o.checkpoint.saveBest = false;
    o.checkpoint.saveLast = false;
    o.runtime.threads = threads;
    o.runtime.device = DevicePreference::Cpu;
    return o;
}

/// Median training images/s over the epochs after the first (history durations include the
/// 8 validation images).
double imagesPerSecond(const TrainingResult& result, int images)
{
    std::vector<double> rates;
    for (size_t i = 1; i < result.history.size(); ++i)
        rates.push_back(images / result.history[i].durationSeconds);
    return median(rates);
}

/// The all-reduce time each step waited for (not hidden behind backward), epochs after the
/// first, from a run's train.log.
std::vector<double> allReduceWaits(const std::filesystem::path& runDir)
{
    std::vector<double> waits;
    std::ifstream log(runDir / "train.log");
    const std::regex wait(R"(all-reduce waits ([0-9.]+) ms/step)");
    for (std::string line; std::getline(log, line);)
        if (std::smatch m; std::regex_search(line, m, wait))
            waits.push_back(std::stod(m[1]));
    if (!waits.empty())
        waits.erase(waits.begin());
    return waits;
}

/// (b) one process and two ranks, in turn `pairs` times (a busy machine then slows both).
void benchTrainer(const Settings& s)
{
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const auto base = std::filesystem::temp_directory_path() / ("kneegrade-bench-distributed-" + std::to_string(::getpid()));
    std::vector<double> one, two, ratios, waits;
    for (int pair = 0; pair < s.pairs; ++pair) {
        std::filesystem::remove_all(base);
        const TrainingResult alone = Trainer(stepOptions(s, (base / "one").string(), static_cast<int>(cores)), images(s)).run();
        const int port = freeLocalPort();
        std::vector<TrainingResult> ranks(2);
        onTwoRanks([&](int rank) {
            Trainer trainer(stepOptions(s, (base / "two").string(), std::max(1, static_cast<int>(cores) / 2)), images(s));
            trainer.setDistributed(rankOf(rank, port));
            ranks[static_cast<size_t>(rank)] = trainer.run();
        });
        one.push_back(imagesPerSecond(alone, s.images));
        two.push_back(imagesPerSecond(ranks[0], s.images));
        ratios.push_back(two.back() / one.back());
        for (double w : allReduceWaits(base / "two"))
            waits.push_back(w);
    }
    std::filesystem::remove_all(base);
    std::printf("trainer, %s at %d px, global batch %d, %d images, epochs 2..%d, %d pairs in turn (medians):\n",
                s.stepArch.c_str(), s.size, s.batch, s.images, s.epochs, s.pairs);
    std::printf("  1 process  × %u threads   %7.2f img/s\n", cores, median(one));
    std::printf("  2 ranks    × %u thread(s) %7.2f img/s  (%.2fx; all-reduce waited %.1f ms/step)\n", std::max(1u, cores / 2),
                median(two), median(ratios), median(waits));
}

} // namespace

int main(int argc, char** argv)
{
    Settings s;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string name = argv[i], value = argv[i + 1];
        if (name == "--arch") s.arch = value;
        else if (name == "--step-arch") s.stepArch = value;
        else if (name == "--size") s.size = std::stoi(value);
        else if (name == "--images") s.images = std::stoi(value);
        else if (name == "--batch") s.batch = std::stoi(value);
        else if (name == "--epochs") s.epochs = std::stoi(value);
        else if (name == "--repeats") s.repeats = std::stoi(value);
        else if (name == "--pairs") s.pairs = std::stoi(value);
        else {
            std::fprintf(stderr, "unknown option %s\n", argv[i]);
            return 2;
        }
    }
    benchAllReduce(s);
    benchTrainer(s);
    return 0;
}
