#include "ui/widgets/WindowLevelBar.h"

#include "ui/utility/Icons.h"
#include "ui/widgets/ImageView.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QToolButton>

#include <cmath>

namespace kg::ui {

WindowLevelBar::WindowLevelBar(ImageView* view, QWidget* parent)
    : QWidget(parent)
    , view_(view)
    , level_(new QSlider(Qt::Horizontal, this))
    , width_(new QSlider(Qt::Horizontal, this))
    , value_(new QLabel(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* icon = new QLabel(this);
    icon->setPixmap(themedIcon(QStringLiteral("contrast")).pixmap(16, 16));
    layout->addWidget(icon);
    layout->addWidget(new QLabel(tr("Level"), this));
    layout->addWidget(level_, 1);
    layout->addWidget(new QLabel(tr("Width"), this));
    layout->addWidget(width_, 1);
    value_->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("L 65535  W 65535")));
    layout->addWidget(value_);
    value_->setObjectName(QStringLiteral("windowValue"));
    auto* reset = new QToolButton(this);
    reset->setText(tr("Reset"));
    reset->setToolTip(tr("Back to the image's own window (the file's, for DICOM)"));
    layout->addWidget(reset);
    level_->setToolTip(tr("Window level (centre): brighter or darker"));
    width_->setToolTip(tr("Window width: narrower means more contrast"));

    connect(level_, &QSlider::valueChanged, this, [this](int) {
        if (!syncing_)
            view_->setWindow(level_->value(), width_->value());
    });
    connect(width_, &QSlider::valueChanged, this, [this](int) {
        if (!syncing_)
            view_->setWindow(level_->value(), width_->value());
    });
    connect(reset, &QToolButton::clicked, view_, &ImageView::resetWindow);
    connect(view_, &ImageView::windowChanged, this, &WindowLevelBar::syncFromView);
    connect(view_, &ImageView::viewChanged, this, [this] {
        if (!view_->hasImage() || value_->text().isEmpty())
            syncFromView();   // cleared, or the first image after it
    });
    syncFromView();
}

void WindowLevelBar::syncFromView()
{
    syncing_ = true;
    // No image (cleared, or a file that could not be read): no window to show or change.
    const bool hasImage = view_->hasImage();
    level_->setEnabled(hasImage);
    width_->setEnabled(hasImage);
    if (!hasImage) {
        value_->clear();
        syncing_ = false;
        return;
    }
    const int maximum = static_cast<int>(view_->maximumValue());
    level_->setRange(0, maximum);
    width_->setRange(1, maximum + 1);
    level_->setValue(static_cast<int>(view_->windowCenter()));
    width_->setValue(static_cast<int>(view_->windowWidth()));
    // Values in the image's own units (DICOM: modality units, as the file's window is given).
    const GreyMapping& mapping = view_->greyMapping();
    const QString unit = mapping.unit.isEmpty() ? QString() : QStringLiteral(" ") + mapping.unit;
    value_->setText(tr("L %1  W %2%3")
                        .arg(std::lround(mapping.offset + mapping.scale * view_->windowCenter()))
                        .arg(std::lround(mapping.scale * view_->windowWidth()))
                        .arg(unit));
    syncing_ = false;
}

} // namespace kg::ui
