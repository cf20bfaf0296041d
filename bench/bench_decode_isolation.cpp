// Cost of isolated decoding: images/s of decodeRadiographForModel() (what the training loader
// calls per file) for DICOM files decoded in this process versus in kneegrade-decoder helper
// processes, side by side in one run. Two sets: 224×224 12-bit images written as uncompressed
// DICOM (the shape of a DICOM training set: small files, where the per-file overhead of
// isolation shows most) and the real radiographs given on the command line (large, compressed).
//   bench_decode_isolation [--threads T] [--reps R] [--images N] [real.dcm ...]
#include "core/imaging/DecodeIsolation.h"
#include "core/imaging/DicomWrite.h"
#include "core/imaging/RadiographDecode.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>

#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;

namespace {

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

/// 224×224 12-bit images: a different smooth gradient plus noise each.
std::vector<std::string> writeSmallDicoms(const fs::path& folder, int count)
{
    fs::create_directories(folder);
    std::vector<std::string> paths;
    cv::RNG random(7);
    for (int i = 0; i < count; ++i) {
        cv::Mat image(224, 224, CV_16UC1);
        for (int y = 0; y < image.rows; ++y)
            for (int x = 0; x < image.cols; ++x)
                image.at<std::uint16_t>(y, x) = std::uint16_t((x * 9 + y * (i % 7 + 3) + random.uniform(0, 400)) % 4096);
        paths.push_back((folder / ("image" + std::to_string(i) + ".dcm")).string());
        kg::writeDicomImage(paths.back(), image);
    }
    return paths;
}

/// Images/s of `threads` threads decoding `paths` round-robin, `passes` times over.
double imagesPerSecond(const std::vector<std::string>& paths, int threads, int passes)
{
    std::atomic<std::size_t> next{0};
    const std::size_t total = paths.size() * std::size_t(passes);
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t)
        workers.emplace_back([&] {
            for (std::size_t i = next++; i < total; i = next++)
                kg::decodeRadiographForModel(paths[i % paths.size()]);
        });
    for (auto& worker : workers)
        worker.join();
    return double(total) / std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void compare(const char* label, const std::vector<std::string>& paths, int threads, int reps, int passes)
{
    std::vector<double> inProcess, isolated;
    for (int r = 0; r < reps; ++r) {  // interleaved, so drift in machine load hits both alike
        kg::configureRadiographDecoding({kg::DecodeIsolation::InProcess, threads, {}});
        inProcess.push_back(imagesPerSecond(paths, threads, passes));
        kg::configureRadiographDecoding({kg::DecodeIsolation::UntrustedFormats, threads, {}});
        imagesPerSecond(paths, threads, 1);  // helpers started outside the timing
        isolated.push_back(imagesPerSecond(paths, threads, passes));
    }
    const double a = median(inProcess), b = median(isolated);
    std::printf("%-34s threads %d: in-process %8.1f img/s, isolated %8.1f img/s, isolated/in-process %.2f\n", label,
                threads, a, b, b / a);
}

} // namespace

int main(int argc, char** argv)
{
    int threads = 2, reps = 5, images = 200;
    std::vector<std::string> real;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--threads" && i + 1 < argc)
            threads = std::atoi(argv[++i]);
        else if (arg == "--reps" && i + 1 < argc)
            reps = std::atoi(argv[++i]);
        else if (arg == "--images" && i + 1 < argc)
            images = std::atoi(argv[++i]);
        else
            real.push_back(arg);
    }
    if (kg::decoderHelperPath().empty()) {
        std::fprintf(stderr, "kneegrade-decoder not found: set KNEEGRADE_DECODER\n");
        return 1;
    }
    const fs::path folder = fs::temp_directory_path() / ("kg-bench-isolation-" + std::to_string(::getpid()));
    const std::vector<std::string> small = writeSmallDicoms(folder, images);
    for (int t : {1, threads}) {
        compare("224x224 12-bit DICOM", small, t, reps, 3);
        if (!real.empty())
            compare("real radiographs (given files)", real, t, reps, 1);
    }
    fs::remove_all(folder);
    return 0;
}
