#include "ui/workspaces/PredictResultPanel.h"
#include "ui/utility/Language.h"

#include "ui/utility/Colors.h"
#include "ui/utility/Format.h"
#include "ui/utility/PredictionText.h"
#include "ui/utility/RadiographImage.h"
#include "ui/utility/TrainingCropExample.h"
#include "ui/widgets/ProbabilityBarsWidget.h"
#include "ui/widgets/ResearchBanner.h"

#include "core/data/Grades.h"

#include <QDir>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace kg::ui {
namespace {

constexpr int kThumbnail = 132;
const QColor kMutedGrade(0x8a, 0x8a, 0x8a);

QLabel* wrapping(QWidget* parent, const QString& objectName = {})
{
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    if (!objectName.isEmpty())
        label->setObjectName(objectName);
    return label;
}

QLabel* thumbnail(QWidget* parent, const QString& objectName)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setFixedSize(kThumbnail, kThumbnail);
    label->setAlignment(Qt::AlignCenter);
    label->setStyleSheet(QStringLiteral("QLabel { background: #101012; color: #9a9aa0; }"));
    return label;
}

QPixmap scaledPixmap(const QImage& image)
{
    return QPixmap::fromImage(image.scaled(kThumbnail, kThumbnail, Qt::KeepAspectRatio, Qt::SmoothTransformation));
}

} // namespace

PredictResultPanel::PredictResultPanel(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    checkpoint_ = wrapping(this);
    layout->addWidget(checkpoint_);
    noGate_ = wrapping(this, QStringLiteral("noOodGate"));
    noGate_->setStyleSheet(QStringLiteral("QLabel { color: #8a8a8a; font-style: italic; }"));
    noGate_->setText(noOodGateNote());
    noGate_->hide();
    layout->addWidget(noGate_);
    file_ = wrapping(this);
    file_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(file_);
    region_ = wrapping(this, QStringLiteral("regionDescription"));
    region_->setStyleSheet(QStringLiteral("QLabel { color: palette(placeholder-text); }"));
    layout->addWidget(region_);

    grade_ = new QLabel(this);
    grade_->setObjectName(QStringLiteral("predictedGrade"));
    QFont big = grade_->font();
    big.setPointSizeF(big.pointSizeF() * 2.0);
    big.setBold(true);
    grade_->setFont(big);
    layout->addWidget(grade_);
    ood_ = wrapping(this, QStringLiteral("outOfDistribution"));
    ood_->setStyleSheet(QStringLiteral("QLabel { background: #f8d7d5; color: #5c1410; padding: 6px; border-radius: 4px; }"));
    ood_->hide();
    layout->addWidget(ood_);
    description_ = wrapping(this);
    layout->addWidget(description_);
    confidence_ = wrapping(this);
    layout->addWidget(confidence_);
    const QString caution = QStringLiteral("QLabel { background: #fbeccb; color: #5a3b00; padding: 6px; border-radius: 4px; }");
    lowConfidence_ = wrapping(this, QStringLiteral("lowConfidence"));
    lowConfidence_->setStyleSheet(caution);
    lowConfidence_->hide();
    layout->addWidget(lowConfidence_);
    // From the file itself (DICOM body part), so it is set when the image loads, not with the grade.
    anatomyWarning_ = wrapping(this, QStringLiteral("anatomyWarning"));
    anatomyWarning_->setStyleSheet(caution);
    anatomyWarning_->hide();
    layout->addWidget(anatomyWarning_);

    layout->addSpacing(6);
    layout->addWidget(new QLabel(tr("<b>Probability per grade</b>"), this));
    bars_ = new ProbabilityBarsWidget(this);
    layout->addWidget(bars_);
    gradCamNote_ = wrapping(this);
    layout->addWidget(gradCamNote_);

    // What the model saw beside the crops it learnt from: a box placed unlike them is graded badly.
    layout->addSpacing(6);
    auto* crops = new QGridLayout;
    crops->setHorizontalSpacing(10);
    crops->addWidget(new QLabel(tr("<b>What the model saw</b>"), this), 0, 0);
    auto* trainingTitle = new QLabel(tr("<b>Training crop convention</b>"), this);
    trainingTitle->setObjectName(QStringLiteral("trainingCropTitle"));
    crops->addWidget(trainingTitle, 0, 1);
    modelCrop_ = thumbnail(this, QStringLiteral("modelCrop"));
    crops->addWidget(modelCrop_, 1, 0, Qt::AlignLeft);
    trainingCrop_ = thumbnail(this, QStringLiteral("trainingCrop"));
    crops->addWidget(trainingCrop_, 1, 1, Qt::AlignLeft);
    trainingCropCaption_ = wrapping(this, QStringLiteral("trainingCropCaption"));
    trainingCropCaption_->setStyleSheet(QStringLiteral("QLabel { color: palette(placeholder-text); }"));
    crops->addWidget(trainingCropCaption_, 2, 0, 1, 2);
    crops->setColumnStretch(2, 1);
    layout->addLayout(crops);
    layout->addStretch(1);
    layout->addWidget(new ResearchBanner(this));
    clearResult();
}

void PredictResultPanel::setCheckpoint(const QString& path)
{
    checkpoint_->setText(path.isEmpty() ? tr("<i>No model yet: train one, or File ▸ Open Checkpoint.</i>")
                                        : tr("Model: <b>%1</b>").arg(QFileInfo(path).dir().dirName() + QLatin1Char('/')
                                                                    + QFileInfo(path).fileName()));
    checkpoint_->setToolTip(QDir::toNativeSeparators(path));
    noGate_->hide();   // known again with the next result
}

void PredictResultPanel::setFile(const QString& html, const QString& toolTip)
{
    file_->setText(html);
    file_->setToolTip(toolTip);
}

void PredictResultPanel::setAnatomyWarnings(const QStringList& warnings)
{
    anatomyWarning_->setText(warnings.isEmpty() ? QString() : QStringLiteral("⚠ ") + warnings.join(QStringLiteral("\n⚠ ")));
    anatomyWarning_->setVisible(!warnings.isEmpty());
}

void PredictResultPanel::setTrainingCrop(const TrainingCropExample& example)
{
    if (example.image.isNull())
        trainingCrop_->setText(tr("none"));
    else
        trainingCrop_->setPixmap(scaledPixmap(example.image));
    trainingCropCaption_->setText(tr("Right: %1 Place a box like it: the joint line across the middle, as much femur "
                                     "above as tibia below.")
                                      .arg(example.caption));
}

void PredictResultPanel::setGradeStyle(const QColor& colour, bool struck)
{
    QFont font = grade_->font();
    font.setStrikeOut(struck);
    grade_->setFont(font);
    grade_->setStyleSheet(colour.isValid() ? QStringLiteral("QLabel { color: %1; }").arg(colour.name()) : QString());
}

void PredictResultPanel::clearResult(const QString& note)
{
    grade_->setText(QStringLiteral("—"));
    setGradeStyle({}, false);
    region_->setText(note);
    region_->setVisible(!note.isEmpty());
    ood_->hide();
    description_->clear();
    confidence_->clear();
    lowConfidence_->hide();
    gradCamNote_->clear();
    bars_->clear();
    modelCrop_->clear();
    modelCrop_->setText(tr("no box"));
}

void PredictResultPanel::showPending(const kg::JointRegion& region)
{
    clearResult(regionDescription(region));
    grade_->setText(tr("Grading…"));
    setGradeStyle(kMutedGrade, false);
    modelCrop_->setText(tr("grading…"));
}

void PredictResultPanel::showPrediction(const kg::Prediction& p)
{
    clearResult();
    region_->setText(isWholeImage(p.region) ? tr("The whole image was graded.") : regionDescription(p.region));
    region_->show();
    if (!p.ok())
        return;
    grade_->setText(tr("KL%1 · %2").arg(p.grade).arg(gradeDisplayName(p.grade)));
    // Out of distribution: the grade stays readable (greyed, struck through) but is not to be used.
    setGradeStyle(p.outOfDistribution ? kMutedGrade : gradeColor(p.grade), p.outOfDistribution);
    if (p.outOfDistribution) {
        ood_->setText(QStringLiteral("⚠ ") + outOfDistributionWarning(p.oodScore));
        ood_->show();
    }
    noGate_->setVisible(!p.hasOodScore());
    description_->setText(gradeDisplayDescription(p.grade));
    description_->setStyleSheet(p.outOfDistribution ? QStringLiteral("QLabel { color: %1; }").arg(kMutedGrade.name()) : QString());
    QString confidence = tr("Confidence <b>%1</b><br>Uncertainty (normalised entropy) %2")
                             .arg(formatPercent(p.confidence))
                             .arg(p.normalisedEntropy, 0, 'f', 2);
    if (p.hasOodScore() && !p.outOfDistribution)
        confidence += tr("<br>Out-of-distribution score %1 (1 or less: like the training images)").arg(p.oodScore, 0, 'f', 2);
    confidence_->setText(confidence);
    if (p.lowConfidence && !p.outOfDistribution) {
        lowConfidence_->setText(tr("⚠ Low confidence: the probabilities are spread over several grades. Treat this "
                                   "grade as a guess and look at the neighbouring grades too."));
        lowConfidence_->show();
    }
    bars_->setProbabilities(p.probabilities, p.grade);
    if (!p.heatmap.empty())
        gradCamNote_->setText(tr("<b>Grad-CAM</b> (turbo colours, red = strongest): where the evidence for KL%1 "
                                 "lies in the %2. It shows where the model looked, not why.")
                                  .arg(p.explainedGrade)
                                  .arg(isWholeImage(p.region) ? tr("image") : tr("box")));
    if (!p.image.empty())
        modelCrop_->setPixmap(scaledPixmap(toQImage(p.image)));
    else
        modelCrop_->setText(tr("not kept"));
}

} // namespace kg::ui
