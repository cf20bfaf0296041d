#include "ui/report/ReportCharts.h"

#include "ui/utility/Colors.h"

#include <QLinearGradient>
#include <QPainterPath>
#include <QPen>

#include <algorithm>
#include <cmath>
#include <limits>

namespace kg::report::detail {

namespace {

/// The smallest 1, 2 or 5 × 10^k that is at least `rough`.
double niceStep(double rough)
{
    if (!(rough > 0))
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    for (double factor : {1.0, 2.0, 5.0})
        if (factor * magnitude >= rough * (1 - 1e-9))
            return factor * magnitude;
    return 10 * magnitude;
}

} // namespace

double drawConfusionMatrix(Document& doc, const ConfusionMatrix& matrix, const std::vector<std::string>& names)
{
    const int k = matrix.numClasses();
    QPainter& p = doc.painter();
    const double labelWidth = Document::mm(26), axisWidth = Document::mm(6), barWidth = Document::mm(5);
    const double headerHeight = Document::mm(12), titleHeight = Document::mm(6);
    const double cell = std::min(Document::mm(19), (doc.width() - axisWidth - labelWidth - barWidth - Document::mm(16)) / k);
    const double height = titleHeight + headerHeight + cell * k + Document::mm(4);
    doc.ensure(height);
    const double x0 = axisWidth + labelWidth, y0 = doc.y() + titleHeight + headerHeight;

    p.setPen(Qt::black);
    p.setFont(Document::font(9, true));
    p.drawText(QRectF(x0, doc.y(), cell * k, titleHeight), Qt::AlignCenter, QStringLiteral("Predicted grade"));
    p.save();
    p.translate(Document::mm(1), y0 + cell * k / 2);
    p.rotate(-90);
    p.drawText(QRectF(-cell * k / 2, 0, cell * k, axisWidth), Qt::AlignCenter, QStringLiteral("True grade"));
    p.restore();

    const std::vector<double> rates = matrix.rowNormalised();
    for (int c = 0; c < k; ++c) {
        p.setFont(Document::font(7.5, true));
        p.setPen(Qt::black);
        p.drawText(QRectF(x0 + c * cell, y0 - headerHeight, cell, headerHeight), Qt::AlignCenter | Qt::TextWordWrap,
                   classLabel(names, c, true));
    }
    for (int r = 0; r < k; ++r) {
        p.setFont(Document::font(7.5, true));
        p.setPen(Qt::black);
        p.drawText(QRectF(axisWidth, y0 + r * cell, labelWidth - Document::mm(1.5), cell), Qt::AlignRight | Qt::AlignVCenter,
                   classLabel(names, r) + QStringLiteral("\n(n = %1)").arg(matrix.trueCount(r)));
        for (int c = 0; c < k; ++c) {
            const double rate = rates[static_cast<size_t>(r * k + c)];
            const QColor colour = ui::heatColor(rate);
            const QRectF box(x0 + c * cell, y0 + r * cell, cell, cell);
            p.fillRect(box, colour);
            p.setPen(QPen(QColor(255, 255, 255), Document::pt(0.6)));
            p.drawRect(box);
            p.setPen(ui::textColorOn(colour));
            p.setFont(Document::font(10, true));
            p.drawText(box.adjusted(0, 0, 0, -cell * 0.35), Qt::AlignHCenter | Qt::AlignBottom,
                       QString::number(matrix.count(r, c)));
            p.setFont(Document::font(7.5));
            p.drawText(box.adjusted(0, cell * 0.62, 0, 0), Qt::AlignHCenter | Qt::AlignTop, percent(rate));
        }
    }
    // Correct predictions: the diagonal, outlined once every cell is filled.
    p.setPen(QPen(QColor(20, 20, 20), Document::pt(1.0)));
    p.setBrush(Qt::NoBrush);
    for (int d = 0; d < k; ++d)
        p.drawRect(QRectF(x0 + d * cell, y0 + d * cell, cell, cell));
    // Colour scale.
    const double bx = x0 + cell * k + Document::mm(4);
    QLinearGradient gradient(QPointF(0, y0 + cell * k), QPointF(0, y0));
    for (int i = 0; i <= 10; ++i)
        gradient.setColorAt(i / 10.0, ui::heatColor(i / 10.0));
    p.fillRect(QRectF(bx, y0, barWidth, cell * k), gradient);
    p.setPen(QPen(kGrey, Document::pt(0.5)));
    p.drawRect(QRectF(bx, y0, barWidth, cell * k));
    p.setFont(Document::font(7));
    p.setPen(Qt::black);
    for (int i = 0; i <= 4; ++i) {
        const double y = y0 + cell * k * (1.0 - i / 4.0);
        p.drawLine(QPointF(bx + barWidth, y), QPointF(bx + barWidth + Document::mm(1), y));
        p.drawText(QRectF(bx + barWidth + Document::mm(1.5), y - Document::mm(2), Document::mm(12), Document::mm(4)),
                   Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("%1%").arg(i * 25));
    }
    doc.advance(height);
    return height;
}

void drawChart(QPainter& p, const QRectF& area, const QString& title, const std::vector<int>& epochs,
               const std::vector<ChartSeries>& series, bool unitRange)
{
    double lo = unitRange ? 0.0 : std::numeric_limits<double>::infinity();
    double hi = unitRange ? 1.0 : -std::numeric_limits<double>::infinity();
    if (!unitRange) {
        for (const auto& s : series)
            for (double v : s.values)
                if (std::isfinite(v)) {
                    lo = std::min(lo, v);
                    hi = std::max(hi, v);
                }
        if (!std::isfinite(lo)) {
            lo = 0;
            hi = 1;
        }
        lo = std::min(0.0, lo);
        hi = hi > lo ? hi : lo + 1;
    }
    // Round axis ends and tick steps (1, 2 or 5 × 10^k) so the labels read naturally.
    const double valueStep = niceStep((hi - lo) / 4.0);
    lo = std::floor(lo / valueStep) * valueStep;
    hi = std::ceil(hi / valueStep - 1e-9) * valueStep;
    const double left = Document::mm(12), bottom = Document::mm(9), top = Document::mm(7);
    const QRectF plot(area.left() + left, area.top() + top, area.width() - left - Document::mm(3),
                      area.height() - top - bottom);
    p.setPen(Qt::black);
    p.setFont(Document::font(9, true));
    p.drawText(QRectF(area.left(), area.top(), area.width(), top), Qt::AlignHCenter | Qt::AlignTop, title);

    const int firstEpoch = epochs.empty() ? 1 : epochs.front();
    const int lastEpoch = epochs.empty() ? 1 : std::max(epochs.back(), firstEpoch + 1);
    auto px = [&](double epoch) { return plot.left() + (epoch - firstEpoch) / (lastEpoch - firstEpoch) * plot.width(); };
    auto py = [&](double v) { return plot.bottom() - (v - lo) / (hi - lo) * plot.height(); };

    p.setFont(Document::font(7));
    const int valueDecimals = std::max(0, -static_cast<int>(std::floor(std::log10(valueStep) + 1e-9)));
    for (double v = lo; v <= hi + valueStep * 1e-6; v += valueStep) {
        p.setPen(QPen(QColor(225, 225, 225), Document::pt(0.4)));
        p.drawLine(QPointF(plot.left(), py(v)), QPointF(plot.right(), py(v)));
        p.setPen(Qt::black);
        p.drawText(QRectF(area.left(), py(v) - Document::mm(2), left - Document::mm(1.5), Document::mm(4)),
                   Qt::AlignRight | Qt::AlignVCenter, QString::number(v, 'f', valueDecimals));
    }
    // Whole epochs only: every epoch for short runs, else every 2, 5, 10, 20, 50 … epochs.
    const int epochStep = std::max(1, static_cast<int>(niceStep((lastEpoch - firstEpoch) / 6.0)));
    for (int epoch = firstEpoch; epoch <= lastEpoch; ++epoch) {
        if (epoch != firstEpoch && epoch % epochStep != 0)
            continue;
        p.drawText(QRectF(px(epoch) - Document::mm(6), plot.bottom() + Document::mm(0.8), Document::mm(12), Document::mm(4)),
                   Qt::AlignHCenter | Qt::AlignTop, QString::number(epoch));
    }
    p.drawText(QRectF(plot.left(), plot.bottom() + Document::mm(4.5), plot.width(), Document::mm(4)), Qt::AlignHCenter,
               QStringLiteral("epoch"));
    p.setPen(QPen(Qt::black, Document::pt(0.7)));
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    p.drawLine(plot.bottomLeft(), plot.topLeft());

    for (const auto& s : series) {
        QPainterPath path;
        bool started = false;
        for (size_t i = 0; i < s.values.size() && i < epochs.size(); ++i) {
            if (!std::isfinite(s.values[i]))
                continue;
            const QPointF point(px(epochs[i]), py(std::clamp(s.values[i], lo, hi)));
            started ? path.lineTo(point) : path.moveTo(point);
            started = true;
        }
        p.setPen(QPen(s.colour, Document::pt(1.3)));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        if (s.values.size() == 1 && started)
            p.drawEllipse(path.currentPosition(), Document::mm(0.8), Document::mm(0.8));
    }

    // The legend goes on a white card over the curves, so a curve passing under it cannot hide its text.
    double legendY = plot.top() + Document::mm(1);
    p.fillRect(QRectF(plot.right() - Document::mm(25), legendY - Document::mm(0.5), Document::mm(24.5),
                      Document::mm(3.6) * static_cast<double>(series.size()) + Document::mm(0.6)),
               QColor(255, 255, 255, 235));
    for (const auto& s : series) {
        p.setPen(QPen(s.colour, Document::pt(1.3)));
        p.drawLine(QPointF(plot.right() - Document::mm(24), legendY + Document::mm(1.5)),
                   QPointF(plot.right() - Document::mm(19), legendY + Document::mm(1.5)));
        p.setPen(Qt::black);
        p.drawText(QRectF(plot.right() - Document::mm(18), legendY, Document::mm(18), Document::mm(3.2)),
                   Qt::AlignLeft | Qt::AlignVCenter, s.name);
        legendY += Document::mm(3.6);
    }
}

} // namespace kg::report::detail
