// Training throughput through kg::Trainer (not a raw step): ResNet152V2 + the tutorial head at
// 224 px on in-memory batches, per precision, determinism and batch size, with the largest
// batch that fits and (CUDA builds with the CUDA headers) the peak GPU memory of each.
// Prints a table and writes one JSON line per configuration (--json) for side_by_side.py.
//   bench_trainer [--device cpu|cuda] [--arch NAME] [--size PX] [--steps N] [--warmup N]
//                 [--configs fp32:32,bf16:32,...] [--json FILE] [--out DIR] [--threads N]
// A configuration is PRECISION[-det]:BATCH, PRECISION fp32 (TF32 on CUDA) or bf16 (CUDA
// autocast), -det for deterministic kernels. On the CPU (a smoke test of the same code) use a
// small --arch and --size.
#include "bench/BenchSupport.h"

#include "core/runtime/Runtime.h"
#include "core/train/Trainer.h"
#include "core/train/TrainingData.h"
#include "core/util/TorchCompat.h"

#if __has_include(<cuda_runtime_api.h>) && !defined(KG_BENCH_NO_CUDA_MEMORY)
#include <c10/cuda/CUDACachingAllocator.h>
#define KG_BENCH_CUDA_MEMORY 1
#endif

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct Configuration {
    std::string precision;  // fp32 | bf16
    bool deterministic = false;
    int batch = 32;
    std::string name() const { return precision + (deterministic ? " deterministic" : "") + ", batch " + std::to_string(batch); }
};

std::vector<Configuration> parseConfigurations(const std::string& text)
{
    std::vector<Configuration> configurations;
    std::stringstream list(text);
    std::string item;
    while (std::getline(list, item, ',')) {
        const auto colon = item.find(':');
        Configuration c;
        std::string precision = item.substr(0, colon);
        if (precision.size() > 4 && precision.substr(precision.size() - 4) == "-det") {
            c.deterministic = true;
            precision.resize(precision.size() - 4);
        }
        c.precision = precision;
        c.batch = colon == std::string::npos ? 0 : std::atoi(item.c_str() + colon + 1);
        if ((precision != "fp32" && precision != "bf16") || c.batch < 1) {
            std::fprintf(stderr, "bench_trainer: bad configuration '%s' (PRECISION[-det]:BATCH)\n", item.c_str());
            std::exit(2);
        }
        configurations.push_back(c);
    }
    return configurations;
}

/// Starts peakMemoryGib's count anew (where this build can read it).
void resetPeakMemory([[maybe_unused]] bool cuda)
{
#ifdef KG_BENCH_CUDA_MEMORY
    if (cuda)
        c10::cuda::CUDACachingAllocator::resetPeakStats(0);
#endif
}

/// Peak GPU memory since resetPeakMemory, in GiB; nullopt where this build cannot read it.
std::optional<double> peakMemoryGib([[maybe_unused]] bool cuda)
{
#ifdef KG_BENCH_CUDA_MEMORY
    if (cuda) {
        const auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(0);
        return static_cast<double>(stats.allocated_bytes[static_cast<size_t>(c10::CachingAllocator::StatType::AGGREGATE)].peak) /
               (1024.0 * 1024.0 * 1024.0);
    }
#endif
    return std::nullopt;
}

struct Measurement {
    bool ran = false;
    bool outOfMemory = false;
    std::string error;
    double imagesPerSecond = 0, secondsPerStep = 0;
    std::optional<double> peakGib;
};

/// One epoch of `steps` batches; the steps after `warmup` are timed from the trainer's
/// progress reports (on CUDA every few batches, after the GPU has drained its queue).
Measurement measure(const Configuration& c, bool cuda, const std::string& arch, int size, int steps, int warmup,
                    const fs::path& runDir, int threads)
{
    kg::TrainOptions o;
    o.runDir = runDir.string();
    o.model.backbone = kg::parseArchitecture(arch);
    o.preprocessing.imageSize = size;
    o.batchSize = c.batch;
    o.epochs = 1;
    o.learningRate = 1e-4;
    o.mixedPrecision = c.precision == "bf16";
    o.deterministic = c.deterministic;
    o.augment = false;              // in-memory batches: the loader's work is not what is measured
    o.checkpoint.saveBest = false;  // nor is writing a 230 MB checkpoint
    o.checkpoint.saveLast = false;
    o.earlyStopping.enabled = false;
    o.runtime.device = cuda ? kg::DevicePreference::Cuda : kg::DevicePreference::Cpu;
    o.runtime.threads = threads;
    torch::manual_seed(11);
    const torch::Tensor images = torch::rand({static_cast<std::int64_t>(c.batch) * steps, 3, size, size}) * 2.0 - 1.0;
    const torch::Tensor labels = torch::arange(images.size(0), torch::kInt64).remainder(5);
    auto data = std::make_shared<kg::TensorTrainingData>(images, labels, images.narrow(0, 0, c.batch).clone(),
                                                         labels.narrow(0, 0, c.batch).clone(), 42, "bench-trainer");
    std::vector<std::pair<int, double>> reports;  // (batch, seconds)
    const auto start = Clock::now();
    resetPeakMemory(cuda);
    const kg::TrainingResult result = kg::Trainer(o, data).run([&](const kg::TrainingProgress& p) {
        if (p.phase == kg::TrainingProgress::Phase::Training && p.batch > 0)
            reports.emplace_back(p.batch, std::chrono::duration<double>(Clock::now() - start).count());
        return true;
    });
    Measurement m;
    m.peakGib = peakMemoryGib(cuda);
    if (result.status != kg::TrainingResult::Status::Completed) {
        m.error = result.message;
        m.outOfMemory = result.message.find("out of memory") != std::string::npos;
        return m;
    }
    const auto from = std::find_if(reports.begin(), reports.end(), [&](const auto& r) { return r.first >= warmup; });
    if (from == reports.end() || reports.back().first <= from->first) {
        m.error = "no progress report after the warm-up batches";
        return m;
    }
    m.ran = true;
    m.secondsPerStep = (reports.back().second - from->second) / (reports.back().first - from->first);
    m.imagesPerSecond = c.batch / m.secondsPerStep;
    return m;
}

std::string jsonLine(const Configuration& c, const Measurement& m, const std::string& arch, int size, const std::string& device)
{
    char text[512];
    std::snprintf(text, sizeof text,
                  "{\"kind\": \"trainer\", \"arch\": \"%s\", \"size\": %d, \"device\": \"%s\", \"precision\": \"%s\", "
                  "\"deterministic\": %s, \"batch\": %d, \"fits\": %s",
                  arch.c_str(), size, device.c_str(), c.precision.c_str(), c.deterministic ? "true" : "false", c.batch,
                  m.outOfMemory ? "false" : "true");
    std::string line = text;
    if (m.ran) {
        std::snprintf(text, sizeof text, ", \"images_per_s\": %.2f, \"seconds_per_step\": %.5f", m.imagesPerSecond,
                      m.secondsPerStep);
        line += text;
    }
    if (m.peakGib) {
        std::snprintf(text, sizeof text, ", \"peak_memory_gib\": %.2f", *m.peakGib);
        line += text;
    }
    if (!m.ran)
        line += ", \"error\": \"" + std::string(m.outOfMemory ? "out of memory" : "failed") + "\"";
    return line + "}";
}

} // namespace

int main(int argc, char** argv)
{
    const kgbench::Flags flags(argc, argv, {"--device", "--arch", "--size", "--steps", "--warmup", "--configs", "--json", "--out", "--threads"},
                               "bench_trainer [--device cpu|cuda] [--arch NAME] [--size PX] [--steps N] [--warmup N] "
                               "[--configs fp32:32,bf16-det:32,...] [--json FILE] [--out DIR] [--threads N]");
    const bool cuda = flags.text("--device", torch::cuda::is_available() ? "cuda" : "cpu") == "cuda";
    if (cuda && !torch::cuda::is_available()) {
        std::fprintf(stderr, "bench_trainer: --device cuda, but LibTorch %s sees no CUDA device\n", kg::compat::torchVersion().c_str());
        return 2;
    }
    const std::string arch = flags.text("--arch", "resnet152v2");
    const int size = flags.number("--size", 224);
    const int steps = flags.number("--steps", 24), warmup = flags.number("--warmup", 8);
    const int threads = flags.number("--threads", 0);
    const auto configurations = parseConfigurations(
        flags.text("--configs", cuda ? "fp32:32,bf16:32,fp32-det:32,bf16-det:32,fp32:128,bf16:64,bf16:128,bf16:256" : "fp32:8,fp32:16"));
    if (warmup < 1 || steps <= warmup) {
        std::fprintf(stderr, "bench_trainer: need 1 <= --warmup < --steps\n");
        return 2;
    }
    const fs::path out = flags.text("--out", (fs::temp_directory_path() / "kneegrade-bench-trainer").string());
    fs::create_directories(out);
    std::ofstream json;
    if (const std::string path = flags.text("--json", ""); !path.empty())
        json.open(path);

    kg::RuntimeOptions runtimeOptions;
    runtimeOptions.device = cuda ? kg::DevicePreference::Cuda : kg::DevicePreference::Cpu;
    runtimeOptions.threads = threads;
    const kg::RuntimeInfo runtime = kg::configureRuntime(runtimeOptions);
    std::printf("bench_trainer: %s at %d px through kg::Trainer, LibTorch %s, %s; steps %d-%d of %d timed%s\n", arch.c_str(),
                size, runtime.torchVersion.c_str(), runtime.deviceName.c_str(), warmup + 1, steps, steps,
#ifdef KG_BENCH_CUDA_MEMORY
                ""
#else
                cuda ? " (peak memory: this build has no CUDA headers)" : ""
#endif
    );
    std::printf("%-28s %10s %10s %10s\n", "configuration", "img/s", "s/step", "peak GiB");
    std::map<std::string, int> largestFitting;
    int failures = 0;
    for (size_t i = 0; i < configurations.size(); ++i) {
        const Configuration& c = configurations[i];
        const Measurement m = measure(c, cuda, arch, size, steps, warmup, out / ("run-" + std::to_string(i)), threads);
        const std::string peak = m.peakGib ? std::to_string(*m.peakGib).substr(0, 5) : "n/a";
        if (m.ran) {
            std::printf("%-28s %10.1f %10.4f %10s\n", c.name().c_str(), m.imagesPerSecond, m.secondsPerStep, peak.c_str());
            int& largest = largestFitting[c.precision + (c.deterministic ? "-det" : "")];
            largest = std::max(largest, c.batch);
        } else {
            std::printf("%-28s %10s   %s\n", c.name().c_str(), m.outOfMemory ? "OOM" : "FAILED", m.error.substr(0, 200).c_str());
            failures += m.outOfMemory ? 0 : 1;
        }
        std::fflush(stdout);
        if (json.is_open())
            json << jsonLine(c, m, arch, size, cuda ? "cuda" : "cpu") << "\n" << std::flush;
    }
    for (const auto& [precision, batch] : largestFitting)
        std::printf("largest batch that trained (%s): %d of those tried\n", precision.c_str(), batch);
    return failures ? 1 : 0;
}
