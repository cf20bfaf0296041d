#include "ui/report/ReportSections.h"

#include "ui/report/ReportCharts.h"
#include "ui/report/ReportPdf.h"
#include "ui/utility/Colors.h"

#include <QFileInfo>
#include <QImage>
#include <QSizeF>

#include <algorithm>
#include <optional>

namespace kg::report::detail {

void writeTitle(Document& doc, const EvaluationReportData& data)
{
    const EvaluationResult& e = data.evaluation;
    doc.paragraph(qs(data.options.title), Document::font(19, true), kAccent);
    doc.advance(Document::mm(1));
    const QString checkpoint = e.checkpoint.empty() ? QStringLiteral("model in memory") : QFileInfo(qs(e.checkpoint)).fileName();
    doc.paragraph(QStringLiteral("%1 · %2 split · %3 images · %4 · %5")
                      .arg(checkpoint, qs(e.split))
                      .arg(e.predictions.size())
                      .arg(qs(e.architecture), qs(data.generatedUtc)),
                  Document::font(9), kGrey);
    doc.advance(Document::mm(1));
    doc.paragraph(QString::fromUtf8(kResearchUseLine) + QStringLiteral(". Kellgren–Lawrence grades predicted by a "
                                                                      "neural network can be wrong; a clinician must read the image."),
                  Document::font(8.5, true), kWarning);
}

void writeSummary(Document& doc, const EvaluationReportData& data)
{
    doc.heading(QStringLiteral("Summary"), Document::mm(40));
    const EvaluationResult& e = data.evaluation;
    const EvaluationMetrics& m = e.metrics;
    const OutOfDistributionCount ood = outOfDistributionCount(e);
    Document::Table t;
    t.header = {QStringLiteral("Metric"), QStringLiteral("Value"), QStringLiteral("Note")};
    t.widths = {0.34, 0.16, 0.50};
    t.align = {Qt::AlignLeft, Qt::AlignRight, Qt::AlignLeft};
    t.rows = {
        {QStringLiteral("Accuracy"), number(m.accuracy), QStringLiteral("share of images graded exactly right")},
        {QStringLiteral("Balanced accuracy"), number(m.balancedAccuracy), QStringLiteral("mean recall over grades (imbalance-robust)")},
        {QStringLiteral("Quadratic weighted kappa"), number(m.quadraticWeightedKappa), QStringLiteral("agreement, far misses weigh more")},
        {QStringLiteral("Mean absolute error"), number(m.meanAbsoluteError), QStringLiteral("in KL grades")},
        {QStringLiteral("Macro ROC AUC"), number(m.macroRocAuc), QStringLiteral("one-vs-rest, mean over grades")},
        {QStringLiteral("Expected calibration error"), number(m.calibration.expectedCalibrationError),
         QStringLiteral("%1 bins, top-label").arg(m.calibration.bins.size())},
        {QStringLiteral("Loss (cross-entropy)"), number(e.loss, 4), QStringLiteral("mean over labelled images")},
        {QStringLiteral("Images"), QString::number(e.predictions.size()),
         e.skipped.empty() ? QStringLiteral("all files decoded")
                           : QStringLiteral("%1 unreadable file(s) left out").arg(e.skipped.size())},
        {QStringLiteral("Out of distribution"), ood.hasGate ? QString::number(ood.flagged) : QStringLiteral("\u2014"),
         ood.hasGate ? QStringLiteral("images unlike the training images") : QStringLiteral("the model has no gate")},
    };
    doc.table(t);
    doc.advance(Document::mm(1.5));
    // How many evaluated images the out-of-distribution gate flagged: their grades mean little.
    if (ood.hasGate)
        doc.paragraph(QStringLiteral("Out of distribution: %1 of %2 %3 images (%4) do not resemble the training images; "
                                     "their grades mean little.")
                          .arg(ood.flagged)
                          .arg(ood.evaluated)
                          .arg(qs(e.split))
                          .arg(percent(ood.share)),
                      Document::font(8.5), ood.flagged > 0 ? kWarning : kGrey);
    else
        doc.paragraph(QStringLiteral("Out of distribution: this model has no out-of-distribution gate, so images unlike "
                                     "the training images were graded like the others (kneegrade-cli calibrate fits one)."),
                      Document::font(8.5), kGrey);
}

void writeClassificationReport(Document& doc, const EvaluationReportData& data)
{
    doc.heading(QStringLiteral("Classification report"), Document::mm(40));
    const EvaluationMetrics& m = data.evaluation.metrics;
    const auto names = evaluationClassNames(data.evaluation);
    Document::Table t;
    t.header = {QStringLiteral("Grade"), QStringLiteral("Precision"), QStringLiteral("Recall"), QStringLiteral("F1-score"),
                QStringLiteral("Specificity"), QStringLiteral("ROC AUC"), QStringLiteral("Support")};
    t.widths = {0.25, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125};
    t.align = {Qt::AlignLeft, Qt::AlignRight, Qt::AlignRight, Qt::AlignRight, Qt::AlignRight, Qt::AlignRight, Qt::AlignRight};
    const auto cell = [](const std::optional<double>& value) { return value ? number(*value) : QString(); };
    for (const ClassificationRow& row : classificationRows(m)) {
        t.rows.push_back({row.summary() ? qs(row.label) : classLabel(names, row.grade), cell(row.precision), cell(row.recall),
                          cell(row.f1), cell(row.specificity), cell(row.rocAuc), QString::number(row.support)});
        t.boldRows.push_back(row.summary());
    }
    doc.table(t);
    doc.advance(Document::mm(1.5));
    doc.paragraph(QStringLiteral("Precision, recall and F1 as scikit-learn's classification_report; recall is the "
                                 "grade's sensitivity. Specificity and ROC AUC are one-vs-rest."),
                  Document::font(7.5), kGrey);
}

void writeConfusionMatrix(Document& doc, const EvaluationReportData& data)
{
    const EvaluationResult& e = data.evaluation;
    doc.heading(QStringLiteral("Confusion matrix"), Document::mm(100));
    doc.paragraph(QStringLiteral("Rows: true grade; columns: predicted grade. Each cell shows the count and the share "
                                 "of its row (row-normalised recall); colour follows the share."),
                  Document::font(8), kGrey);
    doc.advance(Document::mm(2));
    drawConfusionMatrix(doc, e.metrics.confusion, evaluationClassNames(e));
    if (!e.metrics.warnings.empty()) {
        doc.advance(Document::mm(2));
        for (const auto& warning : e.metrics.warnings)
            doc.paragraph(QStringLiteral("Note: ") + qs(warning), Document::font(8), kGrey);
    }
}

void writeCurves(Document& doc, const EvaluationReportData& data)
{
    doc.heading(QStringLiteral("Training curves"), Document::mm(70));
    if (data.history.empty()) {
        doc.paragraph(QStringLiteral("No training history (history.csv) was found next to the checkpoint."),
                      Document::font(9), kGrey);
        return;
    }
    const TrainingCurves c = trainingCurves(data.history);
    const ChartSeries trainAcc{QStringLiteral("train"), ui::trainingColor(), c.accuracy};
    const ChartSeries valAcc{QStringLiteral("validation"), ui::validationColor(), c.valAccuracy};
    const ChartSeries trainLoss{QStringLiteral("train"), ui::trainingColor(), c.loss};
    const ChartSeries valLoss{QStringLiteral("validation"), ui::validationColor(), c.valLoss};
    const double height = Document::mm(62);
    doc.ensure(height);
    const double half = (doc.width() - Document::mm(6)) / 2;
    drawChart(doc.painter(), QRectF(0, doc.y(), half, height), QStringLiteral("Accuracy"), c.epochs, {trainAcc, valAcc}, true);
    drawChart(doc.painter(), QRectF(half + Document::mm(6), doc.y(), half, height), QStringLiteral("Loss"), c.epochs,
              {trainLoss, valLoss}, false);
    doc.advance(height);
    doc.paragraph(QStringLiteral("%1 epochs; lowest validation loss %2 at epoch %3 (validation accuracy %4). Source: %5")
                      .arg(data.history.size())
                      .arg(number(c.bestValLoss, 4))
                      .arg(c.bestEpoch)
                      .arg(number(c.bestValAccuracy))
                      .arg(QFileInfo(qs(data.historySource)).fileName()),
                  Document::font(8), kGrey);
}

void writeSamples(Document& doc, const EvaluationReportData& data)
{
    if (data.samples.empty())
        return;
    const auto names = evaluationClassNames(data.evaluation);
    doc.heading(QStringLiteral("Sample predictions with Grad-CAM"), Document::mm(80));
    doc.paragraph(QStringLiteral("Grad-CAM (Selvaraju et al. 2017) of the predicted grade's pre-softmax score on the "
                                 "last feature map (post_relu): warm colours mark the regions that raised that score."),
                  Document::font(8), kGrey);
    doc.advance(Document::mm(2));
    const int columns = 3;
    const double gap = Document::mm(5);
    const double cellWidth = (doc.width() - gap * (columns - 1)) / columns;
    const double captionHeight = Document::mm(19);
    for (size_t start = 0; start < data.samples.size(); start += columns) {
        double rowImageHeight = 0;
        std::vector<QImage> images;
        for (size_t i = start; i < std::min(data.samples.size(), start + columns); ++i) {
            images.push_back(toQImage(data.samples[i].prediction.overlay, 700));
            const QImage& im = images.back();
            if (!im.isNull())
                rowImageHeight = std::max(rowImageHeight, cellWidth * im.height() / im.width());
        }
        rowImageHeight = std::min(rowImageHeight, cellWidth * 1.3);
        doc.ensure(rowImageHeight + captionHeight);
        QPainter& p = doc.painter();
        for (size_t i = start; i < std::min(data.samples.size(), start + columns); ++i) {
            const EvaluationReportSample& s = data.samples[i];
            const QImage& im = images[i - start];
            const double x = static_cast<double>(i - start) * (cellWidth + gap);
            if (!im.isNull()) {
                QSizeF size(cellWidth, cellWidth * im.height() / im.width());
                if (size.height() > rowImageHeight)
                    size.scale(cellWidth, rowImageHeight, Qt::KeepAspectRatio);
                p.drawImage(QRectF(QPointF(x + (cellWidth - size.width()) / 2, doc.y()), size), im);
            }
            const bool wrong = s.trueGrade >= 0 && s.trueGrade != s.prediction.grade;
            QString caption = data.options.includeIdentifiers
                                  ? QFileInfo(qs(s.prediction.path)).fileName() +
                                        (s.patientId.empty() ? QString() : QStringLiteral(" · patient ") + qs(s.patientId))
                                  : QStringLiteral("Sample %1").arg(i + 1);
            caption += QStringLiteral("\nTrue: %1\nPredicted: %2 (%3)")
                           .arg(s.trueGrade >= 0 ? classLabel(names, s.trueGrade) : QStringLiteral("unlabelled"))
                           .arg(classLabel(names, s.prediction.grade))
                           .arg(percent(s.prediction.confidence));
            if (s.prediction.hasOodScore())
                caption += QStringLiteral("\nOOD score %1%2")
                               .arg(number(s.prediction.oodScore, 2))
                               .arg(s.prediction.outOfDistribution ? QStringLiteral(" (out of distribution)") : QString());
            p.setFont(Document::font(7.5, wrong));
            p.setPen(wrong ? QColor(170, 30, 30) : Qt::black);
            p.drawText(QRectF(x, doc.y() + rowImageHeight + Document::mm(1), cellWidth, captionHeight - Document::mm(1)),
                       Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, caption);
        }
        doc.advance(rowImageHeight + captionHeight + Document::mm(2));
    }
}

void writeAudit(Document& doc, const EvaluationReportData& data)
{
    const EvaluationResult& e = data.evaluation;
    const auto names = evaluationClassNames(e);
    doc.heading(QStringLiteral("Audit"), Document::mm(60));
    QString counts;
    for (size_t k = 0; k < e.gradeCounts.size(); ++k)
        counts += (k ? QStringLiteral(" · ") : QString()) + classLabel(names, static_cast<int>(k)) + QStringLiteral(": ") +
                  QString::number(e.gradeCounts[k]);
    QString seeds = QStringLiteral("model init %1").arg(e.meta.model.seed);
    if (const auto trainingSeed = trainingSeedOf(e))
        seeds += QStringLiteral(" · training %1").arg(*trainingSeed);
    seeds += QStringLiteral(" · report samples %1").arg(data.options.sampleSeed);
    const auto& pre = e.meta.preprocessing;
    auto orNone = [](const std::string& text) { return text.empty() ? QStringLiteral("not recorded") : qs(text); };

    const Document::Table t = Document::Table::fieldValue({
        {QStringLiteral("App version"), QStringLiteral("KneeGrade " KNEEGRADE_VERSION " (LibTorch %1); checkpoint written by %2")
                                            .arg(qs(data.torchVersion), orNone(e.meta.appVersion))},
        {QStringLiteral("Architecture"), QStringLiteral("%1, input %2×%2×%3, %4 classes")
                                             .arg(qs(e.architecture))
                                             .arg(pre.imageSize)
                                             .arg(pre.channels)
                                             .arg(names.size())},
        {QStringLiteral("Checkpoint"), e.checkpoint.empty() ? QStringLiteral("(model in memory)")
                                                            : QFileInfo(qs(e.checkpoint)).fileName() + QStringLiteral(", created ") +
                                                                  orNone(e.meta.createdUtc)},
        {QStringLiteral("Weights SHA-256"), orNone(e.weightsSha256)},
        {QStringLiteral("Training manifest SHA-256"), orNone(e.meta.datasetManifestHash)},
        {QStringLiteral("Evaluated manifest SHA-256"), orNone(e.manifestSha256)},
        {QStringLiteral("Evaluated set"), QStringLiteral("%1 split of %2, %3 images")
                                              .arg(qs(e.split))
                                              .arg(e.dataRoot.empty() ? QStringLiteral("(given items)")
                                                                      : QFileInfo(qs(e.dataRoot)).fileName())
                                              .arg(e.predictions.size())},
        {QStringLiteral("Counts per grade"), counts},
        {QStringLiteral("Seed"), seeds},
        {QStringLiteral("Device"), qs(e.device)},
        {QStringLiteral("Inference"), QStringLiteral("batch %1, temperature %2, test-time flip %3")
                                          .arg(e.batchSize)
                                          .arg(number(e.temperature, 4))
                                          .arg(e.tta ? QStringLiteral("on") : QStringLiteral("off"))},
        {QStringLiteral("Date"), qs(data.generatedUtc)},
        {QStringLiteral("Identifiers"), data.options.includeIdentifiers
                                            ? QStringLiteral("file names and DICOM patient IDs shown at the user's request")
                                            : QStringLiteral("omitted (no file names, no DICOM patient data)")},
    });
    doc.table(t);
}

} // namespace kg::report::detail
