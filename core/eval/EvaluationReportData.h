#pragma once
// Public (plain C++): what the evaluation report shows, gathered and computed from an
// EvaluationResult — the training history, sample predictions with Grad-CAM overlays, the
// classification table's rows, the out-of-distribution count, the training curves — so a
// renderer (the PDF of ui/report) only lays it out. No Qt.
#include "core/eval/Evaluator.h"
#include "core/eval/GradCam.h"
#include "core/eval/Predictor.h"
#include "core/train/Trainer.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kg {

struct EvaluationReportOptions {
    std::string title = "KneeGrade evaluation report";  ///< first line of page 1
    std::string historyCsv;          ///< training history; empty: history.csv beside the checkpoint, if any
    int sampleCount = 6;             ///< evaluated images shown with Grad-CAM overlays (0: none)
    std::uint64_t sampleSeed = 42;   ///< which images are shown (reproducible)
    bool includeIdentifiers = false; ///< show file names and DICOM patient IDs (off: "Sample 1", …)
    GradCamOptions gradCam;          ///< overlay colour map and opacity (enabled is implied)
};

/// A shown image: its prediction with the Grad-CAM overlay, and the grade it truly has.
struct EvaluationReportSample {
    Prediction prediction;
    int trueGrade = -1;
    std::string patientId;           ///< DICOM PatientID, only when identifiers were asked for
};

/// Everything the report shows. gatherEvaluationReportData() fills it; a caller that holds a
/// model in memory (the UI) may fill samples itself.
struct EvaluationReportData {
    EvaluationResult evaluation;
    std::vector<EpochRecord> history;  ///< training curves; empty: the section says so
    std::string historySource;         ///< file the history came from
    std::vector<EvaluationReportSample> samples;
    std::string generatedUtc;          ///< ISO 8601
    std::string torchVersion;          ///< of the engine that evaluated
    EvaluationReportOptions options;
};

/// Reads the training history (history.csv, kg::readHistoryCsv); picks `sampleCount`
/// evaluated images spread over the grades (chooseReportSamples) and computes their Grad-CAM
/// overlays with the evaluated checkpoint. Safe on a worker thread. Throws kg::Error when the
/// history file is named but unreadable, or when the checkpoint changed after it was
/// evaluated; sample images that fail to load are left out.
EvaluationReportData gatherEvaluationReportData(const EvaluationResult& evaluation,
                                                const EvaluationReportOptions& options = {});

/// Indices into `predictions` of up to `count` images spread over the true grades: each
/// grade's images shuffled with `seed`, then taken round-robin over the grades.
std::vector<std::size_t> chooseReportSamples(const std::vector<ImagePrediction>& predictions, int count,
                                             std::uint64_t seed);

/// The class names the evaluation reports with: the metrics', else the checkpoint's.
std::vector<std::string> evaluationClassNames(const EvaluationResult& evaluation);

/// One row of the classification table (scikit-learn's classification_report plus
/// specificity and ROC AUC): a grade, or an "accuracy"/"… avg" row. An absent cell is
/// nullopt; a present one may be NaN (undefined, shown as n/a).
struct ClassificationRow {
    std::string label;               ///< the class name, or "accuracy", "micro avg", "macro avg", "weighted avg"
    int grade = -1;                  ///< the class index of a grade row; -1 for the summary rows
    std::optional<double> precision, recall, f1, specificity, rocAuc;
    std::int64_t support = 0;
    bool summary() const { return grade < 0; }
};

/// The grade rows in grade order, then "accuracy" (or "micro avg" when some grade never
/// occurs), "macro avg" (with the macro ROC AUC) and "weighted avg".
std::vector<ClassificationRow> classificationRows(const EvaluationMetrics& metrics);

/// How many evaluated images the out-of-distribution gate flagged.
struct OutOfDistributionCount {
    bool hasGate = false;            ///< false: nothing was checked, flagged is 0
    std::int64_t flagged = 0;
    std::size_t evaluated = 0;
    double share = 0.0;              ///< flagged / evaluated; 0 for an empty evaluation
};
OutOfDistributionCount outOfDistributionCount(const EvaluationResult& evaluation);

/// The training seed the checkpoint's training options record, when they hold one.
std::optional<std::uint64_t> trainingSeedOf(const EvaluationResult& evaluation);

/// The history as series over epochs, with the epoch of the lowest validation loss.
struct TrainingCurves {
    std::vector<int> epochs;
    std::vector<double> accuracy, valAccuracy, loss, valLoss;
    int bestEpoch = 0;               ///< 0 for an empty history
    double bestValLoss = 0.0;
    double bestValAccuracy = 0.0;
};
TrainingCurves trainingCurves(const std::vector<EpochRecord>& history);

} // namespace kg
