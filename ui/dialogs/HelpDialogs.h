#pragma once
#include <QDialog>
#include <QImage>
#include <QList>
#include <QString>

class QLabel;

namespace kg::ui {

class Session;

/// Help → Getting started: the four workspaces (Dataset, Train, Evaluate, Predict) in the
/// order a newcomer uses them, on one screen.
class GettingStartedDialog : public QDialog {
    Q_OBJECT
public:
    explicit GettingStartedDialog(QWidget* parent = nullptr);
};

/// Help → Kellgren–Lawrence grades: the five grades with their radiographic criteria and,
/// when a dataset is open, an example image of each grade from it (loaded off the GUI thread).
class KlGradesDialog : public QDialog {
    Q_OBJECT
public:
    explicit KlGradesDialog(const Session& session, QWidget* parent = nullptr);

    /// Grades shown (always five).
    int gradeCount() const { return examples_.size(); }
    /// Example images loaded so far (0 without a dataset).
    int exampleCount() const;
    /// True while example images are still being loaded.
    bool isLoading() const { return loading_ > 0; }
    /// The dataset file shown for `grade`; empty when there is none.
    QString examplePath(int grade) const { return paths_.value(grade); }

    /// The first image of `grade` in the dataset's train split (else val, test), absolute; empty when none.
    static QString examplePathFor(const Session& session, int grade);

private:
    QList<QLabel*> examples_;
    QList<QString> paths_;
    int loading_ = 0;
};

} // namespace kg::ui
