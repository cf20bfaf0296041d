// Batched evaluation: same numbers as one image at a time, deterministic order, TTA,
// temperature, skipped files, cancellation, calibration and the per-image CSV.
#include "EvalFixtures.h"

#include "core/data/DatasetScan.h"
#include "core/eval/EvaluatorImpl.h"
#include "core/eval/Predictor.h"
#include "core/eval/ResultsCsv.h"
#include "core/util/Error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <sstream>

class TestEvaluator : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::string root_, checkpoint_, weightsSha_;
    static constexpr double kTemperature = 1.7;

    kg::EvaluationOptions options(int batchSize = 8) const
    {
        kg::EvaluationOptions o;
        o.checkpoint = checkpoint_;
        o.dataRoot = root_;
        o.split = kg::Split::Test;
        o.batchSize = batchSize;
        o.loaderWorkers = 2;
        o.runtime.device = kg::DevicePreference::Cpu;
        return o;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        root_ = dir_.filePath(QStringLiteral("data")).toStdString();
        evaltest::writeSplit(QString::fromStdString(root_), QStringLiteral("test"), 4, 40, 1);
        evaltest::writeSplit(QString::fromStdString(root_), QStringLiteral("val"), 6, 40, 2);
        evaltest::writeSplit(QString::fromStdString(root_), QStringLiteral("train"), 1, 40, 3);
        evaltest::writeBrokenFile(QString::fromStdString(root_) + QStringLiteral("/test/2"));
        checkpoint_ = dir_.filePath(QStringLiteral("tiny.kgckpt")).toStdString();
        weightsSha_ = evaltest::saveTinyCheckpoint(checkpoint_, 48, kTemperature);
    }

    /// The tutorial's loop (one forward pass per image) and the batched run agree.
    void batchedEqualsOneAtATime()
    {
        const kg::EvaluationResult batched = kg::evaluateCheckpoint(options(8));
        QCOMPARE(batched.predictions.size(), size_t(20));
        QCOMPARE(batched.temperature, kTemperature);
        QCOMPARE(batched.weightsSha256, weightsSha_);

        kg::PredictorOptions one;
        one.checkpoint = checkpoint_;
        one.batchSize = 1;
        one.runtime.device = kg::DevicePreference::Cpu;
        kg::Predictor predictor(one);
        for (const auto& p : batched.predictions) {
            const kg::Prediction single = predictor.predict(p.path);
            QVERIFY2(single.ok(), single.error.c_str());
            QCOMPARE(single.probabilities.size(), p.probabilities.size());
            for (size_t k = 0; k < p.probabilities.size(); ++k)
                QVERIFY2(std::abs(single.probabilities[k] - p.probabilities[k]) < 1e-5,
                         qPrintable(QStringLiteral("%1 grade %2: %3 vs %4")
                                        .arg(QString::fromStdString(p.path))
                                        .arg(k)
                                        .arg(single.probabilities[k])
                                        .arg(p.probabilities[k])));
            // The same grade, unless two grades tie to within that rounding (then either may win).
            const auto grade = [](int g) { return static_cast<size_t>(g); };
            QVERIFY2(single.grade == p.predictedGrade ||
                         std::abs(single.probabilities[grade(single.grade)] - single.probabilities[grade(p.predictedGrade)]) < 2e-5,
                     qPrintable(QStringLiteral("grade %1 vs %2").arg(single.grade).arg(p.predictedGrade)));
        }
    }

    /// Same order and numbers on every run and for any batch size; the order is the scan's.
    void deterministicOrder_data()
    {
        QTest::addColumn<int>("batchSize");
        QTest::newRow("batch 1") << 1;
        QTest::newRow("batch 3") << 3;
        QTest::newRow("batch 32") << 32;
    }
    void deterministicOrder()
    {
        QFETCH(int, batchSize);
        const kg::EvaluationResult first = kg::evaluateCheckpoint(options(8));
        const kg::EvaluationResult second = kg::evaluateCheckpoint(options(batchSize));
        const auto scanned = kg::scanDataset(root_).test;
        std::vector<std::string> expected;
        for (const auto& item : scanned)
            if (item.path.find("9999999R") == std::string::npos)
                expected.push_back(item.path);
        QCOMPARE(second.predictions.size(), expected.size());
        for (size_t i = 0; i < expected.size(); ++i) {
            QCOMPARE(second.predictions[i].path, expected[i]);
            QCOMPARE(first.predictions[i].path, expected[i]);
            for (size_t k = 0; k < 5; ++k)
                QVERIFY(std::abs(first.predictions[i].probabilities[k] - second.predictions[i].probabilities[k]) < 1e-5);
        }
        QCOMPARE(second.manifestSha256, first.manifestSha256);
    }

    void temperatureIsApplied()
    {
        const kg::EvaluationResult result = kg::evaluateCheckpoint(options());
        const size_t k = 5;
        QCOMPARE(result.logits.size(), result.predictions.size() * k);
        for (size_t i = 0; i < result.predictions.size(); ++i) {
            double denominator = 0;
            for (size_t j = 0; j < k; ++j)
                denominator += std::exp(result.logits[i * k + j] / kTemperature);
            for (size_t j = 0; j < k; ++j)
                QVERIFY(std::abs(std::exp(result.logits[i * k + j] / kTemperature) / denominator -
                                 result.predictions[i].probabilities[j]) < 1e-5);
        }
        auto raw = options();
        raw.applyTemperature = false;
        QCOMPARE(kg::evaluateCheckpoint(raw).temperature, 1.0);
    }

    /// TTA: a valid distribution, the mean of the image's and the mirror's softmax.
    void ttaIsAValidDistribution()
    {
        auto o = options();
        o.tta = true;
        const kg::EvaluationResult tta = kg::evaluateCheckpoint(o);
        QVERIFY(tta.tta);
        QCOMPARE(tta.predictions.size(), size_t(20));
        for (const auto& p : tta.predictions) {
            double sum = 0;
            for (double v : p.probabilities) {
                QVERIFY(v >= 0.0 && v <= 1.0);
                sum += v;
            }
            QVERIFY(std::abs(sum - 1.0) < 1e-9);
            QCOMPARE(p.confidence, p.probabilities[static_cast<size_t>(p.predictedGrade)]);
        }

        kg::LoadedCheckpoint loaded = kg::loadCheckpoint(checkpoint_);
        const torch::Tensor images = torch::rand({3, 3, 48, 48}) * 2 - 1;
        const auto both = kg::classifyBatch(loaded.model.impl(), images, 2.0, true);
        const auto plain = kg::classifyBatch(loaded.model.impl(), images, 2.0, false);
        const auto mirrored = kg::classifyBatch(loaded.model.impl(), images.flip({3}), 2.0, false);
        QVERIFY(torch::allclose(both.probabilities, 0.5 * (plain.probabilities + mirrored.probabilities), 1e-5, 1e-6));
        QVERIFY(torch::allclose(both.logits, plain.logits, 1e-5, 1e-6));
        QVERIFY(torch::allclose(both.probabilities.sum(1), torch::ones({3}), 1e-5, 1e-6));
    }

    void metricsAndSkippedFiles()
    {
        const kg::EvaluationResult result = kg::evaluateCheckpoint(options());
        QCOMPARE(result.skipped.size(), size_t(1));
        QVERIFY(result.skipped[0].path.find("9999999R.png") != std::string::npos);
        QVERIFY(!result.skipped[0].reason.empty());
        QCOMPARE(result.metrics.confusion.total(), std::int64_t(20));
        QCOMPARE(result.gradeCounts, (std::vector<std::int64_t>{4, 4, 4, 4, 4}));
        int correct = 0;
        for (const auto& p : result.predictions)
            correct += p.correct();
        QCOMPARE(result.metrics.accuracy, correct / 20.0);
        QVERIFY(result.loss > 0.0);
        QCOMPARE(result.split, std::string("test"));
        QCOMPARE(result.architecture, kg::architectureName(kg::parseArchitecture("resnetv2-tiny")));
    }

    void progressAndCancel()
    {
        int calls = 0;
        std::int64_t lastDone = 0;
        kg::evaluateCheckpoint(options(4), [&](const kg::EvaluationProgress& p) {
            ++calls;
            lastDone = p.done;
            return true;
        });
        QVERIFY(calls >= 5);
        QCOMPARE(lastDone, std::int64_t(20));
        const auto cancelled = kg::evaluateCheckpoint(options(4), [](const kg::EvaluationProgress&) { return false; });
        QVERIFY(cancelled.cancelled);
        QVERIFY(cancelled.predictions.size() <= 4);
    }

    void sortsMistakesFirst()
    {
        std::vector<kg::ImagePrediction> rows(4);
        rows[0] = {"a", 1, 1, {}, 0.9};
        rows[1] = {"b", 2, 0, {}, 0.4};
        rows[2] = {"c", 0, 0, {}, 0.5};
        rows[3] = {"d", 3, 4, {}, 0.8};
        const auto mistakes = kg::sortPredictions(rows, kg::PredictionOrder::MistakesFirst);
        QCOMPARE(mistakes[0].path, std::string("d"));
        QCOMPARE(mistakes[1].path, std::string("b"));
        QCOMPARE(mistakes[2].path, std::string("a"));
        QCOMPARE(mistakes[3].path, std::string("c"));
        const auto uncertain = kg::sortPredictions(rows, kg::PredictionOrder::ConfidenceAscending);
        QCOMPARE(uncertain[0].path, std::string("b"));
        QCOMPARE(kg::parsePredictionOrder("mistakes"), kg::PredictionOrder::MistakesFirst);
    }

    void writesPerImageCsv()
    {
        const kg::EvaluationResult result = kg::evaluateCheckpoint(options());
        std::ostringstream out;
        kg::writeEvaluationCsv(out, result.predictions, result.metrics.classNames);
        std::istringstream in(out.str());
        std::string header, line;
        std::getline(in, header);
        QCOMPARE(header, std::string("path,true_grade,true_name,predicted_grade,predicted_name,correct,confidence,"
                                     "p_Healthy,p_Doubtful,p_Minimal,p_Moderate,p_Severe,ood_score,out_of_distribution"));
        int rows = 0;
        while (std::getline(in, line))
            ++rows;
        QCOMPARE(rows, 20);
        QCOMPARE(kg::csvField("a,b\"c"), std::string("\"a,b\"\"c\""));
    }

    void missingSplitIsAClearError()
    {
        auto o = options();
        o.split = kg::Split::AutoTest;
        try {
            kg::evaluateCheckpoint(o);
            QFAIL("expected kg::Error");
        } catch (const kg::Error& e) {
            QVERIFY2(std::string(e.what()).find("auto_test") != std::string::npos, e.what());
        }
        o = options();
        o.checkpoint = dir_.filePath(QStringLiteral("missing.kgckpt")).toStdString();
        QVERIFY_THROWS_EXCEPTION(kg::Error, kg::evaluateCheckpoint(o));
    }

    /// Temperature scaling on val is stored in the checkpoint; the weights stay the same.
    void calibrationRewritesTheCheckpoint()
    {
        const std::string copy = dir_.filePath(QStringLiteral("calibrated.kgckpt")).toStdString();
        QVERIFY(QFile::copy(QString::fromStdString(checkpoint_), QString::fromStdString(copy)));
        auto o = options();
        o.checkpoint = copy;
        o.split = kg::Split::Val;
        const kg::CalibrationResult calibration = kg::calibrateCheckpoint(o);
        QVERIFY(calibration.saved);
        QCOMPARE(calibration.images, std::int64_t(30));
        QCOMPARE(calibration.previousTemperature, kTemperature);
        QVERIFY(calibration.fit.temperature > 0);
        QVERIFY(calibration.fit.nllAfter <= calibration.fit.nllBefore + 1e-12);
        const kg::LoadedCheckpoint reloaded = kg::loadCheckpoint(copy);
        QCOMPARE(reloaded.meta.temperature, calibration.fit.temperature);
        QCOMPARE(reloaded.weightsSha256, weightsSha_);
        QVERIFY(reloaded.meta.state.calibration.has_value());
        QCOMPARE(reloaded.meta.state.calibration->at("split").get<std::string>(), std::string("val"));
        // Evaluation now uses the fitted temperature.
        o.split = kg::Split::Test;
        QCOMPARE(kg::evaluateCheckpoint(o).temperature, calibration.fit.temperature);
    }
};

QTEST_GUILESS_MAIN(TestEvaluator)
#include "test_evaluator.moc"
