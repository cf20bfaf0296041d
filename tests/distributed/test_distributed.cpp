// Data-parallel training on this machine with Gloo over 127.0.0.1. In process (two trainer
// threads as ranks 0 and 1): two ranks train exactly what one process with the same global
// batch trains, and end with bit-identical weights. Through the real CLI (one process per
// rank): a rank killed or frozen makes the other fail with a clear message within the
// timeout, the last checkpoint resumes, and a run resumes with another number of ranks
// without a repeated or missing epoch.
#include "CliRunner.h"

#include "BandImages.h"
#include "core/distributed/DistributedOptions.h"
#include "core/distributed/LocalPort.h"
#include "core/distributed/Sharding.h"
#include "core/model/Checkpoint.h"
#include "core/model/ModelImpl.h"
#include "core/train/RunFiles.h"
#include "core/train/Trainer.h"
#include "core/train/TrainingData.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <thread>

using namespace kg;

namespace {

constexpr int kSide = 32;

std::shared_ptr<TensorTrainingData> makeData()
{
    // 37 training images: the shards differ in size and the last global batch is partial.
    auto [trainImages, trainLabels] = kgtest::bandImages(8, 1);
    auto [valImages, valLabels] = kgtest::bandImages(3, 2);
    return std::make_shared<TensorTrainingData>(trainImages.narrow(0, 0, 37), trainLabels.narrow(0, 0, 37), valImages,
                                                valLabels, 42, "test-manifest");
}

TrainOptions tinyOptions(const QString& runDir, TrainingMode mode)
{
    TrainOptions o;
    o.runDir = runDir.toStdString();
    o.model.backbone = parseArchitecture("resnetv2-tiny");
    o.model.head.hiddenUnits = {16};
    o.model.head.dropout = 0;
    o.preprocessing.imageSize = kSide;
    o.mode = mode;
    o.epochs = 3;
    o.batchSize = 8;
    o.learningRate = 1e-2;
    o.augment = false;
    o.earlyStopping.enabled = false;
    o.reduceLr.enabled = false;
    o.runtime.threads = 1;
    o.runtime.device = DevicePreference::Cpu;
    o.seed = 11;
    return o;
}

/// Runs `ranks` trainers on threads as one job; returns their results in rank order.
std::vector<TrainingResult> runJob(const std::vector<TrainOptions>& options, double timeoutSeconds = 60)
{
    const int port = freeLocalPort();
    const int n = static_cast<int>(options.size());
    std::vector<TrainingResult> results(static_cast<size_t>(n));
    std::vector<std::thread> threads;
    for (int rank = 0; rank < n; ++rank)
        threads.emplace_back([&, rank] {
            Trainer trainer(options[static_cast<size_t>(rank)], makeData());
            DistributedOptions job;
            job.rank = rank;
            job.worldSize = n;
            job.localRank = rank;
            job.masterPort = port;
            job.timeoutSeconds = timeoutSeconds;
            trainer.setDistributed(job);
            results[static_cast<size_t>(rank)] = trainer.run();
        });
    for (auto& thread : threads)
        thread.join();
    return results;
}

/// The run's history.csv; empty while it does not exist yet.
std::vector<EpochRecord> historyOf(const QString& runDir)
{
    const std::string path = RunFiles::path(runDir.toStdString(), RunFiles::kHistory);
    return std::filesystem::exists(path) ? readHistoryCsv(path) : std::vector<EpochRecord>{};
}

std::vector<int> epochsIn(const QString& runDir)
{
    std::vector<int> epochs;
    for (const auto& record : historyOf(runDir))
        epochs.push_back(record.epoch);
    return epochs;
}

QString readText(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

} // namespace

class TestDistributed : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void jobFromTorchrunVariables();
    void jobFromSlurmVariables();
    void badVariablesAreNamed();
    void shardsMakeTheGlobalBatch();
    void batchMustDivideAmongRanks();
    void twoRanksTrainWhatOneProcessTrains_data();
    void twoRanksTrainWhatOneProcessTrains();
    void augmentedRanksTrainWhatOneProcessTrains_data();
    void augmentedRanksTrainWhatOneProcessTrains();
    void fineTunedRanksEndBitIdentical();
    void ranksThatDisagreeRefuse();
    void killedRankStopsTheOtherAndTheRunResumes();
    void frozenRankTimesOut();
    void ctrlCStopsEveryRankAtTheSameStep();
    void resumeWithAnotherNumberOfRanks();
    void unevenBatchIsRefusedByEveryRank();

private:
    QStringList trainArgs(const QString& run, int epochs) const;
    QProcess* startRank(int rank, int worldSize, int port, const QStringList& arguments, double timeout);
    /// Ranks 0 and 1 of a long CLI run, once `epochs` epochs are in its history (or rank 0 ended).
    std::pair<QProcess*, QProcess*> startTwoRanks(const QString& run, double timeout, int epochs);

    QTemporaryDir dir_;
    QString data_;
};

void TestDistributed::initTestCase()
{
    QVERIFY(dir_.isValid());
    data_ = dir_.filePath("phantoms");
    const auto synth = kgtest::runCli({"synth", "--out", data_, "--per-grade", "12", "--size", "64", "--seed", "5", "--quiet"});
    QVERIFY2(synth.exitCode == 0, qPrintable(synth.err));
}

void TestDistributed::jobFromTorchrunVariables()
{
    std::map<std::string, std::string> env = {{"RANK", "3"},           {"WORLD_SIZE", "8"}, {"LOCAL_RANK", "1"},
                                              {"MASTER_ADDR", "10.0.0.5"}, {"MASTER_PORT", "29512"},
                                              {"KNEEGRADE_DIST_TIMEOUT", "45"}, {"KNEEGRADE_DIST_BACKEND", "gloo"}};
    auto lookup = [&](const char* name) -> const char* {
        const auto it = env.find(name);
        return it == env.end() ? nullptr : it->second.c_str();
    };
    const auto job = distributedOptionsFromEnvironment(lookup);
    QVERIFY(job.has_value());
    QCOMPARE(job->rank, 3);
    QCOMPARE(job->worldSize, 8);
    QCOMPARE(job->localRank, 1);
    QCOMPARE(QString::fromStdString(job->masterAddress), QString("10.0.0.5"));
    QCOMPARE(job->masterPort, 29512);
    QCOMPARE(job->timeoutSeconds, 45.0);
    QVERIFY(job->backend == CollectiveBackend::Gloo);
    QVERIFY(!job->writesRunFiles());
    QVERIFY(!job->launcherServesStore);
    env["TORCHELASTIC_USE_AGENT_STORE"] = "True";  // torchrun's agent serves the store
    QVERIFY(distributedOptionsFromEnvironment(lookup)->launcherServesStore);

    // What the launchers (--nproc, the desktop app) set reads back as the same job.
    env.clear();
    for (const EnvironmentVariable& v : rankEnvironment(*job, 3))
        env[v.name] = v.value;
    const auto back = distributedOptionsFromEnvironment(lookup);
    QVERIFY(back.has_value());
    QCOMPARE(back->rank, job->rank);
    QCOMPARE(back->worldSize, job->worldSize);
    QCOMPARE(back->localRank, job->localRank);
    QCOMPARE(back->masterAddress, job->masterAddress);
    QCOMPARE(back->masterPort, job->masterPort);
    QCOMPARE(back->timeoutSeconds, job->timeoutSeconds);
    QVERIFY(back->backend == job->backend);
    QVERIFY(!back->launcherServesStore);
    QCOMPARE(QString::fromStdString(env["OPENBLAS_NUM_THREADS"]), QString("3"));
    env.clear();
    QVERIFY(!distributedOptionsFromEnvironment(lookup).has_value());  // a plain process
}

void TestDistributed::jobFromSlurmVariables()
{
    std::map<std::string, std::string> env = {{"SLURM_PROCID", "5"}, {"SLURM_NTASKS", "16"}, {"SLURM_LOCALID", "1"},
                                              {"SLURM_NNODES", "4"}, {"MASTER_ADDR", "node017"}};
    auto lookup = [&](const char* name) -> const char* {
        const auto it = env.find(name);
        return it == env.end() ? nullptr : it->second.c_str();
    };
    auto job = distributedOptionsFromEnvironment(lookup);
    QVERIFY(job.has_value());
    QCOMPARE(job->rank, 5);
    QCOMPARE(job->worldSize, 16);
    QCOMPARE(job->localRank, 1);
    QCOMPARE(QString::fromStdString(job->masterAddress), QString("node017"));
    QCOMPARE(job->masterPort, 29500);
    // Several nodes without MASTER_ADDR: the error says how to set it.
    env.erase("MASTER_ADDR");
    try {
        distributedOptionsFromEnvironment(lookup);
        QFAIL("expected an error about MASTER_ADDR");
    } catch (const std::exception& e) {
        QVERIFY2(QString(e.what()).contains("MASTER_ADDR") && QString(e.what()).contains("scontrol"), e.what());
    }
    // One node: the loopback address. One task: not distributed at all.
    env["SLURM_NNODES"] = "1";
    job = distributedOptionsFromEnvironment(lookup);
    QVERIFY(job.has_value());
    QCOMPARE(QString::fromStdString(job->masterAddress), QString("127.0.0.1"));
    env["SLURM_NTASKS"] = "1";
    QVERIFY(!distributedOptionsFromEnvironment(lookup).has_value());
}

void TestDistributed::badVariablesAreNamed()
{
    const std::vector<std::pair<std::map<std::string, std::string>, QString>> cases = {
        {{{"RANK", "one"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "h"}, {"MASTER_PORT", "1"}}, "RANK='one'"},
        {{{"RANK", "0"}, {"MASTER_ADDR", "h"}, {"MASTER_PORT", "1"}}, "WORLD_SIZE is not set"},
        {{{"RANK", "2"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "h"}, {"MASTER_PORT", "1"}}, "rank 2 is outside 0..1"},
        {{{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"MASTER_PORT", "1"}}, "MASTER_ADDR"},
        {{{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "h"}, {"MASTER_PORT", "70000"}}, "port 70000"},
        {{{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "h"}, {"MASTER_PORT", "1"}, {"KNEEGRADE_DIST_TIMEOUT", "-3"}},
         "KNEEGRADE_DIST_TIMEOUT"},
        {{{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "h"}, {"MASTER_PORT", "1"}, {"KNEEGRADE_DIST_BACKEND", "mpi"}},
         "unknown collective backend 'mpi'"},
    };
    for (const auto& [env, expected] : cases) {
        auto lookup = [&env = env](const char* name) -> const char* {
            const auto it = env.find(name);
            return it == env.end() ? nullptr : it->second.c_str();
        };
        try {
            distributedOptionsFromEnvironment(lookup);
            QFAIL(qPrintable("no error; expected one containing " + expected));
        } catch (const std::exception& e) {
            QVERIFY2(QString(e.what()).contains(expected), e.what());
        }
    }
}

void TestDistributed::shardsMakeTheGlobalBatch()
{
    std::vector<std::int64_t> order(37);
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<std::int64_t>((i * 7) % 37);  // any permutation
    for (int ranks : {1, 2, 3, 4}) {
        const int global = 12, local = localBatchSize(global, ranks);
        const std::int64_t steps = stepsPerEpoch(37, ranks, local);
        std::vector<std::vector<std::int64_t>> shards;
        for (int r = 0; r < ranks; ++r)
            shards.push_back(shardOf(order, r, ranks));
        // Step k of all ranks is exactly positions [k·B, (k+1)·B) of the order.
        for (std::int64_t k = 0; k < steps; ++k) {
            std::vector<std::int64_t> together, expected;
            for (const auto& shard : shards)
                for (std::int64_t i = k * local; i < std::min<std::int64_t>((k + 1) * local, shard.size()); ++i)
                    together.push_back(shard[static_cast<size_t>(i)]);
            for (std::int64_t i = k * global; i < std::min<std::int64_t>((k + 1) * global, 37); ++i)
                expected.push_back(order[static_cast<size_t>(i)]);
            std::sort(together.begin(), together.end());
            std::sort(expected.begin(), expected.end());
            QVERIFY2(together == expected, qPrintable(QString("%1 ranks, step %2").arg(ranks).arg(k)));
        }
        QCOMPARE(steps, (37 + global - 1) / global);
    }
}

void TestDistributed::batchMustDivideAmongRanks()
{
    QCOMPARE(localBatchSize(32, 4), 8);
    try {
        localBatchSize(8, 3);
        QFAIL("8 images cannot be shared by 3 ranks");
    } catch (const std::exception& e) {
        QVERIFY2(QString(e.what()).contains("rank counts that divide it: 2, 4, 8"), e.what());
    }
}

void TestDistributed::twoRanksTrainWhatOneProcessTrains_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<bool>("cacheFeatures");
    QTest::newRow("frozen, cached features") << static_cast<int>(TrainingMode::Frozen) << true;
    QTest::newRow("frozen, backbone every step") << static_cast<int>(TrainingMode::Frozen) << false;
}

// With the backbone frozen (BatchNorm in inference mode, no dropout) a step of two ranks is
// the step of one process with the same global batch: the same history and weights to float
// tolerance (the sums are only added in another order). 37 images: a partial last batch.
void TestDistributed::twoRanksTrainWhatOneProcessTrains()
{
    QFETCH(int, mode);
    QFETCH(bool, cacheFeatures);
    QTemporaryDir single, job;
    TrainOptions o = tinyOptions(single.path(), static_cast<TrainingMode>(mode));
    o.cacheFrozenFeatures = cacheFeatures;
    const TrainingResult alone = Trainer(o, makeData()).run();
    QVERIFY2(alone.status == TrainingResult::Status::Completed, alone.message.c_str());

    o.runDir = job.path().toStdString();
    const auto results = runJob({o, o});
    for (const auto& result : results)
        QVERIFY2(result.status == TrainingResult::Status::Completed, result.message.c_str());
    QCOMPARE(results[0].weightsDigest, results[1].weightsDigest);
    QVERIFY(!results[0].weightsDigest.empty());

    const auto a = historyOf(single.path()), b = historyOf(job.path());
    QCOMPARE(b.size(), a.size());
    for (size_t i = 0; i < a.size(); ++i) {
        QCOMPARE(b[i].epoch, a[i].epoch);
        QVERIFY2(std::abs(a[i].loss - b[i].loss) < 1e-5 && std::abs(a[i].valLoss - b[i].valLoss) < 1e-5,
                 qPrintable(QString("epoch %1: loss %2 vs %3, val_loss %4 vs %5")
                                .arg(a[i].epoch).arg(a[i].loss, 0, 'g', 10).arg(b[i].loss, 0, 'g', 10)
                                .arg(a[i].valLoss, 0, 'g', 10).arg(b[i].valLoss, 0, 'g', 10)));
        QCOMPARE(b[i].accuracy, a[i].accuracy);
        QCOMPARE(b[i].valAccuracy, a[i].valAccuracy);
    }
    LoadedCheckpoint x = loadCheckpoint(RunFiles::path(single.path().toStdString(), RunFiles::kLastCheckpoint));
    LoadedCheckpoint y = loadCheckpoint(RunFiles::path(job.path().toStdString(), RunFiles::kLastCheckpoint));
    const auto left = modelStateTensors(x.model.impl().net), right = modelStateTensors(y.model.impl().net);
    QCOMPARE(right.size(), left.size());
    double worst = 0;
    bool headMoved = false;
    for (size_t i = 0; i < left.size(); ++i) {
        worst = std::max(worst, (left[i].second - right[i].second).abs().max().item<double>());
        if (left[i].first.find("head") != std::string::npos)
            headMoved = true;
    }
    QVERIFY(headMoved);
    QVERIFY2(worst < 1e-5, qPrintable(QString("largest weight difference %1").arg(worst)));
}

void TestDistributed::augmentedRanksTrainWhatOneProcessTrains_data()
{
    QTest::addColumn<bool>("balanced");
    QTest::newRow("shuffled (keyed by item)") << false;
    QTest::newRow("balanced sampling (keyed by position)") << true;
}

// Folder data through the real loader with every Keras augmentation on: each rank augments
// its share of the images exactly as one process would (an item's draw follows the epoch's
// visit, not the rank's position in its shard), so with the backbone frozen and no dropout
// two ranks give one process's history to float tolerance.
void TestDistributed::augmentedRanksTrainWhatOneProcessTrains()
{
    QFETCH(bool, balanced);
    auto arguments = [&](const QString& run) {
        QStringList a{"train", "--data", data_, "--out", run, "--arch", "resnetv2-tiny", "--image-size", "64", "--epochs", "2",
                      "--batch", "8", "--lr", "1e-2", "--mode", "frozen", "--dropout", "0", "--no-early-stopping",
                      "--threads", "1", "--workers", "1"};
        if (balanced)
            a << "--balanced-sampling";
        return a;
    };
    const QString single = dir_.filePath(balanced ? "augmented-balanced-1" : "augmented-1");
    const QString job = dir_.filePath(balanced ? "augmented-balanced-2" : "augmented-2");
    const auto alone = kgtest::runCli(arguments(single));
    QVERIFY2(alone.exitCode == 0, qPrintable(alone.output()));
    const auto ranks = kgtest::runCli(arguments(job) << "--nproc" << "2" << "--dist-timeout" << "30");
    QVERIFY2(ranks.exitCode == 0, qPrintable(ranks.output()));
    const auto a = historyOf(single), b = historyOf(job);
    QCOMPARE(a.size(), size_t{2});
    QCOMPARE(b.size(), a.size());
    for (size_t i = 0; i < a.size(); ++i) {
        QVERIFY2(std::abs(a[i].loss - b[i].loss) < 1e-5 && std::abs(a[i].valLoss - b[i].valLoss) < 1e-5,
                 qPrintable(QString("epoch %1: loss %2 vs %3, val_loss %4 vs %5")
                                .arg(a[i].epoch).arg(a[i].loss, 0, 'g', 10).arg(b[i].loss, 0, 'g', 10)
                                .arg(a[i].valLoss, 0, 'g', 10).arg(b[i].valLoss, 0, 'g', 10)));
        QCOMPARE(b[i].accuracy, a[i].accuracy);
    }
}

// Fine-tuning: BatchNorm normalises with each rank's own batch (as DDP does by default), so
// the run differs from one process; but the ranks still end with the same weights to the bit.
void TestDistributed::fineTunedRanksEndBitIdentical()
{
    QTemporaryDir job, elsewhere;
    TrainOptions o = tinyOptions(job.path(), TrainingMode::FineTune);
    o.model.head.dropout = 0.3;  // each rank draws its own masks
    o.epochs = 2;
    TrainOptions second = o;
    second.runDir = elsewhere.filePath("never-written").toStdString();
    const auto results = runJob({o, second});
    for (const auto& result : results)
        QVERIFY2(result.status == TrainingResult::Status::Completed, result.message.c_str());
    QCOMPARE(results[0].weightsDigest.size(), size_t(64));
    QCOMPARE(results[1].weightsDigest, results[0].weightsDigest);
    // What every rank holds is what rank 0 saved.
    QCOMPARE(loadCheckpoint(RunFiles::path(o.runDir, RunFiles::kLastCheckpoint)).weightsSha256, results[0].weightsDigest);
    QVERIFY2(!std::filesystem::exists(second.runDir), "rank 1 wrote a run folder");
    QCOMPARE(epochsIn(job.path()), (std::vector<int>{1, 2}));
    const QString log = readText(job.filePath("train.log"));
    QVERIFY2(log.contains("global batch 8 = 2 ranks × 4"), qPrintable(log));
    QVERIFY2(log.contains("weights identical on all 2 ranks"), qPrintable(log));
}

// Ranks started with different options must not train together: every rank says so.
void TestDistributed::ranksThatDisagreeRefuse()
{
    QTemporaryDir job;
    TrainOptions o = tinyOptions(job.path(), TrainingMode::FineTune);
    TrainOptions other = o;
    other.learningRate = 3e-3;
    other.runtime.threads = 2;  // how a rank runs may differ; what it computes may not
    const auto results = runJob({o, other});
    for (const auto& result : results) {
        QVERIFY(result.status == TrainingResult::Status::Failed);
        QVERIFY2(result.message.find("rank 1 and rank 0 were given different training options") != std::string::npos,
                 result.message.c_str());
    }
    QVERIFY(!std::filesystem::exists(RunFiles::path(o.runDir, RunFiles::kLastCheckpoint)));
}

QStringList TestDistributed::trainArgs(const QString& run, int epochs) const
{
    return {"train", "--data", data_, "--out", run, "--arch", "resnetv2-tiny", "--image-size", "64", "--epochs",
            QString::number(epochs), "--batch", "8", "--lr", "1e-3", "--no-augment", "--no-early-stopping", "--threads", "1",
            "--workers", "1"};
}

std::pair<QProcess*, QProcess*> TestDistributed::startTwoRanks(const QString& run, double timeout, int epochs)
{
    const int port = freeLocalPort();
    QProcess* rank0 = startRank(0, 2, port, trainArgs(run, 400), timeout);
    QProcess* rank1 = startRank(1, 2, port, trainArgs(run, 400), timeout);
    (void)QTest::qWaitFor([&] { return historyOf(run).size() >= static_cast<size_t>(epochs) || rank0->state() == QProcess::NotRunning; },
                          120000);
    return {rank0, rank1};
}

QProcess* TestDistributed::startRank(int rank, int worldSize, int port, const QStringList& arguments, double timeout)
{
    auto* process = new QProcess(this);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("RANK", QString::number(rank));
    env.insert("WORLD_SIZE", QString::number(worldSize));
    env.insert("LOCAL_RANK", QString::number(rank));
    env.insert("MASTER_ADDR", "127.0.0.1");
    env.insert("MASTER_PORT", QString::number(port));
    env.insert("KNEEGRADE_DIST_TIMEOUT", QString::number(timeout));
    process->setProcessEnvironment(env);
    process->start(kgtest::cliPath(), arguments);
    return process;
}

// kill -9 of rank 1 mid-run: rank 0 fails at its next all-reduce (the connection closes),
// names itself and the cause, and its last checkpoint resumes in a single process with
// every epoch once.
void TestDistributed::killedRankStopsTheOtherAndTheRunResumes()
{
    const QString run = dir_.filePath("killed");
    const double timeout = 20;
    const auto [rank0, rank1] = startTwoRanks(run, timeout, 2);
    QVERIFY2(rank0->state() == QProcess::Running, rank0->readAllStandardError().constData());
    ::kill(static_cast<pid_t>(rank1->processId()), SIGKILL);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(rank0->waitForFinished(static_cast<int>((timeout + 30) * 1000)));
    const double seconds = clock.elapsed() / 1000.0;
    rank1->waitForFinished();
    const QString err = QString::fromUtf8(rank0->readAllStandardError());
    QCOMPARE(rank0->exitCode(), 1);
    QVERIFY2(seconds < timeout, qPrintable(QString("rank 0 needed %1 s").arg(seconds)));
    QVERIFY2(err.contains("rank 0 of 2") && err.contains("Another rank stopped"), qPrintable(err));

    const int saved = readCheckpointMeta(RunFiles::path(run.toStdString(), RunFiles::kLastCheckpoint)).state.epoch;
    QVERIFY(saved >= 1);
    const auto resumed = kgtest::runCli({"train", "--resume", run, "--epochs", QString::number(saved + 2)});
    QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.output()));
    std::vector<int> expected;
    for (int e = 1; e <= saved + 2; ++e)
        expected.push_back(e);
    QCOMPARE(epochsIn(run), expected);
}

// A rank that hangs (SIGSTOP) cannot close its connections: rank 0 waits for the timeout,
// then fails with the same clear message instead of hanging for ever.
void TestDistributed::frozenRankTimesOut()
{
    const QString run = dir_.filePath("frozen-rank");
    const double timeout = 4;
    const auto [rank0, rank1] = startTwoRanks(run, timeout, 1);
    QVERIFY2(rank0->state() == QProcess::Running, rank0->readAllStandardError().constData());
    ::kill(static_cast<pid_t>(rank1->processId()), SIGSTOP);
    QElapsedTimer clock;
    clock.start();
    const bool ended = rank0->waitForFinished(60000);
    const double seconds = clock.elapsed() / 1000.0;
    ::kill(static_cast<pid_t>(rank1->processId()), SIGKILL);
    ::kill(static_cast<pid_t>(rank1->processId()), SIGCONT);
    rank1->waitForFinished();
    QVERIFY2(ended, "rank 0 still waits for the frozen rank after 60 s");
    const QString err = QString::fromUtf8(rank0->readAllStandardError());
    QCOMPARE(rank0->exitCode(), 1);
    QVERIFY2(seconds >= timeout - 1 && seconds < timeout + 15, qPrintable(QString("rank 0 ended after %1 s").arg(seconds)));
    QVERIFY2(err.contains("rank 0 of 2") && err.contains("4 s timeout"), qPrintable(err));
}

// Ctrl-C reaches the --nproc launcher, which passes it on once: the ranks agree to stop at the
// next step, rank 0 keeps the last finished epoch, and the exit status is 130.
void TestDistributed::ctrlCStopsEveryRankAtTheSameStep()
{
    const QString run = dir_.filePath("interrupted");
    QProcess launcher;
    launcher.start(kgtest::cliPath(), trainArgs(run, 400) << "--nproc" << "2");
    QVERIFY(QTest::qWaitFor([&] { return historyOf(run).size() >= 1 || launcher.state() == QProcess::NotRunning; }, 120000));
    ::kill(static_cast<pid_t>(launcher.processId()), SIGINT);
    QVERIFY(launcher.waitForFinished(60000));
    const QString out = QString::fromUtf8(launcher.readAllStandardOutput());
    QCOMPARE(launcher.exitCode(), 130);
    QVERIFY2(out.contains("interrupted: cancelled during epoch"), qPrintable(out));
    const int saved = readCheckpointMeta(RunFiles::path(run.toStdString(), RunFiles::kLastCheckpoint)).state.epoch;
    QCOMPARE(static_cast<int>(historyOf(run).size()), saved);
}

// 2 ranks → resumed with 2 → resumed alone → resumed with 4: every epoch exactly once.
void TestDistributed::resumeWithAnotherNumberOfRanks()
{
    const QString run = dir_.filePath("resumed");
    auto first = kgtest::runCli(trainArgs(run, 2) << "--nproc" << "2" << "--dist-timeout" << "30");
    QVERIFY2(first.exitCode == 0, qPrintable(first.output()));
    QVERIFY2(first.err.contains("starting 2 ranks"), qPrintable(first.err));
    QCOMPARE(epochsIn(run), (std::vector<int>{1, 2}));
    for (const auto& [ranks, epochs] : std::vector<std::pair<int, int>>{{2, 3}, {1, 4}, {4, 5}}) {
        QStringList args = {"train", "--resume", run, "--epochs", QString::number(epochs), "--workers", "1"};
        if (ranks > 1)
            args << "--nproc" << QString::number(ranks);
        const auto resumed = kgtest::runCli(args);
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.output()));
    }
    QCOMPARE(epochsIn(run), (std::vector<int>{1, 2, 3, 4, 5}));
    const QString log = readText(run + "/train.log");
    for (const char* line : {"resumed after epoch 2", "resumed after epoch 3", "resumed after epoch 4", "= 4 ranks × 2"})
        QVERIFY2(log.contains(line), line);

    // The run's options.json starts another run (how the desktop app hands its options to
    // the other ranks); explicit options still win.
    const QString again = dir_.filePath("again");
    const auto repeat = kgtest::runCli({"train", "--options", run + "/options.json", "--out", again, "--epochs", "1", "--nproc",
                                        "2", "--workers", "1"});
    QVERIFY2(repeat.exitCode == 0, qPrintable(repeat.output()));
    QCOMPARE(epochsIn(again), (std::vector<int>{1}));
    const TrainOptions first_ = Trainer::resumedOptions(run.toStdString()), second_ = Trainer::resumedOptions(again.toStdString());
    QCOMPARE(second_.batchSize, first_.batchSize);
    QCOMPARE(second_.seed, first_.seed);
    QCOMPARE(second_.epochs, 1);
    const auto broken = kgtest::runCli({"train", "--options", run + "/history.csv", "--out", dir_.filePath("broken")});
    QCOMPARE(broken.exitCode, 2);
    QVERIFY2(broken.err.contains("not a training options file"), qPrintable(broken.err));
}

void TestDistributed::unevenBatchIsRefusedByEveryRank()
{
    QElapsedTimer clock;
    clock.start();
    const auto result = kgtest::runCli(trainArgs(dir_.filePath("uneven"), 1) << "--nproc" << "3", 120000);
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains("cannot be shared equally by 3 ranks"), qPrintable(result.err));
    QVERIFY2(clock.elapsed() < 60000, "a rank waited for the others instead of refusing at once");
}

QTEST_GUILESS_MAIN(TestDistributed)
#include "test_distributed.moc"
