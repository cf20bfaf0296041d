#include "ui/widgets/ProbabilityBarsWidget.h"
#include "ui/utility/Language.h"

#include "ui/utility/Colors.h"

#include "core/data/Grades.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace kg::ui {

ProbabilityBarsWidget::ProbabilityBarsWidget(QWidget* parent)
    : QWidget(parent)
{
    for (int grade = 0; grade < 5; ++grade)
        labels_ << gradeDisplayLabel(grade);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void ProbabilityBarsWidget::setLabels(const QStringList& labels)
{
    labels_ = labels;
    updateGeometry();
    update();
}

void ProbabilityBarsWidget::setProbabilities(const std::vector<double>& probabilities, int highlighted)
{
    probabilities_ = probabilities;
    highlighted_ = highlighted;
    update();
}

void ProbabilityBarsWidget::clear()
{
    probabilities_.clear();
    highlighted_ = -1;
    update();
}

QSize ProbabilityBarsWidget::sizeHint() const
{
    const int row = fontMetrics().height() + 12;
    return {320, row * static_cast<int>(labels_.size()) + 4};
}

QSize ProbabilityBarsWidget::minimumSizeHint() const
{
    return {200, sizeHint().height()};
}

void ProbabilityBarsWidget::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics metrics = fontMetrics();
    const int rowHeight = metrics.height() + 12;
    // Measured in bold: the highlighted (predicted) row is drawn bold and must not be clipped.
    QFont boldFont = font();
    boldFont.setBold(true);
    const QFontMetrics boldMetrics(boldFont);
    int labelWidth = 0;
    for (const QString& label : labels_)
        labelWidth = std::max(labelWidth, boldMetrics.horizontalAdvance(label));
    labelWidth += 10;
    const int valueWidth = metrics.horizontalAdvance(QStringLiteral("100.0 %")) + 8;
    const int barLeft = labelWidth;
    const int barWidth = std::max(20, width() - labelWidth - valueWidth);
    const QColor text = palette().color(QPalette::WindowText);
    QColor track = palette().color(QPalette::Mid);
    track.setAlphaF(0.25f);

    for (int row = 0; row < labels_.size(); ++row) {
        const int top = row * rowHeight + 2;
        const QRect labelRect(0, top, labelWidth - 8, rowHeight);
        QFont font = painter.font();
        font.setBold(row == highlighted_);
        painter.setFont(font);
        painter.setPen(text);
        painter.drawText(labelRect, Qt::AlignVCenter | Qt::AlignRight, labels_[row]);

        const QRectF trackRect(barLeft, top + 5, barWidth, rowHeight - 10);
        QPainterPath trackPath;
        trackPath.addRoundedRect(trackRect, 3, 3);
        painter.fillPath(trackPath, track);
        if (row < static_cast<int>(probabilities_.size())) {
            const double p = std::clamp(probabilities_[static_cast<size_t>(row)], 0.0, 1.0);
            QColor bar = gradeColor(row);
            if (highlighted_ >= 0 && row != highlighted_)
                bar.setAlphaF(0.45f);
            if (p > 0) {
                QPainterPath barPath;
                barPath.addRoundedRect(QRectF(trackRect.left(), trackRect.top(), std::max(3.0, trackRect.width() * p),
                                              trackRect.height()),
                                       3, 3);
                painter.fillPath(barPath, bar);
            }
            painter.setPen(text);
            painter.drawText(QRect(barLeft + barWidth + 6, top, valueWidth, rowHeight), Qt::AlignVCenter | Qt::AlignLeft,
                             QStringLiteral("%1 %").arg(p * 100.0, 0, 'f', 1));
        }
    }
}

} // namespace kg::ui
