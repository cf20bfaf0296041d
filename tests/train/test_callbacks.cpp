// The Keras callbacks against sequences worked out by hand from keras/src/callbacks
// (reduce_lr_on_plateau.py, early_stopping.py, model_checkpoint.py), plus the samplers.
#include "core/train/Callbacks.h"
#include "core/train/Sampling.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <map>
#include <set>

using namespace kg;

Q_DECLARE_METATYPE(std::vector<double>)
Q_DECLARE_METATYPE(std::vector<int>)

namespace {

/// Runs ReduceLrOnPlateau over `losses`; returns the rate each epoch trained with and the
/// epochs (1-based) at whose end it reduced.
struct LrTrace {
    std::vector<double> rates;
    std::vector<int> reducedAt;
};

LrTrace trace(ReduceLrOnPlateau& callback, const std::vector<double>& losses, double lr, int firstEpoch = 1)
{
    LrTrace t;
    for (size_t i = 0; i < losses.size(); ++i) {
        t.rates.push_back(lr);
        const auto decision = callback.onEpochEnd(losses[i], lr);
        if (decision.reduced)
            t.reducedAt.push_back(firstEpoch + static_cast<int>(i));
        lr = decision.learningRate;
    }
    t.rates.push_back(lr);  // the rate the next epoch would use
    return t;
}

std::vector<int> stopsOf(EarlyStopping& callback, const std::vector<double>& losses)
{
    std::vector<int> stops;
    for (size_t i = 0; i < losses.size(); ++i)
        if (callback.onEpochEnd(static_cast<int>(i) + 1, losses[i]).stop) {
            stops.push_back(static_cast<int>(i) + 1);
            break;  // Keras sets stop_training: fit() returns
        }
    return stops;
}

} // namespace

class TestCallbacks : public QObject {
    Q_OBJECT

private slots:
    void reduceLr_data();
    void reduceLr();
    void reduceLrClampsAtMinimum();
    void reduceLrStateRoundTrip();
    void earlyStopping_data();
    void earlyStopping();
    void earlyStoppingRestoreAndState();
    void earlyStoppingDisabled();
    void bestCheckpoint();
    void classWeights();
    void balancedOrder();
    void epochOrderDependsOnlyOnSeedAndEpoch();
};

void TestCallbacks::reduceLr_data()
{
    QTest::addColumn<double>("factor");
    QTest::addColumn<int>("patience");
    QTest::addColumn<double>("minDelta");
    QTest::addColumn<int>("cooldown");
    QTest::addColumn<std::vector<double>>("losses");
    QTest::addColumn<std::vector<int>>("reducedAt");

    // Plateau after epoch 2: wait reaches 2 at epoch 4, resets, again 2 at epoch 6, …
    QTest::newRow("patience 2") << 0.5 << 2 << 1e-4 << 0 << std::vector<double>{1.0, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9}
                                << std::vector<int>{4, 6};
    // Improvements smaller than min_delta 0.01 do not count: 0.995, 0.992 are waits 1, 2;
    // 0.985 < 0.99 improves; then 0.98 (not < 0.975) waits 1, 2, 3 → reduce at 7.
    QTest::newRow("min_delta counts") << 0.5 << 3 << 0.01 << 0
                                      << std::vector<double>{1.0, 0.995, 0.992, 0.985, 0.98, 0.98, 0.98}
                                      << std::vector<int>{7};
    // Same series with min_delta 0: 0.995, 0.992, 0.985, 0.98 all improve; waits 1, 2 → none yet.
    QTest::newRow("min_delta 0") << 0.5 << 3 << 0.0 << 0 << std::vector<double>{1.0, 0.995, 0.992, 0.985, 0.98, 0.98, 0.98}
                                 << std::vector<int>{};
    // Cooldown 2, patience 1, flat: reduce at 2 (cooldown=2); epoch 3: counter→1, skipped;
    // epoch 4: counter→0, not in cooldown any more, wait 1 → reduce; so every other epoch.
    QTest::newRow("cooldown 2") << 0.5 << 1 << 0.0 << 2 << std::vector<double>(8, 1.0) << std::vector<int>{2, 4, 6, 8};
    // Cooldown also resets wait, so an improvement right after does not carry old waits.
    QTest::newRow("cooldown then improve") << 0.5 << 2 << 0.0 << 1
                                           << std::vector<double>{1.0, 1.0, 1.0, 1.0, 0.5, 0.6, 0.6, 0.6}
                                           << std::vector<int>{3, 7};
    // The tutorial's callback: patience 10 on a run that plateaus from epoch 5.
    std::vector<double> tutorial{1.6, 1.5, 1.4, 1.3, 1.2};
    tutorial.resize(30, 1.25);
    QTest::newRow("tutorial defaults") << 0.2 << 10 << 1e-4 << 0 << tutorial << std::vector<int>{15, 25};
}

void TestCallbacks::reduceLr()
{
    QFETCH(double, factor);
    QFETCH(int, patience);
    QFETCH(double, minDelta);
    QFETCH(int, cooldown);
    QFETCH(std::vector<double>, losses);
    QFETCH(std::vector<int>, reducedAt);
    ReduceLrOptions options;
    options.factor = factor;
    options.patience = patience;
    options.minDelta = minDelta;
    options.cooldown = cooldown;
    options.minLearningRate = 0;
    ReduceLrOnPlateau callback(options);
    const LrTrace t = trace(callback, losses, 1.0);
    QCOMPARE(t.reducedAt, reducedAt);
    // The rate halves (×factor) exactly once per reduction and applies from the next epoch.
    double expected = 1.0;
    for (size_t i = 0; i < losses.size(); ++i) {
        QCOMPARE(t.rates[i], expected);
        if (std::find(reducedAt.begin(), reducedAt.end(), static_cast<int>(i) + 1) != reducedAt.end())
            expected *= factor;
    }
}

void TestCallbacks::reduceLrClampsAtMinimum()
{
    // Tutorial values: 1e-4 → 2e-5 → max(4e-6, 1e-5) = 1e-5, then no more reductions.
    ReduceLrOptions options;
    options.patience = 1;
    ReduceLrOnPlateau callback(options);
    const LrTrace t = trace(callback, std::vector<double>(6, 1.0), 1e-4);
    QCOMPARE(t.reducedAt, (std::vector<int>{2, 3}));
    QCOMPARE(t.rates[2], 1e-4 * 0.2);
    QCOMPARE(t.rates[3], 1e-5);
    QCOMPARE(t.rates.back(), 1e-5);
    // Keras keeps the rate as float32: a rate that is min_lr in float32 is not reduced again.
    ReduceLrOnPlateau again(options);
    QVERIFY(!again.onEpochEnd(1.0, 1e-4).reduced);
    QVERIFY(!again.onEpochEnd(1.0, static_cast<double>(static_cast<float>(1e-5))).reduced);
}

void TestCallbacks::reduceLrStateRoundTrip()
{
    ReduceLrOptions options;
    options.patience = 2;
    options.cooldown = 1;
    options.factor = 0.5;
    options.minLearningRate = 0;
    const std::vector<double> losses{1.0, 0.9, 0.95, 0.97, 0.96, 0.8, 0.85, 0.86, 0.87, 0.88};
    ReduceLrOnPlateau straight(options);
    const LrTrace expected = trace(straight, losses, 1.0);
    QVERIFY(!expected.reducedAt.empty());

    for (size_t split = 1; split < losses.size(); ++split) {
        ReduceLrOnPlateau first(options);
        const LrTrace a = trace(first, {losses.begin(), losses.begin() + static_cast<long>(split)}, 1.0);
        const nlohmann::json saved = nlohmann::json::parse(first.state().dump());  // through text, as in a checkpoint
        ReduceLrOnPlateau second(options);
        second.restoreState(saved);
        const LrTrace b = trace(second, {losses.begin() + static_cast<long>(split), losses.end()}, a.rates.back(),
                                static_cast<int>(split) + 1);
        std::vector<int> reduced = a.reducedAt;
        reduced.insert(reduced.end(), b.reducedAt.begin(), b.reducedAt.end());
        QCOMPARE(reduced, expected.reducedAt);
        QCOMPARE(b.rates.back(), expected.rates.back());
    }
}

void TestCallbacks::earlyStopping_data()
{
    QTest::addColumn<int>("patience");
    QTest::addColumn<double>("minDelta");
    QTest::addColumn<std::vector<double>>("losses");
    QTest::addColumn<int>("stoppedAt");  // 0: never
    QTest::addColumn<int>("bestEpoch");

    // Best at 2; epochs 3, 4, 5 bring wait to 3 → stop at 5.
    QTest::newRow("patience 3") << 3 << 0.0 << std::vector<double>{1.0, 0.8, 0.85, 0.9, 0.95, 0.7} << 5 << 2;
    // An improvement resets the count: best at 4, stop at 7.
    QTest::newRow("late improvement") << 3 << 0.0 << std::vector<double>{1.0, 1.1, 1.2, 0.9, 1.0, 1.0, 1.0, 0.1} << 7 << 4;
    // min_delta 0.1: 0.95 and 0.92 are not improvements on 1.0 (need < 0.9), 0.85 is; then
    // 0.84, 0.83, 0.82 are not (need < 0.75) → stop at 7 though every epoch was lower.
    QTest::newRow("min_delta") << 3 << 0.1 << std::vector<double>{1.0, 0.95, 0.92, 0.85, 0.84, 0.83, 0.82} << 7 << 4;
    QTest::newRow("min_delta 0 never stops") << 3 << 0.0 << std::vector<double>{1.0, 0.95, 0.92, 0.85, 0.84, 0.83, 0.82} << 0 << 7;
    // Patience 0 stops at the first epoch that does not improve — never at the first epoch.
    QTest::newRow("patience 0") << 0 << 0.0 << std::vector<double>{1.0, 0.9, 0.9} << 3 << 2;
    QTest::newRow("patience 0, first epoch") << 0 << 0.0 << std::vector<double>{1.0} << 0 << 1;
    // The tutorial's patience 25 on a run whose best is epoch 10.
    std::vector<double> tutorial;
    for (int e = 1; e <= 40; ++e)
        tutorial.push_back(e <= 10 ? 2.0 - 0.1 * e : 1.5);
    QTest::newRow("tutorial patience 25") << 25 << 0.0 << tutorial << 35 << 10;
}

void TestCallbacks::earlyStopping()
{
    QFETCH(int, patience);
    QFETCH(double, minDelta);
    QFETCH(std::vector<double>, losses);
    QFETCH(int, stoppedAt);
    QFETCH(int, bestEpoch);
    EarlyStoppingOptions options;
    options.patience = patience;
    options.minDelta = minDelta;
    EarlyStopping callback(options);
    const auto stops = stopsOf(callback, losses);
    QCOMPARE(stops.empty() ? 0 : stops.front(), stoppedAt);
    QCOMPARE(callback.bestEpoch(), bestEpoch);
    QCOMPARE(callback.stoppedEpoch(), stoppedAt);
}

void TestCallbacks::earlyStoppingRestoreAndState()
{
    EarlyStoppingOptions options;
    options.patience = 2;
    options.restoreBestWeights = true;
    const std::vector<double> losses{1.0, 0.7, 0.8, 0.75, 0.9};
    EarlyStopping callback(options);
    std::vector<int> improved;
    EarlyStopping::Decision last;
    for (size_t i = 0; i < 4; ++i) {
        last = callback.onEpochEnd(static_cast<int>(i) + 1, losses[i]);
        if (last.improved)
            improved.push_back(static_cast<int>(i) + 1);
    }
    QCOMPARE(improved, (std::vector<int>{1, 2}));
    QVERIFY(last.stop);          // epochs 3 and 4 did not improve on 0.7
    QVERIFY(last.restoreBest);   // → the trainer loads the weights of epoch 2
    QCOMPARE(callback.bestEpoch(), 2);

    // Resuming mid-way gives the same stop.
    EarlyStopping first(options);
    first.onEpochEnd(1, losses[0]);
    first.onEpochEnd(2, losses[1]);
    first.onEpochEnd(3, losses[2]);
    EarlyStopping second(options);
    second.restoreState(nlohmann::json::parse(first.state().dump()));
    const auto decision = second.onEpochEnd(4, losses[3]);
    QVERIFY(decision.stop && decision.restoreBest);
    QCOMPARE(second.bestEpoch(), 2);
    QCOMPARE(second.best(), 0.7);

    // Without restore, stopping does not ask for it.
    options.restoreBestWeights = false;
    EarlyStopping plain(options);
    EarlyStopping::Decision d;
    for (size_t i = 0; i < 4; ++i)
        d = plain.onEpochEnd(static_cast<int>(i) + 1, losses[i]);
    QVERIFY(d.stop && !d.restoreBest);
}

void TestCallbacks::earlyStoppingDisabled()
{
    EarlyStoppingOptions options;
    options.enabled = false;
    options.patience = 0;
    EarlyStopping callback(options);
    QVERIFY(stopsOf(callback, std::vector<double>(10, 1.0)).empty());
    ReduceLrOptions reduce;
    reduce.enabled = false;
    reduce.patience = 0;
    ReduceLrOnPlateau lr(reduce);
    QVERIFY(trace(lr, std::vector<double>(10, 1.0), 1e-3).reducedAt.empty());
}

void TestCallbacks::bestCheckpoint()
{
    BestCheckpointTracker tracker;
    const std::vector<double> losses{1.0, 1.0, 0.9, 0.95, 0.9, 0.89999};
    std::vector<int> saved;
    for (size_t i = 0; i < losses.size(); ++i)
        if (tracker.onEpochEnd(static_cast<int>(i) + 1, losses[i]))
            saved.push_back(static_cast<int>(i) + 1);
    QCOMPARE(saved, (std::vector<int>{1, 3, 6}));  // strictly lower only, no min_delta
    BestCheckpointTracker restored;
    restored.restoreState(nlohmann::json::parse(tracker.state().dump()));
    QCOMPARE(restored.bestEpoch(), 6);
    QVERIFY(!restored.onEpochEnd(7, 0.89999));
    // A fresh tracker's "no best yet" survives JSON (which has no infinity).
    BestCheckpointTracker fresh;
    BestCheckpointTracker copy;
    copy.restoreState(nlohmann::json::parse(fresh.state().dump()));
    QVERIFY(copy.onEpochEnd(1, 1e30));
}

void TestCallbacks::classWeights()
{
    // The real train split's counts: sklearn 'balanced' = n / (5 · count).
    std::vector<int> grades;
    const int counts[5] = {2286, 1046, 1516, 757, 173};
    for (int g = 0; g < 5; ++g)
        grades.insert(grades.end(), static_cast<size_t>(counts[g]), g);
    const auto weights = inverseFrequencyWeights(grades, 5);
    QCOMPARE(weights.size(), size_t{5});
    for (int g = 0; g < 5; ++g)
        QVERIFY(std::abs(weights[static_cast<size_t>(g)] - 5778.0 / (5.0 * counts[g])) < 1e-12);
    QVERIFY(std::abs(weights[4] - 6.6797687861) < 1e-9);
    // Weighted counts are equal per class, and an absent class gets 0.
    const auto sparse = inverseFrequencyWeights({0, 0, 1}, 3);
    QCOMPARE(sparse[2], 0.0);
    QCOMPARE(sparse[0] * 2, sparse[1] * 1);
}

void TestCallbacks::balancedOrder()
{
    std::vector<int> grades;
    const int counts[5] = {400, 180, 260, 130, 30};
    for (int g = 0; g < 5; ++g)
        grades.insert(grades.end(), static_cast<size_t>(counts[g]), g);
    const auto a = kg::balancedOrder(grades, 7, 3);
    QCOMPARE(a, kg::balancedOrder(grades, 7, 3));   // deterministic
    QVERIFY(a != kg::balancedOrder(grades, 7, 4));  // changes per epoch
    QVERIFY(a != kg::balancedOrder(grades, 8, 3));  // and per seed
    QCOMPARE(a.size(), grades.size());
    std::map<int, int> seen;
    std::set<std::int64_t> distinctGrade4;
    for (const auto index : a) {
        ++seen[grades[static_cast<size_t>(index)]];
        if (grades[static_cast<size_t>(index)] == 4)
            distinctGrade4.insert(index);
    }
    // 1000 draws over 5 grades: 200 expected each; binomial sd ≈ 12.6, so ±60 is ~5 sd.
    for (int g = 0; g < 5; ++g)
        QVERIFY2(std::abs(seen[g] - 200) < 60, qPrintable(QString("grade %1 drawn %2 times").arg(g).arg(seen[g])));
    QVERIFY(distinctGrade4.size() > 20);  // the 30 rare items are all in use, with repeats
}

void TestCallbacks::epochOrderDependsOnlyOnSeedAndEpoch()
{
    const auto order = epochOrder(100, 42, 5);
    QCOMPARE(order, epochOrder(100, 42, 5));
    QVERIFY(order != epochOrder(100, 42, 6));
    std::vector<std::int64_t> sorted = order;
    std::sort(sorted.begin(), sorted.end());
    for (std::int64_t i = 0; i < 100; ++i)
        QCOMPARE(sorted[static_cast<size_t>(i)], i);  // a permutation
}

QTEST_APPLESS_MAIN(TestCallbacks)
#include "test_callbacks.moc"
