// The run catalog reads hand-made run folders: a completed run, a cancelled one (fewer
// epochs than planned), a run with no recorded end (running, or interrupted once quiet), a
// folder that is not a run (ignored), a damaged history.csv (listed with its problem), and
// a fresh run folder is never one that already holds a run.
#include "core/model/Checkpoint.h"
#include "core/model/Model.h"
#include "core/train/RunCatalog.h"
#include "core/train/RunFiles.h"
#include "core/train/TrainOptions.h"
#include "core/train/TrainPresets.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <fstream>

using namespace kg;

namespace {

void writeText(const std::string& path, const std::string& text)
{
    std::ofstream out(path);
    out << text;
}

std::vector<EpochRecord> history(const std::vector<double>& valAccuracies)
{
    std::vector<EpochRecord> records;
    for (size_t i = 0; i < valAccuracies.size(); ++i) {
        EpochRecord r;
        r.epoch = static_cast<int>(i) + 1;
        r.loss = 1.5 - 0.1 * static_cast<double>(i);
        r.accuracy = 0.3 + 0.05 * static_cast<double>(i);
        r.valLoss = 1.6 - 0.1 * static_cast<double>(i);
        r.valAccuracy = valAccuracies[i];
        r.learningRate = 1e-3;
        r.durationSeconds = 2.0;
        records.push_back(r);
    }
    return records;
}

/// A run folder as the trainer leaves it: options.json, history.csv, train.log and, when
/// `checkpoint`, last.kgckpt and best.kgckpt with the training state.
void writeRun(const QString& dir, const TrainOptions& options, const std::vector<EpochRecord>& records, RunStatus status,
              const std::string& log, bool checkpoint = true)
{
    QVERIFY(QDir().mkpath(dir));
    const std::string d = dir.toStdString();
    writeText(RunFiles::path(d, RunFiles::kOptions), nlohmann::json(options).dump(2));
    writeHistoryCsv(RunFiles::path(d, RunFiles::kHistory), records);
    writeText(RunFiles::path(d, RunFiles::kLog), log);
    if (!checkpoint)
        return;
    Model model(options.model);
    CheckpointMeta meta;
    meta.model = options.model;
    meta.preprocessing = options.preprocessing;
    meta.trainingOptions = nlohmann::json(options);
    meta.state.epoch = static_cast<int>(records.size());
    meta.state.status = status;
    meta.state.history = records;
    saveCheckpoint(RunFiles::path(d, RunFiles::kLastCheckpoint), model, meta);
    saveCheckpoint(RunFiles::path(d, RunFiles::kBestCheckpoint), model, meta);
}

TrainOptions quickLook(int epochs)
{
    TrainOptions options;
    findTrainPreset("cpu-quick-look")->apply(options);
    options.model.backbone = parseArchitecture("resnetv2-tiny");   // small checkpoints; no longer the preset
    options.epochs = epochs;
    options.dataRoot = "/data/knees";
    return options;
}

const RunSummary* find(const std::vector<RunSummary>& runs, const std::string& name)
{
    for (const RunSummary& run : runs)
        if (run.name == name)
            return &run;
    return nullptr;
}

} // namespace

class TestRunCatalog : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void listsRunsAndIgnoresOtherFolders();
    void completedRun();
    void cancelledRunHasFewerEpochsThanPlanned();
    void runWithoutAnEndIsRunningThenInterrupted();
    void damagedHistoryIsAProblemNotACrash();
    void presetIsRecognised();
    void freshRunDirectoryNeverReusesARun();
    void describesCheckpoints();
    void evaluationsAreRecorded();
    void missingRootIsEmpty();

private:
    QTemporaryDir temp_;
    QString root_;
};

void TestRunCatalog::initTestCase()
{
    QVERIFY(temp_.isValid());
    root_ = temp_.filePath(QStringLiteral("runs"));
    writeRun(root_ + QStringLiteral("/20261201-100000"), quickLook(3), history({0.40, 0.62, 0.55}), RunStatus::Completed,
             "2026-12-01 10:00:00  starting run in x on CPU\n"
             "2026-12-01 10:00:09  finished: 3 of 3 epochs; best val_loss 1.4000 at epoch 3\n");
    writeRun(root_ + QStringLiteral("/20261201-110000"), quickLook(10), history({0.30, 0.35, 0.41, 0.38}), RunStatus::Running,
             "2026-12-01 11:00:00  starting run in x on CPU\n"
             "2026-12-01 11:00:20  finished: cancelled during epoch 5; last.kgckpt holds epoch 4\n");
    writeRun(root_ + QStringLiteral("/20261201-120000"), quickLook(10), history({0.30, 0.35}), RunStatus::Running,
             "2026-12-01 12:00:00  starting run in x on CPU\n");
    // A damaged history.csv and no checkpoint to fall back on.
    const QString damaged = root_ + QStringLiteral("/20261201-130000");
    writeRun(damaged, quickLook(5), history({0.30}), RunStatus::Running,
             "2026-12-01 13:00:00  starting run in x on CPU\n"
             "2026-12-01 13:00:05  finished: 5 of 5 epochs; best val_loss 1.4 at epoch 5\n",
             false);
    writeText(RunFiles::path(damaged.toStdString(), RunFiles::kHistory),
              "epoch,loss,accuracy,val_loss,val_accuracy,lr,seconds\n1,0.5,0.4,0.6,0.3,0.001,1\n2,garbage\n");
    // Not runs: a folder of pictures, an empty folder, a plain file.
    QVERIFY(QDir().mkpath(root_ + QStringLiteral("/exports")));
    writeText((root_ + QStringLiteral("/exports/figure.png")).toStdString(), "not a run");
    QVERIFY(QDir().mkpath(root_ + QStringLiteral("/empty")));
    writeText((root_ + QStringLiteral("/notes.txt")).toStdString(), "notes");
}

void TestRunCatalog::listsRunsAndIgnoresOtherFolders()
{
    const auto runs = scanRuns(root_.toStdString());
    QCOMPARE(runs.size(), size_t(4));
    // Newest first, by the time in their logs.
    QCOMPARE(runs[0].name, std::string("20261201-130000"));
    QCOMPARE(runs[3].name, std::string("20261201-100000"));
    QVERIFY(!find(runs, "exports") && !find(runs, "empty"));
    // Read directly, a folder that is not a run says so.
    const RunSummary notRun = readRunSummary((root_ + QStringLiteral("/exports")).toStdString());
    QVERIFY(!notRun.problems.empty());
    QCOMPARE(toString(notRun.outcome), toString(RunOutcome::Unknown));
}

void TestRunCatalog::completedRun()
{
    const RunSummary run = readRunSummary((root_ + QStringLiteral("/20261201-100000")).toStdString());
    QVERIFY2(run.problems.empty(), run.problems.empty() ? "" : run.problems.front().c_str());
    QCOMPARE(toString(run.outcome), toString(RunOutcome::Completed));
    QCOMPARE(toString(run.outcome), std::string("completed"));
    QCOMPARE(run.epochsDone, 3);
    QCOMPARE(run.epochsPlanned, 3);
    QCOMPARE(run.architecture, std::string("resnetv2-tiny"));
    QCOMPARE(run.imageSize, 128);
    QCOMPARE(run.dataRoot, std::string("/data/knees"));
    QVERIFY(run.bestValAccuracy.has_value());
    QCOMPARE(*run.bestValAccuracy, 0.62);
    QCOMPARE(run.bestValAccuracyEpoch, 2);
    QCOMPARE(run.bestValLossEpoch, 3);
    QCOMPARE(run.history.size(), size_t(3));
    QCOMPARE(run.started, std::string("2026-12-01 10:00"));
    QVERIFY(!run.bestCheckpoint.empty() && !run.lastCheckpoint.empty());
    QVERIFY(!run.resumable());
}

void TestRunCatalog::cancelledRunHasFewerEpochsThanPlanned()
{
    const RunSummary run = readRunSummary((root_ + QStringLiteral("/20261201-110000")).toStdString());
    QCOMPARE(toString(run.outcome), toString(RunOutcome::Cancelled));
    QCOMPARE(run.epochsDone, 4);
    QCOMPARE(run.epochsPlanned, 10);
    QVERIFY(run.resumable());
    QVERIFY(run.outcomeDetail.find("cancelled during epoch 5") != std::string::npos);
}

void TestRunCatalog::runWithoutAnEndIsRunningThenInterrupted()
{
    const std::string dir = (root_ + QStringLiteral("/20261201-120000")).toStdString();
    QCOMPARE(toString(readRunSummary(dir).outcome), toString(RunOutcome::Running));   // its files were written just now
    RunScanOptions quiet;
    quiet.runningWithinSeconds = -1;
    const RunSummary run = readRunSummary(dir, quiet);
    QCOMPARE(toString(run.outcome), toString(RunOutcome::Interrupted));
    QCOMPARE(run.epochsDone, 2);
    QVERIFY(run.resumable());
}

void TestRunCatalog::damagedHistoryIsAProblemNotACrash()
{
    const auto runs = scanRuns(root_.toStdString());
    const RunSummary* run = find(runs, "20261201-130000");
    QVERIFY(run);
    QCOMPARE(run->problems.size(), size_t(1));
    QVERIFY2(run->problems.front().find("history.csv") != std::string::npos, run->problems.front().c_str());
    QVERIFY(run->problems.front().find("line 3") != std::string::npos);
    QVERIFY(run->history.empty());
    QVERIFY(!run->bestValAccuracy.has_value());
    QCOMPARE(run->epochsPlanned, 5);
    QCOMPARE(toString(run->outcome), toString(RunOutcome::Completed));   // its log says so
}

void TestRunCatalog::presetIsRecognised()
{
    const QString dir = temp_.filePath(QStringLiteral("preset-runs/quick"));
    TrainOptions options;
    findTrainPreset("cpu-quick-look")->apply(options);
    options.epochs = 2;   // epochs aside, still the preset
    writeRun(dir, options, history({0.5}), RunStatus::Running, "", false);
    RunSummary run = readRunSummary(dir.toStdString());
    QCOMPARE(run.preset, std::string("cpu-quick-look"));
    QCOMPARE(run.architecture, std::string("resnetv2-small"));
    options.batchSize = 3;
    writeRun(dir, options, history({0.5}), RunStatus::Running, "", false);
    QCOMPARE(readRunSummary(dir.toStdString()).preset, std::string());
}

void TestRunCatalog::freshRunDirectoryNeverReusesARun()
{
    const std::string taken = (root_ + QStringLiteral("/20261201-100000")).toStdString();
    QCOMPARE(freshRunDirectory(taken), taken + "-2");
    QVERIFY(QDir().mkpath(QString::fromStdString(taken + "-2")));   // an empty folder is free
    QCOMPARE(freshRunDirectory(taken + "/"), taken + "-2");
    writeText(RunFiles::path(taken + "-2", RunFiles::kLog), "2026-12-01 10:00:00  starting run in x\n");
    QCOMPARE(freshRunDirectory(taken), taken + "-3");
    const std::string unused = (root_ + QStringLiteral("/not-yet")).toStdString();
    QCOMPARE(freshRunDirectory(unused), unused);
    QVERIFY(!holdsRun(unused));
    QVERIFY(holdsRun(taken));
    QDir(QString::fromStdString(taken + "-2")).removeRecursively();
}

void TestRunCatalog::describesCheckpoints()
{
    const CheckpointSummary best = describeCheckpoint((root_ + QStringLiteral("/20261201-110000/best.kgckpt")).toStdString());
    QVERIFY(best.problem.empty());
    QCOMPARE(best.architecture, std::string("resnetv2-tiny"));
    QCOMPARE(toString(best.outcome), toString(RunOutcome::Cancelled));
    QCOMPARE(best.epoch, 4);
    QCOMPARE(best.runEpochs, 4);
    QCOMPARE(best.epochsPlanned, 10);
    QVERIFY(best.bestValAccuracy && *best.bestValAccuracy == 0.41);
    QVERIFY(!best.created.empty());
    const std::string garbage = (root_ + QStringLiteral("/exports/figure.png")).toStdString();
    QVERIFY(!describeCheckpoint(garbage).problem.empty());
    QVERIFY(!describeCheckpoint(garbage + ".missing").problem.empty());
}

void TestRunCatalog::evaluationsAreRecorded()
{
    const QString dir = temp_.filePath(QStringLiteral("evaluated/run"));
    writeRun(dir, quickLook(2), history({0.5, 0.6}), RunStatus::Completed,
             "2026-12-01 10:00:00  starting run in x on CPU\n2026-12-01 10:00:09  finished: 2 of 2 epochs\n");
    const std::string best = RunFiles::path(dir.toStdString(), RunFiles::kBestCheckpoint);
    QVERIFY(!readRunSummary(dir.toStdString()).qwk);
    QVERIFY(recordRunEvaluation(best, "val", 0.6, 0.41, 50));
    RunSummary run = readRunSummary(dir.toStdString());
    QVERIFY(run.qwk && *run.qwk == 0.41);
    QCOMPARE(run.qwkSplit, std::string("val"));
    // The test split's figure comes first, whatever was evaluated last.
    QVERIFY(recordRunEvaluation(best, "test", 0.55, 0.37, 50));
    QVERIFY(recordRunEvaluation(best, "val", 0.62, 0.45, 50));
    run = readRunSummary(dir.toStdString());
    QVERIFY(run.qwk && *run.qwk == 0.37);
    QCOMPARE(run.qwkSplit, std::string("test"));
    QVERIFY(run.problems.empty());
    // Not in a run folder: nothing is written.
    const QString loose = temp_.filePath(QStringLiteral("loose.kgckpt"));
    QVERIFY(QFile::copy(QString::fromStdString(best), loose));
    QVERIFY(!recordRunEvaluation(loose.toStdString(), "test", 0.5, 0.3, 10));
    QVERIFY(!QFileInfo::exists(temp_.filePath(QString::fromLatin1(kRunEvaluationFile))));
    // A damaged record is a listed problem.
    writeText(RunFiles::path(dir.toStdString(), kRunEvaluationFile), "{ not json");
    run = readRunSummary(dir.toStdString());
    QVERIFY(!run.qwk);
    QCOMPARE(run.problems.size(), size_t(1));
}

void TestRunCatalog::missingRootIsEmpty()
{
    QVERIFY(scanRuns(temp_.filePath(QStringLiteral("nowhere")).toStdString()).empty());
}

QTEST_MAIN(TestRunCatalog)
#include "test_run_catalog.moc"
