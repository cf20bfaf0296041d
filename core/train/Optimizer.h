#pragma once
// Internal (torch): the trainer's Adam — built over the parameters that train, with Keras'
// epsilon; its learning rate; its multi-tensor step; its state as bytes for the checkpoint
// blob "optimizer".
#include "core/model/ResNetV2.h"

#include <memory>
#include <optional>
#include <string>

namespace kg {

/// Keras' Adam epsilon (PyTorch's default is 1e-8).
constexpr double kAdamEpsilon = 1e-7;

/// Adam over the parameters of `net` that require gradients (see Trainability.h).
std::unique_ptr<torch::optim::Adam> makeOptimizer(nn::KneeClassifier& net, double learningRate);

/// How adamStep updates a parameter group.
enum class AdamKernel {
    PerTensor,  ///< torch::optim::Adam::step's own sequence, tensor by tensor (~8 kernels each)
    Foreach,    ///< at::_foreach_*: each of those ops over the whole group at once
    Fused,      ///< at::_fused_adam_ (LibTorch 2.x, CUDA): one kernel per chunk of tensors
};

/// The kernel adamStep picks for parameters on `device`: on CUDA the fused kernel where
/// LibTorch has it (2.x), else the multi-tensor ops — a launch-bound GPU step gains most; on
/// the CPU the per-tensor sequence, which keeps each tensor in cache through its eight ops
/// (the multi-tensor ops sweep all ~58 M values of ResNet152V2 eight times: slower there,
/// docs/PERFORMANCE.md "Adam step").
AdamKernel preferredAdamKernel(const torch::Device& device);

/// One Adam update of every parameter that has a gradient, with the arithmetic of
/// torch::optim::Adam::step (bias corrections from each parameter's own step count, ε added
/// after √v̂, weight decay and AMSGrad as torch has them), group by group with `kernel`
/// (default: preferredAdamKernel of the group's device; Fused falls back to Foreach where it
/// does not apply). The state lives where torch::optim::Adam keeps it (exp_avg, exp_avg_sq,
/// max_exp_avg_sq and step per parameter), so serializeOptimizer, deserializeOptimizer and
/// torch's own step() stay interchangeable with it. Parameters without a gradient are skipped,
/// as torch does. Call it instead of optimizer.step(). Returns the kernel the last group used.
AdamKernel adamStep(torch::optim::Adam& optimizer, std::optional<AdamKernel> kernel = std::nullopt);

/// The rate of the first parameter group (all groups share one).
double learningRateOf(torch::optim::Adam& optimizer);
void setLearningRate(torch::optim::Adam& optimizer, double learningRate);

/// The optimizer's state (moments, step counts) as bytes, and back onto `device`.
std::string serializeOptimizer(const torch::optim::Adam& optimizer);
void deserializeOptimizer(torch::optim::Adam& optimizer, const std::string& bytes, const torch::Device& device);

} // namespace kg
