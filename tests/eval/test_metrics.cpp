// The field's metrics against scikit-learn: tests/eval/make_metric_fixtures.py writes
// fixtures/metrics_sklearn.json (sklearn's numbers and report text for a dozen label sets);
// every number must agree to 1e-9 and the report text byte for byte. Plus temperature
// scaling on data with a known temperature, input checks and JSON/CSV serialisation.
#include "core/eval/Calibration.h"
#include "core/eval/ClassificationReport.h"
#include "core/eval/ConfusionMatrix.h"
#include "core/eval/Metrics.h"
#include "core/util/Error.h"

#include "TestPaths.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <random>
#include <sstream>

using namespace kg;
using nlohmann::json;

namespace {

constexpr double kTolerance = 1e-9;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QString fixturePath()
{
    return kgtest::sourceDir() + "/tests/eval/fixtures/metrics_sklearn.json";
}

json readJson(const QString& path)
{
    std::ifstream in(path.toStdString());
    if (!in)
        return {};
    return json::parse(in);
}

QString number(double value)
{
    return QString::number(value, 'g', 17);
}

/// Collects every disagreement so one failure shows them all.
struct Mismatches {
    QStringList items;

    void value(const QString& what, double actual, const json& expected, double tolerance = kTolerance)
    {
        if (expected.is_null()) {
            if (!std::isnan(actual))
                items << what + ": sklearn says undefined, got " + number(actual);
            return;
        }
        const double wanted = expected.get<double>();
        if (std::isnan(actual) || std::abs(actual - wanted) > tolerance)
            items << what + ": expected " + number(wanted) + ", got " + number(actual);
    }
    void values(const QString& what, const std::vector<double>& actual, const json& expected)
    {
        if (actual.size() != expected.size()) {
            items << what + QString(": %1 values, expected %2").arg(actual.size()).arg(expected.size());
            return;
        }
        for (std::size_t i = 0; i < actual.size(); ++i)
            value(what + QString("[%1]").arg(i), actual[i], expected[i]);
    }
    void integer(const QString& what, std::int64_t actual, const json& expected)
    {
        if (actual != expected.get<std::int64_t>())
            items << what + QString(": expected %1, got %2").arg(expected.get<std::int64_t>()).arg(actual);
    }
    void flag(const QString& what, bool actual, bool expected)
    {
        if (actual != expected)
            items << what + QString(": expected %1, got %2").arg(expected).arg(actual);
    }
    void text(const QString& what, const std::string& actual, const std::string& expected)
    {
        if (actual != expected)
            items << what + ":\n--- expected ---\n" + QString::fromStdString(expected) + "--- got ---\n" +
                         QString::fromStdString(actual);
    }
    QByteArray summary() const { return items.join("\n").toUtf8(); }
};

/// scipy.optimize.minimize_scalar(method="bounded") options in make_metric_fixtures.py.
constexpr double kScipyXatol = 1e-12;

/// A fixture number at `path` that SciPy's optimizer found rather than computed in closed form.
bool isFittedTemperature(const QString& path)
{
    return path.startsWith(QLatin1String("temperature_cases[")) && path.endsWith(QLatin1String("].expected.temperature"));
}

/// How far a regenerated fixture number may be from the committed one (see fixtureIsUpToDate).
/// Closed-form numbers (scikit-learn's metrics, NumPy sums of at most 500 terms) differ
/// between CPUs only in the last bits of NumPy's SIMD exp/log and summation order: a relative
/// 1e-12 covers that with room to spare and still catches any real change. A fitted
/// temperature T = e^u is only as exact as SciPy's bounded Brent search, which stops once u
/// is pinned to within 2·tol1, tol1 = sqrt(eps)·|u| + xatol/3; below that the NLL is flat to
/// rounding, so last-bit differences in the NLL on another CPU move the result anywhere
/// inside that bracket. Two runs can therefore differ by twice the bracket, 4·tol1 in u,
/// i.e. that fraction of T; |u| is taken as at least 1 because the NLL's flatness under
/// rounding, not |u|, is what limits the search near T = 1. For T ≈ 0.5: 6e-8 relative
/// (measured between an AMD EPYC and the machine that wrote the fixture: 1.0e-8).
double allowedDifference(const QString& path, double x, double y)
{
    const double scale = std::max({1.0, std::abs(x), std::abs(y)});
    if (!isFittedTemperature(path) || !(x > 0.0) || !(y > 0.0))
        return 1e-12 * scale;
    const double u = std::log(std::max(x, y));
    const double tol1 = std::sqrt(std::numeric_limits<double>::epsilon()) * std::max(1.0, std::abs(u)) + kScipyXatol / 3.0;
    return 4.0 * tol1 * std::max(x, y);
}

/// First place where two JSON documents differ (numbers by more than allowedDifference), or empty.
QString jsonDifference(const json& a, const json& b, const QString& path)
{
    if (a.is_number() && b.is_number()) {
        const double x = a.get<double>(), y = b.get<double>();
        return std::abs(x - y) <= allowedDifference(path, x, y) ? QString() : path + ": " + number(x) + " vs " + number(y);
    }
    if (a.type() != b.type())
        return path + ": different JSON types";
    if (a.is_object()) {
        if (a.size() != b.size())
            return path + ": different keys";
        for (auto it = a.begin(); it != a.end(); ++it) {
            if (!b.contains(it.key()))
                return path + "." + QString::fromStdString(it.key()) + ": missing";
            const QString difference = jsonDifference(*it, b.at(it.key()), path + "." + QString::fromStdString(it.key()));
            if (!difference.isEmpty())
                return difference;
        }
        return {};
    }
    if (a.is_array()) {
        if (a.size() != b.size())
            return path + QString(": %1 vs %2 entries").arg(a.size()).arg(b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            const QString difference = jsonDifference(a[i], b[i], path + QString("[%1]").arg(i));
            if (!difference.isEmpty())
                return difference;
        }
        return {};
    }
    return a == b ? QString() : path + ": " + QString::fromStdString(a.dump()) + " vs " + QString::fromStdString(b.dump());
}

std::vector<double> flatten(const json& matrix)
{
    std::vector<double> values;
    for (const json& row : matrix)
        for (const json& value : row)
            values.push_back(value.get<double>());
    return values;
}

/// Logits z ~ N(0, scale²) and labels drawn from softmax(z / t0): the NLL-optimal
/// temperature of a large sample is t0.
void sampleWithTemperature(std::uint64_t seed, int n, int k, double t0, double scale, std::vector<double>& logits,
                           std::vector<int>& labels)
{
    std::mt19937_64 random(seed);
    std::normal_distribution<double> normal(0.0, scale);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    logits.resize(static_cast<std::size_t>(n * k));
    labels.resize(static_cast<std::size_t>(n));
    for (double& z : logits)
        z = normal(random);
    const std::vector<double> probabilities = applyTemperature(logits, k, t0);
    for (int i = 0; i < n; ++i) {
        double u = uniform(random);
        int label = k - 1;
        for (int c = 0; c < k; ++c) {
            u -= probabilities[static_cast<std::size_t>(i * k + c)];
            if (u < 0.0) {
                label = c;
                break;
            }
        }
        labels[static_cast<std::size_t>(i)] = label;
    }
}

bool sameNumber(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

bool sameNumbers(const std::vector<double>& a, const std::vector<double>& b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!sameNumber(a[i], b[i]))
            return false;
    return true;
}

} // namespace

class TestMetrics : public QObject {
    Q_OBJECT

    json fixture_;

private slots:
    void initTestCase()
    {
        fixture_ = readJson(fixturePath());
        QVERIFY2(fixture_.contains("cases"), qPrintable("cannot read " + fixturePath()));
        QVERIFY(fixture_.at("cases").size() >= 10);
        QCOMPARE(fixture_.at("ece_bins").get<int>(), MetricsOptions{}.calibrationBins);
    }

    void matchesSklearn_data()
    {
        QTest::addColumn<int>("index");
        const json cases = readJson(fixturePath()).at("cases");
        for (std::size_t i = 0; i < cases.size(); ++i)
            QTest::newRow(cases[i].at("name").get<std::string>().c_str()) << static_cast<int>(i);
    }

    void matchesSklearn()
    {
        QFETCH(int, index);
        const json& c = fixture_.at("cases").at(static_cast<std::size_t>(index));
        const json& e = c.at("expected");
        const int k = c.at("num_classes").get<int>();
        const auto names = c.at("class_names").get<std::vector<std::string>>();
        const auto y = c.at("y_true").get<std::vector<int>>();
        const auto p = c.at("y_pred").get<std::vector<int>>();
        const std::vector<double> probabilities =
            c.at("probabilities").is_null() ? std::vector<double>{} : flatten(c.at("probabilities"));

        const EvaluationMetrics m = computeMetrics(y, p, probabilities, names);
        Mismatches check;

        QCOMPARE(m.confusion.numClasses(), k);
        for (int i = 0; i < k; ++i)
            for (int j = 0; j < k; ++j) {
                const QString cell = QString("(%1,%2)").arg(i).arg(j);
                check.integer("confusion" + cell, m.confusion.count(i, j), e.at("confusion_matrix")[i][j]);
                check.value("normalised" + cell, m.confusion.rowNormalised()[static_cast<std::size_t>(i * k + j)],
                            e.at("confusion_matrix_normalised")[i][j]);
            }

        // classification_report(output_dict=True)
        const json& dict = e.at("report_dict");
        for (const ClassScores& scores : m.report.classes) {
            const json& row = dict.at(scores.name);
            const QString name = QString::fromStdString(scores.name);
            check.value(name + " precision", scores.precision, row.at("precision"));
            check.value(name + " recall", scores.recall, row.at("recall"));
            check.value(name + " f1", scores.f1, row.at("f1-score"));
            check.integer(name + " support", scores.support, row.at("support"));
        }
        check.flag("accuracy row (not micro avg)", m.report.microIsAccuracy, dict.contains("accuracy"));
        if (dict.contains("accuracy")) {
            check.value("report accuracy", m.report.accuracy, dict.at("accuracy"));
        } else {
            const json& micro = dict.at("micro avg");
            check.value("micro precision", m.report.micro.precision, micro.at("precision"));
            check.value("micro recall", m.report.micro.recall, micro.at("recall"));
            check.value("micro f1", m.report.micro.f1, micro.at("f1-score"));
            check.integer("micro support", m.report.micro.support, micro.at("support"));
        }
        for (const auto& [key, average] : {std::pair{"macro avg", m.report.macro}, {"weighted avg", m.report.weighted}}) {
            const json& row = dict.at(key);
            check.value(QString(key) + " precision", average.precision, row.at("precision"));
            check.value(QString(key) + " recall", average.recall, row.at("recall"));
            check.value(QString(key) + " f1", average.f1, row.at("f1-score"));
            check.integer(QString(key) + " support", average.support, row.at("support"));
        }
        for (auto it = e.at("report_text").begin(); it != e.at("report_text").end(); ++it)
            check.text("report text, digits=" + QString::fromStdString(it.key()), m.report.toText(std::stoi(it.key())),
                       it->get<std::string>());
        check.text("reportText", m.reportText, e.at("report_text").at("2").get<std::string>());

        check.value("accuracy", m.accuracy, e.at("accuracy"));
        check.value("balanced accuracy", m.balancedAccuracy, e.at("balanced_accuracy"));
        check.flag("balanced accuracy warning", m.balancedAccuracyIgnoredGrades,
                   e.at("balanced_accuracy_warning").get<bool>());
        check.value("quadratic kappa", m.quadraticWeightedKappa, e.at("kappa_quadratic"));
        check.value("MAE", m.meanAbsoluteError, e.at("mean_absolute_error"));
        check.values("sensitivity", m.sensitivity, e.at("sensitivity"));
        check.values("specificity", m.specificity, e.at("specificity"));

        check.flag("has probabilities", m.hasProbabilities, !probabilities.empty());
        if (!probabilities.empty()) {
            check.values("ROC AUC", m.rocAuc, e.at("roc_auc"));
            check.value("macro ROC AUC", m.macroRocAuc, e.at("roc_auc_macro"));
            if (e.contains("roc_auc_ovr_sklearn"))
                check.value("macro ROC AUC vs sklearn ovr", m.macroRocAuc, e.at("roc_auc_ovr_sklearn"));
            int defined = 0;
            for (const json& auc : e.at("roc_auc"))
                defined += auc.is_null() ? 0 : 1;
            QCOMPARE(m.rocAucDefinedGrades, defined);
            check.value("ECE", m.calibration.expectedCalibrationError, e.at("ece"));
            check.value("MCE", m.calibration.maximumCalibrationError, e.at("mce"));
            const json& bins = e.at("calibration_bins");
            QCOMPARE(m.calibration.bins.size(), bins.size());
            for (std::size_t b = 0; b < bins.size(); ++b) {
                const CalibrationBin& bin = m.calibration.bins[b];
                const QString what = QString("bin %1 ").arg(b);
                check.value(what + "lower", bin.lower, bins[b].at("lower"), 0.0);
                check.value(what + "upper", bin.upper, bins[b].at("upper"), 0.0);
                check.integer(what + "count", bin.count, bins[b].at("count"));
                check.value(what + "accuracy", bin.accuracy, bins[b].at("accuracy"));
                check.value(what + "confidence", bin.confidence, bins[b].at("confidence"));
            }
        } else {
            QVERIFY(std::isnan(m.macroRocAuc));
            QVERIFY(std::isnan(m.calibration.expectedCalibrationError));
            QVERIFY(m.calibration.bins.empty());
        }
        QVERIFY2(check.items.isEmpty(), check.summary().constData());

        // Every undefined value is explained.
        const bool anyUndefined = std::isnan(m.quadraticWeightedKappa) || m.balancedAccuracyIgnoredGrades ||
                                  (m.hasProbabilities && m.rocAucDefinedGrades < k);
        if (anyUndefined)
            QVERIFY(!m.warnings.empty());
    }

    void temperatureMatchesScipy_data()
    {
        QTest::addColumn<int>("index");
        const json cases = readJson(fixturePath()).at("temperature_cases");
        QVERIFY(!cases.empty());
        for (std::size_t i = 0; i < cases.size(); ++i)
            QTest::newRow(cases[i].at("name").get<std::string>().c_str()) << static_cast<int>(i);
    }

    void temperatureMatchesScipy()
    {
        QFETCH(int, index);
        const json& c = fixture_.at("temperature_cases").at(static_cast<std::size_t>(index));
        const int k = c.at("num_classes").get<int>();
        const std::vector<double> logits = flatten(c.at("logits"));
        const auto labels = c.at("y_true").get<std::vector<int>>();
        const json& e = c.at("expected");

        const TemperatureFit fit = fitTemperature(logits, labels, k);
        QVERIFY(fit.converged);
        QVERIFY(!fit.atBound);
        QVERIFY2(fit.iterations <= 12, qPrintable(QString("%1 iterations").arg(fit.iterations)));
        // SciPy's answer is good to about 6e-8 relative (allowedDifference); Newton here stops
        // at a step below 1e-10 in log T. 1e-6 leaves room for both and still tells a wrong
        // optimum (the NLL's minimum is sharp enough that a bug moves T by far more).
        const double expected = e.at("temperature").get<double>();
        QVERIFY2(std::abs(fit.temperature - expected) <= 1e-6 * expected,
                 qPrintable("T " + number(fit.temperature) + " vs SciPy " + number(expected)));
        QVERIFY(std::abs(fit.nllBefore - e.at("nll_before").get<double>()) <= kTolerance);
        QVERIFY(std::abs(fit.nllAfter - e.at("nll_after").get<double>()) <= kTolerance);
        QVERIFY(std::abs(negativeLogLikelihood(logits, labels, k, fit.temperature) - fit.nllAfter) <= 1e-15);
        QVERIFY(fit.nllAfter <= fit.nllBefore);
    }

    void temperatureRecoversKnownT0_data()
    {
        QTest::addColumn<double>("t0");
        QTest::addColumn<double>("scale");
        QTest::newRow("sharpened T0=0.5") << 0.5 << 1.0;
        QTest::newRow("calibrated T0=1") << 1.0 << 2.0;
        QTest::newRow("overconfident T0=2.5") << 2.5 << 4.0;
        QTest::newRow("very overconfident T0=6") << 6.0 << 8.0;
    }

    void temperatureRecoversKnownT0()
    {
        QFETCH(double, t0);
        QFETCH(double, scale);
        std::vector<double> logits;
        std::vector<int> labels;
        sampleWithTemperature(1234, 20000, 5, t0, scale, logits, labels);

        const TemperatureFit fit = fitTemperature(logits, labels, 5);
        QVERIFY(fit.converged);
        QVERIFY(!fit.atBound);
        QVERIFY2(std::abs(fit.temperature / t0 - 1.0) < 0.05,
                 qPrintable("fitted " + number(fit.temperature) + ", true " + number(t0)));
        // Newton converges quadratically; many steps would mean it fell back to bisection.
        QVERIFY2(fit.iterations <= 12, qPrintable(QString("%1 iterations").arg(fit.iterations)));
        QVERIFY(fit.nllAfter <= fit.nllBefore);
        // A minimum: nudging T either way does not help.
        for (double factor : {0.99, 1.01})
            QVERIFY(negativeLogLikelihood(logits, labels, 5, fit.temperature * factor) >= fit.nllAfter);
        // Deterministic.
        const TemperatureFit again = fitTemperature(logits, labels, 5);
        QCOMPARE(again.temperature, fit.temperature);
        QCOMPARE(again.iterations, fit.iterations);
        // softmax(logits / T) is what the fit scored.
        const std::vector<double> scaled = applyTemperature(logits, 5, fit.temperature);
        double nll = 0.0;
        for (std::size_t i = 0; i < labels.size(); ++i)
            nll -= std::log(scaled[i * 5 + static_cast<std::size_t>(labels[i])]);
        QVERIFY(std::abs(nll / static_cast<double>(labels.size()) - fit.nllAfter) < 1e-12);
    }

    void temperatureEdgeCases()
    {
        // Perfectly separable: the NLL keeps falling as T → 0, so the fit stops at the bound.
        const std::vector<double> separable{5, 0, 0, 0, 6, 1, 1, 0, 4};
        const std::vector<int> separableLabels{0, 1, 2};
        TemperatureScalingOptions options;
        const TemperatureFit sharp = fitTemperature(separable, separableLabels, 3, options);
        QVERIFY(sharp.atBound);
        QVERIFY(!sharp.converged);
        QCOMPARE(sharp.temperature, options.minTemperature);
        QVERIFY(sharp.nllAfter < sharp.nllBefore);

        // Always confidently wrong: T goes to the upper bound (uniform is best).
        const TemperatureFit flat = fitTemperature(separable, {1, 2, 0}, 3, options);
        QVERIFY(flat.atBound);
        QCOMPARE(flat.temperature, options.maxTemperature);

        // Constant logits carry no information: T stays 1.
        const TemperatureFit constant = fitTemperature({2, 2, 2, -1, -1, -1}, {0, 2}, 3);
        QCOMPARE(constant.temperature, 1.0);
        QVERIFY(constant.converged);
        QCOMPARE(constant.nllAfter, constant.nllBefore);

        // applyTemperature: rows sum to 1, order kept, extreme logits stay finite.
        const std::vector<double> probabilities = applyTemperature({1000, 0, -1000, 1, 2, 3}, 3, 0.5);
        QCOMPARE(probabilities[0], 1.0);
        QCOMPARE(probabilities[2], 0.0);
        QVERIFY(std::abs(probabilities[3] + probabilities[4] + probabilities[5] - 1.0) < 1e-15);
        QVERIFY(probabilities[3] < probabilities[4] && probabilities[4] < probabilities[5]);

        QVERIFY_THROWS_EXCEPTION(Error, applyTemperature({1, 2}, 2, 0.0));
        QVERIFY_THROWS_EXCEPTION(Error, applyTemperature({1, 2, 3}, 2, 1.0));
        QVERIFY_THROWS_EXCEPTION(Error, fitTemperature({1, 2}, {0, 1}, 2));          // 1 row, 2 labels
        QVERIFY_THROWS_EXCEPTION(Error, fitTemperature({1, 2}, {2}, 2));             // bad label
        QVERIFY_THROWS_EXCEPTION(Error, fitTemperature({1, kNaN}, {0}, 2));          // NaN logit
        options.minTemperature = 2.0;
        options.maxTemperature = 1.0;
        QVERIFY_THROWS_EXCEPTION(Error, fitTemperature({1, 2}, {0}, 2, options));
    }

    void rocAucTies_data()
    {
        QTest::addColumn<std::vector<bool>>("positive");
        QTest::addColumn<std::vector<double>>("scores");
        QTest::addColumn<double>("expected");
        QTest::newRow("perfect") << std::vector<bool>{true, true, false} << std::vector<double>{0.9, 0.8, 0.1} << 1.0;
        QTest::newRow("inverted") << std::vector<bool>{false, true} << std::vector<double>{0.9, 0.1} << 0.0;
        QTest::newRow("all tied") << std::vector<bool>{true, false, true, false} << std::vector<double>(4, 0.3) << 0.5;
        // 2 positives {0.8, 0.5}, 2 negatives {0.5, 0.2}: pairs won 1 + 1 + 0.5 + 1 = 3.5 of 4.
        QTest::newRow("one tie") << std::vector<bool>{true, true, false, false}
                                 << std::vector<double>{0.8, 0.5, 0.5, 0.2} << 0.875;
        QTest::newRow("no negatives") << std::vector<bool>{true, true} << std::vector<double>{0.8, 0.5} << kNaN;
        QTest::newRow("no positives") << std::vector<bool>{false} << std::vector<double>{0.8} << kNaN;
        QTest::newRow("empty") << std::vector<bool>{} << std::vector<double>{} << kNaN;
    }

    void rocAucTies()
    {
        QFETCH(std::vector<bool>, positive);
        QFETCH(std::vector<double>, scores);
        QFETCH(double, expected);
        const double auc = rocAuc(positive, scores);
        QVERIFY2(sameNumber(auc, expected), qPrintable(number(auc)));
    }

    void confusionMatrixBasics()
    {
        const ConfusionMatrix m = ConfusionMatrix::fromLabels({0, 0, 1, 2}, {0, 1, 1, 0}, 4);
        QCOMPARE(m.total(), std::int64_t{4});
        QCOMPARE(m.correct(), std::int64_t{2});
        QCOMPARE(m.trueCount(0), std::int64_t{2});
        QCOMPARE(m.predictedCount(1), std::int64_t{2});
        const std::vector<double> rates = m.rowNormalised();
        QCOMPARE(rates[0], 0.5);
        QCOMPARE(rates[1], 0.5);
        for (int j = 0; j < 4; ++j)  // grade 3 has no samples: zeros, not NaN
            QCOMPARE(rates[static_cast<std::size_t>(3 * 4 + j)], 0.0);
        QVERIFY_THROWS_EXCEPTION(Error, ConfusionMatrix::fromLabels({0, 4}, {0, 0}, 4));
        QVERIFY_THROWS_EXCEPTION(Error, ConfusionMatrix::fromLabels({0}, {0, 0}, 4));
        QVERIFY_THROWS_EXCEPTION(Error, ConfusionMatrix(0));

        json j = m;
        QCOMPARE(j.at("counts")[0][1].get<int>(), 1);
        QCOMPARE(j.get<ConfusionMatrix>(), m);
        QVERIFY_THROWS_EXCEPTION(Error, json::parse(R"({"counts": [[1, 2], [3]]})").get<ConfusionMatrix>());
        QVERIFY_THROWS_EXCEPTION(Error, json::parse(R"({"counts": [[1, -2], [3, 4]]})").get<ConfusionMatrix>());
    }

    void rejectsBadInput()
    {
        const std::vector<std::string> names{"a", "b"};
        QVERIFY_THROWS_EXCEPTION(Error, computeMetrics({}, {}, {}, names));
        QVERIFY_THROWS_EXCEPTION(Error, computeMetrics({0, 1}, {0}, {}, names));
        QVERIFY_THROWS_EXCEPTION(Error, computeMetrics({0, 2}, {0, 1}, {}, names));
        QVERIFY_THROWS_EXCEPTION(Error, computeMetrics({0, 1}, {0, -1}, {}, names));
        QVERIFY_THROWS_EXCEPTION(Error, computeMetrics({0, 1}, {0, 1}, {1, 0, 0}, names));
        QVERIFY_THROWS_EXCEPTION(Error, computeMetrics({0, 1}, {0, 1}, {1.1, -0.1, 0, 1}, names));
        QVERIFY_THROWS_EXCEPTION(Error, computeMetrics({0, 1}, {0, 1}, {kNaN, 0, 0, 1}, names));
        QVERIFY_THROWS_EXCEPTION(Error, computeMetrics({0, 1}, {0, 1}, {}, {}));
        QVERIFY_THROWS_EXCEPTION(Error, classificationReport(ConfusionMatrix(2), names));
        QVERIFY_THROWS_EXCEPTION(Error, classificationReport(ConfusionMatrix::fromLabels({0}, {0}, 2), {"only"}));
        // float32 softmax may exceed 1 by an ulp or two
        const EvaluationMetrics m = computeMetrics({0, 1}, {0, 1}, {1.0000001, 0, 0, 1}, names);
        QCOMPARE(m.calibration.bins.back().count, std::int64_t{2});
    }

    void jsonRoundTrip()
    {
        const json& c = fixture_.at("cases").at(4);  // grade 4 missing in y_true: NaNs and warnings
        const EvaluationMetrics m =
            computeMetrics(c.at("y_true").get<std::vector<int>>(), c.at("y_pred").get<std::vector<int>>(),
                           flatten(c.at("probabilities")), c.at("class_names").get<std::vector<std::string>>(),
                           MetricsOptions{10, 3});
        QCOMPARE(m.calibration.bins.size(), std::size_t{10});
        QVERIFY(std::isnan(m.rocAuc[4]));
        QVERIFY(std::isnan(m.sensitivity[4]));
        QVERIFY(!m.warnings.empty());

        const std::string text = json(m).dump();
        QVERIFY(text.find("NaN") == std::string::npos);
        const json parsed = json::parse(text);
        QVERIFY(parsed.at("roc_auc")[4].is_null());
        QCOMPARE(parsed.at("num_samples").get<int>(), static_cast<int>(m.confusion.total()));
        const EvaluationMetrics back = parsed.get<EvaluationMetrics>();
        QCOMPARE(back.classNames, m.classNames);
        QCOMPARE(back.confusion, m.confusion);
        QCOMPARE(back.reportText, m.reportText);
        QCOMPARE(back.report.toText(2), m.report.toText(2));
        QCOMPARE(back.report.macro.f1, m.report.macro.f1);
        QCOMPARE(back.report.classes[4].recallUndefined, true);
        QCOMPARE(back.accuracy, m.accuracy);
        QCOMPARE(back.balancedAccuracy, m.balancedAccuracy);
        QCOMPARE(back.balancedAccuracyIgnoredGrades, true);
        QVERIFY(sameNumber(back.quadraticWeightedKappa, m.quadraticWeightedKappa));
        QCOMPARE(back.meanAbsoluteError, m.meanAbsoluteError);
        QVERIFY(sameNumbers(back.sensitivity, m.sensitivity));
        QVERIFY(sameNumbers(back.specificity, m.specificity));
        QVERIFY(sameNumbers(back.rocAuc, m.rocAuc));
        QCOMPARE(back.macroRocAuc, m.macroRocAuc);
        QCOMPARE(back.rocAucDefinedGrades, 4);
        QCOMPARE(back.calibration.expectedCalibrationError, m.calibration.expectedCalibrationError);
        QCOMPARE(back.calibration.bins.size(), m.calibration.bins.size());
        QCOMPARE(back.calibration.bins[9].count, m.calibration.bins[9].count);
        QCOMPARE(back.warnings, m.warnings);
        QVERIFY_THROWS_EXCEPTION(Error, json::parse(R"({"class_names": ["a"]})").get<EvaluationMetrics>());

        // Undefined kappa (one grade everywhere) survives as null.
        const EvaluationMetrics single = computeMetrics({1, 1}, {1, 1}, {}, {"a", "b"});
        QVERIFY(std::isnan(single.quadraticWeightedKappa));
        QVERIFY(json::parse(json(single).dump()).at("quadratic_weighted_kappa").is_null());
        QVERIFY(std::isnan(json::parse(json(single).dump()).get<EvaluationMetrics>().quadraticWeightedKappa));

        const json options = MetricsOptions{7, 4};
        QCOMPARE(options.get<MetricsOptions>().calibrationBins, 7);
        QCOMPARE(json::object().get<MetricsOptions>().reportDigits, 2);
        TemperatureFit fit;
        fit.temperature = 1.7;
        fit.converged = true;
        QCOMPARE(json(fit).get<TemperatureFit>().temperature, 1.7);
        QCOMPARE(json(TemperatureScalingOptions{}).get<TemperatureScalingOptions>().maxTemperature, 100.0);
    }

    void metricsCsv()
    {
        const std::vector<std::string> names{"0 Healthy", "1 \"Doubtful\", maybe", "2 Minimal"};
        // Grade 2 never occurs: sklearn prints "micro avg"; no probabilities: AUC/ECE cells empty.
        const EvaluationMetrics m = computeMetrics({0, 0, 1, 1}, {0, 1, 1, 1}, {}, names);
        std::ostringstream out;
        writeMetricsCsv(out, m);
        const QStringList lines = QString::fromStdString(out.str()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1 + 3 + 3 + 7);
        QCOMPARE(lines[0], "kind,name,precision,recall,f1_score,support,sensitivity,specificity,roc_auc,value");
        QCOMPARE(lines[1], "grade,0 Healthy,1,0.5,0.6666666666666666,2,0.5,1,,");
        QCOMPARE(lines[2], "grade,\"1 \"\"Doubtful\"\", maybe\",0.6666666666666666,1,0.8,2,1,0.5,,");
        QCOMPARE(lines[3], "grade,2 Minimal,0,0,0,0,,1,,");
        QCOMPARE(lines[4], "average,micro avg,0.75,0.75,0.75,4,,,,");
        QVERIFY(lines[5].startsWith("average,macro avg,0.5555555555555555,0.5,"));
        QVERIFY(lines[6].startsWith("average,weighted avg,0.8333333333333333,0.75,"));
        QCOMPARE(lines[7], "summary,accuracy,,,,,,,,0.75");
        QCOMPARE(lines[8], "summary,balanced_accuracy,,,,,,,,0.75");
        QVERIFY(lines[9].startsWith("summary,quadratic_weighted_kappa,,,,,,,,0.5"));
        QCOMPARE(lines[10], "summary,mean_absolute_error,,,,,,,,0.25");
        QCOMPARE(lines[11], "summary,macro_roc_auc,,,,,,,,");
        QCOMPARE(lines[12], "summary,expected_calibration_error,,,,,,,,");
        QCOMPARE(lines[13], "summary,maximum_calibration_error,,,,,,,,");

        std::ostringstream matrix;
        writeConfusionMatrixCsv(matrix, m.confusion, names);
        QCOMPARE(QString::fromStdString(matrix.str()),
                 "true \\ predicted,0 Healthy,\"1 \"\"Doubtful\"\", maybe\",2 Minimal\n"
                 "0 Healthy,1,1,0\n"
                 "\"1 \"\"Doubtful\"\", maybe\",0,2,0\n"
                 "2 Minimal,0,0,0\n");
        std::ostringstream rates;
        writeConfusionMatrixCsv(rates, m.confusion, {}, true);
        QCOMPARE(QString::fromStdString(rates.str()), "true \\ predicted,0,1,2\n0,0.5,0.5,0\n1,0,1,0\n2,0,0,0\n");
        QVERIFY_THROWS_EXCEPTION(Error, writeConfusionMatrixCsv(rates, m.confusion, {"a"}));
    }

    /// The regenerated fixture may differ from the committed one by SciPy's stopping
    /// tolerance in a fitted temperature, and by nothing more anywhere else.
    void fixtureComparisonAllowsOnlyOptimizerNoise()
    {
        json cases = fixture_.at("temperature_cases");
        QVERIFY(jsonDifference(cases, fixture_.at("temperature_cases"), "temperature_cases").isEmpty());

        // The difference an AMD EPYC produced: 0.50604414193154512 there, 0.50604413682120575 here.
        json& temperature = cases.at(1).at("expected").at("temperature");
        const double committed = temperature.get<double>();
        temperature = committed * (0.50604413682120575 / 0.50604414193154512);
        QVERIFY2(jsonDifference(cases, fixture_.at("temperature_cases"), "temperature_cases").isEmpty(),
                 "a last-digits difference in SciPy's fitted temperature is not a stale fixture");

        temperature = committed * (1.0 + 1e-6);  // a real change of the fit is still caught
        QVERIFY(jsonDifference(cases, fixture_.at("temperature_cases"), "temperature_cases")
                    .contains("temperature_cases[1].expected.temperature"));

        temperature = committed;
        json& nll = cases.at(1).at("expected").at("nll_after");
        nll = nll.get<double>() * (1.0 + 1e-8);  // closed-form numbers keep the tight tolerance
        QVERIFY(jsonDifference(cases, fixture_.at("temperature_cases"), "temperature_cases")
                    .contains("temperature_cases[1].expected.nll_after"));

        json metrics = fixture_.at("cases");
        json& accuracy = metrics.at(0).at("expected").at("balanced_accuracy");
        accuracy = accuracy.get<double>() * (1.0 + 1e-10);
        QVERIFY(!jsonDifference(metrics, fixture_.at("cases"), "cases").isEmpty());
    }

    void fixtureIsUpToDate()
    {
        QProcess probe;
        probe.start(kgtest::python(), {"-c", "import sklearn, scipy, numpy"});
        if (!probe.waitForFinished(60000) || probe.exitStatus() != QProcess::NormalExit || probe.exitCode() != 0)
            QSKIP(qPrintable(kgtest::python() + " lacks scikit-learn/SciPy: cannot regenerate the fixture"));

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString output = dir.filePath("metrics_sklearn.json");
        QProcess python;
        python.setProcessChannelMode(QProcess::MergedChannels);
        python.start(kgtest::python(),
                     {kgtest::sourceDir() + "/tests/eval/make_metric_fixtures.py", "--output", output});
        QVERIFY2(python.waitForFinished(120000), "make_metric_fixtures.py did not finish");
        QVERIFY2(python.exitStatus() == QProcess::NormalExit && python.exitCode() == 0, python.readAll().constData());

        const json fresh = readJson(output);
        for (const char* key : {"ece_bins", "cases", "temperature_cases"}) {
            const QString difference = jsonDifference(fresh.at(key), fixture_.at(key), key);
            QVERIFY2(difference.isEmpty(),
                     qPrintable("tests/eval/fixtures/metrics_sklearn.json is stale (rerun "
                                "tests/eval/make_metric_fixtures.py): " + difference));
        }
    }
};

QTEST_GUILESS_MAIN(TestMetrics)
#include "test_metrics.moc"
