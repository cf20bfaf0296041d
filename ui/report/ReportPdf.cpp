#include "ui/report/ReportPdf.h"
#include "ui/report/ReportDocument.h"

#include "core/imaging/Radiograph.h"
#include "core/runtime/Runtime.h"
#include "core/train/RunFiles.h"
#include "core/util/Error.h"
#include "core/util/Time.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFont>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QImage>
#include <QLinearGradient>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <functional>
#include <random>

#include <unistd.h>

namespace kg::report {
namespace {

namespace fs = std::filesystem;
using namespace detail;

/// Heatmap of the confusion matrix: cell colour = row-normalised rate, text = count and rate.
double drawConfusionMatrix(Document& doc, const ConfusionMatrix& matrix, const std::vector<std::string>& names)
{
    const int k = matrix.numClasses();
    QPainter& p = doc.painter();
    const double labelWidth = Document::mm(26), axisWidth = Document::mm(6), barWidth = Document::mm(5);
    const double headerHeight = Document::mm(12), titleHeight = Document::mm(6);
    const double cell = std::min(Document::mm(19), (doc.width() - axisWidth - labelWidth - barWidth - Document::mm(16)) / k);
    const double height = titleHeight + headerHeight + cell * k + Document::mm(4);
    doc.ensure(height);
    const double x0 = axisWidth + labelWidth, y0 = doc.y() + titleHeight + headerHeight;

    p.setPen(Qt::black);
    p.setFont(Document::font(9, true));
    p.drawText(QRectF(x0, doc.y(), cell * k, titleHeight), Qt::AlignCenter, QStringLiteral("Predicted grade"));
    p.save();
    p.translate(Document::mm(1), y0 + cell * k / 2);
    p.rotate(-90);
    p.drawText(QRectF(-cell * k / 2, 0, cell * k, axisWidth), Qt::AlignCenter, QStringLiteral("True grade"));
    p.restore();

    const std::vector<double> rates = matrix.rowNormalised();
    for (int c = 0; c < k; ++c) {
        p.setFont(Document::font(7.5, true));
        p.setPen(Qt::black);
        p.drawText(QRectF(x0 + c * cell, y0 - headerHeight, cell, headerHeight), Qt::AlignCenter | Qt::TextWordWrap,
                   classLabel(names, c, true));
    }
    for (int r = 0; r < k; ++r) {
        p.setFont(Document::font(7.5, true));
        p.setPen(Qt::black);
        p.drawText(QRectF(axisWidth, y0 + r * cell, labelWidth - Document::mm(1.5), cell), Qt::AlignRight | Qt::AlignVCenter,
                   classLabel(names, r) + QStringLiteral("\n(n = %1)").arg(matrix.trueCount(r)));
        for (int c = 0; c < k; ++c) {
            const double rate = rates[static_cast<size_t>(r * k + c)];
            const QColor colour = blues(rate);
            const QRectF box(x0 + c * cell, y0 + r * cell, cell, cell);
            p.fillRect(box, colour);
            p.setPen(QPen(QColor(255, 255, 255), Document::pt(0.6)));
            p.drawRect(box);
            p.setPen(textOn(colour));
            p.setFont(Document::font(10, true));
            p.drawText(box.adjusted(0, 0, 0, -cell * 0.35), Qt::AlignHCenter | Qt::AlignBottom,
                       QString::number(matrix.count(r, c)));
            p.setFont(Document::font(7.5));
            p.drawText(box.adjusted(0, cell * 0.62, 0, 0), Qt::AlignHCenter | Qt::AlignTop, percent(rate));
        }
    }
    // Correct predictions: the diagonal, outlined once every cell is filled.
    p.setPen(QPen(QColor(20, 20, 20), Document::pt(1.0)));
    p.setBrush(Qt::NoBrush);
    for (int d = 0; d < k; ++d)
        p.drawRect(QRectF(x0 + d * cell, y0 + d * cell, cell, cell));
    // Colour scale.
    const double bx = x0 + cell * k + Document::mm(4);
    QLinearGradient gradient(QPointF(0, y0 + cell * k), QPointF(0, y0));
    for (int i = 0; i <= 10; ++i)
        gradient.setColorAt(i / 10.0, blues(i / 10.0));
    p.fillRect(QRectF(bx, y0, barWidth, cell * k), gradient);
    p.setPen(QPen(kGrey, Document::pt(0.5)));
    p.drawRect(QRectF(bx, y0, barWidth, cell * k));
    p.setFont(Document::font(7));
    p.setPen(Qt::black);
    for (int i = 0; i <= 4; ++i) {
        const double y = y0 + cell * k * (1.0 - i / 4.0);
        p.drawLine(QPointF(bx + barWidth, y), QPointF(bx + barWidth + Document::mm(1), y));
        p.drawText(QRectF(bx + barWidth + Document::mm(1.5), y - Document::mm(2), Document::mm(12), Document::mm(4)),
                   Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("%1%").arg(i * 25));
    }
    doc.advance(height);
    return height;
}

struct Series {
    QString name;
    QColor colour;
    std::vector<double> values;
};

/// The smallest 1, 2 or 5 × 10^k that is at least `rough`.
double niceStep(double rough)
{
    if (!(rough > 0))
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    for (double factor : {1.0, 2.0, 5.0})
        if (factor * magnitude >= rough * (1 - 1e-9))
            return factor * magnitude;
    return 10 * magnitude;
}

/// A line chart over epochs 1..n with axes, ticks and a legend.
void drawChart(QPainter& p, const QRectF& area, const QString& title, const std::vector<int>& epochs,
               const std::vector<Series>& series, bool unitRange)
{
    double lo = unitRange ? 0.0 : std::numeric_limits<double>::infinity();
    double hi = unitRange ? 1.0 : -std::numeric_limits<double>::infinity();
    if (!unitRange) {
        for (const auto& s : series)
            for (double v : s.values)
                if (std::isfinite(v)) {
                    lo = std::min(lo, v);
                    hi = std::max(hi, v);
                }
        if (!std::isfinite(lo)) {
            lo = 0;
            hi = 1;
        }
        lo = std::min(0.0, lo);
        hi = hi > lo ? hi : lo + 1;
    }
    // Round axis ends and tick steps (1, 2 or 5 × 10^k) so the labels read naturally.
    const double valueStep = niceStep((hi - lo) / 4.0);
    lo = std::floor(lo / valueStep) * valueStep;
    hi = std::ceil(hi / valueStep - 1e-9) * valueStep;
    const double left = Document::mm(12), bottom = Document::mm(9), top = Document::mm(7);
    const QRectF plot(area.left() + left, area.top() + top, area.width() - left - Document::mm(3),
                      area.height() - top - bottom);
    p.setPen(Qt::black);
    p.setFont(Document::font(9, true));
    p.drawText(QRectF(area.left(), area.top(), area.width(), top), Qt::AlignHCenter | Qt::AlignTop, title);

    const int firstEpoch = epochs.empty() ? 1 : epochs.front();
    const int lastEpoch = epochs.empty() ? 1 : std::max(epochs.back(), firstEpoch + 1);
    auto px = [&](double epoch) { return plot.left() + (epoch - firstEpoch) / (lastEpoch - firstEpoch) * plot.width(); };
    auto py = [&](double v) { return plot.bottom() - (v - lo) / (hi - lo) * plot.height(); };

    p.setFont(Document::font(7));
    const int valueDecimals = std::max(0, -static_cast<int>(std::floor(std::log10(valueStep) + 1e-9)));
    for (double v = lo; v <= hi + valueStep * 1e-6; v += valueStep) {
        p.setPen(QPen(QColor(225, 225, 225), Document::pt(0.4)));
        p.drawLine(QPointF(plot.left(), py(v)), QPointF(plot.right(), py(v)));
        p.setPen(Qt::black);
        p.drawText(QRectF(area.left(), py(v) - Document::mm(2), left - Document::mm(1.5), Document::mm(4)),
                   Qt::AlignRight | Qt::AlignVCenter, QString::number(v, 'f', valueDecimals));
    }
    // Whole epochs only: every epoch for short runs, else every 2, 5, 10, 20, 50 … epochs.
    const int epochStep = std::max(1, static_cast<int>(niceStep((lastEpoch - firstEpoch) / 6.0)));
    for (int epoch = firstEpoch; epoch <= lastEpoch; ++epoch) {
        if (epoch != firstEpoch && epoch % epochStep != 0)
            continue;
        p.drawText(QRectF(px(epoch) - Document::mm(6), plot.bottom() + Document::mm(0.8), Document::mm(12), Document::mm(4)),
                   Qt::AlignHCenter | Qt::AlignTop, QString::number(epoch));
    }
    p.drawText(QRectF(plot.left(), plot.bottom() + Document::mm(4.5), plot.width(), Document::mm(4)), Qt::AlignHCenter,
               QStringLiteral("epoch"));
    p.setPen(QPen(Qt::black, Document::pt(0.7)));
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    p.drawLine(plot.bottomLeft(), plot.topLeft());

    for (const auto& s : series) {
        QPainterPath path;
        bool started = false;
        for (size_t i = 0; i < s.values.size() && i < epochs.size(); ++i) {
            if (!std::isfinite(s.values[i]))
                continue;
            const QPointF point(px(epochs[i]), py(std::clamp(s.values[i], lo, hi)));
            started ? path.lineTo(point) : path.moveTo(point);
            started = true;
        }
        p.setPen(QPen(s.colour, Document::pt(1.3)));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        if (s.values.size() == 1 && started)
            p.drawEllipse(path.currentPosition(), Document::mm(0.8), Document::mm(0.8));
    }

    // The legend goes on a white card over the curves, so a curve passing under it cannot hide its text.
    double legendY = plot.top() + Document::mm(1);
    p.fillRect(QRectF(plot.right() - Document::mm(25), legendY - Document::mm(0.5), Document::mm(24.5),
                      Document::mm(3.6) * static_cast<double>(series.size()) + Document::mm(0.6)),
               QColor(255, 255, 255, 235));
    for (const auto& s : series) {
        p.setPen(QPen(s.colour, Document::pt(1.3)));
        p.drawLine(QPointF(plot.right() - Document::mm(24), legendY + Document::mm(1.5)),
                   QPointF(plot.right() - Document::mm(19), legendY + Document::mm(1.5)));
        p.setPen(Qt::black);
        p.drawText(QRectF(plot.right() - Document::mm(18), legendY, Document::mm(18), Document::mm(3.2)),
                   Qt::AlignLeft | Qt::AlignVCenter, s.name);
        legendY += Document::mm(3.6);
    }
}

void writeSummary(Document& doc, const ReportData& data)
{
    const EvaluationResult& e = data.evaluation;
    const EvaluationMetrics& m = e.metrics;
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
        {QStringLiteral("Out of distribution"), e.hasOodGate ? QString::number(e.outOfDistribution) : QStringLiteral("\u2014"),
         e.hasOodGate ? QStringLiteral("images unlike the training images") : QStringLiteral("the model has no gate")},
    };
    doc.table(t);
    doc.advance(Document::mm(1.5));
    // How many evaluated images the out-of-distribution gate flagged: their grades mean little.
    const QString split = qs(e.split);
    if (e.hasOodGate)
        doc.paragraph(QStringLiteral("Out of distribution: %1 of %2 %3 images (%4) do not resemble the training images; "
                                     "their grades mean little.")
                          .arg(e.outOfDistribution)
                          .arg(e.predictions.size())
                          .arg(split)
                          .arg(percent(e.predictions.empty() ? 0.0 : double(e.outOfDistribution) / e.predictions.size())),
                      Document::font(8.5), e.outOfDistribution > 0 ? QColor(160, 30, 30) : kGrey);
    else
        doc.paragraph(QStringLiteral("Out of distribution: this model has no out-of-distribution gate, so images unlike "
                                     "the training images were graded like the others (kneegrade-cli calibrate fits one)."),
                      Document::font(8.5), kGrey);
}

void writeClassificationReport(Document& doc, const ReportData& data)
{
    const EvaluationMetrics& m = data.evaluation.metrics;
    const auto names = classNamesOf(data.evaluation);
    Document::Table t;
    t.header = {QStringLiteral("Grade"), QStringLiteral("Precision"), QStringLiteral("Recall"), QStringLiteral("F1-score"),
                QStringLiteral("Specificity"), QStringLiteral("ROC AUC"), QStringLiteral("Support")};
    t.widths = {0.25, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125};
    t.align = {Qt::AlignLeft, Qt::AlignRight, Qt::AlignRight, Qt::AlignRight, Qt::AlignRight, Qt::AlignRight, Qt::AlignRight};
    for (size_t k = 0; k < m.report.classes.size(); ++k) {
        const auto& c = m.report.classes[k];
        t.rows.push_back({classLabel(names, static_cast<int>(k)), number(c.precision), number(c.recall), number(c.f1),
                          k < m.specificity.size() ? number(m.specificity[k]) : QString(),
                          k < m.rocAuc.size() ? number(m.rocAuc[k]) : QString(), QString::number(c.support)});
        t.boldRows.push_back(false);
    }
    const auto average = [&](const QString& name, const AverageScores& a, const QString& auc) {
        t.rows.push_back({name, number(a.precision), number(a.recall), number(a.f1), QString(), auc, QString::number(a.support)});
        t.boldRows.push_back(true);
    };
    if (m.report.microIsAccuracy) {
        t.rows.push_back({QStringLiteral("accuracy"), QString(), QString(), number(m.report.accuracy), QString(), QString(),
                          QString::number(m.report.micro.support)});
        t.boldRows.push_back(true);
    } else {
        average(QStringLiteral("micro avg"), m.report.micro, QString());
    }
    average(QStringLiteral("macro avg"), m.report.macro, number(m.macroRocAuc));
    average(QStringLiteral("weighted avg"), m.report.weighted, QString());
    doc.table(t);
    doc.advance(Document::mm(1.5));
    doc.paragraph(QStringLiteral("Precision, recall and F1 as scikit-learn's classification_report; recall is the "
                                 "grade's sensitivity. Specificity and ROC AUC are one-vs-rest."),
                  Document::font(7.5), kGrey);
}

void writeCurves(Document& doc, const ReportData& data)
{
    doc.heading(QStringLiteral("Training curves"), Document::mm(70));
    if (data.history.empty()) {
        doc.paragraph(QStringLiteral("No training history (history.csv) was found next to the checkpoint."),
                      Document::font(9), kGrey);
        return;
    }
    std::vector<int> epochs;
    Series trainAcc{QStringLiteral("train"), kTrain, {}}, valAcc{QStringLiteral("validation"), kValidation, {}};
    Series trainLoss{QStringLiteral("train"), kTrain, {}}, valLoss{QStringLiteral("validation"), kValidation, {}};
    for (const auto& r : data.history) {
        epochs.push_back(r.epoch);
        trainAcc.values.push_back(r.accuracy);
        valAcc.values.push_back(r.valAccuracy);
        trainLoss.values.push_back(r.loss);
        valLoss.values.push_back(r.valLoss);
    }
    const double height = Document::mm(62);
    doc.ensure(height);
    const double half = (doc.width() - Document::mm(6)) / 2;
    drawChart(doc.painter(), QRectF(0, doc.y(), half, height), QStringLiteral("Accuracy"), epochs, {trainAcc, valAcc}, true);
    drawChart(doc.painter(), QRectF(half + Document::mm(6), doc.y(), half, height), QStringLiteral("Loss"), epochs,
              {trainLoss, valLoss}, false);
    doc.advance(height);
    const auto best = std::min_element(data.history.begin(), data.history.end(),
                                       [](const auto& a, const auto& b) { return a.valLoss < b.valLoss; });
    doc.paragraph(QStringLiteral("%1 epochs; lowest validation loss %2 at epoch %3 (validation accuracy %4). Source: %5")
                      .arg(data.history.size())
                      .arg(number(best->valLoss, 4))
                      .arg(best->epoch)
                      .arg(number(best->valAccuracy))
                      .arg(QFileInfo(qs(data.historySource)).fileName()),
                  Document::font(8), kGrey);
}

void writeSamples(Document& doc, const ReportData& data)
{
    if (data.samples.empty())
        return;
    const auto names = classNamesOf(data.evaluation);
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
            const ReportSample& s = data.samples[i];
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

void writeAudit(Document& doc, const ReportData& data)
{
    const EvaluationResult& e = data.evaluation;
    const auto names = classNamesOf(e);
    doc.heading(QStringLiteral("Audit"), Document::mm(60));
    QString counts;
    for (size_t k = 0; k < e.gradeCounts.size(); ++k)
        counts += (k ? QStringLiteral(" · ") : QString()) + classLabel(names, static_cast<int>(k)) + QStringLiteral(": ") +
                  QString::number(e.gradeCounts[k]);
    QString seeds = QStringLiteral("model init %1").arg(e.meta.model.seed);
    if (e.meta.trainingOptions.is_object() && e.meta.trainingOptions.contains("seed") &&
        e.meta.trainingOptions["seed"].is_number())
        seeds += QStringLiteral(" · training %1").arg(e.meta.trainingOptions["seed"].get<std::uint64_t>());
    seeds += QStringLiteral(" · report samples %1").arg(data.options.sampleSeed);
    const auto& pre = e.meta.preprocessing;
    auto orNone = [](const std::string& text) { return text.empty() ? QStringLiteral("not recorded") : qs(text); };

    Document::Table t;
    t.header = {QStringLiteral("Field"), QStringLiteral("Value")};
    t.widths = {0.30, 0.70};
    t.align = {Qt::AlignLeft, Qt::AlignLeft};
    t.fontSize = 8;
    t.rows = {
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
    };
    for (const QStringList& row : t.rows)
        t.monoRows.push_back(row.front().endsWith(QStringLiteral("SHA-256")));
    doc.table(t);
}

} // namespace

ReportData gatherReportData(const EvaluationResult& evaluation, const ReportOptions& options)
{
    ReportData data;
    data.evaluation = evaluation;
    data.options = options;
    data.generatedUtc = utcTimestamp();
    data.torchVersion = describeRuntime(DevicePreference::Cpu).torchVersion;

    std::string history = options.historyCsv;
    if (history.empty() && !evaluation.checkpoint.empty()) {
        const fs::path beside = fs::path(evaluation.checkpoint).parent_path() / RunFiles::kHistory;
        std::error_code ec;
        if (fs::is_regular_file(beside, ec))
            history = beside.string();
    }
    if (!history.empty()) {
        try {
            data.history = readHistoryCsv(history);
            data.historySource = history;
        } catch (const Error&) {
            if (!options.historyCsv.empty())
                throw;  // asked for by name: say so; found by convention: the report goes without
        }
    }

    if (options.sampleCount <= 0 || evaluation.checkpoint.empty() || evaluation.predictions.empty())
        return data;
    // Spread the samples over the grades, reproducibly: shuffle each grade, then round-robin.
    std::mt19937_64 random(options.sampleSeed);
    std::map<int, std::vector<size_t>> byGrade;
    for (size_t i = 0; i < evaluation.predictions.size(); ++i)
        byGrade[evaluation.predictions[i].trueGrade].push_back(i);
    for (auto& [grade, indices] : byGrade)
        for (size_t i = indices.size(); i > 1; --i)
            std::swap(indices[i - 1], indices[static_cast<size_t>(random() % i)]);
    std::vector<size_t> chosen;
    for (size_t round = 0; chosen.size() < static_cast<size_t>(options.sampleCount); ++round) {
        bool any = false;
        for (auto& [grade, indices] : byGrade)
            if (round < indices.size() && chosen.size() < static_cast<size_t>(options.sampleCount)) {
                chosen.push_back(indices[round]);
                any = true;
            }
        if (!any)
            break;
    }
    std::vector<std::string> paths;
    for (size_t i : chosen)
        paths.push_back(evaluation.predictions[i].path);

    PredictorOptions predictorOptions;
    predictorOptions.checkpoint = evaluation.checkpoint;
    predictorOptions.tta = evaluation.tta;
    predictorOptions.applyTemperature = evaluation.temperature == evaluation.meta.temperature;
    predictorOptions.runtime.device = evaluation.device.rfind("CUDA", 0) == 0 ? DevicePreference::Auto : DevicePreference::Cpu;
    Predictor predictor(predictorOptions);
    // The samples are graded again from the file: make sure it still holds the evaluated weights.
    if (!evaluation.weightsSha256.empty() && predictor.weightsSha256() != evaluation.weightsSha256)
        throw Error(evaluation.checkpoint, "the checkpoint changed after it was evaluated (weights SHA-256 " +
                                               predictor.weightsSha256() + ", evaluated " + evaluation.weightsSha256 +
                                               "); evaluate it again");
    GradCamOptions gradCam = options.gradCam;
    gradCam.enabled = true;
    const auto predictions = predictor.predictFiles(paths, gradCam);
    for (size_t i = 0; i < predictions.size(); ++i) {
        if (!predictions[i].ok())
            continue;
        ReportSample sample{predictions[i], evaluation.predictions[chosen[i]].trueGrade, {}};
        if (options.includeIdentifiers) {
            try {
                RadiographLoadOptions load;
                load.includePatientIdentity = true;
                const RadiographInfo info = inspectRadiograph(paths[i], load);
                if (info.patient)
                    sample.patientId = info.patient->id;
            } catch (const Error&) {
            }
        }
        data.samples.push_back(std::move(sample));
    }
    return data;
}

void writeReportPdf(const std::string& path, const ReportData& data)
{
    ensureGuiApplication();
    const EvaluationResult& e = data.evaluation;
    if (e.predictions.empty() || e.metrics.classNames.empty())
        throw Error(path, "nothing to report: the evaluation has no labelled results");
    const QString title = qs(data.options.title);
    {
        Document doc(qs(path), title);
        doc.paragraph(title, Document::font(19, true), kAccent);
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
                      Document::font(8.5, true), QColor(160, 30, 30));

        doc.heading(QStringLiteral("Summary"), Document::mm(40));
        writeSummary(doc, data);
        doc.heading(QStringLiteral("Classification report"), Document::mm(40));
        writeClassificationReport(doc, data);
        doc.heading(QStringLiteral("Confusion matrix"), Document::mm(100));
        doc.paragraph(QStringLiteral("Rows: true grade; columns: predicted grade. Each cell shows the count and the share "
                                     "of its row (row-normalised recall); colour follows the share."),
                      Document::font(8), kGrey);
        doc.advance(Document::mm(2));
        drawConfusionMatrix(doc, e.metrics.confusion, classNamesOf(e));
        if (!e.metrics.warnings.empty()) {
            doc.advance(Document::mm(2));
            for (const auto& warning : e.metrics.warnings)
                doc.paragraph(QStringLiteral("Note: ") + qs(warning), Document::font(8), kGrey);
        }
        writeCurves(doc, data);
        writeSamples(doc, data);
        writeAudit(doc, data);
        doc.finish();
    }
    std::error_code ec;
    if (!fs::is_regular_file(path, ec) || fs::file_size(path, ec) == 0)
        throw Error(path, "the PDF report could not be written");
}

} // namespace kg::report
