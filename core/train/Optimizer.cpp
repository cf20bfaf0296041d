#include "core/train/Optimizer.h"

#include <torch/version.h>

#include <cmath>
#include <map>
#include <sstream>
#include <type_traits>
#include <vector>

namespace kg {
namespace {

using torch::optim::AdamOptions;
using torch::optim::AdamParamState;

/// torch::optim::Optimizer keys a parameter's state by its TensorImpl address: printed as a
/// string in LibTorch 1.13 and early 2.x, the pointer itself in later 2.x.
template <typename StateMap>
typename StateMap::key_type stateKey(const StateMap&, const torch::Tensor& parameter)
{
    using Key = typename StateMap::key_type;
    if constexpr (std::is_same_v<Key, std::string>) {
        std::ostringstream key;
        key << parameter.unsafeGetTensorImpl();
        return key.str();
    } else {
        return static_cast<Key>(parameter.unsafeGetTensorImpl());
    }
}

/// One parameter group's tensors that step now, with their state, as the multi-tensor ops take them.
struct GroupTensors {
    std::vector<torch::Tensor> params, grads, expAvgs, expAvgSqs, maxExpAvgSqs;
    std::vector<std::int64_t> steps;  ///< each parameter's step count after this update
};

/// Collects the group's parameters that have a gradient, creating state as torch's step()
/// does (zeros in the parameter's memory format), and advances their step counts.
GroupTensors collect(torch::optim::Adam& optimizer, torch::optim::OptimizerParamGroup& group, const AdamOptions& options)
{
    GroupTensors g;
    auto& states = optimizer.state();
    for (auto& p : group.params()) {
        if (!p.grad().defined())
            continue;
        TORCH_CHECK(!p.grad().is_sparse(), "Adam does not support sparse gradients");
        const auto key = stateKey(states, p);
        auto it = states.find(key);
        if (it == states.end()) {
            auto state = std::make_unique<AdamParamState>();
            state->step(0);
            state->exp_avg(torch::zeros_like(p, at::MemoryFormat::Preserve));
            state->exp_avg_sq(torch::zeros_like(p, at::MemoryFormat::Preserve));
            if (options.amsgrad())
                state->max_exp_avg_sq(torch::zeros_like(p, at::MemoryFormat::Preserve));
            it = states.emplace(key, std::move(state)).first;
        }
        auto& state = static_cast<AdamParamState&>(*it->second);
        state.step(state.step() + 1);
        g.params.push_back(p);
        g.grads.push_back(p.grad());
        g.expAvgs.push_back(state.exp_avg());
        g.expAvgSqs.push_back(state.exp_avg_sq());
        if (options.amsgrad())
            g.maxExpAvgSqs.push_back(state.max_exp_avg_sq());
        g.steps.push_back(state.step());
    }
    return g;
}

/// Bias corrections of each tensor's step count, as the scalars the ops take.
struct StepScalars {
    std::vector<at::Scalar> negativeStepSizes;     ///< −lr / (1 − β₁ᵗ)
    std::vector<at::Scalar> biasCorrection2Roots;  ///< √(1 − β₂ᵗ)
};

StepScalars stepScalars(const GroupTensors& g, const AdamOptions& options)
{
    const double beta1 = std::get<0>(options.betas());
    const double beta2 = std::get<1>(options.betas());
    StepScalars s;
    for (const std::int64_t step : g.steps) {
        const double biasCorrection1 = 1 - std::pow(beta1, static_cast<double>(step));
        const double biasCorrection2 = 1 - std::pow(beta2, static_cast<double>(step));
        s.negativeStepSizes.emplace_back(-(options.lr() / biasCorrection1));
        s.biasCorrection2Roots.emplace_back(std::sqrt(biasCorrection2));
    }
    return s;
}

/// torch::optim::Adam::step's sequence, one tensor at a time:
///   m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  p ← p − lr/(1−β₁ᵗ) · m / (√v / √(1−β₂ᵗ) + ε)
void perTensorStep(GroupTensors& g, const AdamOptions& options)
{
    const double beta1 = std::get<0>(options.betas());
    const double beta2 = std::get<1>(options.betas());
    const StepScalars s = stepScalars(g, options);
    for (size_t i = 0; i < g.params.size(); ++i) {
        torch::Tensor grad = g.grads[i];
        if (options.weight_decay() != 0)
            grad = grad.add(g.params[i], options.weight_decay());
        g.expAvgs[i].mul_(beta1).add_(grad, 1 - beta1);
        g.expAvgSqs[i].mul_(beta2).addcmul_(grad, grad, 1 - beta2);
        torch::Tensor denominator;
        if (options.amsgrad()) {
            torch::max_out(g.maxExpAvgSqs[i], g.expAvgSqs[i], g.maxExpAvgSqs[i]);
            denominator = (g.maxExpAvgSqs[i].sqrt() / s.biasCorrection2Roots[i]).add_(options.eps());
        } else {
            denominator = (g.expAvgSqs[i].sqrt() / s.biasCorrection2Roots[i]).add_(options.eps());
        }
        g.params[i].addcdiv_(g.expAvgs[i], denominator, s.negativeStepSizes[i]);
    }
}

/// The same sequence with each op applied to the whole group at once.
void foreachStep(GroupTensors& g, const AdamOptions& options)
{
    const double beta1 = std::get<0>(options.betas());
    const double beta2 = std::get<1>(options.betas());
    const StepScalars s = stepScalars(g, options);
    std::vector<torch::Tensor> grads = g.grads;
    if (options.weight_decay() != 0)
        grads = at::_foreach_add(g.grads, g.params, options.weight_decay());
    at::_foreach_mul_(g.expAvgs, beta1);
    at::_foreach_add_(g.expAvgs, grads, 1 - beta1);
    at::_foreach_mul_(g.expAvgSqs, beta2);
    at::_foreach_addcmul_(g.expAvgSqs, grads, grads, 1 - beta2);
    if (options.amsgrad())
        for (size_t i = 0; i < g.maxExpAvgSqs.size(); ++i)
            torch::max_out(g.maxExpAvgSqs[i], g.expAvgSqs[i], g.maxExpAvgSqs[i]);
    std::vector<torch::Tensor> denominators = at::_foreach_sqrt(options.amsgrad() ? g.maxExpAvgSqs : g.expAvgSqs);
    at::_foreach_div_(denominators, s.biasCorrection2Roots);
    at::_foreach_add_(denominators, options.eps());
    at::_foreach_addcdiv_(g.params, g.expAvgs, denominators, s.negativeStepSizes);
}

#if TORCH_VERSION_MAJOR >= 2
/// The fused CUDA kernel applies when every tensor of the group is a floating-point CUDA
/// tensor laid out exactly like its parameter (its multi-tensor fast-path conditions).
bool fusedApplies(const GroupTensors& g)
{
    if (g.params.empty())
        return false;
    const torch::Tensor& first = g.params.front();
    if (!first.is_cuda())
        return false;
    auto sameLayout = [&first](const torch::Tensor& p, const torch::Tensor& t) {
        return t.device() == first.device() && t.scalar_type() == p.scalar_type() && t.sizes() == p.sizes() &&
               t.strides() == p.strides() && t.is_non_overlapping_and_dense();
    };
    for (size_t i = 0; i < g.params.size(); ++i) {
        const torch::Tensor& p = g.params[i];
        if (!c10::isFloatingType(p.scalar_type()) || !sameLayout(p, p) || !sameLayout(p, g.grads[i]) ||
            !sameLayout(p, g.expAvgs[i]) || !sameLayout(p, g.expAvgSqs[i]) ||
            (!g.maxExpAvgSqs.empty() && !sameLayout(p, g.maxExpAvgSqs[i])))
            return false;
    }
    return true;
}

/// at::_fused_adam_: the same arithmetic in one kernel per chunk of tensors. Its step counts
/// are float tensors on the device, already advanced (one per distinct count, shared).
void fusedStep(GroupTensors& g, const AdamOptions& options)
{
    std::map<std::int64_t, torch::Tensor> counts;
    std::vector<torch::Tensor> steps;
    for (const std::int64_t step : g.steps) {
        auto it = counts.find(step);
        if (it == counts.end())
            it = counts.emplace(step, torch::full({}, static_cast<double>(step),
                                                  torch::TensorOptions(torch::kFloat32).device(g.params.front().device())))
                     .first;
        steps.push_back(it->second);
    }
    at::_fused_adam_(g.params, g.grads, g.expAvgs, g.expAvgSqs, g.maxExpAvgSqs, steps, options.lr(),
                     std::get<0>(options.betas()), std::get<1>(options.betas()), options.weight_decay(), options.eps(),
                     options.amsgrad(), /*maximize=*/false);
}
#endif

} // namespace

std::unique_ptr<torch::optim::Adam> makeOptimizer(nn::KneeClassifier& net, double learningRate)
{
    std::vector<torch::Tensor> params;
    for (auto& p : net->parameters())
        if (p.requires_grad())
            params.push_back(p);
    return std::make_unique<torch::optim::Adam>(params, torch::optim::AdamOptions(learningRate).eps(kAdamEpsilon));
}

AdamKernel preferredAdamKernel(const torch::Device& device)
{
    if (!device.is_cuda())
        return AdamKernel::PerTensor;
    return TORCH_VERSION_MAJOR >= 2 ? AdamKernel::Fused : AdamKernel::Foreach;
}

AdamKernel adamStep(torch::optim::Adam& optimizer, std::optional<AdamKernel> kernel)
{
    torch::NoGradGuard noGrad;
    AdamKernel used = kernel.value_or(AdamKernel::PerTensor);
    for (auto& group : optimizer.param_groups()) {
        const auto& options = static_cast<const AdamOptions&>(group.options());
        GroupTensors g = collect(optimizer, group, options);
        if (g.params.empty())
            continue;
        used = kernel.value_or(preferredAdamKernel(g.params.front().device()));
#if TORCH_VERSION_MAJOR >= 2
        if (used == AdamKernel::Fused && fusedApplies(g)) {
            fusedStep(g, options);
            continue;
        }
#endif
        if (used == AdamKernel::PerTensor) {
            perTensorStep(g, options);
        } else {
            foreachStep(g, options);
            used = AdamKernel::Foreach;
        }
    }
    return used;
}

double learningRateOf(torch::optim::Adam& optimizer)
{
    return static_cast<torch::optim::AdamOptions&>(optimizer.param_groups().front().options()).lr();
}

void setLearningRate(torch::optim::Adam& optimizer, double learningRate)
{
    for (auto& group : optimizer.param_groups())
        static_cast<torch::optim::AdamOptions&>(group.options()).lr(learningRate);
}

std::string serializeOptimizer(const torch::optim::Adam& optimizer)
{
    torch::serialize::OutputArchive archive;
    optimizer.save(archive);
    std::string bytes;
    archive.save_to([&bytes](const void* data, size_t size) {
        bytes.append(static_cast<const char*>(data), size);
        return size;
    });
    return bytes;
}

void deserializeOptimizer(torch::optim::Adam& optimizer, const std::string& bytes, const torch::Device& device)
{
    torch::serialize::InputArchive archive;
    archive.load_from(bytes.data(), bytes.size(), device);
    optimizer.load(archive);
}

} // namespace kg
