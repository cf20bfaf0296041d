// Batched loader: deterministic evaluation order, per-epoch shuffles that differ but are
// reproducible from the seed (whatever the thread count), every sample once per epoch,
// bad files skipped and reported, batch shapes, bounded prefetch; and the sample grid.
#include "TestPaths.h"

#include "core/data/Loader.h"
#include "core/imaging/RadiographDecode.h"
#include "core/data/SampleGrid.h"
#include "core/util/Error.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <numeric>
#include <set>
#include <thread>

using namespace kg;

namespace {

constexpr int kImages = 37;
constexpr int kSize = 32;

/// Gray value that identifies image i (constant images survive preprocessing unchanged).
int grayOf(std::int64_t i) { return static_cast<int>(10 + 6 * i); }

struct EpochData {
    std::vector<std::int64_t> indices;
    std::vector<torch::Tensor> images;
    std::vector<std::int64_t> batchSizes;
};

EpochData runEpoch(BatchSource& source, int epoch)
{
    EpochData data;
    source.startEpoch(epoch);
    while (auto batch = source.next()) {
        data.indices.insert(data.indices.end(), batch->indices.begin(), batch->indices.end());
        data.images.push_back(batch->images);
        data.batchSizes.push_back(batch->images.size(0));
    }
    return data;
}

bool sameTensors(const std::vector<torch::Tensor>& a, const std::vector<torch::Tensor>& b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (!torch::equal(a[i], b[i]))
            return false;
    return true;
}

} // namespace

class TestLoader : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::vector<DatasetItem> items_;

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        for (int i = 0; i < kImages; ++i) {
            // Constant gray images with a small corner mark, so augmentation visibly moves something.
            cv::Mat image(kSize, kSize, CV_8U, cv::Scalar(grayOf(i)));
            cv::rectangle(image, {2, 2}, {8, 8}, cv::Scalar(255), -1);
            const std::string path = dir_.filePath(QString("img%1.png").arg(i, 3, 10, QChar('0'))).toStdString();
            QVERIFY(cv::imwrite(path, image));
            items_.push_back({path, i % 5, std::to_string(9000000 + i), 'R'});
        }
    }

    void evaluationOrderIsFileOrder()
    {
        LoaderOptions options;
        options.batchSize = 8;
        options.workers = 3;
        PreprocessOptions preprocessing;
        preprocessing.imageSize = kSize;
        DataLoader loader(items_, options, preprocessing);
        QCOMPARE(loader.size(), std::int64_t(kImages));
        QCOMPARE(loader.batchesPerEpoch(), std::int64_t(5));
        const EpochData first = runEpoch(loader, 0);
        std::vector<std::int64_t> expected(kImages);
        std::iota(expected.begin(), expected.end(), 0);
        QCOMPARE(first.indices, expected);
        QCOMPARE(first.batchSizes, (std::vector<std::int64_t>{8, 8, 8, 8, 5}));
        // Every slot holds the right image and label; pixels scaled once to [−1, 1].
        loader.startEpoch(0);
        std::int64_t seen = 0;
        while (auto batch = loader.next()) {
            QCOMPARE(batch->images.sizes().vec(), (std::vector<std::int64_t>{batch->images.size(0), 3, kSize, kSize}));
            QCOMPARE(batch->images.scalar_type(), torch::kFloat32);
            QCOMPARE(batch->labels.scalar_type(), torch::kInt64);
            QVERIFY(batch->images.min().item<float>() >= -1.0f && batch->images.max().item<float>() <= 1.0f);
            for (std::int64_t i = 0; i < batch->images.size(0); ++i) {
                const std::int64_t item = batch->indices[static_cast<size_t>(i)];
                QCOMPARE(batch->labels[i].item<std::int64_t>(), std::int64_t(items_[static_cast<size_t>(item)].grade));
                const float centre = batch->images[i][1][kSize / 2][kSize / 2].item<float>();
                QVERIFY(std::abs(centre - static_cast<float>(grayOf(item) / 127.5 - 1.0)) < 1e-6f);
            }
            seen += batch->images.size(0);
        }
        QCOMPARE(seen, std::int64_t(kImages));
        // Evaluation epochs are identical, epoch number or not.
        QVERIFY(sameTensors(first.images, runEpoch(loader, 5).images));
    }

    void dropLastDropsTheShortBatch()
    {
        LoaderOptions options;
        options.batchSize = 8;
        options.dropLast = true;
        PreprocessOptions preprocessing;
        preprocessing.imageSize = kSize;
        DataLoader loader(items_, options, preprocessing);
        QCOMPARE(loader.batchesPerEpoch(), std::int64_t(4));
        QCOMPARE(runEpoch(loader, 0).batchSizes, (std::vector<std::int64_t>{8, 8, 8, 8}));
    }

    void shufflesDifferPerEpochAndReproduceFromTheSeed()
    {
        LoaderOptions options;
        options.batchSize = 6;
        options.shuffle = true;
        options.augment = true;
        options.seed = 1234;
        options.workers = 1;
        PreprocessOptions preprocessing;
        preprocessing.imageSize = kSize;
        DataLoader oneThread(items_, options, preprocessing);
        options.workers = 3;
        options.prefetchBatches = 5;
        DataLoader threeThreads(items_, options, preprocessing);

        const EpochData e0 = runEpoch(oneThread, 0), e1 = runEpoch(oneThread, 1);
        QVERIFY(e0.indices != e1.indices);
        for (const auto* epoch : {&e0, &e1}) {
            std::vector<std::int64_t> sorted = epoch->indices;
            std::sort(sorted.begin(), sorted.end());
            std::vector<std::int64_t> all(kImages);
            std::iota(all.begin(), all.end(), 0);
            QCOMPARE(sorted, all);   // every sample exactly once
        }
        QCOMPARE(e0.indices, oneThread.epochOrder(0));
        // Same seed, other thread count, epochs visited in another order: same batches, bit for bit.
        const EpochData again1 = runEpoch(threeThreads, 1), again0 = runEpoch(threeThreads, 0);
        QCOMPARE(again0.indices, e0.indices);
        QCOMPARE(again1.indices, e1.indices);
        QVERIFY(sameTensors(again0.images, e0.images));
        QVERIFY(sameTensors(again1.images, e1.images));

        options.seed = 4321;
        DataLoader otherSeed(items_, options, preprocessing);
        QVERIFY(runEpoch(otherSeed, 0).indices != e0.indices);
    }

    void augmentationDependsOnEpochNotOnOrder()
    {
        // With shuffle off the same sample sits in the same slot; augmentation still changes per epoch.
        LoaderOptions options;
        options.batchSize = 37;
        options.augment = true;
        PreprocessOptions preprocessing;
        preprocessing.imageSize = kSize;
        DataLoader loader(items_, options, preprocessing);
        const EpochData e0 = runEpoch(loader, 0), e1 = runEpoch(loader, 1);
        QVERIFY(!sameTensors(e0.images, e1.images));
        QVERIFY(sameTensors(e0.images, runEpoch(loader, 0).images));
        options.augment = false;
        DataLoader plain(items_, options, preprocessing);
        QVERIFY(sameTensors(runEpoch(plain, 0).images, runEpoch(plain, 1).images));
    }

    void badFilesAreSkippedAndReported()
    {
        std::vector<DatasetItem> items = items_;
        const std::string corrupt = dir_.filePath("corrupt.png").toStdString();
        std::ofstream(corrupt, std::ios::binary) << "\x89PNG\r\n\x1a\nthis is not a PNG body";
        const std::string missing = dir_.filePath("missing.png").toStdString();
        items.insert(items.begin() + 3, {corrupt, 2, "", '?'});
        items.push_back({missing, 1, "", '?'});
        LoaderOptions options;
        options.batchSize = 4;
        options.workers = 2;
        options.shuffle = true;
        PreprocessOptions preprocessing;
        preprocessing.imageSize = kSize;
        DataLoader loader(items, options, preprocessing);
        for (int epoch = 0; epoch < 2; ++epoch) {
            const EpochData data = runEpoch(loader, epoch);
            QCOMPARE(data.indices.size(), size_t(kImages));
            QVERIFY(std::find(data.indices.begin(), data.indices.end(), 3) == data.indices.end());
            const auto skipped = loader.skippedFiles();
            QCOMPARE(skipped.size(), size_t(2));   // reported once, not once per epoch
            std::set<std::string> paths;
            for (const auto& s : skipped) {
                paths.insert(s.path);
                QVERIFY(!s.reason.empty());
            }
            QCOMPARE(paths, (std::set<std::string>{corrupt, missing}));
        }
        // A batch whose files all fail is left out; the epoch goes on.
        std::vector<DatasetItem> allBad(3, {missing, 0, "", '?'});
        allBad.push_back(items_[0]);
        options.batchSize = 3;
        options.shuffle = false;
        DataLoader mostlyBad(allBad, options, preprocessing);
        const EpochData data = runEpoch(mostlyBad, 0);
        QCOMPARE(data.indices, (std::vector<std::int64_t>{3}));
    }

    void prefetchIsBounded()
    {
        std::atomic<int> decoded{0};
        LoaderOptions options;
        options.batchSize = 4;
        options.workers = 2;
        options.prefetchBatches = 2;
        PreprocessOptions preprocessing;
        preprocessing.imageSize = kSize;
        DataLoader loader(items_, options, preprocessing, [&](const std::string& path) {
            ++decoded;
            return decodeRadiographForModel(path);
        });
        loader.startEpoch(0);
        QVERIFY(loader.next().has_value());
        // It works ahead (however slow the machine is today)…
        for (int waited = 0; decoded.load() < 2 * 4 && waited < 60000; waited += 10)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        QVERIFY2(decoded.load() >= 2 * 4, qPrintable(QString::number(decoded.load())));
        // …but never more than one batch consumed + two ahead, however long it is given.
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        QVERIFY2(decoded.load() <= 3 * 4, qPrintable(QString::number(decoded.load())));
        // Abandoning an epoch half-way is fine.
        const EpochData next = runEpoch(loader, 1);
        QCOMPARE(next.indices.size(), size_t(kImages));
    }

    void nextWithoutStartEpochStartsEpochZero()
    {
        LoaderOptions options;
        options.batchSize = 64;
        PreprocessOptions preprocessing;
        preprocessing.imageSize = 16;   // resized from 32
        DataLoader loader(items_, options, preprocessing);
        auto batch = loader.next();
        QVERIFY(batch.has_value());
        QCOMPARE(batch->images.sizes().vec(), (std::vector<std::int64_t>{kImages, 3, 16, 16}));
        QVERIFY(!loader.next().has_value());
        QVERIFY(!loader.next().has_value());
    }

    void badOptionsAreErrors()
    {
        LoaderOptions options;
        options.batchSize = 0;
        QVERIFY_THROWS_EXCEPTION(Error, DataLoader(items_, options));
        options.batchSize = 4;
        options.workers = -1;
        QVERIFY_THROWS_EXCEPTION(Error, DataLoader(items_, options));
    }

    void optionsRoundTripThroughJson()
    {
        LoaderOptions options;
        options.batchSize = 32;
        options.workers = 3;
        options.shuffle = true;
        options.augment = true;
        options.augmentation.zoomFactor = 0.1;
        options.dropLast = true;
        options.seed = 99;
        const LoaderOptions back = nlohmann::json(options).get<LoaderOptions>();
        QCOMPARE(back.batchSize, 32);
        QCOMPARE(back.workers, 3);
        QVERIFY(back.shuffle && back.augment && back.dropLast);
        QCOMPARE(back.augmentation.zoomFactor, 0.1);
        QCOMPARE(back.seed, std::uint64_t(99));
        const LoaderOptions defaults = nlohmann::json::object().get<LoaderOptions>();
        QVERIFY(!defaults.shuffle && !defaults.augment);   // evaluation-safe defaults
        QCOMPARE(defaults.batchSize, 16);
    }

    void sampleGridPicksPerGradeDeterministically()
    {
        std::vector<DatasetItem> items;
        const int perGrade[] = {10, 3, 7, 0, 6};
        for (int grade = 0; grade < 5; ++grade)
            for (int i = 0; i < perGrade[grade]; ++i)
                items.push_back({"g" + std::to_string(grade) + "_" + std::to_string(i) + ".png", grade, "", '?'});
        items.push_back({"unlabelled.png", -1, "", '?'});
        const auto grid = pickSampleGrid(items, {5, 7});
        QCOMPARE(grid.size(), size_t(5));
        const size_t expected[] = {5, 3, 5, 0, 5};
        for (int grade = 0; grade < 5; ++grade) {
            QCOMPARE(grid[static_cast<size_t>(grade)].size(), expected[grade]);
            std::set<std::string> unique;
            for (const auto& item : grid[static_cast<size_t>(grade)]) {
                QCOMPARE(item.grade, grade);
                unique.insert(item.path);
            }
            QCOMPARE(unique.size(), expected[grade]);
        }
        const auto again = pickSampleGrid(items, {5, 7});
        const auto other = pickSampleGrid(items, {5, 8});
        auto paths = [](const std::vector<DatasetItem>& row) {
            std::vector<std::string> p;
            for (const auto& item : row)
                p.push_back(item.path);
            return p;
        };
        for (int grade = 0; grade < 5; ++grade)
            QCOMPARE(paths(again[static_cast<size_t>(grade)]), paths(grid[static_cast<size_t>(grade)]));
        QVERIFY(paths(other[0]) != paths(grid[0]) || paths(other[2]) != paths(grid[2]));
    }
};

QTEST_GUILESS_MAIN(TestLoader)
#include "test_loader.moc"
