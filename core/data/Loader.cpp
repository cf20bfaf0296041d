#include "core/data/Loader.h"

#include "core/data/Augment.h"
#include "core/data/DeterministicRandom.h"
#include "core/data/Preprocess.h"
#include "core/imaging/RadiographDecode.h"
#include "core/util/Error.h"

#include <opencv2/core/utility.hpp>

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_set>

namespace kg {

struct DataLoader::Impl {
    std::vector<DatasetItem> items;
    LoaderOptions options;
    PreprocessOptions preprocessing;
    ImageDecoder decoder;
    int prefetch = 1;

    mutable std::mutex mutex;
    std::condition_variable workAvailable;  // workers wait here
    std::condition_variable batchReady;     // the consumer waits here
    std::vector<std::thread> workers;
    bool stopping = false;

    // Current epoch, guarded by `mutex`. `generation` changes with every startEpoch so results
    // of an abandoned epoch are dropped.
    std::uint64_t generation = 0;
    bool epochActive = false;
    int epoch = 0;
    std::vector<std::int64_t> order;
    std::int64_t batches = 0;
    std::int64_t nextToClaim = 0;
    std::int64_t nextToReturn = 0;
    struct Result {
        std::optional<Batch> batch;   // nullopt when every sample of the batch was skipped
        std::exception_ptr error;     // an unexpected failure (not a bad file), rethrown by next()
    };
    std::map<std::int64_t, Result> ready;

    std::vector<char> bad;                 // per item: known not to decode
    std::vector<SkippedPath> skipped;
    std::unordered_set<std::string> reportedPaths;

    std::int64_t batchCount(std::int64_t samples) const
    {
        const std::int64_t b = options.batchSize;
        return options.dropLast ? samples / b : (samples + b - 1) / b;
    }

    void workerLoop()
    {
        // Workers already run in parallel: OpenCV's own threads would only oversubscribe the cores.
        cv::setNumThreads(0);
        std::unique_lock<std::mutex> lock(mutex);
        for (;;) {
            workAvailable.wait(lock, [&] {
                return stopping || (epochActive && nextToClaim < batches && nextToClaim < nextToReturn + prefetch);
            });
            if (stopping)
                return;
            const std::int64_t batchIndex = nextToClaim++;
            const std::uint64_t claimedGeneration = generation;
            const int claimedEpoch = epoch;
            const auto begin = order.begin() + batchIndex * options.batchSize;
            const auto end = order.begin() + std::min<std::int64_t>((batchIndex + 1) * options.batchSize,
                                                                    static_cast<std::int64_t>(order.size()));
            std::vector<std::int64_t> samples(begin, end);
            std::vector<char> knownBad(samples.size());
            for (size_t i = 0; i < samples.size(); ++i)
                knownBad[i] = bad[static_cast<size_t>(samples[i])];
            lock.unlock();

            Result result;
            std::vector<SkippedPath> failures;
            std::vector<std::int64_t> failedItems;
            try {
                result.batch = buildBatch(samples, knownBad, claimedEpoch, failures, failedItems);
            } catch (...) {
                result.error = std::current_exception();
            }

            lock.lock();
            for (size_t i = 0; i < failedItems.size(); ++i) {
                char& flag = bad[static_cast<size_t>(failedItems[i])];
                if (!flag) {
                    flag = 1;
                    if (reportedPaths.insert(failures[i].path).second)
                        skipped.push_back(std::move(failures[i]));
                }
            }
            if (claimedGeneration == generation) {
                ready[batchIndex] = std::move(result);
                batchReady.notify_all();
            }
        }
    }

    /// Decodes, augments and preprocesses one batch outside the lock.
    std::optional<Batch> buildBatch(const std::vector<std::int64_t>& samples, const std::vector<char>& knownBad,
                                    int epochNumber, std::vector<SkippedPath>& failures,
                                    std::vector<std::int64_t>& failedItems) const
    {
        std::vector<cv::Mat> images;
        std::vector<std::int64_t> kept;
        images.reserve(samples.size());
        kept.reserve(samples.size());
        for (size_t i = 0; i < samples.size(); ++i) {
            if (knownBad[i])
                continue;
            const std::int64_t itemIndex = samples[i];
            const DatasetItem& item = items[static_cast<size_t>(itemIndex)];
            try {
                cv::Mat image = toModelImage(decoder(item.path), preprocessing);
                if (options.augment)
                    image = augmentImage(image, options.augmentation, augmentSeed(options.seed, epochNumber, itemIndex));
                images.push_back(std::move(image));
                kept.push_back(itemIndex);
            } catch (const std::exception& e) {
                failures.push_back({item.path, e.what()});
                failedItems.push_back(itemIndex);
            }
        }
        if (kept.empty())
            return std::nullopt;

        const std::int64_t n = static_cast<std::int64_t>(kept.size());
        const int size = preprocessing.imageSize, channels = preprocessing.channels;
        Batch batch;
        batch.images = torch::empty({n, channels, size, size}, torch::kFloat32);
        batch.labels = torch::empty({n}, torch::kInt64);
        float* data = batch.images.data_ptr<float>();
        std::int64_t* labels = batch.labels.data_ptr<std::int64_t>();
        const std::int64_t sampleFloats = static_cast<std::int64_t>(channels) * size * size;
        for (std::int64_t i = 0; i < n; ++i) {
            writeModelInput(images[static_cast<size_t>(i)], preprocessing, data + i * sampleFloats);
            labels[i] = items[static_cast<size_t>(kept[static_cast<size_t>(i)])].grade;
        }
        batch.indices = std::move(kept);
        return batch;
    }
};

DataLoader::DataLoader(std::vector<DatasetItem> items, LoaderOptions options, PreprocessOptions preprocessing,
                       ImageDecoder decoder)
    : impl_(std::make_unique<Impl>())
{
    if (options.batchSize < 1)
        throw Error("loader: batch size must be at least 1, got " + std::to_string(options.batchSize));
    if (options.workers < 0 || options.prefetchBatches < 0)
        throw Error("loader: workers and prefetch batches must not be negative");
    validatePreprocessOptions(preprocessing);
    if (options.augment && options.augmentation.zoom && options.augmentation.zoomFactor >= 1.0)
        throw Error("loader: zoom factor must be below 1 (Keras RandomZoom range)");

    Impl& d = *impl_;
    d.items = std::move(items);
    d.options = options;
    d.preprocessing = preprocessing;
    d.decoder = decoder ? std::move(decoder) : ImageDecoder([](const std::string& path) {
        return decodeRadiographForModel(path);
    });
    d.bad.assign(d.items.size(), 0);

    int workers = options.workers;
    if (workers == 0)
        workers = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    // More threads than batches in flight would only wait.
    d.prefetch = options.prefetchBatches > 0 ? options.prefetchBatches : 2 * workers;
    workers = std::min(workers, d.prefetch);
    d.workers.reserve(static_cast<size_t>(workers));
    for (int i = 0; i < workers; ++i)
        d.workers.emplace_back([&d] { d.workerLoop(); });
}

DataLoader::~DataLoader()
{
    {
        std::lock_guard<std::mutex> lock(impl_->mutex);
        impl_->stopping = true;
    }
    impl_->workAvailable.notify_all();
    for (auto& worker : impl_->workers)
        worker.join();
}

std::int64_t DataLoader::size() const
{
    return static_cast<std::int64_t>(impl_->items.size());
}

std::int64_t DataLoader::batchesPerEpoch() const
{
    return impl_->batchCount(size());
}

std::vector<std::int64_t> DataLoader::epochOrder(int epoch) const
{
    if (impl_->options.shuffle)
        return shuffledOrder(size(), impl_->options.seed, epoch);
    std::vector<std::int64_t> order(static_cast<size_t>(size()));
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<std::int64_t>(i);
    return order;
}

void DataLoader::startEpoch(int epoch)
{
    std::vector<std::int64_t> order = epochOrder(epoch);
    {
        std::lock_guard<std::mutex> lock(impl_->mutex);
        Impl& d = *impl_;
        ++d.generation;
        d.epoch = epoch;
        d.order = std::move(order);
        d.batches = d.batchCount(static_cast<std::int64_t>(d.order.size()));
        d.nextToClaim = 0;
        d.nextToReturn = 0;
        d.ready.clear();
        d.epochActive = true;
    }
    impl_->workAvailable.notify_all();
}

std::optional<Batch> DataLoader::next()
{
    Impl& d = *impl_;
    bool started = false;
    {
        std::lock_guard<std::mutex> lock(d.mutex);
        started = d.epochActive;
    }
    if (!started)
        startEpoch(0);

    std::unique_lock<std::mutex> lock(d.mutex);
    while (d.nextToReturn < d.batches) {
        const std::int64_t wanted = d.nextToReturn;
        d.batchReady.wait(lock, [&] { return d.ready.count(wanted) > 0; });
        Impl::Result result = std::move(d.ready[wanted]);
        d.ready.erase(wanted);
        ++d.nextToReturn;
        d.workAvailable.notify_all();
        if (result.error)
            std::rethrow_exception(result.error);
        if (result.batch)
            return std::move(result.batch);
        // Every file of this batch was skipped: move on to the next one.
    }
    return std::nullopt;
}

const std::vector<DatasetItem>& DataLoader::items() const
{
    return impl_->items;
}

const LoaderOptions& DataLoader::options() const
{
    return impl_->options;
}

int DataLoader::workerCount() const
{
    return static_cast<int>(impl_->workers.size());
}

std::vector<SkippedPath> DataLoader::skippedFiles() const
{
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->skipped;
}

} // namespace kg
