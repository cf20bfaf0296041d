// The Predict workspace's batch: a folder graded into the table, the side panel's summary of
// it, and the table's CSV (with the true grade where the folder says it).
#include "ui/workspaces/PredictWorkspace.h"

#include "ui/Session.h"
#include "ui/utility/PredictionText.h"
#include "ui/widgets/ImageView.h"
#include "ui/widgets/MessageBar.h"
#include "ui/widgets/RegionOverlay.h"
#include "ui/workers/PredictionWorker.h"
#include "ui/workspaces/PredictBatchModel.h"
#include "ui/workspaces/PredictResultPanel.h"

#include "core/eval/ResultsCsv.h"
#include "core/model/Checkpoint.h"

#include <QAction>
#include <QDir>
#include <QLabel>
#include <QSet>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>

#include <exception>

namespace kg::ui {

void PredictWorkspace::predictFolder(const QString& folder)
{
    messageBar_->hideMessage();
    std::vector<std::string> files;
    try {
        files = listImageFiles(folder.toStdString(), true);
    } catch (const std::exception& error) {
        messageBar_->showMessage(MessageBar::Kind::Error, QString::fromStdString(error.what()));
        return;
    }
    tabs_->setCurrentIndex(1);
    if (files.empty()) {
        batchStatus_->setText(tr("%1 holds no images.").arg(QDir::toNativeSeparators(folder)));
        return;
    }
    if (!requireCheckpoint())
        return;
    QStringList paths;
    for (const std::string& file : files)
        paths << QString::fromStdString(file);
    batch_.clear();
    model_->clear();
    exportAction_->setEnabled(false);
    showBatchInPanel(folder, tr("Grading %n image(s)…", nullptr, paths.size()));
    batchStatus_->setText(tr("Grading %n image(s) of %1…", nullptr, paths.size()).arg(QDir::toNativeSeparators(folder)));
    const int requestId = batchRequest_ = ++requestId_;
    fileRequest_ = 0;
    updateBusy();
    const QString checkpoint = session().checkpointPath();
    QMetaObject::invokeMethod(worker_, [worker = worker_, checkpoint, paths, requestId] {
        worker->predictFiles(checkpoint, paths, requestId);
    }, Qt::QueuedConnection);
}

void PredictWorkspace::showBatchInPanel(const QString& folder, const QString& note)
{
    // The Image tab's file is put away with its result: the panel speaks of the folder now.
    fileGeneration_ = ++requestId_;
    fileRequest_ = 0;
    results_.clear();
    regrades_.clear();
    overlay_->clearBoxes();
    path_.clear();
    sourceSize_ = {};
    last_ = {};
    view_->clear();
    view_->setPlaceholderText(tr("Double-click a row of the Batch tab to show its image here."));
    batchFolder_ = folder;
    panel_->setAnatomyWarnings({});
    panel_->setFile(tr("<b>Folder %1</b>").arg(QDir(folder).dirName().toHtmlEscaped()), QDir::toNativeSeparators(folder));
    panel_->clearResult(note);
}

void PredictWorkspace::onBatchProgress(int requestId, int done, int total)
{
    if (requestId != batchRequest_)
        return;
    batchStatus_->setText(tr("Grading… %1 / %2").arg(done).arg(total));
    emit progressChanged(done, total, tr("Grading %1 / %2").arg(done).arg(total));
}

void PredictWorkspace::onBatchPredicted(int requestId, const std::vector<Prediction>& predictions)
{
    if (requestId != batchRequest_)
        return;
    batchRequest_ = 0;
    updateBusy();
    batch_ = predictions;
    try {
        batchClassNames_ = readCheckpointMeta(session().checkpointPath().toStdString()).classNames;
    } catch (const std::exception&) {
        batchClassNames_.clear();
    }
    fillBatchModel(*model_, predictions);
    table_->resizeColumnsToContents();
    // Counted per file (a film gives one row per knee joint); the plural forms are the translated ones.
    QSet<QString> graded, unreadable;
    int regions = 0, flagged = 0;
    for (const Prediction& p : predictions) {
        (p.ok() ? graded : unreadable).insert(QString::fromStdString(p.path));
        regions += p.ok() && !isWholeImage(p.region) ? 1 : 0;
        flagged += p.ok() && p.outOfDistribution ? 1 : 0;
    }
    const QString counts = tr("%n image(s) graded", nullptr, static_cast<int>(graded.size()))
                           + (unreadable.isEmpty() ? QString()
                                                   : tr(", %n could not be read", nullptr, static_cast<int>(unreadable.size())));
    batchStatus_->setText(counts
                          + (regions ? tr(" (knee joints graded in boxes: %1)").arg(regions) : QString())
                          + (flagged ? tr("; out of distribution: %1 (their grades mean nothing)").arg(flagged) : QString())
                          + tr(". Click a column to sort; double-click a row to see the image and its Grad-CAM."));
    exportAction_->setEnabled(!batch_.empty());
    showBatchInPanel(batchFolder_, tr("%1: see the Batch tab; double-click a row to show its image here.").arg(counts));
    emit batchFinished(static_cast<int>(predictions.size()));
}

bool PredictWorkspace::exportCsv(const QString& path)
{
    if (batch_.empty())
        return false;
    try {
        // The true grade comes from grade folders (0..4, KL2, …), so a labelled folder can be scored.
        writeCsvFile(path.toStdString(),
                     [this](std::ostream& out) { writePredictionsCsv(out, batch_, batchClassNames_, true); });
    } catch (const std::exception& error) {
        messageBar_->showMessage(MessageBar::Kind::Error, QString::fromStdString(error.what()));
        return false;
    }
    emit statusMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 6000);
    return true;
}

} // namespace kg::ui
