#pragma once
#include <QList>
#include <QRect>
#include <QStringList>
#include <QWidget>

#include <cstdint>
#include <vector>

namespace kg::ui {

/// Confusion-matrix heatmap: rows are the true grade, columns the prediction, coloured by
/// the row-normalised rate with a colour scale beside it. Shows counts or row percentages;
/// clicking a cell emits cellClicked so the caller can list its images. GUI thread only.
class ConfusionMatrixWidget : public QWidget {
    Q_OBJECT
public:
    enum class Mode { Counts, RowNormalised };

    explicit ConfusionMatrixWidget(QWidget* parent = nullptr);

    /// Row-major K×K counts; `labels` has K entries (e.g. "KL0 Healthy").
    void setMatrix(const std::vector<std::int64_t>& counts, const QStringList& labels);
    void clear();
    int numClasses() const { return numClasses_; }
    std::int64_t count(int trueGrade, int predictedGrade) const;

    void setMode(Mode mode);
    Mode mode() const { return mode_; }
    void setSelectedCell(int trueGrade, int predictedGrade);  ///< -1, -1 clears

    /// Where a cell is drawn, in widget coordinates (for tests and tool tips).
    QRect cellRect(int trueGrade, int predictedGrade) const;
    /// The text of every label as drawn (row labels, column labels, which shorten to the grade
    /// and an elided name on a second line when cells are narrow, and the axis titles), each
    /// with the rectangle its text covers: they never overlap.
    struct Label {
        QRect rect;
        QString text;
    };
    QList<Label> labels() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void cellClicked(int trueGrade, int predictedGrade);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    bool event(QEvent* event) override;

private:
    struct Geometry {
        QRect grid;        // the K×K cells
        int cell = 0;      // cell side in pixels
        QRect scale;       // colour bar
    };
    Geometry geometry() const;
    QList<Label> labels(const Geometry& g) const;
    bool cellAt(const QPoint& position, int* trueGrade, int* predictedGrade) const;
    double rate(int trueGrade, int predictedGrade) const;

    std::vector<std::int64_t> counts_;
    QStringList labels_;
    int numClasses_ = 0;
    Mode mode_ = Mode::Counts;
    int hoverTrue_ = -1, hoverPredicted_ = -1;
    int selectedTrue_ = -1, selectedPredicted_ = -1;
};

} // namespace kg::ui
