// The Train workspace's runs: opening a finished run, and the runs browser (a window listing
// the dataset's runs and comparing their curves).
#include "ui/workspaces/TrainWorkspace.h"

#include "ui/Session.h"
#include "ui/widgets/MessageBar.h"
#include "ui/widgets/RunsBrowser.h"
#include "ui/widgets/TrainingCurvesWidget.h"
#include "ui/workspaces/TrainOptionsForm.h"

#include "core/train/RunFiles.h"

#include <QDialog>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QScreen>
#include <QVBoxLayout>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <exception>
#include <fstream>

namespace kg::ui {

bool TrainWorkspace::openRun(const QString& runDir)
{
    if (running_)
        return false;
    messageBar_->hideMessage();
    const std::string dir = runDir.toStdString();
    try {
        const auto history = readHistoryCsv(RunFiles::path(dir, RunFiles::kHistory));
        std::ifstream in(RunFiles::path(dir, RunFiles::kOptions));
        if (in) {
            TrainOptions options = nlohmann::json::parse(in).get<TrainOptions>();
            setFormOptions(options);
            curves_->setPlannedEpochs(options.epochs);
            plannedEpochs_ = options.epochs;
        }
        curves_->setHistory(history);
        status_->setText(tr("Run %1: %n epoch(s).", nullptr, static_cast<int>(history.size()))
                             .arg(QDir::toNativeSeparators(runDir)));
        form_->clearRunDirectory();
    } catch (const std::exception& error) {
        messageBar_->showMessage(MessageBar::Kind::Error, tr("This run cannot be opened: %1").arg(QString::fromStdString(error.what())));
        return false;
    }
    const QString best = QString::fromStdString(RunFiles::path(dir, RunFiles::kBestCheckpoint));
    if (QFileInfo::exists(best)) {
        lastResult_ = {};
        lastResult_.bestCheckpoint = best.toStdString();
        session().setCheckpointPath(best);
    }
    updateActions();
    return true;
}

QStringList TrainWorkspace::runsLocations() const
{
    QStringList folders{TrainOptionsForm::runsDirectory()};
    if (!fixedRunDir_.isEmpty())
        folders << QFileInfo(QDir::cleanPath(fixedRunDir_)).absolutePath();
    return folders + runParents_;
}

void TrainWorkspace::buildRunsBrowser()
{
    runsDialog_ = new QDialog(this, Qt::Window);
    runsDialog_->setObjectName(QStringLiteral("runsDialog"));
    runsDialog_->setWindowTitle(tr("Training Runs — KneeGrade"));
    auto* layout = new QVBoxLayout(runsDialog_);
    layout->setContentsMargins(0, 0, 0, 0);
    runsBrowser_ = new RunsBrowser(runsDialog_);
    layout->addWidget(runsBrowser_);
    // 1080 × 720, or what a small screen leaves of it.
    const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1280, 800);
    runsDialog_->resize(std::min(1080, available.width() - 40), std::min(720, available.height() - 60));
    connect(runsBrowser_, &RunsBrowser::openRunRequested, this, [this](const QString& dir) {
        if (openRun(dir))
            emit switchRequested(id());
    });
    connect(runsBrowser_, &RunsBrowser::resumeRunRequested, this, [this](const QString& dir) {
        if (resumeRun(dir))
            emit switchRequested(id());
    });
    connect(runsBrowser_, &RunsBrowser::useCheckpointRequested, this, [this](const QString& checkpoint) {
        session().setCheckpointPath(checkpoint);
        emit statusMessage(tr("Evaluate and Predict use %1").arg(QDir::toNativeSeparators(checkpoint)), 6000);
    });
}

void TrainWorkspace::showRunsBrowser()
{
    runsDialog_->show();
    runsDialog_->raise();
    runsDialog_->activateWindow();
    refreshRunsBrowser();
}

void TrainWorkspace::refreshRunsBrowser()
{
    if (!runsDialog_ || !runsDialog_->isVisible())
        return;
    runsBrowser_->setLocations(runsLocations());
    const QString root = session().datasetRoot();
    runsBrowser_->setDataset(root, session().isDemoDataset() ? tr("the demo dataset") : QFileInfo(root).fileName());
    runsBrowser_->refresh();
}

} // namespace kg::ui
