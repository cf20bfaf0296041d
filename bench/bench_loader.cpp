// Loader throughput: 224×224 gray PNG phantoms → decode → all four augmentations → x/127.5 − 1
// → 16×3×224×224 float batches, as training consumes them. Prints the median images/s of
// several epochs for a few configurations, among them the device delivery: the workers only
// decode and resize, and the augmentation and normalisation run on --device (the CPU's tensor
// operations here; on a GPU the host's share is the decoding alone).
//   bench_loader [--images N] [--epochs E] [--workers W] [--dir DIR] [--dicom 1] [--device cpu|cuda]
// --dicom 1 also writes the phantoms as 12-bit DICOM and compares the training configuration
// with DICOM decoded in this process and in isolated kneegrade-decoder helpers.
#include "BenchSupport.h"

#include "core/data/Loader.h"
#include "core/imaging/DecodeIsolation.h"
#include "core/imaging/DicomWrite.h"
#include "core/data/Phantom.h"
#include "core/runtime/Runtime.h"

#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::vector<kg::DatasetItem> listPngs(const fs::path& root)
{
    std::vector<kg::DatasetItem> items;
    for (const auto& entry : fs::recursive_directory_iterator(root))
        if (entry.is_regular_file() && entry.path().extension() == ".png")
            items.push_back({entry.path().string(), std::stoi(entry.path().parent_path().filename().string()), "", '?'});
    std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    return items;
}

/// The same images as 12-bit DICOM files (once) in `folder`.
std::vector<kg::DatasetItem> asDicom(const std::vector<kg::DatasetItem>& items, const fs::path& folder)
{
    fs::create_directories(folder);
    std::vector<kg::DatasetItem> dicoms;
    for (const auto& item : items) {
        kg::DatasetItem dicom = item;
        dicom.path = (folder / (fs::path(item.path).stem().string() + "-" + std::to_string(item.grade) + ".dcm")).string();
        if (!fs::exists(dicom.path)) {
            cv::Mat twelve;
            cv::imread(item.path, cv::IMREAD_GRAYSCALE).convertTo(twelve, CV_16U, 4095.0 / 255.0);
            kg::writeDicomImage(dicom.path, twelve);
        }
        dicoms.push_back(dicom);
    }
    return dicoms;
}

struct Measured {
    std::vector<double> rates;          ///< images per wall-clock second, per epoch
    std::vector<double> cpuPerImageUs;  ///< process CPU time (all threads) per image, per epoch
};

/// Per-epoch numbers (the first, warm-up epoch is dropped). CPU time per image does not
/// depend on what else the machine runs, wall-clock rates do.
Measured measure(const std::vector<kg::DatasetItem>& items, const kg::LoaderOptions& options, int epochs,
                 const kg::BatchDelivery& delivery = {})
{
    kg::DataLoader loader(items, options, {}, {}, delivery);
    Measured measured;
    for (int epoch = 0; epoch <= epochs; ++epoch) {
        const std::clock_t cpuStart = std::clock();
        const auto start = std::chrono::steady_clock::now();
        loader.startEpoch(epoch);
        std::int64_t images = 0;
        double checksum = 0;
        while (auto batch = loader.next()) {
            images += batch->images.size(0);
            checksum += batch->images[0][0][0][0].item<float>();   // touch the data
        }
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const double cpuSeconds = static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC;
        if (epoch > 0) {
            measured.rates.push_back(images / seconds);
            measured.cpuPerImageUs.push_back(1e6 * cpuSeconds / images);
        }
        (void)checksum;
    }
    return measured;
}

} // namespace

int main(int argc, char** argv)
{
    const kgbench::Flags flags(argc, argv, {"--images", "--epochs", "--workers", "--dir", "--dicom", "--device"},
                               "bench_loader [--images N] [--epochs E] [--workers W] [--dir DIR] [--dicom 1] [--device cpu|cuda]");
    const int images = flags.number("--images", 1024), epochs = flags.number("--epochs", 5), workers = flags.number("--workers", 0);
    const bool dicom = flags.number("--dicom", 0) != 0;
    const std::string dir = flags.text("--dir", ""), device = flags.text("--device", "cpu");
    const kg::RuntimeInfo runtime = kg::configureRuntime({});
    const fs::path root = dir.empty() ? fs::temp_directory_path() / ("kneegrade-bench-loader-" + std::to_string(images)) : fs::path(dir);
    if (!fs::exists(root / "train")) {
        kg::PhantomOptions phantoms;
        phantoms.outputDir = root.string();
        phantoms.perGrade = (images + 4) / 5;
        phantoms.splits = {1.0, 0.0, 0.0};
        const auto summary = kg::writePhantomDataset(phantoms);
        std::printf("wrote %d phantom PNGs (224×224) to %s in %.2f s (%.0f images/s)\n", summary.files,
                    root.string().c_str(), summary.seconds, summary.files / summary.seconds);
    }
    const auto items = listPngs(root / "train");
    std::printf("KneeGrade loader benchmark · %s · %u hardware threads · LibTorch %s\n", runtime.deviceName.c_str(),
                std::thread::hardware_concurrency(), runtime.torchVersion.c_str());
    std::printf("%zu images, batch 16, median of %d epochs (after one warm-up epoch)\n\n", items.size(), epochs);

    struct Config {
        const char* name;
        bool augment;
        bool shuffle;
        int workers;
        bool finishOnDevice = false;
    };
    const int all = workers > 0 ? workers : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const Config configs[] = {
        {"train: shuffle + flip/rotate/zoom/translate", true, true, all},
        {"evaluate: file order, no augmentation", false, false, all},
        {"train, 1 worker", true, true, 1},
        {"train, augmented + normalised on the device", true, true, all, true},
    };
    const torch::Device finishDevice(device);
    std::printf("device delivery on %s\n", finishDevice.str().c_str());
    std::printf("%-46s %8s %12s %13s %12s\n", "configuration", "workers", "median img/s", "min..max", "CPU µs/img");
    for (const auto& config : configs) {
        kg::LoaderOptions options;
        options.batchSize = 16;
        options.workers = config.workers;
        options.shuffle = config.shuffle;
        options.augment = config.augment;
        kg::BatchDelivery delivery;
        if (config.finishOnDevice) {
            delivery.finishOn = finishDevice;
            delivery.pinned = finishDevice.is_cuda();
        }
        const Measured m = measure(items, options, epochs, delivery);
        std::printf("%-46s %8d %12.0f %6.0f..%-6.0f %12.0f\n", config.name, config.workers, kgbench::median(m.rates),
                    *std::min_element(m.rates.begin(), m.rates.end()), *std::max_element(m.rates.begin(), m.rates.end()),
                    kgbench::median(m.cpuPerImageUs));
    }
    if (dicom) {
        const auto dicomItems = asDicom(items, root / "dicom");
        kg::LoaderOptions options;
        options.batchSize = 16;
        options.workers = all;
        options.shuffle = true;
        options.augment = true;
        std::vector<double> inProcess, isolated;
        for (int rep = 0; rep < 3; ++rep) {  // interleaved: load drift hits both alike
            kg::configureRadiographDecoding({kg::DecodeIsolation::InProcess, all, {}});
            inProcess.push_back(kgbench::median(measure(dicomItems, options, epochs).rates));
            kg::configureRadiographDecoding({kg::DecodeIsolation::UntrustedFormats, all, {}});
            isolated.push_back(kgbench::median(measure(dicomItems, options, epochs).rates));
        }
        const double inProcessRate = kgbench::median(inProcess), isolatedRate = kgbench::median(isolated);
        std::printf("\nDICOM 224×224 12-bit, train configuration, %d workers: in-process %.0f img/s, isolated %.0f img/s, "
                    "isolated/in-process %.2f\n", all, inProcessRate, isolatedRate, isolatedRate / inProcessRate);
    }
    double load[3] = {0, 0, 0};
    if (FILE* f = std::fopen("/proc/loadavg", "r")) {
        if (std::fscanf(f, "%lf %lf %lf", &load[0], &load[1], &load[2]) != 3)
            load[0] = -1;
        std::fclose(f);
    }
    std::printf("\nload average during the run: %.2f (1 min), %.2f (5 min)\n", load[0], load[1]);
    return 0;
}
