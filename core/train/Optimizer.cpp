#include "core/train/Optimizer.h"

#include <vector>

namespace kg {

std::unique_ptr<torch::optim::Adam> makeOptimizer(nn::KneeClassifier& net, double learningRate)
{
    std::vector<torch::Tensor> params;
    for (auto& p : net->parameters())
        if (p.requires_grad())
            params.push_back(p);
    return std::make_unique<torch::optim::Adam>(params, torch::optim::AdamOptions(learningRate).eps(kAdamEpsilon));
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
