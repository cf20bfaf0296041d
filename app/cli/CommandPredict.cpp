#include "Args.h"
#include "Commands.h"
#include "HeadlessGui.h"

#include "core/eval/Predictor.h"
#include "core/eval/ResultsCsv.h"
#include "core/runtime/Runtime.h"
#include "core/util/Error.h"

#ifdef KNEEGRADE_WITH_REPORT
#include "ui/report/PredictionReport.h"
#endif

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iomanip>
#include <memory>
#include <ostream>
#include <set>

namespace kgcli {

namespace {

namespace fs = std::filesystem;

/// OUTDIR/<stem><tag><suffix>.png, made unique when two inputs share a stem.
std::string outputName(const std::string& outDir, const std::string& input, const std::string& tag,
                       const std::string& suffix, std::set<std::string>& used)
{
    const std::string stem = fs::path(input).stem().string() + tag;
    std::string name = stem;
    for (int n = 2; used.count(name); ++n)
        name = stem + "_" + std::to_string(n);
    used.insert(name);
    return (fs::path(outDir) / (name + suffix)).string();
}

} // namespace

int runPredict(const Argv& argv, std::ostream& out, std::ostream& err)
{
    Args args(argv,
              {"checkpoint", "gradcam", "grade", "alpha", "colormap", "csv", "low-confidence", "batch-size", "device",
               "threads", "roi", "localiser", "report"},
              {"help", "json", "tta", "recursive", "no-temperature", "include-identifiers"});
    if (args.flag("help")) {
        out << "usage: kneegrade-cli predict --checkpoint FILE FILE|DIR... [--recursive] [--tta]\n"
               "                             [--gradcam OUTDIR [--grade G] [--alpha 0.45] [--colormap turbo|jet]]\n"
               "                             [--roi X,Y,W,H ... | --roi auto [--localiser FILE.kgloc]]\n"
               "                             [--csv FILE] [--report FILE.pdf [--include-identifiers]] [--json]\n"
               "                             [--low-confidence 0.5] [--no-temperature]\n"
               "                             [--batch-size 16] [--device auto|cpu|cuda] [--threads N]\n\n"
               "Grades radiographs (PNG, JPEG, BMP, TIFF 8/16-bit, DICOM) with a checkpoint: the\n"
               "probability of each KL grade, the predicted grade, its confidence and a low-confidence\n"
               "flag (normalised entropy above --low-confidence). Folders are graded in batches.\n"
               "A file that cannot be read gets an error line; the others are still graded.\n\n"
               "  --gradcam OUTDIR  write <name>.gradcam.png (heatmap over the image) and\n"
               "                    <name>.heatmap.png (the colour map alone) for every graded file\n"
               "  --grade G         explain grade G instead of the predicted one\n"
               "  --roi X,Y,W,H     grade this box of each file (original pixels; repeat for more boxes)\n"
               "  --roi auto        find the knee joints and grade each (a single-knee crop is graded\n"
               "                    whole; with no joint found, the whole image is graded and said so)\n"
               "  --report FILE     a PDF: each file with its boxes, each box's side, region, grade,\n"
               "                    probabilities, out-of-distribution verdict and Grad-CAM\n\n"
               "Every grade carries ood_score (the image's Mahalanobis distance to the training features\n"
               "over the checkpoint's threshold) and out_of_distribution (ood_score > 1: the image does\n"
               "not resemble what the model was trained on, so its grade means nothing).\n"
               "exit status: 0 all files graded, 1 some could not be, 2 usage error.\n"
               "For research use only \u2014 not for diagnostic use.\n";
        return 0;
    }
    const auto checkpoint = args.value("checkpoint");
    if (!checkpoint)
        throw UsageError("--checkpoint FILE is required");
    if (args.positionals().empty())
        throw UsageError("name at least one image file or folder to grade");

    kg::PredictorOptions options;
    options.checkpoint = *checkpoint;
    options.tta = args.flag("tta");
    options.applyTemperature = !args.flag("no-temperature");
    options.lowConfidenceEntropy = args.doubleValue("low-confidence", options.lowConfidenceEntropy);
    options.batchSize = args.intValue("batch-size", options.batchSize);
    options.runtime.device = kg::parseDevicePreference(args.value("device", "auto"));
    options.runtime.threads = args.intValue("threads", 0);
    kg::GradCamOptions gradCam;
    const auto gradCamDir = args.value("gradcam");
    gradCam.enabled = gradCamDir.has_value();
    gradCam.targetGrade = args.intValue("grade", -1);
    gradCam.alpha = args.doubleValue("alpha", gradCam.alpha);
    gradCam.colormap = kg::parseColormap(args.value("colormap", kg::toString(gradCam.colormap)));
    if (const auto localiser = args.value("localiser"))
        options.localiser.weights = *localiser;
    kg::RegionRequest regions;
    for (const std::string& roi : args.values("roi")) {
        if (roi == "auto") {
            regions.automatic = true;
            continue;
        }
        try {
            regions.regions.push_back(kg::parseJointRegion(roi));
        } catch (const kg::Error& e) {
            throw UsageError(std::string("--roi: ") + e.what());
        }
    }
    if (regions.automatic && !regions.regions.empty())
        throw UsageError("--roi auto finds the boxes itself: do not give boxes as well");
#ifndef KNEEGRADE_WITH_REPORT
    if (args.has("report"))
        throw UsageError("--report needs the PDF report library, which this kneegrade-cli was built without "
                         "(configure with -DKNEEGRADE_BUILD_GUI=ON); use --csv or --json instead");
#endif
    kg::configureRuntime(options.runtime);

    std::vector<std::string> files;
    for (const auto& input : args.positionals()) {
        std::error_code ec;
        if (fs::is_directory(input, ec)) {
            const auto listed = kg::listImageFiles(input, args.flag("recursive"));
            if (listed.empty())
                err << "no image files in " << input << "\n";
            files.insert(files.end(), listed.begin(), listed.end());
        } else {
            files.push_back(input);  // a missing file becomes an error entry, not an abort
        }
    }
    if (gradCamDir) {
        std::error_code ec;
        fs::create_directories(*gradCamDir, ec);
        if (ec)
            throw kg::Error(*gradCamDir, "cannot create the Grad-CAM folder: " + ec.message());
    }

    kg::Predictor predictor(options);
    const auto names = predictor.classNames();
#ifdef KNEEGRADE_WITH_REPORT
    std::unique_ptr<kg::report::PredictionReport> report;
    if (const auto path = args.value("report")) {
        startHeadlessGuiApplication();
        report = std::make_unique<kg::report::PredictionReport>(*path, kg::report::reportModelOf(predictor),
                                                                args.flag("include-identifiers"));
        gradCam.enabled = true;  // the report shows each box's Grad-CAM
    }
#endif
    std::vector<kg::Prediction> results;
    std::set<std::string> usedNames;
    // Chunks keep at most a few full-size overlays in memory at a time.
    const size_t chunk = gradCam.enabled ? 16 : 256;
    for (size_t begin = 0; begin < files.size(); begin += chunk) {
        const std::vector<std::string> part(files.begin() + static_cast<std::ptrdiff_t>(begin),
                                            files.begin() + static_cast<std::ptrdiff_t>(std::min(files.size(), begin + chunk)));
        std::vector<kg::Prediction> graded = predictor.predictFiles(part, gradCam, {}, regions);
#ifdef KNEEGRADE_WITH_REPORT
        if (report) {
            // Results come grouped by file, in file order.
            for (size_t i = 0; i < graded.size();) {
                kg::report::PredictionReportFile file;
                file.path = graded[i].path;
                for (; i < graded.size() && graded[i].path == file.path; ++i)
                    file.regions.push_back(graded[i]);
                report->add(file);
            }
        }
#endif
        for (auto& p : graded) {
            if (p.ok() && gradCamDir) {
                const std::string suffix = p.region.source == "whole image"
                                               ? std::string()
                                               : "_" + (p.region.side == '?' ? std::string("roi") : std::string(1, p.region.side));
                const std::string overlay = outputName(*gradCamDir, p.path, suffix, ".gradcam.png", usedNames);
                kg::writeRgbImage(overlay, p.overlay);
                kg::writeRgbImage(overlay.substr(0, overlay.size() - 12) + ".heatmap.png",
                                  kg::colorizeHeatMap(p.heatmap, gradCam.colormap));
            }
            p.heatmap = {};
            p.image = {};
            p.overlay = {};
            results.push_back(std::move(p));
        }
        if (!args.flag("json") && files.size() > chunk)
            err << "graded " << std::min(files.size(), begin + chunk) << "/" << files.size() << " files\n";
    }

    int failures = 0;
    for (const auto& p : results)
        failures += !p.ok();
    if (args.flag("json")) {
        nlohmann::json json = {{"checkpoint", *checkpoint},
                               {"weights_sha256", predictor.weightsSha256()},
                               {"class_names", names},
                               {"temperature", options.applyTemperature ? predictor.meta().temperature : 1.0},
                               {"tta", options.tta},
                               {"ood_gate", predictor.hasOodGate() ? predictor.oodGateSummary() : nlohmann::json(nullptr)},
                               {"notice", "For research use only \u2014 not for diagnostic use"},
                               {"predictions", results}};
        out << json.dump(2) << "\n";
    } else {
        out << "For research use only \u2014 not for diagnostic use.\n";
        for (const auto& p : results) {
            out << p.path;
            if (p.region.source != "whole image" && !p.region.empty())
                out << "  [" << (p.region.side == '?' ? std::string("box") : std::string(1, p.region.side) + " knee") << " at "
                    << kg::formatJointRegion(p.region) << "]";
            out << "\n";
            if (!p.localisation.empty())
                out << "  " << p.localisation << "\n";
            if (!p.ok()) {
                out << "  error: " << p.error << "\n";
                continue;
            }
            if (p.outOfDistribution)
                out << "  OUT OF DISTRIBUTION (score " << std::fixed << std::setprecision(2) << p.oodScore
                    << "): the image does not resemble the training images; the grade below means nothing\n";
            out << "  KL" << p.grade << " " << p.gradeName << " (" << p.gradeDescription << ")  confidence "
                << std::fixed << std::setprecision(3) << p.confidence << (p.lowConfidence ? "  LOW CONFIDENCE" : "")
                << "\n  ";
            for (size_t k = 0; k < p.probabilities.size(); ++k)
                out << (k ? "  " : "") << k << ":" << std::setprecision(3) << p.probabilities[k];
            out << "\n";
            if (!p.bodyPartWarning.empty())
                out << "  warning: " << p.bodyPartWarning << "\n";
            for (const std::string& warning : p.fileWarnings)
                out << "  warning: " << warning << "\n";
        }
        if (!predictor.hasOodGate())
            out << "note: this checkpoint has no out-of-distribution gate (kneegrade-cli calibrate adds one)\n";
        out << results.size() - failures << " graded, " << failures << " could not be read";
        if (gradCamDir)
            out << "; Grad-CAM images in " << *gradCamDir;
        out << "\n";
    }
    if (const auto csv = args.value("csv"))
        kg::writeCsvFile(*csv, [&](std::ostream& file) { kg::writePredictionsCsv(file, results, names); });
#ifdef KNEEGRADE_WITH_REPORT
    if (report) {
        report->finish();
        if (!args.flag("json"))
            out << "PDF report written to " << *args.value("report") << "\n";
    }
#endif
    return failures == 0 ? 0 : 1;
}

} // namespace kgcli
