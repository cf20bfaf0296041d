#pragma once
// The evaluation report as PDF (Qt Gui: QPdfWriter + QPainter, vector graphics and real text).
// Outside core because it needs Qt; used by the Evaluate workspace and `kneegrade-cli evaluate
// --report`. Never includes torch.
#include "core/eval/Evaluator.h"
#include "core/eval/GradCam.h"
#include "core/eval/Predictor.h"
#include "core/train/Trainer.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kg::report {

/// The line every page carries.
inline constexpr const char* kResearchUseLine = "For research use only \u2014 not for diagnostic use";

struct ReportOptions {
    std::string title = "KneeGrade evaluation report";  ///< first line of page 1
    std::string historyCsv;          ///< training history; empty: history.csv beside the checkpoint, if any
    int sampleCount = 6;             ///< evaluated images shown with Grad-CAM overlays (0: none)
    std::uint64_t sampleSeed = 42;   ///< which images are shown (reproducible)
    bool includeIdentifiers = false; ///< show file names and DICOM patient IDs (off: "Sample 1", …)
    GradCamOptions gradCam;          ///< overlay colour map and opacity (enabled is implied)
};

/// A shown image: its prediction with the Grad-CAM overlay, and the grade it truly has.
struct ReportSample {
    Prediction prediction;
    int trueGrade = -1;
    std::string patientId;           ///< DICOM PatientID, only when identifiers were asked for
};

/// Everything the PDF shows. gatherReportData() fills it; a caller that holds a model in
/// memory (the UI) may fill samples itself.
struct ReportData {
    EvaluationResult evaluation;
    std::vector<EpochRecord> history;  ///< training curves; empty: the section says so
    std::string historySource;         ///< file the history came from
    std::vector<ReportSample> samples;
    std::string generatedUtc;          ///< ISO 8601
    std::string torchVersion;          ///< of the engine that evaluated
    ReportOptions options;
};

/// Reads the training history (history.csv, kg::readHistoryCsv); picks `sampleCount` evaluated images spread
/// over the grades (seeded) and computes their Grad-CAM overlays with the evaluated
/// checkpoint. No Qt GUI calls: safe on a worker thread. Throws kg::Error when the history
/// file is named but unreadable; sample images that fail to load are left out.
ReportData gatherReportData(const EvaluationResult& evaluation, const ReportOptions& options = {});

/// Writes the PDF: title, summary metrics, classification report, confusion-matrix heatmap
/// (counts and row-normalised rates, colour scale), training curves, sample predictions with
/// Grad-CAM overlays and an audit block; kResearchUseLine in every page footer. Needs a
/// QGuiApplication; creates an offscreen one when the process has no application object
/// (CLI). Throws kg::Error naming the file when it cannot be written.
void writeReportPdf(const std::string& path, const ReportData& data);

} // namespace kg::report
