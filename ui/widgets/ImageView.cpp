#include "ui/widgets/ImageView.h"

#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <vector>

namespace kg::ui {
namespace {

constexpr double kMinZoom = 0.05;
constexpr double kMaxZoom = 32.0;
constexpr double kZoomStep = 1.25;

bool isGray(const QImage& image)
{
    return image.format() == QImage::Format_Grayscale8 || image.format() == QImage::Format_Grayscale16;
}

} // namespace

ImageView::ImageView(QWidget* parent)
    : QWidget(parent)
{
    setMinimumSize(160, 160);
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ImageView::setImage(const QImage& image, const GreyMapping& mapping)
{
    source_ = image;
    mapping_ = mapping;
    overlay_ = QImage();
    overlayArea_ = {};
    fit_ = true;
    offset_ = {};
    zoom_ = fitZoom();
    resetWindow();
    emit viewChanged();
}

void ImageView::clear()
{
    source_ = QImage();
    display_ = QImage();
    overlay_ = QImage();
    overlayArea_ = {};
    update();
    emit viewChanged();
}

double ImageView::maximumValue() const
{
    return source_.format() == QImage::Format_Grayscale16 ? 65535.0 : 255.0;
}

void ImageView::resetWindow()
{
    if (mapping_.width > 0) {
        setWindow(mapping_.center, mapping_.width);
        return;
    }
    const double maximum = maximumValue();
    setWindow(maximum / 2.0, maximum);
}

void ImageView::setWindow(double center, double width)
{
    const double maximum = maximumValue();
    if (width <= 0) {
        center = maximum / 2.0;
        width = maximum;
    }
    windowCenter_ = center;
    windowWidth_ = width;
    updateDisplay();
    emit windowChanged(windowCenter_, windowWidth_);
}

void ImageView::updateDisplay()
{
    if (source_.isNull()) {
        display_ = QImage();
        update();
        return;
    }
    if (!isGray(source_)) {
        display_ = source_.convertToFormat(QImage::Format_RGB32);
        update();
        return;
    }
    // One look-up table over the stored range: linear ramp between the window's edges.
    const int levels = source_.format() == QImage::Format_Grayscale16 ? 65536 : 256;
    const double low = windowCenter_ - windowWidth_ / 2.0;
    std::vector<uchar> lut(static_cast<size_t>(levels));
    for (int v = 0; v < levels; ++v) {
        const double t = std::clamp((v - low) / std::max(1e-9, windowWidth_), 0.0, 1.0);
        lut[static_cast<size_t>(v)] = static_cast<uchar>((mapping_.inverted ? 1.0 - t : t) * 255.0 + 0.5);
    }
    display_ = QImage(source_.size(), QImage::Format_Grayscale8);
    for (int y = 0; y < source_.height(); ++y) {
        uchar* out = display_.scanLine(y);
        if (levels == 256) {
            const uchar* in = source_.constScanLine(y);
            for (int x = 0; x < source_.width(); ++x)
                out[x] = lut[in[x]];
        } else {
            const auto* in = reinterpret_cast<const quint16*>(source_.constScanLine(y));
            for (int x = 0; x < source_.width(); ++x)
                out[x] = lut[in[x]];
        }
    }
    update();
}

void ImageView::setOverlay(const QImage& overlay, const QRectF& area)
{
    overlay_ = overlay;
    overlayArea_ = overlay.isNull() ? QRectF() : area;
    update();
}

QRectF ImageView::overlayArea() const
{
    return overlayArea_.isNull() ? QRectF(QPointF(0, 0), QSizeF(source_.size())) : overlayArea_;
}

void ImageView::setOverlayOpacity(double opacity)
{
    overlayOpacity_ = std::clamp(opacity, 0.0, 1.0);
    update();
}

void ImageView::setOverlayVisible(bool visible)
{
    overlayVisible_ = visible;
    update();
}

void ImageView::setPlaceholderText(const QString& text)
{
    placeholder_ = text;
    update();
}

QImage ImageView::renderedImage() const
{
    if (display_.isNull())
        return {};
    QImage out = display_.convertToFormat(QImage::Format_RGB32);
    if (!overlay_.isNull() && overlayVisible_) {
        QPainter painter(&out);
        painter.setClipRect(QRect(QPoint(0, 0), out.size()));
        painter.setOpacity(overlayOpacity_);
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        painter.drawImage(overlayArea(), overlay_);
    }
    return out;
}

double ImageView::fitZoom() const
{
    if (source_.isNull())
        return 1.0;
    const double margin = 8.0;
    return std::max(kMinZoom, std::min((width() - 2 * margin) / source_.width(),
                                       (height() - 2 * margin) / source_.height()));
}

QRectF ImageView::imageRect() const
{
    const double zoom = effectiveZoom();
    const QSizeF size(source_.width() * zoom, source_.height() * zoom);
    const QPointF centre = QPointF(width() / 2.0, height() / 2.0) + offset_;
    return QRectF(centre - QPointF(size.width() / 2.0, size.height() / 2.0), size);
}

QPointF ImageView::imageToWidget(const QPointF& imagePoint) const
{
    return imageRect().topLeft() + imagePoint * effectiveZoom();
}

QPointF ImageView::widgetToImage(const QPointF& widgetPoint) const
{
    return (widgetPoint - imageRect().topLeft()) / effectiveZoom();
}

QRectF ImageView::imageToWidget(const QRectF& imageRect) const
{
    return QRectF(imageToWidget(imageRect.topLeft()), imageToWidget(imageRect.bottomRight()));
}

void ImageView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), QColor(16, 16, 18));  // radiographs are read on black
    if (display_.isNull()) {
        painter.setPen(QColor(170, 170, 176));
        QFont font = painter.font();
        font.setPointSizeF(font.pointSizeF() * 1.15);
        painter.setFont(font);
        painter.drawText(rect().adjusted(24, 24, -24, -24), Qt::AlignCenter | Qt::TextWordWrap, placeholder_);
        return;
    }
    if (fit_)
        zoom_ = fitZoom();
    const QRectF target = imageRect();
    painter.setRenderHint(QPainter::SmoothPixmapTransform, zoom_ < 4.0);
    painter.drawImage(target, display_);
    if (!overlay_.isNull() && overlayVisible_) {
        painter.setClipRect(target);
        painter.setOpacity(overlayOpacity_);
        painter.drawImage(imageToWidget(overlayArea()), overlay_);
        painter.setOpacity(1.0);
        painter.setClipping(false);
    }
}

void ImageView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (fit_)
        zoom_ = fitZoom();
    emit viewChanged();
}

void ImageView::setZoomAround(double zoom, QPointF anchor)
{
    if (source_.isNull())
        return;
    zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
    zoom_ = effectiveZoom();
    // Keep the image point under `anchor` where it is.
    const QPointF centre = QPointF(width() / 2.0, height() / 2.0) + offset_;
    const QPointF fromCentre = (anchor - centre) / zoom_;
    zoom_ = zoom;
    fit_ = false;
    offset_ = anchor - fromCentre * zoom_ - QPointF(width() / 2.0, height() / 2.0);
    update();
    emit zoomChanged(zoom_);
    emit viewChanged();
}

void ImageView::zoomIn()
{
    setZoomAround(effectiveZoom() * kZoomStep, rect().center());
}

void ImageView::zoomOut()
{
    setZoomAround(effectiveZoom() / kZoomStep, rect().center());
}

void ImageView::fitToWindow()
{
    fit_ = true;
    offset_ = {};
    zoom_ = fitZoom();
    update();
    emit zoomChanged(zoom_);
    emit viewChanged();
}

void ImageView::actualSize()
{
    offset_ = {};
    setZoomAround(1.0, rect().center());
}

void ImageView::wheelEvent(QWheelEvent* event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0.0)
        setZoomAround(effectiveZoom() * std::pow(kZoomStep, steps), event->position());
    event->accept();
}

void ImageView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && hasImage()) {
        dragging_ = true;
        dragStart_ = event->position();
        offsetAtDragStart_ = offset_;
        setCursor(Qt::ClosedHandCursor);
    }
}

void ImageView::mouseMoveEvent(QMouseEvent* event)
{
    if (!dragging_)
        return;
    if (fit_) {
        fit_ = false;
        emit zoomChanged(zoom_);
    }
    offset_ = offsetAtDragStart_ + (event->position() - dragStart_);
    update();
    emit viewChanged();
}

void ImageView::mouseReleaseEvent(QMouseEvent*)
{
    dragging_ = false;
    unsetCursor();
}

void ImageView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (fit_)
        setZoomAround(1.0, event->position());
    else
        fitToWindow();
}

} // namespace kg::ui
