// localise, train-localiser, evaluate-localiser: the knee-joint localiser from the command line.
#include "Args.h"
#include "Commands.h"

#include "core/imaging/Radiograph.h"
#include "core/locate/KneeLocaliser.h"
#include "core/runtime/Runtime.h"
#include "core/util/Error.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <ostream>

namespace kgcli {

namespace {

std::uint64_t seedValue(const Args& args, std::uint64_t fallback)
{
    const auto text = args.value("seed");
    if (!text)
        return fallback;
    char* end = nullptr;
    const std::uint64_t seed = std::strtoull(text->c_str(), &end, 10);
    if (text->empty() || *end != '\0' || (*text)[0] == '-')
        throw UsageError("--seed expects a non-negative whole number, got '" + *text + "'");
    return seed;
}

void printLocalisation(std::ostream& out, const std::string& file, const kg::Localisation& found)
{
    out << file << ": " << found.message << "\n";
    if (found.wholeImage)
        return;
    for (const auto& knee : found.knees)
        out << "  " << knee.side << "  box " << kg::formatJointRegion(knee) << "  score " << std::fixed
            << std::setprecision(2) << knee.score << std::defaultfloat << "  side from " << knee.sideSource << "\n";
}

void printAccuracy(std::ostream& out, const kg::LocaliserAccuracy& a)
{
    out << std::fixed << std::setprecision(3);
    out << "full radiographs: " << a.images << " images, " << a.joints << " knee joints\n"
        << "  IoU >= 0.5:            " << a.detected << "/" << a.joints << " = " << a.iou50Rate() << "\n"
        << "  centre error (mm):     median " << std::setprecision(1) << a.medianCentreErrorMm << ", p90 "
        << a.p90CentreErrorMm << "\n"
        << "  false positives:       " << a.falsePositives << " boxes matching no joint\n";
    for (const auto& v : a.views)
        out << "    " << std::left << std::setw(13) << v.view << std::right << " " << v.detected << "/" << v.joints
            << " joints, " << v.falsePositives << " false positives (" << v.images << " images)\n";
    out << std::setprecision(3) << "no-knee images:          " << a.negativesClean << "/" << a.negatives
        << " answered 'no knee joint found' = " << a.noKneeRate() << "\n"
        << "single-knee crops:       " << a.cropsWholeImage << "/" << a.crops << " passed through whole = "
        << a.wholeImageRate() << "\n"
        << std::setprecision(1) << "time per radiograph:     " << a.secondsPerImage * 1000 << " ms\n"
        << std::defaultfloat;
}

} // namespace

int runLocalise(const Argv& argv, std::ostream& out, std::ostream& err)
{
    Args args(argv, {"weights", "min-score", "threads"}, {"help", "json"});
    if (args.flag("help")) {
        out << "usage: kneegrade-cli localise FILE... [--json] [--weights FILE.kgloc] [--min-score 0.3] [--threads N]\n\n"
               "Finds the knee joints on each radiograph and prints the square box to grade for each\n"
               "(X,Y,W,H in the image's pixels), the patient's side and where it came from, and the\n"
               "localiser's score; a single-knee crop is passed through as the whole image, and an\n"
               "image with no knee says \"no knee joint found\". The localiser was trained on generated\n"
               "radiographs only (docs/LOCALISER.md). exit status: 0 every file read, 1 some could not be.\n";
        return 0;
    }
    if (args.positionals().empty())
        throw UsageError("name at least one radiograph file");
    kg::configureRuntime({args.intValue("threads", 0), kg::DevicePreference::Cpu});
    kg::LocaliserOptions options;
    options.weights = args.value("weights", "");
    options.minScore = args.doubleValue("min-score", options.minScore);
    kg::KneeLocaliser localiser(options);
    const bool json = args.flag("json");
    nlohmann::json results = nlohmann::json::array();
    int failures = 0;
    for (const auto& file : args.positionals()) {
        try {
            const kg::Radiograph radiograph = kg::loadRadiograph(file);
            const kg::Localisation found = localiser.locate(radiograph);
            if (json)
                results.push_back({{"file", file}, {"width", radiograph.width}, {"height", radiograph.height},
                                   {"localisation", found}});
            else
                printLocalisation(out, file, found);
        } catch (const std::exception& e) {
            ++failures;
            if (json)
                results.push_back({{"file", file}, {"error", kg::describeError(e)}});
            else
                err << file << ": error: " << kg::describeError(e) << "\n";
        }
    }
    if (json)
        out << nlohmann::json{{"weights", localiser.weightsPath()}, {"results", results}}.dump(2) << "\n";
    return failures > 0 ? 1 : 0;
}

int runTrainLocaliser(const Argv& argv, std::ostream& out, std::ostream& err)
{
    Args args(argv, {"out", "epochs", "images", "seed", "scale", "batch-size", "lr", "threads", "annotations", "repeats", "init"},
              {"help", "quiet"});
    const kg::LocaliserTrainOptions defaults;
    if (args.flag("help")) {
        out << "usage: kneegrade-cli train-localiser --out FILE.kgloc [--epochs " << defaults.epochs << "] [--images "
            << defaults.trainImages << "] [--seed " << defaults.seed << "] [--scale " << defaults.scale << "]\n"
            << "                                     [--batch-size " << defaults.batchSize << "] [--lr "
            << defaults.learningRate << "] [--threads N]\n"
            << "                                     [--annotations annotations.json [--repeats "
            << defaults.annotationRepeats << "] [--init FILE.kgloc]] [--quiet]\n\n"
               "Trains the knee-joint localiser on generated full radiographs (bilateral, single, lateral\n"
               "and full-leg views), single-knee crops and phantoms (which must pass through whole) and\n"
               "images without a knee (crops of hips, ankles and shafts, drawn noise, gradients, ribs),\n"
               "and writes the weights. Same seed and thread count: the same file, byte for byte.\n\n"
               "  --images N        generated full radiographs in the training pool\n"
               "  --scale X         the generator's image scale (the shipped weights: " << defaults.scale << ")\n"
               "  --annotations F   fine-tune on real images too: an annotations.json (the generator's format;\n"
               "                    hand-drawn boxes exported from the application), each image repeated\n"
               "                    --repeats times per epoch; --init starts from existing weights\n";
        return 0;
    }
    kg::LocaliserTrainOptions options;
    const auto output = args.value("out");
    if (!output)
        throw UsageError("--out FILE.kgloc is required");
    options.output = *output;
    options.epochs = args.intValue("epochs", options.epochs);
    options.trainImages = args.intValue("images", options.trainImages);
    options.seed = seedValue(args, options.seed);
    options.scale = args.doubleValue("scale", options.scale);
    options.batchSize = args.intValue("batch-size", options.batchSize);
    options.learningRate = args.doubleValue("lr", options.learningRate);
    options.threads = args.intValue("threads", options.threads);
    options.annotations = args.value("annotations", "");
    options.annotationRepeats = args.intValue("repeats", options.annotationRepeats);
    options.initialWeights = args.value("init", "");
    const bool quiet = args.flag("quiet");
    const auto start = std::chrono::steady_clock::now();
    auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    int lastEpoch = 0;
    if (!quiet)
        err << "rendering the training pool (" << options.trainImages << " radiographs, phantoms and negatives)...\n";
    const double loss = kg::trainLocaliser(options, [&](const kg::LocaliserTrainProgress& p) {
        if (quiet)
            return true;
        if (p.stage == "rendering") {
            err << "pool ready after " << std::fixed << std::setprecision(0) << seconds() << " s\n" << std::defaultfloat;
        } else if (p.step == p.steps && p.epoch != lastEpoch) {
            lastEpoch = p.epoch;
            err << "epoch " << p.epoch << "/" << p.epochs << "  loss " << std::fixed << std::setprecision(4) << p.loss
                << "  " << std::setprecision(0) << seconds() << " s\n" << std::defaultfloat;
        }
        return true;
    });
    std::error_code error;
    const auto bytes = std::filesystem::file_size(options.output, error);
    out << "wrote " << options.output << " (" << (error ? 0 : bytes / 1024) << " KiB) after " << std::fixed
        << std::setprecision(0) << seconds() << " s; final training loss " << std::setprecision(4) << loss << "\n"
        << std::defaultfloat;
    return 0;
}

int runEvaluateLocaliser(const Argv& argv, std::ostream& out, std::ostream& err)
{
    Args args(argv, {"weights", "images", "negatives", "crops", "seed", "scale", "min-score", "threads"}, {"help", "json"});
    const kg::LocaliserEvaluateOptions defaults;
    if (args.flag("help")) {
        out << "usage: kneegrade-cli evaluate-localiser [--weights FILE.kgloc] [--images " << defaults.images
            << "] [--negatives " << defaults.negatives << "] [--crops " << defaults.crops << "]\n"
            << "                                        [--seed " << defaults.seed << "] [--scale " << defaults.scale
            << "] [--min-score X] [--json]\n\n"
               "Measures the localiser on held-out generated radiographs (drawn from a random stream\n"
               "no training run uses, whatever the seeds): the share of knee joints found with IoU >= 0.5,\n"
               "the centre error in mm (median, 90th percentile), false positives; how many images without\n"
               "a knee are answered 'no knee joint found'; how many single-knee crops pass through whole.\n";
        return 0;
    }
    kg::configureRuntime({args.intValue("threads", 0), kg::DevicePreference::Cpu});
    kg::LocaliserEvaluateOptions options;
    options.localiser.weights = args.value("weights", "");
    options.localiser.minScore = args.doubleValue("min-score", options.localiser.minScore);
    options.images = args.intValue("images", options.images);
    options.negatives = args.intValue("negatives", options.negatives);
    options.crops = args.intValue("crops", options.crops);
    options.seed = seedValue(args, options.seed);
    options.scale = args.doubleValue("scale", options.scale);
    const kg::LocaliserAccuracy accuracy = kg::evaluateLocaliser(options);
    if (args.flag("json"))
        out << nlohmann::json{{"options", options}, {"accuracy", accuracy}}.dump(2) << "\n";
    else
        printAccuracy(out, accuracy);
    return 0;
}

} // namespace kgcli
