#pragma once
// The Predict workspace's batch table: one row per graded file, or per region of it.
#include "core/eval/Predictor.h"

#include <QRect>

#include <vector>

class QStandardItemModel;

namespace kg::ui {

/// Item roles of the first column: the file's path and the graded region (a null QRect for
/// the whole image), so that a double-click can open the file with that box selected.
inline constexpr int kBatchPathRole = Qt::UserRole + 1;
inline constexpr int kBatchRegionRole = Qt::UserRole + 2;

/// Replaces `model`'s rows and headers with `predictions`: File, Region (only when some
/// result is a region of its file), Grade, True grade (only when some file lies in a grade
/// folder: 0..4, KL2, …), Confidence, Low confidence, OOD score, Out of
/// distribution, P(KL0)…P(KL4), Problem. Every cell sorts on Qt::UserRole, numerically
/// where it is a number. Returns the number of results that carry an error.
int fillBatchModel(QStandardItemModel& model, const std::vector<kg::Prediction>& predictions);

} // namespace kg::ui
