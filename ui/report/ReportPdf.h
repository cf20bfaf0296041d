#pragma once
// The evaluation report as PDF (Qt Gui: QPdfWriter + QPainter, vector graphics and real text).
// Outside core because it needs Qt; used by the Evaluate workspace and `kneegrade-cli evaluate
// --report`. What it shows is gathered and computed in core (core/eval/EvaluationReportData.h).
// Never includes torch.
#include "core/eval/EvaluationReportData.h"

#include <string>

namespace kg::report {

/// The line every page carries.
inline constexpr const char* kResearchUseLine = "For research use only \u2014 not for diagnostic use";

using ReportOptions = EvaluationReportOptions;
using ReportSample = EvaluationReportSample;
using ReportData = EvaluationReportData;

/// gatherEvaluationReportData (core/eval/EvaluationReportData.h).
inline ReportData gatherReportData(const EvaluationResult& evaluation, const ReportOptions& options = {})
{
    return gatherEvaluationReportData(evaluation, options);
}

/// Writes the PDF: title, summary metrics, classification report, confusion-matrix heatmap
/// (counts and row-normalised rates, colour scale), training curves, sample predictions with
/// Grad-CAM overlays and an audit block; kResearchUseLine in every page footer. Needs a
/// QGuiApplication, which the caller makes (the CLI an offscreen one); throws kg::Error
/// without one, and naming the file when it cannot be written.
void writeReportPdf(const std::string& path, const ReportData& data);

} // namespace kg::report
