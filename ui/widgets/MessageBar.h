#pragma once
#include <QWidget>

class QLabel;
class QToolButton;

namespace kg::ui {

/// An inline, dismissable message above a workspace's content (instead of a modal box):
/// what went wrong in plain words, in the file's or the engine's own terms.
class MessageBar : public QWidget {
    Q_OBJECT
public:
    enum class Kind { Information, Warning, Error };

    explicit MessageBar(QWidget* parent = nullptr);

    void showMessage(Kind kind, const QString& text);
    void hideMessage();
    QString text() const;
    Kind kind() const { return kind_; }

private:
    QLabel* icon_ = nullptr;
    QLabel* text_ = nullptr;
    QToolButton* close_ = nullptr;
    Kind kind_ = Kind::Information;
};

} // namespace kg::ui
