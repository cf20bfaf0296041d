// GPU benchmark of the KneeGrade classifier (ResNetV2 + tutorial head): inference and
// training-step throughput at 224 px in fp32 / channels-last / bf16 autocast, plus a CPU vs
// GPU agreement check of the forward pass. Prints one line per measurement and a summary.
//   bench_gpu [--arch resnet152v2] [--batch 64] [--steps 20] [--image 224]
#include "core/model/ModelImpl.h"
#include "core/util/TorchCompat.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace kg;

namespace {

struct Args {
    std::string arch = "resnet152v2";
    int batch = 64;
    int steps = 20;
    int image = 224;
};

Args parse(int argc, char** argv)
{
    Args a;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--arch") a.arch = v;
        else if (k == "--batch") a.batch = std::stoi(v);
        else if (k == "--steps") a.steps = std::stoi(v);
        else if (k == "--image") a.image = std::stoi(v);
    }
    return a;
}

double medianOf(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

template <typename Fn>
double medianSeconds(int steps, Fn&& step)
{
    for (int i = 0; i < 3; ++i)
        step();  // warm-up: cuDNN autotuning, allocator
    torch::cuda::synchronize();
    std::vector<double> times;
    for (int i = 0; i < steps; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        step();
        torch::cuda::synchronize();
        times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    return medianOf(times);
}

} // namespace

int main(int argc, char** argv)
{
    const Args args = parse(argc, argv);
    if (!torch::cuda::is_available()) {
        std::printf("no CUDA device: nothing to benchmark\n");
        return 1;
    }
    at::globalContext().setBenchmarkCuDNN(true);
    std::printf("LibTorch %s, CUDA devices %d, arch %s, batch %d, %d px\n", compat::torchVersion().c_str(),
                static_cast<int>(torch::cuda::device_count()), args.arch.c_str(), args.batch, args.image);

    ModelOptions options;
    options.backbone = parseArchitecture(args.arch);
    Model model(options);
    auto& impl = model.impl();
    std::printf("parameters: %lld\n", static_cast<long long>(model.parameterCounts().total()));

    // Agreement: the same weights on CPU (fp32, channels-last) and GPU (fp32, TF32 off).
    {
        torch::NoGradGuard noGrad;
        impl.net->eval();
        torch::manual_seed(1);
        const torch::Tensor x = torch::randn({4, 3, args.image, args.image});
        const torch::Tensor cpu = impl.net->forward(impl.prepareInput(x)).logits;
        at::globalContext().setAllowTF32CuDNN(false);
        at::globalContext().setAllowTF32CuBLAS(false);
        impl.moveTo(torch::kCUDA);
        const torch::Tensor gpu = impl.net->forward(impl.prepareInput(x)).logits.cpu();
        const double diff = (cpu - gpu).abs().max().item<double>();
        const double scale = cpu.abs().max().item<double>();
        std::printf("cpu-vs-gpu fp32 logits: max |diff| %.3g (max |logit| %.3g, relative %.3g)\n", diff, scale, diff / scale);
        at::globalContext().setAllowTF32CuDNN(true);
        at::globalContext().setAllowTF32CuBLAS(true);
    }

    const torch::Tensor images = torch::randn({args.batch, 3, args.image, args.image}, torch::kCUDA);
    const torch::Tensor labels = torch::randint(0, 5, {args.batch}, torch::TensorOptions().dtype(torch::kLong).device(torch::kCUDA));
    torch::optim::Adam optimizer(impl.net->parameters(), torch::optim::AdamOptions(1e-4));

    struct Config {
        const char* name;
        bool channelsLast;
        bool bf16;
    };
    const Config configs[] = {{"fp32 (TF32) NCHW", false, false}, {"fp32 (TF32) channels-last", true, false},
                              {"bf16 autocast channels-last", true, true}};
    double baseline = 0;
    for (const auto& config : configs) {
        {
            torch::NoGradGuard noGrad;
            for (auto& p : impl.net->parameters())
                if (p.dim() == 4)
                    p.set_data(p.contiguous(config.channelsLast ? at::MemoryFormat::ChannelsLast : at::MemoryFormat::Contiguous));
        }
        const torch::Tensor input =
            config.channelsLast ? images.contiguous(at::MemoryFormat::ChannelsLast) : images.contiguous();
        impl.net->eval();
        const double inferS = medianSeconds(args.steps, [&] {
            torch::NoGradGuard noGrad;
            compat::withCudaAutocast(config.bf16, at::kBFloat16, [&] { return impl.net->forward(input).logits; });
        });
        impl.net->train();
        const double trainS = medianSeconds(args.steps, [&] {
            optimizer.zero_grad();
            auto loss = compat::withCudaAutocast(config.bf16, at::kBFloat16, [&] {
                return torch::cross_entropy_loss(impl.net->forward(input).logits.to(torch::kFloat32), labels);
            });
            loss.backward();
            optimizer.step();
        });
        const double trainIps = args.batch / trainS;
        if (baseline == 0)
            baseline = trainIps;
        std::printf("%-30s inference %8.1f img/s   train step %8.1f img/s   (%.2fx train vs fp32 NCHW)\n", config.name,
                    args.batch / inferS, trainIps, trainIps / baseline);
    }
    return 0;
}
