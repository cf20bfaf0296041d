// The trainer's Adam step on a full-size network's parameter list (results in
// docs/PERFORMANCE.md, "Adam step"): torch::optim::Adam::step against kg::adamStep with its
// per-tensor, multi-tensor (foreach) and fused kernels, taking turns step by step over
// identical parameters and gradients, and the largest weight difference each leaves. On CUDA
// the parameters are channels-last as the trainer has them; fused needs LibTorch 2.x and CUDA
// (elsewhere adamStep runs foreach for it, and the line says so).
// usage: bench_adam [--arch resnet152v2] [--steps 9] [--device cpu|cuda]
#include "BenchSupport.h"

#include "core/model/BatchForward.h"
#include "core/model/ModelImpl.h"
#include "core/runtime/Runtime.h"
#include "core/train/Optimizer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

using namespace kg;
using kgbench::median;
using Clock = std::chrono::steady_clock;

namespace {


template <typename Fn>
double seconds(Fn&& fn)
{
    const auto start = Clock::now();
    fn();
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Gradients for step `step`, made on the CPU once and copied into every network's.
std::vector<torch::Tensor> makeGradients(const std::vector<torch::Tensor>& params, int step)
{
    auto generator = at::detail::createCPUGenerator(100 + static_cast<std::uint64_t>(step));
    std::vector<torch::Tensor> grads;
    for (const auto& p : params)
        grads.push_back(at::empty(p.sizes()).normal_(0.0, 1e-3, generator));
    return grads;
}

void setGradients(Model& model, const std::vector<torch::Tensor>& grads)
{
    torch::NoGradGuard noGrad;
    auto params = model.impl().net->parameters();
    for (size_t i = 0; i < params.size(); ++i) {
        torch::Tensor& grad = params[i].mutable_grad();
        if (!grad.defined())
            grad = torch::empty_like(params[i], at::MemoryFormat::Preserve);
        grad.copy_(grads[i]);
    }
}

const char* kernelName(AdamKernel kernel)
{
    switch (kernel) {
    case AdamKernel::PerTensor: return "per tensor";
    case AdamKernel::Foreach: return "foreach";
    case AdamKernel::Fused: return "fused";
    }
    return "?";
}

} // namespace

int main(int argc, char** argv)
{
    const kgbench::Flags flags(argc, argv, {"--arch", "--steps", "--device"}, "bench_adam [--arch resnet152v2] [--steps 9] [--device cpu|cuda]");
    const std::string arch = flags.text("--arch", "resnet152v2");
    const int steps = std::max(1, flags.number("--steps", 9));
    const bool cuda = flags.text("--device", "cpu") == "cuda";
    if (cuda && !torch::cuda::is_available()) {
        std::fprintf(stderr, "bench_adam: --device cuda, but LibTorch sees no CUDA device\n");
        return 2;
    }
    auto sync = [cuda] {
        if (cuda)
            torch::cuda::synchronize();
    };
    const RuntimeInfo runtime = configureRuntime({});
    ModelOptions options;
    options.backbone = parseArchitecture(arch);
    struct Variant {
        const char* name;
        std::optional<AdamKernel> kernel;  // nullopt: torch::optim::Adam::step itself
        std::unique_ptr<Model> model;
        std::unique_ptr<torch::optim::Adam> optimizer;
        std::vector<double> times;
        std::optional<AdamKernel> used = std::nullopt;  // what adamStep ran
    };
    std::vector<Variant> variants;
    variants.push_back({"torch::optim::Adam::step", std::nullopt, nullptr, nullptr, {}, std::nullopt});
    variants.push_back({"adamStep per tensor", AdamKernel::PerTensor, nullptr, nullptr, {}, std::nullopt});
    variants.push_back({"adamStep foreach", AdamKernel::Foreach, nullptr, nullptr, {}, std::nullopt});
    variants.push_back({"adamStep fused", AdamKernel::Fused, nullptr, nullptr, {}, std::nullopt});
    for (auto& v : variants) {
        v.model = std::make_unique<Model>(options);  // the same weights (same seed), conv kernels channels-last
        if (cuda) {
            v.model->impl().moveTo(torch::Device(torch::kCUDA));
            BatchForward::useChannelsLastWeights(v.model->impl());
        }
        v.optimizer = makeOptimizer(v.model->impl().net, 1e-3);
    }
    std::int64_t values = 0;
    const auto params = variants[0].model->impl().net->parameters();
    for (const auto& p : params)
        values += p.numel();
    std::printf("%s + head: %zu parameter tensors, %lld values; LibTorch %s, %d threads, %s\n", arch.c_str(), params.size(),
                static_cast<long long>(values), runtime.torchVersion.c_str(), runtime.threads, runtime.deviceName.c_str());

    for (int step = 0; step <= steps; ++step) {  // step 0 creates the state: warm-up, not timed
        const std::vector<torch::Tensor> grads = makeGradients(params, step);
        for (auto& v : variants)
            setGradients(*v.model, grads);
        sync();
        // Rotate which goes first, so a change in machine load hits all of them.
        for (size_t k = 0; k < variants.size(); ++k) {
            Variant& v = variants[(k + static_cast<size_t>(step)) % variants.size()];
            const double t = seconds([&] {
                if (v.kernel)
                    v.used = adamStep(*v.optimizer, v.kernel);
                else
                    v.optimizer->step();
                sync();
            });
            if (step > 0)
                v.times.push_back(t);
        }
        if (step > 0) {
            std::printf("step %d:", step);
            for (const auto& v : variants)
                std::printf("  %s %.2f ms", v.name, 1e3 * v.times.back());
            std::printf("\n");
        }
    }
    const double reference = median(variants[0].times);
    std::printf("median of %d steps:\n", steps);
    for (const auto& v : variants) {
        double worst = 0;
        const auto p = v.model->impl().net->parameters();
        for (size_t i = 0; i < params.size(); ++i)
            worst = std::max(worst, (params[i] - p[i]).abs().max().item<double>());
        std::printf("  %-26s %8.2f ms  %.2fx torch's step   largest weight difference to it after %d steps: %.3g%s%s\n", v.name,
                    1e3 * median(v.times), reference / median(v.times), steps + 1, worst, v.used ? "   ran: " : "",
                    v.used ? kernelName(*v.used) : "");
    }
    return 0;
}
