#pragma once
// Internal to kneegrade::report: the sections of the evaluation report, each written at the
// document's cursor from the numbers core computes (core/eval/EvaluationReportData.h).
#include "ui/report/ReportDocument.h"

#include "core/eval/EvaluationReportData.h"

namespace kg::report::detail {

/// Title, checkpoint line and the research-use paragraph.
void writeTitle(Document& doc, const EvaluationReportData& data);
/// Headline metrics and the out-of-distribution count.
void writeSummary(Document& doc, const EvaluationReportData& data);
/// Per-grade precision, recall, F1, specificity, ROC AUC and support, then the averages.
void writeClassificationReport(Document& doc, const EvaluationReportData& data);
/// The confusion-matrix heatmap with its caption and the metrics' warnings.
void writeConfusionMatrix(Document& doc, const EvaluationReportData& data);
/// Accuracy and loss over epochs, or a note that there is no history.
void writeCurves(Document& doc, const EvaluationReportData& data);
/// The sample images with their Grad-CAM overlays and captions (nothing without samples).
void writeSamples(Document& doc, const EvaluationReportData& data);
/// Versions, hashes, the evaluated set, seeds, device and inference settings.
void writeAudit(Document& doc, const EvaluationReportData& data);

} // namespace kg::report::detail
