#pragma once
// Internal (torch): the trainer's Adam — built over the parameters that train, with Keras'
// epsilon; its learning rate; its state as bytes for the checkpoint blob "optimizer".
#include "core/model/ResNetV2.h"

#include <memory>
#include <string>

namespace kg {

/// Keras' Adam epsilon (PyTorch's default is 1e-8).
constexpr double kAdamEpsilon = 1e-7;

/// Adam over the parameters of `net` that require gradients (see Trainability.h).
std::unique_ptr<torch::optim::Adam> makeOptimizer(nn::KneeClassifier& net, double learningRate);

/// The rate of the first parameter group (all groups share one).
double learningRateOf(torch::optim::Adam& optimizer);
void setLearningRate(torch::optim::Adam& optimizer, double learningRate);

/// The optimizer's state (moments, step counts) as bytes, and back onto `device`.
std::string serializeOptimizer(const torch::optim::Adam& optimizer);
void deserializeOptimizer(torch::optim::Adam& optimizer, const std::string& bytes, const torch::Device& device);

} // namespace kg
