#pragma once
#include <QIcon>
#include <QMainWindow>
#include <QString>

class QSettings;

namespace kg::ui {

class Session;

/// One task of the application (Dataset, Train, Evaluate, Predict). A workspace is a nested
/// QMainWindow so it brings its own tool bars and docks, as Tiled's editors do; MainWindow
/// only switches between them and shows their status. GUI thread only.
class Workspace : public QMainWindow {
    Q_OBJECT
public:
    explicit Workspace(Session& session, QWidget* parent = nullptr);
    ~Workspace() override;

    /// Stable key for settings and the --workspace option ("dataset", "train", …).
    virtual QString id() const = 0;
    virtual QString title() const = 0;
    virtual QIcon icon() const = 0;

    /// True while a worker of this workspace runs.
    virtual bool isBusy() const { return false; }
    /// Asks the user whether running work may be stopped (e.g. on quit). True: go ahead.
    virtual bool confirmStop() { return true; }
    /// Stops running work and waits for its thread; returns when nothing runs any more.
    virtual void stopWork() {}

    /// Tool bar and dock layout, saved per workspace.
    void saveLayout(QSettings& settings) const;
    void restoreLayout(const QSettings& settings);

signals:
    void statusMessage(const QString& text, int timeoutMs = 0);
    /// value/maximum drive the status-bar progress bar; maximum 0 = busy without a count.
    void progressChanged(int value, int maximum, const QString& text);
    void busyChanged(bool busy);
    /// Asks MainWindow to bring another workspace to the front ("evaluate", …).
    void switchRequested(const QString& workspaceId);

protected:
    Session& session() const { return session_; }
    /// Dock sizes for a first start (no saved layout); runs once, when the workspace is first
    /// shown at its real size (resizeDocks before that is ignored).
    virtual void applyDefaultLayout() {}
    void showEvent(QShowEvent* event) override;
    /// After a saved layout is restored: side panels at least as wide as their contents where
    /// the window has room, at most half of it.
    void fitDocksToWindow();

private:
    Session& session_;
    bool layoutRestored_ = false;
    bool shown_ = false;
};

} // namespace kg::ui
