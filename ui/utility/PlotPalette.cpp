#include "ui/utility/PlotPalette.h"

#include <QPalette>
#include <qcustomplot.h>

namespace kg::ui {

void applyPlotPalette(QCustomPlot* plot, const QList<QCPAxisRect*>& rects, const QList<QCPTextElement*>& titles,
                      QCPLegend* legend, const QPalette& palette)
{
    const QColor background = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::WindowText);
    QColor grid = palette.color(QPalette::Mid);
    grid.setAlphaF(0.35f);
    plot->setBackground(palette.color(QPalette::Window));
    for (QCPAxisRect* rect : rects) {
        rect->setBackground(background);
        for (QCPAxis* axis : rect->axes()) {
            axis->setBasePen(QPen(text, 1));
            axis->setTickPen(QPen(text, 1));
            axis->setSubTickPen(QPen(text, 1));
            axis->setTickLabelColor(text);
            axis->setLabelColor(text);
            axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
        }
    }
    for (QCPTextElement* title : titles)
        title->setTextColor(text);
    legend->setTextColor(text);
}

} // namespace kg::ui
