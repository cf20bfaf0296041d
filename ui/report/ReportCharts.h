#pragma once
// Internal to kneegrade::report: the evaluation report's drawings — the confusion-matrix
// heatmap and the training-curve line charts — in the colours the screen uses
// (ui/utility/Colors).
#include "ui/report/ReportDocument.h"

#include "core/eval/ConfusionMatrix.h"

#include <QColor>
#include <QPainter>
#include <QRectF>
#include <QString>

#include <string>
#include <vector>

namespace kg::report::detail {

/// Heatmap of the confusion matrix below the cursor: cell colour = row-normalised rate,
/// text = count and rate, the diagonal outlined, a colour scale beside it. Advances the
/// cursor; returns the height used.
double drawConfusionMatrix(Document& doc, const ConfusionMatrix& matrix, const std::vector<std::string>& names);

struct ChartSeries {
    QString name;
    QColor colour;
    std::vector<double> values;      ///< one per epoch; NaN leaves a gap
};

/// A line chart over `epochs` in `area`, with axes, round ticks and a legend; `unitRange`
/// fixes the value axis to 0..1.
void drawChart(QPainter& p, const QRectF& area, const QString& title, const std::vector<int>& epochs,
               const std::vector<ChartSeries>& series, bool unitRange);

} // namespace kg::report::detail
