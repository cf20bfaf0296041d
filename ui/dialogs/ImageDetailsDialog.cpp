#include "ui/dialogs/ImageDetailsDialog.h"

#include "ui/utility/Format.h"
#include "ui/utility/RadiographImage.h"
#include "ui/widgets/ImageView.h"
#include "ui/widgets/WindowLevelBar.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace kg::ui {
namespace {

} // namespace

ImageDetailsDialog::ImageDetailsDialog(const QString& path, const QString& gradeText, QWidget* parent)
    : QDialog(parent)
    , path_(path)
    , view_(new ImageView(this))
{
    setWindowTitle(QFileInfo(path).fileName());
    setAttribute(Qt::WA_DeleteOnClose);
    auto* layout = new QVBoxLayout(this);
    auto* body = new QHBoxLayout;
    layout->addLayout(body, 1);

    auto* left = new QVBoxLayout;
    view_->setPlaceholderText(tr("Loading…"));
    view_->setMinimumSize(420, 420);
    left->addWidget(view_, 1);
    left->addWidget(new WindowLevelBar(view_, this));
    body->addLayout(left, 3);

    auto* panel = new QWidget;
    form_ = new QFormLayout(panel);
    form_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto* title = new QLabel(QStringLiteral("<b>%1</b>").arg(QFileInfo(path).fileName().toHtmlEscaped()));
    title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form_->addRow(title);
    addRow(tr("Folder"), QFileInfo(path).absolutePath());
    if (!gradeText.isEmpty())
        addRow(tr("Grade (label)"), gradeText);
    status_ = new QLabel(tr("Decoding…"));
    status_->setWordWrap(true);
    form_->addRow(status_);
    auto* scroll = new QScrollArea;
    scroll->setWidget(panel);
    scroll->setWidgetResizable(true);
    scroll->setMinimumWidth(300);
    body->addWidget(scroll, 2);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(980, 640);

    auto* watcher = new QFutureWatcher<ViewerImage>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        const ViewerImage decoded = watcher->result();
        watcher->deleteLater();
        if (decoded.image.isNull()) {
            view_->setPlaceholderText(tr("This file cannot be shown."));
            status_->setText(QStringLiteral("<span style='color:#d04040'>%1</span>").arg(decoded.error.toHtmlEscaped()));
        } else {
            view_->setImage(decoded.image, decoded.mapping);
            status_->hide();
            showInfo(decoded.info);
        }
        loaded_ = true;
        emit loaded();
    });
    watcher->setFuture(QtConcurrent::run([path] { return loadViewerImage(path); }));
}

void ImageDetailsDialog::addRow(const QString& label, const QString& value)
{
    auto* field = new QLabel(value);
    field->setWordWrap(true);
    field->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form_->addRow(label + QLatin1Char(':'), field);
}

void ImageDetailsDialog::showInfo(const RadiographInfo& info)
{
    addRow(tr("Format"), toQString(info.format));
    addRow(tr("Size"), tr("%1 × %2 pixels").arg(info.width).arg(info.height));
    addRow(tr("Colour"), info.channels == 3 ? tr("colour (RGB)") : tr("grey"));
    QString depth = tr("%1-bit").arg(info.bitsAllocated);
    if (info.bitsStored > 0 && info.bitsStored != info.bitsAllocated)
        depth += tr(" (%1 bits stored)").arg(info.bitsStored);
    if (info.isSigned)
        depth += tr(", signed");
    addRow(tr("Bit depth"), depth);
    if (info.isDicom) {
        auto orDash = [](const std::string& text) { return text.empty() ? QStringLiteral("—") : toQString(text); };
        addRow(tr("Modality"), orDash(info.modality));
        addRow(tr("Body part"), orDash(info.bodyPart));
        addRow(tr("Laterality"), orDash(info.laterality));
        addRow(tr("Photometric"), orDash(info.photometric) + (info.inverted ? tr(" (inverted for display)") : QString()));
        addRow(tr("Transfer syntax"), orDash(info.transferSyntaxName.empty() ? info.transferSyntax : info.transferSyntaxName)
                                          + (info.lossyCompression ? tr(" — lossy") : QString()));
        if (info.frames > 1)
            addRow(tr("Frames"), tr("%1 (the first is shown)").arg(info.frames));
        if (info.modalityLut)
            addRow(tr("Rescale"), tr("Modality LUT"));
        else
            addRow(tr("Rescale"), tr("slope %1, intercept %2").arg(info.rescaleSlope).arg(info.rescaleIntercept));
        addRow(tr("Patient"), tr("identifiers are not read"));
    }
    if (info.windowWidth > 0)
        addRow(tr("Window"), tr("centre %1, width %2 (%3)")
                                 .arg(info.windowCenter)
                                 .arg(info.windowWidth)
                                 .arg(toQString(info.windowSource)));
    for (const std::string& warning : info.warnings)
        addRow(tr("Note"), toQString(warning));
}

} // namespace kg::ui
