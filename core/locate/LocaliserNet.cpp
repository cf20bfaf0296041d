#include "core/locate/detail/LocaliserNet.h"

#include "core/util/Error.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace kg::locate {

void LocaliserNetConfig::validate(const std::string& where) const
{
    if (inputSize < 64 || inputSize > 1024 || inputSize % 16 != 0)
        throw Error(where, "localiser input size " + std::to_string(inputSize) +
                               " is not a multiple of 16 within 64..1024");
    if (channels.size() != 3)
        throw Error(where, "the localiser network needs 3 channel widths, got " + std::to_string(channels.size()));
    for (const int c : channels)
        if (c < 4 || c > 256)
            throw Error(where, "localiser channel width " + std::to_string(c) + " is outside 4..256");
}

void to_json(nlohmann::json& json, const LocaliserNetConfig& config)
{
    json = nlohmann::json{{"architecture", "centernet-small-v2"},
                          {"input_size", config.inputSize},
                          {"channels", config.channels},
                          {"stride", LocaliserNetConfig::kStride}};
}

void from_json(const nlohmann::json& json, LocaliserNetConfig& config)
{
    if (json.value("architecture", std::string()) != "centernet-small-v2")
        throw Error("unknown localiser architecture '" + json.value("architecture", std::string()) + "'");
    if (json.value("stride", 0) != LocaliserNetConfig::kStride)
        throw Error("unsupported localiser output stride");
    config.inputSize = json.at("input_size").get<int>();
    config.channels = json.at("channels").get<std::vector<int>>();
}

ConvBnReluImpl::ConvBnReluImpl(int in, int out, int stride, int dilation, int kernel, int padding)
{
    conv = register_module("conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, kernel)
                                                         .stride(stride)
                                                         .padding(padding >= 0 ? padding : dilation * (kernel / 2))
                                                         .dilation(dilation)
                                                         .bias(false)));
    bn = register_module("bn", torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(out).momentum(0.05)));
}

torch::Tensor ConvBnReluImpl::forward(const torch::Tensor& x) { return torch::relu(bn(conv(x))); }

LocaliserNetImpl::LocaliserNetImpl(const LocaliserNetConfig& cfg) : config(cfg)
{
    config.validate("localiser network");
    const int c4 = config.channels[0], c8 = config.channels[1], c16 = config.channels[2];
    stem = register_module("stem", ConvBnRelu(1, c4, 4, 1, 4, 0));
    same4 = register_module("same4", ConvBnRelu(c4, c4));
    down8 = register_module("down8", ConvBnRelu(c4, c8, 2));
    same8 = register_module("same8", ConvBnRelu(c8, c8));
    down16 = register_module("down16", ConvBnRelu(c8, c16, 2));
    dilated2 = register_module("dilated2", ConvBnRelu(c16, c16, 1, 2));
    dilated4 = register_module("dilated4", ConvBnRelu(c16, c16, 1, 4));
    context = register_module("context", torch::nn::Linear(c16, c16));
    lateral8 = register_module("lateral8", torch::nn::Conv2d(torch::nn::Conv2dOptions(c16, c8, 1)));
    up8 = register_module("up8", ConvBnRelu(c8, c8));
    out = register_module("out", torch::nn::Conv2d(torch::nn::Conv2dOptions(c8, 4, 1)));
    // CenterNet's prior: a cell holds a centre with probability ~0.1 at the start, so the
    // focal loss is not swamped by the background in the first steps.
    torch::NoGradGuard noGrad;
    out->bias.zero_();
    out->bias[0].fill_(-std::log((1.0 - 0.1) / 0.1));
    out->bias[1].fill_(std::log(0.25));
    out->bias[2].fill_(0.5);
    out->bias[3].fill_(0.5);
    out->weight.mul_(0.1);
}

torch::Tensor LocaliserNetImpl::forward(const torch::Tensor& x)
{
    namespace F = torch::nn::functional;
    const auto f8 = same8(down8(same4(stem(x))));
    auto f16 = dilated4(dilated2(down16(f8)));
    const auto global = context(f16.mean({2, 3}));
    f16 = torch::relu(f16 + global.unsqueeze(-1).unsqueeze(-1));
    const auto upsample = F::InterpolateFuncOptions().scale_factor(std::vector<double>{2.0, 2.0})
                              .mode(torch::kNearest);
    return out(up8(f8 + F::interpolate(lateral8(f16), upsample)));
}

std::vector<std::pair<std::string, torch::Tensor>> LocaliserNetImpl::stateTensors()
{
    std::vector<std::pair<std::string, torch::Tensor>> tensors;
    for (const auto& item : named_parameters())
        tensors.emplace_back(item.key(), item.value());
    for (const auto& item : named_buffers())
        if (item.key().find("num_batches_tracked") == std::string::npos)
            tensors.emplace_back(item.key(), item.value());
    return tensors;
}

std::int64_t LocaliserNetImpl::parameterCount()
{
    std::int64_t count = 0;
    for (const auto& p : parameters())
        count += p.numel();
    return count;
}

} // namespace kg::locate
