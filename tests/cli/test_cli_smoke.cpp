// Smoke tests of the real kneegrade-cli binary: help, the `info` summary of the real
// ResNet152V2, checkpoint inspection, and usage errors.
#include "CliRunner.h"
#include "NamedPipe.h"

#include "core/model/Checkpoint.h"

#include <QtTest>

using kgtest::CliResult;
using kgtest::runCli;

class TestCliSmoke : public QObject {
    Q_OBJECT

private slots:
    void help_lists_every_command()
    {
        const CliResult r = runCli({"--help"});
        QCOMPARE(r.exitCode, 0);
        for (const char* command : {"info", "synth", "dataset", "train", "evaluate", "predict"})
            QVERIFY2(r.out.contains(QLatin1String("  ") + command), qPrintable(r.out));
    }

    void info_reports_resnet152v2_like_keras()
    {
        const CliResult r = runCli({"info", "--arch", "resnet152v2"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("total params: 58594565"), qPrintable(r.out));
        QVERIFY(r.out.contains("BN moving statistics (non-trainable): 143744"));
        QVERIFY(r.out.contains("post_relu output: 7×7×2048 for 224×224 input"));
        QVERIFY(r.out.contains("conv4_block36"));
        QVERIFY(r.out.contains("threads: "));
        QVERIFY(r.out.contains("BLAS: "));
        QVERIFY2(QRegularExpression(QStringLiteral("OpenCV \\d+\\.\\d+")).match(r.out).hasMatch(), qPrintable(r.out));
        const CliResult notop = runCli({"info", "--arch", "resnet152v2", "--no-head"});
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
        const CliResult r = runCli({"info", "--checkpoint", file});
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
        const CliResult r = runCli(arguments);
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
        const CliResult r = runCli({"info", "--checkpoint", file});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(file) && r.err.contains("checkpoint"), qPrintable(r.err));
        QVERIFY2(!r.err.contains("Exception raised from"), qPrintable(r.err));
    }

    /// Every command that reads a checkpoint refuses a folder and a named pipe with a clear
    /// message; a FIFO must not leave the command waiting for a writer.
    void checkpoint_that_is_not_a_file_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("what");
        for (const char* command : {"info", "predict", "evaluate", "calibrate"}) {
            QTest::addRow("%s, folder", command) << command << "folder";
            QTest::addRow("%s, named pipe", command) << command << "fifo";
        }
    }

    void checkpoint_that_is_not_a_file()
    {
        QFETCH(QString, command);
        QFETCH(QString, what);
        QTemporaryDir dir;
        const QString checkpoint = dir.filePath(what == "folder" ? "run1" : "model.kgckpt");
        if (what == "folder")
            QVERIFY(QDir().mkpath(checkpoint));
        else
            QVERIFY(kgtest::makeNamedPipe(checkpoint.toStdString()));
        const QString data = dir.filePath("data");
        QVERIFY(QDir().mkpath(data + "/test") && QDir().mkpath(data + "/val"));
        QStringList arguments{command, "--checkpoint", checkpoint};
        if (command == "predict")
            arguments << dir.filePath("knee.png");
        if (command == "evaluate" || command == "calibrate")
            arguments << "--data" << data;

        const CliResult r = runCli(arguments);
        QVERIFY2(r.exitCode == 1, qPrintable(QString("exit code %1 (-1: still running after 2 minutes); %2").arg(r.exitCode).arg(r.err)));
        const QString expected = what == "folder" ? "is a folder, not a checkpoint file" : "is a named pipe (FIFO), not a checkpoint file";
        QVERIFY2(r.err.contains("'" + checkpoint + "': " + expected), qPrintable(r.err));
    }

    void resume_of_a_file_names_the_folder_to_give()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("last.kgckpt");
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const CliResult r = runCli({"train", "--resume", file});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("'" + file + "': is a file; a run is resumed from its folder"), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCliSmoke)
#include "test_cli_smoke.moc"
