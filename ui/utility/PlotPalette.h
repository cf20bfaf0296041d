#pragma once
// QCustomPlot charts in the widget's palette (light or dark): the training curves and the
// runs browser's comparison share one look.
#include <QList>

class QCPAxisRect;
class QCPLegend;
class QCPTextElement;
class QCustomPlot;
class QPalette;

namespace kg::ui {

/// Window-coloured plot, Base-coloured axis rects, axes, ticks, labels, titles and legend
/// text in WindowText, a dotted grid in a faint Mid. Does not replot.
void applyPlotPalette(QCustomPlot* plot, const QList<QCPAxisRect*>& rects, const QList<QCPTextElement*>& titles,
                      QCPLegend* legend, const QPalette& palette);

} // namespace kg::ui
