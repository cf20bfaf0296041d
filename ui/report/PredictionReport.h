#pragma once
// The prediction report as PDF: for each graded file, the radiograph with its boxes, and for
// each box its side, region (original pixels), grade, probabilities, out-of-distribution
// verdict, warnings and Grad-CAM; an audit block (checkpoint, weights, gate). Used by the
// Predict workspace and `kneegrade-cli predict --report`. Qt Gui only, never torch.
#include "core/eval/GradCam.h"
#include "core/eval/Predictor.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace kg::report {

/// What the report says about the model, once.
struct PredictionReportModel {
    std::string checkpoint;
    std::string weightsSha256;
    std::string architecture;
    std::vector<std::string> classNames;
    double temperature = 1.0;
    bool tta = false;
    nlohmann::json oodGate;           ///< Predictor::oodGateSummary(); empty object: no gate
    std::string device;
};

/// The model's description as `predictor` grades: its checkpoint, weights, architecture,
/// classes, temperature (1 when not applied), TTA, gate and device.
PredictionReportModel reportModelOf(const Predictor& predictor);

/// One graded file: its regions' predictions (with Grad-CAM images when computed) and the
/// whole radiograph to draw the boxes on (empty: loaded from `path` when the file is added).
struct PredictionReportFile {
    std::string path;
    std::vector<Prediction> regions;
    RgbImage radiograph;
};

/// Written file by file, so a long batch keeps only one file's images in memory.
/// Needs a QGuiApplication, which the caller makes (the CLI an offscreen one).
class PredictionReport {
public:
    /// Opens `path` for writing. Throws kg::Error naming it when it cannot.
    PredictionReport(const std::string& path, const PredictionReportModel& model, bool includeIdentifiers = false);
    ~PredictionReport();
    PredictionReport(const PredictionReport&) = delete;
    PredictionReport& operator=(const PredictionReport&) = delete;

    /// Adds one file's section (a new page for every file after the first).
    void add(const PredictionReportFile& file);
    /// Writes the audit block and closes the file; throws kg::Error when it was not written.
    void finish();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace kg::report
