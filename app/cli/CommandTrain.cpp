// kneegrade-cli train: the training engine headless, with a progress bar on stderr.
#include "Args.h"
#include "Commands.h"
#include "LocalRanks.h"

#include "core/engine/FolderTraining.h"
#include "core/eval/OodFit.h"

#include "core/runtime/Runtime.h"
#include "core/train/TrainPresets.h"
#include "core/train/Trainer.h"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <ostream>

namespace kgcli {
namespace {

std::atomic<bool> interrupted{false};

extern "C" void onInterrupt(int)
{
    interrupted = true;
    std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends the process at once
}

const char* kHelpUsage = R"(usage: kneegrade-cli train --data DIR --out RUN [--preset ID] [options]
       kneegrade-cli train --options FILE.json [--data DIR] [--out RUN] [options]
       kneegrade-cli train --resume RUN [--epochs N] [--device D] [--threads N] [--workers N] [--augment-on W]
       kneegrade-cli train ... --nproc N    (N ranks on this machine, data-parallel)

Trains a ResNetV2 KL-grade classifier on DIR (train/, val/, test/, one folder per grade 0..4)
and writes RUN/best.kgckpt (lowest val_loss), RUN/last.kgckpt (every epoch, for --resume),
RUN/history.csv, RUN/options.json and RUN/train.log. Defaults are the Keras tutorial's.
--options starts from every option in FILE.json (a run's options.json: to repeat or vary a run).

)";

const char* kHelpOptions = R"(model
  --arch NAME            resnet152v2 (default) | resnet101v2 | resnet50v2 | resnetv2-small |
                         resnetv2-tiny | resnetv2:B1,B2,B3,B4:F (blocks per stack, base filters)
  --weights FILE.h5      ImageNet weights for the backbone (the official Keras ResNetV2 file,
                         e.g. resnet152v2_weights_tf_dim_ordering_tf_kernels_notop.h5)
  --mode MODE            finetune (default): everything trains, as the tutorial really did
                         frozen: only the head trains; backbone weights and BatchNorm statistics
                           stay fixed and its features are computed once (needs --weights)
                         two-phase: head warm-up, then the top stacks unfreeze at a lower rate
  --warmup-epochs N      two-phase: head-only epochs first (default 5)
  --unfreeze-stacks N    two-phase: top stacks to unfreeze, 1 = conv5 (default 1)
  --finetune-lr-factor F two-phase: learning rate × F after the warm-up (default 0.1)
  --dropout F            dropout before the last Dense layer (default 0.2)
  --cached-views N       frozen with augmentation: cache N augmented views per image
                         (default 0: run the backbone on every image every epoch)

optimisation
  --epochs N             at most N epochs (default 500)
  --batch N              batch size (default 16)
  --lr F                 Adam learning rate (default 1e-4) for batch --lr-reference-batch
  --lr-scaling RULE      how the rate follows --batch: none (default) | sqrt: lr·√(batch/ref),
                         the rule for Adam | linear: lr·batch/ref, the rule for SGD
  --lr-reference-batch N the batch size --lr was chosen for (default 16, the tutorial's)
  --label-smoothing F    categorical cross-entropy with smoothed targets (default 0)
  --class-weights        weight the loss by inverse grade frequency (sklearn 'balanced')
  --balanced-sampling    draw every grade equally often per epoch (with replacement)
  --seed N               data order, augmentation, dropout and initial weights (default 42)

data
  --image-size N         input side in pixels (default 224)
  --no-augment           no augmentation at all
  --no-flip              no RandomFlip("horizontal")
  --rotation F           RandomRotation factor, fraction of a turn (default 0.1 = ±36°; 0 = off)
  --zoom F               RandomZoom factor (default 0.2; 0 = off)
  --translation F        RandomTranslation factor (default 0.1; 0 = off)

callbacks (Keras semantics, monitor val_loss)
  --patience N           EarlyStopping patience (default 25)
  --no-early-stopping    train all epochs
  --restore-best         EarlyStopping(restore_best_weights=True)
  --lr-patience N        ReduceLROnPlateau patience (default 10)
  --lr-factor F          ReduceLROnPlateau factor (default 0.2)
  --min-lr F             ReduceLROnPlateau min_lr (default 1e-5)
  --lr-cooldown N        ReduceLROnPlateau cooldown (default 0)
  --no-reduce-lr         keep the learning rate

machine
  --device D             auto (default: CUDA when present) | cpu | cuda
  --threads N            CPU threads, 0 = every core (default 0)
  --workers N            image decoding threads, 0 = one per core (default 0)
  --augment-on W         auto (default: the GPU when training on CUDA, else the loader threads) |
                         host: the loader threads augment and normalise (OpenCV) |
                         device: the loader only decodes; the training device warps and scales
  --mixed-precision      CUDA: bf16 autocast (default: float32 with TF32, which measured faster
                         through the trainer at batch 32; bf16 halves activation memory)
  --deterministic        CUDA: bit-reproducible kernels and no cuDNN autotuning (slower); CPU
                         runs are always reproducible from --seed

resume
  --resume RUN           continue RUN from last.kgckpt: weights, optimizer, epoch, callbacks,
                         random state; history.csv is rewritten without gaps or repeats.
                         --epochs N extends a finished run; --device/--threads/--workers/--augment-on
                         may change, and so may the number of ranks (--nproc).

several processes, GPUs or machines (data-parallel over PyTorch's c10d)
  --nproc N              start N ranks on this machine: one per GPU, or CPU processes that share
                         the cores. Each rank trains batch/N images of every step; gradients are
                         averaged, so the run trains like one process with the same --batch
  --master-port P        --nproc: the rendezvous port (default: a free one)
  --dist-timeout S       a rank silent for S seconds makes the others fail (default 300)
  Started by torchrun, srun or by hand, the ranks read RANK, WORLD_SIZE, LOCAL_RANK,
  MASTER_ADDR and MASTER_PORT (or SLURM_PROCID, SLURM_NTASKS, SLURM_LOCALID); every rank gets
  the same command and sees the same dataset, and only rank 0 writes RUN.

Training from scratch (no --weights): the tutorial's lr 1e-4 is meant for ImageNet-initialised
networks. Measured with ResNet50V2 on 96 px knee phantoms, lr 1e-4 stayed at chance (0.20) for
12 epochs while lr 1e-3 reached 0.58-0.67 by epoch 10; a frozen random backbone learns nothing.
Without weights use --mode finetune --lr 1e-3 and a small network or image size, e.g.
  kneegrade-cli train --data DIR --out RUN --arch resnetv2-small --image-size 96 --lr 1e-3

Ctrl-C stops cleanly between batches; the last finished epoch stays in last.kgckpt.
Exit status: 0 completed or stopped early, 1 failed, 2 usage error, 130 interrupted.
)";

std::string clock(double seconds)
{
    if (!(seconds >= 0) || seconds > 1e7)
        return "--:--";
    const long s = static_cast<long>(seconds + 0.5);
    char text[32];
    if (s >= 3600)
        std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else
        std::snprintf(text, sizeof text, "%02ld:%02ld", s / 60, s % 60);
    return text;
}

/// Draws progress on stderr: one redrawn line on a terminal, plain lines per epoch otherwise.
class ProgressPrinter {
public:
    ProgressPrinter(std::ostream& err, bool terminal) : err_(err), terminal_(terminal) {}

    bool operator()(const kg::TrainingProgress& p)
    {
        using Phase = kg::TrainingProgress::Phase;
        if (!p.message.empty() && p.message != lastMessage_ && p.phase != Phase::EpochEnd && p.phase != Phase::Finished) {
            clearLine();
            err_ << p.message << "\n";
            lastMessage_ = p.message;
        }
        if (p.phase == Phase::EpochEnd && !p.history.empty()) {
            const auto& r = p.history.back();
            clearLine();
            char line[256];
            std::snprintf(line, sizeof line,
                          "epoch %d/%d  loss %.4f  accuracy %.4f  val_loss %.4f  val_accuracy %.4f  lr %.3g  %.1f s  ETA %s",
                          r.epoch, p.epochs, r.loss, r.accuracy, r.valLoss, r.valAccuracy, r.learningRate, r.durationSeconds,
                          clock(p.etaSeconds).c_str());
            err_ << line << "\n";
            if (!p.message.empty())
                err_ << "  " << p.message << "\n";
            err_.flush();
        } else if (terminal_ && (p.phase == Phase::Training || p.phase == Phase::Validating || p.phase == Phase::CachingFeatures)) {
            const auto now = std::chrono::steady_clock::now();
            if (p.batch != p.batches && now - lastDraw_ < std::chrono::milliseconds(100))
                return !interrupted;
            lastDraw_ = now;
            const int width = 24;
            const int filled = p.batches > 0 ? width * p.batch / p.batches : 0;
            const std::string bar = std::string(static_cast<size_t>(filled), '#') + std::string(static_cast<size_t>(width - filled), '.');
            char line[256];
            if (p.phase == Phase::CachingFeatures)
                std::snprintf(line, sizeof line, "\rbackbone features [%s] %d/%d batches ", bar.c_str(), p.batch, p.batches);
            else
                std::snprintf(line, sizeof line, "\repoch %d/%d %-5s [%s] %d/%d  loss %.4f  acc %.3f  %.1f img/s  ETA %s ",
                              p.epoch, p.epochs, p.phase == Phase::Training ? "train" : "val", bar.c_str(), p.batch, p.batches,
                              p.loss, p.accuracy, p.imagesPerSecond, clock(p.etaSeconds).c_str());
            err_ << line << std::flush;
            drawn_ = true;
        }
        return !interrupted;
    }

    void clearLine()
    {
        if (drawn_) {
            err_ << "\r" << std::string(118, ' ') << "\r";
            drawn_ = false;
        }
    }

private:
    std::ostream& err_;
    bool terminal_ = false;
    bool drawn_ = false;
    std::string lastMessage_;
    std::chrono::steady_clock::time_point lastDraw_{};
};

/// What best.kgckpt and last.kgckpt hold (read back from the files by the trainer): after a
/// failed save (a full disk) that is an earlier epoch than the last one trained.
void printSavedCheckpoints(std::ostream& out, const kg::TrainingResult& result)
{
    if (result.bestEpoch > 0)
        out << "best: epoch " << result.bestEpoch << ", val_loss " << result.bestValLoss
            << (result.bestCheckpoint.empty() ? "" : " → " + result.bestCheckpoint) << "\n";
    if (result.history.empty())
        return;
    if (result.lastSavedEpoch == 0) {
        out << "last: no checkpoint was saved\n";
        return;
    }
    const auto saved = std::find_if(result.history.begin(), result.history.end(),
                                    [&](const kg::EpochRecord& r) { return r.epoch == result.lastSavedEpoch; });
    out << "last: epoch " << result.lastSavedEpoch;
    if (saved != result.history.end())
        out << ", val_accuracy " << saved->valAccuracy;
    out << " → " << result.lastCheckpoint << "\n";
    if (result.history.back().epoch > result.lastSavedEpoch)
        out << "epoch " << result.history.back().epoch << " was trained but not saved; --resume continues after epoch "
            << result.lastSavedEpoch << "\n";
}

/// The usage text with core's presets, one line each.
void printHelp(std::ostream& out)
{
    out << kHelpUsage << "presets (--preset ID sets these first; the options below change them further)\n";
    for (const kg::TrainPreset& preset : kg::trainPresets()) {
        const std::string id = "  " + preset.id;
        out << id << std::string(id.size() < 25 ? 25 - id.size() : 1, ' ') << preset.summary << "\n";
    }
    out << "\n" << kHelpOptions;
}

double positive(const Args& args, const std::string& name, double fallback)
{
    const double value = args.doubleValue(name, fallback);
    if (value < 0)
        throw UsageError("--" + name + " must not be negative");
    return value;
}

/// Every training option from a JSON file: a run's options.json, or one the desktop app wrote.
kg::TrainOptions readOptionsFile(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw UsageError("--options " + path + ": cannot open the file");
    try {
        return nlohmann::json::parse(in).get<kg::TrainOptions>();
    } catch (const std::exception& e) {
        throw UsageError("--options " + path + ": not a training options file (" + e.what() + ")");
    }
}

/// `argv` without the options that only the launcher of --nproc reads.
Argv rankArguments(const Argv& argv)
{
    Argv kept;
    for (size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a == "--nproc" || a == "--master-port") {
            ++i;
            continue;
        }
        if (a.rfind("--nproc=", 0) == 0 || a.rfind("--master-port=", 0) == 0)
            continue;
        kept.push_back(a);
    }
    return kept;
}

} // namespace

int runTrain(const Argv& argv, std::ostream& out, std::ostream& err)
{
    Args args(argv,
              {"data", "out", "resume", "arch", "weights", "mode", "epochs", "batch", "lr", "image-size", "rotation", "zoom",
               "translation", "label-smoothing", "patience", "lr-patience", "lr-factor", "min-lr", "lr-cooldown", "seed",
               "device", "threads", "workers", "warmup-epochs", "unfreeze-stacks", "finetune-lr-factor", "cached-views",
               "dropout", "preset", "options", "nproc", "master-port", "dist-timeout", "lr-scaling", "lr-reference-batch",
               "augment-on"},
              {"help", "no-augment", "no-flip", "class-weights", "balanced-sampling", "restore-best", "no-early-stopping",
               "no-reduce-lr", "mixed-precision", "no-mixed-precision", "deterministic"});
    if (args.flag("help")) {
        printHelp(out);
        return 0;
    }
    if (!args.positionals().empty())
        throw UsageError("unexpected argument '" + args.positionals().front() + "'");
    const double distTimeout = args.doubleValue("dist-timeout", kg::DistributedOptions{}.timeoutSeconds);
    if (!(distTimeout > 0))
        throw UsageError("--dist-timeout must be a positive number of seconds");
    std::optional<kg::DistributedOptions> job = kg::distributedOptionsFromEnvironment();
    if (const int processes = args.intValue("nproc", 1); processes != 1) {
        if (processes < 1)
            throw UsageError("--nproc must be at least 1");
        if (job)
            throw UsageError("--nproc starts ranks itself; this process already is rank " + std::to_string(job->rank) + " of " +
                             std::to_string(job->worldSize) + " (RANK/WORLD_SIZE are set)");
        LocalRanksOptions launch;
        launch.processes = processes;
        launch.masterPort = args.intValue("master-port", 0);
        launch.timeoutSeconds = distTimeout;
        launch.threadsPerRank = args.intValue("threads", 0);
        return runLocalRanks(rankArguments(argv), launch, err);
    }
    if (job && args.has("dist-timeout"))
        job->timeoutSeconds = distTimeout;
    const bool rankZero = !job || job->rank == 0;
    const std::string prefix = rankZero ? "" : "[rank " + std::to_string(job->rank) + "] ";

    std::optional<kg::Trainer> trainer;
    if (const auto runDir = args.value("resume")) {
        for (const char* name : {"data", "out", "preset", "options", "arch", "weights", "mode", "batch", "lr", "image-size", "seed",
                                 "lr-scaling", "lr-reference-batch"})
            if (args.has(name))
                throw UsageError(std::string("--") + name + " cannot change a resumed run (it continues with its own options)");
        kg::ResumeOverrides overrides;
        if (args.has("epochs"))
            overrides.epochs = args.intValue("epochs", 0);
        if (args.has("device") || args.has("threads")) {
            kg::RuntimeOptions runtime = kg::Trainer::resumedOptions(*runDir).runtime;
            if (args.has("device"))
                runtime.device = kg::parseDevicePreference(*args.value("device"));
            runtime.threads = args.intValue("threads", runtime.threads);
            overrides.runtime = runtime;
        }
        if (args.has("workers"))
            overrides.loaderWorkers = args.intValue("workers", 0);
        if (const auto where = args.value("augment-on"))
            overrides.augmentOn = kg::parseAugmentOn(*where);
        trainer.emplace(kg::resumeFolderTrainer(*runDir, overrides));
    } else {
        if ((!args.has("data") || !args.has("out")) && !args.has("options"))
            throw UsageError("--data DIR and --out RUN are required (or --resume RUN); see --help");
        if (args.has("options") && args.has("preset"))
            throw UsageError("choose one of --options and --preset");
        kg::TrainOptions o;
        // A preset or an options file first; every option given explicitly then overrides it.
        if (const auto file = args.value("options"))
            o = readOptionsFile(*file);
        if (const auto id = args.value("preset")) {
            const kg::TrainPreset* preset = kg::findTrainPreset(*id);
            if (!preset) {
                std::string known;
                for (const kg::TrainPreset& p : kg::trainPresets())
                    known += (known.empty() ? "" : ", ") + p.id;
                throw UsageError("unknown preset '" + *id + "' (choose " + known + ")");
            }
            preset->apply(o);
        }
        o.dataRoot = args.value("data", o.dataRoot);
        o.runDir = args.value("out", o.runDir);
        if (o.dataRoot.empty() || o.runDir.empty())
            throw UsageError("the options file names no dataset or run folder; add --data DIR and --out RUN");
        if (args.has("arch"))
            o.model.backbone = kg::parseArchitecture(*args.value("arch"));
        o.model.head.dropout = args.doubleValue("dropout", o.model.head.dropout);
        o.imagenetWeights = args.value("weights", o.imagenetWeights);
        o.mode = kg::parseTrainingMode(args.value("mode", kg::toString(o.mode)));
        o.epochs = args.intValue("epochs", o.epochs);
        o.batchSize = args.intValue("batch", o.batchSize);
        o.learningRate = args.doubleValue("lr", o.learningRate);
        if (const auto rule = args.value("lr-scaling"))
            o.lrScaling = kg::parseLearningRateScaling(*rule);
        o.lrReferenceBatch = args.intValue("lr-reference-batch", o.lrReferenceBatch);
        o.preprocessing.imageSize = args.intValue("image-size", o.preprocessing.imageSize);
        if (args.flag("no-augment"))
            o.augment = false;
        kg::AugmentOptions& a = o.augmentation;
        if (args.flag("no-flip"))
            a.horizontalFlip = false;
        // A factor given switches its transform on (a factor of 0: off).
        if (args.has("rotation")) {
            a.rotationFactor = positive(args, "rotation", a.rotationFactor);
            a.rotate = a.rotationFactor > 0;
        }
        if (args.has("zoom")) {
            a.zoomFactor = positive(args, "zoom", a.zoomFactor);
            a.zoom = a.zoomFactor > 0;
        }
        if (args.has("translation")) {
            a.translationFactor = positive(args, "translation", a.translationFactor);
            a.translate = a.translationFactor > 0;
        }
        o.cachedAugmentedViews = args.intValue("cached-views", o.cachedAugmentedViews);
        o.labelSmoothing = positive(args, "label-smoothing", o.labelSmoothing);
        if (args.flag("class-weights") && args.flag("balanced-sampling"))
            throw UsageError("choose one of --class-weights and --balanced-sampling");
        if (args.flag("class-weights"))
            o.imbalance = kg::ImbalanceStrategy::ClassWeights;
        else if (args.flag("balanced-sampling"))
            o.imbalance = kg::ImbalanceStrategy::BalancedSampling;
        if (args.flag("no-early-stopping"))
            o.earlyStopping.enabled = false;
        o.earlyStopping.patience = args.intValue("patience", o.earlyStopping.patience);
        if (args.flag("restore-best"))
            o.earlyStopping.restoreBestWeights = true;
        if (args.flag("no-reduce-lr"))
            o.reduceLr.enabled = false;
        o.reduceLr.patience = args.intValue("lr-patience", o.reduceLr.patience);
        o.reduceLr.factor = args.doubleValue("lr-factor", o.reduceLr.factor);
        o.reduceLr.minLearningRate = positive(args, "min-lr", o.reduceLr.minLearningRate);
        o.reduceLr.cooldown = args.intValue("lr-cooldown", o.reduceLr.cooldown);
        o.twoPhaseWarmupEpochs = args.intValue("warmup-epochs", o.twoPhaseWarmupEpochs);
        o.twoPhaseUnfreezeStacks = args.intValue("unfreeze-stacks", o.twoPhaseUnfreezeStacks);
        o.twoPhaseLrFactor = args.doubleValue("finetune-lr-factor", o.twoPhaseLrFactor);
        const int seed = args.intValue("seed", static_cast<int>(o.seed));
        if (seed < 0)
            throw UsageError("--seed must not be negative");
        o.seed = static_cast<std::uint64_t>(seed);
        o.model.seed = o.seed;
        if (args.has("device"))
            o.runtime.device = kg::parseDevicePreference(*args.value("device"));
        o.runtime.threads = args.intValue("threads", o.runtime.threads);
        o.loaderWorkers = args.intValue("workers", o.loaderWorkers);
        if (const auto where = args.value("augment-on"))
            o.augmentOn = kg::parseAugmentOn(*where);
        if (args.flag("no-mixed-precision"))
            o.mixedPrecision = false;
        else if (args.flag("mixed-precision"))
            o.mixedPrecision = true;
        if (args.flag("deterministic"))
            o.deterministic = true;
        try {
            kg::validateTrainOptions(o);
        } catch (const std::exception& e) {
            throw UsageError(e.what());
        }
        trainer.emplace(kg::folderTrainer(std::move(o)));
    }

    const kg::TrainOptions& o = trainer->options();
    if (job)
        trainer->setDistributed(*job);
    if (rankZero)
        err << (args.has("resume") ? "resuming " : "training ") << kg::architectureName(o.model.backbone) << " ("
            << kg::toString(o.mode) << ") on " << o.dataRoot << " → " << o.runDir
            << (job ? " as " + std::to_string(job->worldSize) + " ranks" : std::string()) << "\n";
    interrupted = false;
    const auto previous = std::signal(SIGINT, onInterrupt);
    ProgressPrinter printer(err, isatty(STDERR_FILENO) && &err == &std::cerr);
    const kg::TrainingResult result = trainer->run([&](const kg::TrainingProgress& p) { return rankZero ? printer(p) : !interrupted; });
    std::signal(SIGINT, previous);
    printer.clearLine();

    using Status = kg::TrainingResult::Status;
    const char* status = result.status == Status::Completed      ? "completed"
                         : result.status == Status::EarlyStopped ? "stopped early"
                         : result.status == Status::Cancelled    ? "interrupted"
                                                                 : "failed";
    (result.status == Status::Failed ? err : out) << prefix << status << ": " << result.message << "\n";
    if (!rankZero)  // rank 0 reports the run and owns its files
        return result.status == Status::Failed ? 1 : result.status == Status::Cancelled ? 130 : 0;
    const kg::RunOodGate gate = kg::fitRunOodGate(o, result);
    if (!gate.checkpoint.empty())
        out << "out-of-distribution gate: threshold at the " << gate.summary.percentile << "th percentile of "
            << gate.summary.thresholdImages << " " << gate.summary.thresholdSplit << " images, fitted on "
            << gate.summary.fitImages << " training images, stored in " << gate.checkpoint << "\n";
    else if (!gate.error.empty())
        err << "warning: no out-of-distribution gate: " << gate.error << "\n";
    printSavedCheckpoints(out, result);
    switch (result.status) {
    case Status::Completed:
    case Status::EarlyStopped: return 0;
    case Status::Cancelled: return 130;
    case Status::Failed: break;
    }
    return 1;
}

} // namespace kgcli
