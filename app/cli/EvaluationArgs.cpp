#include "EvaluationArgs.h"

#include "core/runtime/Runtime.h"

namespace kgcli {

kg::EvaluationOptions evaluationOptions(const Args& args, const char* defaultSplit)
{
    kg::EvaluationOptions options;
    options.checkpoint = args.value("checkpoint", "");
    options.dataRoot = args.value("data", "");
    if (options.checkpoint.empty() || options.dataRoot.empty())
        throw UsageError("--checkpoint FILE and --data DIR are required");
    options.split = kg::parseEvaluationSplit(args.value("split", defaultSplit));
    options.batchSize = args.intValue("batch-size", options.batchSize);
    options.loaderWorkers = args.intValue("workers", options.loaderWorkers);
    options.runtime.device = kg::parseDevicePreference(args.value("device", "auto"));
    options.runtime.threads = args.intValue("threads", 0);
    return options;
}

} // namespace kgcli
