#include "Args.h"
#include "Commands.h"
#include "EvaluationArgs.h"

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
    const kg::EvaluationOptions options = evaluationOptions(args, "val");
    if (options.split == kg::Split::Test)
        err << "warning: calibrating on the test split makes its reported calibration optimistic\n";
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
