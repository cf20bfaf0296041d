// Batched evaluation vs the tutorial's loop (one model.predict per image).
//   bench_evaluate [arch=resnet50v2] [size=224] [images=64] [batch=32] [runs=3]
// A: the network alone on preprocessed tensors (batch-1 passes vs batches).
// B: from PNG files: decode → preprocess → forward one image at a time, vs kg::evaluateModel
//    (prefetching loader + batched forward), also with horizontal-flip TTA.
// Prints medians over `runs` after one warm-up run of each, and the largest probability
// difference between the two ways (they must agree).
#include "core/data/PreprocessImpl.h"
#include "core/imaging/RadiographDecode.h"
#include "core/eval/EvaluatorImpl.h"
#include "core/eval/GradCam.h"
#include "core/model/Checkpoint.h"
#include "core/runtime/Runtime.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double seconds(const std::function<void()>& fn)
{
    const auto start = Clock::now();
    fn();
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

void row(const char* what, int images, double secondsPerRun, double baseline)
{
    std::printf("  %-52s %8.2f img/s  %7.3f s  %5.2fx\n", what, images / secondsPerRun, secondsPerRun,
                baseline / secondsPerRun);
}

} // namespace

int main(int argc, char** argv)
{
    const std::string arch = argc > 1 ? argv[1] : "resnet50v2";
    const int size = argc > 2 ? std::atoi(argv[2]) : 224;
    const int images = argc > 3 ? std::atoi(argv[3]) : 64;
    const int batch = argc > 4 ? std::atoi(argv[4]) : 32;
    const int runs = argc > 5 ? std::atoi(argv[5]) : 3;

    const kg::RuntimeInfo runtime = kg::configureRuntime({});
    std::printf("bench_evaluate: %s at %d px, %d images, batch %d, median of %d runs\n", arch.c_str(), size, images,
                batch, runs);
    std::printf("LibTorch %s, %s, %d threads, BLAS %s\n\n", runtime.torchVersion.c_str(), runtime.deviceName.c_str(),
                runtime.threads, runtime.blas.c_str());

    kg::ModelOptions options;
    options.backbone = kg::parseArchitecture(arch);
    kg::Model model(options);
    kg::CheckpointMeta meta;
    meta.preprocessing.imageSize = size;
    auto& impl = model.impl();

    // Files as the real dataset has them: 8-bit gray PNGs of the input size, grade folders.
    const auto dir = std::filesystem::temp_directory_path() / ("kg-bench-evaluate-" + std::to_string(::getpid()));
    std::vector<kg::DatasetItem> items;
    for (int i = 0; i < images; ++i) {
        const int grade = i % 5;
        const auto folder = dir / "test" / std::to_string(grade);
        std::filesystem::create_directories(folder);
        kg::RgbImage picture{size, size, std::vector<std::uint8_t>(static_cast<size_t>(size) * size * 3)};
        for (int y = 0; y < size; ++y)
            for (int x = 0; x < size; ++x) {
                const auto v = static_cast<std::uint8_t>((x * 3 + y * 5 + i * 17 + (x * y) % 23) % 256);
                std::fill_n(&picture.pixels[(static_cast<size_t>(y) * size + x) * 3], 3, v);
            }
        const std::string path = (folder / (std::to_string(9000000 + i) + "R.png")).string();
        kg::writeRgbImage(path, picture);
        items.push_back({path, grade, {}, 'R'});
    }

    // A: the network alone.
    const torch::Tensor inputs = torch::rand({images, 3, size, size}) * 2 - 1;
    torch::Tensor loopProbabilities, batchedProbabilities;
    auto loopA = [&] {
        std::vector<torch::Tensor> rows;
        for (int i = 0; i < images; ++i)
            rows.push_back(kg::classifyBatch(impl, inputs.narrow(0, i, 1), 1.0, false).probabilities);
        loopProbabilities = torch::cat(rows);
    };
    auto batchedA = [&] {
        std::vector<torch::Tensor> rows;
        for (int i = 0; i < images; i += batch)
            rows.push_back(kg::classifyBatch(impl, inputs.narrow(0, i, std::min(batch, images - i)), 1.0, false).probabilities);
        batchedProbabilities = torch::cat(rows);
    };
    // B: from files.
    std::vector<std::vector<double>> fileLoop;
    auto loopB = [&] {
        fileLoop.clear();
        for (const auto& item : items) {
            const torch::Tensor x = kg::preprocessToTensor(kg::decodeRadiographForModel(item.path), meta.preprocessing);
            const torch::Tensor p = kg::classifyBatch(impl, x, 1.0, false).probabilities;
            fileLoop.emplace_back(p.data_ptr<float>(), p.data_ptr<float>() + p.numel());
        }
    };
    kg::EvaluationResult evaluated;
    kg::EvaluationOptions evaluation;
    evaluation.batchSize = batch;
    auto batchedB = [&] { evaluated = kg::evaluateModel(model, meta, items, evaluation); };
    kg::EvaluationOptions withTta = evaluation;
    withTta.tta = true;
    auto batchedTta = [&] { kg::evaluateModel(model, meta, items, withTta); };

    std::vector<std::pair<const char*, std::function<void()>>> cases = {
        {"A  network only, one image per forward pass", loopA},
        {"A  network only, batches", batchedA},
        {"B  files, one image at a time (tutorial)", loopB},
        {"B  files, kg::evaluateModel (loader + batches)", batchedB},
        {"B  files, kg::evaluateModel + flip TTA", batchedTta},
    };
    std::vector<std::vector<double>> times(cases.size());
    for (auto& [name, fn] : cases)
        fn();  // warm-up: oneDNN primitive caches, page cache
    for (int r = 0; r < runs; ++r)
        for (size_t c = 0; c < cases.size(); ++c)
            times[c].push_back(seconds(cases[c].second));

    std::printf("  %-52s %14s  %9s  %6s\n", "case", "throughput", "time", "speed");
    const double baseA = median(times[0]), baseB = median(times[2]);
    for (size_t c = 0; c < cases.size(); ++c)
        row(cases[c].first, images, median(times[c]), c < 2 ? baseA : baseB);

    double differenceA = (loopProbabilities - batchedProbabilities).abs().max().item<double>();
    double differenceB = 0;
    for (size_t i = 0; i < evaluated.predictions.size(); ++i)
        for (size_t k = 0; k < 5; ++k)
            differenceB = std::max(differenceB, std::abs(evaluated.predictions[i].probabilities[k] - fileLoop[i][k]));
    std::printf("\nlargest probability difference, loop vs batched: network %.2e, files %.2e\n", differenceA, differenceB);
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return 0;
}
