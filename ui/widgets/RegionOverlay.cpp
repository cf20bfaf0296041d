#include "ui/widgets/RegionOverlay.h"

#include "ui/utility/Colors.h"
#include "ui/widgets/ImageView.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace kg::ui {
namespace {

constexpr double kHandle = 10.0;         // corner handle side, screen pixels
const QColor kMuted(0x8a, 0x8a, 0x8a);   // a grade that means nothing

Qt::CursorShape cornerCursor(Qt::Corner corner)
{
    return corner == Qt::TopLeftCorner || corner == Qt::BottomRightCorner ? Qt::SizeFDiagCursor : Qt::SizeBDiagCursor;
}

QPointF cornerOf(const QRectF& rect, Qt::Corner corner)
{
    switch (corner) {
    case Qt::TopLeftCorner: return rect.topLeft();
    case Qt::TopRightCorner: return rect.topRight();
    case Qt::BottomLeftCorner: return rect.bottomLeft();
    case Qt::BottomRightCorner: break;
    }
    return rect.bottomRight();
}

constexpr Qt::Corner kCorners[] = {Qt::TopLeftCorner, Qt::TopRightCorner, Qt::BottomLeftCorner, Qt::BottomRightCorner};

} // namespace

RegionOverlay::RegionOverlay(ImageView* view)
    : QWidget(view)
    , view_(view)
{
    setObjectName(QStringLiteral("regionOverlay"));
    setMouseTracking(true);
    setFocusPolicy(Qt::NoFocus);
    setGeometry(view->rect());
    view->installEventFilter(this);
    connect(view, &ImageView::viewChanged, this, qOverload<>(&QWidget::update));
    raise();
    show();
}

bool RegionOverlay::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == view_ && event->type() == QEvent::Resize)
        setGeometry(view_->rect());
    return QWidget::eventFilter(watched, event);
}

void RegionOverlay::setSourceSize(const QSize& size)
{
    sourceSize_ = size;
    update();
}

QSize RegionOverlay::sourceSize() const
{
    if (!sourceSize_.isEmpty())
        return sourceSize_;
    return view_ && view_->hasImage() ? view_->image().size() : QSize();
}

double RegionOverlay::sourceToImageScale() const
{
    const QSize source = sourceSize();
    if (!view_ || !view_->hasImage() || source.isEmpty())
        return 1.0;
    return static_cast<double>(view_->image().width()) / source.width();
}

QPointF RegionOverlay::toSource(const QPointF& widgetPoint) const
{
    return view_->widgetToImage(widgetPoint) / sourceToImageScale();
}

QRectF RegionOverlay::screenRect(const kg::JointRegion& region) const
{
    if (!view_ || !view_->hasImage())
        return {};
    const double scale = sourceToImageScale();
    return view_->imageToWidget(QRectF(region.x * scale, region.y * scale, region.width * scale, region.height * scale));
}

void RegionOverlay::setBoxes(std::vector<RegionBox> boxes)
{
    boxes_.clear();
    const int previous = selectedId_;
    selectedId_ = -1;
    for (RegionBox& box : boxes) {
        if (box.id <= 0)
            box.id = nextId_++;
        else
            nextId_ = std::max(nextId_, box.id + 1);
        boxes_.push_back(std::move(box));
    }
    drag_ = {};
    update();
    if (previous != -1)
        emit selectionChanged(-1);
}

void RegionOverlay::clearBoxes()
{
    setBoxes({});
}

RegionBox* RegionOverlay::find(int id)
{
    for (RegionBox& box : boxes_)
        if (box.id == id)
            return &box;
    return nullptr;
}

const RegionBox* RegionOverlay::box(int id) const
{
    return const_cast<RegionOverlay*>(this)->find(id);
}

bool RegionOverlay::updateBox(const RegionBox& box)
{
    RegionBox* target = find(box.id);
    if (!target)
        return false;
    *target = box;
    update();
    return true;
}

int RegionOverlay::addBox(RegionBox box)
{
    if (box.id <= 0)
        box.id = nextId_++;
    else
        nextId_ = std::max(nextId_, box.id + 1);
    const int id = box.id;
    boxes_.push_back(std::move(box));
    update();
    setSelectedId(id);
    return id;
}

bool RegionOverlay::removeBox(int id)
{
    const auto it = std::find_if(boxes_.begin(), boxes_.end(), [id](const RegionBox& box) { return box.id == id; });
    if (it == boxes_.end())
        return false;
    boxes_.erase(it);
    if (drag_.id == id)
        drag_ = {};
    update();
    if (selectedId_ == id)
        setSelectedId(-1);
    return true;
}

void RegionOverlay::setSelectedId(int id)
{
    if (id != -1 && !find(id))
        id = -1;
    if (id == selectedId_)
        return;
    selectedId_ = id;
    update();
    emit selectionChanged(id);
}

int RegionOverlay::minimumBoxSize() const
{
    const QSize source = sourceSize();
    return std::max(16, std::min(source.width(), source.height()) / 25);
}

kg::JointRegion RegionOverlay::keptOnImage(kg::JointRegion region) const
{
    const QSize source = sourceSize();
    if (source.isEmpty())
        return region;
    // The centre stays on the image; the rest may hang over the edge (graded as black, as film).
    region.x = std::clamp(region.x, -region.width / 2, source.width() - region.width / 2);
    region.y = std::clamp(region.y, -region.height / 2, source.height() - region.height / 2);
    return region;
}

bool RegionOverlay::moveBox(int id, const QPoint& topLeft)
{
    RegionBox* target = find(id);
    if (!target)
        return false;
    target->region.x = topLeft.x();
    target->region.y = topLeft.y();
    target->region = keptOnImage(target->region);
    update();
    emit boxEdited(id);
    return true;
}

bool RegionOverlay::resizeBox(int id, int size)
{
    RegionBox* target = find(id);
    if (!target)
        return false;
    const QSize source = sourceSize();
    size = std::max(size, minimumBoxSize());
    if (!source.isEmpty())
        size = std::min(size, std::max(source.width(), source.height()));
    target->region.width = target->region.height = size;
    target->region = keptOnImage(target->region);
    update();
    emit boxEdited(id);
    return true;
}

QRectF RegionOverlay::boxRectOnScreen(int id) const
{
    const RegionBox* target = box(id);
    return target ? screenRect(target->region) : QRectF();
}

QRectF RegionOverlay::handleRectOnScreen(int id, Qt::Corner corner) const
{
    const QRectF rect = boxRectOnScreen(id);
    if (rect.isEmpty())
        return {};
    const QPointF centre = cornerOf(rect, corner);
    return QRectF(centre - QPointF(kHandle / 2, kHandle / 2), QSizeF(kHandle, kHandle));
}

RegionOverlay::Hit RegionOverlay::hitTest(const QPointF& point) const
{
    // Handles first (the selected box's before the others), then insides, topmost first.
    std::vector<const RegionBox*> order;
    for (auto it = boxes_.rbegin(); it != boxes_.rend(); ++it)
        order.push_back(&*it);
    std::stable_partition(order.begin(), order.end(), [this](const RegionBox* b) { return b->id == selectedId_; });
    for (const RegionBox* b : order)
        for (Qt::Corner corner : kCorners)
            if (handleRectOnScreen(b->id, corner).adjusted(-2, -2, 2, 2).contains(point))
                return {b->id, Drag::Resize, corner};
    for (const RegionBox* b : order)
        if (screenRect(b->region).contains(point))
            return {b->id, Drag::Move, Qt::TopLeftCorner};
    return {};
}

void RegionOverlay::updateCursor(const QPointF& point)
{
    const Hit hit = editable_ ? hitTest(point) : Hit{};
    if (hit.drag == Drag::Resize)
        setCursor(cornerCursor(hit.corner));
    else if (hit.drag == Drag::Move)
        setCursor(drag_.drag == Drag::Move ? Qt::ClosedHandCursor : Qt::SizeAllCursor);
    else
        unsetCursor();
}

void RegionOverlay::mousePressEvent(QMouseEvent* event)
{
    const Hit hit = event->button() == Qt::LeftButton ? hitTest(event->position()) : Hit{};
    if (hit.id < 0) {
        event->ignore();   // the view pans
        return;
    }
    setSelectedId(hit.id);
    if (editable_) {
        drag_ = hit;
        dragStart_ = toSource(event->position());
        regionAtStart_ = find(hit.id)->region;
        dragChanged_ = false;
        updateCursor(event->position());
    }
    event->accept();
}

void RegionOverlay::mouseMoveEvent(QMouseEvent* event)
{
    RegionBox* target = drag_.drag != Drag::None ? find(drag_.id) : nullptr;
    if (!target) {
        if (!(event->buttons() & Qt::LeftButton))
            updateCursor(event->position());
        event->ignore();
        return;
    }
    const QPointF now = toSource(event->position());
    kg::JointRegion region = regionAtStart_;
    if (drag_.drag == Drag::Move) {
        const QPointF delta = now - dragStart_;
        region.x = regionAtStart_.x + static_cast<int>(std::lround(delta.x()));
        region.y = regionAtStart_.y + static_cast<int>(std::lround(delta.y()));
    } else {
        // The opposite corner stays; the box follows the pointer, square, on the same side.
        const bool right = drag_.corner == Qt::TopRightCorner || drag_.corner == Qt::BottomRightCorner;
        const bool bottom = drag_.corner == Qt::BottomLeftCorner || drag_.corner == Qt::BottomRightCorner;
        const double anchorX = right ? regionAtStart_.x : regionAtStart_.x + regionAtStart_.width;
        const double anchorY = bottom ? regionAtStart_.y : regionAtStart_.y + regionAtStart_.height;
        const double dx = (now.x() - anchorX) * (right ? 1 : -1);
        const double dy = (now.y() - anchorY) * (bottom ? 1 : -1);
        const QSize source = sourceSize();
        int size = static_cast<int>(std::lround(std::max(dx, dy)));
        size = std::max(size, minimumBoxSize());
        if (!source.isEmpty())
            size = std::min(size, std::max(source.width(), source.height()));
        region.width = region.height = size;
        region.x = static_cast<int>(right ? anchorX : anchorX - size);
        region.y = static_cast<int>(bottom ? anchorY : anchorY - size);
    }
    region = keptOnImage(region);
    if (region.x != target->region.x || region.y != target->region.y || region.width != target->region.width) {
        target->region = region;
        dragChanged_ = true;
        update();
    }
    event->accept();
}

void RegionOverlay::mouseReleaseEvent(QMouseEvent* event)
{
    if (drag_.drag == Drag::None) {
        event->ignore();
        return;
    }
    const int id = drag_.id;
    const RegionBox* target = find(id);
    const bool changed = dragChanged_ && target
                         && (target->region.x != regionAtStart_.x || target->region.y != regionAtStart_.y
                             || target->region.width != regionAtStart_.width);
    drag_ = {};
    dragChanged_ = false;
    updateCursor(event->position());
    event->accept();
    if (changed)
        emit boxEdited(id);
}

bool RegionOverlay::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const Hit hit = hitTest(help->pos());
        const RegionBox* target = hit.id >= 0 ? box(hit.id) : nullptr;
        if (target && !target->toolTip.isEmpty())
            QToolTip::showText(help->globalPos(), target->toolTip, this, screenRect(target->region).toAlignedRect());
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void RegionOverlay::paintLabel(QPainter& painter, const RegionBox& box, const QRectF& rect) const
{
    QFont plain = font();
    plain.setBold(true);
    QFont struck = plain;
    struck.setStrikeOut(box.muted);
    const QString head = box.side + QStringLiteral(" · ");
    const QString tail = box.note.isEmpty() ? QString() : QStringLiteral(" · ") + box.note;
    const QFontMetricsF plainMetrics(plain), struckMetrics(struck);
    const double width = plainMetrics.horizontalAdvance(head) + struckMetrics.horizontalAdvance(box.text)
                         + plainMetrics.horizontalAdvance(tail) + 10;
    const double height = plainMetrics.height() + 4;
    QRectF label(rect.left() - 1, rect.top() - height - 2, width, height);
    if (label.top() < 0)
        label.moveTop(rect.top() + 2);   // no room above: inside the box's top edge
    label.moveLeft(std::clamp(label.left(), 0.0, std::max(0.0, this->width() - width)));
    const QColor background = box.muted ? kMuted : box.colour;
    painter.setPen(Qt::NoPen);
    painter.setBrush(background);
    painter.drawRoundedRect(label, 3, 3);
    painter.setPen(textColorOn(background));
    double x = label.left() + 5;
    const double baseline = label.top() + 2 + plainMetrics.ascent();
    painter.setFont(plain);
    painter.drawText(QPointF(x, baseline), head);
    x += plainMetrics.horizontalAdvance(head);
    painter.setFont(struck);
    painter.drawText(QPointF(x, baseline), box.text);
    x += struckMetrics.horizontalAdvance(box.text);
    painter.setFont(plain);
    painter.drawText(QPointF(x, baseline), tail);
}

void RegionOverlay::paintEvent(QPaintEvent*)
{
    if (!view_ || !view_->hasImage() || boxes_.empty())
        return;
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    std::vector<const RegionBox*> order;
    for (const RegionBox& b : boxes_)
        if (b.id != selectedId_)
            order.push_back(&b);
    if (const RegionBox* selected = box(selectedId_))
        order.push_back(selected);   // drawn last: on top
    for (const RegionBox* b : order) {
        const QRectF rect = screenRect(b->region);
        const bool selected = b->id == selectedId_;
        const QColor colour = b->muted ? kMuted : b->colour;
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(QColor(0, 0, 0, 150), selected ? 5 : 4));   // a dark rim keeps the frame visible on bone
        painter.drawRect(rect);
        QPen pen(colour, selected ? 3 : 2);
        if (b->pending)
            pen.setStyle(Qt::DashLine);
        painter.setPen(pen);
        painter.drawRect(rect);
        if (selected && editable_) {
            painter.setPen(QPen(colour, 1.5));
            painter.setBrush(QColor(255, 255, 255));
            for (Qt::Corner corner : kCorners)
                painter.drawRect(handleRectOnScreen(b->id, corner));
        }
        paintLabel(painter, *b, rect);
    }
}

} // namespace kg::ui
