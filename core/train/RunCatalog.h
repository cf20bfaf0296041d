#pragma once
// Public (plain C++): the training runs of a runs folder, each summarised from its own files
// (options.json, history.csv, train.log and the last/best checkpoints' metadata) — what the
// GUI's runs browser and its Recent Checkpoints menu show. Reading one run never throws: a
// file that is missing or damaged becomes a problem listed with that run.
#include "core/model/TrainingState.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kg {

/// How a run stands, as far as its files tell.
enum class RunOutcome {
    Completed,     ///< the planned epochs are done
    EarlyStopped,  ///< early stopping ended it
    Cancelled,     ///< stopped before its planned epochs; it can be resumed
    Failed,        ///< the trainer stopped with an error
    Running,       ///< no end recorded and its log changed recently: training now
    Interrupted,   ///< no end recorded and its log is quiet: killed or crashed; it can be resumed
    Unknown,       ///< its files do not tell
};
/// "completed", "early stopped", "cancelled", "failed", "running", "interrupted", "unknown".
std::string toString(RunOutcome outcome);

/// One run folder, summarised.
struct RunSummary {
    std::string dir;                       ///< the run folder
    std::string name;                      ///< its folder name
    std::string dataRoot;                  ///< the dataset it trained on (options.json)
    std::string architecture;              ///< "resnet152v2", "resnetv2-small", "resnetv2:1,2,2,1:16"…
    std::string preset;                    ///< id of the preset its options match (epochs aside); empty: custom
    std::string mode;                      ///< "finetune", "frozen", "two-phase"
    int imageSize = 0;
    int batchSize = 0;
    double learningRate = 0;               ///< the rate it started with (options.json, scaled to its batch)
    int epochsPlanned = 0;                 ///< options.json (a resume may have raised it)
    int epochsDone = 0;                    ///< rows of history.csv (or the last checkpoint's epoch)
    std::optional<double> bestValAccuracy; ///< highest val_accuracy of any epoch
    int bestValAccuracyEpoch = 0;
    std::optional<double> bestValLoss;     ///< lowest val_loss (the epoch best.kgckpt holds)
    int bestValLossEpoch = 0;
    std::optional<double> qwk;             ///< quadratic weighted kappa of its last evaluation (evaluation.json)
    std::string qwkSplit;                  ///< the split that evaluation ran on: "test" when there is one, else "val"…
    std::string started;                   ///< local time "YYYY-MM-DD HH:MM" of its first log line (else the folder's)
    std::int64_t startedSeconds = 0;       ///< the same, seconds since the epoch (for sorting)
    std::int64_t modifiedSeconds = 0;      ///< last write to any of its files
    RunOutcome outcome = RunOutcome::Unknown;
    std::string outcomeDetail;             ///< the trainer's closing line, when the log has one
    std::string bestCheckpoint;            ///< path of best.kgckpt, empty when there is none
    std::string lastCheckpoint;            ///< path of last.kgckpt, empty when there is none
    std::vector<EpochRecord> history;      ///< history.csv (empty when unreadable)
    std::vector<std::string> problems;     ///< what could not be read, one sentence each

    bool resumable() const
    {
        return !lastCheckpoint.empty() && (outcome == RunOutcome::Cancelled || outcome == RunOutcome::Interrupted);
    }
};

struct RunScanOptions {
    /// A run with no recorded end whose files changed this recently counts as Running.
    int runningWithinSeconds = 300;
};

/// True when `dir` holds any file a training run writes (options.json, history.csv,
/// train.log, last.kgckpt or best.kgckpt).
bool holdsRun(const std::string& dir);

/// Reads one run folder. Never throws; a folder that holds no run gives a summary whose
/// problems say so.
RunSummary readRunSummary(const std::string& dir, const RunScanOptions& options = {});

/// Every run folder directly under `runsRoot` (other folders and files are ignored), newest
/// first. A missing `runsRoot` gives an empty list.
std::vector<RunSummary> scanRuns(const std::string& runsRoot, const RunScanOptions& options = {});

/// A folder for a new run: `wanted` itself when it holds no run, else the first of
/// `wanted`-2, `wanted`-3… that holds none. Never an existing run's folder.
std::string freshRunDirectory(const std::string& wanted);

/// The file in a run folder where evaluations of its checkpoints are recorded.
constexpr const char* kRunEvaluationFile = "evaluation.json";

/// Records an evaluation of `checkpoint` on `split` in evaluation.json of the run folder the
/// checkpoint lies in (one entry per split, the latest kept). Does nothing, and returns
/// false, when the checkpoint is not in a run folder or the file cannot be written.
bool recordRunEvaluation(const std::string& checkpoint, const std::string& split, double accuracy, double qwk,
                         std::int64_t images);

/// A checkpoint file, described for a menu: what it is and how its run went.
struct CheckpointSummary {
    std::string path;
    std::string architecture;              ///< as in RunSummary
    int imageSize = 0;
    int epoch = 0;                         ///< epochs it had trained (0: not from a training run)
    int epochsPlanned = 0;
    int runEpochs = 0;                     ///< epochs its run folder has finished (0: not in a run folder)
    std::optional<double> bestValAccuracy; ///< highest val_accuracy in its history (or its run's)
    std::string created;                   ///< local time "YYYY-MM-DD HH:MM"
    RunOutcome outcome = RunOutcome::Unknown;  ///< of the run folder it lies in, else its own state
    std::string problem;                   ///< non-empty when it cannot be read
};

/// Reads a checkpoint's metadata (not its weights) and, when it lies in a run folder, that
/// run's outcome. Never throws.
CheckpointSummary describeCheckpoint(const std::string& path, const RunScanOptions& options = {});

/// "resnet152v2", and the GUI's names for the small custom networks ("resnetv2-small").
std::string architectureLabel(const std::string& architecture);

} // namespace kg
