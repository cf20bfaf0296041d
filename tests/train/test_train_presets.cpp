// Core's training presets: unique command-line ids, each one applies and validates and sets
// what it promises, and `kneegrade-cli train` lists them in --help, applies --preset before
// the other options, and refuses an unknown preset or one combined with --resume (exit 2).
#include "CliRunner.h"

#include "core/train/TrainOptions.h"
#include "core/train/TrainPresets.h"

#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace kg;

namespace {

using kgtest::CliResult;

// These tests only start the CLI and read what it prints: two minutes is plenty.
CliResult runCli(const QStringList& arguments) { return kgtest::runCli(arguments, 120000); }

QString architecture(const TrainOptions& options)
{
    return QString::fromStdString(architectureName(options.model.backbone));
}

} // namespace

class TestTrainPresets : public QObject {
    Q_OBJECT
private slots:
    void idsAreUniqueAndFitTheCommandLine();
    void eachPresetAppliesAndValidates();
    void presetsSetWhatTheyPromise();
    void findByIdOnly();
    void cliHelpListsEveryPreset();
    void cliRejectsAnUnknownPreset();
    void cliRejectsAPresetWithResume();
    void cliOptionsOverrideThePreset();
};

void TestTrainPresets::idsAreUniqueAndFitTheCommandLine()
{
    QVERIFY(trainPresets().size() >= 3);
    QSet<QString> ids, names;
    const QRegularExpression idPattern(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*$"));
    for (const TrainPreset& preset : trainPresets()) {
        const QString id = QString::fromStdString(preset.id);
        QVERIFY2(idPattern.match(id).hasMatch(), qPrintable(id));
        QVERIFY2(!ids.contains(id), qPrintable(id));
        ids.insert(id);
        const QString name = QString::fromStdString(preset.name);
        QVERIFY2(!name.isEmpty() && !names.contains(name), qPrintable(name));
        names.insert(name);
        QVERIFY(!preset.summary.empty() && preset.summary.find('\n') == std::string::npos);
        QVERIFY(!preset.description.empty());
        QVERIFY(preset.apply != nullptr);
    }
    for (const char* id : {"cpu-quick-look", "gpu-full-fine-tune", "keras-tutorial"})
        QVERIFY2(ids.contains(QString::fromLatin1(id)), id);
}

void TestTrainPresets::eachPresetAppliesAndValidates()
{
    for (const TrainPreset& preset : trainPresets()) {
        TrainOptions options;
        options.dataRoot = "/data/knees";
        options.runDir = "/runs/one";
        options.imagenetWeights = "/weights/resnet152v2_notop.h5";
        options.seed = 7;
        options.runtime.device = DevicePreference::Cpu;
        preset.apply(options);
        try {
            validateTrainOptions(options);
        } catch (const std::exception& e) {
            QFAIL(qPrintable(QStringLiteral("%1: %2").arg(QString::fromStdString(preset.id), QString::fromUtf8(e.what()))));
        }
        // What a preset is not about stays as it was.
        QCOMPARE(options.dataRoot, std::string("/data/knees"));
        QCOMPARE(options.runDir, std::string("/runs/one"));
        QCOMPARE(options.seed, std::uint64_t(7));
        QVERIFY(options.runtime.device == DevicePreference::Cpu);
        // A preset from scratch drops the weights; one meant for ImageNet weights keeps them.
        QCOMPARE(options.imagenetWeights.empty(), !preset.expectsImagenetWeights);
    }
}

void TestTrainPresets::presetsSetWhatTheyPromise()
{
    TrainOptions quick;
    findTrainPreset("cpu-quick-look")->apply(quick);
    QCOMPARE(architecture(quick), QString::fromStdString(architectureName(parseArchitecture("resnetv2-small"))));
    QCOMPARE(quick.preprocessing.imageSize, 128);
    QCOMPARE(quick.learningRate, 1e-3);
    QCOMPARE(quick.epochs, 25);
    QCOMPARE(quick.augmentation.rotationFactor, 0.03);
    QVERIFY(quick.imbalance == ImbalanceStrategy::None);

    TrainOptions gpu;
    findTrainPreset("gpu-full-fine-tune")->apply(gpu);
    QCOMPARE(architecture(gpu), QStringLiteral("resnet152v2"));
    QCOMPARE(gpu.preprocessing.imageSize, 224);
    QCOMPARE(gpu.batchSize, 32);
    QCOMPARE(gpu.epochs, 100);
    QVERIFY(gpu.imbalance == ImbalanceStrategy::ClassWeights);

    // The tutorial's preset is the defaults (what `kneegrade-cli train` does without a preset).
    TrainOptions tutorial, defaults;
    tutorial.epochs = 3;
    tutorial.imbalance = ImbalanceStrategy::BalancedSampling;
    findTrainPreset("keras-tutorial")->apply(tutorial);
    QCOMPARE(architecture(tutorial), architecture(defaults));
    QCOMPARE(tutorial.preprocessing.imageSize, defaults.preprocessing.imageSize);
    QCOMPARE(tutorial.learningRate, defaults.learningRate);
    QCOMPARE(tutorial.batchSize, defaults.batchSize);
    QCOMPARE(tutorial.epochs, defaults.epochs);
    QVERIFY(tutorial.mode == defaults.mode && tutorial.imbalance == defaults.imbalance);
}

void TestTrainPresets::findByIdOnly()
{
    for (const TrainPreset& preset : trainPresets())
        QCOMPARE(findTrainPreset(preset.id), &preset);
    QVERIFY(!findTrainPreset(""));
    QVERIFY(!findTrainPreset("CPU quick look"));   // the display name is not an id
    QVERIFY(!findTrainPreset("no-such-preset"));
}

void TestTrainPresets::cliHelpListsEveryPreset()
{
    const CliResult result = runCli({QStringLiteral("train"), QStringLiteral("--help")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.out.contains(QStringLiteral("--preset")));
    for (const TrainPreset& preset : trainPresets()) {
        // One line each: the id, then its summary.
        const QRegularExpression line(QStringLiteral("\\n  %1 +%2\\n")
                                          .arg(QRegularExpression::escape(QString::fromStdString(preset.id)),
                                               QRegularExpression::escape(QString::fromStdString(preset.summary))));
        QVERIFY2(line.match(result.out).hasMatch(), qPrintable(QString::fromStdString(preset.id) + QStringLiteral("\n") + result.out));
    }
}

void TestTrainPresets::cliRejectsAnUnknownPreset()
{
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    const CliResult result = runCli({QStringLiteral("train"), QStringLiteral("--data"), temp.filePath(QStringLiteral("data")),
                                     QStringLiteral("--out"), temp.filePath(QStringLiteral("run")), QStringLiteral("--preset"),
                                     QStringLiteral("no-such-preset")});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(QStringLiteral("no-such-preset")), qPrintable(result.err));
    for (const TrainPreset& preset : trainPresets())   // the message names the choices
        QVERIFY2(result.err.contains(QString::fromStdString(preset.id)), qPrintable(result.err));
    QVERIFY(!QFileInfo::exists(temp.filePath(QStringLiteral("run"))));
}

void TestTrainPresets::cliRejectsAPresetWithResume()
{
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    const CliResult result = runCli({QStringLiteral("train"), QStringLiteral("--resume"), temp.path(),
                                     QStringLiteral("--preset"), QStringLiteral("cpu-quick-look")});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(QStringLiteral("--preset")), qPrintable(result.err));
}

void TestTrainPresets::cliOptionsOverrideThePreset()
{
    // The CLI names the network it trains before it reads the data (missing here: exit 1).
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    const QStringList common{QStringLiteral("train"), QStringLiteral("--data"), temp.filePath(QStringLiteral("no-data")),
                             QStringLiteral("--out"), temp.filePath(QStringLiteral("run")), QStringLiteral("--preset"),
                             QStringLiteral("cpu-quick-look")};
    const QString small = QString::fromStdString(architectureName(parseArchitecture("resnetv2-small")));
    const QString tiny = QString::fromStdString(architectureName(parseArchitecture("resnetv2-tiny")));
    const CliResult preset = runCli(common);
    QCOMPARE(preset.exitCode, 1);
    QVERIFY2(preset.err.contains(QStringLiteral("training %1 (finetune)").arg(small)), qPrintable(preset.err));
    const CliResult overridden = runCli(common + QStringList{QStringLiteral("--arch"), QStringLiteral("resnetv2-tiny"),
                                                             QStringLiteral("--mode"), QStringLiteral("two-phase")});
    QCOMPARE(overridden.exitCode, 1);
    QVERIFY2(overridden.err.contains(QStringLiteral("training %1 (two-phase)").arg(tiny)), qPrintable(overridden.err));
    // Without a preset, the defaults (the tutorial's ResNet152V2).
    const CliResult plain = runCli(common.mid(0, 5));
    QCOMPARE(plain.exitCode, 1);
    QVERIFY2(plain.err.contains(QStringLiteral("training resnet152v2 (finetune)")), qPrintable(plain.err));
}

QTEST_APPLESS_MAIN(TestTrainPresets)
#include "test_train_presets.moc"
