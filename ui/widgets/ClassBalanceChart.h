#pragma once
#include <QStringList>
#include <QWidget>

#include <array>
#include <vector>

class QChart;
class QChartView;
class QTableWidget;

namespace kg::ui {

/// Class balance per split: grouped bars of each grade's share of its split (so splits of
/// different sizes compare), with the counts in a table below. GUI thread only.
class ClassBalanceChart : public QWidget {
    Q_OBJECT
public:
    struct SplitCounts {
        QString name;                   ///< "train", "val", …
        std::array<int, 5> counts{};    ///< images per KL grade
    };

    explicit ClassBalanceChart(QWidget* parent = nullptr);

    void setCounts(const std::vector<SplitCounts>& splits);
    void clear();
    const std::vector<SplitCounts>& counts() const { return splits_; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();

    QChartView* view_ = nullptr;
    QTableWidget* table_ = nullptr;
    std::vector<SplitCounts> splits_;
};

} // namespace kg::ui
