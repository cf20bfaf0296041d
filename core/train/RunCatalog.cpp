#include "core/train/RunCatalog.h"

#include "core/model/Checkpoint.h"
#include "core/model/ModelOptions.h"
#include "core/train/RunFiles.h"
#include "core/train/TrainOptions.h"
#include "core/train/TrainPresets.h"
#include "core/util/AtomicFile.h"
#include "core/util/Time.h"

#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <exception>
#include <filesystem>
#include <fstream>

namespace kg {
namespace fs = std::filesystem;
namespace {

constexpr const char* kRunFileNames[] = {RunFiles::kOptions, RunFiles::kHistory, RunFiles::kLog, RunFiles::kLastCheckpoint,
                                         RunFiles::kBestCheckpoint};

std::int64_t modifiedSeconds(const std::string& path)
{
    struct stat info {};
    return ::stat(path.c_str(), &info) == 0 ? static_cast<std::int64_t>(info.st_mtime) : 0;
}

bool isFile(const std::string& path)
{
    std::error_code ec;
    return fs::is_regular_file(path, ec);
}

std::string localMinute(std::int64_t seconds)
{
    if (seconds <= 0)
        return {};
    const std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    localtime_r(&t, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &tm);
    return text;
}

/// "2026-12-01 22:52:12  text" (a TrainLog line) → seconds since the epoch, or 0.
std::int64_t logLineSeconds(const std::string& line)
{
    std::tm tm{};
    if (std::sscanf(line.c_str(), "%4d-%2d-%2d %2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                    &tm.tm_sec) != 6)
        return 0;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_isdst = -1;
    const std::time_t t = std::mktime(&tm);
    return t < 0 ? 0 : static_cast<std::int64_t>(t);
}

/// "2026-11-26T03:17:52Z" → seconds since the epoch, or 0.
std::int64_t utcSeconds(const std::string& text)
{
    std::tm tm{};
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                    &tm.tm_sec) != 6)
        return 0;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    const std::time_t t = timegm(&tm);
    return t < 0 ? 0 : static_cast<std::int64_t>(t);
}

/// What train.log says about the run's last session.
struct LogFacts {
    bool readable = false;
    std::int64_t firstSeconds = 0;
    bool sessionStarted = false;   ///< a "starting run" / "resuming run" line
    bool ended = false;            ///< that session has a closing "finished:" or "failed:" line
    bool failed = false;
    bool cancelled = false;
    std::string closing;           ///< the closing line's text
};

LogFacts readLog(const std::string& path)
{
    LogFacts facts;
    std::ifstream in(path);
    if (!in)
        return facts;
    facts.readable = true;
    std::string line;
    while (std::getline(in, line)) {
        if (facts.firstSeconds == 0)
            facts.firstSeconds = logLineSeconds(line);
        const auto text = line.size() > 21 ? line.substr(21) : std::string();   // after "YYYY-MM-DD HH:MM:SS  "
        if (text.rfind("starting run in ", 0) == 0 || text.rfind("resuming run in ", 0) == 0) {
            facts.sessionStarted = true;
            facts.ended = facts.failed = facts.cancelled = false;
            facts.closing.clear();
        } else if (text.rfind("finished: ", 0) == 0 || text.rfind("failed: ", 0) == 0) {
            facts.ended = true;
            facts.failed = text.rfind("failed: ", 0) == 0;
            facts.closing = text.substr(text.find(": ") + 2);
            facts.cancelled = !facts.failed && facts.closing.rfind("cancelled", 0) == 0;
        }
    }
    return facts;
}

bool sameNetwork(const BackboneOptions& a, const BackboneOptions& b)
{
    return a.architecture == b.architecture && blocksPerStack(a) == blocksPerStack(b) && a.baseFilters == b.baseFilters;
}

/// The preset whose options these are, epochs aside; empty for none.
std::string matchingPreset(const TrainOptions& options)
{
    for (const TrainPreset& preset : trainPresets()) {
        TrainOptions applied = options;
        preset.apply(applied);
        applied.epochs = options.epochs;
        if (nlohmann::json(applied) == nlohmann::json(options))
            return preset.id;
    }
    return {};
}

RunOutcome outcomeOf(const LogFacts& log, const std::optional<TrainingState>& last, std::int64_t modified,
                     const RunScanOptions& options)
{
    if (log.ended) {
        if (log.failed)
            return RunOutcome::Failed;
        if (log.cancelled)
            return RunOutcome::Cancelled;
        if (last && last->status == RunStatus::EarlyStopped)
            return RunOutcome::EarlyStopped;
        if (log.closing.rfind("early stopping", 0) == 0 || log.closing.rfind("the run had already stopped early", 0) == 0)
            return RunOutcome::EarlyStopped;
        return RunOutcome::Completed;
    }
    if (last && last->status == RunStatus::EarlyStopped)
        return RunOutcome::EarlyStopped;
    if (!log.readable && !last)
        return RunOutcome::Unknown;
    const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
    if (now - modified <= options.runningWithinSeconds)
        return RunOutcome::Running;
    if (last && last->status == RunStatus::Completed)
        return RunOutcome::Completed;   // killed after its last epoch was saved (while fitting the gate)
    return RunOutcome::Interrupted;
}

std::string firstLine(const std::exception& error)
{
    std::string text = error.what();
    const auto newline = text.find('\n');
    return newline == std::string::npos ? text : text.substr(0, newline);
}

} // namespace

std::string toString(RunOutcome outcome)
{
    switch (outcome) {
    case RunOutcome::Completed: return "completed";
    case RunOutcome::EarlyStopped: return "early stopped";
    case RunOutcome::Cancelled: return "cancelled";
    case RunOutcome::Failed: return "failed";
    case RunOutcome::Running: return "running";
    case RunOutcome::Interrupted: return "interrupted";
    case RunOutcome::Unknown: break;
    }
    return "unknown";
}

std::string architectureLabel(const std::string& architecture)
{
    try {
        const BackboneOptions backbone = parseArchitecture(architecture);
        for (const char* name : {"resnetv2-tiny", "resnetv2-small"})
            if (sameNetwork(backbone, parseArchitecture(name)))
                return name;
    } catch (const std::exception&) {
    }
    return architecture;
}

bool holdsRun(const std::string& dir)
{
    for (const char* name : kRunFileNames)
        if (isFile(RunFiles::path(dir, name)))
            return true;
    return false;
}

RunSummary readRunSummary(const std::string& dir, const RunScanOptions& scan)
{
    RunSummary run;
    run.dir = dir;
    run.name = fs::path(dir).filename().string();
    if (run.name.empty())
        run.name = fs::path(dir).parent_path().filename().string();
    if (!holdsRun(dir)) {
        run.problems.push_back("no training run in this folder (no options.json, history.csv, train.log or checkpoint)");
        return run;
    }
    for (const char* name : kRunFileNames)
        run.modifiedSeconds = std::max(run.modifiedSeconds, modifiedSeconds(RunFiles::path(dir, name)));

    // options.json: what was asked for.
    const std::string optionsPath = RunFiles::path(dir, RunFiles::kOptions);
    if (isFile(optionsPath)) {
        try {
            std::ifstream in(optionsPath);
            const TrainOptions options = nlohmann::json::parse(in).get<TrainOptions>();
            run.dataRoot = options.dataRoot;
            run.architecture = architectureLabel(architectureName(options.model.backbone));
            run.preset = matchingPreset(options);
            run.mode = toString(options.mode);
            run.imageSize = options.preprocessing.imageSize;
            run.batchSize = options.batchSize;
            run.learningRate = scaledLearningRate(options);
            run.epochsPlanned = options.epochs;
        } catch (const std::exception& error) {
            run.problems.push_back("options.json cannot be read: " + firstLine(error));
        }
    } else {
        run.problems.push_back("options.json is missing");
    }

    // history.csv: one row per finished epoch.
    const std::string historyPath = RunFiles::path(dir, RunFiles::kHistory);
    if (isFile(historyPath)) {
        try {
            run.history = readHistoryCsv(historyPath);
        } catch (const std::exception& error) {
            run.problems.push_back("history.csv is damaged: " + firstLine(error));
        }
    }

    // The checkpoints: the last one's training state tells the status; the best one's existence matters.
    std::optional<TrainingState> last;
    const std::string lastPath = RunFiles::path(dir, RunFiles::kLastCheckpoint);
    if (isFile(lastPath)) {
        run.lastCheckpoint = lastPath;
        try {
            const CheckpointMeta meta = readCheckpointMeta(lastPath);
            last = meta.state;
            if (run.architecture.empty())
                run.architecture = architectureLabel(architectureName(meta.model.backbone));
            if (run.imageSize == 0)
                run.imageSize = meta.preprocessing.imageSize;
            if (meta.trainingOptions.is_object() && meta.trainingOptions.contains("epochs"))
                run.epochsPlanned = std::max(run.epochsPlanned, meta.trainingOptions.value("epochs", 0));
            if (run.history.empty() && !meta.state.history.empty())
                run.history = meta.state.history;   // history.csv lost or damaged: the checkpoint has it too
        } catch (const std::exception& error) {
            run.problems.push_back("last.kgckpt cannot be read: " + firstLine(error));
        }
    }
    const std::string bestPath = RunFiles::path(dir, RunFiles::kBestCheckpoint);
    if (isFile(bestPath))
        run.bestCheckpoint = bestPath;

    run.epochsDone = static_cast<int>(run.history.size());
    if (last)
        run.epochsDone = std::max(run.epochsDone, last->epoch);
    for (const EpochRecord& record : run.history) {
        if (!run.bestValAccuracy || record.valAccuracy > *run.bestValAccuracy) {
            run.bestValAccuracy = record.valAccuracy;
            run.bestValAccuracyEpoch = record.epoch;
        }
        if (!run.bestValLoss || record.valLoss < *run.bestValLoss) {
            run.bestValLoss = record.valLoss;
            run.bestValLossEpoch = record.epoch;
        }
    }

    // evaluation.json: the quadratic weighted kappa of the last evaluation, the test split's first.
    const std::string evaluationPath = RunFiles::path(dir, kRunEvaluationFile);
    if (isFile(evaluationPath)) {
        try {
            std::ifstream in(evaluationPath);
            const nlohmann::json evaluations = nlohmann::json::parse(in).at("splits");
            for (const char* split : {"test", "val", "train"}) {
                if (evaluations.contains(split) && evaluations[split].at("qwk").is_number()) {
                    run.qwk = evaluations[split].at("qwk").get<double>();
                    run.qwkSplit = split;
                    break;
                }
            }
        } catch (const std::exception& error) {
            run.problems.push_back(std::string(kRunEvaluationFile) + " cannot be read: " + firstLine(error));
        }
    }

    // train.log: when it started and how its last session ended.
    const LogFacts log = readLog(RunFiles::path(dir, RunFiles::kLog));
    run.startedSeconds = log.firstSeconds > 0 ? log.firstSeconds : modifiedSeconds(optionsPath);
    if (run.startedSeconds == 0)
        run.startedSeconds = run.modifiedSeconds;
    run.started = localMinute(run.startedSeconds);
    run.outcome = outcomeOf(log, last, run.modifiedSeconds, scan);
    run.outcomeDetail = log.closing;
    return run;
}

std::vector<RunSummary> scanRuns(const std::string& runsRoot, const RunScanOptions& options)
{
    std::vector<RunSummary> runs;
    std::error_code ec;
    fs::directory_iterator it(runsRoot, ec);
    if (ec)
        return runs;
    for (const fs::directory_entry& entry : it) {
        std::error_code entryError;
        if (!entry.is_directory(entryError) || entry.is_symlink(entryError))
            continue;
        const std::string dir = entry.path().string();
        if (holdsRun(dir))
            runs.push_back(readRunSummary(dir, options));
    }
    std::sort(runs.begin(), runs.end(), [](const RunSummary& a, const RunSummary& b) {
        return a.startedSeconds != b.startedSeconds ? a.startedSeconds > b.startedSeconds : a.name > b.name;
    });
    return runs;
}

std::string freshRunDirectory(const std::string& wanted)
{
    std::string base = wanted;
    while (base.size() > 1 && base.back() == '/')
        base.pop_back();
    if (!holdsRun(base))
        return base;
    for (int n = 2;; ++n) {
        const std::string candidate = base + "-" + std::to_string(n);
        if (!holdsRun(candidate))
            return candidate;
    }
}

bool recordRunEvaluation(const std::string& checkpoint, const std::string& split, double accuracy, double qwk,
                         std::int64_t images)
{
    const std::string dir = fs::path(checkpoint).parent_path().string();
    if (dir.empty() || !isFile(RunFiles::path(dir, RunFiles::kOptions)) || split.empty())
        return false;
    const std::string path = RunFiles::path(dir, kRunEvaluationFile);
    try {
        nlohmann::json record = nlohmann::json::object();
        if (isFile(path)) {
            try {
                std::ifstream in(path);
                record = nlohmann::json::parse(in);
            } catch (const std::exception&) {
                record = nlohmann::json::object();   // a damaged record is replaced
            }
        }
        if (!record.is_object() || !record.contains("splits") || !record["splits"].is_object())
            record["splits"] = nlohmann::json::object();
        nlohmann::json entry = {{"checkpoint", fs::path(checkpoint).filename().string()},
                                {"accuracy", accuracy},
                                {"images", images},
                                {"evaluated_utc", utcTimestamp()}};
        entry["qwk"] = std::isfinite(qwk) ? nlohmann::json(qwk) : nlohmann::json(nullptr);
        record["splits"][split] = entry;
        writeFileAtomically(path, record.dump(2) + "\n");
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

CheckpointSummary describeCheckpoint(const std::string& path, const RunScanOptions& options)
{
    CheckpointSummary summary;
    summary.path = path;
    try {
        const CheckpointMeta meta = readCheckpointMeta(path);
        summary.architecture = architectureLabel(architectureName(meta.model.backbone));
        summary.imageSize = meta.preprocessing.imageSize;
        summary.epoch = meta.state.epoch;
        if (meta.trainingOptions.is_object())
            summary.epochsPlanned = meta.trainingOptions.value("epochs", 0);
        for (const EpochRecord& record : meta.state.history)
            if (!summary.bestValAccuracy || record.valAccuracy > *summary.bestValAccuracy)
                summary.bestValAccuracy = record.valAccuracy;
        summary.created = localMinute(utcSeconds(meta.createdUtc));
        if (meta.state.hasRun()) {
            summary.outcome = meta.state.status == RunStatus::EarlyStopped ? RunOutcome::EarlyStopped
                              : meta.state.status == RunStatus::Completed  ? RunOutcome::Completed
                                                                           : RunOutcome::Unknown;
        }
    } catch (const std::exception& error) {
        summary.problem = firstLine(error);
        return summary;
    }
    // In a run folder, the run's outcome (a best.kgckpt of epoch 3 may belong to a run that
    // completed 25) and its planned epochs.
    const std::string dir = fs::path(path).parent_path().string();
    if (!dir.empty() && isFile(RunFiles::path(dir, RunFiles::kOptions))) {
        const RunSummary run = readRunSummary(dir, options);
        summary.outcome = run.outcome;
        summary.runEpochs = run.epochsDone;
        if (run.epochsPlanned > 0)
            summary.epochsPlanned = run.epochsPlanned;
        if (run.bestValAccuracy)
            summary.bestValAccuracy = run.bestValAccuracy;
    }
    return summary;
}

} // namespace kg
