// CPU inference with and without BatchNorm folding (results in docs/PERFORMANCE.md,
// "BatchNorm folding"): classifyBatch — what evaluation and prediction run per batch, stage
// features for the OOD gate included — on the same network, preprocessed random images,
// channels-last as the product runs, three ways taking turns (so a change in machine load
// hits all): every BN with out-of-place ReLUs and residual additions (KneeGrade before
// either change), every BN with them in place, and folded (in place). Prints each pass, the
// medians in images/s and the ratios to the first.
// usage: bench_bn_folding [--arch resnet152v2] [--size 224] [--batch 16] [--runs 5]
#include "BenchSupport.h"

#include "core/eval/EvaluatorImpl.h"
#include "core/model/ModelImpl.h"
#include "core/runtime/Runtime.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

using namespace kg;
using kgbench::median;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv)
{
    const kgbench::Flags flags(argc, argv, {"--arch", "--size", "--batch", "--runs"},
                               "bench_bn_folding [--arch resnet152v2] [--size 224] [--batch 16] [--runs 5]");
    const std::string arch = flags.text("--arch", "resnet152v2");
    const int size = flags.number("--size", 224), batch = flags.number("--batch", 16), runs = std::max(1, flags.number("--runs", 5));
    const RuntimeInfo runtime = configureRuntime({});
    ModelOptions options;
    options.backbone = parseArchitecture(arch);
    Model model(options);
    Model::Impl& impl = model.impl();
    const torch::Tensor images = at::rand({batch, 3, size, size}, at::detail::createCPUGenerator(1)) * 2 - 1;
    std::printf("%s + head, %d px, batch %d, channels-last; LibTorch %s, %d threads, %s, BLAS %s\n", arch.c_str(), size, batch,
                runtime.torchVersion.c_str(), runtime.threads, runtime.deviceName.c_str(), runtime.blas.c_str());

    struct Variant {
        const char* name;
        bool fold, inPlace;
        std::vector<double> rates;
    };
    std::vector<Variant> variants{{"unfolded, out of place", false, false, {}},
                                  {"unfolded, in place", false, true, {}},
                                  {"folded (in place)", true, true, {}}};
    auto pass = [&](const Variant& v) {
        impl.foldBatchNorms = v.fold;
        impl.net->backbone()->setInPlaceActivations(v.inPlace);
        const auto start = Clock::now();
        const ClassifiedBatch out = classifyBatch(impl, images, 1.0, /*tta=*/false);
        return std::make_pair(std::chrono::duration<double>(Clock::now() - start).count(), out.logits);
    };
    {
        torch::NoGradGuard noGrad;
        const auto start = Clock::now();
        const nn::FoldedBatchNorms folded = nn::foldBatchNorms(*impl.net->backbone());
        std::printf("folding %zu blocks' BNs: %.3f s\n", folded.blocks.size(), std::chrono::duration<double>(Clock::now() - start).count());
    }
    // Warm-up of each (oneDNN primitive creation; the folded pass also folds).
    std::vector<torch::Tensor> logits;
    for (const auto& v : variants)
        logits.push_back(pass(v).second);
    std::printf("max |logit difference| to the first: in place %.3g, folded %.3g\n",
                (logits[1] - logits[0]).abs().max().item<double>(), (logits[2] - logits[0]).abs().max().item<double>());
    std::vector<std::vector<double>> ratios(variants.size());
    for (int r = 0; r < runs; ++r) {
        std::vector<double> seconds(variants.size());
        for (size_t k = 0; k < variants.size(); ++k) {  // rotate the order run by run
            const size_t i = (k + static_cast<size_t>(r)) % variants.size();
            seconds[i] = pass(variants[i]).first;
        }
        std::printf("run %d:", r + 1);
        for (size_t i = 0; i < variants.size(); ++i) {
            variants[i].rates.push_back(batch / seconds[i]);
            ratios[i].push_back(seconds[0] / seconds[i]);
            std::printf("  %s %.2f img/s", variants[i].name, batch / seconds[i]);
        }
        std::printf("\n");
    }
    std::printf("median of %d runs:\n", runs);
    for (size_t i = 0; i < variants.size(); ++i)
        std::printf("  %-24s %6.2f img/s  %.3fx the first (median of per-run ratios %.3fx)\n", variants[i].name,
                    median(variants[i].rates), median(variants[i].rates) / median(variants[0].rates), median(ratios[i]));
    return 0;
}
