#include "core/locate/detail/LocaliserPool.h"

#include "core/data/DeterministicRandom.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

namespace kg::locate {

std::uint64_t radiographSeed(Stream stream, std::uint64_t seed, int index)
{
    return combineSeeds({static_cast<std::uint64_t>(stream), seed, static_cast<std::uint64_t>(index)});
}

LabelledImage renderLabelledRadiograph(Stream stream, std::uint64_t seed, int index, double scale, FullRadiograph* full)
{
    FullRadiographSpec spec;
    spec.view = fullRadiographView(index);
    spec.seed = radiographSeed(stream, seed, index);
    spec.scale = scale;
    spec.markers = index % 5 != 4;
    FullRadiograph radiograph = renderFullRadiograph(spec);
    const std::vector<std::uint8_t> bytes = radiograph.eightBit();
    LabelledImage image;
    image.gray = cv::Mat(radiograph.height, radiograph.width, CV_8UC1, const_cast<std::uint8_t*>(bytes.data())).clone();
    for (const auto& knee : radiograph.knees)
        image.boxes.push_back(toBox(knee));
    image.kind = "radiograph";
    if (full)
        *full = std::move(radiograph);
    return image;
}

void parallelFor(int count, int threads, const std::function<void(int)>& task)
{
    const int workers = std::max(1, std::min(count, threads > 0 ? threads : static_cast<int>(std::thread::hardware_concurrency())));
    std::atomic<int> next{0};
    std::exception_ptr failure;
    std::mutex failureMutex;
    auto work = [&] {
        for (int i = next++; i < count; i = next++) {
            try {
                task(i);
            } catch (...) {
                std::lock_guard<std::mutex> lock(failureMutex);
                if (!failure)
                    failure = std::current_exception();
                next = count;
            }
        }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < workers; ++t)
        pool.emplace_back(work);
    work();
    for (auto& thread : pool)
        thread.join();
    if (failure)
        std::rethrow_exception(failure);
}

} // namespace kg::locate
