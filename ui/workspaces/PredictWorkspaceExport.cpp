// The Predict workspace's exports of the shown file: its prediction report as PDF (the boxes as
// they are now, each with its grade and Grad-CAM, and the model's audit block), and its boxes
// as an entry of an annotations.json, so that boxes drawn by hand become training data for
// the knee localiser (kneegrade-cli train-localiser --annotations FILE).
#include "ui/workspaces/PredictWorkspace.h"

#include "ui/utility/DialogFolders.h"
#include "ui/utility/Icons.h"
#include "ui/widgets/ImageView.h"
#include "ui/widgets/MessageBar.h"
#include "ui/widgets/RegionOverlay.h"

#include "core/locate/LocaliserAnnotations.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QToolBar>
#include <QToolButton>

#include <algorithm>
#include <cstring>
#include <exception>
#include <filesystem>

namespace kg::ui {
namespace {

/// The same file, however the two paths spell it.
bool sameFile(const std::string& a, const std::string& b)
{
    namespace fs = std::filesystem;
    std::error_code errorA, errorB;
    const fs::path canonicalA = fs::weakly_canonical(fs::absolute(fs::path(a)), errorA);
    const fs::path canonicalB = fs::weakly_canonical(fs::absolute(fs::path(b)), errorB);
    if (errorA || errorB)
        return fs::absolute(fs::path(a)).lexically_normal() == fs::absolute(fs::path(b)).lexically_normal();
    return canonicalA == canonicalB;
}

} // namespace

void PredictWorkspace::buildExportActions(QToolBar* toolBar)
{
    exportReportAction_ = new QAction(themedIcon(QStringLiteral("export-pdf")), tr("Export Report (PDF)…"), this);
    exportReportAction_->setObjectName(QStringLiteral("exportReport"));
    exportReportAction_->setToolTip(tr("Save the shown radiograph's prediction report as PDF: its boxes as they are now, "
                                       "each box's side, grade, probabilities, out-of-distribution verdict and "
                                       "Grad-CAM, and the model's details"));
    exportReportAction_->setEnabled(false);
    connect(exportReportAction_, &QAction::triggered, this, [this] {
        const QString suggested = dialogStartFile(session(), DialogPurpose::Export,
                                                  QFileInfo(path_).completeBaseName() + QStringLiteral("-report.pdf"));
        const QString path = QFileDialog::getSaveFileName(this, tr("Export Prediction Report"), suggested, tr("PDF (*.pdf)"));
        if (!path.isEmpty()) {
            rememberDialogFolder(session(), DialogPurpose::Export, path);
            exportReport(path);
        }
    });

    exportAnnotationsAction_ = new QAction(themedIcon(QStringLiteral("export-csv")), tr("Export Boxes as Annotations…"), this);
    exportAnnotationsAction_->setObjectName(QStringLiteral("exportAnnotations"));
    exportAnnotationsAction_->setToolTip(
        tr("Add the shown radiograph's boxes, with their sides, to an annotations.json (its entry is replaced when the "
           "file already lists it): kneegrade-cli train-localiser --annotations FILE fine-tunes the knee localiser on them"));
    exportAnnotationsAction_->setEnabled(false);
    connect(exportAnnotationsAction_, &QAction::triggered, this, [this] {
        // Beside the radiograph unless annotations were saved elsewhere before.
        const QString suggested = dialogStartFile(session(), QStringLiteral("annotations"), QStringLiteral("annotations.json"),
                                                  {QFileInfo(path_).absolutePath()});
        // The file is added to, not replaced: no question about overwriting it.
        const QString path = QFileDialog::getSaveFileName(this, tr("Export Boxes as Annotations"), suggested,
                                                          tr("Annotations (*.json)"), nullptr,
                                                          QFileDialog::DontConfirmOverwrite);
        if (!path.isEmpty()) {
            rememberDialogFolder(session(), QStringLiteral("annotations"), path);
            exportAnnotations(path);
        }
    });

    // One button with a menu keeps the tool bar within 1024 pixels.
    auto* menu = new QMenu(this);
    menu->addAction(exportReportAction_);
    menu->addAction(exportAnnotationsAction_);
    auto* button = new QToolButton(toolBar);
    button->setObjectName(QStringLiteral("exportButton"));
    button->setText(tr("Export"));
    button->setIcon(themedIcon(QStringLiteral("export-pdf")));
    button->setToolTip(tr("Export the shown radiograph's report or boxes"));
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setPopupMode(QToolButton::InstantPopup);
    button->setMenu(menu);
    toolBar->addWidget(button);
}

void PredictWorkspace::updateExportActions()
{
    const bool shown = !path_.isEmpty() && fileRequest_ == 0;
    const bool graded = std::any_of(results_.begin(), results_.end(), [](const RegionResult& r) { return r.prediction.ok(); });
    exportReportAction_->setEnabled(shown && regrades_.isEmpty() && graded && !reportModelCheckpoint_.isEmpty());
    exportAnnotationsAction_->setEnabled(shown && overlay_->count() > 0 && !sourceSize_.isEmpty());
}

RgbImage PredictWorkspace::shownRadiograph() const
{
    // The picture as windowed on screen, without the selected box's Grad-CAM, at the decoded
    // file's size (what the boxes refer to).
    view_->setOverlayVisible(false);
    QImage image = view_->renderedImage();
    view_->setOverlayVisible(gradCamAction_->isChecked());
    if (image.isNull())
        return {};
    if (!sourceSize_.isEmpty() && image.size() != sourceSize_)
        image = image.scaled(sourceSize_, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    image = image.convertToFormat(QImage::Format_RGB888);
    RgbImage rgb{image.width(), image.height(), std::vector<std::uint8_t>(static_cast<size_t>(image.width()) * image.height() * 3)};
    const size_t rowBytes = static_cast<size_t>(image.width()) * 3;
    for (int y = 0; y < image.height(); ++y)
        std::memcpy(rgb.pixels.data() + static_cast<size_t>(y) * rowBytes, image.constScanLine(y), rowBytes);
    return rgb;
}

bool PredictWorkspace::exportReport(const QString& path)
{
    const bool graded = std::any_of(results_.begin(), results_.end(), [](const RegionResult& r) { return r.prediction.ok(); });
    if (path_.isEmpty() || fileRequest_ != 0 || !graded || reportModelCheckpoint_.isEmpty()) {
        messageBar_->showMessage(MessageBar::Kind::Warning,
                                 tr("There is no graded radiograph to report: open or drop one first."));
        return false;
    }
    if (!regrades_.isEmpty()) {
        messageBar_->showMessage(MessageBar::Kind::Warning,
                                 tr("A box is still being graded: export the report when its grade is shown."));
        return false;
    }
    report::PredictionReportFile file;
    file.path = path_.toStdString();
    file.regions = regionPredictions();   // in the overlay's order, as the boxes are now
    file.radiograph = shownRadiograph();
    try {
        report::PredictionReport report(path.toStdString(), reportModel_);
        report.add(file);
        report.finish();
    } catch (const std::exception& error) {
        messageBar_->showMessage(MessageBar::Kind::Error,
                                 tr("The report cannot be written: %1").arg(QString::fromStdString(error.what())));
        return false;
    }
    emit statusMessage(tr("Saved the prediction report %1").arg(QDir::toNativeSeparators(path)), 6000);
    return true;
}

bool PredictWorkspace::exportAnnotations(const QString& path)
{
    if (path_.isEmpty() || fileRequest_ != 0 || overlay_->count() == 0 || sourceSize_.isEmpty()) {
        messageBar_->showMessage(MessageBar::Kind::Warning,
                                 tr("There are no boxes to export: open or drop a radiograph, and place boxes on its "
                                    "knee joints (Add Box)."));
        return false;
    }
    AnnotatedImage image;
    image.file = QFileInfo(path_).absoluteFilePath().toStdString();
    image.width = sourceSize_.width();
    image.height = sourceSize_.height();
    image.view = info_.viewPosition;   // DICOM ViewPosition; empty when the file does not say
    for (const RegionBox& box : overlay_->boxes())
        image.knees.push_back(box.region);   // as shown: moved, resized or added by hand, with its side

    const std::string target = path.toStdString();
    std::vector<AnnotatedImage> images;
    try {
        // An existing file is added to; one that is not an annotations file is left alone.
        if (QFileInfo::exists(path))
            images = readLocaliserAnnotations(target);
        const auto same = [&](const AnnotatedImage& other) { return sameFile(other.file, image.file); };
        const auto first = std::find_if(images.begin(), images.end(), same);
        if (first == images.end()) {
            images.push_back(image);
        } else {
            *first = image;
            images.erase(std::remove_if(std::next(first), images.end(), same), images.end());
        }
        writeLocaliserAnnotations(target, images);
    } catch (const std::exception& error) {
        messageBar_->showMessage(MessageBar::Kind::Error,
                                 tr("The boxes cannot be exported: %1").arg(QString::fromStdString(error.what())));
        return false;
    }
    emit statusMessage(tr("Saved %n box(es) of %1 to %2: kneegrade-cli train-localiser --annotations %2 fine-tunes "
                          "the knee localiser on them",
                          nullptr, overlay_->count())
                           .arg(QFileInfo(path_).fileName(), QDir::toNativeSeparators(path)),
                       10000);
    return true;
}

} // namespace kg::ui
