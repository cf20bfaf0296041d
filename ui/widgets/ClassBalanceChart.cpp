#include "ui/widgets/ClassBalanceChart.h"
#include "ui/utility/Language.h"

#include "ui/utility/Colors.h"

#include "core/data/Grades.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QHeaderView>
#include <QTableWidget>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>

namespace kg::ui {
namespace {

QColor splitColor(int index)
{
    static const QColor colours[] = {QColor(0x2f, 0x7e, 0xd8), QColor(0xf2, 0x8f, 0x2c), QColor(0x3b, 0x9e, 0x6d),
                                     QColor(0x8e, 0x6c, 0xc8)};
    return colours[index % 4];
}

} // namespace

ClassBalanceChart::ClassBalanceChart(QWidget* parent)
    : QWidget(parent)
    , view_(new QChartView(this))
    , table_(new QTableWidget(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view_, 1);
    layout->addWidget(table_);
    view_->setRenderHint(QPainter::Antialiasing);
    view_->setMinimumSize(280, 220);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionMode(QAbstractItemView::NoSelection);
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table_->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    table_->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    rebuild();
}

void ClassBalanceChart::setCounts(const std::vector<SplitCounts>& splits)
{
    splits_ = splits;
    rebuild();
}

void ClassBalanceChart::clear()
{
    splits_.clear();
    rebuild();
}

void ClassBalanceChart::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        rebuild();
    QWidget::changeEvent(event);
}

void ClassBalanceChart::rebuild()
{
    auto* chart = new QChart;
    const bool dark = isDarkPalette(palette());
    chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundBrush(palette().color(QPalette::Window));
    chart->setTitleBrush(palette().color(QPalette::WindowText));
    chart->legend()->setLabelColor(palette().color(QPalette::WindowText));
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setTitle(tr("Share of each split per grade"));

    auto* series = new QBarSeries;
    double maxShare = 0.0;
    for (size_t s = 0; s < splits_.size(); ++s) {
        int total = 0;
        for (int c : splits_[s].counts)
            total += c;
        auto* set = new QBarSet(splits_[s].name);
        set->setLabel(splits_[s].name);
        Q_UNUSED(total);
        set->setColor(splitColor(static_cast<int>(s)));
        set->setBorderColor(splitColor(static_cast<int>(s)));
        for (int c : splits_[s].counts) {
            const double share = total > 0 ? 100.0 * c / total : 0.0;
            *set << share;
            maxShare = std::max(maxShare, share);
        }
        series->append(set);
    }
    chart->addSeries(series);
    QStringList grades;
    for (int g = 0; g < 5; ++g)
        grades << QStringLiteral("KL%1").arg(g);
    auto* x = new QBarCategoryAxis;
    x->append(grades);
    auto* y = new QValueAxis;
    // Headroom above the tallest bar, so a share of exactly 20 % does not touch the frame.
    y->setRange(0, std::max(10.0, std::ceil((maxShare + 2.0) / 10.0) * 10.0));
    y->setLabelFormat(QStringLiteral("%d %%"));
    y->setTickCount(std::min(11, static_cast<int>(y->max() / 10.0) + 1));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    for (QAbstractAxis* axis : {static_cast<QAbstractAxis*>(x), static_cast<QAbstractAxis*>(y)}) {
        axis->setLabelsColor(palette().color(QPalette::WindowText));
    }
    QChart* old = view_->chart();
    view_->setChart(chart);
    delete old;

    // Counts table: one row per split, one column per grade, plus the total.
    table_->clear();
    table_->setRowCount(static_cast<int>(splits_.size()));
    table_->setColumnCount(6);
    QStringList headers = grades;
    headers << tr("total");
    table_->setHorizontalHeaderLabels(headers);
    // The grades share the width; the total keeps room for its header in every language
    // ("gesamt", "total").
    table_->horizontalHeader()->setSectionResizeMode(5, QHeaderView::ResizeToContents);
    QStringList rowNames;
    for (size_t s = 0; s < splits_.size(); ++s) {
        rowNames << splits_[s].name;
        int total = 0;
        for (int g = 0; g < 5; ++g) {
            const int count = splits_[s].counts[static_cast<size_t>(g)];
            total += count;
            auto* item = new QTableWidgetItem(QString::number(count));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            item->setToolTip(gradeDisplayLabel(g));
            table_->setItem(static_cast<int>(s), g, item);
        }
        auto* item = new QTableWidgetItem(QString::number(total));
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        QFont bold = item->font();
        bold.setBold(true);
        item->setFont(bold);
        table_->setItem(static_cast<int>(s), 5, item);
    }
    table_->setVerticalHeaderLabels(rowNames);
    table_->setVisible(!splits_.empty());
    int height = table_->horizontalHeader()->height() + 4;
    for (int r = 0; r < table_->rowCount(); ++r)
        height += table_->verticalHeader()->sectionSize(r);
    table_->setFixedHeight(height);
}

} // namespace kg::ui
