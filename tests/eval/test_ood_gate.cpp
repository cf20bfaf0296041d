// The out-of-distribution gate: its statistics on known Gaussians, its binary form, and the
// issue's acceptance bars on a small model trained here, through the real CLI, on phantoms:
// at most 5 % of held-out test phantoms are flagged, and at least 95 % of inputs that are not
// knee crops (real non-knee radiographs, uncropped generated full radiographs, noise, constant
// images) are flagged or refused. Also: a phantom pasted into a larger canvas and graded with
// --roi around it gets the probabilities of the phantom alone.
#include "CliRunner.h"
#include "TestPaths.h"

#include "core/data/FullRadiograph.h"
#include "core/data/JointRegion.h"
#include "core/data/Phantom.h"
#include "core/eval/OodGate.h"
#include "core/eval/Predictor.h"
#include "core/model/Checkpoint.h"
#include "core/util/Error.h"

#include <QDir>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <random>

namespace {

using kgtest::CliResult;
using kgtest::runCli;

/// n points of `classes` Gaussian clusters in `dimension` dimensions (unit covariance, means 4 apart).
std::vector<float> gaussians(int n, int dimension, int classes, std::vector<int>& labels, std::uint32_t seed,
                             double shift = 0.0)
{
    std::mt19937 random(seed);
    std::normal_distribution<float> normal;
    std::vector<float> features;
    labels.clear();
    for (int i = 0; i < n; ++i) {
        const int k = i % classes;
        labels.push_back(k);
        for (int d = 0; d < dimension; ++d)
            features.push_back(normal(random) + (d == k ? 4.0f : 0.0f) + static_cast<float>(shift));
    }
    return features;
}

void saveGray(const QString& path, const std::vector<std::uint8_t>& pixels, int width, int height)
{
    QImage image(width, height, QImage::Format_Grayscale8);
    for (int y = 0; y < height; ++y)
        std::copy_n(pixels.data() + static_cast<size_t>(y) * width, width, image.scanLine(y));
    QVERIFY(image.save(path));
}

} // namespace

class TestOodGate : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void flagsPointsFarFromEveryClass();
    void binaryFormRoundTripsAndRefusesDamage();
    void percentileInterpolates();
    void trainingStoresTheGate();
    void heldOutPhantomsAreRarelyFlagged();
    void outOfDistributionInputsAreFlaggedOrRefused();
    void regionOfInterestGradesThePhantomAlone();
    void calibrateAddsAGateToAnOlderCheckpoint();
    void automaticRegionsGradeEachKneeOfABilateralFilm();

private:
    QString writeOodInputs();

    QTemporaryDir dir_;
    QString data_;
    QString checkpoint_;
    std::unique_ptr<kg::Predictor> predictor_;
};

void TestOodGate::initTestCase()
{
    QVERIFY(dir_.isValid());
    data_ = dir_.filePath(QStringLiteral("phantoms"));
    // 80 knees per grade at 64 px: 200 train, 80 val, 120 test; a tiny network for 6 epochs.
    const CliResult synth = runCli({"synth", "--out", data_, "--per-grade", "80", "--size", "64", "--seed", "5",
                                    "--splits", "train=0.5,val=0.2,test=0.3", "--quiet"});
    QVERIFY2(synth.exitCode == 0, qPrintable(synth.err));
    const QString run = dir_.filePath(QStringLiteral("run"));
    const CliResult train = runCli({"train", "--data", data_, "--out", run, "--arch", "resnetv2-tiny", "--image-size",
                                    "64", "--lr", "1e-3", "--batch", "16", "--epochs", "6", "--device", "cpu",
                                    "--threads", "2", "--seed", "7", "--rotation", "0", "--zoom", "0", "--translation", "0"},
                                   600000);
    QVERIFY2(train.exitCode == 0, qPrintable(train.err + train.out));
    QVERIFY2(train.out.contains(QStringLiteral("out-of-distribution gate")), qPrintable(train.out));
    checkpoint_ = run + QStringLiteral("/best.kgckpt");
    kg::PredictorOptions options;
    options.checkpoint = checkpoint_.toStdString();
    options.runtime.device = kg::DevicePreference::Cpu;
    predictor_ = std::make_unique<kg::Predictor>(options);
}

void TestOodGate::flagsPointsFarFromEveryClass()
{
    // 8 dimensions, 3 classes, 600 training and 3000 validation points: a 99th-percentile
    // threshold flags about 1 % of fresh in-distribution points and every far one.
    std::vector<int> labels, heldLabels, freshLabels, farLabels;
    const auto train = gaussians(600, 8, 3, labels, 1);
    const auto held = gaussians(3000, 8, 3, heldLabels, 2);
    const kg::OodGate gate = kg::OodGate::fit(train, labels, {8}, 3, held);
    QCOMPARE(gate.summary().fitImages, std::int64_t{600});
    QCOMPARE(gate.summary().thresholdImages, std::int64_t{3000});
    QCOMPARE(gate.summary().thresholdSplit, std::string("val"));
    // The squared Mahalanobis distance of a unit Gaussian in 8 dimensions is χ²(8): median
    // 7.34, 99th percentile 20.09. The layer scale estimates the median, and the threshold,
    // in units of it, their ratio 2.74 (the minimum over classes lowers both a little).
    QCOMPARE(gate.summary().layerScales.size(), size_t{1});
    QVERIFY2(gate.summary().layerScales[0] > 6.0 && gate.summary().layerScales[0] < 8.0,
             qPrintable(QString::number(gate.summary().layerScales[0])));
    QVERIFY2(gate.summary().threshold > 2.3 && gate.summary().threshold < 3.2,
             qPrintable(QString::number(gate.summary().threshold)));

    const auto fresh = gaussians(2000, 8, 3, freshLabels, 3);
    const auto scores = gate.scores(fresh.data(), 2000);
    const double flagged = std::count_if(scores.begin(), scores.end(), [](double s) { return s > 1.0; }) / 2000.0;
    QVERIFY2(flagged > 0.002 && flagged < 0.03, qPrintable(QString::number(flagged)));

    const auto far = gaussians(200, 8, 3, farLabels, 4, 3.0);
    const auto farScores = gate.scores(far.data(), 200);
    QVERIFY(std::all_of(farScores.begin(), farScores.end(), [](double s) { return s > 1.0; }));
    // One point at the mean of class 1 scores near zero.
    std::vector<float> centre(8, 0.0f);
    centre[1] = 4.0f;
    QVERIFY(gate.distance(centre.data()) < 1.0);

    // More dimensions than points: the shrunk covariance is still invertible.
    const auto wide = gaussians(40, 64, 2, labels, 5);
    const kg::OodGate shrunk = kg::OodGate::fit(wide, labels, {64}, 2, {});
    QVERIFY(shrunk.summary().shrinkage.at(0) > 0.0);
    QCOMPARE(shrunk.summary().thresholdSplit, std::string("train"));
    QVERIFY(std::isfinite(shrunk.distance(wide.data())));

    // Two layers: a point odd in one layer only is flagged.
    std::vector<int> twoLabels;
    const auto first = gaussians(400, 4, 2, twoLabels, 9);
    const auto second = gaussians(400, 4, 2, twoLabels, 10);
    std::vector<float> both;
    for (int i = 0; i < 400; ++i) {
        both.insert(both.end(), first.begin() + i * 4, first.begin() + (i + 1) * 4);
        both.insert(both.end(), second.begin() + i * 4, second.begin() + (i + 1) * 4);
    }
    const kg::OodGate layered = kg::OodGate::fit(both, twoLabels, {4, 4}, 2, {});
    std::vector<float> oddInSecond(both.begin(), both.begin() + 8);
    QVERIFY(layered.scores(oddInSecond.data(), 1)[0] < 1.5);
    for (int d = 4; d < 8; ++d)
        oddInSecond[static_cast<size_t>(d)] += 8.0f;
    QVERIFY(layered.scores(oddInSecond.data(), 1)[0] > 1.0);
    QVERIFY_THROWS_EXCEPTION(kg::Error, kg::OodGate::fit(both, twoLabels, {4, 3}, 2, {}));

    // A layer that never varies (dead units) is left out; the others still gate.
    std::vector<float> withDead;
    for (int i = 0; i < 400; ++i) {
        withDead.insert(withDead.end(), first.begin() + i * 4, first.begin() + (i + 1) * 4);
        withDead.insert(withDead.end(), {0.0f, 0.0f});
    }
    const kg::OodGate partial = kg::OodGate::fit(withDead, twoLabels, {4, 2}, 2, {});
    QCOMPARE(partial.summary().layerScales[1], 0.0);
    const kg::OodGate partialBack = kg::OodGate::deserialize(partial.serialize());
    QVERIFY(std::abs(partialBack.distance(withDead.data()) - partial.distance(withDead.data())) <
            1e-5 * partial.distance(withDead.data()));

    QVERIFY_THROWS_EXCEPTION(kg::Error, kg::OodGate::fit({}, {}, {8}, 3, {}));
    std::vector<float> constant(80, 1.0f);
    std::vector<int> constantLabels(10, 0);
    QVERIFY_THROWS_EXCEPTION(kg::Error, kg::OodGate::fit(constant, constantLabels, {8}, 1, {}));
}

void TestOodGate::binaryFormRoundTripsAndRefusesDamage()
{
    std::vector<int> labels, heldLabels;
    const auto train = gaussians(300, 6, 3, labels, 7);
    const auto held = gaussians(100, 6, 3, heldLabels, 8);
    const kg::OodGate gate = kg::OodGate::fit(train, labels, {2, 4}, 3, held);
    const std::string bytes = gate.serialize();
    const kg::OodGate back = kg::OodGate::deserialize(bytes);
    QCOMPARE(back.summary().threshold, gate.summary().threshold);
    // The precision matrix is stored as float32: scores agree to float precision.
    for (int i = 0; i < 20; ++i)
        QVERIFY(std::abs(back.distance(held.data() + i * 6) - gate.distance(held.data() + i * 6)) <
                1e-4 * (1.0 + gate.distance(held.data() + i * 6)));
    QVERIFY_THROWS_EXCEPTION(kg::Error, kg::OodGate::deserialize(bytes.substr(0, bytes.size() - 5)));
    QVERIFY_THROWS_EXCEPTION(kg::Error, kg::OodGate::deserialize("not a gate"));
    std::string damaged = bytes;
    damaged[8] = '\xff';  // header length
    QVERIFY_THROWS_EXCEPTION(kg::Error, kg::OodGate::deserialize(damaged));
}

void TestOodGate::percentileInterpolates()
{
    QCOMPARE(kg::percentileOf({1, 2, 3, 4, 5}, 50), 3.0);
    QCOMPARE(kg::percentileOf({1, 2, 3, 4, 5}, 100), 5.0);
    QCOMPARE(kg::percentileOf({10, 0}, 25), 2.5);
    QVERIFY_THROWS_EXCEPTION(kg::Error, kg::percentileOf({}, 50));
}

void TestOodGate::trainingStoresTheGate()
{
    const kg::LoadedCheckpoint loaded = kg::loadCheckpoint(checkpoint_.toStdString());
    QVERIFY(loaded.blobs.count(kg::kOodGateBlob));
    QVERIFY(loaded.meta.state.oodGate.has_value());
    const nlohmann::json& record = *loaded.meta.state.oodGate;
    QCOMPARE(record.at("fit_split").get<std::string>(), std::string("train"));
    QCOMPARE(record.at("fit_images").get<int>(), 200);
    QCOMPARE(record.at("threshold_images").get<int>(), 80);
    QVERIFY(predictor_->hasOodGate());
    QCOMPARE(predictor_->oodGateSummary().at("percentile").get<double>(), 99.0);
}

void TestOodGate::heldOutPhantomsAreRarelyFlagged()
{
    const auto results = predictor_->predictFolder(data_.toStdString() + "/test", true);
    QCOMPARE(results.size(), size_t{120});
    int flagged = 0;
    for (const auto& p : results) {
        QVERIFY2(p.ok(), p.error.c_str());
        QVERIFY(p.hasOodScore());
        flagged += p.outOfDistribution;
    }
    qInfo("held-out test phantoms flagged: %d of 120", flagged);
    QVERIFY2(flagged <= 6, qPrintable(QString::number(flagged)));  // ≤ 5 %
}

QString TestOodGate::writeOodInputs()
{
    const QString folder = dir_.filePath(QStringLiteral("ood"));
    QDir().mkpath(folder);
    // Generated full radiographs, not cropped: two of each view.
    for (int i = 0; i < 8; ++i) {
        kg::FullRadiographSpec spec;
        spec.view = kg::fullRadiographView(i);
        spec.seed = kg::fullRadiographSeed(99, i);
        spec.scale = 0.25;
        const kg::FullRadiograph image = kg::renderFullRadiograph(spec);
        saveGray(folder + QStringLiteral("/full_%1_%2.png").arg(i).arg(QString::fromStdString(kg::toString(spec.view))),
                 image.eightBit(), image.width, image.height);
    }
    // Noise, constant and gradient images at the training size and larger.
    std::mt19937 random(11);
    for (int i = 0; i < 6; ++i) {
        const int side = i % 2 ? 64 : 300;
        std::vector<std::uint8_t> pixels(static_cast<size_t>(side) * side);
        if (i < 2) {
            std::uniform_int_distribution<int> uniform(0, 255);
            for (auto& v : pixels)
                v = static_cast<std::uint8_t>(uniform(random));
        } else if (i < 4) {
            std::normal_distribution<double> normal(128, 40);
            for (auto& v : pixels)
                v = static_cast<std::uint8_t>(std::clamp(normal(random), 0.0, 255.0));
        } else {
            for (int y = 0; y < side; ++y)
                for (int x = 0; x < side; ++x)
                    pixels[static_cast<size_t>(y) * side + x] = static_cast<std::uint8_t>(255 * x / side);
        }
        saveGray(folder + QStringLiteral("/noise_%1.png").arg(i), pixels, side, side);
    }
    for (int value : {0, 128, 255}) {
        const std::vector<std::uint8_t> pixels(64 * 64, static_cast<std::uint8_t>(value));
        saveGray(folder + QStringLiteral("/constant_%1.png").arg(value), pixels, 64, 64);
    }
    return folder;
}

void TestOodGate::outOfDistributionInputsAreFlaggedOrRefused()
{
    std::vector<std::string> paths;
    for (const QString& name : QDir(writeOodInputs()).entryList(QDir::Files, QDir::Name))
        paths.push_back(dir_.filePath(QStringLiteral("ood/") + name).toStdString());
    // Every real radiograph here shows a chest, a hip, a lower leg or a test pattern; none is a knee.
    for (const QString& name : QDir(kgtest::radiographsDir()).entryList({QStringLiteral("*.dcm")}, QDir::Files, QDir::Name))
        paths.push_back((kgtest::radiographsDir() + QStringLiteral("/") + name).toStdString());
    QVERIFY(paths.size() >= 25);

    const auto results = predictor_->predictFiles(paths);
    QCOMPARE(results.size(), paths.size());
    int caught = 0;
    for (const auto& p : results) {
        const bool refused = !p.ok();
        caught += refused || p.outOfDistribution;
        qInfo("%-28s %s", QFileInfo(QString::fromStdString(p.path)).fileName().toUtf8().constData(),
              refused ? ("refused: " + p.error.substr(0, 60)).c_str()
                      : ("ood_score " + std::to_string(p.oodScore) + (p.outOfDistribution ? "  flagged" : "  NOT flagged")).c_str());
    }
    const double rate = static_cast<double>(caught) / static_cast<double>(results.size());
    qInfo("out-of-distribution inputs flagged or refused: %d of %zu (%.1f %%)", caught, results.size(), 100 * rate);
    QVERIFY2(rate >= 0.95, qPrintable(QString::number(rate)));
}

void TestOodGate::regionOfInterestGradesThePhantomAlone()
{
    // A 64 px phantom pasted at (70, 45) into a 200 × 160 canvas of other content.
    kg::PhantomSpec spec;
    spec.grade = 3;
    spec.imageSize = 64;
    spec.seed = 1234;
    const kg::PhantomImage phantom = kg::renderPhantom(spec);
    const QString alone = dir_.filePath(QStringLiteral("alone.png"));
    saveGray(alone, phantom.pixels, 64, 64);
    std::vector<std::uint8_t> canvas(200 * 160);
    for (int y = 0; y < 160; ++y)
        for (int x = 0; x < 200; ++x)
            canvas[static_cast<size_t>(y) * 200 + x] = static_cast<std::uint8_t>((x * 7 + y * 3) % 256);
    for (int y = 0; y < 64; ++y)
        std::copy_n(phantom.pixels.data() + y * 64, 64, canvas.data() + static_cast<size_t>(y + 45) * 200 + 70);
    const QString pasted = dir_.filePath(QStringLiteral("pasted.png"));
    saveGray(pasted, canvas, 200, 160);

    const CliResult run = runCli({"predict", "--checkpoint", checkpoint_, alone, "--json", "--device", "cpu"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const CliResult roi = runCli({"predict", "--checkpoint", checkpoint_, pasted, "--roi", "70,45,64,64", "--roi",
                                  "0,0,50,50", "--json", "--device", "cpu"});
    QVERIFY2(roi.exitCode == 0, qPrintable(roi.err));
    const QJsonObject whole =
        QJsonDocument::fromJson(run.out.toUtf8()).object()[QStringLiteral("predictions")].toArray()[0].toObject();
    const QJsonArray boxes = QJsonDocument::fromJson(roi.out.toUtf8()).object()[QStringLiteral("predictions")].toArray();
    QCOMPARE(boxes.size(), 2);
    const QJsonObject box = boxes[0].toObject();
    const QJsonObject region = box[QStringLiteral("roi")].toObject();
    QCOMPARE(region[QStringLiteral("x")].toInt(), 70);
    QCOMPARE(region[QStringLiteral("width")].toInt(), 64);
    QCOMPARE(region[QStringLiteral("source")].toString(), QStringLiteral("manual"));
    QCOMPARE(box[QStringLiteral("width")].toInt(), 200);  // the file's size, not the box's
    const QJsonArray a = whole[QStringLiteral("probabilities")].toArray();
    const QJsonArray b = box[QStringLiteral("probabilities")].toArray();
    QCOMPARE(a.size(), 5);
    for (int k = 0; k < 5; ++k)
        QVERIFY2(std::abs(a[k].toDouble() - b[k].toDouble()) <= 1e-4,
                 qPrintable(QString("grade %1: %2 vs %3").arg(k).arg(a[k].toDouble()).arg(b[k].toDouble())));
    QVERIFY(whole[QStringLiteral("ood_score")].isDouble());
    QVERIFY(whole[QStringLiteral("out_of_distribution")].isBool());
    QCOMPARE(whole[QStringLiteral("roi")].toObject()[QStringLiteral("source")].toString(), QStringLiteral("whole image"));

    // A box outside the image is an error for that box only; a malformed one is a usage error.
    const CliResult outside = runCli({"predict", "--checkpoint", checkpoint_, pasted, "--roi", "500,500,10,10", "--json"});
    QCOMPARE(outside.exitCode, 1);
    QVERIFY2(outside.out.contains(QStringLiteral("lies outside")), qPrintable(outside.out));
    QCOMPARE(runCli({"predict", "--checkpoint", checkpoint_, pasted, "--roi", "1,2,3"}).exitCode, 2);
    QCOMPARE(runCli({"predict", "--checkpoint", checkpoint_, pasted, "--roi", "1,2,0,4"}).exitCode, 2);

    // The CSV carries the box and the OOD columns.
    const QString csv = dir_.filePath(QStringLiteral("roi.csv"));
    QCOMPARE(runCli({"predict", "--checkpoint", checkpoint_, pasted, "--roi", "70,45,64,64", "--csv", csv}).exitCode, 0);
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString table = QString::fromUtf8(file.readAll());
    QVERIFY2(table.contains(QStringLiteral("\"70,45,64,64\"")), qPrintable(table));
    QVERIFY(table.section('\n', 0, 0).contains(QStringLiteral("ood_score,out_of_distribution,roi,side,roi_source")));
}

void TestOodGate::calibrateAddsAGateToAnOlderCheckpoint()
{
    // An older checkpoint: the same weights without the gate.
    kg::LoadedCheckpoint loaded = kg::loadCheckpoint(checkpoint_.toStdString());
    loaded.blobs.erase(kg::kOodGateBlob);
    loaded.meta.state.oodGate.reset();
    const std::string older = dir_.filePath(QStringLiteral("older.kgckpt")).toStdString();
    kg::saveCheckpoint(older, loaded.model, loaded.meta, loaded.blobs);
    {
        kg::PredictorOptions options;
        options.checkpoint = older;
        kg::Predictor predictor(options);
        QVERIFY(!predictor.hasOodGate());
        const kg::Prediction p = predictor.predict(data_.toStdString() + "/test/0/" +
                                                   QDir(data_ + "/test/0").entryList(QDir::Files).front().toStdString());
        QVERIFY(p.ok() && !p.hasOodScore());
        QVERIFY(nlohmann::json(p).at("ood_score").is_null());
    }
    const CliResult run = runCli({"calibrate", "--checkpoint", QString::fromStdString(older), "--data", data_,
                                  "--ood-only", "--ood-percentile", "95", "--device", "cpu"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("95th percentile of 80 val images")), qPrintable(run.out));
    kg::PredictorOptions options;
    options.checkpoint = older;
    kg::Predictor predictor(options);
    QVERIFY(predictor.hasOodGate());
    QCOMPARE(predictor.oodGateSummary().at("percentile").get<double>(), 95.0);
    QCOMPARE(kg::readCheckpointMeta(older).temperature, loaded.meta.temperature);  // --ood-only
}

void TestOodGate::automaticRegionsGradeEachKneeOfABilateralFilm()
{
    kg::FullRadiographSpec spec;
    spec.view = kg::RadiographView::BilateralAP;
    spec.seed = kg::fullRadiographSeed(4242, 0);
    spec.scale = 0.3;
    const kg::FullRadiograph film = kg::renderFullRadiograph(spec);
    const QString path = dir_.filePath(QStringLiteral("bilateral.png"));
    saveGray(path, film.eightBit(), film.width, film.height);
    const QString pdf = dir_.filePath(QStringLiteral("prediction.pdf"));
    const CliResult run = runCli({"predict", "--checkpoint", checkpoint_, path, "--roi", "auto", "--json", "--report", pdf,
                                  "--device", "cpu"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonArray boxes = QJsonDocument::fromJson(run.out.toUtf8()).object()[QStringLiteral("predictions")].toArray();
    QCOMPARE(boxes.size(), 2);
    QCOMPARE(boxes[0].toObject()[QStringLiteral("roi")].toObject()[QStringLiteral("side")].toString(), QStringLiteral("R"));
    QCOMPARE(boxes[1].toObject()[QStringLiteral("roi")].toObject()[QStringLiteral("side")].toString(), QStringLiteral("L"));
    QVERIFY(boxes[0].toObject()[QStringLiteral("localisation")].toString().contains(QStringLiteral("2 knee joints")));
    for (int i = 0; i < 2; ++i) {
        const QJsonObject p = boxes[i].toObject();
        kg::JointRegion found;
        found.x = p[QStringLiteral("roi")].toObject()[QStringLiteral("x")].toInt();
        found.y = p[QStringLiteral("roi")].toObject()[QStringLiteral("y")].toInt();
        found.width = p[QStringLiteral("roi")].toObject()[QStringLiteral("width")].toInt();
        found.height = p[QStringLiteral("roi")].toObject()[QStringLiteral("height")].toInt();
        QVERIFY2(kg::intersectionOverUnion(found, film.knees[static_cast<size_t>(i)]) >= 0.5,
                 qPrintable(QString::fromStdString(kg::formatJointRegion(found))));
        QCOMPARE(p[QStringLiteral("probabilities")].toArray().size(), 5);
        QVERIFY(p[QStringLiteral("ood_score")].isDouble());
    }
    QFile report(pdf);
    QVERIFY(report.open(QIODevice::ReadOnly));
    QCOMPARE(report.read(5), QByteArray("%PDF-"));
    QVERIFY(report.size() > 20000);  // the film, two Grad-CAM crops, tables
}

QTEST_GUILESS_MAIN(TestOodGate)
#include "test_ood_gate.moc"
