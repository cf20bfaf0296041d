#include "core/model/TrainingState.h"

#include "core/util/Error.h"

#include <array>

namespace kg {
namespace {

// Keys of the state object that TrainingState reads into typed fields.
constexpr std::array<const char*, 11> kKnownKeys = {
    "epoch", "status", "phase", "learning_rate", "seed", "history", "callbacks", "val_loss", "val_accuracy",
    "ood_gate", "calibration"};

bool known(const std::string& key)
{
    for (const char* k : kKnownKeys)
        if (key == k)
            return true;
    return false;
}

nlohmann::json orNull(const nlohmann::json& object, const char* key)
{
    const auto it = object.find(key);
    return it == object.end() ? nlohmann::json() : *it;
}

} // namespace

void to_json(nlohmann::json& json, const EpochRecord& r)
{
    json = nlohmann::json{{"epoch", r.epoch},       {"loss", r.loss}, {"accuracy", r.accuracy}, {"val_loss", r.valLoss},
                          {"val_accuracy", r.valAccuracy}, {"lr", r.learningRate}, {"seconds", r.durationSeconds}};
}

void from_json(const nlohmann::json& json, EpochRecord& r)
{
    r.epoch = json.at("epoch").get<int>();
    r.loss = json.at("loss").get<double>();
    r.accuracy = json.at("accuracy").get<double>();
    r.valLoss = json.at("val_loss").get<double>();
    r.valAccuracy = json.at("val_accuracy").get<double>();
    r.learningRate = json.at("lr").get<double>();
    r.durationSeconds = json.value("seconds", 0.0);
}

std::string toString(RunStatus status)
{
    switch (status) {
    case RunStatus::Completed: return "completed";
    case RunStatus::EarlyStopped: return "early_stopped";
    case RunStatus::Running: break;
    }
    return "running";
}

RunStatus parseRunStatus(const std::string& text)
{
    if (text == "running") return RunStatus::Running;
    if (text == "completed") return RunStatus::Completed;
    if (text == "early_stopped") return RunStatus::EarlyStopped;
    throw Error("unknown run status '" + text + "': expected running, completed or early_stopped");
}

std::string toString(TrainingPhase phase) { return phase == TrainingPhase::Unfrozen ? "unfrozen" : "warmup"; }

TrainingPhase parseTrainingPhase(const std::string& text)
{
    if (text == "warmup") return TrainingPhase::WarmUp;
    if (text == "unfrozen") return TrainingPhase::Unfrozen;
    throw Error("unknown training phase '" + text + "': expected warmup or unfrozen");
}

void to_json(nlohmann::json& json, const TrainingState& s)
{
    json = s.extensions.is_object() ? s.extensions : nlohmann::json::object();
    if (s.hasRun()) {
        json["epoch"] = s.epoch;
        json["status"] = toString(s.status);
        json["phase"] = toString(s.phase);
        json["learning_rate"] = s.learningRate;
        json["seed"] = s.seed;
        json["history"] = s.history;
        json["callbacks"] = {{"reduce_lr", s.callbacks.reduceLr},
                             {"early_stopping", s.callbacks.earlyStopping},
                             {"model_checkpoint", s.callbacks.modelCheckpoint}};
        if (s.valLoss)
            json["val_loss"] = *s.valLoss;
        if (s.valAccuracy)
            json["val_accuracy"] = *s.valAccuracy;
    }
    if (s.oodGate)
        json["ood_gate"] = *s.oodGate;
    if (s.calibration)
        json["calibration"] = *s.calibration;
}

void from_json(const nlohmann::json& json, TrainingState& s)
{
    const TrainingState d;
    s = d;
    if (json.is_null())
        return;
    s.epoch = json.value("epoch", d.epoch);
    s.status = parseRunStatus(json.value("status", toString(d.status)));
    s.phase = parseTrainingPhase(json.value("phase", toString(d.phase)));
    s.learningRate = json.value("learning_rate", d.learningRate);
    s.seed = json.value("seed", d.seed);
    if (const auto it = json.find("history"); it != json.end())
        s.history = it->get<std::vector<EpochRecord>>();
    if (const auto it = json.find("callbacks"); it != json.end() && it->is_object()) {
        s.callbacks.reduceLr = orNull(*it, "reduce_lr");
        s.callbacks.earlyStopping = orNull(*it, "early_stopping");
        s.callbacks.modelCheckpoint = orNull(*it, "model_checkpoint");
    }
    if (const auto it = json.find("val_loss"); it != json.end() && !it->is_null())
        s.valLoss = it->get<double>();
    if (const auto it = json.find("val_accuracy"); it != json.end() && !it->is_null())
        s.valAccuracy = it->get<double>();
    if (const auto it = json.find("ood_gate"); it != json.end())
        s.oodGate = *it;
    if (const auto it = json.find("calibration"); it != json.end())
        s.calibration = *it;
    for (const auto& [key, value] : json.items())
        if (!known(key))
            s.extensions[key] = value;
}

} // namespace kg
