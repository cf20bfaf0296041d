#pragma once
#include "core/data/JointRegion.h"

#include <QColor>
#include <QPointer>
#include <QRectF>
#include <QSize>
#include <QString>
#include <QWidget>

#include <vector>

class QPainter;

namespace kg::ui {

class ImageView;

/// One square box drawn over the radiograph: the region graded and what to write on it.
struct RegionBox {
    int id = 0;                   ///< stable identity; assigned by RegionOverlay when 0
    kg::JointRegion region;       ///< in source pixels (the decoded file's), see setSourceSize()
    QString side;                 ///< "R", "L" or "?", written first on the label
    QString text;                 ///< e.g. "KL2 Minimal 71 %"; struck through when `muted`
    QString note;                 ///< written after the text, never struck through (e.g. "out of distribution")
    QColor colour;                ///< frame and label background
    bool muted = false;           ///< the grade means nothing: grey, struck-through text
    bool pending = false;         ///< being graded: dashed frame
    QString toolTip;              ///< shown when the pointer rests on the box
};

/// The layer of region boxes over an ImageView (a transparent child covering it). The user
/// selects a box by clicking it, moves it by dragging inside it and resizes it, square, by
/// dragging a corner handle; boxEdited() follows the release. Clicks, drags and wheel turns
/// outside the boxes fall through to the view (pan, zoom). The same edits are public for
/// callers and tests. GUI thread only.
class RegionOverlay : public QWidget {
    Q_OBJECT
public:
    explicit RegionOverlay(ImageView* view);

    /// The pixel size that regions refer to (the decoded file); when it differs from the
    /// view's image (a scaled display copy), boxes are scaled to match. Empty: the view's image size.
    void setSourceSize(const QSize& size);
    QSize sourceSize() const;

    void setBoxes(std::vector<RegionBox> boxes);
    void clearBoxes();
    const std::vector<RegionBox>& boxes() const { return boxes_; }
    int count() const { return static_cast<int>(boxes_.size()); }
    /// The box with `id`, or nullptr.
    const RegionBox* box(int id) const;
    /// Replaces the box with the same id (region, label, colours); false when there is none.
    bool updateBox(const RegionBox& box);
    /// Adds a box (its id assigned when 0) and selects it; returns its id.
    int addBox(RegionBox box);
    bool removeBox(int id);

    int selectedId() const { return selectedId_; }
    /// Selects a box (-1: none); emits selectionChanged() when the selection changes.
    void setSelectedId(int id);

    void setEditable(bool editable) { editable_ = editable; }
    bool isEditable() const { return editable_; }

    /// As a drag by the user: moves the box's top-left corner to `topLeft` (source pixels),
    /// kept so that its centre stays on the image, then emits boxEdited().
    bool moveBox(int id, const QPoint& topLeft);
    /// As a corner drag: makes the box `size` pixels square around the same top-left
    /// corner, then emits boxEdited().
    bool resizeBox(int id, int size);

    /// Where a box (or its bottom-right resize handle) is on this widget, for tests and
    /// pointer hit-testing; empty when the view shows no image.
    QRectF boxRectOnScreen(int id) const;
    QRectF handleRectOnScreen(int id, Qt::Corner corner) const;

    /// Smallest box side, in source pixels.
    int minimumBoxSize() const;

signals:
    void selectionChanged(int id);
    /// The user (or moveBox/resizeBox) finished moving or resizing the box.
    void boxEdited(int id);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    enum class Drag { None, Move, Resize };
    struct Hit {
        int id = -1;
        Drag drag = Drag::None;
        Qt::Corner corner = Qt::TopLeftCorner;
    };

    double sourceToImageScale() const;
    QPointF toSource(const QPointF& widgetPoint) const;
    QRectF screenRect(const kg::JointRegion& region) const;
    Hit hitTest(const QPointF& point) const;
    RegionBox* find(int id);
    kg::JointRegion keptOnImage(kg::JointRegion region) const;
    void updateCursor(const QPointF& point);
    void paintLabel(QPainter& painter, const RegionBox& box, const QRectF& rect) const;

    QPointer<ImageView> view_;
    QSize sourceSize_;
    std::vector<RegionBox> boxes_;
    int nextId_ = 1;
    int selectedId_ = -1;
    bool editable_ = true;

    Hit drag_;
    QPointF dragStart_;               // source pixels
    kg::JointRegion regionAtStart_;
    bool dragChanged_ = false;
};

} // namespace kg::ui
