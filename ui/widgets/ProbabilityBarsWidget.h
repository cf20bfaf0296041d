#pragma once
#include <QStringList>
#include <QWidget>

#include <vector>

namespace kg::ui {

/// Horizontal bars, one per KL grade, with the probability in percent; the predicted grade
/// is drawn in its grade colour, the others muted. GUI thread only.
class ProbabilityBarsWidget : public QWidget {
    Q_OBJECT
public:
    explicit ProbabilityBarsWidget(QWidget* parent = nullptr);

    /// Row labels, e.g. "KL0 Healthy"… (defaults to the five KL grades).
    void setLabels(const QStringList& labels);
    /// One probability per label (0..1); `highlighted` is the predicted grade (-1: none).
    void setProbabilities(const std::vector<double>& probabilities, int highlighted);
    void clear();

    const std::vector<double>& probabilities() const { return probabilities_; }
    int highlighted() const { return highlighted_; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QStringList labels_;
    std::vector<double> probabilities_;
    int highlighted_ = -1;
};

} // namespace kg::ui
