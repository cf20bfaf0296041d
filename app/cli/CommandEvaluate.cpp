#include "Args.h"
#include "Commands.h"
#include "EvaluationArgs.h"
#include "HeadlessGui.h"

#include "core/eval/Evaluator.h"
#include "core/eval/ResultsCsv.h"
#include "core/runtime/Runtime.h"
#include "core/util/AtomicFile.h"
#include "core/util/Error.h"

#ifdef KNEEGRADE_WITH_REPORT
#include "ui/report/ReportPdf.h"
#endif

#include <nlohmann/json.hpp>

#include <cmath>
#include <iomanip>
#include <ostream>
#include <sstream>

namespace kgcli {

namespace {

std::string fixed(double value, int decimals = 4)
{
    if (!std::isfinite(value))
        return "n/a";
    std::ostringstream text;
    text << std::fixed << std::setprecision(decimals) << value;
    return text.str();
}

void printConfusion(std::ostream& out, const kg::ConfusionMatrix& matrix, const std::vector<std::string>& names)
{
    const int k = matrix.numClasses();
    const std::vector<double> rates = matrix.rowNormalised();
    out << "confusion matrix (rows: true grade, columns: predicted; count and row share)\n";
    out << std::setw(14) << "";
    for (int c = 0; c < k; ++c)
        out << std::setw(14) << ("pred " + std::to_string(c));
    out << "\n";
    for (int r = 0; r < k; ++r) {
        std::string label = std::to_string(r) + " " + (r < static_cast<int>(names.size()) ? names[static_cast<size_t>(r)] : "");
        out << std::left << std::setw(14) << label.substr(0, 13) << std::right;
        for (int c = 0; c < k; ++c) {
            std::ostringstream cell;
            cell << matrix.count(r, c) << " (" << std::fixed << std::setprecision(0)
                 << 100.0 * rates[static_cast<size_t>(r * k + c)] << "%)";
            out << std::setw(14) << cell.str();
        }
        out << "\n";
    }
}

void printSummary(std::ostream& out, const kg::EvaluationResult& r)
{
    const auto& m = r.metrics;
    out << "\n" << m.reportText << "\n";
    out << "accuracy                   " << fixed(m.accuracy) << "\n"
        << "balanced accuracy          " << fixed(m.balancedAccuracy) << "\n"
        << "quadratic weighted kappa   " << fixed(m.quadraticWeightedKappa) << "\n"
        << "mean absolute error        " << fixed(m.meanAbsoluteError) << " grades\n"
        << "macro ROC AUC              " << fixed(m.macroRocAuc) << "\n"
        << "expected calibration error " << fixed(m.calibration.expectedCalibrationError) << " ("
        << m.calibration.bins.size() << " bins)\n"
        << "loss (cross-entropy)       " << fixed(r.loss) << "\n\n";
    printConfusion(out, m.confusion, m.classNames);
    for (const auto& warning : m.warnings)
        out << "note: " << warning << "\n";
    if (r.hasOodGate)
        out << "out of distribution        " << r.outOfDistribution << " of " << r.predictions.size()
            << " images do not resemble the training images\n";
    else
        out << "note: the checkpoint has no out-of-distribution gate (kneegrade-cli calibrate adds one)\n";
}

} // namespace

int runEvaluate(const Argv& argv, std::ostream& out, std::ostream& err)
{
    Args args(argv,
              {"checkpoint", "data", "split", "batch-size", "workers", "device", "threads", "report", "samples",
               "history", "csv", "order", "metrics-csv", "confusion-csv", "json-out", "bins"},
              {"help", "tta", "no-temperature", "calibrate", "json", "include-identifiers", "quiet"});
    if (args.flag("help")) {
        out << "usage: kneegrade-cli evaluate --checkpoint FILE --data DIR [--split test|val|train|auto_test]\n"
               "                              [--tta] [--no-temperature] [--calibrate] [--batch-size 32]\n"
               "                              [--device auto|cpu|cuda] [--threads N] [--workers N] [--bins 15]\n"
               "                              [--report out.pdf [--samples 6] [--history history.csv]\n"
               "                               [--include-identifiers]]\n"
               "                              [--csv per-image.csv [--order file|confidence|uncertain|mistakes]]\n"
               "                              [--metrics-csv metrics.csv] [--confusion-csv matrix.csv]\n"
               "                              [--json] [--json-out result.json] [--quiet]\n\n"
               "Evaluates a checkpoint on one split in batches, in file order (grade, then path),\n"
               "with the checkpoint's calibrated temperature, and prints the classification report,\n"
               "accuracy, balanced accuracy, QWK, MAE, ECE and the confusion matrix.\n\n"
               "  --tta              test-time augmentation: mean softmax of image and horizontal mirror\n"
               "  --no-temperature   ignore the checkpoint's temperature (T = 1)\n"
               "  --calibrate        first fit temperature scaling on the val split and store it in\n"
               "                     the checkpoint (rewritten atomically; weights unchanged)\n"
               "  --report FILE      PDF report (needs a build with the GUI libraries)\n"
               "  --include-identifiers  show file names / DICOM patient IDs in the report (off by default)\n"
               "  --csv FILE         one row per image: true, predicted, confidence, probabilities\n"
               "  --json             print the result as JSON instead of text\n";
        return 0;
    }
    kg::EvaluationOptions options = evaluationOptions(args, "test");
    options.tta = args.flag("tta");
    options.applyTemperature = !args.flag("no-temperature");
    options.metrics.calibrationBins = args.intValue("bins", options.metrics.calibrationBins);
    const auto order = kg::parsePredictionOrder(args.value("order", "file"));
#ifndef KNEEGRADE_WITH_REPORT
    if (args.has("report"))
        throw UsageError("--report needs the PDF report library, which this kneegrade-cli was built without "
                         "(configure with -DKNEEGRADE_BUILD_GUI=ON); use --csv/--metrics-csv/--json instead");
#endif
    kg::configureRuntime(options.runtime);
    const bool quiet = args.flag("quiet") || args.flag("json");

    std::int64_t lastReported = -1;
    auto progress = [&](const kg::EvaluationProgress& p) {
        const std::int64_t tenth = p.total > 0 ? p.done * 10 / p.total : 0;
        if (!args.flag("quiet") && tenth != lastReported) {
            lastReported = tenth;
            err << "evaluated " << p.done << "/" << p.total << " images (" << std::fixed << std::setprecision(1)
                << p.imagesPerSecond << " img/s)\n";
        }
        return true;
    };

    if (args.flag("calibrate")) {
        kg::EvaluationOptions calibration = options;
        calibration.split = kg::Split::Val;
        const kg::CalibrationResult c = kg::calibrateCheckpoint(calibration, true, progress);
        if (!quiet)
            out << "temperature scaling on val (" << c.images << " images): T = " << fixed(c.fit.temperature)
                << " (was " << fixed(c.previousTemperature) << "), NLL " << fixed(c.fit.nllBefore) << " -> "
                << fixed(c.fit.nllAfter) << ", ECE " << fixed(c.eceBefore) << " -> " << fixed(c.eceAfter)
                << "; saved in " << options.checkpoint << "\n";
    }

    const kg::EvaluationResult result = kg::evaluateCheckpoint(options, progress);
    if (result.predictions.empty())
        throw kg::Error(options.dataRoot, "no image of the " + result.split + " split could be read");
    for (const auto& skipped : result.skipped)
        err << "skipped " << skipped.path << ": " << skipped.reason << "\n";

    if (args.flag("json")) {
        nlohmann::json json = result;
        out << json.dump(2) << "\n";
    } else {
        out << "evaluated " << result.predictions.size() << " images of the " << result.split << " split with "
            << result.checkpoint << " (" << result.architecture << ", T = " << fixed(result.temperature, 3)
            << ", TTA " << (result.tta ? "on" : "off") << ") on " << result.device << " in " << fixed(result.seconds, 1)
            << " s (" << fixed(result.imagesPerSecond, 1) << " img/s)\n";
        printSummary(out, result);
    }
    if (const auto path = args.value("json-out"))
        kg::writeFileAtomically(*path, nlohmann::json(result).dump(2) + "\n");
    if (const auto path = args.value("csv")) {
        kg::writeCsvFile(*path, [&](std::ostream& file) {
            kg::writeEvaluationCsv(file, kg::sortPredictions(result.predictions, order), result.metrics.classNames);
        });
        if (!quiet)
            out << "per-image results written to " << *path << "\n";
    }
    if (const auto path = args.value("metrics-csv")) {
        kg::writeCsvFile(*path, [&](std::ostream& file) { kg::writeMetricsCsv(file, result.metrics); });
        if (!quiet)
            out << "metrics written to " << *path << "\n";
    }
    if (const auto path = args.value("confusion-csv")) {
        kg::writeCsvFile(*path, [&](std::ostream& file) {
            kg::writeConfusionMatrixCsv(file, result.metrics.confusion, result.metrics.classNames);
        });
        if (!quiet)
            out << "confusion matrix written to " << *path << "\n";
    }
#ifdef KNEEGRADE_WITH_REPORT
    if (const auto path = args.value("report")) {
        kg::report::ReportOptions reportOptions;
        reportOptions.sampleCount = args.intValue("samples", reportOptions.sampleCount);
        reportOptions.historyCsv = args.value("history", "");
        reportOptions.includeIdentifiers = args.flag("include-identifiers");
        startHeadlessGuiApplication();
        kg::report::writeReportPdf(*path, kg::report::gatherReportData(result, reportOptions));
        if (!quiet)
            out << "PDF report written to " << *path << "\n";
    }
#endif
    return 0;
}

} // namespace kgcli
