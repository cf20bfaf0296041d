#include "ui/report/PredictionReport.h"

#include "ui/report/ReportDocument.h"
#include "ui/report/ReportPdf.h"

#include "core/data/Grades.h"
#include "core/imaging/Radiograph.h"
#include "core/util/Error.h"
#include "core/util/Time.h"

#include <QFileInfo>
#include <QPainter>

#include <filesystem>

namespace kg::report {
namespace {

using namespace detail;

/// The whole radiograph as RGB, from the file (for a report made without the image in memory).
RgbImage loadOverview(const std::string& path)
{
    const Radiograph radiograph = loadRadiograph(path);
    RgbImage image{radiograph.width, radiograph.height,
                   std::vector<std::uint8_t>(static_cast<size_t>(radiograph.width) * radiograph.height * 3)};
    for (int y = 0; y < radiograph.height; ++y) {
        const std::uint8_t* row = radiograph.row(y);
        std::uint8_t* out = image.pixels.data() + static_cast<size_t>(y) * radiograph.width * 3;
        for (int x = 0; x < radiograph.width; ++x)
            for (int c = 0; c < 3; ++c)
                out[x * 3 + c] = radiograph.channels == 1 ? row[x] : row[x * 3 + c];
    }
    return image;
}

QString sideLabel(const JointRegion& region)
{
    return region.side == 'R' ? QStringLiteral("Right knee")
           : region.side == 'L' ? QStringLiteral("Left knee")
                                : QStringLiteral("Knee (side unknown)");
}

QString regionText(const JointRegion& region)
{
    if (region.source == "whole image")
        return QStringLiteral("the whole image (%1 × %2)").arg(region.width).arg(region.height);
    return QStringLiteral("x %1, y %2, %3 × %4 px (%5)")
        .arg(region.x)
        .arg(region.y)
        .arg(region.width)
        .arg(region.height)
        .arg(region.source == "auto" ? QStringLiteral("found by the localiser, score %1").arg(number(region.score, 2))
                                     : QStringLiteral("drawn by hand"));
}

/// The radiograph scaled into `area` with every box, labelled with its side and grade.
void drawOverview(QPainter& p, const QRectF& area, const QImage& image, const std::vector<Prediction>& regions,
                  const std::vector<std::string>& names)
{
    QSizeF size = image.size();
    size.scale(area.size(), Qt::KeepAspectRatio);
    const QRectF target(area.left() + (area.width() - size.width()) / 2, area.top(), size.width(), size.height());
    p.drawImage(target, image);
    const double scale = target.width() / image.width();
    for (const Prediction& r : regions) {
        if (r.region.empty() || r.region.source == "whole image")
            continue;
        const QRectF box(target.left() + r.region.x * scale, target.top() + r.region.y * scale, r.region.width * scale,
                         r.region.height * scale);
        const QColor colour = !r.ok() || r.outOfDistribution ? QColor(150, 150, 150) : QColor(255, 190, 40);
        p.setPen(QPen(colour, Document::pt(1.2)));
        p.setBrush(Qt::NoBrush);
        p.drawRect(box);
        QString label = r.region.side == '?' ? QStringLiteral("?") : QString(QLatin1Char(r.region.side));
        if (r.ok())
            label += QStringLiteral("  ") + classLabel(names, r.grade);
        p.setFont(Document::font(7, true));
        const QRectF text(box.left(), box.top() - Document::mm(4), std::max(box.width(), Document::mm(30)), Document::mm(4));
        p.fillRect(QRectF(text.left(), text.top(), p.fontMetrics().horizontalAdvance(label) + Document::mm(2), text.height()),
                   QColor(0, 0, 0, 170));
        p.setPen(colour);
        p.drawText(text.adjusted(Document::mm(1), 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, label);
    }
}

} // namespace

PredictionReportModel reportModelOf(const Predictor& predictor)
{
    PredictionReportModel model;
    model.checkpoint = predictor.options().checkpoint;
    model.weightsSha256 = predictor.weightsSha256();
    model.architecture = architectureName(predictor.meta().model.backbone);
    model.classNames = predictor.classNames();
    model.temperature = predictor.options().applyTemperature ? predictor.meta().temperature : 1.0;
    model.tta = predictor.options().tta;
    model.oodGate = predictor.oodGateSummary();
    model.device = predictor.deviceName();
    return model;
}

struct PredictionReport::Impl {
    std::string path;
    PredictionReportModel model;
    bool includeIdentifiers = false;
    std::unique_ptr<Document> doc;
    int files = 0, regions = 0, flagged = 0, errors = 0;

    void writeRegion(const Prediction& r, int index)
    {
        const auto& names = model.classNames;
        doc->heading(QStringLiteral("%1 — %2").arg(index).arg(sideLabel(r.region)), Document::mm(45));
        doc->paragraph(QStringLiteral("Region: ") + regionText(r.region), Document::font(8.5));
        if (!r.region.sideSource.empty() && r.region.side != '?')
            doc->paragraph(QStringLiteral("Side from ") + qs(r.region.sideSource), Document::font(8), kGrey);
        if (!r.ok()) {
            doc->paragraph(QStringLiteral("Not graded: ") + qs(r.error), Document::font(9, true), kWarning);
            return;
        }
        const QString grade = classLabel(names, r.grade) + QStringLiteral(" — ") + percent(r.confidence) +
                              (r.gradeDescription.empty() ? QString() : QStringLiteral(" (") + qs(r.gradeDescription) + QLatin1Char(')'));
        if (r.outOfDistribution) {
            doc->paragraph(QStringLiteral("Out of distribution (score %1, above 1 is unlike the training images): this "
                                          "region does not resemble the images the model was trained on, so its grade "
                                          "means nothing. Shown for reference only: %2")
                               .arg(number(r.oodScore, 2), grade),
                           Document::font(9.5, true), kWarning);
        } else {
            doc->paragraph(QStringLiteral("Predicted: ") + grade, Document::font(11, true), kAccent);
            if (r.hasOodScore())
                doc->paragraph(QStringLiteral("Out-of-distribution score %1 (at most 1: like the training images)")
                                   .arg(number(r.oodScore, 2)),
                               Document::font(8), kGrey);
        }
        if (r.lowConfidence)
            doc->paragraph(QStringLiteral("Low confidence: the probabilities are spread (normalised entropy %1).")
                               .arg(number(r.normalisedEntropy, 2)),
                           Document::font(8.5, true), kWarning);
        for (const std::string& warning : r.fileWarnings)
            doc->paragraph(QStringLiteral("Warning: ") + qs(warning), Document::font(8), kWarning);
        if (!r.bodyPartWarning.empty())
            doc->paragraph(QStringLiteral("Warning: ") + qs(r.bodyPartWarning), Document::font(8), kWarning);
        doc->advance(Document::mm(1.5));

        // Probabilities beside the Grad-CAM of the crop the model saw.
        const QImage overlay = toQImage(r.overlay.empty() ? r.image : r.overlay, 600);
        const double imageSide = Document::mm(42);
        Document::Table t;
        t.header = {QStringLiteral("Grade"), QStringLiteral("Probability")};
        t.widths = {0.62, 0.38};
        t.align = {Qt::AlignLeft, Qt::AlignRight};
        t.fontSize = 8;
        t.tableWidth = doc->width() - (overlay.isNull() ? 0 : imageSide + Document::mm(6));
        for (size_t k = 0; k < r.probabilities.size(); ++k) {
            t.rows.push_back({classLabel(names, static_cast<int>(k)), percent(r.probabilities[k])});
            t.boldRows.push_back(static_cast<int>(k) == r.grade);
        }
        doc->ensure(std::max(imageSide, Document::mm(5) * (t.rows.size() + 1)) + Document::mm(6));
        const double top = doc->y();
        if (!overlay.isNull()) {
            QSizeF size = overlay.size();
            size.scale(imageSide, imageSide, Qt::KeepAspectRatio);
            const double x = doc->width() - imageSide;
            doc->painter().drawImage(QRectF(QPointF(x, top), size), overlay);
            doc->painter().setFont(Document::font(6.5));
            doc->painter().setPen(kGrey);
            doc->painter().drawText(QRectF(x, top + size.height() + Document::mm(0.5), imageSide, Document::mm(4)),
                                    Qt::AlignHCenter | Qt::AlignTop,
                                    r.overlay.empty() ? QStringLiteral("what the model saw")
                                                      : QStringLiteral("Grad-CAM of %1").arg(classLabel(names, r.explainedGrade)));
        }
        doc->table(t);
        doc->advance(std::max(0.0, top + imageSide + Document::mm(5) - doc->y()));
    }
};

PredictionReport::PredictionReport(const std::string& path, const PredictionReportModel& model, bool includeIdentifiers)
    : impl_(std::make_unique<Impl>())
{
    requireGuiApplication();
    impl_->path = path;
    impl_->model = model;
    impl_->includeIdentifiers = includeIdentifiers;
    const QString title = QStringLiteral("KneeGrade prediction report");
    impl_->doc = std::make_unique<Document>(qs(path), title);
    Document& doc = *impl_->doc;
    doc.paragraph(title, Document::font(19, true), kAccent);
    doc.paragraph(QStringLiteral("%1 · %2 · %3")
                      .arg(QFileInfo(qs(model.checkpoint)).fileName(), qs(model.architecture), qs(utcTimestamp())),
                  Document::font(9), kGrey);
    doc.advance(Document::mm(1));
    doc.paragraph(QString::fromUtf8(kResearchUseLine) + QStringLiteral(". Kellgren–Lawrence grades predicted by a neural "
                                                                      "network can be wrong; a clinician must read the image."),
                  Document::font(8.5, true), kWarning);
}

PredictionReport::~PredictionReport() = default;

void PredictionReport::add(const PredictionReportFile& file)
{
    Impl& s = *impl_;
    Document& doc = *s.doc;
    if (s.files > 0)
        doc.newPage();
    ++s.files;
    const QString name = s.includeIdentifiers ? QFileInfo(qs(file.path)).fileName() : QStringLiteral("Image %1").arg(s.files);
    doc.heading(name, Document::mm(80));
    const Prediction* first = file.regions.empty() ? nullptr : &file.regions.front();
    if (first && !first->localisation.empty())
        doc.paragraph(qs(first->localisation), Document::font(8.5), kGrey);
    RgbImage overview = file.radiograph;
    if (overview.empty() && first && first->imageWidth > 0) {
        try {
            overview = loadOverview(file.path);
        } catch (const std::exception&) {
            // The section still lists the grades; only the picture is missing.
        }
    }
    if (!overview.empty()) {
        const QImage image = toQImage(overview, 1800);
        const double height = std::min(Document::mm(95), doc.width() * image.height() / image.width());
        doc.ensure(height + Document::mm(3));
        drawOverview(doc.painter(), QRectF(0, doc.y() + Document::mm(4), doc.width(), height - Document::mm(4)), image,
                     file.regions, s.model.classNames);
        doc.advance(height + Document::mm(2));
    }
    int index = 0;
    for (const Prediction& region : file.regions) {
        ++s.regions;
        s.flagged += region.ok() && region.outOfDistribution;
        s.errors += !region.ok();
        s.writeRegion(region, ++index);
    }
}

void PredictionReport::finish()
{
    Impl& s = *impl_;
    Document& doc = *s.doc;
    doc.heading(QStringLiteral("Audit"), Document::mm(50));
    const nlohmann::json& gate = s.model.oodGate;
    const QString gateText =
        gate.is_object() && gate.contains("threshold")
            ? QStringLiteral("Mahalanobis over %1 layers, fitted on %2 %3 images, threshold at the %4th percentile of %5 %6 images")
                  .arg(gate.value("layers", nlohmann::json::array()).size())
                  .arg(gate.value("fit_images", 0))
                  .arg(qs(gate.value("fit_split", std::string("train"))))
                  .arg(number(gate.value("percentile", 99.0), 1))
                  .arg(gate.value("threshold_images", 0))
                  .arg(qs(gate.value("threshold_split", std::string("val"))))
            : QStringLiteral("none: this checkpoint has no out-of-distribution gate (kneegrade-cli calibrate adds one)");
    const Document::Table t = Document::Table::fieldValue({
        {QStringLiteral("Graded"), QStringLiteral("%1 regions of %2 files; %3 out of distribution; %4 not graded")
                                       .arg(s.regions)
                                       .arg(s.files)
                                       .arg(s.flagged)
                                       .arg(s.errors)},
        {QStringLiteral("Checkpoint"), QFileInfo(qs(s.model.checkpoint)).fileName()},
        {QStringLiteral("Weights SHA-256"), qs(s.model.weightsSha256)},
        {QStringLiteral("Inference"), QStringLiteral("%1, temperature %2, test-time flip %3")
                                          .arg(qs(s.model.device))
                                          .arg(number(s.model.temperature, 4))
                                          .arg(s.model.tta ? QStringLiteral("on") : QStringLiteral("off"))},
        {QStringLiteral("Out-of-distribution gate"), gateText},
        {QStringLiteral("App version"), QStringLiteral("KneeGrade " KNEEGRADE_VERSION)},
        {QStringLiteral("Identifiers"), s.includeIdentifiers ? QStringLiteral("file names shown at the user's request")
                                                             : QStringLiteral("omitted (no file names, no DICOM patient data)")},
    });
    doc.table(t);
    doc.finish();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(s.path, ec) || std::filesystem::file_size(s.path, ec) == 0)
        throw Error(s.path, "the PDF report could not be written");
}

} // namespace kg::report
