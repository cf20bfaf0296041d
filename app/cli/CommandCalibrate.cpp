#include "Args.h"
#include "Commands.h"
#include "EvaluationArgs.h"

#include "core/eval/Evaluator.h"
#include "core/eval/OodFit.h"
#include "core/util/Error.h"
#include "core/runtime/Runtime.h"

#include <nlohmann/json.hpp>

#include <iomanip>
#include <ostream>

namespace kgcli {

int runCalibrate(const Argv& argv, std::ostream& out, std::ostream& err)
{
    Args args(argv, {"checkpoint", "data", "split", "batch-size", "workers", "device", "threads", "ood-percentile"},
              {"help", "dry-run", "json", "no-ood", "ood-only"});
    if (args.flag("help")) {
        out << "usage: kneegrade-cli calibrate --checkpoint FILE --data DIR [--split val] [--dry-run]\n"
               "                               [--batch-size 32] [--device auto|cpu|cuda] [--threads N] [--json]\n\n"
               "Fits temperature scaling (Guo et al. 2017: one T minimising the validation NLL of\n"
               "softmax(logits / T)) and stores T in the checkpoint, rewritten atomically with the\n"
               "same weights. Evaluate and predict then report calibrated probabilities.\n"
               "Calibrate on val, never on the test set you report.\n\n"
               "It also fits the out-of-distribution gate: class means and one shared covariance of the\n"
               "backbone's pooled features on the train split, with the threshold at a percentile of the\n"
               "val split's Mahalanobis scores. Predictions then carry ood_score and out_of_distribution;\n"
               "training stores the gate itself, so this is for checkpoints made before it existed.\n\n"
               "  --dry-run            fit and print without changing the checkpoint\n"
               "  --ood-percentile P   threshold percentile of the val scores (default 99)\n"
               "  --no-ood             temperature only;  --ood-only: the gate only\n";
        return 0;
    }
    if (args.flag("no-ood") && args.flag("ood-only"))
        throw UsageError("--no-ood and --ood-only contradict each other");
    const kg::EvaluationOptions options = evaluationOptions(args, "val");
    if (options.split == kg::Split::Test)
        err << "warning: calibrating on the test split makes its reported calibration optimistic\n";
    kg::configureRuntime(options.runtime);

    const bool save = !args.flag("dry-run");
    nlohmann::json json = nlohmann::json::object();
    if (!args.flag("no-ood")) {
        kg::OodGateOptions gate;
        gate.percentile = args.doubleValue("ood-percentile", gate.percentile);
        if (!(gate.percentile > 0.0 && gate.percentile <= 100.0))
            throw UsageError("--ood-percentile must be in (0, 100]");
        kg::OodGateSummary summary;
        try {
            summary = kg::fitCheckpointOodGate(options, gate, save);
        } catch (const kg::Error& e) {
            if (args.flag("ood-only"))
                throw;
            // The temperature does not depend on the gate: fit it anyway.
            err << "warning: no out-of-distribution gate: " << e.what() << "\n";
            json["ood_gate_error"] = e.what();
        }
        if (summary.dimension > 0)
            json["ood_gate"] = summary;
        if (!args.flag("json") && summary.dimension > 0)
            out << std::setprecision(4) << "out-of-distribution gate (Mahalanobis, " << summary.layers.size()
                << " layers, " << summary.dimension << " features)\n"
                << "  fitted on    " << summary.fitImages << " " << summary.fitSplit << " images\n"
                << "  threshold    " << summary.threshold << " = " << summary.percentile << "th percentile of "
                << summary.thresholdImages << " " << summary.thresholdSplit << " images\n"
                << (save ? "  saved in " + options.checkpoint : std::string("  dry run: checkpoint unchanged")) << "\n";
    }
    if (args.flag("ood-only")) {
        if (args.flag("json"))
            out << json.dump(2) << "\n";
        return 0;
    }
    const kg::CalibrationResult result = kg::calibrateCheckpoint(options, save);
    if (args.flag("json")) {
        json["temperature"] = result;
        out << json.dump(2) << "\n";
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
