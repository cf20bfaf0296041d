// The Train workspace running real, short trainings on a small phantom set: progress
// arrives, the curves grow by one point per epoch, the event loop never stalls, Cancel
// stops within a second, the Frozen-without-weights warning shows, the presets fill the
// form, and closing the window during training asks and then stops cleanly.
#include "UiTestSupport.h"

#include "ui/MainWindow.h"
#include "ui/Session.h"
#include "ui/widgets/TrainingCurvesWidget.h"
#include "ui/workspaces/TrainOptionsForm.h"
#include "ui/workspaces/TrainWorkspace.h"

#include "core/data/DatasetScan.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace kg::ui;

namespace {

// Ticks every 10 ms and records the longest gap: how long the GUI thread was unavailable.
class StallMeter : public QObject {
public:
    StallMeter()
    {
        timer_.setInterval(10);
        QObject::connect(&timer_, &QTimer::timeout, this, [this] {
            if (clock_.isValid())
                longestMs_ = std::max(longestMs_, clock_.restart());
            else
                clock_.start();
        });
        timer_.start();
    }
    qint64 longestMs() const { return longestMs_; }

private:
    QTimer timer_;
    QElapsedTimer clock_;
    qint64 longestMs_ = 0;
};

} // namespace

class TestTrainWorkspace : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void presetsFillTheForm_data();
    void presetsFillTheForm();
    void frozenWithoutWeightsWarns();
    void gpuSwitchesReachTheOptions();
    void learningRateScalingReachesTheOptions();
    void estimateIsARangeFromTimedStepsThenFromTheRun();
    void shortRunGrowsCurvesAndStaysResponsive();
    void openRunShowsItsHistory();
    void cancelStopsWithinASecond();
    void closingDuringTrainingAsksThenStops();

private:
    void useTinyOptions(TrainWorkspace& workspace, int epochs, const QString& runDir);

    QTemporaryDir temp_;
    QString dataset_;
    std::unique_ptr<Session> session_;
    std::unique_ptr<TrainWorkspace> workspace_;
    QString finishedRun_;
};

void TestTrainWorkspace::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(temp_.isValid());
    dataset_ = temp_.filePath(QStringLiteral("phantoms"));
    kgtest::writeSmallPhantomDataset(dataset_, 8, 64);
    session_ = std::make_unique<Session>(kgtest::testRuntime(), nullptr);
    kgtest::openDataset(*session_, dataset_);
    workspace_ = std::make_unique<TrainWorkspace>(*session_);
    workspace_->resize(1200, 800);
    workspace_->show();
    QVERIFY(QTest::qWaitForWindowExposed(workspace_.get()));
}

void TestTrainWorkspace::useTinyOptions(TrainWorkspace& workspace, int epochs, const QString& runDir)
{
    kg::TrainOptions options;
    options.model.backbone = kg::parseArchitecture("resnetv2-tiny");
    options.preprocessing.imageSize = 48;
    options.epochs = epochs;
    options.batchSize = 8;
    options.learningRate = 1e-3;
    options.augment = false;
    workspace.setFormOptions(options);
    workspace.setRunDirectory(runDir);
    workspace.setProgressIntervalMs(20);
}

void TestTrainWorkspace::presetsFillTheForm_data()
{
    QTest::addColumn<QString>("preset");  // core's preset id
    QTest::addColumn<QString>("architecture");
    QTest::addColumn<int>("imageSize");
    QTest::addColumn<double>("learningRate");
    QTest::addColumn<int>("epochs");
    QTest::newRow("CPU quick look") << QStringLiteral("cpu-quick-look") << QStringLiteral("resnetv2-small") << 128 << 1e-3 << 25;
    QTest::newRow("GPU full fine-tune") << QStringLiteral("gpu-full-fine-tune") << QStringLiteral("resnet152v2") << 224 << 1e-4 << 100;
    QTest::newRow("Tutorial (Keras)") << QStringLiteral("keras-tutorial") << QStringLiteral("resnet152v2") << 224 << 1e-4 << 500;
}

void TestTrainWorkspace::presetsFillTheForm()
{
    QFETCH(QString, preset);
    QFETCH(QString, architecture);
    QFETCH(int, imageSize);
    QFETCH(double, learningRate);
    QFETCH(int, epochs);
    workspace_->applyPreset(preset.toStdString());
    const kg::TrainOptions options = workspace_->trainOptions();
    // Compare structures: "resnetv2-small" is named "resnetv2:2,2,2,2:16" once parsed.
    const kg::BackboneOptions expected = kg::parseArchitecture(architecture.toStdString());
    QCOMPARE(kg::blocksPerStack(options.model.backbone), kg::blocksPerStack(expected));
    QCOMPARE(options.model.backbone.baseFilters, expected.baseFilters);
    QCOMPARE(options.preprocessing.imageSize, imageSize);
    QCOMPARE(options.learningRate, learningRate);
    QCOMPARE(options.epochs, epochs);
    QVERIFY(options.mode == kg::TrainingMode::FineTune);
    QCOMPARE(options.dataRoot, dataset_.toStdString());
    if (preset == QStringLiteral("keras-tutorial")) {
        QCOMPARE(options.batchSize, 16);
        QCOMPARE(options.augmentation.rotationFactor, 0.1);
        QCOMPARE(options.augmentation.zoomFactor, 0.2);
        QVERIFY(options.reduceLr.enabled && options.earlyStopping.enabled);
    }
    if (preset == QStringLiteral("cpu-quick-look")) {
        QCOMPARE(options.augmentation.rotationFactor, 0.03);  // light: the tutorial's ±36° slows short runs down
        QVERIFY(options.imbalance == kg::ImbalanceStrategy::None);
    }
}

void TestTrainWorkspace::frozenWithoutWeightsWarns()
{
    kg::TrainOptions options;
    options.mode = kg::TrainingMode::Frozen;
    workspace_->setFormOptions(options);
    QVERIFY(workspace_->modeWarning()->isVisibleTo(workspace_.get()));
    QVERIFY(workspace_->modeWarning()->text().contains(QStringLiteral("ImageNet")));
    options.mode = kg::TrainingMode::FineTune;
    options.learningRate = 1e-3;
    workspace_->setFormOptions(options);
    QVERIFY(!workspace_->modeWarning()->isVisibleTo(workspace_.get()));
}

void TestTrainWorkspace::gpuSwitchesReachTheOptions()
{
    kg::TrainOptions options;
    QVERIFY(!options.mixedPrecision && !options.deterministic);  // fp32, autotuned: the measured fastest
    for (bool on : {true, false}) {
        options.mixedPrecision = on;
        options.deterministic = !on;
        workspace_->setFormOptions(options);
        QCOMPARE(workspace_->trainOptions().mixedPrecision, on);
        QCOMPARE(workspace_->trainOptions().deterministic, !on);
    }
}

void TestTrainWorkspace::learningRateScalingReachesTheOptions()
{
    // The rule and its reference batch survive the form; the combo's tooltip names the rate
    // the run will start with, and follows the batch size.
    kg::TrainOptions options;
    options.batchSize = 64;
    options.learningRate = 1e-4;
    options.lrScaling = kg::LearningRateScaling::Sqrt;
    options.lrReferenceBatch = 16;
    TrainOptionsForm form(*session_);
    form.setOptions(options);
    QVERIFY(form.options().lrScaling == kg::LearningRateScaling::Sqrt);
    QCOMPARE(form.options().lrReferenceBatch, 16);
    auto* scaling = form.findChild<QComboBox*>(QStringLiteral("lrScaling"));
    QVERIFY(scaling);
    QVERIFY2(scaling->toolTip().contains(QStringLiteral("starts at 2e-4")), qPrintable(scaling->toolTip()));
    form.findChild<QSpinBox*>(QStringLiteral("batchSize"))->setValue(256);
    QVERIFY2(scaling->toolTip().contains(QStringLiteral("starts at 4e-4")), qPrintable(scaling->toolTip()));
    scaling->setCurrentIndex(scaling->findData(static_cast<int>(kg::LearningRateScaling::Linear)));
    QVERIFY(form.options().lrScaling == kg::LearningRateScaling::Linear);
    QVERIFY2(scaling->toolTip().contains(QStringLiteral("starts at 1.6e-3")), qPrintable(scaling->toolTip()));
}

void TestTrainWorkspace::estimateIsARangeFromTimedStepsThenFromTheRun()
{
    TrainOptionsForm form(*session_);
    kg::TrainOptions options;
    options.model.backbone = kg::parseArchitecture("resnetv2-tiny");
    options.preprocessing.imageSize = 48;
    options.batchSize = 8;
    options.epochs = 10;
    form.setOptions(options);
    form.scheduleEstimate();
    // A warm-up of real training steps, off the GUI thread, shown as a range that says what it rests on.
    QVERIFY2(kgtest::waitUntil([&] { return form.estimateLabel()->text().contains(QStringLiteral("Estimated time")); }, 60000),
             qPrintable(form.estimateLabel()->text()));
    QString text = form.estimateLabel()->text();
    QVERIFY2(text.contains(QStringLiteral("training step")) && text.contains(QStringLiteral("about")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("10 epoch")));
    QVERIFY(!text.contains(QStringLiteral("at most")));
    QVERIFY(form.timeEstimate().basis() == kg::EstimateBasis::WarmUpSteps);
    QVERIFY(!form.estimateLabel()->toolTip().isEmpty());

    // A run starts: its batches (here 1 s per batch of 8) take over after a few reports.
    form.setBusy(true);
    form.startRunEstimate(10);
    for (int batch = 1; batch <= 5; ++batch)
        form.addRunProgress(1, batch, batch * 1.0, 8);
    QVERIFY(form.timeEstimate().basis() == kg::EstimateBasis::RunBatches);
    QCOMPARE(form.timeEstimate().secondsPerTrainingImage(), 1.0 / 8);
    text = form.estimateLabel()->text();
    QVERIFY2(text.contains(QStringLiteral("4 batch")), qPrintable(text));
    // The ETA becomes a range around the trainer's figure.
    const kg::TimeRange eta = form.etaRange(100);
    QVERIFY(eta.valid() && eta.low < 100 && eta.high > 100);
    form.setBusy(false);
}

void TestTrainWorkspace::shortRunGrowsCurvesAndStaysResponsive()
{
    finishedRun_ = temp_.filePath(QStringLiteral("run-short"));
    useTinyOptions(*workspace_, 3, finishedRun_);
    QSignalSpy progress(workspace_.get(), &Workspace::progressChanged);
    QSignalSpy finished(workspace_.get(), &TrainWorkspace::trainingFinished);
    QVector<int> pointsAtEpochEnd;
    QObject scope;   // disconnects the lambda (which holds locals) when the test returns
    connect(workspace_.get(), &TrainWorkspace::epochFinished, &scope,
            [&](const kg::EpochRecord&) { pointsAtEpochEnd << workspace_->curves()->epochCount(); });

    StallMeter stalls;
    QElapsedTimer clock;
    clock.start();
    QVERIFY(workspace_->start());
    QVERIFY(workspace_->isBusy());
    QVERIFY(finished.wait(240000));
    qInfo("3 epochs in %lld ms; %d progress updates; longest event-loop stall %lld ms",
          static_cast<long long>(clock.elapsed()), static_cast<int>(progress.count()),
          static_cast<long long>(stalls.longestMs()));

    QVERIFY(workspace_->lastResult().status == kg::TrainingResult::Status::Completed);
    QCOMPARE(pointsAtEpochEnd, (QVector<int>{1, 2, 3}));   // one more point every epoch
    QCOMPARE(workspace_->curves()->epochCount(), 3);
    QVERIFY(progress.count() >= 6);
    QCOMPARE(workspace_->progressBar()->value(), 1000);
    QVERIFY(workspace_->log()->toPlainText().contains(QStringLiteral("Epoch 3/3")));
    // The log gives accuracy as the status line does: a percentage.
    QVERIFY2(workspace_->log()->toPlainText().contains(QRegularExpression(QStringLiteral("val_accuracy [0-9.]+ %"))),
             qPrintable(workspace_->log()->toPlainText()));
    // Training on the GUI thread would stall the event loop for an epoch or more; a loaded
    // machine may delay it by a few hundred ms. The bound is a quarter of the run, not a clock.
    const qint64 stallLimitMs = std::max<qint64>(500, clock.elapsed() / 4);
    QVERIFY2(stalls.longestMs() < stallLimitMs,
             qPrintable(QStringLiteral("stall %1 ms (limit %2 ms)").arg(stalls.longestMs()).arg(stallLimitMs)));
    QVERIFY(!workspace_->isBusy());
    // The best checkpoint becomes the session's model for Evaluate and Predict.
    QVERIFY(session_->checkpointPath().endsWith(QStringLiteral("best.kgckpt")));
    QVERIFY(QFileInfo::exists(session_->checkpointPath()));
    // Before it finished, the run fitted its out-of-distribution gate into that checkpoint.
    const QString log = workspace_->log()->toPlainText();
    QVERIFY2(log.contains(QStringLiteral("Fitting the out-of-distribution gate")), qPrintable(log));
    QVERIFY2(log.contains(QStringLiteral("Out-of-distribution gate fitted into")), qPrintable(log));
    const kg::CheckpointMeta meta = kg::readCheckpointMeta(session_->checkpointPath().toStdString());
    QVERIFY(meta.state.oodGate.has_value());
}

void TestTrainWorkspace::openRunShowsItsHistory()
{
    QVERIFY(!finishedRun_.isEmpty());
    workspace_->curves()->clear();
    QVERIFY(workspace_->openRun(finishedRun_));
    QCOMPARE(workspace_->curves()->epochCount(), 3);
    QCOMPARE(workspace_->trainOptions().epochs, 3);
    QVERIFY(!workspace_->openRun(temp_.filePath(QStringLiteral("no-such-run"))));
    QVERIFY(!workspace_->isBusy());
}

void TestTrainWorkspace::cancelStopsWithinASecond()
{
    useTinyOptions(*workspace_, 200, temp_.filePath(QStringLiteral("run-cancel")));
    QSignalSpy finished(workspace_.get(), &TrainWorkspace::trainingFinished);
    // How long one batch takes here and now: the gaps between batch updates (the trainer can
    // only stop between batches, and a loaded 2-core machine makes a batch slow).
    QElapsedTimer sinceUpdate;
    qint64 longestBatchMs = 0;
    QObject scope;
    connect(workspace_.get(), &Workspace::progressChanged, &scope, [&] {
        if (workspace_->curves()->epochCount() >= 1 && sinceUpdate.isValid())
            longestBatchMs = std::max(longestBatchMs, sinceUpdate.elapsed());
        sinceUpdate.start();
    });
    QVERIFY(workspace_->start());
    // Cancel in the middle of an epoch once training runs at its steady pace (the first
    // batches also pay for oneDNN's kernel selection).
    QVERIFY(kgtest::waitUntil([&] { return workspace_->curves()->epochCount() >= 1 && workspace_->curves()->batchPointCount() > 0; },
                              120000));
    const QString phase = workspace_->findChild<QLabel*>(QStringLiteral("trainStatus"))->text();
    QElapsedTimer clock;
    clock.start();
    workspace_->cancel();
    QVERIFY(finished.wait(10000));
    const qint64 stopMs = clock.elapsed();
    qInfo("cancel took %lld ms (longest batch %lld ms; requested during: %s)", static_cast<long long>(stopMs),
          static_cast<long long>(longestBatchMs), qPrintable(phase));
    QVERIFY(workspace_->lastResult().status == kg::TrainingResult::Status::Cancelled);
    // Within a second; on a machine so loaded that one batch takes longer, within the batch
    // in flight plus the next check.
    const qint64 limitMs = std::max<qint64>(1000, 2 * longestBatchMs);
    QVERIFY2(stopMs < limitMs, qPrintable(QStringLiteral("%1 ms (limit %2 ms)").arg(stopMs).arg(limitMs)));
    QVERIFY(!workspace_->isBusy());
}

void TestTrainWorkspace::closingDuringTrainingAsksThenStops()
{
    MainWindow window(kgtest::testRuntime(), nullptr);
    kgtest::openDataset(window.session(), dataset_);
    TrainWorkspace* workspace = window.trainWorkspace();
    useTinyOptions(*workspace, 200, temp_.filePath(QStringLiteral("run-close")));
    window.show();
    QVERIFY(workspace->start());
    QVERIFY(kgtest::waitUntil([&] { return workspace->curves()->batchPointCount() > 0; }, 120000));

    // First answer No: the window stays and training goes on. Then Yes: it stops and closes.
    int asked = 0;
    auto answer = [&](QMessageBox::StandardButton button) {
        QTimer::singleShot(50, [&, button] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                ++asked;
                box->button(button)->click();
            }
        });
    };
    answer(QMessageBox::No);
    QVERIFY(!window.close());
    QCOMPARE(asked, 1);
    QVERIFY(workspace->isBusy());
    answer(QMessageBox::Yes);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(window.close());
    QCOMPARE(asked, 2);
    QVERIFY(!workspace->isBusy());
    qInfo("closing during training stopped it in %lld ms", static_cast<long long>(clock.elapsed()));
}

QTEST_MAIN(TestTrainWorkspace)
#include "test_train_workspace.moc"
