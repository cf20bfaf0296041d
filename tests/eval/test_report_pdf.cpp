// The PDF report opens (pdftotext) and says what it must: metrics, grade names, audit
// fields, and the research-use line on every page; no file names unless asked for.
#include "EvalFixtures.h"

#include "core/train/RunFiles.h"
#include "core/util/Error.h"
#include "ui/report/ReportPdf.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

namespace {

QString pdfToText(const QString& pdf, int page = 0)
{
    QStringList arguments = {QStringLiteral("-enc"), QStringLiteral("UTF-8")};
    if (page > 0)
        arguments << QStringLiteral("-f") << QString::number(page) << QStringLiteral("-l") << QString::number(page);
    arguments << pdf << QStringLiteral("-");
    QProcess process;
    process.start(QStringLiteral("pdftotext"), arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        return {};
    return QString::fromUtf8(process.readAllStandardOutput());
}

int pageCount(const QString& pdf)
{
    QProcess process;
    process.start(QStringLiteral("pdfinfo"), {pdf});
    process.waitForFinished(60000);
    const QString info = QString::fromUtf8(process.readAllStandardOutput());
    const auto match = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(info);
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}

} // namespace

class TestReportPdf : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    kg::EvaluationResult evaluation_;

private slots:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QSKIP("pdftotext (poppler-utils) is not installed");
        QVERIFY(dir_.isValid());
        const QString root = dir_.filePath(QStringLiteral("data"));
        evaltest::writeSplit(root, QStringLiteral("test"), 3, 40, 7);
        const QString run = dir_.filePath(QStringLiteral("run"));
        QDir().mkpath(run);
        const std::string checkpoint = (run + QStringLiteral("/best.kgckpt")).toStdString();
        evaltest::saveTinyCheckpoint(checkpoint, 48, 1.3);
        std::vector<kg::EpochRecord> history;
        for (int e = 1; e <= 6; ++e)
            history.push_back({e, 1.6 - 0.1 * e, 0.2 + 0.05 * e, 1.7 - 0.08 * e, 0.2 + 0.04 * e, 1e-3, 2.0});
        kg::writeHistoryCsv(kg::RunFiles::path(run.toStdString(), kg::RunFiles::kHistory), history);

        kg::EvaluationOptions options;
        options.checkpoint = checkpoint;
        options.dataRoot = root.toStdString();
        options.runtime.device = kg::DevicePreference::Cpu;
        evaluation_ = kg::evaluateCheckpoint(options);
        QCOMPARE(evaluation_.predictions.size(), size_t(15));
    }

    void containsMetricsGradesAuditAndResearchLine()
    {
        kg::report::ReportOptions options;
        options.sampleCount = 4;
        const kg::report::ReportData data = kg::report::gatherReportData(evaluation_, options);
        QCOMPARE(data.history.size(), size_t(6));
        QCOMPARE(data.samples.size(), size_t(4));
        for (const auto& s : data.samples)
            QVERIFY(!s.prediction.overlay.empty());

        const QString pdf = dir_.filePath(QStringLiteral("report.pdf"));
        kg::report::writeReportPdf(pdf.toStdString(), data);
        const QString text = pdfToText(pdf);
        QVERIFY2(!text.isEmpty(), "pdftotext could not read the report");

        const auto& m = evaluation_.metrics;
        const QStringList expected = {
            QStringLiteral("KneeGrade evaluation report"),
            QStringLiteral("Accuracy"), QString::number(m.accuracy, 'f', 3),
            QStringLiteral("Balanced accuracy"), QString::number(m.balancedAccuracy, 'f', 3),
            QStringLiteral("Quadratic weighted kappa"),
            QStringLiteral("Mean absolute error"), QString::number(m.meanAbsoluteError, 'f', 3),
            QStringLiteral("Expected calibration error"), QString::number(m.calibration.expectedCalibrationError, 'f', 3),
            QStringLiteral("Classification report"), QStringLiteral("Precision"), QStringLiteral("macro avg"),
            QStringLiteral("weighted avg"),
            QStringLiteral("Confusion matrix"), QStringLiteral("Predicted grade"),
            QStringLiteral("Training curves"), QStringLiteral("validation"),
            QStringLiteral("Sample predictions with Grad-CAM"),
            QStringLiteral("Healthy"), QStringLiteral("Doubtful"), QStringLiteral("Minimal"), QStringLiteral("Moderate"),
            QStringLiteral("Severe"),
            QStringLiteral("Audit"), QStringLiteral("App version"), QStringLiteral("KneeGrade " KNEEGRADE_VERSION),
            QString::fromStdString(evaluation_.architecture),
            QStringLiteral("Weights SHA-256"), QString::fromStdString(evaluation_.weightsSha256),
            QStringLiteral("Training manifest SHA-256"), QString::fromStdString(evaluation_.meta.datasetManifestHash),
            QStringLiteral("Evaluated manifest SHA-256"), QString::fromStdString(evaluation_.manifestSha256),
            QStringLiteral("Counts per grade"), QStringLiteral("Seed"), QStringLiteral("1234"),
            QStringLiteral("Device"), QString::fromStdString(evaluation_.device),
            QStringLiteral("Date"), QString::fromStdString(data.generatedUtc),
        };
        for (const QString& s : expected) {
            if (!text.contains(s))
                qInfo().noquote() << "PDF text:\n" << text;
            QVERIFY2(text.contains(s), qPrintable(QStringLiteral("missing in the PDF text: ") + s));
        }

        const int pages = pageCount(pdf);
        QVERIFY(pages >= 2);
        for (int page = 1; page <= pages; ++page)
            QVERIFY2(pdfToText(pdf, page).contains(QString::fromUtf8(kg::report::kResearchUseLine)),
                     qPrintable(QStringLiteral("page %1 lacks the research-use line").arg(page)));
        // No identifiers by default: OAI-style file names are patient ids.
        for (const auto& s : data.samples)
            QVERIFY(!text.contains(QFileInfo(QString::fromStdString(s.prediction.path)).completeBaseName()));
    }

    void identifiersOnlyWhenAskedFor()
    {
        kg::report::ReportOptions options;
        options.sampleCount = 2;
        options.includeIdentifiers = true;
        const auto data = kg::report::gatherReportData(evaluation_, options);
        const QString pdf = dir_.filePath(QStringLiteral("with-ids.pdf"));
        kg::report::writeReportPdf(pdf.toStdString(), data);
        const QString text = pdfToText(pdf);
        for (const auto& s : data.samples)
            QVERIFY(text.contains(QFileInfo(QString::fromStdString(s.prediction.path)).fileName()));
    }

    void withoutHistoryOrSamples()
    {
        kg::EvaluationResult bare = evaluation_;
        bare.checkpoint.clear();
        kg::report::ReportOptions options;
        const auto data = kg::report::gatherReportData(bare, options);
        QVERIFY(data.history.empty());
        QVERIFY(data.samples.empty());
        const QString pdf = dir_.filePath(QStringLiteral("bare.pdf"));
        kg::report::writeReportPdf(pdf.toStdString(), data);
        QVERIFY(pdfToText(pdf).contains(QStringLiteral("No training history")));
        QVERIFY_THROWS_EXCEPTION(kg::Error, kg::report::writeReportPdf("/no/such/dir/report.pdf", data));
    }
};

QTEST_MAIN(TestReportPdf)
#include "test_report_pdf.moc"
