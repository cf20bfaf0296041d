#pragma once
#include "core/runtime/Runtime.h"

#include <QMainWindow>
#include <QMap>
#include <QPointer>
#include <QString>

#include <functional>

class QActionGroup;
class QLabel;
class QMenu;
class QProgressBar;
class QSettings;
class QStackedWidget;

namespace kg::ui {

class DatasetWorkspace;
class EvaluateWorkspace;
class PredictWorkspace;
class Session;
class TrainWorkspace;
class Workspace;

/// What the command line asks the window to do at start (parsed by app/gui/main.cpp).
struct StartupOptions {
    bool demo = false;          ///< open the built-in demo dataset
    QString dataset;            ///< open this dataset folder
    QString checkpoint;         ///< use this checkpoint in Evaluate and Predict
    QString workspace;          ///< "dataset" | "train" | "evaluate" | "predict" | "about" |
                                ///< "getting-started" | "kl-grades" (the Help pages)
    QString image;              ///< predict this file (Predict workspace)
    QString runDir;             ///< Train: write the run here instead of a fresh folder
    int epochs = 0;             ///< Train: override the preset's epochs (0 = keep)
    bool train = false;         ///< Train: start training once the dataset is scanned
    bool evaluate = false;      ///< Evaluate: run once checkpoint and dataset are there
};

/// The application window: a mode bar switching between the four workspaces (each brings
/// its own tool bars and docks), the menus and shortcuts, a status bar with the device and
/// the running job's progress, and the window state kept in QSettings. It owns the Session.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// `settings` may be null (tests): nothing is persisted then.
    MainWindow(const RuntimeInfo& runtime, QSettings* settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    Session& session() const { return *session_; }
    DatasetWorkspace* datasetWorkspace() const { return dataset_; }
    TrainWorkspace* trainWorkspace() const { return train_; }
    EvaluateWorkspace* evaluateWorkspace() const { return evaluate_; }
    PredictWorkspace* predictWorkspace() const { return predict_; }
    Workspace* currentWorkspace() const;
    Workspace* workspace(const QString& id) const;

    /// Opens what `options` name. What they leave out is restored from the last session (the
    /// dataset and the checkpoint in use when the app last ran), when the settings hold one;
    /// files that went away get a note in a message bar.
    void applyStartupOptions(const StartupOptions& options);

    /// True while any workspace works or loads thumbnails, the shown Train form times its
    /// estimate, or the Kellgren–Lawrence page loads its examples.
    bool isBusy() const;
    /// Waits until nothing has been busy for a moment (or `timeoutMs` passed), renders the
    /// window — or the About dialog for workspace "about" — to `path` as PNG, then calls
    /// `done` with success.
    void saveScreenshotWhenSettled(const QString& path, int timeoutMs, std::function<void(bool)> done);

public slots:
    bool showWorkspace(const QString& id);
    void showAbout();
    /// Help → Getting started: the four workspaces on one page.
    void showGettingStarted();
    /// Help → Kellgren–Lawrence grades: the grades, their criteria, an example of each from the dataset.
    void showKlGrades();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void addWorkspace(Workspace* workspace, const QKeySequence& shortcut);
    void createMenus();
    void rebuildRecentMenus();
    void onProgress(Workspace* source, int value, int maximum, const QString& text);
    void openCheckpointDialog();
    /// Opens the dataset and the checkpoint of the last session, unless `options` name others.
    void restoreLastSession(const StartupOptions& options);
    void showHelpDialog(QWidget* dialog);
    void restoreWindowState();
    void saveWindowState();

    QSettings* settings_ = nullptr;
    Session* session_ = nullptr;
    QStackedWidget* stack_ = nullptr;
    QActionGroup* modeGroup_ = nullptr;
    QMap<QString, QAction*> modeActions_;
    QList<Workspace*> workspaces_;
    DatasetWorkspace* dataset_ = nullptr;
    TrainWorkspace* train_ = nullptr;
    EvaluateWorkspace* evaluate_ = nullptr;
    PredictWorkspace* predict_ = nullptr;
    QMenu* recentDatasetsMenu_ = nullptr;
    QMenu* recentCheckpointsMenu_ = nullptr;
    QMenu* viewMenu_ = nullptr;
    QMenu* panelsMenu_ = nullptr;   // the current workspace's tool bars and docks
    QLabel* progressLabel_ = nullptr;
    QProgressBar* progressBar_ = nullptr;
    QLabel* deviceLabel_ = nullptr;
    Workspace* progressSource_ = nullptr;
    QPointer<QWidget> aboutDialog_;   // the About or Help dialog last opened (screenshots show it)
};

} // namespace kg::ui
