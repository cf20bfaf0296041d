#include "ui/widgets/ConfusionMatrixWidget.h"

#include "ui/utility/Colors.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace kg::ui {

ConfusionMatrixWidget::ConfusionMatrixWidget(QWidget* parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ConfusionMatrixWidget::setMatrix(const std::vector<std::int64_t>& counts, const QStringList& labels)
{
    counts_ = counts;
    labels_ = labels;
    numClasses_ = labels.size();
    if (static_cast<size_t>(numClasses_ * numClasses_) != counts_.size()) {
        counts_.clear();
        numClasses_ = 0;
    }
    selectedTrue_ = selectedPredicted_ = -1;
    updateGeometry();
    update();
}

void ConfusionMatrixWidget::clear()
{
    counts_.clear();
    labels_.clear();
    numClasses_ = 0;
    selectedTrue_ = selectedPredicted_ = -1;
    update();
}

std::int64_t ConfusionMatrixWidget::count(int trueGrade, int predictedGrade) const
{
    if (trueGrade < 0 || predictedGrade < 0 || trueGrade >= numClasses_ || predictedGrade >= numClasses_)
        return 0;
    return counts_[static_cast<size_t>(trueGrade * numClasses_ + predictedGrade)];
}

double ConfusionMatrixWidget::rate(int trueGrade, int predictedGrade) const
{
    std::int64_t row = 0;
    for (int p = 0; p < numClasses_; ++p)
        row += count(trueGrade, p);
    return row > 0 ? static_cast<double>(count(trueGrade, predictedGrade)) / static_cast<double>(row) : 0.0;
}

void ConfusionMatrixWidget::setMode(Mode mode)
{
    mode_ = mode;
    update();
}

void ConfusionMatrixWidget::setSelectedCell(int trueGrade, int predictedGrade)
{
    selectedTrue_ = trueGrade;
    selectedPredicted_ = predictedGrade;
    update();
}

QSize ConfusionMatrixWidget::sizeHint() const
{
    return {560, 460};
}

QSize ConfusionMatrixWidget::minimumSizeHint() const
{
    return {320, 260};
}

ConfusionMatrixWidget::Geometry ConfusionMatrixWidget::geometry() const
{
    Geometry g;
    const QFontMetrics metrics = fontMetrics();
    int labelWidth = metrics.horizontalAdvance(QStringLiteral("KL0 Healthy"));
    for (const QString& label : labels_)
        labelWidth = std::max(labelWidth, metrics.horizontalAdvance(label));
    const int left = metrics.height() + 8 + labelWidth + 10;       // axis title + row labels
    const int top = metrics.height() + 10;                          // room for hover text
    const int bottom = 3 * metrics.height() + 18;                   // column labels (two lines) + axis title
    const int scaleWidth = 14 + 8 + metrics.horizontalAdvance(QStringLiteral("100 %")) + 16;
    const int availableWidth = width() - left - scaleWidth - 12;
    const int availableHeight = height() - top - bottom;
    const int k = std::max(1, numClasses_);
    g.cell = std::max(8, std::min(availableWidth, availableHeight) / k);
    const int side = g.cell * k;
    const int extraX = std::max(0, (availableWidth - side) / 2);
    g.grid = QRect(left + extraX, top, side, side);
    g.scale = QRect(g.grid.right() + 18, g.grid.top(), 14, side);
    return g;
}

QRect ConfusionMatrixWidget::cellRect(int trueGrade, int predictedGrade) const
{
    const Geometry g = geometry();
    return QRect(g.grid.left() + predictedGrade * g.cell, g.grid.top() + trueGrade * g.cell, g.cell, g.cell);
}

QList<ConfusionMatrixWidget::Label> ConfusionMatrixWidget::labels() const
{
    return numClasses_ == 0 ? QList<Label>() : labels(geometry());
}

QList<ConfusionMatrixWidget::Label> ConfusionMatrixWidget::labels(const Geometry& g) const
{
    QList<Label> result;
    const QFontMetrics metrics = fontMetrics();
    const int h = metrics.height();
    // A rectangle as wide as `text`, centred on `centerX`, from `top`.
    const auto centred = [&](const QString& text, int centerX, int top) {
        const int w = metrics.horizontalAdvance(text);
        return Label{QRect(centerX - w / 2, top, w, h), text};
    };
    // Column labels, the same way for every column: whole ("KL2 Minimal") when every one fits
    // its cell; else the grade above its name when every name fits; else the grade alone (the
    // row labels and tool tips have the names).
    const int columnWidth = std::max(1, g.cell - 6);   // a gap between neighbours
    bool wholeFit = true, namesFit = true;
    QStringList codes, names;
    for (const QString& text : labels_) {
        const int space = text.indexOf(QLatin1Char(' '));
        codes << (space > 0 ? text.left(space) : text);
        names << (space > 0 ? text.mid(space + 1) : QString());
        wholeFit = wholeFit && metrics.horizontalAdvance(text) <= columnWidth;
        namesFit = namesFit && metrics.horizontalAdvance(names.back()) <= columnWidth;
    }
    for (int i = 0; i < numClasses_; ++i) {
        // Row labels: right-aligned against the grid; the label column is as wide as the longest.
        const QString& text = labels_[i];
        const int w = metrics.horizontalAdvance(text);
        result << Label{QRect(g.grid.left() - 8 - w, g.grid.top() + i * g.cell + (g.cell - h) / 2, w, h), text};
        const int centerX = g.grid.left() + i * g.cell + g.cell / 2;
        const int top = g.grid.bottom() + 5;
        if (wholeFit) {
            result << centred(text, centerX, top);
            continue;
        }
        const QString code = metrics.elidedText(codes[i], Qt::ElideRight, columnWidth);
        if (!code.isEmpty())
            result << centred(code, centerX, top);
        if (namesFit && !names[i].isEmpty())
            result << centred(names[i], centerX, top + h);
    }
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics boldMetrics(bold);
    const QString predicted = tr("Predicted grade");
    const int predictedWidth = boldMetrics.horizontalAdvance(predicted);
    result << Label{QRect(g.grid.center().x() - predictedWidth / 2, g.grid.bottom() + 2 * h + 10, predictedWidth,
                          boldMetrics.height()),
                    predicted};
    const QString actual = tr("True grade");
    const int actualWidth = boldMetrics.horizontalAdvance(actual);   // drawn turned by 90°
    result << Label{QRect(2, g.grid.center().y() - actualWidth / 2, boldMetrics.height(), actualWidth), actual};
    return result;
}

bool ConfusionMatrixWidget::cellAt(const QPoint& position, int* trueGrade, int* predictedGrade) const
{
    if (numClasses_ == 0)
        return false;
    const Geometry g = geometry();
    if (!g.grid.contains(position))
        return false;
    *predictedGrade = std::min(numClasses_ - 1, (position.x() - g.grid.left()) / g.cell);
    *trueGrade = std::min(numClasses_ - 1, (position.y() - g.grid.top()) / g.cell);
    return true;
}

void ConfusionMatrixWidget::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor text = palette().color(QPalette::WindowText);
    if (numClasses_ == 0) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                         tr("Evaluate a checkpoint to see its confusion matrix."));
        return;
    }
    const Geometry g = geometry();
    const QFontMetrics metrics = fontMetrics();
    QFont bold = font();
    bold.setBold(true);
    QFont small = font();
    small.setPointSizeF(std::max(6.0, font().pointSizeF() * 0.82));

    for (int t = 0; t < numClasses_; ++t) {
        for (int p = 0; p < numClasses_; ++p) {
            const QRect cell = cellRect(t, p);
            const QColor fill = heatColor(rate(t, p));
            painter.fillRect(cell, fill);
            painter.setPen(textColorOn(fill));
            const QString countText = QString::number(count(t, p));
            const QString rateText = QStringLiteral("%1 %").arg(rate(t, p) * 100.0, 0, 'f', 1);
            const bool counts = mode_ == Mode::Counts;
            if (g.cell >= 2.6 * metrics.height()) {
                painter.setFont(bold);
                painter.drawText(cell.adjusted(0, 0, 0, -metrics.height() / 2), Qt::AlignCenter,
                                 counts ? countText : rateText);
                painter.setFont(small);
                painter.drawText(cell.adjusted(0, metrics.height() + 4, 0, 0), Qt::AlignCenter,
                                 counts ? rateText : countText);
            } else {
                painter.setFont(small);
                painter.drawText(cell, Qt::AlignCenter, counts ? countText : rateText);
            }
        }
    }
    painter.setFont(font());
    // Grid lines, then the diagonal's outline (correct grades) and the hover/selection.
    QColor line = palette().color(QPalette::Window);
    painter.setPen(QPen(line, 1));
    for (int i = 1; i < numClasses_; ++i) {
        painter.drawLine(g.grid.left() + i * g.cell, g.grid.top(), g.grid.left() + i * g.cell, g.grid.bottom());
        painter.drawLine(g.grid.left(), g.grid.top() + i * g.cell, g.grid.right(), g.grid.top() + i * g.cell);
    }
    if (selectedTrue_ >= 0) {
        painter.setPen(QPen(validationColor(), 3));
        painter.drawRect(cellRect(selectedTrue_, selectedPredicted_).adjusted(1, 1, -2, -2));
    }
    if (hoverTrue_ >= 0) {
        painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
        painter.drawRect(cellRect(hoverTrue_, hoverPredicted_).adjusted(1, 1, -1, -1));
    }

    // Labels: rows at the left, columns below (shortened when cells are narrow), axis titles.
    painter.setPen(text);
    const QList<Label> drawn = labels(g);
    for (int i = 0; i < drawn.size() - 2; ++i)
        painter.drawText(drawn[i].rect, Qt::AlignCenter | Qt::TextDontClip, drawn[i].text);
    painter.setFont(bold);
    const Label& predicted = drawn[drawn.size() - 2];
    painter.drawText(predicted.rect, Qt::AlignCenter | Qt::TextDontClip, predicted.text);
    const Label& actual = drawn.back();
    painter.save();
    painter.translate(actual.rect.center().x() + 1, actual.rect.center().y());
    painter.rotate(-90);
    painter.drawText(QRect(-actual.rect.height() / 2, -actual.rect.width() / 2, actual.rect.height(), actual.rect.width()),
                     Qt::AlignCenter | Qt::TextDontClip, actual.text);
    painter.restore();
    painter.setFont(font());

    // Colour scale: row-normalised rate from 0 to 100 %.
    QLinearGradient gradient(g.scale.bottomLeft(), g.scale.topLeft());
    for (int i = 0; i <= 10; ++i)
        gradient.setColorAt(i / 10.0, heatColor(i / 10.0));
    painter.fillRect(g.scale, gradient);
    painter.setPen(QPen(palette().color(QPalette::Mid), 1));
    painter.drawRect(g.scale);
    painter.setPen(text);
    for (int i = 0; i <= 4; ++i) {
        const int y = g.scale.bottom() - i * g.scale.height() / 4;
        painter.drawLine(g.scale.right(), y, g.scale.right() + 4, y);
        painter.drawText(QRect(g.scale.right() + 7, y - metrics.height() / 2, 60, metrics.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("%1 %").arg(i * 25));
    }

    if (hoverTrue_ >= 0) {
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QRect(g.grid.left(), 0, width() - g.grid.left(), metrics.height() + 6),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         tr("True %1, predicted %2: %n image(s) — click to list them", nullptr,
                            static_cast<int>(count(hoverTrue_, hoverPredicted_)))
                             .arg(labels_[hoverTrue_], labels_[hoverPredicted_]));
    }
}

void ConfusionMatrixWidget::mouseMoveEvent(QMouseEvent* event)
{
    int t = -1, p = -1;
    if (!cellAt(event->position().toPoint(), &t, &p))
        t = p = -1;
    if (t != hoverTrue_ || p != hoverPredicted_) {
        hoverTrue_ = t;
        hoverPredicted_ = p;
        setCursor(t >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
        update();
    }
}

void ConfusionMatrixWidget::mousePressEvent(QMouseEvent* event)
{
    int t = -1, p = -1;
    if (event->button() == Qt::LeftButton && cellAt(event->position().toPoint(), &t, &p)) {
        setSelectedCell(t, p);
        emit cellClicked(t, p);
    }
}

void ConfusionMatrixWidget::leaveEvent(QEvent* event)
{
    hoverTrue_ = hoverPredicted_ = -1;
    unsetCursor();
    update();
    QWidget::leaveEvent(event);
}

bool ConfusionMatrixWidget::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        int t = -1, p = -1;
        if (cellAt(help->pos(), &t, &p)) {
            QToolTip::showText(help->globalPos(),
                               tr("True %1, predicted %2\n%n image(s), %3 % of the true grade", nullptr,
                                  static_cast<int>(count(t, p)))
                                   .arg(labels_[t], labels_[p])
                                   .arg(rate(t, p) * 100.0, 0, 'f', 1),
                               this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(event);
}

} // namespace kg::ui
