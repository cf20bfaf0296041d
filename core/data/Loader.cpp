#include "core/data/Loader.h"

#include "core/data/Augment.h"
#include "core/data/DeterministicRandom.h"
#include "core/data/DeviceAugment.h"
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
    BatchDelivery delivery;
    std::vector<std::int64_t> augmentKeys;   // empty: an item's index is its key
    bool warpOnDevice = false;   // delivery.finishOn and a fill mode the device can apply
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
        torch::Tensor theta;          // device delivery: the augmentation still to apply (normalisedWarps)
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
                result.batch = buildBatch(samples, knownBad, claimedEpoch, failures, failedItems, result.theta);
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

    torch::TensorOptions hostTensor(torch::ScalarType type) const
    {
        return torch::TensorOptions().dtype(type).pinned_memory(delivery.pinned);
    }

    /// Decodes, augments and preprocesses one batch outside the lock. Device delivery: decodes
    /// and resizes only, and leaves the augmentation's warps in `theta`.
    std::optional<Batch> buildBatch(const std::vector<std::int64_t>& samples, const std::vector<char>& knownBad,
                                    int epochNumber, std::vector<SkippedPath>& failures,
                                    std::vector<std::int64_t>& failedItems, torch::Tensor& theta) const
    {
        std::vector<cv::Mat> images;
        std::vector<AugmentParams> warps;
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
                if (options.augment) {
                    const std::int64_t key = augmentKeys.empty() ? itemIndex : augmentKeys[static_cast<size_t>(itemIndex)];
                    const AugmentParams params =
                        sampleAugmentParams(options.augmentation, augmentSeed(options.seed, epochNumber, key));
                    if (warpOnDevice)
                        warps.push_back(params);
                    else
                        image = applyAugmentation(image, params, options.augmentation.fillMode);
                }
                images.push_back(std::move(image));
                kept.push_back(itemIndex);
            } catch (const std::exception& e) {
                failures.push_back({item.path, e.what()});
                failedItems.push_back(itemIndex);
            }
        }
        if (kept.empty())
            return std::nullopt;

        Batch batch;
        batch.labels = torch::empty({static_cast<std::int64_t>(kept.size())}, hostTensor(torch::kInt64));
        std::int64_t* labels = batch.labels.data_ptr<std::int64_t>();
        for (size_t i = 0; i < kept.size(); ++i)
            labels[i] = items[static_cast<size_t>(kept[i])].grade;
        batch.images = delivery.finishOn ? pixelTensor(images) : modelInput(images);
        if (std::any_of(warps.begin(), warps.end(), [](const AugmentParams& p) { return !isIdentity(p); }))
            theta = warpTensor(warps);
        batch.indices = std::move(kept);
        return batch;
    }

    /// N×C×H×W float32 network input.
    torch::Tensor modelInput(const std::vector<cv::Mat>& images) const
    {
        const auto n = static_cast<std::int64_t>(images.size());
        const int size = preprocessing.imageSize, channels = preprocessing.channels;
        torch::Tensor input = torch::empty({n, channels, size, size}, hostTensor(torch::kFloat32));
        float* data = input.data_ptr<float>();
        const std::int64_t sampleFloats = static_cast<std::int64_t>(channels) * size * size;
        for (std::int64_t i = 0; i < n; ++i)
            writeModelInput(images[static_cast<size_t>(i)], preprocessing, data + i * sampleFloats);
        return input;
    }

    /// N×c×H×W 8-bit planes: c = 1 when every image is gray (finishPixels replicates them),
    /// else the model's channel count, gray images replicated here.
    torch::Tensor pixelTensor(const std::vector<cv::Mat>& images) const
    {
        const auto n = static_cast<std::int64_t>(images.size());
        const int size = preprocessing.imageSize;
        const bool gray = std::all_of(images.begin(), images.end(), [](const cv::Mat& m) { return m.channels() == 1; });
        const int channels = gray ? 1 : preprocessing.channels;
        torch::Tensor pixels = torch::empty({n, channels, size, size}, hostTensor(torch::kUInt8));
        const size_t plane = static_cast<size_t>(size) * size;
        std::uint8_t* data = pixels.data_ptr<std::uint8_t>();
        for (std::int64_t i = 0; i < n; ++i) {
            const cv::Mat& image = images[static_cast<size_t>(i)];
            std::uint8_t* sample = data + static_cast<size_t>(i) * channels * plane;
            std::vector<cv::Mat> planes;
            for (int c = 0; c < channels; ++c)
                planes.emplace_back(size, size, CV_8U, sample + c * plane);
            if (image.channels() == channels) {
                cv::split(image, planes);
            } else {
                for (auto& target : planes)
                    image.copyTo(target);
            }
        }
        return pixels;
    }

    /// The normalised warps of one batch (N×2×3 float32, in pinned memory when asked for).
    torch::Tensor warpTensor(const std::vector<AugmentParams>& warps) const
    {
        const int size = preprocessing.imageSize;
        torch::Tensor maps = torch::empty({static_cast<std::int64_t>(warps.size()), 2, 3}, torch::kFloat64);
        double* m = maps.data_ptr<double>();
        for (const AugmentParams& params : warps) {
            const cv::Matx23d map = augmentInverseMap(params, cv::Size(size, size));
            m = std::copy(map.val, map.val + 6, m);
        }
        const torch::Tensor theta = normalisedWarps(maps, size, size);
        return delivery.pinned ? theta.pin_memory() : theta;
    }

    /// Device delivery, on the consumer thread: asynchronous copies from pinned memory, so
    /// while the device still runs the previous step this batch's copy and finishing kernels
    /// queue up behind it.
    void finishOnDevice(Batch& batch, const torch::Tensor& theta) const
    {
        const torch::Device device = *delivery.finishOn;
        const torch::Tensor pixels = batch.images.to(device, /*non_blocking=*/true);
        batch.labels = batch.labels.to(device, /*non_blocking=*/true);
        batch.images = finishPixels(pixels, theta, preprocessing, options.augmentation.fillMode);
    }
};

DataLoader::DataLoader(std::vector<DatasetItem> items, LoaderOptions options, PreprocessOptions preprocessing,
                       ImageDecoder decoder, BatchDelivery delivery)
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
    d.delivery = std::move(delivery);
    d.warpOnDevice = d.delivery.finishOn && deviceWarpSupports(options.augmentation.fillMode);
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

void DataLoader::setAugmentKeys(std::vector<std::int64_t> keys)
{
    if (!keys.empty() && keys.size() != impl_->items.size())
        throw Error("loader: " + std::to_string(keys.size()) + " augmentation keys for " + std::to_string(impl_->items.size()) +
                    " items");
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->augmentKeys = std::move(keys);
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
        if (result.batch) {
            if (d.delivery.finishOn) {
                lock.unlock();
                d.finishOnDevice(*result.batch, result.theta);
            }
            return std::move(result.batch);
        }
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

const BatchDelivery& DataLoader::delivery() const
{
    return impl_->delivery;
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
