// The desktop app's several-process training (what the Train workspace starts where there
// are several GPUs; here on the CPU): the worker's trainer is rank 0 and reports, a
// kneegrade-cli process is rank 1; a run resumes with them; a rank that cannot start makes
// the run fail at once with a message that names the program, never a wait.
#include "CliRunner.h"

#include "core/train/RunFiles.h"
#include "core/train/TrainOptions.h"
#include "ui/workers/RankProcesses.h"
#include "ui/workers/TrainingWorker.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace kg;
using namespace kg::ui;

class TestTrainingWorkerRanks : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void twoProcessesTrainAndResume();
    void aRankThatCannotStartFailsTheRun();

private:
    TrainOptions options(const QString& run) const;
    QTemporaryDir dir_;
    QString data_;
};

void TestTrainingWorkerRanks::initTestCase()
{
    QVERIFY(dir_.isValid());
    qputenv("KNEEGRADE_CLI", kgtest::cliPath().toUtf8());
    data_ = dir_.filePath(QStringLiteral("phantoms"));
    const auto synth = kgtest::runCli({QStringLiteral("synth"), QStringLiteral("--out"), data_, QStringLiteral("--per-grade"),
                                       QStringLiteral("10"), QStringLiteral("--size"), QStringLiteral("64"), QStringLiteral("--quiet")});
    QVERIFY2(synth.exitCode == 0, qPrintable(synth.err));
}

TrainOptions TestTrainingWorkerRanks::options(const QString& run) const
{
    TrainOptions o;
    o.dataRoot = data_.toStdString();
    o.runDir = run.toStdString();
    o.model.backbone = parseArchitecture("resnetv2-tiny");
    o.preprocessing.imageSize = 64;
    o.epochs = 2;
    o.batchSize = 8;
    o.learningRate = 1e-3;
    o.augment = false;
    o.runtime.device = DevicePreference::Cpu;
    o.loaderWorkers = 1;
    return o;
}

void TestTrainingWorkerRanks::twoProcessesTrainAndResume()
{
    const QString run = dir_.filePath(QStringLiteral("two"));
    {
        TrainingWorker worker;
        worker.setProcesses(2);
        QSignalSpy finished(&worker, &TrainingWorker::finished);
        QSignalSpy epochs(&worker, &TrainingWorker::epochFinished);
        worker.train(options(run));
        QCOMPARE(finished.count(), 1);
        const auto result = finished.first().first().value<TrainingResult>();
        QVERIFY2(result.status == TrainingResult::Status::Completed, result.message.c_str());
        QCOMPARE(epochs.count(), 2);  // rank 0 reports every epoch
        QCOMPARE(result.weightsDigest.size(), size_t(64));
    }
    {
        TrainingWorker worker;
        worker.setProcesses(2);
        QSignalSpy finished(&worker, &TrainingWorker::finished);
        worker.resume(run);  // a completed run: nothing to add, but both ranks meet and agree
        QCOMPARE(finished.count(), 1);
        const auto result = finished.first().first().value<TrainingResult>();
        QVERIFY2(result.status == TrainingResult::Status::Completed, result.message.c_str());
    }
    QFile log(run + QStringLiteral("/train.log"));
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(log.readAll());
    QVERIFY2(text.contains(QStringLiteral("global batch 8 = 2 ranks × 4")), qPrintable(text));
    QCOMPARE(text.count(QStringLiteral("weights identical on all 2 ranks")), 2);
}

void TestTrainingWorkerRanks::aRankThatCannotStartFailsTheRun()
{
    qputenv("KNEEGRADE_CLI", QByteArray("/nonexistent/kneegrade-cli"));
    TrainingWorker worker;
    worker.setProcesses(2);
    QSignalSpy failed(&worker, &TrainingWorker::failed);
    QSignalSpy finished(&worker, &TrainingWorker::finished);
    QElapsedTimer clock;
    clock.start();
    worker.train(options(dir_.filePath(QStringLiteral("lonely"))));
    qputenv("KNEEGRADE_CLI", kgtest::cliPath().toUtf8());
    QCOMPARE(finished.count(), 0);
    QCOMPARE(failed.count(), 1);
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(QStringLiteral("/nonexistent/kneegrade-cli")) && message.contains(QStringLiteral("rank 1 of 2")),
             qPrintable(message));
    QVERIFY2(clock.elapsed() < 30000, "rank 0 waited for a rank that never started");
}

QTEST_MAIN(TestTrainingWorkerRanks)
#include "test_training_worker_ranks.moc"
