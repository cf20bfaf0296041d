#pragma once
// Plain words for a prediction of one region: its side, its label on the image, where the
// side came from, and the out-of-distribution warning. Shared by the Predict workspace's
// boxes, side panel and batch table.
#include "core/eval/Predictor.h"

#include <QString>

namespace kg::ui {

/// True for a result that covers the whole file (no box to draw): a single-knee crop, no
/// knee found, or a model graded without regions.
bool isWholeImage(const kg::JointRegion& region);

/// "R", "L" or "?".
QString sideLetter(char side);
/// "Right knee", "Left knee", "Side unknown".
QString sideName(char side);

/// "KL2 Minimal 71 %" (the grade part of a box's label); the error for a failed one.
QString gradeSummary(const kg::Prediction& prediction);
/// The whole label of a box: "R · KL2 Minimal 71 %".
QString regionLabel(const kg::Prediction& prediction);

/// Where the box came from: "found automatically (score 0.93)", "placed by hand", "the whole image".
QString regionOrigin(const kg::JointRegion& region);
/// Side, where the side came from and the box in pixels, for tool tips and the side panel.
QString regionDescription(const kg::JointRegion& region);

/// The plain-words warning for a flagged image, with its score.
QString outOfDistributionWarning(double oodScore);
/// The quiet note for a model without a gate.
QString noOodGateNote();

} // namespace kg::ui
