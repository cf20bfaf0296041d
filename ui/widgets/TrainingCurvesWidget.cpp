#include "ui/widgets/TrainingCurvesWidget.h"

#include "ui/utility/Colors.h"
#include "ui/utility/PlotPalette.h"

#include <QEvent>
#include <QResizeEvent>
#include <QLabel>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace kg::ui {
namespace {

QCPGraph* makeGraph(QCPAxisRect* rect, const QColor& colour, const QString& name, bool markers, double width,
                    Qt::PenStyle style = Qt::SolidLine)
{
    auto* graph = rect->parentPlot()->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    QPen pen(colour, width, style);
    graph->setPen(pen);
    graph->setName(name);
    if (markers)
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, colour, colour, 5));
    return graph;
}

} // namespace

TrainingCurvesWidget::TrainingCurvesWidget(QWidget* parent)
    : QWidget(parent)
    , plot_(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    // What an off-the-scale validation-loss spike means, shown only while there is one.
    spikeNote_ = new QLabel(this);
    spikeNote_->setObjectName(QStringLiteral("lossSpikeNote"));
    spikeNote_->setWordWrap(true);
    spikeNote_->setText(tr("<b>Validation-loss spikes</b> (off the scale): on those epochs the model was confidently "
                           "wrong on a few validation images. Common early on and with a small validation set; worry "
                           "when they keep coming late in training or validation accuracy drops with them."));
    spikeNote_->setToolTip(tr("Validation loss is the average penalty for wrong answers on images the model does not "
                              "train on. A single very confident mistake makes it jump. A spike followed by a return to "
                              "the trend is harmless; a rising trend means overfitting or a learning rate that is too "
                              "high. best.kgckpt keeps the epoch with the lowest validation loss either way."));
    spikeNote_->hide();
    layout->addWidget(spikeNote_);
    plot_->setMinimumSize(420, 240);
    plot_->setNoAntialiasingOnDrag(true);

    // Outer layout: the three plots (titles above) in row 0, one shared legend in row 1.
    plot_->plotLayout()->clear();
    auto* plots = new QCPLayoutGrid;
    plot_->plotLayout()->addElement(0, 0, plots);
    accuracyRect_ = new QCPAxisRect(plot_);
    lossRect_ = new QCPAxisRect(plot_);
    learningRateRect_ = new QCPAxisRect(plot_);
    const QString titles[] = {tr("Accuracy"), tr("Loss"), tr("Learning rate")};
    QCPAxisRect* rects[] = {accuracyRect_, lossRect_, learningRateRect_};
    QFont titleFont = font();
    titleFont.setBold(true);
    for (int i = 0; i < 3; ++i) {
        auto* title = new QCPTextElement(plot_, titles[i], titleFont);
        titles_.push_back(title);
        plots->addElement(0, i, title);
        plots->addElement(1, i, rects[i]);
        rects[i]->axis(QCPAxis::atBottom)->setLabel(tr("epoch"));
    }
    plots->setColumnStretchFactors({1.0, 1.0, 0.75});
    plots->setRowStretchFactors({0.001, 1.0});
    plots->setRowSpacing(0);

    accuracyRect_->axis(QCPAxis::atLeft)->setRange(0, 1);
    QSharedPointer<QCPAxisTickerFixed> percentTicker(new QCPAxisTickerFixed);
    percentTicker->setTickStep(0.2);
    accuracyRect_->axis(QCPAxis::atLeft)->setTicker(percentTicker);

    auto* lrAxis = learningRateRect_->axis(QCPAxis::atLeft);
    lrAxis->setScaleType(QCPAxis::stLogarithmic);
    QSharedPointer<QCPAxisTickerLog> logTicker(new QCPAxisTickerLog);
    lrAxis->setTicker(logTicker);
    lrAxis->setNumberFormat(QStringLiteral("eb"));
    lrAxis->setNumberPrecision(0);
    lrAxis->setRange(1e-5, 1e-2);

    batchAccuracy_ = makeGraph(accuracyRect_, trainingColor().lighter(150), tr("training (running, per batch)"), false, 1.0,
                               Qt::DotLine);
    trainAccuracy_ = makeGraph(accuracyRect_, trainingColor(), tr("training"), true, 2.0);
    valAccuracy_ = makeGraph(accuracyRect_, validationColor(), tr("validation"), true, 2.0);
    batchLoss_ = makeGraph(lossRect_, trainingColor().lighter(150), tr("training (running)"), false, 1.0, Qt::DotLine);
    trainLoss_ = makeGraph(lossRect_, trainingColor(), tr("training"), true, 2.0);
    valLoss_ = makeGraph(lossRect_, validationColor(), tr("validation"), true, 2.0);
    learningRate_ = makeGraph(learningRateRect_, QColor(0x8e, 0x6c, 0xc8), tr("learning rate"), true, 2.0);
    learningRate_->setLineStyle(QCPGraph::lsStepLeft);

    legend_ = new QCPLegend;
    plot_->plotLayout()->addElement(1, 0, legend_);
    plot_->plotLayout()->setRowStretchFactors({1.0, 0.001});
    legend_->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend_->setWrap(0);
    legend_->setBorderPen(Qt::NoPen);
    legend_->setBrush(Qt::NoBrush);
    legend_->setLayer(QStringLiteral("legend"));
    for (QCPGraph* graph : {trainAccuracy_, valAccuracy_, batchAccuracy_, learningRate_})
        legend_->addItem(new QCPPlottableLegendItem(legend_, graph));
    legend_->setMargins(QMargins(8, 0, 8, 4));
    plot_->plotLayout()->setMargins(QMargins(0, 0, 0, 0));

    lossClipped_ = new QCPItemText(plot_);
    lossClipped_->setClipAxisRect(lossRect_);
    lossClipped_->position->setType(QCPItemPosition::ptAxisRectRatio);
    lossClipped_->position->setAxisRect(lossRect_);
    lossClipped_->position->setCoords(0.98, 0.02);
    lossClipped_->setPositionAlignment(Qt::AlignTop | Qt::AlignRight);
    lossClipped_->setVisible(false);

    applyPalette();
    clear();
}

TrainingCurvesWidget::~TrainingCurvesWidget() = default;

void TrainingCurvesWidget::applyPalette()
{
    const QPalette pal = palette();
    applyPlotPalette(plot_, {accuracyRect_, lossRect_, learningRateRect_}, titles_, legend_, pal);
    if (lossClipped_) {  // on a card of the background colour: the clipped line runs under it
        lossClipped_->setColor(pal.color(QPalette::WindowText));
        QColor card = pal.color(QPalette::Base);
        card.setAlphaF(0.9f);
        lossClipped_->setBrush(card);
        lossClipped_->setPadding(QMargins(4, 2, 4, 2));
    }
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void TrainingCurvesWidget::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    QWidget::changeEvent(event);
}

void TrainingCurvesWidget::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    fitToWidth();
}

void TrainingCurvesWidget::fitToWidth()
{
    // The legend: one row while its entries fit, else as many columns as do (entries keep
    // their whole text rather than being squeezed into "trainin").
    const int available = plot_->width() - legend_->margins().left() - legend_->margins().right();
    int widest = 0, total = 0;
    for (int i = 0; i < legend_->itemCount(); ++i) {
        const int w = legend_->item(i)->minimumOuterSizeHint().width();
        widest = std::max(widest, w);
        total += w + (i > 0 ? legend_->columnSpacing() : 0);
    }
    const int columns = total <= available
                            ? 0
                            : std::clamp((available + legend_->columnSpacing()) / std::max(1, widest + legend_->columnSpacing()),
                                         1, std::max(1, legend_->itemCount()));
    if (columns != legend_->wrap()) {
        legend_->setWrap(columns);
        legend_->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);   // re-flows the entries
    }
    // Fewer epoch ticks where a plot is narrow, so that their numbers do not run together
    // (the learning-rate plot has three quarters of the others' share).
    for (QCPAxisRect* rect : {accuracyRect_, lossRect_, learningRateRect_}) {
        const double share = rect == learningRateRect_ ? 0.75 / 2.75 : 1.0 / 2.75;
        rect->axis(QCPAxis::atBottom)->ticker()->setTickCount(plot_->width() * share - 60 < 150 ? 3 : 5);
    }
    updateLossNote();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void TrainingCurvesWidget::updateLossNote()
{
    // On two lines where the loss plot is too narrow for one (its share of the width, less the axis).
    const QString value = QString::number(maxLoss_, 'f', maxLoss_ < 10 ? 2 : 1);
    const QString line = tr("peaks up to %1 off the scale ↑").arg(value);
    const int plotWidth = static_cast<int>(plot_->width() / 2.75) - 60;
    lossClipped_->setText(QFontMetrics(lossClipped_->font()).horizontalAdvance(line) + 12 <= plotWidth
                              ? line
                              : tr("peaks up to %1\noff the scale ↑").arg(value));
}

void TrainingCurvesWidget::clear()
{
    for (QCPGraph* graph : {trainAccuracy_, valAccuracy_, batchAccuracy_, trainLoss_, valLoss_, batchLoss_, learningRate_})
        graph->data()->clear();
    maxLoss_ = 0.0;
    minLearningRate_ = maxLearningRate_ = 0.0;
    rescale();
}

void TrainingCurvesWidget::setPlannedEpochs(int epochs)
{
    plannedEpochs_ = std::max(1, epochs);
    rescale();
}

void TrainingCurvesWidget::addBatchPoint(double epochPosition, double loss, double accuracy)
{
    if (!std::isfinite(loss) || !std::isfinite(accuracy))
        return;
    batchAccuracy_->addData(epochPosition, accuracy);
    batchLoss_->addData(epochPosition, loss);
    maxLoss_ = std::max(maxLoss_, loss);
    rescale();
}

void TrainingCurvesWidget::addEpoch(const EpochRecord& record)
{
    const double x = record.epoch;
    trainAccuracy_->addData(x, record.accuracy);
    valAccuracy_->addData(x, record.valAccuracy);
    if (std::isfinite(record.loss)) {
        trainLoss_->addData(x, record.loss);
        maxLoss_ = std::max(maxLoss_, record.loss);
    }
    if (std::isfinite(record.valLoss)) {
        valLoss_->addData(x, record.valLoss);
        maxLoss_ = std::max(maxLoss_, record.valLoss);
    }
    if (record.learningRate > 0) {
        // A step line needs the rate over the whole epoch: from epoch − 1 to epoch.
        if (learningRate_->data()->isEmpty())
            learningRate_->addData(x - 1, record.learningRate);
        learningRate_->addData(x, record.learningRate);
        minLearningRate_ = minLearningRate_ > 0 ? std::min(minLearningRate_, record.learningRate) : record.learningRate;
        maxLearningRate_ = std::max(maxLearningRate_, record.learningRate);
    }
    // The batch line of a finished epoch is superseded by its epoch point.
    batchAccuracy_->data()->removeBefore(x + 1e-6);
    batchLoss_->data()->removeBefore(x + 1e-6);
    rescale();
}

void TrainingCurvesWidget::setHistory(const std::vector<EpochRecord>& history)
{
    clear();
    for (const EpochRecord& record : history)
        addEpoch(record);
    batchAccuracy_->data()->clear();
    batchLoss_->data()->clear();
    rescale();
}

int TrainingCurvesWidget::epochCount() const
{
    return trainAccuracy_->dataCount();
}

int TrainingCurvesWidget::batchPointCount() const
{
    return batchAccuracy_->dataCount();
}

/// The loss axis' top: every training value, and validation values up to three times the
/// median epoch loss; higher peaks (early BatchNorm statistics, a bad batch) go off the scale.
double TrainingCurvesWidget::lossTop()
{
    if (maxLoss_ <= 0) {
        lossClipped_->setVisible(false);
        spikeNote_->setVisible(false);
        return 2.0 / 1.1;
    }
    std::vector<double> epochLosses;
    double trainingMax = 0.0;
    for (QCPGraph* graph : {trainLoss_, valLoss_, batchLoss_})
        for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) {
            if (graph != batchLoss_)
                epochLosses.push_back(it->value);
            if (graph != valLoss_)
                trainingMax = std::max(trainingMax, it->value);
        }
    double top = maxLoss_;
    if (epochLosses.size() >= 4) {
        std::nth_element(epochLosses.begin(), epochLosses.begin() + epochLosses.size() / 2, epochLosses.end());
        const double cap = std::max(3.0 * epochLosses[epochLosses.size() / 2], trainingMax);
        if (maxLoss_ > cap * 1.05)
            top = cap;
    }
    lossClipped_->setVisible(top < maxLoss_);
    spikeNote_->setVisible(top < maxLoss_);
    updateLossNote();
    return top;
}

double TrainingCurvesWidget::lossAxisTop() const
{
    return lossRect_->axis(QCPAxis::atLeft)->range().upper;
}

QString TrainingCurvesWidget::lossClippedNote() const
{
    return lossClipped_->visible() ? lossClipped_->text() : QString();
}

void TrainingCurvesWidget::rescale()
{
    double lastX = 0.0;
    if (!trainAccuracy_->data()->isEmpty())
        lastX = (trainAccuracy_->data()->constEnd() - 1)->key;
    if (!batchAccuracy_->data()->isEmpty())
        lastX = std::max(lastX, (batchAccuracy_->data()->constEnd() - 1)->key);
    const double xMax = std::max<double>(plannedEpochs_, std::ceil(lastX));
    for (QCPAxisRect* rect : {accuracyRect_, lossRect_, learningRateRect_})
        rect->axis(QCPAxis::atBottom)->setRange(0, xMax + 0.25);
    lossRect_->axis(QCPAxis::atLeft)->setRange(0, lossTop() * 1.1);
    if (maxLearningRate_ > 0) {
        // Whole decades around the rates, so the log ticker labels powers of ten.
        const double low = std::pow(10.0, std::floor(std::log10(minLearningRate_) - 0.3));
        const double high = std::pow(10.0, std::ceil(std::log10(maxLearningRate_) + 0.3));
        learningRateRect_->axis(QCPAxis::atLeft)->setRange(low, high);
    }
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace kg::ui
