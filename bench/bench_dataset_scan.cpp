// Dataset scan speed (the goal: scanning 10,000 files takes well under a second), plus the
// two costs next to it: the dataset report (decode + SHA-256 of every file) and the training
// loader's per-image decode of a 224×224 8-bit PNG. Prints medians; record them in
// docs/PERFORMANCE.md ("Dataset scan").
//
// usage: bench_dataset_scan [files=10000] [runs=7]
#include "core/data/DatasetReport.h"
#include "core/data/DatasetScan.h"
#include "core/imaging/RadiographDecode.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;

namespace {

double medianMs(int runs, const std::function<void()>& work)
{
    work();  // warm-up: directory entries and code in cache, as on a second open in the app
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        work();
        times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

/// The real dataset's shape: splits × grade folders, files named <7-digit id><L|R>.png,
/// grades in the real train proportions. Contents are a few bytes: the scan never opens them.
void makeDataset(const fs::path& root, int files, bool withVal)
{
    const double shares[5] = {0.396, 0.181, 0.262, 0.131, 0.030};
    const std::vector<std::pair<const char*, double>> splits =
        withVal ? std::vector<std::pair<const char*, double>>{{"train", 0.70}, {"val", 0.10}, {"test", 0.20}}
                : std::vector<std::pair<const char*, double>>{{"train", 0.80}, {"test", 0.20}};
    int id = 0;
    for (const auto& [split, share] : splits)
        for (int g = 0; g < 5; ++g) {
            const fs::path folder = root / split / std::to_string(g);
            fs::create_directories(folder);
            const int count = int(files * share * shares[g] + 0.5);
            for (int i = 0; i < count; ++i, ++id) {
                char name[32];
                std::snprintf(name, sizeof name, "%07d%c.png", 9000000 + id / 2, id % 2 ? 'L' : 'R');
                std::ofstream(folder / name) << "x";
            }
        }
}

} // namespace

int main(int argc, char** argv)
{
    const int files = argc > 1 ? std::max(100, std::atoi(argv[1])) : 10000;
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 7;
    const fs::path base = fs::temp_directory_path() / ("kg_bench_scan_" + std::to_string(::getpid()));
    fs::remove_all(base);

    std::printf("bench_dataset_scan: %d files, median of %d runs, %u hardware threads\n", files, runs,
                std::thread::hardware_concurrency());

    makeDataset(base / "with_val", files, true);
    size_t found = 0;
    const double scanMs = medianMs(runs, [&] { found = kg::scanDataset((base / "with_val").string()).size(); });
    std::printf("scanDataset, train/val/test (%zu files):          %8.1f ms\n", found, scanMs);

    makeDataset(base / "no_val", files, false);
    const double splitMs = medianMs(runs, [&] { found = kg::scanDataset((base / "no_val").string()).size(); });
    std::printf("scanDataset, val split from train by patient (%zu): %8.1f ms\n", found, splitMs);

    kg::ScanOptions hashing;
    hashing.hashContents = true;
    const double hashMs = medianMs(runs, [&] { kg::scanDataset((base / "with_val").string(), hashing); });
    std::printf("scanDataset + SHA-256 of every (1-byte) file:     %8.1f ms\n", hashMs);

    // The loader's hot path: one 224×224 8-bit gray PNG, like the real dataset's.
    const fs::path png = base / "knee.png";
    cv::Mat image(224, 224, CV_8UC1);
    cv::randn(image, 110, 40);
    cv::GaussianBlur(image, image, cv::Size(5, 5), 0);  // radiograph-like, compresses like one
    cv::imwrite(png.string(), image);
    const int decodes = 500;
    const double decodeMs = medianMs(runs, [&] {
        for (int i = 0; i < decodes; ++i)
            kg::decodeRadiographForModel(png.string());
    });
    const double imreadMs = medianMs(runs, [&] {  // the floor: OpenCV alone, no checks
        for (int i = 0; i < decodes; ++i)
            cv::imread(png.string(), cv::IMREAD_ANYDEPTH | cv::IMREAD_ANYCOLOR);
    });
    std::printf("decodeRadiographForModel, 224x224 8-bit PNG (%ld bytes): %6.1f us/image (cv::imread alone: %.1f us)\n",
                long(fs::file_size(png)), 1000.0 * decodeMs / decodes, 1000.0 * imreadMs / decodes);

    // The report reads, hashes and decodes every file: 2,000 real PNGs.
    const fs::path reportRoot = base / "report";
    const int reportFiles = std::min(files, 2000);
    for (int i = 0; i < reportFiles; ++i) {
        const fs::path folder = reportRoot / (i % 5 ? "train" : "test") / std::to_string(i % 5);
        fs::create_directories(folder);
        char name[32];
        std::snprintf(name, sizeof name, "%07d%c.png", 9100000 + i / 2, i % 2 ? 'L' : 'R');
        image.at<uint8_t>(0, 0) = uint8_t(i);  // distinct files
        image.at<uint8_t>(0, 1) = uint8_t(i >> 8);
        cv::imwrite((folder / name).string(), image);
    }
    const kg::DatasetSplits splits = kg::scanDataset(reportRoot.string());
    const double reportMs = medianMs(std::min(runs, 3), [&] { kg::buildDatasetReport(splits); });
    std::printf("buildDatasetReport, %zu 224x224 PNGs (decode + SHA-256, all cores): %8.1f ms (%.0f files/s)\n",
                splits.size(), reportMs, 1000.0 * double(splits.size()) / reportMs);

    fs::remove_all(base);
    return 0;
}
