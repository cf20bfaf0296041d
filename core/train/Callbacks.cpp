#include "core/train/Callbacks.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace kg {
namespace {

// JSON has no infinity; "no best yet" is stored as null.
nlohmann::json number(double value)
{
    return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr);
}

double numberOr(const nlohmann::json& state, const char* key, double fallback)
{
    const auto it = state.find(key);
    return it == state.end() || it->is_null() ? fallback : it->get<double>();
}

constexpr double kInfinity = std::numeric_limits<double>::infinity();

} // namespace

ReduceLrOnPlateau::ReduceLrOnPlateau(ReduceLrOptions options) : options_(options) {}

ReduceLrOnPlateau::Decision ReduceLrOnPlateau::onEpochEnd(double valLoss, double learningRate)
{
    // Line by line keras.callbacks.ReduceLROnPlateau.on_epoch_end (mode 'min').
    Decision decision{learningRate, false};
    if (!options_.enabled)
        return decision;
    if (cooldownCounter_ > 0) {
        --cooldownCounter_;
        wait_ = 0;
    }
    if (valLoss < best_ - options_.minDelta) {
        best_ = valLoss;
        wait_ = 0;
    } else if (cooldownCounter_ <= 0) {
        ++wait_;
        if (wait_ >= options_.patience) {
            // Keras keeps the rate in a float32 variable: once it sits at min_lr it stays there.
            if (static_cast<float>(learningRate) > static_cast<float>(options_.minLearningRate)) {
                decision.learningRate = std::max(learningRate * options_.factor, options_.minLearningRate);
                decision.reduced = true;
                cooldownCounter_ = options_.cooldown;
                wait_ = 0;
            }
        }
    }
    return decision;
}

void ReduceLrOnPlateau::resetWait()
{
    wait_ = 0;
    cooldownCounter_ = 0;
}

nlohmann::json ReduceLrOnPlateau::state() const
{
    return {{"best", number(best_)}, {"wait", wait_}, {"cooldown_counter", cooldownCounter_}};
}

void ReduceLrOnPlateau::restoreState(const nlohmann::json& state)
{
    best_ = numberOr(state, "best", kInfinity);
    wait_ = state.value("wait", 0);
    cooldownCounter_ = state.value("cooldown_counter", 0);
}

EarlyStopping::EarlyStopping(EarlyStoppingOptions options) : options_(options) {}

EarlyStopping::Decision EarlyStopping::onEpochEnd(int epoch, double valLoss)
{
    // keras.callbacks.EarlyStopping.on_epoch_end (mode 'min', no baseline, start_from_epoch 0).
    Decision decision;
    if (!options_.enabled)
        return decision;
    ++wait_;
    // Keras flips min_delta's sign for mode 'min' and tests less(current − min_delta, best).
    if (valLoss + std::abs(options_.minDelta) < best_) {
        best_ = valLoss;
        bestEpoch_ = epoch;
        wait_ = 0;
        decision.improved = true;
        return decision;
    }
    if (wait_ >= options_.patience && epoch > 1) {
        stoppedEpoch_ = epoch;
        decision.stop = true;
        decision.restoreBest = options_.restoreBestWeights && bestEpoch_ > 0;
    }
    return decision;
}

void EarlyStopping::resetWait() { wait_ = 0; }

nlohmann::json EarlyStopping::state() const
{
    return {{"best", number(best_)}, {"best_epoch", bestEpoch_}, {"wait", wait_}, {"stopped_epoch", stoppedEpoch_}};
}

void EarlyStopping::restoreState(const nlohmann::json& state)
{
    best_ = numberOr(state, "best", kInfinity);
    bestEpoch_ = state.value("best_epoch", 0);
    wait_ = state.value("wait", 0);
    stoppedEpoch_ = state.value("stopped_epoch", 0);
}

bool BestCheckpointTracker::onEpochEnd(int epoch, double valLoss)
{
    if (!(valLoss < best_))
        return false;
    best_ = valLoss;
    bestEpoch_ = epoch;
    return true;
}

nlohmann::json BestCheckpointTracker::state() const
{
    return {{"best", number(best_)}, {"best_epoch", bestEpoch_}};
}

void BestCheckpointTracker::restoreState(const nlohmann::json& state)
{
    best_ = numberOr(state, "best", kInfinity);
    bestEpoch_ = state.value("best_epoch", 0);
}

} // namespace kg
