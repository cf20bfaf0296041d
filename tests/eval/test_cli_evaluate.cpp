// kneegrade-cli evaluate / calibrate / predict end to end on a tiny dataset and checkpoint.
#include "EvalFixtures.h"
#include "TestPaths.h"

#include "core/model/Checkpoint.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run {
    int exitCode = -1;
    QString out, err;
};

Run cli(const QStringList& arguments)
{
    QProcess process;
    process.start(kgtest::cliPath(), arguments);
    Run run;
    if (!process.waitForFinished(120000)) {
        process.kill();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

int lines(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    return file.readAll().count('\n');
}

} // namespace

class TestCliEvaluate : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString data_, checkpoint_;

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        data_ = dir_.filePath(QStringLiteral("data"));
        evaltest::writeSplit(data_, QStringLiteral("test"), 3, 40, 1);
        evaltest::writeSplit(data_, QStringLiteral("val"), 3, 40, 2);
        evaltest::writeSplit(data_, QStringLiteral("train"), 1, 40, 3);
        checkpoint_ = dir_.filePath(QStringLiteral("tiny.kgckpt"));
        evaltest::saveTinyCheckpoint(checkpoint_.toStdString(), 48);
    }

    void evaluatePrintsTheFieldsMetrics()
    {
        const QString csv = dir_.filePath(QStringLiteral("per-image.csv"));
        const QString metrics = dir_.filePath(QStringLiteral("metrics.csv"));
        const Run run = cli({QStringLiteral("evaluate"), QStringLiteral("--checkpoint"), checkpoint_, QStringLiteral("--data"),
                             data_, QStringLiteral("--csv"), csv, QStringLiteral("--order"), QStringLiteral("mistakes"),
                             QStringLiteral("--metrics-csv"), metrics, QStringLiteral("--device"), QStringLiteral("cpu")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        for (const char* expected : {"precision", "recall", "f1-score", "support", "Healthy", "Severe", "accuracy",
                                     "balanced accuracy", "quadratic weighted kappa", "mean absolute error",
                                     "expected calibration error", "confusion matrix", "evaluated 15 images"})
            QVERIFY2(run.out.contains(QLatin1String(expected)), expected);
        QCOMPARE(lines(csv), 16);
        QVERIFY(lines(metrics) > 8);
    }

    void evaluateJsonAndReport()
    {
        const QString pdf = dir_.filePath(QStringLiteral("report.pdf"));
        const Run run = cli({QStringLiteral("evaluate"), QStringLiteral("--checkpoint"), checkpoint_, QStringLiteral("--data"),
                             data_, QStringLiteral("--split"), QStringLiteral("val"), QStringLiteral("--tta"),
                             QStringLiteral("--json"), QStringLiteral("--report"), pdf, QStringLiteral("--samples"),
                             QStringLiteral("2"), QStringLiteral("--device"), QStringLiteral("cpu")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(json[QStringLiteral("split")].toString(), QStringLiteral("val"));
        QCOMPARE(json[QStringLiteral("images")].toInt(), 15);
        QVERIFY(json[QStringLiteral("tta")].toBool());
        QVERIFY(json[QStringLiteral("metrics")].toObject().contains(QStringLiteral("accuracy")));
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.read(5), QByteArray("%PDF-"));
    }

    void calibrateStoresTheTemperature()
    {
        const QString copy = dir_.filePath(QStringLiteral("calibrated.kgckpt"));
        QVERIFY(QFile::copy(checkpoint_, copy));
        const Run run = cli({QStringLiteral("calibrate"), QStringLiteral("--checkpoint"), copy, QStringLiteral("--data"),
                             data_, QStringLiteral("--device"), QStringLiteral("cpu")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(QStringLiteral("temperature")));
        // One training image per grade gives no within-grade spread: no gate, said so, and
        // the temperature is fitted all the same.
        QVERIFY2(run.err.contains(QStringLiteral("warning: no out-of-distribution gate")), qPrintable(run.err));
        const double stored = kg::readCheckpointMeta(copy.toStdString()).temperature;
        QVERIFY(stored > 0);
        QVERIFY(run.out.contains(QString::number(stored, 'f', 4)));
    }

    void predictFilesAndFolders()
    {
        const QString gradcam = dir_.filePath(QStringLiteral("gradcam"));
        const QString broken = evaltest::writeBrokenFile(dir_.filePath(QStringLiteral("loose")), QStringLiteral("broken.png"));
        const QString folder = data_ + QStringLiteral("/test/1");
        const Run run = cli({QStringLiteral("predict"), QStringLiteral("--checkpoint"), checkpoint_, folder, broken,
                             QStringLiteral("--gradcam"), gradcam, QStringLiteral("--json"), QStringLiteral("--device"),
                             QStringLiteral("cpu")});
        QCOMPARE(run.exitCode, 1);  // one file could not be read; the others are graded
        const QJsonArray predictions =
            QJsonDocument::fromJson(run.out.toUtf8()).object()[QStringLiteral("predictions")].toArray();
        QCOMPARE(predictions.size(), 4);
        int errors = 0;
        for (const auto& value : predictions) {
            const QJsonObject p = value.toObject();
            if (p.contains(QStringLiteral("error"))) {
                ++errors;
                QVERIFY(p[QStringLiteral("error")].toString().contains(QStringLiteral("broken.png")));
                continue;
            }
            QCOMPARE(p[QStringLiteral("probabilities")].toArray().size(), 5);
        }
        QCOMPARE(errors, 1);
        QCOMPARE(QDir(gradcam).entryList({QStringLiteral("*.gradcam.png")}).size(), 3);
        QCOMPARE(QDir(gradcam).entryList({QStringLiteral("*.heatmap.png")}).size(), 3);

        const Run text = cli({QStringLiteral("predict"), QStringLiteral("--checkpoint"), checkpoint_, folder});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains(QStringLiteral("For research use only")));
        QVERIFY(text.out.contains(QStringLiteral("confidence")));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("evaluate without data") << QStringList{QStringLiteral("evaluate"), QStringLiteral("--checkpoint"),
                                                              QStringLiteral("x")};
        QTest::newRow("bad split") << QStringList{QStringLiteral("evaluate"), QStringLiteral("--checkpoint"), QStringLiteral("x"),
                                                  QStringLiteral("--data"), QStringLiteral("y"), QStringLiteral("--split"),
                                                  QStringLiteral("nope")};
        QTest::newRow("predict without files") << QStringList{QStringLiteral("predict"), QStringLiteral("--checkpoint"),
                                                              QStringLiteral("x")};
    }
    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        const Run run = cli(arguments);
        QVERIFY2(run.exitCode == 1 || run.exitCode == 2, qPrintable(run.err));
        QVERIFY(!run.err.isEmpty());
    }

    void helpForEveryCommand()
    {
        for (const char* command : {"evaluate", "calibrate", "predict"}) {
            const Run run = cli({QLatin1String(command), QStringLiteral("--help")});
            QCOMPARE(run.exitCode, 0);
            QVERIFY(run.out.contains(QStringLiteral("usage: kneegrade-cli ") + QLatin1String(command)));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliEvaluate)
#include "test_cli_evaluate.moc"
