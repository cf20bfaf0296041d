// Training options: their JSON (what options.json and every checkpoint hold) round-trips and
// reads the files of earlier versions, the learning-rate scaling rules, the advice for risky
// choices, and what a resume may change.
#include "core/train/RunFiles.h"
#include "core/train/Trainer.h"
#include "core/util/Error.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>

using namespace kg;

namespace {

/// Small but complete options: a tiny network at 32 px, batch 8, lr 1e-3.
TrainOptions tinyOptions(const QString& runDir)
{
    TrainOptions o;
    o.runDir = runDir.toStdString();
    o.model.backbone = parseArchitecture("resnetv2-tiny");
    o.model.head.hiddenUnits = {32};
    o.preprocessing.imageSize = 32;
    o.epochs = 3;
    o.batchSize = 8;
    o.learningRate = 1e-3;
    o.runtime.threads = 2;
    o.seed = 7;
    return o;
}

} // namespace

class TestTrainOptions : public QObject {
    Q_OBJECT

private slots:
    void optionsJsonRoundTrip();
    void learningRateRules();
    void oldAugmentKeysStillRead();
    void resumeOverridesChangeOnlyWhatIsSet();
};

void TestTrainOptions::optionsJsonRoundTrip()
{
    TrainOptions o = tinyOptions("/tmp/run");
    o.mode = TrainingMode::TwoPhase;
    o.imbalance = ImbalanceStrategy::BalancedSampling;
    o.augmentation.rotationFactor = 0.05;
    o.reduceLr.cooldown = 3;
    o.earlyStopping.restoreBestWeights = true;
    o.cachedAugmentedViews = 4;
    o.lrScaling = LearningRateScaling::Linear;
    o.lrReferenceBatch = 4;
    o.augmentOn = AugmentOn::Device;
    const nlohmann::json json = o;
    const TrainOptions back = json.get<TrainOptions>();
    QCOMPARE(nlohmann::json(back).dump(), json.dump());
    QVERIFY(back.mode == TrainingMode::TwoPhase);
    QCOMPARE(back.imbalance, ImbalanceStrategy::BalancedSampling);
    QCOMPARE(back.model.backbone.blocksPerStack, (std::vector<int>{1, 1, 1, 1}));
    QVERIFY(back.lrScaling == LearningRateScaling::Linear);
    QCOMPARE(back.lrReferenceBatch, 4);
    QVERIFY(back.augmentOn == AugmentOn::Device);
    // Frozen without weights and from-scratch at 1e-4 come with advice.
    TrainOptions frozen = o;
    frozen.mode = TrainingMode::Frozen;
    QVERIFY(!trainingAdvice(frozen).empty());
    TrainOptions scratch = o;
    scratch.mode = TrainingMode::FineTune;
    scratch.learningRate = 1e-4;
    QVERIFY(QString::fromStdString(trainingAdvice(scratch).front()).contains("1e-3"));
    scratch.learningRate = 1e-3;
    QVERIFY(trainingAdvice(scratch).empty());
}

void TestTrainOptions::learningRateRules()
{
    TrainOptions rule = tinyOptions("/tmp/run");  // batch 8, lr 1e-3
    QCOMPARE(scaledLearningRate(rule), 1e-3);      // no rule: the rate as given
    rule.lrScaling = LearningRateScaling::Linear;
    rule.lrReferenceBatch = 4;
    QVERIFY(std::abs(scaledLearningRate(rule) - 2e-3) < 1e-15);
    rule.lrScaling = LearningRateScaling::Sqrt;
    rule.lrReferenceBatch = 2;
    QVERIFY(std::abs(scaledLearningRate(rule) - 2e-3) < 1e-15);
    rule.batchSize = 2;                            // at the reference batch every rule keeps the rate
    QCOMPARE(scaledLearningRate(rule), 1e-3);
    QVERIFY_THROWS_EXCEPTION(Error, parseLearningRateScaling("quadratic"));
    QVERIFY_THROWS_EXCEPTION(Error, parseAugmentOn("gpu"));
    rule.lrReferenceBatch = 0;
    QVERIFY_THROWS_EXCEPTION(Error, validateTrainOptions(rule));
    // An options file of an earlier version (no "lr_scaling", no "augment_on") keeps the defaults.
    nlohmann::json json = tinyOptions("/tmp/run");
    json.erase("lr_scaling");
    json.erase("augment_on");
    const TrainOptions old = json.get<TrainOptions>();
    QVERIFY(old.lrScaling == LearningRateScaling::None && old.augmentOn == AugmentOn::Auto);
    QCOMPARE(old.lrReferenceBatch, 16);
}

void TestTrainOptions::oldAugmentKeysStillRead()
{
    // Options files and checkpoints of earlier versions kept the augmentation factors in the
    // "augment" object; a factor of 0 meant the transform was off.
    nlohmann::json json = tinyOptions("/tmp/run");
    json.erase("augmentation");
    json["augment"] = {{"enabled", true}, {"flip", false}, {"rotation", 0.0}, {"zoom", 0.15}, {"translation", 0.05}};
    const TrainOptions old = json.get<TrainOptions>();
    QVERIFY(old.augment);
    QVERIFY(!old.augmentation.horizontalFlip);
    QVERIFY(!old.augmentation.rotate);
    QVERIFY(old.augmentation.zoom);
    QCOMPARE(old.augmentation.zoomFactor, 0.15);
    QVERIFY(old.augmentation.translate);
    QCOMPARE(old.augmentation.translationFactor, 0.05);
    json["augment"] = {{"enabled", false}};
    const TrainOptions off = json.get<TrainOptions>();
    QVERIFY(!off.augment);
    QCOMPARE(nlohmann::json(off.augmentation).dump(), nlohmann::json(AugmentOptions{}).dump());  // the defaults
    // What this version writes reads back the same.
    const nlohmann::json written = old;
    QCOMPARE(written.at("augment").at("enabled").get<bool>(), true);
    QCOMPARE(nlohmann::json(written.get<TrainOptions>()).dump(), written.dump());
}

void TestTrainOptions::resumeOverridesChangeOnlyWhatIsSet()
{
    QTemporaryDir dir;
    TrainOptions o = tinyOptions(dir.path());
    o.epochs = 4;
    o.loaderWorkers = 3;
    {
        std::ofstream out(RunFiles::path(o.runDir, RunFiles::kOptions));
        out << nlohmann::json(o).dump(2);
    }
    const TrainOptions same = Trainer::resumedOptions(o.runDir);
    QCOMPARE(same.epochs, 4);
    QCOMPARE(same.loaderWorkers, 3);
    QCOMPARE(same.runtime.threads, o.runtime.threads);

    ResumeOverrides overrides;
    overrides.epochs = 9;
    overrides.loaderWorkers = 0;  // 0 (one per core) is a value, not "unset"
    RuntimeOptions runtime = o.runtime;
    runtime.threads = 1;
    overrides.runtime = runtime;
    overrides.augmentOn = AugmentOn::Host;
    const TrainOptions changed = Trainer::resumedOptions(o.runDir, overrides);
    QCOMPARE(changed.epochs, 9);
    QCOMPARE(changed.loaderWorkers, 0);
    QCOMPARE(changed.runtime.threads, 1);
    QVERIFY(same.augmentOn == AugmentOn::Auto && changed.augmentOn == AugmentOn::Host);
    QCOMPARE(changed.learningRate, o.learningRate);
}

QTEST_APPLESS_MAIN(TestTrainOptions)
#include "test_train_options.moc"
