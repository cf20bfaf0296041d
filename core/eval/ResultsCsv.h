#pragma once
// Public (plain C++): spreadsheet exports of per-image results. Metrics tables come from
// core/eval/Metrics.h (writeMetricsCsv, writeConfusionMatrixCsv).
#include "core/eval/Evaluator.h"
#include "core/eval/Predictor.h"

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace kg {

/// One row per evaluated image, in the given order:
/// `path,true_grade,true_name,predicted_grade,predicted_name,correct,confidence,p_<name>…,
/// ood_score,out_of_distribution` (one probability column per class; the OOD columns empty
/// without a gate). RFC 4180 quoting; numbers round-trip exactly.
void writeEvaluationCsv(std::ostream& out, const std::vector<ImagePrediction>& predictions,
                        const std::vector<std::string>& classNames);

/// One row per graded file or region: `path,status,grade,grade_name,confidence,normalised_entropy,
/// low_confidence,p_<name>…,gradcam_grade,error,warning,ood_score,out_of_distribution,roi,side,
/// roi_source,localisation`; status is "ok" or "error" (then only `error` and the region are filled);
/// roi is "X,Y,W,H" in the file's pixels. With `withTrueGrade`, a `true_grade` column follows
/// `path`: the grade of the file's folder when that is a grade folder (gradeFromFolderName:
/// "0".."4", "KL2", …), else empty.
void writePredictionsCsv(std::ostream& out, const std::vector<Prediction>& predictions,
                         const std::vector<std::string>& classNames, bool withTrueGrade = false);

/// The grade a file's parent folder names (gradeFromFolderName), or -1.
int gradeOfParentFolder(const std::string& path);

/// Writes a file atomically with `write`; throws kg::Error naming it when it cannot.
void writeCsvFile(const std::string& path, const std::function<void(std::ostream&)>& write);

/// RFC 4180 field: quoted (with doubled quotes) when it holds a comma, quote or line break.
std::string csvField(const std::string& text);

} // namespace kg
