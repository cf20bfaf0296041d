#pragma once
#include "core/model/TrainingState.h"

#include <QColor>
#include <QList>
#include <QString>
#include <QWidget>

#include <vector>

class QCustomPlot;
class QCPAxisRect;
class QCPItemText;
class QCPLegend;
class QCPTextElement;

namespace kg::ui {

/// Several runs' validation curves side by side (QCustomPlot): validation accuracy and
/// validation loss per epoch, one colour per run, one legend naming the runs — what
/// TensorBoard shows when runs are ticked. GUI thread only.
class RunComparisonChart : public QWidget {
    Q_OBJECT
public:
    struct Run {
        QString name;                         ///< legend text
        QColor color;
        std::vector<EpochRecord> history;
    };

    explicit RunComparisonChart(QWidget* parent = nullptr);
    ~RunComparisonChart() override;

    /// Replaces the runs shown; none shows a hint to select some.
    void setRuns(const QList<Run>& runs);
    int runCount() const { return runs_.size(); }
    /// The legend's entries, in order.
    QStringList legendNames() const;
    /// Points plotted for run `index` in the accuracy (or loss) panel.
    int pointCount(int index, bool loss = false) const;
    QCustomPlot* plot() const { return plot_; }

    /// A categorical colour for the n-th run (ten, then they repeat), legible on light and dark.
    static QColor runColor(int n);

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyPalette();
    void rebuild();

    QCustomPlot* plot_ = nullptr;
    QCPAxisRect* accuracyRect_ = nullptr;
    QCPAxisRect* lossRect_ = nullptr;
    QCPLegend* legend_ = nullptr;
    QCPItemText* hint_ = nullptr;
    QList<QCPTextElement*> titles_;
    QList<Run> runs_;
};

} // namespace kg::ui
