// The public Trainer: construction, resuming a run from its folder, control from other
// threads. What one run does is TrainerSession (TrainerSession.h).
#include "core/train/Trainer.h"

#include "core/model/Checkpoint.h"
#include "core/train/RunFiles.h"
#include "core/train/TrainerSession.h"
#include "core/util/Error.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

namespace kg {

std::vector<std::string> trainingAdvice(const TrainOptions& o)
{
    std::vector<std::string> advice;
    const bool pretrained = !o.imagenetWeights.empty();
    if (o.mode == TrainingMode::Frozen && !pretrained)
        advice.push_back("frozen mode without ImageNet weights trains only the head on a random backbone; measured on "
                         "knee phantoms this stays at chance (0.20) however long it runs. Load the official Keras "
                         "ResNetV2 weights with --weights FILE.h5, or train from scratch with --mode finetune --lr 1e-3.");
    if (o.mode == TrainingMode::TwoPhase && !pretrained)
        advice.push_back("two-phase warm-up trains the head on a random backbone, which learns nothing without ImageNet "
                         "weights; use --weights FILE.h5, or --mode finetune.");
    if (o.mode == TrainingMode::FineTune && !pretrained && o.learningRate < 5e-4)
        advice.push_back("training from scratch at lr " + formatNumber("%g", o.learningRate) +
                         ": measured with ResNet50V2 on 96 px phantoms, lr 1e-4 (the tutorial's, meant for ImageNet "
                         "weights) stayed at chance for 12 epochs while lr 1e-3 reached 0.58-0.67 by epoch 10. Use "
                         "--lr 1e-3 with a small network or image size (e.g. --arch resnetv2-small --image-size 96).");
    if (o.mode == TrainingMode::Frozen && o.augment && o.cachedAugmentedViews == 0)
        advice.push_back("frozen mode with augmentation runs the backbone on every image every epoch; --no-augment "
                         "computes the features once, --cached-views N caches N augmented views per image.");
    return advice;
}

struct Trainer::Impl : detail::TrainerControl {};

TrainingInputs TrainingInputs::of(std::shared_ptr<TrainingData> data)
{
    TrainingInputs inputs;
    inputs.openData = [data = std::move(data)](const TrainOptions&, const Note&) { return data; };
    return inputs;
}

Trainer::Trainer(TrainOptions options, TrainingInputs inputs) : impl_(std::make_unique<Impl>())
{
    impl_->options = std::move(options);
    impl_->inputs = std::move(inputs);
}

Trainer::Trainer(TrainOptions options, std::shared_ptr<TrainingData> data)
    : Trainer(std::move(options), TrainingInputs::of(std::move(data)))
{
}

TrainOptions Trainer::resumedOptions(const std::string& runDir, const ResumeOverrides& overrides)
{
    const std::string last = RunFiles::path(runDir, RunFiles::kLastCheckpoint);
    const std::string optionsPath = RunFiles::path(runDir, RunFiles::kOptions);
    TrainOptions options;
    std::error_code ec;
    if (std::filesystem::is_regular_file(runDir, ec))
        throw Error(runDir, "is a file; a run is resumed from its folder (the one that holds last.kgckpt and options.json)");
    if (std::filesystem::exists(last)) {
        options = readCheckpointMeta(last).trainingOptions.get<TrainOptions>();
    } else if (std::filesystem::exists(optionsPath)) {
        std::ifstream in(optionsPath);
        try {
            options = nlohmann::json::parse(in).get<TrainOptions>();
        } catch (const nlohmann::json::exception& e) {
            throw Error(optionsPath, std::string("cannot read the run's options: ") + e.what());
        }
    } else {
        throw Error(runDir, "not a training run: it has neither last.kgckpt nor options.json");
    }
    options.runDir = runDir;  // the folder may have been moved
    if (overrides.epochs)
        options.epochs = *overrides.epochs;
    if (overrides.runtime)
        options.runtime = *overrides.runtime;
    if (overrides.loaderWorkers)
        options.loaderWorkers = *overrides.loaderWorkers;
    if (overrides.augmentOn)
        options.augmentOn = *overrides.augmentOn;
    return options;
}

Trainer Trainer::resume(const std::string& runDir, const ResumeOverrides& overrides, TrainingInputs inputs)
{
    Trainer trainer(resumedOptions(runDir, overrides), std::move(inputs));
    trainer.impl_->resume = true;
    return trainer;
}

Trainer Trainer::resume(const std::string& runDir, const ResumeOverrides& overrides, std::shared_ptr<TrainingData> data)
{
    return resume(runDir, overrides, TrainingInputs::of(std::move(data)));
}

Trainer::~Trainer() = default;
Trainer::Trainer(Trainer&&) noexcept = default;
Trainer& Trainer::operator=(Trainer&&) noexcept = default;

const TrainOptions& Trainer::options() const { return impl_->options; }

void Trainer::setDistributed(const DistributedOptions& job)
{
    validateDistributedOptions(job);
    impl_->distributed = job;
}

TrainingResult Trainer::run(const ProgressCallback& progress)
{
    detail::TrainerSession session(*impl_, progress);
    return session.run();
}

void Trainer::cancel()
{
    {
        std::lock_guard<std::mutex> lock(impl_->pauseMutex);
        impl_->cancelled = true;
    }
    impl_->pauseChanged.notify_all();
}

void Trainer::setPaused(bool paused)
{
    {
        std::lock_guard<std::mutex> lock(impl_->pauseMutex);
        impl_->paused = paused;
    }
    impl_->pauseChanged.notify_all();
}

bool Trainer::isPaused() const
{
    std::lock_guard<std::mutex> lock(impl_->pauseMutex);
    return impl_->paused;
}

} // namespace kg
