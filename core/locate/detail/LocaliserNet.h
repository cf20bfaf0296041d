#pragma once
// Internal (torch): the knee localiser's network, a small fully-convolutional CenterNet-style
// detector. A letterboxed gray image (1×S×S, S = inputSize) enters through a 4×4 stride-4
// patch convolution, goes down a plain convolutional encoder to stride 16 (dilated
// convolutions and a global-context vector widen the view to the whole picture, which a
// whole-image knee crop needs), back up to stride 8 through an additive skip connection, and
// out as four maps at S/8 × S/8:
//   0  centre heat-map logit (sigmoid: "a joint centre is in this cell")
//   1  log of the box side relative to S
//   2  x offset of the centre inside its cell (cells of 8 pixels, 0..1)
//   3  y offset
#include "core/util/TorchInclude.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <utility>
#include <vector>

namespace kg::locate {

/// Shape of the network; stored in the .kgloc file so a file rebuilds the net it was saved from.
struct LocaliserNetConfig {
    int inputSize = 256;                              ///< letterbox side in pixels (multiple of 16)
    std::vector<int> channels{24, 48, 56};            ///< widths at strides 4, 8, 16
    static constexpr int kStride = 8;                 ///< output cell size in input pixels
    int outputSize() const { return inputSize / kStride; }
    void validate(const std::string& where) const;    ///< throws kg::Error naming `where`
};

void to_json(nlohmann::json& json, const LocaliserNetConfig& config);
void from_json(const nlohmann::json& json, LocaliserNetConfig& config);

/// conv 3×3 (stride, dilation) → batch norm → ReLU.
struct ConvBnReluImpl : torch::nn::Module {
    ConvBnReluImpl(int in, int out, int stride = 1, int dilation = 1, int kernel = 3, int padding = -1);
    torch::Tensor forward(const torch::Tensor& x);
    torch::nn::Conv2d conv{nullptr};
    torch::nn::BatchNorm2d bn{nullptr};
};
TORCH_MODULE(ConvBnRelu);

struct LocaliserNetImpl : torch::nn::Module {
    explicit LocaliserNetImpl(const LocaliserNetConfig& config);
    /// N×1×S×S standardised gray → N×4×(S/8)×(S/8) raw maps (heat map as a logit).
    torch::Tensor forward(const torch::Tensor& x);
    /// Every tensor that defines the model (parameters and batch-norm running statistics), by name.
    std::vector<std::pair<std::string, torch::Tensor>> stateTensors();
    std::int64_t parameterCount();

    LocaliserNetConfig config;
    ConvBnRelu stem{nullptr}, same4{nullptr}, down8{nullptr}, same8{nullptr};
    ConvBnRelu down16{nullptr}, dilated2{nullptr}, dilated4{nullptr};
    torch::nn::Linear context{nullptr};      ///< global average → per-channel bias at stride 16
    torch::nn::Conv2d lateral8{nullptr};     ///< 1×1 width change on the way up
    ConvBnRelu up8{nullptr};
    torch::nn::Conv2d out{nullptr};
};
TORCH_MODULE(LocaliserNet);

} // namespace kg::locate
