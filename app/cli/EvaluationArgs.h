#pragma once
// Options shared by the commands that run a checkpoint over a dataset split (evaluate, calibrate).
#include "Args.h"

#include "core/eval/Evaluator.h"

namespace kgcli {

/// --checkpoint and --data (both required), --split (default `defaultSplit`), --batch-size,
/// --workers, --device and --threads. Throws UsageError when a required option is missing.
kg::EvaluationOptions evaluationOptions(const Args& args, const char* defaultSplit);

} // namespace kgcli
