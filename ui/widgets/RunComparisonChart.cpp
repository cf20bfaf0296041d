#include "ui/widgets/RunComparisonChart.h"

#include "ui/utility/PlotPalette.h"

#include <QEvent>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace kg::ui {

QColor RunComparisonChart::runColor(int n)
{
    // Tableau 10: distinct hues of similar weight, readable on white and on a dark base.
    static const QColor colors[] = {QColor(0x4e, 0x79, 0xa7), QColor(0xf2, 0x8e, 0x2b), QColor(0x59, 0xa1, 0x4f),
                                    QColor(0xe1, 0x57, 0x59), QColor(0xb0, 0x7a, 0xa1), QColor(0x76, 0xb7, 0xb2),
                                    QColor(0xed, 0xc9, 0x48), QColor(0x9c, 0x75, 0x5f), QColor(0xff, 0x9d, 0xa7),
                                    QColor(0xba, 0xb0, 0xac)};
    return colors[std::abs(n) % 10];
}

RunComparisonChart::RunComparisonChart(QWidget* parent)
    : QWidget(parent)
    , plot_(new QCustomPlot(this))
{
    setObjectName(QStringLiteral("RunComparisonChart"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    plot_->setMinimumSize(360, 200);

    // Two panels with their titles in row 0, one legend naming the runs in row 1.
    plot_->plotLayout()->clear();
    auto* panels = new QCPLayoutGrid;
    plot_->plotLayout()->addElement(0, 0, panels);
    accuracyRect_ = new QCPAxisRect(plot_);
    lossRect_ = new QCPAxisRect(plot_);
    const QString titles[] = {tr("Validation accuracy"), tr("Validation loss")};
    QCPAxisRect* rects[] = {accuracyRect_, lossRect_};
    QFont titleFont = font();
    titleFont.setBold(true);
    for (int i = 0; i < 2; ++i) {
        auto* title = new QCPTextElement(plot_, titles[i], titleFont);
        titles_ << title;
        panels->addElement(0, i, title);
        panels->addElement(1, i, rects[i]);
        rects[i]->axis(QCPAxis::atBottom)->setLabel(tr("epoch"));
        QSharedPointer<QCPAxisTickerFixed> epochTicker(new QCPAxisTickerFixed);
        epochTicker->setTickStep(1.0);
        epochTicker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
        rects[i]->axis(QCPAxis::atBottom)->setTicker(epochTicker);
    }
    panels->setRowStretchFactors({0.001, 1.0});
    panels->setRowSpacing(0);
    QSharedPointer<QCPAxisTickerFixed> percentTicker(new QCPAxisTickerFixed);
    percentTicker->setTickStep(0.2);
    accuracyRect_->axis(QCPAxis::atLeft)->setTicker(percentTicker);

    legend_ = new QCPLegend;
    plot_->plotLayout()->addElement(1, 0, legend_);
    plot_->plotLayout()->setRowStretchFactors({1.0, 0.001});
    plot_->plotLayout()->setMargins(QMargins(0, 0, 0, 0));
    legend_->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend_->setWrap(3);
    legend_->setBorderPen(Qt::NoPen);
    legend_->setBrush(Qt::NoBrush);
    legend_->setLayer(QStringLiteral("legend"));
    legend_->setMargins(QMargins(8, 0, 8, 4));

    hint_ = new QCPItemText(plot_);
    hint_->setClipToAxisRect(false);
    hint_->position->setType(QCPItemPosition::ptViewportRatio);
    hint_->position->setCoords(0.5, 0.45);
    hint_->setText(tr("Select two or three runs in the table to compare their curves."));

    applyPalette();
    rebuild();
}

RunComparisonChart::~RunComparisonChart() = default;

void RunComparisonChart::setRuns(const QList<Run>& runs)
{
    runs_ = runs;
    rebuild();
}

QStringList RunComparisonChart::legendNames() const
{
    QStringList names;
    for (int i = 0; i < legend_->itemCount(); ++i)
        if (auto* item = qobject_cast<QCPPlottableLegendItem*>(legend_->item(i)))
            names << item->plottable()->name();
    return names;
}

int RunComparisonChart::pointCount(int index, bool loss) const
{
    const int graph = 2 * index + (loss ? 1 : 0);
    return index >= 0 && graph < plot_->graphCount() ? plot_->graph(graph)->dataCount() : 0;
}

void RunComparisonChart::rebuild()
{
    plot_->clearGraphs();
    legend_->clearItems();
    double maxEpoch = 1.0, maxLoss = 0.0, minAccuracy = 1.0;
    for (int i = 0; i < runs_.size(); ++i) {
        const Run& run = runs_[i];
        QVector<double> epochs, accuracy, loss;
        for (const EpochRecord& record : run.history) {
            if (!std::isfinite(record.valAccuracy) || !std::isfinite(record.valLoss))
                continue;
            epochs << record.epoch;
            accuracy << record.valAccuracy;
            loss << record.valLoss;
            maxEpoch = std::max(maxEpoch, static_cast<double>(record.epoch));
            maxLoss = std::max(maxLoss, record.valLoss);
            minAccuracy = std::min(minAccuracy, record.valAccuracy);
        }
        const bool markers = epochs.size() <= 40;
        int n = 0;
        for (QCPAxisRect* rect : {accuracyRect_, lossRect_}) {
            auto* graph = plot_->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
            graph->setPen(QPen(run.color, 2.0));
            graph->setName(run.name);
            if (markers)
                graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, run.color, run.color, 5));
            graph->setData(epochs, n++ == 0 ? accuracy : loss, true);
            graph->removeFromLegend();
        }
        legend_->addItem(new QCPPlottableLegendItem(legend_, plot_->graph(2 * i)));
    }
    legend_->setVisible(!runs_.isEmpty());
    hint_->setVisible(runs_.isEmpty());
    accuracyRect_->axis(QCPAxis::atBottom)->setRange(0.5, maxEpoch + 0.5);
    lossRect_->axis(QCPAxis::atBottom)->setRange(0.5, maxEpoch + 0.5);
    // Accuracy from 0 (or a little under the lowest point) to 100 %; loss from 0 to its peak.
    accuracyRect_->axis(QCPAxis::atLeft)->setRange(std::clamp(std::floor(minAccuracy * 5.0) / 5.0, 0.0, 0.8), 1.0);
    lossRect_->axis(QCPAxis::atLeft)->setRange(0.0, maxLoss > 0.0 ? maxLoss * 1.08 : 1.0);
    // Long epoch ranges: let the ticker thin its labels out.
    for (QCPAxisRect* rect : {accuracyRect_, lossRect_}) {
        auto ticker = rect->axis(QCPAxis::atBottom)->ticker().dynamicCast<QCPAxisTickerFixed>();
        if (ticker)
            ticker->setTickStep(maxEpoch <= 12 ? 1.0 : std::pow(10.0, std::floor(std::log10(maxEpoch / 2.0))));
    }
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void RunComparisonChart::applyPalette()
{
    const QPalette pal = palette();
    applyPlotPalette(plot_, {accuracyRect_, lossRect_}, titles_, legend_, pal);
    hint_->setColor(pal.color(QPalette::PlaceholderText));
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void RunComparisonChart::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        applyPalette();
}

} // namespace kg::ui
