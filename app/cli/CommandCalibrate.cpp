#include "Args.h"
#include "Commands.h"

#include "core/eval/Evaluator.h"
#include "core/runtime/Runtime.h"

#include <nlohmann/json.hpp>

#include <iomanip>
#include <ostream>

namespace kgcli {

int runCalibrate(const Argv& argv, std::ostream& out, std::ostream& err)
{
    Args args(argv, {"checkpoint", "data", "split", "batch-size", "workers", "device", "threads"},
              {"help", "dry-run", "json"});
    if (args.flag("help")) {
        out << "usage: kneegrade-cli calibrate --checkpoint FILE --data DIR [--split val] [--dry-run]\n"
               "                               [--batch-size 32] [--device auto|cpu|cuda] [--threads N] [--json]\n\n"
               "Fits temperature scaling (Guo et al. 2017: one T minimising the validation NLL of\n"
               "softmax(logits / T)) and stores T in the checkpoint, rewritten atomically with the\n"
               "same weights. Evaluate and predict then report calibrated probabilities.\n"
               "Calibrate on val, never on the test set you report.\n\n"
               "  --dry-run   fit and print T without changing the checkpoint\n";
        return 0;
    }
    kg::EvaluationOptions options;
    options.checkpoint = args.value("checkpoint", "");
    options.dataRoot = args.value("data", "");
    if (options.checkpoint.empty() || options.dataRoot.empty())
        throw UsageError("--checkpoint FILE and --data DIR are required");
    options.split = kg::parseEvaluationSplit(args.value("split", "val"));
    if (options.split == kg::Split::Test)
        err << "warning: calibrating on the test split makes its reported calibration optimistic\n";
    options.batchSize = args.intValue("batch-size", options.batchSize);
    options.loaderWorkers = args.intValue("workers", options.loaderWorkers);
    options.runtime.device = kg::parseDevicePreference(args.value("device", "auto"));
    options.runtime.threads = args.intValue("threads", 0);
    kg::configureRuntime(options.runtime);

    const kg::CalibrationResult result = kg::calibrateCheckpoint(options, !args.flag("dry-run"));
    if (args.flag("json")) {
        out << nlohmann::json(result).dump(2) << "\n";
        return 0;
    }
    out << std::fixed << std::setprecision(4) << "temperature scaling on " << kg::splitName(options.split) << " ("
        << result.images << " images)\n"
        << "  temperature  " << result.fit.temperature << " (was " << result.previousTemperature << ")"
        << (result.fit.atBound ? "  [at the search bound]" : "") << "\n"
        << "  NLL          " << result.fit.nllBefore << " -> " << result.fit.nllAfter << "\n"
        << "  ECE          " << result.eceBefore << " -> " << result.eceAfter << "\n"
        << (result.saved ? "  saved in " + options.checkpoint : std::string("  dry run: checkpoint unchanged")) << "\n";
    return 0;
}

} // namespace kgcli
