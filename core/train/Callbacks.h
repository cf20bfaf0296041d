#pragma once
// Public (plain C++): the tutorial's Keras callbacks as small, pure state machines. The trainer
// feeds them one val_loss per epoch and acts on what they decide; they hold no weights and
// know nothing of torch, so their sequences can be checked by hand. State round-trips through
// JSON for resuming.
#include "core/train/TrainOptions.h"

#include <nlohmann/json_fwd.hpp>

#include <limits>

namespace kg {

/// Keras ReduceLROnPlateau(monitor='val_loss', mode='min'): improvement means
/// val_loss < best − minDelta; after `patience` epochs without one (not counting cooldown
/// epochs) the rate becomes max(lr·factor, minLearningRate), unless it is at minLearningRate
/// already (compared in float32, as Keras stores it), and a cooldown of `cooldown` epochs starts.
class ReduceLrOnPlateau {
public:
    struct Decision {
        double learningRate = 0;  ///< rate for the next epoch
        bool reduced = false;     ///< true when it changed this epoch
    };

    explicit ReduceLrOnPlateau(ReduceLrOptions options = {});
    /// Call once per epoch with that epoch's val_loss and the rate it trained with.
    Decision onEpochEnd(double valLoss, double learningRate);
    /// Starts a fresh patience window (keeps best), e.g. when a two-phase run unfreezes.
    void resetWait();

    double best() const { return best_; }
    int wait() const { return wait_; }
    int cooldownCounter() const { return cooldownCounter_; }

    nlohmann::json state() const;
    void restoreState(const nlohmann::json& state);

private:
    ReduceLrOptions options_;
    double best_ = std::numeric_limits<double>::infinity();
    int wait_ = 0;
    int cooldownCounter_ = 0;
};

/// Keras EarlyStopping(monitor='val_loss', mode='min'): improvement means
/// val_loss < best − minDelta; stops at the first epoch (never the first of the run) whose
/// count of epochs since the last improvement reaches `patience`.
class EarlyStopping {
public:
    struct Decision {
        bool improved = false;    ///< this epoch is the new best (snapshot it when restoring)
        bool stop = false;        ///< training ends after this epoch
        bool restoreBest = false; ///< stop && restoreBestWeights: load the weights of bestEpoch()
    };

    explicit EarlyStopping(EarlyStoppingOptions options = {});
    /// `epoch` is 1-based.
    Decision onEpochEnd(int epoch, double valLoss);
    void resetWait();

    double best() const { return best_; }
    int bestEpoch() const { return bestEpoch_; }
    int wait() const { return wait_; }
    int stoppedEpoch() const { return stoppedEpoch_; }

    nlohmann::json state() const;
    void restoreState(const nlohmann::json& state);

private:
    EarlyStoppingOptions options_;
    double best_ = std::numeric_limits<double>::infinity();
    int bestEpoch_ = 0;
    int wait_ = 0;
    int stoppedEpoch_ = 0;
};

/// Keras ModelCheckpoint(monitor='val_loss', save_best_only=True): save when val_loss is
/// strictly below every earlier value (no min_delta).
class BestCheckpointTracker {
public:
    /// True when this epoch's weights should become best.kgckpt. `epoch` is 1-based.
    bool onEpochEnd(int epoch, double valLoss);

    double best() const { return best_; }
    int bestEpoch() const { return bestEpoch_; }

    nlohmann::json state() const;
    void restoreState(const nlohmann::json& state);

private:
    double best_ = std::numeric_limits<double>::infinity();
    int bestEpoch_ = 0;
};

} // namespace kg
