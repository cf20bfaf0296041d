#pragma once
#include "core/eval/Predictor.h"

#include <QStringList>
#include <QWidget>

class QLabel;

namespace kg::ui {

class ProbabilityBarsWidget;
struct TrainingCropExample;

/// The Predict workspace's side panel for the selected region: the model, the file, the
/// region (side, where the side came from, the box), the KL grade with its description and
/// confidence, warnings (out of distribution, low confidence, anatomy), the probability bars,
/// the Grad-CAM note, and two thumbnails to compare: what the model saw and the crop
/// convention it was trained on. GUI thread only.
class PredictResultPanel : public QWidget {
    Q_OBJECT
public:
    explicit PredictResultPanel(QWidget* parent = nullptr);

    void setCheckpoint(const QString& path);
    /// The file's name (HTML allowed) and its full path as tool tip.
    void setFile(const QString& html, const QString& toolTip);
    /// What the file says about itself (body part, view) and what decoding noticed; empty hides.
    void setAnatomyWarnings(const QStringList& warnings);
    void setTrainingCrop(const TrainingCropExample& example);

    /// The result of one region (or of the whole image).
    void showPrediction(const kg::Prediction& prediction);
    /// The region is being graded (again).
    void showPending(const kg::JointRegion& region);
    /// No result, with a line saying why (e.g. "No box selected").
    void clearResult(const QString& note = {});

    QLabel* gradeLabel() const { return grade_; }
    QLabel* lowConfidenceLabel() const { return lowConfidence_; }
    QLabel* anatomyWarningLabel() const { return anatomyWarning_; }
    QLabel* outOfDistributionLabel() const { return ood_; }
    QLabel* noOodGateLabel() const { return noGate_; }
    QLabel* regionLabel() const { return region_; }
    QLabel* trainingCropLabel() const { return trainingCrop_; }
    QLabel* trainingCropCaption() const { return trainingCropCaption_; }
    ProbabilityBarsWidget* probabilityBars() const { return bars_; }

private:
    void setGradeStyle(const QColor& colour, bool struck);

    QLabel* checkpoint_ = nullptr;
    QLabel* noGate_ = nullptr;
    QLabel* file_ = nullptr;
    QLabel* region_ = nullptr;
    QLabel* grade_ = nullptr;
    QLabel* ood_ = nullptr;
    QLabel* description_ = nullptr;
    QLabel* confidence_ = nullptr;
    QLabel* lowConfidence_ = nullptr;
    QLabel* anatomyWarning_ = nullptr;
    ProbabilityBarsWidget* bars_ = nullptr;
    QLabel* gradCamNote_ = nullptr;
    QLabel* modelCrop_ = nullptr;
    QLabel* trainingCrop_ = nullptr;
    QLabel* trainingCropCaption_ = nullptr;
};

} // namespace kg::ui
