// kneegrade-cli: the headless face of the engine. Parses the subcommand and hands over.
#include "Args.h"
#include "Commands.h"

#include "core/runtime/Runtime.h"
#include "core/util/Error.h"

#include <algorithm>
#include <csignal>
#include <iostream>

namespace kgcli {

const std::vector<Command>& commands()
{
    static const std::vector<Command> all = {
        {"info", "architecture summary, parameter counts, device, threads, BLAS", runInfo},
        {"synth", "write synthetic knee phantoms (demo/test dataset) or their contact sheet", runSynth},
        {"dataset", "scan a dataset folder and report counts, imbalance, bad files, duplicates, leakage", runDataset},
        {"train", "train a KL-grade classifier (Keras tutorial defaults), resumable, with progress", runTrain},
        {"evaluate", "batched evaluation of a checkpoint on a split: report, metrics, CSV, PDF", runEvaluate},
        {"calibrate", "fit temperature scaling on the val split and store it in the checkpoint", runCalibrate},
        {"predict", "grade radiograph files or folders, optionally with Grad-CAM images", runPredict},
        {"localise", "find the knee joints on radiographs: boxes, sides, scores", runLocalise},
        {"train-localiser", "train the knee-joint localiser on generated radiographs", runTrainLocaliser},
        {"evaluate-localiser", "measure the localiser on held-out generated radiographs", runEvaluateLocaliser},
    };
    return all;
}

} // namespace kgcli

namespace {

void printUsage(std::ostream& out)
{
    out << "KneeGrade " KNEEGRADE_VERSION " — train, evaluate and explain knee-radiograph KL graders\n\n"
        << "usage: kneegrade-cli <command> [options]   (kneegrade-cli <command> --help for its options)\n\n"
        << "commands:\n";
    for (const auto& command : kgcli::commands())
        out << "  " << command.name << std::string(std::max<std::size_t>(20, std::string(command.name).size() + 2) - std::string(command.name).size(), ' ')
            << command.summary << "\n";
}

} // namespace

int main(int argc, char** argv)
{
    // Past a file-size limit (ulimit -f) a write fails with EFBIG, which the atomic saves
    // report like a full disk and survive; the default SIGXFSZ would kill the run instead.
    std::signal(SIGXFSZ, SIG_IGN);
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        printUsage(std::cout);
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version") {
        std::cout << "kneegrade-cli " KNEEGRADE_VERSION "\n";
        return 0;
    }
    for (const auto& command : kgcli::commands()) {
        if (args[0] != command.name)
            continue;
        try {
            return command.run({args.begin() + 1, args.end()}, std::cout, std::cerr);
        } catch (const kgcli::UsageError& e) {
            std::cerr << "kneegrade-cli " << command.name << ": " << e.what() << "\n";
            return 2;
        } catch (const std::exception& e) {
            std::cerr << "kneegrade-cli " << command.name << ": error: " << kg::describeError(e) << "\n";
            return 1;
        }
    }
    std::cerr << "kneegrade-cli: unknown command '" << args[0] << "'\n\n";
    printUsage(std::cerr);
    return 2;
}
