// Smoke tests of the real kneegrade-cli binary: help, the `info` summary of the real
// ResNet152V2, checkpoint inspection, and usage errors.
#include "TestPaths.h"

#include "core/model/Checkpoint.h"

#include <QProcess>
#include <QtTest>

namespace {

struct Result {
    int exitCode = -1;
    QString out, err;
};

Result runCli(const QStringList& arguments)
{
    QProcess process;
    process.start(kgtest::cliPath(), arguments);
    if (!process.waitForFinished(120000))
        return {};
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

class TestCliSmoke : public QObject {
    Q_OBJECT

private slots:
    void help_lists_every_command()
    {
        const Result r = runCli({"--help"});
        QCOMPARE(r.exitCode, 0);
        for (const char* command : {"info", "synth", "dataset", "train", "evaluate", "predict"})
            QVERIFY2(r.out.contains(QLatin1String("  ") + command), qPrintable(r.out));
    }

    void info_reports_resnet152v2_like_keras()
    {
        const Result r = runCli({"info", "--arch", "resnet152v2"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("total params: 58594565"), qPrintable(r.out));
        QVERIFY(r.out.contains("BN moving statistics (non-trainable): 143744"));
        QVERIFY(r.out.contains("post_relu output: 7×7×2048 for 224×224 input"));
        QVERIFY(r.out.contains("conv4_block36"));
        QVERIFY(r.out.contains("threads: "));
        QVERIFY(r.out.contains("BLAS: "));
        QVERIFY2(QRegularExpression(QStringLiteral("OpenCV \\d+\\.\\d+")).match(r.out).hasMatch(), qPrintable(r.out));
        const Result notop = runCli({"info", "--arch", "resnet152v2", "--no-head"});
        QVERIFY2(notop.out.contains("total params: 58331648"), qPrintable(notop.out));
    }

    void info_reads_a_checkpoint()
    {
        QTemporaryDir dir;
        kg::ModelOptions options;
        options.backbone = kg::parseArchitecture("resnetv2-tiny");
        kg::CheckpointMeta meta;
        meta.preprocessing.imageSize = 64;
        meta.temperature = 1.25;
        const QString file = dir.filePath("tiny.kgckpt");
        kg::saveCheckpoint(file.toStdString(), kg::Model(options), meta);
        const Result r = runCli({"info", "--checkpoint", file});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("architecture: resnetv2:1,1,1,1:8"), qPrintable(r.out));
        QVERIFY2(r.out.contains("image size: 64"), qPrintable(r.out));
        QVERIFY2(r.out.contains("weights SHA-256: "), qPrintable(r.out));
    }

    void usage_errors_exit_2_with_a_message_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown command") << QStringList{"frobnicate"} << "unknown command 'frobnicate'";
        QTest::newRow("unknown option") << QStringList{"info", "--colour"} << "unknown option --colour";
        QTest::newRow("missing value") << QStringList{"info", "--arch"} << "--arch needs a value";
        QTest::newRow("bad number") << QStringList{"info", "--image-size", "big"} << "expects a whole number";
    }

    void usage_errors_exit_2_with_a_message()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Result r = runCli(arguments);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void bad_checkpoint_is_a_clear_error()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("broken.kgckpt");
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("KNEEGRADE-CKPT\n");  // magic cut short
        f.close();
        const Result r = runCli({"info", "--checkpoint", file});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(file) && r.err.contains("checkpoint"), qPrintable(r.err));
        QVERIFY2(!r.err.contains("Exception raised from"), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCliSmoke)
#include "test_cli_smoke.moc"
