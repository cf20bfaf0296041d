// CPU inference with and without BatchNorm folding (results in docs/PERFORMANCE.md,
// "BatchNorm folding"): classifyBatch — what evaluation and prediction run per batch, stage
// features for the OOD gate included — on the same network, preprocessed random images,
// channels-last as the product runs; the folded and the unfolded pass take turns, so a change
// in machine load hits both. Prints each pass, the medians in images/s and their ratio.
// usage: bench_bn_folding [--arch resnet152v2] [--size 224] [--batch 16] [--runs 5]
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
using Clock = std::chrono::steady_clock;

namespace {

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n == 0 ? 0.0 : n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

} // namespace

int main(int argc, char** argv)
{
    std::string arch = "resnet152v2";
    int size = 224, batch = 16, runs = 5;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--arch")
            arch = argv[i + 1];
        else if (flag == "--size")
            size = std::atoi(argv[i + 1]);
        else if (flag == "--batch")
            batch = std::atoi(argv[i + 1]);
        else if (flag == "--runs")
            runs = std::max(1, std::atoi(argv[i + 1]));
    }
    const RuntimeInfo runtime = configureRuntime({});
    ModelOptions options;
    options.backbone = parseArchitecture(arch);
    Model model(options);
    Model::Impl& impl = model.impl();
    const torch::Tensor images = at::rand({batch, 3, size, size}, at::detail::createCPUGenerator(1)) * 2 - 1;
    std::printf("%s + head, %d px, batch %d, channels-last; LibTorch %s, %d threads, %s, BLAS %s\n", arch.c_str(), size, batch,
                runtime.torchVersion.c_str(), runtime.threads, runtime.deviceName.c_str(), runtime.blas.c_str());

    auto pass = [&](bool fold) {
        impl.foldBatchNorms = fold;
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
    // Warm-up of both (oneDNN primitive creation; the first folded pass also folds).
    const auto [warmPlain, plainLogits] = pass(false);
    const auto [warmFolded, foldedLogits] = pass(true);
    std::printf("warm-up: unfolded %.2f s, folded %.2f s (includes folding); max |logit difference| %.3g\n", warmPlain, warmFolded,
                (plainLogits - foldedLogits).abs().max().item<double>());
    std::vector<double> plain, folded, ratios;
    for (int r = 0; r < runs; ++r) {
        double p = 0, f = 0;
        if (r % 2 == 0) {
            p = pass(false).first;
            f = pass(true).first;
        } else {
            f = pass(true).first;
            p = pass(false).first;
        }
        plain.push_back(batch / p);
        folded.push_back(batch / f);
        ratios.push_back(p / f);
        std::printf("run %d: unfolded %.2f img/s, folded %.2f img/s\n", r + 1, batch / p, batch / f);
    }
    std::printf("median of %d runs: unfolded %.2f img/s, folded %.2f img/s; folded/unfolded %.3fx (median of per-run ratios %.3fx)\n",
                runs, median(plain), median(folded), median(folded) / median(plain), median(ratios));
    return 0;
}
