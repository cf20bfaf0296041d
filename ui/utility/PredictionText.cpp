#include "ui/utility/PredictionText.h"
#include "ui/utility/Language.h"

#include <QCoreApplication>
#include <QtMath>

namespace kg::ui {
namespace {

QString tr(const char* text)
{
    // lupdate files the tr() calls of namespace kg::ui under the context "kg::ui".
    return QCoreApplication::translate("kg::ui", text);
}

} // namespace

bool isWholeImage(const kg::JointRegion& region)
{
    return region.empty() || region.source == "whole image";
}

QString sideLetter(char side)
{
    return side == 'R' || side == 'L' ? QString(QLatin1Char(side)) : QStringLiteral("?");
}

QString sideName(char side)
{
    if (side == 'R')
        return tr("Right knee");
    if (side == 'L')
        return tr("Left knee");
    return tr("Side unknown");
}

QString gradeSummary(const kg::Prediction& p)
{
    if (!p.ok())
        return tr("cannot be graded");
    return tr("KL%1 %2 %3 %").arg(p.grade).arg(gradeDisplayName(p.grade)).arg(qRound(p.confidence * 100));
}

QString regionLabel(const kg::Prediction& p)
{
    return sideLetter(p.region.side) + QStringLiteral(" · ") + gradeSummary(p);
}

QString regionOrigin(const kg::JointRegion& region)
{
    if (region.source == "auto")
        return tr("found automatically (localiser score %1)").arg(region.score, 0, 'f', 2);
    if (region.source == "manual")
        return tr("placed by hand");
    return tr("the whole image");
}

QString regionDescription(const kg::JointRegion& region)
{
    QString text = sideName(region.side);
    if (!region.sideSource.empty())
        text += QStringLiteral(": ") + QString::fromStdString(region.sideSource);
    if (!isWholeImage(region))
        text += tr("\nBox %1, %2 · %3 × %3 px, %4")
                    .arg(region.x)
                    .arg(region.y)
                    .arg(region.width)
                    .arg(regionOrigin(region));
    return text;
}

QString outOfDistributionWarning(double oodScore)
{
    return tr("This image does not resemble the images the model was trained on (out-of-distribution score %1; "
              "above 1 is unlike them). The grade means nothing.")
        .arg(oodScore, 0, 'f', 1);
}

QString noOodGateNote()
{
    return tr("This model has no out-of-distribution check, so it cannot tell when an image is unlike its training "
              "images: run kneegrade-cli calibrate on it, or train it again.");
}

} // namespace kg::ui
