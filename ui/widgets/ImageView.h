#pragma once
#include <QImage>
#include <QPointF>
#include <QString>
#include <QWidget>

namespace kg::ui {

/// What the stored grey values of a full-depth image mean and how to show it first.
struct GreyMapping {
    double scale = 1.0;       ///< real value (DICOM modality units) = offset + scale · stored value
    double offset = 0.0;
    QString unit;             ///< e.g. "HU"; empty when unknown
    bool inverted = false;    ///< MONOCHROME1: high values dark
    double center = 0.0;      ///< first window, in stored values; width ≤ 0: the format's full range
    double width = 0.0;
};

/// Shows one radiograph with zoom (wheel, +/−, double-click toggles fit/100 %), panning
/// (drag), a grey-level window (DICOM window centre/width; also contrast/brightness for
/// 8-bit images) and an optional RGB overlay (Grad-CAM) blended at an adjustable opacity.
/// An empty view shows `placeholderText()` (e.g. "Drop an X-ray here"). GUI thread only.
class ImageView : public QWidget {
    Q_OBJECT
public:
    explicit ImageView(QWidget* parent = nullptr);

    /// `image` may be Grayscale8, Grayscale16 or any RGB format. Resets zoom to fit and the
    /// window to `mapping`'s (default: the full range of the image's format).
    void setImage(const QImage& image, const GreyMapping& mapping = {});
    void clear();
    bool hasImage() const { return !source_.isNull(); }
    const QImage& image() const { return source_; }

    /// Grey-level window in stored pixel values (0..255 or 0..65535). width ≤ 0 = full range.
    void setWindow(double center, double width);
    double windowCenter() const { return windowCenter_; }
    double windowWidth() const { return windowWidth_; }
    /// Back to the image's first window (the file's own for DICOM).
    void resetWindow();
    /// Highest stored value of the current image's format (255 or 65535).
    double maximumValue() const;
    const GreyMapping& greyMapping() const { return mapping_; }

    /// Overlay drawn over `area` of the image (image pixels; null area: the whole image),
    /// scaled to it and clipped to the image; a null overlay removes it.
    void setOverlay(const QImage& overlay, const QRectF& area = {});
    const QImage& overlay() const { return overlay_; }
    /// Where the overlay lies, in image pixels (the whole image when none was given).
    QRectF overlayArea() const;
    void setOverlayOpacity(double opacity);  ///< 0..1
    double overlayOpacity() const { return overlayOpacity_; }
    void setOverlayVisible(bool visible);

    void setPlaceholderText(const QString& text);
    QString placeholderText() const { return placeholder_; }

    double zoom() const { return zoom_; }          ///< screen pixels per image pixel
    bool isFitToWindow() const { return fit_; }

    /// What the view shows right now (window applied, overlay blended), at image resolution.
    QImage renderedImage() const;

    /// Mapping between image pixels and this widget's coordinates at the current zoom and pan
    /// (for layers drawn over the image, such as region boxes).
    QPointF imageToWidget(const QPointF& imagePoint) const;
    QPointF widgetToImage(const QPointF& widgetPoint) const;
    QRectF imageToWidget(const QRectF& imageRect) const;

public slots:
    void zoomIn();
    void zoomOut();
    void fitToWindow();
    void actualSize();

signals:
    void zoomChanged(double zoom);
    void windowChanged(double center, double width);
    /// The image moved on screen (new image, zoom, pan or widget size).
    void viewChanged();

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;

private:
    void updateDisplay();
    void setZoomAround(double zoom, QPointF anchor);
    double fitZoom() const;
    double effectiveZoom() const { return fit_ ? fitZoom() : zoom_; }
    QRectF imageRect() const;

    QImage source_;
    GreyMapping mapping_;
    QImage display_;            // window applied
    QImage overlay_;
    QRectF overlayArea_;        // image pixels; null: the whole image
    double overlayOpacity_ = 0.45;
    bool overlayVisible_ = true;
    double windowCenter_ = 127.5;
    double windowWidth_ = 255.0;
    double zoom_ = 1.0;
    bool fit_ = true;
    QPointF offset_;            // image centre relative to widget centre, in screen pixels
    QPointF dragStart_;
    QPointF offsetAtDragStart_;
    bool dragging_ = false;
    QString placeholder_;
};

} // namespace kg::ui
