// The training-time estimate: a range from measured step times that widens when there are few
// measurements, narrows once the real run's first batches are in, and always leaves room
// above what was measured (it is an estimate, not a bound). Plus the warm-up measurement itself:
// real training steps of a tiny network.
#include "core/train/TimeEstimate.h"
#include "core/train/WarmUpTiming.h"

#include <QtTest>

using namespace kg;

class TestTimeEstimate : public QObject {
    Q_OBJECT
private slots:
    void nothingMeasuredGivesNoRange();
    void fewerMeasurementsGiveAWiderRange();
    void disagreeingMeasurementsWidenTheRange();
    void runBatchesReplaceTheWarmUpAndNarrowTheRange();
    void rangeIsNeverABoundOnTheMeasurements();
    void rangeScalesWithEpochsAndValidation();
    void aroundWidensAPointFigure();
    void warmUpTimesRealTrainingSteps();
};

void TestTimeEstimate::nothingMeasuredGivesNoRange()
{
    TimeEstimate estimate;
    QCOMPARE(estimate.basis(), EstimateBasis::Nothing);
    QVERIFY(!estimate.run(25, 100, 20).valid());
    QVERIFY(!estimate.around(60).valid());
    estimate.addWarmUpStep(-1, 4);   // nonsense is ignored
    estimate.addWarmUpStep(1, 0);
    QCOMPARE(estimate.basis(), EstimateBasis::Nothing);
}

void TestTimeEstimate::fewerMeasurementsGiveAWiderRange()
{
    TimeEstimate one;
    one.addWarmUpStep(1.6, 16);
    TimeEstimate four;
    for (int i = 0; i < 4; ++i)
        four.addWarmUpStep(1.6, 16);
    QCOMPARE(one.basis(), EstimateBasis::WarmUpSteps);
    QCOMPARE(one.secondsPerTrainingImage(), 0.1);
    QVERIFY(one.relativeSpread() > four.relativeSpread());
    const TimeRange a = one.run(10, 100, 0);
    const TimeRange b = four.run(10, 100, 0);
    QVERIFY(a.valid() && b.valid());
    QVERIFY(a.high - a.low > b.high - b.low);
    // Both contain the median figure: 10 epochs × 100 images × 0.1 s.
    QVERIFY(a.low < 100 && a.high > 100);
    QVERIFY(b.low < 100 && b.high > 100);
}

void TestTimeEstimate::disagreeingMeasurementsWidenTheRange()
{
    TimeEstimate steady;
    TimeEstimate noisy;
    for (int i = 0; i < 4; ++i) {
        steady.addWarmUpStep(1.0, 10);
        noisy.addWarmUpStep(i % 2 ? 0.5 : 3.0, 10);
    }
    QVERIFY(noisy.relativeSpread() > steady.relativeSpread());
}

void TestTimeEstimate::runBatchesReplaceTheWarmUpAndNarrowTheRange()
{
    TimeEstimate estimate;
    for (int i = 0; i < 4; ++i)
        estimate.addWarmUpStep(4.0, 16);   // a warm-up on a busy machine: 0.25 s per image
    const double warmUpSpread = estimate.relativeSpread();
    const TimeRange before = estimate.run(25, 200, 40);
    // Fewer run batches than needed: still the warm-up.
    estimate.addRunBatch(1.0, 16);
    QCOMPARE(estimate.basis(), EstimateBasis::WarmUpSteps);
    for (int i = 1; i < 20; ++i)
        estimate.addRunBatch(1.0, 16);   // the real run: 0.0625 s per image
    QCOMPARE(estimate.basis(), EstimateBasis::RunBatches);
    QCOMPARE(estimate.samples(), 20);
    QCOMPARE(estimate.secondsPerTrainingImage(), 0.0625);
    QVERIFY(estimate.relativeSpread() < warmUpSpread);
    const TimeRange after = estimate.run(25, 200, 40);
    QVERIFY(after.high < before.low);                           // follows the measurement
    QVERIFY(after.high / after.low < before.high / before.low);  // and is narrower
}

void TestTimeEstimate::rangeIsNeverABoundOnTheMeasurements()
{
    // Even when every measurement agrees and there are many, the top of the range lies above
    // the slowest measurement: what was not measured (loading, other programs) only adds time.
    for (const bool run : {false, true}) {
        TimeEstimate estimate;
        for (int i = 0; i < 200; ++i)
            run ? estimate.addRunBatch(0.8 + 0.001 * (i % 5), 8) : estimate.addWarmUpStep(0.8 + 0.001 * (i % 5), 8);
        const double slowest = 0.804 / 8;
        const TimeRange range = estimate.run(1, 1000, 0);
        QVERIFY(range.high > slowest * 1000 * 1.05);
        QVERIFY(range.low < 0.8 / 8 * 1000);
        QVERIFY(estimate.relativeSpread() >= 0.1);
    }
}

void TestTimeEstimate::rangeScalesWithEpochsAndValidation()
{
    TimeEstimate estimate;
    for (int i = 0; i < 4; ++i)
        estimate.addWarmUpStep(1.0, 10);
    const TimeRange one = estimate.epoch(100, 0);
    const TimeRange ten = estimate.run(10, 100, 0);
    QVERIFY(qFuzzyCompare(ten.high, one.high * 10));
    const TimeRange withValidation = estimate.epoch(100, 30);
    // Validation images cost a third of a training image (a forward pass only).
    QVERIFY(qFuzzyCompare(withValidation.high, one.high * 1.1));
}

void TestTimeEstimate::aroundWidensAPointFigure()
{
    TimeEstimate estimate;
    for (int i = 0; i < 10; ++i)
        estimate.addRunBatch(1.0, 10);
    const TimeRange range = estimate.around(120);
    QVERIFY(range.valid());
    QVERIFY(range.low < 120 && range.high > 120);
    QVERIFY(qFuzzyCompare(range.high / 120, 120 / range.low));
}

void TestTimeEstimate::warmUpTimesRealTrainingSteps()
{
    TrainOptions options;
    options.model.backbone = parseArchitecture("resnetv2-tiny");
    options.preprocessing.imageSize = 32;
    options.batchSize = 4;
    options.runtime.device = DevicePreference::Cpu;
    const WarmUpTiming timing = measureTrainingSteps(options, 3, 30.0);
    QCOMPARE(timing.plannedBatchSize, 4);
    QCOMPARE(timing.batchSize, 4);   // a tiny network: the whole batch fits the time per step
    QCOMPARE(timing.imageSize, 32);
    QVERIFY(!timing.cuda);
    QVERIFY(timing.parameters > 0);
    QVERIFY(!timing.stepSeconds.empty() && timing.stepSeconds.size() <= 3);
    for (double seconds : timing.stepSeconds)
        QVERIFY(seconds > 0);
    // A cancelled measurement stops after the untimed step.
    const WarmUpTiming cancelled = measureTrainingSteps(options, 3, 30.0, [] { return true; });
    QVERIFY(cancelled.stepSeconds.empty());
    // A step that would take too long is timed on a smaller batch (never below the probe's two images).
    options.batchSize = 64;
    const WarmUpTiming capped = measureTrainingSteps(options, 1, 30.0, {}, 1e-6);
    QCOMPARE(capped.plannedBatchSize, 64);
    QCOMPARE(capped.batchSize, 2);
    QCOMPARE(static_cast<int>(capped.stepSeconds.size()), 1);
}

QTEST_APPLESS_MAIN(TestTimeEstimate)
#include "test_time_estimate.moc"
