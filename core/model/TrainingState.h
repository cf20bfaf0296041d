#pragma once
// Public (plain C++): the training state a checkpoint carries (CheckpointMeta::state, the
// "state" object of its metadata): where the run stands, what it has trained so far, and the
// records that evaluation adds later (out-of-distribution gate, calibration). The trainer
// (kneegrade::train) writes and resumes from it; it lives here because checkpoints do.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kg {

/// One epoch's numbers, as written to history.csv.
struct EpochRecord {
    int epoch = 0;                 ///< 1-based, as Keras prints
    double loss = 0, accuracy = 0;
    double valLoss = 0, valAccuracy = 0;
    double learningRate = 0;
    double durationSeconds = 0;
};

void to_json(nlohmann::json& json, const EpochRecord& record);
/// Throws nlohmann::json::exception when a metric is missing ("seconds" may be).
void from_json(const nlohmann::json& json, EpochRecord& record);

/// Where a run stands after its last saved epoch.
enum class RunStatus {
    Running,       ///< more epochs are planned ("running")
    Completed,     ///< the planned epochs are done ("completed"); more may be asked for on resume
    EarlyStopped,  ///< early stopping ended it ("early_stopped"); nothing is left to resume
};
std::string toString(RunStatus status);
/// Parses "running" | "completed" | "early_stopped"; throws kg::Error naming the bad value.
RunStatus parseRunStatus(const std::string& text);

/// Two-phase runs: head warm-up ("warmup"), then top stacks unfrozen ("unfrozen"). Runs in the
/// other modes stay in WarmUp.
enum class TrainingPhase { WarmUp, Unfrozen };
std::string toString(TrainingPhase phase);
/// Parses "warmup" | "unfrozen"; throws kg::Error naming the bad value.
TrainingPhase parseTrainingPhase(const std::string& text);

/// The callbacks' own state, each as the callback writes it (core/train/Callbacks.h);
/// null when the checkpoint has none.
struct CallbackStates {
    nlohmann::json reduceLr;         ///< "reduce_lr": ReduceLrOnPlateau::state()
    nlohmann::json earlyStopping;    ///< "early_stopping": EarlyStopping::state()
    nlohmann::json modelCheckpoint;  ///< "model_checkpoint": BestCheckpointTracker::state()
};

/// The "state" object of a checkpoint. The run's part (epoch to callbacks) is written only
/// when epoch > 0, i.e. by the trainer; an imported or hand-made checkpoint has none. Missing
/// keys read as the defaults below, so checkpoints of older versions still load.
struct TrainingState {
    int epoch = 0;                            ///< "epoch": epochs completed (0: not from a training run)
    RunStatus status = RunStatus::Running;    ///< "status"
    TrainingPhase phase = TrainingPhase::WarmUp;  ///< "phase"
    double learningRate = 0;                  ///< "learning_rate": the rate of the next epoch
    std::uint64_t seed = 0;                   ///< "seed": the run's seed
    std::vector<EpochRecord> history;         ///< "history": every epoch trained so far
    CallbackStates callbacks;                 ///< "callbacks"
    std::optional<double> valLoss;            ///< "val_loss" of the last epoch
    std::optional<double> valAccuracy;        ///< "val_accuracy" of the last epoch

    /// "ood_gate": what the out-of-distribution gate was fitted on (core/eval/OodFit.h); its
    /// weights are the checkpoint blob kOodGateBlob.
    std::optional<nlohmann::json> oodGate;
    /// "calibration": the last temperature fit saved into the checkpoint (core/eval/Evaluator.h).
    std::optional<nlohmann::json> calibration;
    /// Any other key of the state object, kept verbatim so that a load and save loses nothing.
    nlohmann::json extensions = nlohmann::json::object();

    /// True for a checkpoint written by the trainer.
    bool hasRun() const { return epoch > 0; }
};

void to_json(nlohmann::json& json, const TrainingState& state);
/// Throws kg::Error for an unknown status or phase, nlohmann::json::exception for values of
/// the wrong type.
void from_json(const nlohmann::json& json, TrainingState& state);

} // namespace kg
