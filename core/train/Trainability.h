#pragma once
// Internal (torch): which parts of the network train — frozen backbone, fine-tuning, or a
// two-phase run's warm-up and unfrozen top stacks — and putting that into effect.
#include "core/model/ResNetV2.h"
#include "core/model/TrainingState.h"
#include "core/train/TrainOptions.h"

namespace kg {

/// Which parts of the backbone train. The head always trains.
struct Trainability {
    bool backboneFrozen = true;  ///< nothing in the backbone trains; its BN runs in inference mode
    int unfrozenStacks = 5;      ///< otherwise: top stacks that train (1 = conv5 + post_bn; 5 = all, stem included)
};

/// What trains in `mode` (for TwoPhase: in `phase`).
Trainability trainabilityOf(const TrainOptions& options, TrainingPhase phase);

/// requires_grad on what trains (the head always), off on the rest.
void applyTrainability(nn::KneeClassifier& net, const Trainability& trainability);

/// Training mode for what trains, inference mode (BN running statistics frozen) for the rest.
void setTrainingMode(nn::KneeClassifier& net, const Trainability& trainability);

} // namespace kg
