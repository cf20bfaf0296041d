#include "Args.h"
#include "Commands.h"

#include "core/data/Dataset.h"
#include "core/data/FullRadiograph.h"
#include "core/data/Phantom.h"

#include <chrono>
#include <cstdlib>
#include <iomanip>
#include <ostream>
#include <sstream>

namespace kgcli {

namespace {

/// "train=0.7,val=0.1,test=0.2" (any subset; missing splits get 0 once one is named).
std::array<double, 3> parseSplits(const std::string& text)
{
    std::array<double, 3> splits{0.0, 0.0, 0.0};
    std::istringstream in(text);
    for (std::string part; std::getline(in, part, ',');) {
        const auto eq = part.find('=');
        if (eq == std::string::npos)
            throw UsageError("--splits expects train=F,val=F,test=F, got '" + text + "'");
        const std::string name = part.substr(0, eq);
        char* end = nullptr;
        const double value = std::strtod(part.c_str() + eq + 1, &end);
        if (end == part.c_str() + eq + 1 || *end != '\0' || value < 0)
            throw UsageError("--splits: '" + part + "' needs a non-negative number");
        if (name == "train") splits[0] = value;
        else if (name == "val") splits[1] = value;
        else if (name == "test") splits[2] = value;
        else throw UsageError("--splits: unknown split '" + name + "' (use train, val, test)");
    }
    if (splits[0] + splits[1] + splits[2] <= 0)
        throw UsageError("--splits: at least one split needs a positive share");
    return splits;
}

/// `synth --full N`: full radiographs with ground-truth knee boxes, for the knee localiser.
int runFullSynth(const Args& args, std::uint64_t seed, std::ostream& out, std::ostream& err)
{
    const auto dir = args.value("out");
    if (!dir)
        throw UsageError("--out DIR is required");
    kg::FullRadiographSetOptions options;
    options.outputDir = *dir;
    options.count = args.intValue("full", options.count);
    options.seed = args.has("seed") ? seed : options.seed;
    options.scale = args.doubleValue("scale", options.scale);
    options.dicom = args.flag("dicom");
    options.png = !args.flag("no-png");
    options.threads = args.intValue("threads", 0);
    if (options.count < 1)
        throw UsageError("--full expects a number of images of at least 1");
    if (!(options.scale > 0 && options.scale <= 4))
        throw UsageError("--scale must be within (0, 4]");
    if (!options.png && !options.dicom)
        throw UsageError("--no-png needs --dicom (nothing would be written)");
    for (const char* phantomOnly : {"per-grade", "size", "splits", "real-balance", "ambiguity", "no-nuisance", "overwrite",
                                    "contact-sheet", "columns"})
        if (args.has(phantomOnly))
            throw UsageError(std::string("--") + phantomOnly + " is for phantom datasets, not with --full");

    const bool quiet = args.flag("quiet");
    const auto started = std::chrono::steady_clock::now();
    int lastPercent = -1;
    const int written = kg::writeFullRadiographSet(options, [&](int done, int total) {
        const int percent = total ? done * 100 / total : 100;
        if (!quiet && percent / 10 != lastPercent / 10) {
            err << "\rwriting full radiographs: " << percent << "% (" << done << "/" << total << ")" << std::flush;
            lastPercent = percent;
        }
        return true;
    });
    if (!quiet)
        err << "\n";
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    out << "wrote " << written << " full radiographs (" << (options.png ? "PNG" : "") << (options.png && options.dicom ? " + " : "")
        << (options.dicom ? "DICOM" : "") << ") with knee boxes in " << *dir << "/annotations.json in " << std::fixed
        << std::setprecision(2) << seconds << " s\n";
    return written == options.count ? 0 : 1;
}

} // namespace

int runSynth(const Argv& argv, std::ostream& out, std::ostream& err)
{
    Args args(argv, {"out", "per-grade", "size", "seed", "splits", "ambiguity", "threads", "contact-sheet", "columns", "full", "scale"},
              {"help", "real-balance", "no-nuisance", "overwrite", "quiet", "dicom", "no-png"});
    if (args.flag("help")) {
        out << "usage: kneegrade-cli synth --out DIR [--per-grade N] [--size 224] [--seed S]\n"
               "                           [--splits train=0.7,val=0.1,test=0.2] [--real-balance]\n"
               "                           [--ambiguity 1.0] [--no-nuisance] [--overwrite] [--threads N] [--quiet]\n"
               "       kneegrade-cli synth --contact-sheet FILE.png [--columns 8] [--size 224] [--seed S]\n"
               "       kneegrade-cli synth --full N --out DIR [--seed S] [--scale X] [--dicom] [--no-png] [--threads N]\n\n"
               "Writes synthetic knee radiographs (phantoms) in the real dataset's layout,\n"
               "DIR/{train,val,test}/<grade>/<7-digit id><L|R>.png, plus DIR/phantoms.json.\n"
               "The grade shows as in KL grading: joint-space narrowing, osteophytes, sclerosis,\n"
               "deformity. Both knees of a patient id stay in one split. Same seed, same files.\n\n"
               "  --per-grade N     images per grade over all splits (default 100; grade 0 with --real-balance)\n"
               "  --real-balance    grade shares of the real training set (39.6/18.1/26.2/13.1/3.0 %)\n"
               "  --ambiguity A     0 = clean grade boundaries, 1 = neighbouring grades overlap (default)\n"
               "  --no-nuisance     fixed pose, anatomy and exposure\n"
               "  --contact-sheet   write one PNG with a row of phantoms per grade instead of a dataset\n\n"
               "With --full N: N whole radiographs (bilateral standing AP, single-knee AP, lateral,\n"
               "full-leg film, in turn) with femora, tibiae, soft tissue, collimation and side markers,\n"
               "and DIR/annotations.json giving each knee's ground-truth box, side and grade, for\n"
               "training and measuring the knee localiser (default seed 7).\n"
               "  --scale X         image size factor (default 1: about 2000-3000 px long; 0.35 is quick)\n"
               "  --dicom           also write 12-bit DICOM (CR, with pixel spacing); --no-png: DICOM only\n";
        return 0;
    }
    const int size = args.intValue("size", 224);
    const std::string seedText = args.value("seed", "42");
    char* seedEnd = nullptr;
    const std::uint64_t seed = std::strtoull(seedText.c_str(), &seedEnd, 10);
    if (seedText.empty() || *seedEnd != '\0' || seedText[0] == '-')
        throw UsageError("--seed expects a non-negative whole number, got '" + seedText + "'");
    if (args.has("full"))
        return runFullSynth(args, seed, out, err);
    if (const auto sheet = args.value("contact-sheet")) {
        kg::writePhantomContactSheet(*sheet, args.intValue("columns", 8), size, seed);
        out << "contact sheet written to " << *sheet << "\n";
        return 0;
    }
    const auto dir = args.value("out");
    if (!dir)
        throw UsageError("--out DIR is required (or --contact-sheet FILE)");

    kg::PhantomOptions options;
    options.outputDir = *dir;
    options.perGrade = args.intValue("per-grade", options.perGrade);
    options.imageSize = size;
    options.seed = seed;
    if (const auto splits = args.value("splits"))
        options.splits = parseSplits(*splits);
    options.realBalance = args.flag("real-balance");
    options.ambiguity = args.doubleValue("ambiguity", options.ambiguity);
    options.nuisance = !args.flag("no-nuisance");
    options.overwrite = args.flag("overwrite");
    options.threads = args.intValue("threads", 0);
    if (options.ambiguity < 0 || options.ambiguity > 2)
        throw UsageError("--ambiguity must be within 0..2");

    const bool quiet = args.flag("quiet");
    int lastPercent = -1;
    const kg::PhantomSummary summary = kg::writePhantomDataset(options, [&](int done, int total) {
        const int percent = total ? done * 100 / total : 100;
        if (!quiet && percent / 10 != lastPercent / 10) {
            err << "\rwriting phantoms: " << percent << "% (" << done << "/" << total << ")" << std::flush;
            lastPercent = percent;
        }
        return true;
    });
    if (!quiet)
        err << "\n";

    out << "wrote " << summary.files << " phantoms (" << summary.patients << " patients) to " << *dir << " in "
        << std::fixed << std::setprecision(2) << summary.seconds << " s ("
        << std::setprecision(0) << (summary.seconds > 0 ? summary.files / summary.seconds : 0.0) << " images/s)\n";
    out << "split   KL0   KL1   KL2   KL3   KL4  total\n";
    for (int split = 0; split < 3; ++split) {
        int total = 0;
        out << std::left << std::setw(6) << kg::splitName(static_cast<kg::Split>(split)) << std::right;
        for (int grade = 0; grade < 5; ++grade) {
            out << std::setw(6) << summary.counts[static_cast<size_t>(split)][static_cast<size_t>(grade)];
            total += summary.counts[static_cast<size_t>(split)][static_cast<size_t>(grade)];
        }
        out << std::setw(7) << total << "\n";
    }
    return summary.cancelled ? 1 : 0;
}

} // namespace kgcli
