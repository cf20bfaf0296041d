// The training engine on in-memory data and a tiny ResNetV2 (resnetv2-tiny, 32 px): frozen
// mode really freezes, the feature cache changes nothing but speed, a resumed run continues
// bit for bit, cancellation and pause act between batches, a NaN loss fails cleanly.
#include "BandImages.h"
#include "core/model/Checkpoint.h"
#include "core/model/ModelImpl.h"
#include "core/train/RunFiles.h"
#include "core/train/Trainer.h"
#include "core/train/TrainingData.h"
#include "core/util/Error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <thread>

#include <sys/resource.h>

using namespace kg;

namespace {

constexpr int kSide = 32;

std::shared_ptr<TensorTrainingData> makeData(int perClassTrain = 12, int perClassVal = 4)
{
    auto [trainImages, trainLabels] = kgtest::bandImages(perClassTrain, 1);
    auto [valImages, valLabels] = kgtest::bandImages(perClassVal, 2);
    return std::make_shared<TensorTrainingData>(trainImages, trainLabels, valImages, valLabels, 42, "test-manifest");
}

TrainOptions tinyOptions(const QString& runDir)
{
    TrainOptions o;
    o.runDir = runDir.toStdString();
    o.model.backbone = parseArchitecture("resnetv2-tiny");
    o.model.head.hiddenUnits = {32};
    o.preprocessing.imageSize = kSide;
    o.mode = TrainingMode::FineTune;
    o.epochs = 3;
    o.batchSize = 8;
    o.learningRate = 1e-3;
    o.augment = false;
    o.runtime.threads = 2;
    o.runtime.device = DevicePreference::Cpu;
    o.seed = 7;
    return o;
}

std::vector<std::pair<std::string, torch::Tensor>> tensorsOf(Model& model)
{
    return modelStateTensors(model.impl().net);
}

LoadedCheckpoint load(const QString& runDir, const char* name)
{
    return loadCheckpoint(RunFiles::path(runDir.toStdString(), name));
}

bool sameRecords(const std::vector<EpochRecord>& a, const std::vector<EpochRecord>& b, double tolerance, QString* why)
{
    if (a.size() != b.size()) {
        *why = QString("%1 vs %2 epochs").arg(a.size()).arg(b.size());
        return false;
    }
    for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].epoch != b[i].epoch) {
            *why = QString("epoch numbers %1 vs %2").arg(a[i].epoch).arg(b[i].epoch);
            return false;
        }
        const double values[5][2] = {{a[i].loss, b[i].loss},
                                     {a[i].accuracy, b[i].accuracy},
                                     {a[i].valLoss, b[i].valLoss},
                                     {a[i].valAccuracy, b[i].valAccuracy},
                                     {a[i].learningRate, b[i].learningRate}};
        for (const auto& v : values)
            if (std::abs(v[0] - v[1]) > tolerance) {
                *why = QString("epoch %1: %2 vs %3").arg(a[i].epoch).arg(v[0], 0, 'g', 12).arg(v[1], 0, 'g', 12);
                return false;
            }
    }
    return true;
}

/// Replaces every training image with NaN from epoch `fromEpoch` (0-based) on.
class NanFromEpoch : public TrainingData {
public:
    NanFromEpoch(std::shared_ptr<TrainingData> inner, int fromEpoch) : inner_(std::move(inner)), fromEpoch_(fromEpoch) {}
    const std::vector<int>& trainGrades() const override { return inner_->trainGrades(); }
    std::int64_t validationSize() const override { return inner_->validationSize(); }
    BatchSource& training(int epoch, const EpochVisits& visits, int batchSize, bool augment) override
    {
        source_.inner = &inner_->training(epoch, visits, batchSize, augment);
        source_.poison = epoch >= fromEpoch_;
        return source_;
    }
    using TrainingData::validation;
    BatchSource& validation(int batchSize, int shard, int shards) override { return inner_->validation(batchSize, shard, shards); }
    std::string manifestHash() const override { return inner_->manifestHash(); }

private:
    struct Poisoned : BatchSource {
        BatchSource* inner = nullptr;
        bool poison = false;
        std::int64_t size() const override { return inner->size(); }
        void startEpoch(int epoch) override { inner->startEpoch(epoch); }
        std::optional<Batch> next() override
        {
            auto batch = inner->next();
            if (batch && poison)
                batch->images.fill_(std::numeric_limits<float>::quiet_NaN());
            return batch;
        }
    } source_;
    std::shared_ptr<TrainingData> inner_;
    int fromEpoch_ = 0;
};

/// A stand-in for a full disk: lowers this process's file-size limit (RLIMIT_FSIZE) so that
/// writes past `bytes` fail with EFBIG, as they would with ENOSPC (SIGXFSZ is ignored
/// meanwhile). Both are restored when it goes out of scope.
class FileSizeLimit {
public:
    FileSizeLimit()
    {
        ::getrlimit(RLIMIT_FSIZE, &saved_);
        previousHandler_ = std::signal(SIGXFSZ, SIG_IGN);
    }
    ~FileSizeLimit()
    {
        ::setrlimit(RLIMIT_FSIZE, &saved_);
        std::signal(SIGXFSZ, previousHandler_);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;
    void lowerTo(rlim_t bytes)
    {
        rlimit limit = saved_;
        limit.rlim_cur = std::min(bytes, saved_.rlim_max);
        ::setrlimit(RLIMIT_FSIZE, &limit);
    }

private:
    rlimit saved_{};
    void (*previousHandler_)(int) = SIG_DFL;
};

QStringList temporaryFiles(const QString& folder)
{
    return QDir(folder).entryList({"*.tmp-*"}, QDir::Files | QDir::Hidden);
}

void touch(const QString& path)
{
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write("half a checkpoint");
}

} // namespace

class TestTrainer : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void frozenLeavesBackboneBitIdentical_data();
    void frozenLeavesBackboneBitIdentical();
    void featureCacheMatchesRecomputedFeatures();
    void resumeContinuesAsIfNeverStopped();
    void otherTorchUseLeavesARunUnchanged();
    void cancellationWithinOneBatch();
    void pauseBlocksBetweenBatches();
    void nanLossFailsAndKeepsLastGoodCheckpoint();
    void hugeLearningRateFails();
    void interruptedSavesAreRemoved();
    void failedSaveReportsWhatIsOnDisk();
    void earlyStoppingRestoresBestWeights();
    void twoPhaseUnfreezesOnlyTopStacks();
    void imbalanceStrategiesTrain_data();
    void imbalanceStrategiesTrain();
};

void TestTrainer::initTestCase()
{
    torch::set_num_threads(2);
}

void TestTrainer::frozenLeavesBackboneBitIdentical_data()
{
    QTest::addColumn<bool>("augment");
    QTest::addColumn<bool>("cache");
    QTest::addColumn<int>("views");
    QTest::newRow("feature cache") << false << true << 0;
    QTest::newRow("backbone every batch") << false << false << 0;
    QTest::newRow("augmented, recomputed") << true << true << 0;
    QTest::newRow("augmented, 2 cached views") << true << true << 2;
}

void TestTrainer::frozenLeavesBackboneBitIdentical()
{
    QFETCH(bool, augment);
    QFETCH(bool, cache);
    QFETCH(int, views);
    QTemporaryDir dir;
    TrainOptions o = tinyOptions(dir.path());
    o.mode = TrainingMode::Frozen;
    o.epochs = 2;
    o.augment = augment;
    o.cacheFrozenFeatures = cache;
    o.cachedAugmentedViews = views;
    const TrainingResult result = Trainer(o, makeData()).run();
    QVERIFY2(result.status == TrainingResult::Status::Completed, result.message.c_str());

    Model fresh(o.model);  // the same seed builds the same initial weights
    LoadedCheckpoint trained = load(dir.path(), RunFiles::kLastCheckpoint);
    const auto before = tensorsOf(fresh);
    const auto after = tensorsOf(trained.model);
    QCOMPARE(after.size(), before.size());
    int backboneTensors = 0, statistics = 0, headChanged = 0;
    for (size_t i = 0; i < before.size(); ++i) {
        const auto& [name, tensor] = before[i];
        QCOMPARE(after[i].first, name);
        if (name.rfind("backbone.", 0) == 0) {
            ++backboneTensors;
            statistics += name.find("running_") != std::string::npos;
            QVERIFY2(torch::equal(tensor.contiguous(), after[i].second.contiguous()), name.c_str());
        } else if (!torch::equal(tensor.contiguous(), after[i].second.contiguous())) {
            ++headChanged;
        }
    }
    QVERIFY(statistics > 10);  // running means and variances were among the compared tensors
    QVERIFY(backboneTensors > 40);
    QCOMPARE(headChanged, 4);  // dense and dense_1: kernels and biases all trained
}

void TestTrainer::featureCacheMatchesRecomputedFeatures()
{
    // Frozen, no augmentation, dropout 0.2 kept on. What is compared: the head's weights and
    // the history after 3 epochs, cached features vs the backbone run on every batch. Both
    // see the same batches in the same order, and the dropout masks match because the
    // generator is reseeded per epoch and the backbone (inference mode) draws no random
    // numbers. The only difference is which images share a backbone batch, which can move
    // the features by float rounding; so: equal to 1e-5, not bit-identical.
    QTemporaryDir cachedDir, plainDir;
    TrainOptions o = tinyOptions(cachedDir.path());
    o.mode = TrainingMode::Frozen;
    o.learningRate = 1e-2;
    const TrainingResult cached = Trainer(o, makeData()).run();
    o.runDir = plainDir.path().toStdString();
    o.cacheFrozenFeatures = false;
    const TrainingResult plain = Trainer(o, makeData()).run();
    QVERIFY2(cached.status == TrainingResult::Status::Completed, cached.message.c_str());
    QVERIFY2(plain.status == TrainingResult::Status::Completed, plain.message.c_str());
    QString why;
    QVERIFY2(sameRecords(cached.history, plain.history, 1e-5, &why), qPrintable(why));

    LoadedCheckpoint a = load(cachedDir.path(), RunFiles::kLastCheckpoint);
    LoadedCheckpoint b = load(plainDir.path(), RunFiles::kLastCheckpoint);
    const auto ta = tensorsOf(a.model), tb = tensorsOf(b.model);
    double maxDifference = 0, maxChange = 0;
    Model fresh(o.model);
    const auto t0 = tensorsOf(fresh);
    for (size_t i = 0; i < ta.size(); ++i) {
        if (ta[i].first.rfind("head.", 0) != 0)
            continue;
        maxDifference = std::max(maxDifference, (ta[i].second - tb[i].second).abs().max().item<double>());
        maxChange = std::max(maxChange, (ta[i].second - t0[i].second).abs().max().item<double>());
    }
    qInfo("head weights: max |cached - recomputed| = %.3g, max change from the initial weights = %.3g", maxDifference, maxChange);
    QVERIFY(maxDifference < 1e-5);
    QVERIFY(maxChange > 1e-3);  // the head did train, so agreement means something
}

void TestTrainer::resumeContinuesAsIfNeverStopped()
{
    // Fine-tuning with augmentation, dropout and a plateau callback that changes the rate:
    // 4 epochs straight vs stopped after epoch 2 (as a kill would) and resumed for 2 more.
    QTemporaryDir straightDir, resumedDir;
    TrainOptions o = tinyOptions(straightDir.path());
    o.epochs = 4;
    o.augment = true;
    o.reduceLr.patience = 1;
    o.reduceLr.minDelta = 10;  // only epoch 1 improves (on infinity): the rate halves after epochs 2 and 3
    o.reduceLr.factor = 0.5;
    o.reduceLr.minLearningRate = 0;
    const TrainingResult straight = Trainer(o, makeData()).run();
    QVERIFY2(straight.status == TrainingResult::Status::Completed, straight.message.c_str());
    QCOMPARE(straight.history.size(), size_t{4});
    QCOMPARE(straight.history[3].learningRate, 1e-3 / 4);

    o.runDir = resumedDir.path().toStdString();
    const TrainingResult first = Trainer(o, makeData()).run([](const TrainingProgress& p) {
        return !(p.phase == TrainingProgress::Phase::EpochEnd && p.epoch == 2);
    });
    QCOMPARE(first.status, TrainingResult::Status::Cancelled);
    QCOMPARE(first.history.size(), size_t{2});
    const TrainingResult second = Trainer::resume(o.runDir, {}, makeData()).run();
    QVERIFY2(second.status == TrainingResult::Status::Completed, second.message.c_str());

    QString why;
    QVERIFY2(sameRecords(straight.history, second.history, 0.0, &why), qPrintable(why));
    const auto csv = readHistoryCsv(RunFiles::path(o.runDir, RunFiles::kHistory));
    QCOMPARE(csv.size(), size_t{4});
    for (int e = 0; e < 4; ++e)
        QCOMPARE(csv[static_cast<size_t>(e)].epoch, e + 1);
    // Not only the metrics: the final weights are bit-identical.
    LoadedCheckpoint a = load(straightDir.path(), RunFiles::kLastCheckpoint);
    LoadedCheckpoint b = load(resumedDir.path(), RunFiles::kLastCheckpoint);
    QCOMPARE(a.weightsSha256, b.weightsSha256);
}

void TestTrainer::otherTorchUseLeavesARunUnchanged()
{
    // The desktop app times a few steps for its estimate or builds a model for Predict while a
    // run trains: another thread drawing from (and reseeding) torch's default generator must
    // not change the run by a bit. The tiny head has dropout 0.2, the one random draw of a run.
    QTemporaryDir quietDir, busyDir;
    TrainOptions o = tinyOptions(quietDir.path());
    QVERIFY(o.model.head.dropout > 0);
    const TrainingResult quiet = Trainer(o, makeData()).run();
    QVERIFY2(quiet.status == TrainingResult::Status::Completed, quiet.message.c_str());

    std::atomic<bool> stop{false};
    std::atomic<int> draws{0};
    std::thread other([&] {
        for (std::uint64_t i = 0; !stop; ++i) {
            torch::manual_seed(i);
            (void)torch::dropout(torch::ones({64, 32}), 0.5, true);
            ++draws;
        }
    });
    o.runDir = busyDir.path().toStdString();
    const TrainingResult busy = Trainer(o, makeData()).run();
    stop = true;
    other.join();
    QVERIFY2(busy.status == TrainingResult::Status::Completed, busy.message.c_str());
    QVERIFY(draws > 100);
    QCOMPARE(load(busyDir.path(), RunFiles::kLastCheckpoint).weightsSha256,
             load(quietDir.path(), RunFiles::kLastCheckpoint).weightsSha256);
}

void TestTrainer::cancellationWithinOneBatch()
{
    // Counted in batches, not seconds: how long a batch takes depends on the machine and its load.
    QTemporaryDir dir;
    TrainOptions o = tinyOptions(dir.path());
    o.epochs = 50;
    o.batchSize = 4;
    Trainer trainer(o, makeData(40, 4));
    std::atomic<int> batches{0};
    TrainingResult result;
    std::thread worker([&] {
        result = trainer.run([&](const TrainingProgress& p) {
            if (p.phase == TrainingProgress::Phase::Training)
                ++batches;
            return true;
        });
    });
    while (batches < 5)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    const auto cancelledAt = std::chrono::steady_clock::now();
    trainer.cancel();
    const int batchesAtCancel = batches.load();  // read after cancel(): at most the batch in flight follows
    worker.join();
    const double latency = std::chrono::duration<double>(std::chrono::steady_clock::now() - cancelledAt).count();
    qInfo("cancel → run() returned in %.1f ms, %d batch(es) later", latency * 1e3, batches.load() - batchesAtCancel);
    QCOMPARE(result.status, TrainingResult::Status::Cancelled);
    QVERIFY2(batches.load() - batchesAtCancel <= 1,
             qPrintable(QString("%1 batches after cancel()").arg(batches.load() - batchesAtCancel)));
    QVERIFY(result.history.size() < 50);
}

void TestTrainer::pauseBlocksBetweenBatches()
{
    QTemporaryDir dir;
    TrainOptions o = tinyOptions(dir.path());
    o.epochs = 1;
    Trainer trainer(o, makeData());
    trainer.setPaused(true);
    QVERIFY(trainer.isPaused());
    std::atomic<int> batches{0};
    std::atomic<bool> sawPausedMessage{false};
    TrainingResult result;
    std::thread worker([&] {
        result = trainer.run([&](const TrainingProgress& p) {
            if (p.phase == TrainingProgress::Phase::Training && p.batch > 0)
                ++batches;
            if (p.message == "paused")
                sawPausedMessage = true;
            return true;
        });
    });
    const auto started = std::chrono::steady_clock::now();
    // However slowly the worker starts on a loaded machine, it reports the pause before any batch.
    while (!sawPausedMessage.load() && std::chrono::steady_clock::now() - started < std::chrono::minutes(5))
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    QVERIFY(sawPausedMessage.load());
    std::this_thread::sleep_for(std::chrono::seconds(2));
    QCOMPARE(batches.load(), 0);  // blocked before its first batch
    trainer.setPaused(false);
    worker.join();
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    QCOMPARE(result.status, TrainingResult::Status::Completed);
    QVERIFY(batches.load() > 0);
    // Paused time is not counted as training time: the epoch's duration leaves out the 2 s
    // pause, however long the rest took. 1 s of margin: the trainer starts its pause clock
    // just after it reports the pause, so only a worker stalled for over a second between
    // the two could make the epoch look longer.
    QVERIFY2(result.history.front().durationSeconds < wall - 1.0,
             qPrintable(QString("epoch %1 s of %2 s in all").arg(result.history.front().durationSeconds).arg(wall)));
}

void TestTrainer::nanLossFailsAndKeepsLastGoodCheckpoint()
{
    QTemporaryDir dir;
    TrainOptions o = tinyOptions(dir.path());
    o.epochs = 4;
    const TrainingResult result = Trainer(o, std::make_shared<NanFromEpoch>(makeData(), 1)).run();
    QCOMPARE(result.status, TrainingResult::Status::Failed);
    QVERIFY2(QString::fromStdString(result.message).contains("NaN in epoch 2"), result.message.c_str());
    QCOMPARE(result.history.size(), size_t{1});
    const CheckpointMeta meta = readCheckpointMeta(RunFiles::path(o.runDir, RunFiles::kLastCheckpoint));
    QCOMPARE(meta.state.epoch, 1);
    QCOMPARE(readHistoryCsv(RunFiles::path(o.runDir, RunFiles::kHistory)).size(), size_t{1});
    // The kept checkpoint is whole and its weights are finite.
    LoadedCheckpoint last = load(dir.path(), RunFiles::kLastCheckpoint);
    for (const auto& [name, tensor] : tensorsOf(last.model))
        QVERIFY2(torch::isfinite(tensor).all().item<bool>(), name.c_str());
}

void TestTrainer::hugeLearningRateFails()
{
    QTemporaryDir dir;
    TrainOptions o = tinyOptions(dir.path());
    o.epochs = 6;
    o.learningRate = 1e10;
    const TrainingResult result = Trainer(o, makeData()).run();
    QCOMPARE(result.status, TrainingResult::Status::Failed);
    const QString message = QString::fromStdString(result.message);
    QVERIFY2(message.contains("NaN") || message.contains("infinite"), result.message.c_str());
    QVERIFY(message.contains("--lr"));
}

void TestTrainer::interruptedSavesAreRemoved()
{
    // kill -9 during a save leaves the save's temporary file (".last.kgckpt.tmp-<digits>",
    // renamed into place only when complete). Starting or resuming a run in the folder removes
    // those of the run's own files, and nothing else.
    QTemporaryDir dir;
    const QStringList stale{".last.kgckpt.tmp-3141592653", ".best.kgckpt.tmp-7", ".early-stopping-best.kgckpt.tmp-99",
                            ".history.csv.tmp-42", ".options.json.tmp-1"};
    const QStringList others{"last.kgckpt.tmp-5", ".last.kgckpt.tmp-", ".last.kgckpt.tmp-12a", ".last.kgckpt.tmp-1.bak",
                             "my.last.kgckpt.tmp-1", ".notes.txt.tmp-1", ".train.log.tmp-3"};
    for (const QString& name : stale + others)
        touch(dir.filePath(name));
    QVERIFY(QDir(dir.path()).mkdir(".best.kgckpt.tmp-8"));  // a folder, whatever its name, stays
    auto check = [&](const char* when) {
        for (const QString& name : stale)
            QVERIFY2(!QFileInfo::exists(dir.filePath(name)), qPrintable(name + " survived " + when));
        for (const QString& name : others)
            QVERIFY2(QFileInfo::exists(dir.filePath(name)), qPrintable(name + " was removed " + when));
        QVERIFY(QFileInfo(dir.filePath(".best.kgckpt.tmp-8")).isDir());
    };

    TrainOptions o = tinyOptions(dir.path());
    o.epochs = 1;
    const TrainingResult first = Trainer(o, makeData()).run();  // a new run where a killed one left files
    QVERIFY2(first.status == TrainingResult::Status::Completed, first.message.c_str());
    check("a new run");

    for (const QString& name : stale)
        touch(dir.filePath(name));
    ResumeOverrides more;
    more.epochs = 2;
    const TrainingResult resumed = Trainer::resume(o.runDir, more, makeData()).run();
    QVERIFY2(resumed.status == TrainingResult::Status::Completed, resumed.message.c_str());
    QCOMPARE(resumed.history.size(), size_t{2});
    check("resuming");
    QFile log(dir.filePath(RunFiles::kLog));
    QVERIFY(log.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(log.readAll()).count("left behind by an interrupted save"), 2 * stale.size());
}

void TestTrainer::failedSaveReportsWhatIsOnDisk()
{
    // The disk fills up while epoch 2 is saved: epoch 2 was trained, but the checkpoints on
    // disk still hold epoch 1, whole — and that is what the result must report.
    constexpr rlim_t kLimit = 64 * 1024;  // options.json, history.csv and train.log stay far below
    QTemporaryDir dir;
    TrainOptions o = tinyOptions(dir.path());
    o.epochs = 3;
    TrainingResult result;
    {
        FileSizeLimit limit;
        result = Trainer(o, makeData()).run([&](const TrainingProgress& p) {
            if (p.phase == TrainingProgress::Phase::EpochEnd && p.epoch == 1)
                limit.lowerTo(kLimit);  // epoch 1 is saved by now
            return true;
        });
    }
    const std::string last = RunFiles::path(o.runDir, RunFiles::kLastCheckpoint);
    const std::string best = RunFiles::path(o.runDir, RunFiles::kBestCheckpoint);
    QVERIFY(std::filesystem::file_size(last) > kLimit);  // so epoch 2's checkpoint could not fit
    QCOMPARE(result.status, TrainingResult::Status::Failed);
    QVERIFY2(QString::fromStdString(result.message).contains("is the disk full?"), result.message.c_str());
    QCOMPARE(result.history.size(), size_t{2});
    QCOMPARE(readCheckpointMeta(last).state.epoch, 1);
    QCOMPARE(result.lastSavedEpoch, 1);
    QCOMPARE(result.lastCheckpoint, last);
    QCOMPARE(readCheckpointMeta(best).state.epoch, 1);
    QCOMPARE(result.bestEpoch, 1);
    QCOMPARE(result.bestValLoss, result.history.front().valLoss);
    QVERIFY2(temporaryFiles(dir.path()).isEmpty(), qPrintable(temporaryFiles(dir.path()).join(", ")));

    // The checkpoints are whole: with space again the run resumes after epoch 1.
    const TrainingResult resumed = Trainer::resume(o.runDir, {}, makeData()).run();
    QVERIFY2(resumed.status == TrainingResult::Status::Completed, resumed.message.c_str());
    QCOMPARE(resumed.history.size(), size_t{3});
    QCOMPARE(resumed.history[1].epoch, 2);
    QCOMPARE(resumed.lastSavedEpoch, 3);
    QCOMPARE(readHistoryCsv(RunFiles::path(o.runDir, RunFiles::kHistory)).size(), size_t{3});
}

void TestTrainer::earlyStoppingRestoresBestWeights()
{
    QTemporaryDir dir;
    TrainOptions o = tinyOptions(dir.path());
    o.epochs = 10;
    o.earlyStopping.patience = 1;
    o.earlyStopping.minDelta = 10;  // only the first epoch counts as an improvement
    o.earlyStopping.restoreBestWeights = true;
    const TrainingResult result = Trainer(o, makeData()).run();
    QCOMPARE(result.status, TrainingResult::Status::EarlyStopped);
    QCOMPARE(result.history.size(), size_t{2});
    LoadedCheckpoint last = load(dir.path(), RunFiles::kLastCheckpoint);
    LoadedCheckpoint best = load(dir.path(), RunFiles::kEarlyStoppingBest);
    QCOMPARE(best.meta.state.epoch, 1);
    QCOMPARE(last.weightsSha256, best.weightsSha256);  // epoch 1's weights are back
    QVERIFY(last.meta.state.status == RunStatus::EarlyStopped);
    // A new run never overwrites a finished one.
    const TrainingResult clash = Trainer(o, makeData()).run();
    QCOMPARE(clash.status, TrainingResult::Status::Failed);
    QVERIFY2(QString::fromStdString(clash.message).contains("already holds a training run"), clash.message.c_str());
    // Resuming a run that stopped early does nothing more.
    const TrainingResult again = Trainer::resume(o.runDir, {}, makeData()).run();
    QCOMPARE(again.status, TrainingResult::Status::EarlyStopped);
    QCOMPARE(again.history.size(), size_t{2});
}

void TestTrainer::twoPhaseUnfreezesOnlyTopStacks()
{
    QTemporaryDir dir;
    TrainOptions o = tinyOptions(dir.path());
    o.mode = TrainingMode::TwoPhase;
    o.epochs = 2;
    o.twoPhaseWarmupEpochs = 1;
    o.twoPhaseUnfreezeStacks = 1;
    o.twoPhaseLrFactor = 0.1;
    const TrainingResult result = Trainer(o, makeData()).run();
    QVERIFY2(result.status == TrainingResult::Status::Completed, result.message.c_str());
    QCOMPARE(result.history[0].learningRate, 1e-3);
    QCOMPARE(result.history[1].learningRate, 1e-4);
    Model fresh(o.model);
    LoadedCheckpoint trained = load(dir.path(), RunFiles::kLastCheckpoint);
    const auto before = tensorsOf(fresh);
    const auto after = tensorsOf(trained.model);
    for (size_t i = 0; i < before.size(); ++i) {
        const std::string& name = before[i].first;
        const bool same = torch::equal(before[i].second.contiguous(), after[i].second.contiguous());
        const bool top = name.rfind("backbone.conv5_", 0) == 0 || name.rfind("backbone.post_bn", 0) == 0;
        if (name.rfind("backbone.", 0) == 0 && !top)
            QVERIFY2(same, name.c_str());  // conv1..conv4, BN statistics included, untouched
        if (top && name.find("running_mean") != std::string::npos)
            QVERIFY2(!same, name.c_str());  // the unfrozen stack trains, BN included
    }
}

void TestTrainer::imbalanceStrategiesTrain_data()
{
    QTest::addColumn<int>("strategy");
    QTest::addColumn<double>("smoothing");
    QTest::newRow("class weights") << static_cast<int>(ImbalanceStrategy::ClassWeights) << 0.0;
    QTest::newRow("balanced sampling") << static_cast<int>(ImbalanceStrategy::BalancedSampling) << 0.0;
    QTest::newRow("label smoothing 0.1") << static_cast<int>(ImbalanceStrategy::None) << 0.1;
}

void TestTrainer::imbalanceStrategiesTrain()
{
    QFETCH(int, strategy);
    QFETCH(double, smoothing);
    QTemporaryDir dir;
    TrainOptions o = tinyOptions(dir.path());
    o.epochs = 2;
    o.imbalance = static_cast<ImbalanceStrategy>(strategy);
    o.labelSmoothing = smoothing;
    // Imbalanced: grade 4 only every 10th item of a class-cycling set → drop most grade-4 items.
    auto [images, labels] = kgtest::bandImages(12, 1);
    std::vector<std::int64_t> keep;
    for (std::int64_t i = 0; i < labels.size(0); ++i)
        if (labels[i].item<std::int64_t>() != 4 || i % 20 == 4)
            keep.push_back(i);
    const auto index = torch::tensor(keep, torch::kInt64);
    auto [valImages, valLabels] = kgtest::bandImages(4, 2);
    auto data = std::make_shared<TensorTrainingData>(images.index_select(0, index), labels.index_select(0, index), valImages,
                                                     valLabels);
    const TrainingResult result = Trainer(o, data).run();
    QVERIFY2(result.status == TrainingResult::Status::Completed, result.message.c_str());
    for (const char* name : {RunFiles::kBestCheckpoint, RunFiles::kLastCheckpoint, RunFiles::kHistory, RunFiles::kOptions, RunFiles::kLog})
        QVERIFY2(std::filesystem::exists(RunFiles::path(o.runDir, name)), name);
    for (const auto& r : result.history)
        QVERIFY(std::isfinite(r.loss) && std::isfinite(r.valLoss));
    if (smoothing > 0)  // smoothed targets put a floor under the loss: ≥ entropy of the target
        QVERIFY(result.history.back().valLoss > 0.1);
}

QTEST_APPLESS_MAIN(TestTrainer)
#include "test_trainer.moc"
