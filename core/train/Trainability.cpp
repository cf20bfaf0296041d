#include "core/train/Trainability.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace kg {
namespace {

/// conv1_conv → 1, convK_blockM → K, post_bn / predictions → 6.
int stackOf(const std::string& child)
{
    if (child.size() > 5 && child.rfind("conv", 0) == 0 && std::isdigit(static_cast<unsigned char>(child[4])) && child[5] == '_')
        return child[4] - '0';
    return 6;
}

bool childTrains(const std::string& child, const Trainability& t)
{
    if (t.backboneFrozen)
        return false;
    const int stack = stackOf(child);
    return stack == 6 || stack > 5 - t.unfrozenStacks;
}

} // namespace

Trainability trainabilityOf(const TrainOptions& o, TrainingPhase phase)
{
    switch (o.mode) {
    case TrainingMode::Frozen: return {true, 0};
    case TrainingMode::FineTune: return {false, 5};
    case TrainingMode::TwoPhase: break;
    }
    return phase == TrainingPhase::Unfrozen ? Trainability{false, std::min(o.twoPhaseUnfreezeStacks, 5)} : Trainability{true, 0};
}

void applyTrainability(nn::KneeClassifier& net, const Trainability& t)
{
    for (const auto& child : net->backbone()->named_children()) {
        const bool trains = childTrains(child.key(), t);
        for (auto& p : child.value()->parameters())
            p.set_requires_grad(trains);
    }
    for (auto& p : net->head()->parameters())
        p.set_requires_grad(true);
}

void setTrainingMode(nn::KneeClassifier& net, const Trainability& t)
{
    net->train();
    for (const auto& child : net->backbone()->named_children())
        if (!childTrains(child.key(), t))
            child.value()->eval();
}

} // namespace kg
