// Training benchmarks (results in docs/PERFORMANCE.md, section "Training"):
//  (a) frozen mode: an epoch on cached backbone features vs an epoch that runs the backbone
//      on every image (the real Trainer, in-memory images, no augmentation);
//  (b) one fine-tune step (forward, cross-entropy, backward, Adam) of a full-size network,
//      ResNet152V2 at 224×224 batch 16 by default, channels-last vs contiguous.
// usage: bench_train [--arch resnet50v2] [--images 200] [--size 128] [--epochs 3]
//                    [--step-arch resnet152v2] [--step-size 224] [--step-batch 16] [--steps 3]
//                    [--skip-frozen] [--skip-step]
#include "BenchSupport.h"

#include "core/model/ModelImpl.h"
#include "core/runtime/Runtime.h"
#include "core/train/Trainer.h"
#include "core/train/TrainingData.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>
#include <filesystem>
#include <string>
#include <vector>

using namespace kg;
using kgbench::median;
using Clock = std::chrono::steady_clock;

namespace {


struct Settings {
    std::string arch = "resnet50v2";
    int images = 200, size = 128, epochs = 3;
    std::string stepArch = "resnet152v2";
    int stepSize = 224, stepBatch = 16, steps = 3;
    bool frozen = true, step = true;
};

std::string tempRunDir(const char* name)
{
    const auto dir = std::filesystem::temp_directory_path() / ("kneegrade-bench-train-" + std::to_string(::getpid()) + "-" + name);
    std::filesystem::remove_all(dir);
    return dir.string();
}

/// Runs the Trainer in frozen mode and returns {per-epoch seconds, total seconds}.
std::pair<std::vector<double>, double> frozenRun(const Settings& s, bool cache)
{
    auto generator = at::detail::createCPUGenerator(1);
    const torch::Tensor images = at::rand({s.images, 3, s.size, s.size}, generator, torch::kFloat32) * 2 - 1;
    const torch::Tensor labels = torch::arange(s.images, torch::kInt64) % 5;
    const int val = std::max(10, s.images / 5);
    auto data = std::make_shared<TensorTrainingData>(images, labels, images.narrow(0, 0, val), labels.narrow(0, 0, val));
    TrainOptions o;
    o.runDir = tempRunDir(cache ? "cached" : "recomputed");
    o.model.backbone = parseArchitecture(s.arch);
    o.preprocessing.imageSize = s.size;
    o.mode = TrainingMode::Frozen;
    o.epochs = s.epochs;
    o.augment = false;
    o.cacheFrozenFeatures = cache;
    o.imagenetWeights.clear();
    o.checkpoint.saveBest = o.checkpoint.saveLast = false;  // time the training, not the disk
    o.runtime.device = DevicePreference::Cpu;
    const auto start = Clock::now();
    const TrainingResult result = Trainer(o, data).run();
    const double total = std::chrono::duration<double>(Clock::now() - start).count();
    std::filesystem::remove_all(o.runDir);
    if (result.status != TrainingResult::Status::Completed) {
        std::fprintf(stderr, "frozen run failed: %s\n", result.message.c_str());
        std::exit(1);
    }
    std::vector<double> seconds;
    for (const auto& r : result.history)
        seconds.push_back(r.durationSeconds);
    return {seconds, total};
}

double processCpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

/// A full-size network with Adam, in one memory layout, ready to take training steps.
struct StepRig {
    StepRig(const Settings& s, bool channelsLast) : model(modelOptions(s)), channelsLast(channelsLast)
    {
        auto& impl = model.impl();
        impl.moveTo(torch::kCPU);  // channels-last parameters
        if (!channelsLast) {
            torch::NoGradGuard noGrad;
            for (auto& p : impl.net->parameters())
                p.set_data(p.contiguous());
        }
        impl.net->train();
        adam = std::make_unique<torch::optim::Adam>(impl.net->parameters(), torch::optim::AdamOptions(1e-4).eps(1e-7));
        auto generator = at::detail::createCPUGenerator(2);
        const torch::Tensor images = at::rand({s.stepBatch, 3, s.stepSize, s.stepSize}, generator, torch::kFloat32) * 2 - 1;
        labels = torch::arange(s.stepBatch, torch::kInt64) % 5;
        input = channelsLast ? impl.prepareInput(images) : images.contiguous();
    }
    static ModelOptions modelOptions(const Settings& s)
    {
        ModelOptions options;
        options.backbone = parseArchitecture(s.stepArch);
        return options;
    }
    /// {wall seconds, process CPU seconds} of one step: forward, cross-entropy, backward, Adam.
    std::pair<double, double> step()
    {
        const auto start = Clock::now();
        const double cpu = processCpuSeconds();
        const torch::Tensor logits = model.impl().net->forward(input).logits;
        const torch::Tensor loss = torch::nn::functional::cross_entropy(logits, labels);
        adam->zero_grad();
        loss.backward();
        adam->step();
        return {std::chrono::duration<double>(Clock::now() - start).count(), processCpuSeconds() - cpu};
    }
    Model model;
    bool channelsLast = true;
    std::unique_ptr<torch::optim::Adam> adam;
    torch::Tensor input, labels;
};

} // namespace

int main(int argc, char** argv)
{
    Settings s;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
        if (a == "--arch") s.arch = next();
        else if (a == "--images") s.images = std::stoi(next());
        else if (a == "--size") s.size = std::stoi(next());
        else if (a == "--epochs") s.epochs = std::stoi(next());
        else if (a == "--step-arch") s.stepArch = next();
        else if (a == "--step-size") s.stepSize = std::stoi(next());
        else if (a == "--step-batch") s.stepBatch = std::stoi(next());
        else if (a == "--steps") s.steps = std::stoi(next());
        else if (a == "--skip-frozen") s.frozen = false;
        else if (a == "--skip-step") s.step = false;
        else {
            std::fprintf(stderr, "unknown option %s (see the comment at the top of bench_train.cpp)\n", a.c_str());
            return 2;
        }
    }
    const RuntimeInfo runtime = configureRuntime({});
    std::printf("bench_train · LibTorch %s · %s · %d threads · BLAS %s\n", runtime.torchVersion.c_str(),
                runtime.deviceName.c_str(), runtime.threads, runtime.blas.c_str());

    if (s.frozen) {
        std::printf("\n(a) frozen mode, %s, %d images %d px (+%d val), %d epochs, batch 16\n", s.arch.c_str(), s.images, s.size,
                    std::max(10, s.images / 5), s.epochs);
        const auto [recomputed, recomputedTotal] = frozenRun(s, false);
        const auto [cached, cachedTotal] = frozenRun(s, true);
        double cachedEpochs = 0;
        for (double e : cached)
            cachedEpochs += e;
        const double mRecomputed = median(recomputed), mCached = median(cached);
        std::printf("  backbone every epoch: median epoch %.3f s (run %.1f s)\n", mRecomputed, recomputedTotal);
        std::printf("  feature cache:        median epoch %.4f s (run %.1f s, of which building the cache ≈ %.1f s)\n", mCached,
                    cachedTotal, cachedTotal - cachedEpochs);
        std::printf("  epoch speed-up: %.0f×; whole %d-epoch run: %.1f×\n", mRecomputed / mCached, s.epochs,
                    recomputedTotal / cachedTotal);
    }
    if (s.step) {
        std::printf("\n(b) one fine-tune step, %s, %d×%d, batch %d (forward + CE + backward + Adam)\n", s.stepArch.c_str(),
                    s.stepSize, s.stepSize, s.stepBatch);
        // Both layouts live side by side and take turns, so a change in machine load hits both.
        StepRig last(s, true), contiguous(s, false);
        std::vector<double> wallLast, wallContiguous, cpuLast, cpuContiguous, ratios;
        for (int i = 0; i <= s.steps; ++i) {
            const auto [wl, cl] = last.step();
            const auto [wc, cc] = contiguous.step();
            std::printf("    step %d: channels-last %.2f s (CPU %.1f s), contiguous %.2f s (CPU %.1f s)%s\n", i, wl, cl, wc, cc,
                        i == 0 ? "  (warm-up, not counted)" : "");
            std::fflush(stdout);
            if (i == 0)
                continue;
            wallLast.push_back(wl);
            wallContiguous.push_back(wc);
            cpuLast.push_back(cl);
            cpuContiguous.push_back(cc);
            ratios.push_back(wc / wl);
        }
        const double l = median(wallLast), c = median(wallContiguous);
        std::printf("  channels-last: median %.2f s/step = %.2f img/s (CPU %.1f s/step)\n", l, s.stepBatch / l, median(cpuLast));
        std::printf("  contiguous:    median %.2f s/step = %.2f img/s (CPU %.1f s/step)\n", c, s.stepBatch / c, median(cpuContiguous));
        std::printf("  channels-last speed-up: %.2f× (median of per-step ratios %.2f×)\n", c / l, median(ratios));
    }
    return 0;
}
