#pragma once
#include <QWidget>

class QVBoxLayout;

namespace kg::ui {

class Session;

/// What the Dataset workspace shows before a dataset is open: one-click demo, open a folder,
/// recent datasets, and the versions and device the build will train on.
class WelcomePage : public QWidget {
    Q_OBJECT
public:
    explicit WelcomePage(Session& session, QWidget* parent = nullptr);

signals:
    void demoRequested();
    void openRequested();
    void recentRequested(const QString& path);

private:
    void refreshRecent();

    Session& session_;
    QVBoxLayout* recentLayout_ = nullptr;
    QWidget* recentBox_ = nullptr;
};

} // namespace kg::ui
