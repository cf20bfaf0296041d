#pragma once
// One function per kneegrade-cli subcommand, each in its own Command*.cpp. A command gets
// the arguments after its name, writes results to `out` and diagnostics to `err`, and
// returns the process exit code (0 ok, 1 failure, 2 usage error).
#include <iosfwd>
#include <string>
#include <vector>

namespace kgcli {

using Argv = std::vector<std::string>;

struct Command {
    const char* name;
    const char* summary;
    int (*run)(const Argv& args, std::ostream& out, std::ostream& err);
};

int runInfo(const Argv& args, std::ostream& out, std::ostream& err);
int runSynth(const Argv& args, std::ostream& out, std::ostream& err);
int runTrain(const Argv& args, std::ostream& out, std::ostream& err);
int runDataset(const Argv& args, std::ostream& out, std::ostream& err);
int runEvaluate(const Argv& args, std::ostream& out, std::ostream& err);
int runCalibrate(const Argv& args, std::ostream& out, std::ostream& err);
int runPredict(const Argv& args, std::ostream& out, std::ostream& err);
int runLocalise(const Argv& args, std::ostream& out, std::ostream& err);
int runTrainLocaliser(const Argv& args, std::ostream& out, std::ostream& err);
int runEvaluateLocaliser(const Argv& args, std::ostream& out, std::ostream& err);

/// Every subcommand, in the order `kneegrade-cli --help` lists them.
const std::vector<Command>& commands();

} // namespace kgcli
