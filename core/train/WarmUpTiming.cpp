#include "core/train/WarmUpTiming.h"

#include "core/model/BatchForward.h"
#include "core/model/Model.h"
#include "core/model/ModelImpl.h"
#include "core/runtime/Runtime.h"
#include "core/train/Optimizer.h"
#include "core/train/Trainability.h"

#include <algorithm>
#include <chrono>

namespace kg {

WarmUpTiming measureTrainingSteps(const TrainOptions& options, int steps, double budgetSeconds,
                                  const std::function<bool()>& cancelled, double maxStepSeconds)
{
    using Clock = std::chrono::steady_clock;
    WarmUpTiming timing;
    timing.plannedBatchSize = std::max(1, options.batchSize);
    timing.imageSize = options.preprocessing.imageSize;
    timing.cuda = resolvesToCuda(options.runtime.device);
    const torch::Device device = timing.cuda ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);

    Model model(options.model);
    timing.parameters = model.parameterCounts().total();
    auto& impl = model.impl();
    impl.moveTo(device);
    BatchForward::useChannelsLastWeights(impl);
    const bool autocast = timing.cuda && options.mixedPrecision;
    BatchForward forward(impl, autocast);
    const Trainability trainability = trainabilityOf(options, TrainingPhase::WarmUp);
    applyTrainability(impl.net, trainability);
    setTrainingMode(impl.net, trainability);
    auto optimizer = makeOptimizer(impl.net, options.learningRate);

    // Its own generators: a training run in this process must not see these draws.
    at::Generator random = at::detail::createCPUGenerator(static_cast<std::uint64_t>(options.seed));
    impl.net->head()->drawDropoutFrom(at::detail::createCPUGenerator(static_cast<std::uint64_t>(options.seed) + 1));
    const int side = timing.imageSize;
    torch::Tensor images;
    torch::Tensor labels;
    auto makeBatch = [&](int batch) {
        images = torch::rand({batch, 3, side, side}, random) * 2.0 - 1.0;
        labels = torch::randint(0, options.model.head.numClasses, {batch}, random, torch::kLong).to(device);
    };

    auto step = [&] {
        torch::Tensor logits;
        if (trainability.backboneFrozen) {
            torch::Tensor features;
            {
                torch::NoGradGuard noGrad;
                features = forward.pooled(images);
            }
            logits = impl.net->head()->forward(features);
        } else {
            logits = forward.logits(images);
        }
        const torch::Tensor loss = torch::nn::functional::cross_entropy(logits, labels);
        optimizer->zero_grad();
        loss.backward();
        adamStep(*optimizer);
        if (timing.cuda)
            loss.item<double>();   // waits for the GPU
    };
    auto seconds = [](Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); };

    // The probe (untimed: allocations, kernel selection) sizes the batch.
    const int probe = std::min(timing.plannedBatchSize, 2);
    makeBatch(probe);
    const auto probeStart = Clock::now();
    step();
    const double perImage = seconds(probeStart) / probe;
    timing.batchSize = timing.plannedBatchSize;
    if (perImage * timing.plannedBatchSize > maxStepSeconds)
        timing.batchSize = std::clamp(static_cast<int>(maxStepSeconds / perImage), probe, timing.plannedBatchSize);
    if (timing.batchSize != probe) {
        makeBatch(timing.batchSize);
        if (cancelled && cancelled())
            return timing;
        step();   // untimed again: memory for the larger batch
    }
    const auto start = Clock::now();
    for (int i = 0; i < std::max(1, steps); ++i) {
        if (cancelled && cancelled())
            break;
        const auto before = Clock::now();
        step();
        timing.stepSeconds.push_back(seconds(before));
        if (seconds(start) >= budgetSeconds)
            break;
    }
    return timing;
}

} // namespace kg
