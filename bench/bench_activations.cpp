// One fine-tune training step of a full-size network (forward, cross-entropy, backward, Adam)
// with the residual blocks' ReLUs and additions out of place (KneeGrade before) and in place
// (now), two identical networks taking turns step by step with the same batches and dropout
// masks (results in docs/PERFORMANCE.md, "In-place activations"). Also prints the largest
// weight difference between the two after the last step: in-place must change nothing.
// usage: bench_activations [--arch resnet152v2] [--size 224] [--batch 16] [--steps 4]
#include "BenchSupport.h"

#include "core/model/ModelImpl.h"
#include "core/runtime/Runtime.h"
#include "core/train/Optimizer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace kg;
using kgbench::median;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv)
{
    const kgbench::Flags flags(argc, argv, {"--arch", "--size", "--batch", "--steps"},
                               "bench_activations [--arch resnet152v2] [--size 224] [--batch 16] [--steps 4]");
    const std::string arch = flags.text("--arch", "resnet152v2");
    const int size = flags.number("--size", 224), batch = flags.number("--batch", 16), steps = std::max(1, flags.number("--steps", 4));
    const RuntimeInfo runtime = configureRuntime({});
    ModelOptions options;
    options.backbone = parseArchitecture(arch);
    struct Variant {
        const char* name;
        bool inPlace;
        std::unique_ptr<Model> model;
        std::unique_ptr<torch::optim::Adam> optimizer;
        std::vector<double> seconds;
    };
    std::vector<Variant> variants;
    variants.push_back({"out of place", false, std::make_unique<Model>(options), nullptr, {}});
    variants.push_back({"in place", true, std::make_unique<Model>(options), nullptr, {}});
    for (auto& v : variants) {
        v.model->impl().net->backbone()->setInPlaceActivations(v.inPlace);
        v.model->impl().net->train();
        v.optimizer = makeOptimizer(v.model->impl().net, 1e-4);
    }
    std::printf("%s + head, %d px, batch %d, channels-last, train mode; LibTorch %s, %d threads, %s\n", arch.c_str(), size, batch,
                runtime.torchVersion.c_str(), runtime.threads, runtime.deviceName.c_str());
    for (int step = 0; step <= steps; ++step) {  // step 0 warms up (oneDNN primitives, Adam state)
        auto generator = at::detail::createCPUGenerator(static_cast<std::uint64_t>(step) + 1);
        const torch::Tensor images = at::rand({batch, 3, size, size}, generator) * 2 - 1;
        const torch::Tensor labels = torch::arange(batch, torch::kInt64) % 5;
        for (size_t k = 0; k < variants.size(); ++k) {
            Variant& v = variants[(k + static_cast<size_t>(step)) % variants.size()];
            Model::Impl& impl = v.model->impl();
            torch::manual_seed(1000 + step);  // the same dropout masks for both
            const auto start = Clock::now();
            const torch::Tensor logits = impl.net->logits(impl.prepareInput(images));
            const torch::Tensor loss = torch::nll_loss(torch::log_softmax(logits, 1), labels);
            v.optimizer->zero_grad();
            loss.backward();
            adamStep(*v.optimizer);
            const double s = std::chrono::duration<double>(Clock::now() - start).count();
            if (step > 0)
                v.seconds.push_back(s);
        }
        if (step > 0)
            std::printf("step %d: out of place %.2f s, in place %.2f s\n", step, variants[0].seconds.back(), variants[1].seconds.back());
    }
    double worst = 0;
    const auto a = variants[0].model->impl().net->parameters();
    const auto b = variants[1].model->impl().net->parameters();
    for (size_t i = 0; i < a.size(); ++i)
        worst = std::max(worst, (a[i] - b[i]).abs().max().item<double>());
    const double outOfPlace = median(variants[0].seconds), inPlace = median(variants[1].seconds);
    std::printf("median of %d steps: out of place %.2f s (%.2f img/s), in place %.2f s (%.2f img/s), %.3fx; "
                "largest weight difference after %d steps: %.3g\n",
                steps, outOfPlace, batch / outOfPlace, inPlace, batch / inPlace, outOfPlace / inPlace, steps + 1, worst);
    return 0;
}
