// The Evaluate workspace's exports: the Export menu, the per-image and metrics CSV files and
// the PDF report (gathered off the GUI thread, painted on it).
#include "ui/workspaces/EvaluateWorkspace.h"

#include "ui/Session.h"
#include "ui/utility/DialogFolders.h"
#include "ui/utility/Icons.h"
#include "ui/widgets/MessageBar.h"

#include "core/eval/ResultsCsv.h"
#include "ui/report/ReportPdf.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QMenu>
#include <QToolBar>
#include <QToolButton>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>

namespace kg::ui {

void EvaluateWorkspace::buildExportMenu(QToolBar* toolBar)
{
    const auto save = [this](const QString& title, const QString& name, const QString& filter) {
        const QString path = QFileDialog::getSaveFileName(
            this, title, dialogStartFile(this->session(), DialogPurpose::Export, name), filter);
        rememberDialogFolder(this->session(), DialogPurpose::Export, path);
        return path;
    };
    pdfAction_ = new QAction(themedIcon(QStringLiteral("export-pdf")), tr("Report as PDF…"), this);
    pdfAction_->setObjectName(QStringLiteral("exportPdf"));
    pdfAction_->setToolTip(tr("The evaluation report: metrics, confusion matrix, curves and Grad-CAM samples"));
    connect(pdfAction_, &QAction::triggered, this, [this, save] {
        const QString path = save(tr("Export Report as PDF"), QStringLiteral("kneegrade-report.pdf"), tr("PDF (*.pdf)"));
        if (!path.isEmpty())
            exportPdf(path);
    });
    csvAction_ = new QAction(themedIcon(QStringLiteral("export-csv")), tr("Per-Image Results as CSV…"), this);
    csvAction_->setObjectName(QStringLiteral("exportCsv"));
    csvAction_->setToolTip(tr("One row per image: path, true and predicted grade, confidence, the probability of "
                              "each grade, out-of-distribution score"));
    connect(csvAction_, &QAction::triggered, this, [this, save] {
        const QString path = save(tr("Export Per-Image Results as CSV"), QStringLiteral("kneegrade-evaluation.csv"),
                                  tr("CSV (*.csv)"));
        if (!path.isEmpty())
            exportCsv(path);
    });
    metricsCsvAction_ = new QAction(themedIcon(QStringLiteral("export-csv")), tr("Metrics as CSV…"), this);
    metricsCsvAction_->setObjectName(QStringLiteral("exportMetricsCsv"));
    metricsCsvAction_->setToolTip(tr("The metrics table (per grade and overall), with the confusion matrix beside it"));
    connect(metricsCsvAction_, &QAction::triggered, this, [this, save] {
        const QString path = save(tr("Export Metrics as CSV"), QStringLiteral("kneegrade-metrics.csv"), tr("CSV (*.csv)"));
        if (!path.isEmpty())
            exportMetricsCsv(path);
    });
    // One button with a menu keeps the tool bar within a 1024-pixel window.
    auto* menu = new QMenu(this);
    menu->addAction(pdfAction_);
    menu->addAction(csvAction_);
    menu->addAction(metricsCsvAction_);
    auto* button = new QToolButton(toolBar);
    button->setObjectName(QStringLiteral("exportButton"));
    button->setText(tr("Export"));
    button->setIcon(themedIcon(QStringLiteral("export-csv")));
    button->setToolTip(tr("Export the evaluation: PDF report, per-image results or metrics as CSV"));
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setPopupMode(QToolButton::InstantPopup);
    button->setMenu(menu);
    toolBar->addWidget(button);
}

bool EvaluateWorkspace::exportCsv(const QString& path)
{
    if (!result_)
        return false;
    try {
        writeCsvFile(path.toStdString(), [this](std::ostream& out) {
            writeEvaluationCsv(out, result_->predictions, result_->metrics.classNames);
        });
    } catch (const std::exception& error) {
        messageBar_->showMessage(MessageBar::Kind::Error, QString::fromStdString(error.what()));
        return false;
    }
    emit statusMessage(tr("Saved %n image(s) to %1", nullptr, static_cast<int>(result_->predictions.size()))
                           .arg(QDir::toNativeSeparators(path)),
                       8000);
    return true;
}

bool EvaluateWorkspace::exportMetricsCsv(const QString& path)
{
    if (!result_)
        return false;
    const QFileInfo info(path);
    const QString confusion = info.absolutePath() + QLatin1Char('/') + info.completeBaseName() + QStringLiteral("-confusion.csv");
    try {
        writeCsvFile(path.toStdString(), [this](std::ostream& out) { writeMetricsCsv(out, result_->metrics); });
        writeCsvFile(confusion.toStdString(), [this](std::ostream& out) {
            writeConfusionMatrixCsv(out, result_->metrics.confusion, result_->metrics.classNames);
        });
    } catch (const std::exception& error) {
        messageBar_->showMessage(MessageBar::Kind::Error, QString::fromStdString(error.what()));
        return false;
    }
    emit statusMessage(tr("Saved %1 (and the confusion matrix beside it, %2)")
                           .arg(QDir::toNativeSeparators(path), QFileInfo(confusion).fileName()),
                       8000);
    return true;
}

bool EvaluateWorkspace::exportPdf(const QString& path)
{
    if (!result_ || exporting_)
        return false;
    exporting_ = true;
    pdfAction_->setEnabled(false);
    emit progressChanged(0, 0, tr("Writing the PDF report…"));
    struct Gathered {
        report::ReportData data;
        QString error;
    };
    const std::shared_ptr<const EvaluationResult> result = result_;
    auto* watcher = new QFutureWatcher<Gathered>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, path] {
        Gathered gathered = watcher->result();
        watcher->deleteLater();
        QString error = gathered.error;
        if (error.isEmpty()) {
            try {
                report::writeReportPdf(path.toStdString(), gathered.data);   // QPainter: GUI thread
            } catch (const std::exception& e) {
                error = QString::fromStdString(e.what());
            }
        }
        exporting_ = false;
        updateActions();
        emit progressChanged(-1, 0, {});
        if (error.isEmpty())
            emit statusMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 8000);
        else
            messageBar_->showMessage(MessageBar::Kind::Error, tr("The PDF report could not be written: %1").arg(error));
        emit pdfExported(path, error.isEmpty(), error);
    });
    // Grad-CAM of the sample images runs the model: keep it off the GUI thread.
    watcher->setFuture(QtConcurrent::run([result] {
        Gathered gathered;
        try {
            gathered.data = report::gatherReportData(*result);
        } catch (const std::exception& e) {
            gathered.error = QString::fromStdString(e.what());
        }
        return gathered;
    }));
    return true;
}

} // namespace kg::ui
