#include "ui/workspaces/PredictBatchModel.h"
#include "ui/utility/Language.h"

#include "ui/utility/Colors.h"
#include "ui/utility/Format.h"
#include "ui/utility/PredictionText.h"

#include "core/eval/ResultsCsv.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardItemModel>

#include <algorithm>

namespace kg::ui {
namespace {

QString tr(const char* text)
{
    // lupdate files the tr() calls of namespace kg::ui under the context "kg::ui".
    return QCoreApplication::translate("kg::ui", text);
}

QStandardItem* sortableItem(const QString& text, const QVariant& sortKey)
{
    auto* item = new QStandardItem(text);
    item->setData(sortKey, Qt::UserRole);
    item->setEditable(false);
    return item;
}

/// The grade of the file's folder, when that is a grade folder; else empty.
QStandardItem* trueGradeItem(const kg::Prediction& p)
{
    const int grade = kg::gradeOfParentFolder(p.path);
    auto* item = sortableItem(grade >= 0 ? tr("KL%1").arg(grade) : QString(), grade);
    item->setToolTip(tr("The grade its folder names"));
    if (grade >= 0 && p.ok() && grade != p.grade)
        item->setForeground(QColor(0xc0, 0x39, 0x2b));   // disagrees with the prediction
    return item;
}

} // namespace

int fillBatchModel(QStandardItemModel& model, const std::vector<kg::Prediction>& predictions)
{
    const bool regions = std::any_of(predictions.begin(), predictions.end(),
                                     [](const kg::Prediction& p) { return !isWholeImage(p.region); });
    // Files in grade folders (0..4, KL2, …) carry their true grade: shown beside the prediction.
    const bool labelled = std::any_of(predictions.begin(), predictions.end(),
                                      [](const kg::Prediction& p) { return kg::gradeOfParentFolder(p.path) >= 0; });
    model.clear();
    QStringList headers{tr("File")};
    if (regions)
        headers << tr("Region");
    headers << tr("Grade");
    if (labelled)
        headers << tr("True grade");
    headers << tr("Confidence") << tr("Low confidence") << tr("OOD score") << tr("Out of distribution");
    for (int g = 0; g < 5; ++g)
        headers << tr("P(KL%1)").arg(g);
    headers << tr("Problem");
    model.setHorizontalHeaderLabels(headers);
    int failures = 0;
    for (const kg::Prediction& p : predictions) {
        const QString path = QString::fromStdString(p.path);
        const QString name = QFileInfo(path).fileName();
        QList<QStandardItem*> row;
        auto* file = sortableItem(name, name);
        file->setData(path, kBatchPathRole);
        file->setToolTip(QDir::toNativeSeparators(path));
        const bool whole = isWholeImage(p.region);
        file->setData(whole ? QRect() : QRect(p.region.x, p.region.y, p.region.width, p.region.height), kBatchRegionRole);
        row << file;
        if (regions) {
            const QString text = whole ? tr("whole image")
                                       : QStringLiteral("%1 · %2").arg(sideLetter(p.region.side),
                                                                      QString::fromStdString(formatJointRegion(p.region)));
            auto* region = sortableItem(text, name + QLatin1Char('\t') + QString::number(p.region.x).rightJustified(8, QLatin1Char('0')));
            region->setToolTip(regionDescription(p.region));
            row << region;
        }
        if (p.ok()) {
            auto* grade = sortableItem(tr("KL%1 %2").arg(p.grade).arg(gradeDisplayName(p.grade)), p.grade);
            grade->setForeground(p.outOfDistribution ? QColor(0x8a, 0x8a, 0x8a) : gradeColor(p.grade));
            if (p.outOfDistribution) {
                QFont struck = grade->font();
                struck.setStrikeOut(true);
                grade->setFont(struck);
            }
            row << grade;
            if (labelled)
                row << trueGradeItem(p);
            row << sortableItem(formatPercent(p.confidence), p.confidence)
                << sortableItem(p.lowConfidence ? tr("yes") : QString(), p.lowConfidence ? 1 : 0);
            if (p.hasOodScore())
                row << sortableItem(QString::number(p.oodScore, 'f', 2), p.oodScore)
                    << sortableItem(p.outOfDistribution ? tr("Yes") : tr("No"), p.outOfDistribution ? 1 : 0);
            else
                row << sortableItem(QStringLiteral("—"), -1.0) << sortableItem(tr("no check"), -1);
            for (int g = 0; g < 5; ++g) {
                const double value = g < static_cast<int>(p.probabilities.size()) ? p.probabilities[static_cast<size_t>(g)] : 0.0;
                row << sortableItem(QString::number(value, 'f', 3), value);
            }
            row << sortableItem({}, QString());
        } else {
            ++failures;
            row << sortableItem(QStringLiteral("—"), -1);
            if (labelled)
                row << trueGradeItem(p);
            row << sortableItem({}, -1.0) << sortableItem({}, -1)
                << sortableItem({}, -1.0) << sortableItem({}, -1);
            for (int g = 0; g < 5; ++g)
                row << sortableItem({}, -1.0);
            row << sortableItem(QString::fromStdString(p.error), QString::fromStdString(p.error));
        }
        model.appendRow(row);
    }
    return failures;
}

} // namespace kg::ui
