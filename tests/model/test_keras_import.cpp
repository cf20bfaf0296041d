// Keras .h5 import against an independent NumPy implementation of keras.applications'
// ResNetV2 (make_keras_reference.py): every file layout Keras writes, odd feature-map sizes,
// broken and foreign files, the official-file MD5 table and the CLI.
#include "core/model/KerasWeights.h"
#include "core/model/Model.h"
#include "core/model/ModelImpl.h"
#include "core/util/Error.h"

#include "NamedPipe.h"
#include "TestPaths.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>

using namespace kg;

namespace {

/// Runs make_keras_reference.py into `dir`; returns its output (empty on success).
QString generate(const QString& dir, const QStringList& arguments)
{
    QProcess python;
    python.setProcessChannelMode(QProcess::MergedChannels);
    python.start(kgtest::python(),
                 QStringList{kgtest::sourceDir() + "/tests/model/make_keras_reference.py", "--out", dir} + arguments);
    if (!python.waitForFinished(120000))
        return "make_keras_reference.py did not finish: " + python.errorString();
    if (python.exitStatus() != QProcess::NormalExit || python.exitCode() != 0)
        return "make_keras_reference.py failed: " + QString::fromUtf8(python.readAll());
    return {};
}

QJsonObject readMeta(const QString& dir)
{
    QFile file(dir + "/meta.json");
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

std::vector<float> readFloats(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = file.readAll();
    std::vector<float> values(static_cast<size_t>(bytes.size()) / sizeof(float));
    std::memcpy(values.data(), bytes.constData(), values.size() * sizeof(float));
    return values;
}

/// The model the reference describes (architecture, pooling, top, head).
ModelOptions optionsFromMeta(const QJsonObject& meta)
{
    ModelOptions options;
    options.backbone = parseArchitecture(meta["arch"].toString().toStdString());
    options.backbone.pooling = parsePooling(meta["pooling"].toString().toStdString());
    options.backbone.imagenetTop = meta["top"].toBool();
    options.head.enabled = meta["head"].toBool();
    options.head.hiddenUnits.clear();
    for (const auto& units : meta["hidden"].toArray())
        options.head.hiddenUnits.push_back(units.toInt());
    options.head.numClasses = meta["classes"].toInt();
    options.seed = 7;
    return options;
}

/// max |actual − expected| relative to the largest expected magnitude.
double relativeError(const std::vector<float>& actual, const std::vector<float>& expected)
{
    if (actual.size() != expected.size() || expected.empty())
        return INFINITY;
    double worst = 0.0, scale = 0.0;
    for (size_t i = 0; i < expected.size(); ++i) {
        worst = std::max(worst, std::abs(double(actual[i]) - double(expected[i])));
        scale = std::max(scale, std::abs(double(expected[i])));
    }
    return worst / std::max(scale, 1e-12);
}

/// The globally pooled post_relu activation for NHWC input (the head's input, or the input
/// of `predictions` in a model with top).
std::vector<float> features(Model& model, const std::vector<float>& nhwc, int batch, int side)
{
    torch::NoGradGuard noGrad;
    auto& impl = model.impl();
    impl.net->eval();
    const torch::Tensor input =
        torch::from_blob(const_cast<float*>(nhwc.data()), {batch, side, side, 3}, torch::kFloat32).permute({0, 3, 1, 2});
    const auto result = impl.net->forward(impl.prepareInput(input));
    const torch::Tensor pooled = model.options().backbone.imagenetTop ? result.featureMap.mean({2, 3}) : result.features;
    const torch::Tensor out = pooled.to(torch::kCPU).contiguous();
    return {out.data_ptr<float>(), out.data_ptr<float>() + out.numel()};
}

/// Compares features (and logits when the reference has them) for every input size.
void checkForward(Model& model, const QString& dir, const QJsonObject& meta, bool logits)
{
    const int batch = meta["batch"].toInt();
    for (const auto& entry : meta["cases"].toArray()) {
        const int side = entry.toObject()["size"].toInt();
        const QString suffix = QString("_%1.f32").arg(side);
        const std::vector<float> input = readFloats(dir + "/input" + suffix);
        QCOMPARE(input.size(), size_t(batch) * side * side * 3);
        const double featureError = relativeError(features(model, input, batch, side), readFloats(dir + "/features" + suffix));
        qInfo("%d px: features relative error %.2g", side, featureError);
        QVERIFY2(featureError < 1e-4, qPrintable(QString("features at %1 px: relative error %2").arg(side).arg(featureError)));
        if (logits) {
            const double logitError = relativeError(model.forward(input, batch, side), readFloats(dir + "/logits" + suffix));
            qInfo("%d px: logits relative error %.2g", side, logitError);
            QVERIFY2(logitError < 1e-4, qPrintable(QString("logits at %1 px: relative error %2").arg(side).arg(logitError)));
        }
    }
}

QString md5Of(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(QCryptographicHash::hash(file.readAll(), QCryptographicHash::Md5).toHex());
}

QStringList toList(const std::vector<std::string>& items)
{
    QStringList list;
    for (const auto& item : items)
        list << QString::fromStdString(item);
    return list;
}

torch::Tensor snapshot(Model& model)
{
    return modelStateTensors(model.impl().net).front().second.detach().clone();
}

} // namespace

class TestKerasImport : public QObject {
    Q_OBJECT

private slots:
    void forward_matches_keras_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("layout");
        // Odd feature maps everywhere: 72 → 36 → 18 → 9 → 5 → 3 and 100 → 50 → 25 → 13 → 7 → 4.
        QTest::newRow("save_weights, tutorial head, scrambled order")
            << QStringList{"--arch", "resnetv2:1,1,2,1:8", "--head", "16", "--scramble", "--sizes", "72,100"}
            << "legacy h5 (save_weights)";
        QTest::newRow("save_weights, ImageNet top, chunked layer_names")
            << QStringList{"--arch", "resnetv2:2,2,3,2:4", "--top", "--chunk-names", "3", "--sizes", "64,100"}
            << "legacy h5 (save_weights)";
        QTest::newRow("model.save, max pooling, two hidden layers, vlen strings")
            << QStringList{"--arch", "resnetv2:2,2,3,2:4", "--layout", "model-save", "--pooling", "max", "--head", "8,6",
                           "--classes", "3", "--vlen-strings", "--sizes", "72"}
            << "legacy h5 (model.save)";
        QTest::newRow("Keras 3 legacy h5 (no :0 suffix)")
            << QStringList{"--arch", "resnetv2:1,2,1,2:8", "--layout", "keras3-h5", "--head", "linear", "--sizes", "100"}
            << "legacy h5 (model.save)";
        QTest::newRow("tutorial model: backbone nested as one layer")
            << QStringList{"--arch", "resnetv2:1,1,2,1:8", "--nested", "resnet152v2", "--head", "16", "--sizes", "100"}
            << "legacy h5 (save_weights)";
        QTest::newRow("Keras 3 .weights.h5, nested")
            << QStringList{"--arch", "resnetv2:1,1,2,1:8", "--layout", "keras3", "--nested", "resnet152v2", "--head",
                           "16", "--sizes", "72"}
            << "Keras 3 .weights.h5";
    }

    void forward_matches_keras()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, layout);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString error = generate(dir.path(), arguments);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonObject meta = readMeta(dir.path());
        Model model(optionsFromMeta(meta));
        const QString file = dir.path() + "/weights.h5";

        const KerasImportReport report = importKerasWeights(model, file.toStdString());
        QCOMPARE(QString::fromStdString(report.layout), layout);
        QCOMPARE(QString::fromStdString(report.md5), md5Of(file));
        QVERIFY(report.officialName.empty());
        QVERIFY2(report.missingModelLayers.empty(), qPrintable(toList(report.missingModelLayers).join(", ")));
        QVERIFY2(report.unusedFileLayers.empty(), qPrintable(toList(report.unusedFileLayers).join(", ")));
        QCOMPARE(report.fileHasTop, meta["top"].toBool());
        QCOMPARE(QString::fromStdString(report.fileArchitecture), meta["arch"].toString());
        QCOMPARE(report.layersLoaded, int(meta["layers"].toArray().size()));
        QCOMPARE(report.fileLayers, report.layersLoaded);
        QCOMPARE(size_t(report.tensorsLoaded), modelStateTensors(model.impl().net).size());
        QCOMPARE(report.valuesLoaded, model.parameterCounts().total());
        // The import copies into the existing tensors: CPU convolutions stay channels-last.
        const auto& conv = model.impl().net->backbone()->named_parameters()["conv1_conv.weight"];
        QVERIFY(conv.is_contiguous(at::MemoryFormat::ChannelsLast));

        checkForward(model, dir.path(), meta, /*logits=*/true);
    }

    void imagenet_style_file_leaves_head_alone()
    {
        // An ImageNet file has no head: the backbone loads, dense/dense_1 keep their values.
        QTemporaryDir dir;
        const QString error = generate(dir.path(), {"--arch", "resnetv2:1,1,2,1:8", "--sizes", "72"});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        ModelOptions options = optionsFromMeta(readMeta(dir.path()));
        options.head = HeadOptions{};  // the tutorial's Dense(128) → Dense(5)
        Model model(options);
        const torch::Tensor headBefore = model.impl().net->head()->layers().front()->weight.detach().clone();
        const auto report = importKerasWeights(model, (dir.path() + "/weights.h5").toStdString());
        QCOMPARE(toList(report.missingModelLayers), (QStringList{"dense", "dense_1"}));
        QVERIFY(torch::equal(headBefore, model.impl().net->head()->layers().front()->weight));
        checkForward(model, dir.path(), readMeta(dir.path()), /*logits=*/false);
        QVERIFY(QString::fromStdString(describe(report)).contains("not in the file, kept as initialised: dense, dense_1"));

        KerasImportOptions strict;
        strict.allowMissingHead = false;
        try {
            importKerasWeights(model, (dir.path() + "/weights.h5").toStdString(), strict);
            QFAIL("a file without head was accepted with allowMissingHead = false");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("no layer 'dense'"), e.what());
        }
    }

    void top_file_into_model_without_top()
    {
        QTemporaryDir dir;
        const QString error = generate(dir.path(), {"--arch", "resnetv2:1,1,2,1:8", "--top", "--sizes", "72"});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        ModelOptions options = optionsFromMeta(readMeta(dir.path()));
        options.backbone.imagenetTop = false;
        options.head.enabled = false;
        Model model(options);
        const auto report = importKerasWeights(model, (dir.path() + "/weights.h5").toStdString());
        QVERIFY(report.fileHasTop);
        QCOMPARE(toList(report.unusedFileLayers), QStringList{"predictions"});
        QVERIFY(QString::fromStdString(describe(report)).contains("predictions (the ImageNet top; the model has none)"));
        checkForward(model, dir.path(), readMeta(dir.path()), /*logits=*/false);

        // The other way round: a model with top needs `predictions`.
        const QString notop = dir.path() + "/notop";
        QVERIFY(generate(notop, {"--arch", "resnetv2:1,1,2,1:8", "--sizes", "64"}).isEmpty());
        options.backbone.imagenetTop = true;
        Model withTop(options);
        try {
            importKerasWeights(withTop, (notop + "/weights.h5").toStdString());
            QFAIL("a notop file was accepted by a model with top");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("no layer 'predictions'"), e.what());
        }
    }

    void partial_import_reports_missing_layers()
    {
        QTemporaryDir dir;
        QVERIFY(generate(dir.path(), {"--arch", "resnetv2:1,1,2,1:8", "--omit-layer", "conv4_block2_1_bn", "--sizes", "64"})
                    .isEmpty());
        Model model(optionsFromMeta(readMeta(dir.path())));
        KerasImportOptions partial;
        partial.allowMissingLayers = true;
        const auto report = importKerasWeights(model, (dir.path() + "/weights.h5").toStdString(), partial);
        QCOMPARE(toList(report.missingModelLayers), QStringList{"conv4_block2_1_bn"});
    }

    void refuses_bad_files_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QStringList>("arguments");  // reference file to write (kind "script")
        QTest::addColumn<QString>("modelArch");
        QTest::addColumn<QString>("expected");

        const QString arch = "resnetv2:1,1,2,1:8";
        QTest::newRow("random bytes") << "random" << QStringList{} << arch << "is not an HDF5 file";
        QTest::newRow("text file") << "text" << QStringList{} << arch << "is not an HDF5 file";
        QTest::newRow("empty file") << "empty" << QStringList{} << arch << "the weights file is empty";
        QTest::newRow("no such file") << "absent" << QStringList{} << arch << "cannot open the weights file";
        QTest::newRow("folder") << "folder" << QStringList{} << arch << "is a folder, not a weights file";
        QTest::newRow("named pipe") << "fifo" << QStringList{} << arch << "is a named pipe (FIFO), not a weights file";
        QTest::newRow(".keras zip") << "zip" << QStringList{} << arch << "is a zip archive";
        QTest::newRow("truncated h5") << "truncate" << QStringList{"--arch", arch} << arch << "damaged or truncated";
        QTest::newRow("h5 without Keras weights") << "plain-h5" << QStringList{} << arch << "holds no Keras weights";
        QTest::newRow("more blocks per stack")
            << "script" << QStringList{"--arch", "resnetv2:2,2,3,2:8"} << arch
            << "the file has the layer 'conv2_block2_preact_bn', which the model (resnetv2:1,1,2,1:8) has not — is "
               "this a resnetv2:2,2,3,2:8 file?";
        QTest::newRow("fewer blocks per stack")
            << "script" << QStringList{"--arch", arch} << "resnetv2:1,1,3,1:8"
            << "the file has no layer 'conv4_block3_preact_bn', which the model needs — is this a resnetv2:1,1,2,1:8 file?";
        QTest::newRow("other width")
            << "script" << QStringList{"--arch", "resnetv2:1,1,2,1:4"} << arch
            << "conv1_conv/kernel:0 has shape 7×7×3×4 in the file but the model expects 7×7×3×8 — is this a "
               "resnetv2:1,1,2,1:4 file?";
        QTest::newRow("one wrong-shaped layer")
            << "script" << QStringList{"--arch", arch, "--wrong-shape", "conv3_block1_2_conv"} << arch
            << "conv3_block1_2_conv/kernel:0 has shape 3×3×16×17 in the file but the model expects 3×3×16×16";
        QTest::newRow("wrong-shaped head")
            << "script" << QStringList{"--arch", arch, "--head", "16", "--wrong-shape", "dense_1"} << arch
            << "dense_1/kernel:0 has shape 16×6 in the file but the model expects 16×5";
        QTest::newRow("missing layer")
            << "script" << QStringList{"--arch", arch, "--omit-layer", "post_bn"} << arch
            << "the file has no layer 'post_bn', which the model needs";
    }

    void refuses_bad_files()
    {
        QFETCH(QString, kind);
        QFETCH(QStringList, arguments);
        QFETCH(QString, modelArch);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString file = dir.path() + "/weights.h5";
        auto writeBytes = [&](const QByteArray& bytes) {
            QFile out(file);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(bytes);
        };
        if (kind == "random") {
            QByteArray bytes(4096, '\0');
            QRandomGenerator generator(3);
            for (auto& byte : bytes)
                byte = char(generator.bounded(256));
            writeBytes(bytes);
        } else if (kind == "text") {
            writeBytes("conv1_conv/kernel:0 0.1 0.2 0.3\n");
        } else if (kind == "empty") {
            writeBytes({});
        } else if (kind == "zip") {
            writeBytes(QByteArray("PK\x03\x04", 4) + QByteArray(100, 'x'));
        } else if (kind == "folder") {
            QVERIFY(QDir().mkpath(file));
        } else if (kind == "fifo") {
            QVERIFY(kgtest::makeNamedPipe(file.toStdString()));
        } else if (kind == "plain-h5") {
            QProcess python;
            python.start(kgtest::python(), {"-c", "import h5py, sys; h5py.File(sys.argv[1], 'w').create_dataset('x', "
                                                  "data=[1.0, 2.0])",
                                            file});
            QVERIFY(python.waitForFinished(60000) && python.exitCode() == 0);
        } else if (kind == "script" || kind == "truncate") {
            const QString error = generate(dir.path(), arguments + QStringList{"--sizes", ""});
            QVERIFY2(error.isEmpty(), qPrintable(error));
            if (kind == "truncate") {
                QFile h5(file);
                QVERIFY(h5.resize(h5.size() / 2));
            }
        }

        ModelOptions options;
        options.backbone = parseArchitecture(modelArch.toStdString());
        options.head.hiddenUnits = {16};
        Model model(options);
        const torch::Tensor before = snapshot(model);
        std::string path;
        // On another thread with a watchdog: a reader that blocks on the FIFO fails, not hangs.
        const kgtest::PipeOutcome outcome = kgtest::readNamedPipe(
            [&] {
                try {
                    importKerasWeights(model, file.toStdString());
                } catch (const Error& e) {
                    path = e.path();
                    throw;
                }
            },
            file.toStdString());
        QVERIFY2(!outcome.blocked, "the import blocked until a writer opened the FIFO");
        const QString message = QString::fromUtf8(outcome.error.c_str());
        QVERIFY2(!message.isEmpty(), "the file was accepted");
        QVERIFY2(message.contains(expected), qPrintable(message));
        QVERIFY2(message.startsWith("'" + file + "'"), qPrintable(message));  // names the file
        QCOMPARE(QString::fromStdString(path), file);
        QVERIFY(torch::equal(before, snapshot(model)));  // a refused file leaves the model as it was
    }

    void official_md5_table()
    {
        const auto* notop = findOfficialKerasWeights("ed17cf2e0169df9d443503ef94b23b33");
        QVERIFY(notop);
        QCOMPARE(QString::fromStdString(notop->fileName), "resnet152v2_weights_tf_dim_ordering_tf_kernels_notop.h5");
        QCOMPARE(QString::fromStdString(notop->architecture), "resnet152v2");
        QVERIFY(!notop->hasTop);
        const auto* top = findOfficialKerasWeights("A49B44D1979771252814E80F8EC446F9");  // any case
        QVERIFY(top && top->hasTop);
        QCOMPARE(QString::fromStdString(top->fileName), "resnet152v2_weights_tf_dim_ordering_tf_kernels.h5");
        // keras/src/applications/resnet.py WEIGHTS_HASHES (with top, notop).
        QCOMPARE(QString::fromStdString(findOfficialKerasWeights("3ef43a0b657b3be2300d5770ece849e0")->fileName),
                 "resnet50v2_weights_tf_dim_ordering_tf_kernels.h5");
        QCOMPARE(QString::fromStdString(findOfficialKerasWeights("fac2f116257151a9d068a22e544a4917")->fileName),
                 "resnet50v2_weights_tf_dim_ordering_tf_kernels_notop.h5");
        QCOMPARE(QString::fromStdString(findOfficialKerasWeights("6343647c601c52e1368623803854d971")->fileName),
                 "resnet101v2_weights_tf_dim_ordering_tf_kernels.h5");
        QCOMPARE(QString::fromStdString(findOfficialKerasWeights("c0ed64b8031c3730f411d2eb4eea35b5")->fileName),
                 "resnet101v2_weights_tf_dim_ordering_tf_kernels_notop.h5");
        QVERIFY(!findOfficialKerasWeights("2cb95161c43110f7111970584f804107"));  // ResNet50 (v1) is not a ResNetV2
        QVERIFY(!findOfficialKerasWeights(""));
        QCOMPARE(officialKerasWeights().size(), size_t(6));

        // A file that is not official: the report says so, with its true MD5.
        QTemporaryDir dir;
        QVERIFY(generate(dir.path(), {"--sizes", ""}).isEmpty());
        Model model(optionsFromMeta(readMeta(dir.path())));
        const auto report = importKerasWeights(model, (dir.path() + "/weights.h5").toStdString());
        QVERIFY(report.officialName.empty());
        QCOMPARE(QString::fromStdString(report.md5), md5Of(dir.path() + "/weights.h5"));
        QVERIFY(QString::fromStdString(describe(report)).contains("not one of Keras' official ResNetV2 ImageNet files"));
        KerasImportOptions noHash;
        noHash.recogniseOfficial = false;
        QVERIFY(importKerasWeights(model, (dir.path() + "/weights.h5").toStdString(), noHash).md5.empty());

        nlohmann::json json = noHash;
        KerasImportOptions back;
        from_json(json, back);
        QVERIFY(!back.recogniseOfficial && back.allowMissingHead);
        nlohmann::json reportJson = report;
        QCOMPARE(reportJson["layers_loaded"].get<int>(), report.layersLoaded);
    }

    void cli_info_prints_the_report()
    {
        QTemporaryDir dir;
        QVERIFY(generate(dir.path(), {"--arch", "resnetv2:1,1,2,1:8", "--top", "--sizes", ""}).isEmpty());
        QProcess cli;
        cli.start(kgtest::cliPath(), {"info", "--arch", "resnetv2:1,1,2,1:8", "--image-size", "72", "--no-head",
                                      "--weights", dir.path() + "/weights.h5"});
        QVERIFY(cli.waitForFinished(120000));
        const QString out = QString::fromUtf8(cli.readAllStandardOutput());
        QVERIFY2(cli.exitCode() == 0, qPrintable(out + cli.readAllStandardError()));
        QVERIFY2(out.contains("not one of Keras' official ResNetV2 ImageNet files"), qPrintable(out));
        QVERIFY2(out.contains("loaded: 36 layers, 94 tensors"), qPrintable(out));
        QVERIFY2(out.contains("not used from the file: predictions"), qPrintable(out));

        QFile junk(dir.path() + "/junk.h5");
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not hdf5");
        junk.close();
        cli.start(kgtest::cliPath(), {"info", "--arch", "resnetv2-tiny", "--weights", junk.fileName()});
        QVERIFY(cli.waitForFinished(120000));
        QCOMPARE(cli.exitCode(), 1);
        const QString err = QString::fromUtf8(cli.readAllStandardError());
        QVERIFY2(err.contains("is not an HDF5 file"), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestKerasImport)
#include "test_keras_import.moc"
