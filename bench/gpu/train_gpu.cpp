// Checks of the real training engine (kg::Trainer, kneegrade::train) on the
// CUDA path — bf16 autocast, channels-last, optimizer state and feature cache on the GPU,
// checkpoints written on the GPU and resumed there — fed synthetic in-memory images through
// core's TensorTrainingData, so no image decoding is needed. Also runs on the CPU.
// Prints one `PASS|FAIL|SKIP name: details` line per check and exits 1 when any fails.
// The trainer's throughput is measured by bench_trainer.
//   train_gpu [--device cpu|cuda] [--out DIR] [--quick] [--threads N]
// Run dirs go to a new folder train_gpu-XXXXXX under --out (default: the temp dir); nothing is deleted.
#include "core/data/DeterministicRandom.h"
#include "core/model/Checkpoint.h"
#include "core/model/ModelImpl.h"
#include "core/runtime/Runtime.h"
#include "core/train/RunFiles.h"
#include "core/train/Trainer.h"
#include "core/train/TrainingData.h"
#include "core/util/Error.h"
#include "core/util/TorchCompat.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

using namespace kg;
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

struct Args {
    bool cuda = false;
    std::string out;
    bool quick = false;
    int threads = -1;  // CPU intra-op threads for the runs; 0 = every core (the trainer's default); -1: 1 when quick, else 0
};

/// Sizes of the synthetic task and of the runs. Quick: a CPU self-check in seconds.
/// Keras' BatchNorm momentum (0.99) needs a few hundred steps before the running statistics
/// that validation uses settle (0.99^300 ≈ 5% of the initial values left), so the fine-tune
/// run is sized in steps: 12 epochs × 38 quick, 20 × 32 full.
struct Plan {
    int side = 64;
    int trainPerClass = 100, valPerClass = 20;
    int batchSize = 16;
    int fineTuneEpochs = 20;
    int resumeEpochs = 4;
    int frozenEpochs = 3;
    std::string arch = "resnetv2-small";
};

struct Synthetic {
    torch::Tensor images;  // N×3×side×side float32 in [-1, 1], CPU
    torch::Tensor labels;  // N int64 grades 0..4
};

/// Five classes: a bright blob whose row and size grow with the grade (both survive the
/// horizontal flips TensorTrainingData augments with), at a random column, on a dark noisy
/// background, in the [-1, 1] range preprocessing produces. Grayscale replicated to 3
/// channels like a radiograph. Deterministic from the seed (DeterministicRandom; libm's exp,
/// log and cos may differ in the last bit between C libraries).
Synthetic makeBlobs(int perClass, int side, std::uint64_t seed)
{
    const int n = perClass * 5;
    Synthetic data{torch::empty({n, 3, side, side}, torch::kFloat32), torch::empty({n}, torch::kInt64)};
    std::vector<float> gray(static_cast<size_t>(side) * side);
    for (int i = 0; i < n; ++i) {
        const int grade = i % 5;
        DeterministicRandom random(combineSeeds({seed, static_cast<std::uint64_t>(i)}));
        const double cy = side * (0.14 + 0.18 * grade + random.uniform(-0.04, 0.04));
        const double cx = side * random.uniform(0.25, 0.75);
        const double sigma = side * (0.05 + 0.012 * grade);
        const double amplitude = 1.1 + 0.1 * grade;
        for (int y = 0; y < side; ++y)
            for (int x = 0; x < side; ++x) {
                const double d2 = (y - cy) * (y - cy) + (x - cx) * (x - cx);
                const double v = -0.6 + amplitude * std::exp(-d2 / (2 * sigma * sigma)) + random.normal(0.0, 0.25);
                gray[static_cast<size_t>(y) * side + x] = static_cast<float>(std::clamp(v, -1.0, 1.0));
            }
        const torch::Tensor plane = torch::from_blob(gray.data(), {side, side}, torch::kFloat32);
        data.images[i].copy_(plane.unsqueeze(0).expand({3, side, side}));
        data.labels[i] = grade;
    }
    return data;
}

struct Data {
    Synthetic train, val;
    std::shared_ptr<TensorTrainingData> make() const
    {
        return std::make_shared<TensorTrainingData>(train.images, train.labels, val.images, val.labels, 42, "train-gpu-synthetic");
    }
};

// ---- reporting -----------------------------------------------------------------------------

int failures = 0;

void report(const char* status, const std::string& name, const std::string& details)
{
    std::printf("%s %s: %s\n", status, name.c_str(), details.c_str());
    std::fflush(stdout);
    if (std::string(status) == "FAIL")
        ++failures;
}

void note(const std::string& text)
{
    std::printf("  %s\n", text.c_str());
    std::fflush(stdout);
}

std::string fmt(const char* pattern, double value)
{
    char text[64];
    std::snprintf(text, sizeof text, pattern, value);
    return text;
}

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// ---- running the trainer -------------------------------------------------------------------

/// What a run's progress callback saw: training-batch times and per-epoch throughput.
struct Capture {
    std::vector<std::vector<double>> batchTimes;  // per epoch: seconds since start at each training progress report
    std::vector<std::vector<int>> batchIndices;   // per epoch: the batch each report followed (CUDA: every few)
    std::vector<double> epochImagesPerSecond;     // the trainer's training rate at each epoch's last batch
    int cancelAfterEpoch = 0;                     // > 0: cancel at the end of this epoch (as a kill would)
    Clock::time_point start = Clock::now();

    Trainer::ProgressCallback callback()
    {
        return [this](const TrainingProgress& p) {
            if (p.phase == TrainingProgress::Phase::Training && p.batch > 0) {
                if (static_cast<int>(batchTimes.size()) < p.epoch) {
                    batchTimes.resize(static_cast<size_t>(p.epoch));
                    batchIndices.resize(static_cast<size_t>(p.epoch));
                }
                batchTimes[static_cast<size_t>(p.epoch - 1)].push_back(std::chrono::duration<double>(Clock::now() - start).count());
                batchIndices[static_cast<size_t>(p.epoch - 1)].push_back(p.batch);
                if (p.batch == p.batches) {
                    epochImagesPerSecond.resize(static_cast<size_t>(std::max<int>(p.epoch, static_cast<int>(epochImagesPerSecond.size()))));
                    epochImagesPerSecond[static_cast<size_t>(p.epoch - 1)] = p.imagesPerSecond;
                }
            }
            return !(cancelAfterEpoch > 0 && p.phase == TrainingProgress::Phase::EpochEnd && p.epoch == cancelAfterEpoch);
        };
    }
};

TrainOptions baseOptions(const fs::path& runDir, const Args& args, const Plan& plan)
{
    TrainOptions o;
    o.runDir = runDir.string();
    o.model.backbone = parseArchitecture(plan.arch);  // tutorial head: Dense(128) → Dropout(0.2) → Dense(5)
    o.preprocessing.imageSize = plan.side;
    o.mode = TrainingMode::FineTune;
    o.batchSize = plan.batchSize;
    o.learningRate = 1e-3;  // from scratch (no ImageNet weights here); 1e-4 is meant for pretrained weights
    o.augment = true;  // TensorTrainingData: horizontal flips
    o.runtime.device = args.cuda ? DevicePreference::Cuda : DevicePreference::Cpu;
    o.runtime.threads = args.threads;
    o.seed = 7;
    // bf16 autocast on CUDA (ignored on the CPU): not the default, so the checks exercise it
    // here (bench_trainer measures both).
    o.mixedPrecision = true;
    return o;
}

bool finiteHistory(const std::vector<EpochRecord>& history)
{
    for (const auto& r : history)
        if (!std::isfinite(r.loss) || !std::isfinite(r.valLoss))
            return false;
    return !history.empty();
}

std::string statusName(TrainingResult::Status s)
{
    switch (s) {
    case TrainingResult::Status::Completed: return "completed";
    case TrainingResult::Status::EarlyStopped: return "early-stopped";
    case TrainingResult::Status::Cancelled: return "cancelled";
    case TrainingResult::Status::Failed: return "failed";
    }
    return "?";
}

/// "epoch 1 2.31 s, then median 0.52 s/epoch, training 612 img/s".
std::string timing(const TrainingResult& result, const Capture& capture)
{
    std::vector<double> later, rates;
    for (size_t i = 1; i < result.history.size(); ++i)
        later.push_back(result.history[i].durationSeconds);
    for (size_t i = 1; i < capture.epochImagesPerSecond.size(); ++i)
        rates.push_back(capture.epochImagesPerSecond[i]);
    std::string text = "epoch 1 " + fmt("%.2f", result.history.empty() ? 0.0 : result.history[0].durationSeconds) + " s";
    if (!later.empty())
        text += ", then median " + fmt("%.2f", median(later)) + " s/epoch (train + val)";
    if (!rates.empty())
        text += ", training " + fmt("%.0f", median(rates)) + " img/s";
    else if (!capture.epochImagesPerSecond.empty())
        text += ", training " + fmt("%.0f", capture.epochImagesPerSecond[0]) + " img/s";
    return text;
}

using Tensors = std::vector<std::pair<std::string, torch::Tensor>>;

Tensors tensorsOf(Model& model)
{
    Tensors out;
    for (auto& [name, t] : modelStateTensors(model.impl().net))
        out.emplace_back(name, t.detach().to(torch::kCPU).contiguous());
    return out;
}

double maxAbsDiff(const Tensors& a, const Tensors& b, const std::function<bool(const std::string&)>& which = {})
{
    double m = 0;
    for (size_t i = 0; i < a.size(); ++i)
        if (!which || which(a[i].first))
            m = std::max(m, (a[i].second.to(torch::kFloat64) - b[i].second.to(torch::kFloat64)).abs().max().item<double>());
    return m;
}

struct HistoryDiff {
    double loss = 0, accuracy = 0, learningRate = 0;
    bool sameEpochs = true;
};

HistoryDiff compareHistories(const std::vector<EpochRecord>& a, const std::vector<EpochRecord>& b)
{
    HistoryDiff d;
    if (a.size() != b.size()) {
        d.sameEpochs = false;
        return d;
    }
    for (size_t i = 0; i < a.size(); ++i) {
        d.sameEpochs = d.sameEpochs && a[i].epoch == b[i].epoch;
        d.loss = std::max({d.loss, std::abs(a[i].loss - b[i].loss), std::abs(a[i].valLoss - b[i].valLoss)});
        d.accuracy = std::max({d.accuracy, std::abs(a[i].accuracy - b[i].accuracy), std::abs(a[i].valAccuracy - b[i].valAccuracy)});
        d.learningRate = std::max(d.learningRate, std::abs(a[i].learningRate - b[i].learningRate));
    }
    return d;
}

/// Runs `check`, turning an escaped exception into a FAIL line.
void guarded(const std::string& name, const std::function<void()>& check)
{
    try {
        check();
    } catch (const std::exception& e) {
        report("FAIL", name, std::string("exception: ") + describeError(e));
    }
}

// ---- the checks ----------------------------------------------------------------------------

/// 1. Fine-tune with the run's defaults (bf16 autocast on CUDA): learns, writes checkpoints.
TrainingResult checkFineTune(const Args& args, const Plan& plan, const Data& data, const fs::path& root, double bar)
{
    TrainOptions o = baseOptions(root / "finetune", args, plan);
    o.epochs = plan.fineTuneEpochs;
    Capture capture;
    const TrainingResult result = Trainer(o, data.make()).run(capture.callback());
    const bool completed = result.status == TrainingResult::Status::Completed;
    const bool finite = finiteHistory(result.history);
    const double valAccuracy = result.history.empty() ? 0.0 : result.history.back().valAccuracy;
    const bool best = fs::exists(fs::path(o.runDir) / RunFiles::kBestCheckpoint);
    const bool last = fs::exists(fs::path(o.runDir) / RunFiles::kLastCheckpoint);
    std::string details = plan.arch + " " + std::to_string(plan.side) + " px, " + std::to_string(o.epochs) + " epochs, " +
                          (args.cuda ? "CUDA bf16 autocast" : "CPU fp32") + ": " + statusName(result.status) +
                          ", losses " + (finite ? "finite" : "NOT finite") + ", final loss " +
                          fmt("%.4f", result.history.empty() ? NAN : result.history.back().loss) + ", val_loss " +
                          fmt("%.4f", result.history.empty() ? NAN : result.history.back().valLoss) + ", val_accuracy " +
                          fmt("%.3f", valAccuracy) + " (bar " + fmt("%.2f", bar) + ", chance 0.20), best.kgckpt " +
                          (best ? "written" : "MISSING") + " (epoch " + std::to_string(result.bestEpoch) + "), last.kgckpt " +
                          (last ? "written" : "MISSING");
    if (!completed)
        details += " — " + result.message;
    report(completed && finite && valAccuracy >= bar && best && last ? "PASS" : "FAIL", "finetune", details);
    note("finetune timing: " + timing(result, capture) + ", " + std::to_string(data.train.labels.size(0)) + " train / " +
         std::to_string(data.val.labels.size(0)) + " val images");
    std::string accuracies;
    for (const auto& r : result.history)
        accuracies += (accuracies.empty() ? "" : " ") + fmt("%.2f", r.valAccuracy);
    note("finetune val_accuracy per epoch: " + accuracies);
    return result;
}

/// 2. N epochs straight vs N/2, stopped, Trainer::resume for the rest: same history and weights.
void checkResume(const Args& args, const Plan& plan, const Data& data, const fs::path& root)
{
    TrainOptions o = baseOptions(root / "resume-straight", args, plan);
    o.deterministic = true;  // CUDA: fixed cuDNN algorithms and deterministic kernels (the CPU always is)
    o.epochs = plan.resumeEpochs;
    // A plateau callback that changes the rate, so the callback state must survive the resume too.
    o.reduceLr.patience = 1;
    o.reduceLr.minDelta = 10;  // only epoch 1 improves (on infinity): the rate halves after epochs 2, 3, …
    o.reduceLr.factor = 0.5;
    o.reduceLr.minLearningRate = 0;
    Capture straightCapture;
    const TrainingResult straight = Trainer(o, data.make()).run(straightCapture.callback());

    o.runDir = (root / "resume-split").string();
    Capture firstCapture;
    firstCapture.cancelAfterEpoch = plan.resumeEpochs / 2;
    const TrainingResult first = Trainer(o, data.make()).run(firstCapture.callback());
    Capture secondCapture;
    const TrainingResult second = Trainer::resume(o.runDir, {}, data.make()).run(secondCapture.callback());

    std::string problems;
    if (straight.status != TrainingResult::Status::Completed)
        problems += " straight run " + statusName(straight.status) + ": " + straight.message + ";";
    if (first.status != TrainingResult::Status::Cancelled || static_cast<int>(first.history.size()) != plan.resumeEpochs / 2)
        problems += " first half " + statusName(first.status) + " after " + std::to_string(first.history.size()) + " epochs;";
    if (second.status != TrainingResult::Status::Completed)
        problems += " resumed run " + statusName(second.status) + ": " + second.message + ";";
    if (!problems.empty()) {
        report("FAIL", "resume", problems);
        return;
    }
    const HistoryDiff h = compareHistories(straight.history, second.history);
    LoadedCheckpoint a = loadCheckpoint(RunFiles::path(root / "resume-straight", RunFiles::kLastCheckpoint));
    LoadedCheckpoint b = loadCheckpoint(RunFiles::path(o.runDir, RunFiles::kLastCheckpoint));
    Model fresh(o.model);  // the same seed builds the same initial weights
    const Tensors ta = tensorsOf(a.model), tb = tensorsOf(b.model), t0 = tensorsOf(fresh);
    const double weightDiff = maxAbsDiff(ta, tb);
    const double trainedChange = maxAbsDiff(ta, t0);
    const bool bitwise = a.weightsSha256 == b.weightsSha256 && h.loss == 0 && h.accuracy == 0;
    const bool lrDropped = straight.history.back().learningRate < o.learningRate;
    // CPU: bit for bit, as tests/train/test_trainer.cpp demands. CUDA: some kernels (cuDNN
    // weight gradients, max-pool backward) are nondeterministic even with the settings above,
    // so the resumed run may drift by float rounding: allow weights within 5% of how far
    // training moved them, losses within 0.02, accuracies within 0.05 (5 of 100 val images),
    // and the learning-rate schedule exactly.
    const bool pass = args.cuda ? (h.sameEpochs && h.learningRate == 0 && h.loss <= 0.02 && h.accuracy <= 0.05 &&
                                   weightDiff <= 0.05 * trainedChange && lrDropped)
                                : (h.sameEpochs && bitwise && h.learningRate == 0 && lrDropped);
    report(pass ? "PASS" : "FAIL", "resume",
           std::to_string(plan.resumeEpochs) + " epochs straight vs " + std::to_string(plan.resumeEpochs / 2) + " + resume " +
               std::to_string(plan.resumeEpochs - plan.resumeEpochs / 2) + ": " + (bitwise ? "bit-identical" : "not bit-identical") +
               "; max |history diff| loss " + fmt("%.3g", h.loss) + ", accuracy " + fmt("%.3g", h.accuracy) + ", lr " +
               fmt("%.3g", h.learningRate) + "; final weights max |diff| " + fmt("%.3g", weightDiff) + " (training moved them by " +
               fmt("%.3g", trainedChange) + "); lr schedule " + fmt("%g", o.learningRate) + " -> " +
               fmt("%g", straight.history.back().learningRate) + "; tolerance " +
               (args.cuda ? "CUDA: weights <= 5% of the training change, loss <= 0.02, accuracy <= 0.05, lr exact"
                          : "CPU: bitwise"));
    note("resume timing (straight run): " + timing(straight, straightCapture));
}

/// 3. Frozen backbone with the feature cache on the device vs recomputing the backbone.
void checkFrozen(const Args& args, const Plan& plan, const Data& data, const fs::path& root)
{
    TrainOptions o = baseOptions(root / "frozen-cached", args, plan);
    o.mode = TrainingMode::Frozen;  // no ImageNet weights: a random frozen backbone (the trainer warns; mechanics still hold)
    o.epochs = plan.frozenEpochs;
    o.augment = false;      // features computed once
    o.learningRate = 1e-2;
    Capture cachedCapture;
    const auto cachedStart = Clock::now();
    const TrainingResult cached = Trainer(o, data.make()).run(cachedCapture.callback());
    const double cachedSeconds = std::chrono::duration<double>(Clock::now() - cachedStart).count();
    o.runDir = (root / "frozen-recomputed").string();
    o.cacheFrozenFeatures = false;
    Capture plainCapture;
    const auto plainStart = Clock::now();
    const TrainingResult plain = Trainer(o, data.make()).run(plainCapture.callback());
    const double plainSeconds = std::chrono::duration<double>(Clock::now() - plainStart).count();
    if (cached.status != TrainingResult::Status::Completed || plain.status != TrainingResult::Status::Completed) {
        report("FAIL", "frozen", "cached run " + statusName(cached.status) + " (" + cached.message + "), recomputed run " +
                                     statusName(plain.status) + " (" + plain.message + ")");
        return;
    }
    const HistoryDiff h = compareHistories(cached.history, plain.history);
    LoadedCheckpoint a = loadCheckpoint(RunFiles::path(root / "frozen-cached", RunFiles::kLastCheckpoint));
    LoadedCheckpoint b = loadCheckpoint(RunFiles::path(o.runDir, RunFiles::kLastCheckpoint));
    Model fresh(o.model);
    const Tensors ta = tensorsOf(a.model), tb = tensorsOf(b.model), t0 = tensorsOf(fresh);
    const auto backbone = [](const std::string& name) { return name.rfind("backbone.", 0) == 0; };
    const auto head = [](const std::string& name) { return name.rfind("head.", 0) == 0; };
    const double backboneChangeCached = maxAbsDiff(ta, t0, backbone);
    const double backboneChangePlain = maxAbsDiff(tb, t0, backbone);
    const double headChange = maxAbsDiff(ta, t0, head);
    const double headDiff = maxAbsDiff(ta, tb, head);
    // The two runs put images in different backbone batches, which may round the features
    // differently, and Adam turns tiny differences of near-zero gradients into lr-sized steps,
    // so head weights are compared relative to how far training moved them. CPU: float
    // rounding only — history within 1e-5 (tests/train/test_trainer.cpp), head within 1e-4 of
    // its change (measured 2.3e-5 at 64 px, 1 thread). CUDA bf16: history loss within 2e-2,
    // accuracy within 0.05, head within 10% of its change.
    const double lossTolerance = args.cuda ? 2e-2 : 1e-5, accuracyTolerance = args.cuda ? 0.05 : 1e-5;
    const double headTolerance = (args.cuda ? 0.1 : 1e-4) * headChange;
    const bool pass = finiteHistory(cached.history) && backboneChangeCached == 0 && backboneChangePlain == 0 &&
                      headChange > 1e-3 && h.sameEpochs && h.loss <= lossTolerance && h.accuracy <= accuracyTolerance &&
                      headDiff <= headTolerance;
    report(pass ? "PASS" : "FAIL", "frozen",
           std::to_string(o.epochs) + " epochs, feature cache on " + (args.cuda ? "CUDA" : "CPU") +
               ": backbone (incl. BN statistics) max change " + fmt("%.3g", backboneChangeCached) + " cached / " +
               fmt("%.3g", backboneChangePlain) + " recomputed (must be 0), head moved " + fmt("%.3g", headChange) +
               "; cached vs recomputed: history loss " + fmt("%.3g", h.loss) + ", accuracy " + fmt("%.3g", h.accuracy) +
               ", head weights " + fmt("%.3g", headDiff) + " (tolerances: loss " + fmt("%g", lossTolerance) + ", accuracy " +
               fmt("%g", accuracyTolerance) + ", head " + fmt("%.3g", headTolerance) + "); final val_accuracy " +
               fmt("%.3f", cached.history.back().valAccuracy) + " (random frozen backbone, not gated)");
    note("frozen timing: cached run " + fmt("%.2f", cachedSeconds) + " s total (" + timing(cached, cachedCapture) +
         "); recomputed run " + fmt("%.2f", plainSeconds) + " s total (" + timing(plain, plainCapture) + ")");
}

/// Logits of `images` with a model in eval mode, fp32, as CPU float32.
torch::Tensor logitsOf(Model& model, const torch::Tensor& images)
{
    torch::NoGradGuard noGrad;
    auto& impl = model.impl();
    impl.net->eval();
    return impl.net->forward(impl.prepareInput(images)).logits.to(torch::kCPU, torch::kFloat32);
}

/// 4. The best checkpoint written by check 1 loads on the CPU, reproduces the validation
/// numbers recorded during training, and (CUDA) gives the GPU's fp32 logits.
void checkCheckpoint(const Args& args, const Data& data, const fs::path& root, const TrainingResult& fineTune)
{
    const std::string path = RunFiles::path(root / "finetune", RunFiles::kBestCheckpoint);
    if (!fs::exists(path) || fineTune.bestEpoch < 1) {
        report("FAIL", "checkpoint", "no best.kgckpt from the finetune check");
        return;
    }
    LoadedCheckpoint cpu = loadCheckpoint(path);
    const EpochRecord& recorded = fineTune.history.at(static_cast<size_t>(fineTune.bestEpoch - 1));
    // The whole validation set on the CPU, in the trainer's batches.
    const int batch = cpu.meta.trainingOptions.value("batch_size", 16);
    const auto n = data.val.images.size(0);
    double lossSum = 0;
    std::int64_t correct = 0;
    for (std::int64_t begin = 0; begin < n; begin += batch) {
        const auto count = std::min<std::int64_t>(batch, n - begin);
        const torch::Tensor logits = logitsOf(cpu.model, data.val.images.narrow(0, begin, count));
        const torch::Tensor labels = data.val.labels.narrow(0, begin, count);
        lossSum -= torch::log_softmax(logits, 1).gather(1, labels.unsqueeze(1)).sum().item<double>();
        correct += logits.argmax(1).eq(labels).sum().item<std::int64_t>();
    }
    const double valLoss = lossSum / static_cast<double>(n);
    const double valAccuracy = static_cast<double>(correct) / static_cast<double>(n);
    // CPU: the trainer validated with the very same kernels; CUDA: it validated under bf16
    // autocast, so the fp32 CPU numbers may differ by bf16 rounding (a few images may flip).
    const double lossTolerance = args.cuda ? 0.03 * std::max(1.0, recorded.valLoss) : 1e-6;
    const double accuracyTolerance = args.cuda ? 0.03 : 1e-9;
    const bool sameValidation = std::abs(valLoss - recorded.valLoss) <= lossTolerance &&
                                std::abs(valAccuracy - recorded.valAccuracy) <= accuracyTolerance;
    std::string details = "best.kgckpt (epoch " + std::to_string(fineTune.bestEpoch) + ") on the CPU: val_loss " +
                          fmt("%.5g", valLoss) + " vs " + fmt("%.5g", recorded.valLoss) + " recorded, val_accuracy " +
                          fmt("%.3f", valAccuracy) + " vs " + fmt("%.3f", recorded.valAccuracy) + " (tolerance " +
                          fmt("%g", lossTolerance) + " / " + fmt("%g", accuracyTolerance) + ")";
    bool pass = sameValidation;
    if (args.cuda) {
        const torch::Tensor images = data.val.images.narrow(0, 0, 8);
        const torch::Tensor onCpu = logitsOf(cpu.model, images);
        LoadedCheckpoint gpu = loadCheckpoint(path);
        gpu.model.impl().moveTo(torch::kCUDA);
        auto& ctx = at::globalContext();
        const bool tf32Cudnn = ctx.allowTF32CuDNN(), tf32Cublas = ctx.allowTF32CuBLAS();
        ctx.setAllowTF32CuDNN(false);  // true fp32 on the GPU for this comparison
        ctx.setAllowTF32CuBLAS(false);
        const torch::Tensor onGpu = logitsOf(gpu.model, images);
        ctx.setAllowTF32CuDNN(tf32Cudnn);
        ctx.setAllowTF32CuBLAS(tf32Cublas);
        const double diff = (onCpu - onGpu).abs().max().item<double>();
        const double scale = onCpu.abs().max().item<double>();
        const double relative = diff / std::max(scale, 1e-12);
        const bool sameArgmax = onCpu.argmax(1).equal(onGpu.argmax(1));
        // fp32 on both sides; different convolution algorithms only reorder sums.
        const bool close = relative <= 1e-4 && sameArgmax;
        pass = pass && close;
        details += "; 8 images CPU vs CUDA fp32 (TF32 off): max |logit diff| " + fmt("%.3g", diff) + " (max |logit| " +
                   fmt("%.3g", scale) + ", relative " + fmt("%.3g", relative) + ", tolerance 1e-4 relative), argmax " +
                   (sameArgmax ? "identical" : "DIFFERS");
    } else {
        details += "; CPU run: no GPU side to compare logits with";
    }
    report(pass ? "PASS" : "FAIL", "checkpoint", details);
}

Args parse(int argc, char** argv)
{
    Args a;
    bool deviceGiven = false;
    for (int i = 1; i < argc; ++i) {
        const std::string k = argv[i];
        if (k == "--quick") {
            a.quick = true;
        } else if (k == "--help" || k == "-h") {
            std::printf("usage: train_gpu [--device cpu|cuda] [--out DIR] [--quick] [--threads N]\n"
                        "  --device   where the trainer runs (default: cuda when available)\n"
                        "  --out      folder for the run directories (default: a new temporary folder)\n"
                        "  --quick    smaller task and fewer epochs (a CPU self-check)\n"
                        "  --threads  CPU threads (default: 1 with --quick, else 0 = every core)\n");
            std::exit(0);
        } else if ((k == "--device" || k == "--out" || k == "--threads") && i + 1 < argc) {
            const std::string v = argv[++i];
            if (k == "--out") {
                a.out = v;
            } else if (k == "--threads") {
                a.threads = std::atoi(v.c_str());
                if (v.empty() || v.find_first_not_of("0123456789") != std::string::npos) {
                    std::fprintf(stderr, "train_gpu: --threads must be a number >= 0, not '%s'\n", v.c_str());
                    std::exit(2);
                }
            } else if (v == "cpu" || v == "cuda") {
                a.cuda = v == "cuda";
                deviceGiven = true;
            } else {
                std::fprintf(stderr, "train_gpu: --device must be cpu or cuda, not '%s'\n", v.c_str());
                std::exit(2);
            }
        } else {
            std::fprintf(stderr, "train_gpu: unknown argument '%s' (see --help)\n", k.c_str());
            std::exit(2);
        }
    }
    if (!deviceGiven)
        a.cuda = torch::cuda::is_available();
    // Quick: one thread, so the self-check gives the same numbers on any machine and does not
    // crawl when the cores are busy (OpenMP barriers then wait for descheduled threads).
    if (a.threads < 0)
        a.threads = a.quick ? 1 : 0;
    if (a.cuda && !torch::cuda::is_available()) {
        std::fprintf(stderr, "train_gpu: --device cuda, but LibTorch %s sees no CUDA device\n", compat::torchVersion().c_str());
        std::exit(2);
    }
    return a;
}

fs::path makeRoot(const std::string& out)
{
    const fs::path parent = out.empty() ? fs::temp_directory_path() : fs::path(out);
    fs::create_directories(parent);
    std::string pattern = (parent / "train_gpu-XXXXXX").string();
    if (!mkdtemp(pattern.data())) {
        std::fprintf(stderr, "train_gpu: cannot create a folder in %s\n", parent.string().c_str());
        std::exit(2);
    }
    return pattern;
}

} // namespace

int main(int argc, char** argv)
{
    // cuBLAS is deterministic only with a fixed workspace; read when its handle is created.
    setenv("CUBLAS_WORKSPACE_CONFIG", ":4096:8", 0);
    const Args args = parse(argc, argv);
    Plan plan;
    if (args.quick) {
        plan.side = 32;
        plan.trainPerClass = 60;
        plan.batchSize = 8;
        plan.fineTuneEpochs = 12;
        plan.frozenEpochs = 2;
    }
    const double bar = 0.6;
    const fs::path root = makeRoot(args.out);
    RuntimeOptions runtimeOptions;
    runtimeOptions.device = args.cuda ? DevicePreference::Cuda : DevicePreference::Cpu;
    runtimeOptions.threads = args.threads;
    const RuntimeInfo runtime = configureRuntime(runtimeOptions);  // what each run sets up again
    std::printf("train_gpu: LibTorch %s, device %s, %s, %d CPU threads, BLAS %s%s\n", runtime.torchVersion.c_str(),
                args.cuda ? "cuda" : "cpu", runtime.deviceName.c_str(), runtime.threads, runtime.blas.c_str(),
                args.quick ? ", quick" : "");
    std::printf("runs in %s\n", root.string().c_str());
    std::fflush(stdout);

    const auto started = Clock::now();
    Data data{makeBlobs(plan.trainPerClass, plan.side, 1), makeBlobs(plan.valPerClass, plan.side, 2)};
    TrainingResult fineTune;
    guarded("finetune", [&] { fineTune = checkFineTune(args, plan, data, root, bar); });
    guarded("resume", [&] { checkResume(args, plan, data, root); });
    guarded("frozen", [&] { checkFrozen(args, plan, data, root); });
    guarded("checkpoint", [&] { checkCheckpoint(args, data, root, fineTune); });
    std::printf("%s: %d check(s) failed, %.1f s\n", failures ? "FAILED" : "ALL PASSED", failures,
                std::chrono::duration<double>(Clock::now() - started).count());
    return failures ? 1 : 0;
}
