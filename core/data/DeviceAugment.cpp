#include "core/data/DeviceAugment.h"

#include "core/util/Error.h"

namespace kg {

namespace {

namespace F = torch::nn::functional;

F::GridSampleFuncOptions::padding_mode_t paddingOf(FillMode mode)
{
    switch (mode) {
    case FillMode::Reflect: return torch::kReflection;  // about the pixel edges: OpenCV's BORDER_REFLECT
    case FillMode::Nearest: return torch::kBorder;
    case FillMode::Constant: return torch::kZeros;
    case FillMode::Wrap: break;
    }
    throw Error("augmentation on the device: fill mode '" + toString(mode) + "' has no device form");
}

} // namespace

bool deviceWarpSupports(FillMode mode)
{
    return mode != FillMode::Wrap;
}

/// align_corners = false: −1 and 1 are the outer edges of the border pixels. With
/// A = diag(W/2, H/2) and b = ((W−1)/2, (H−1)/2) taking a normalised point u to pixel
/// p = A·u + b, and C = A⁻¹, d = −C·b back, the pixel map q = M·p + t becomes
/// θ = [C·M·A | C·(M·b + t) + d].
torch::Tensor normalisedWarps(const torch::Tensor& maps, std::int64_t width, std::int64_t height)
{
    if (maps.dim() != 3 || maps.size(1) != 2 || maps.size(2) != 3)
        throw Error("augmentation on the device: expected N×2×3 maps");
    const torch::Tensor m = maps.to(torch::kCPU, torch::kFloat64).contiguous();
    const double w = static_cast<double>(width), h = static_cast<double>(height);
    const torch::Tensor a = torch::tensor({w / 2.0, h / 2.0}, torch::kFloat64);
    const torch::Tensor b = torch::tensor({(w - 1.0) / 2.0, (h - 1.0) / 2.0}, torch::kFloat64);
    const torch::Tensor c = 1.0 / a;
    const torch::Tensor linear = m.narrow(2, 0, 2);                   // N×2×2
    const torch::Tensor shift = m.select(2, 2);                       // N×2
    const torch::Tensor theta = torch::empty({m.size(0), 2, 3}, torch::kFloat64);
    theta.narrow(2, 0, 2).copy_(c.view({1, 2, 1}) * linear * a.view({1, 1, 2}));
    theta.select(2, 2).copy_(c * (torch::matmul(linear, b) + shift) - c * b);
    return theta.to(torch::kFloat32);
}

torch::Tensor warpImages(const torch::Tensor& images, const torch::Tensor& theta, FillMode fillMode)
{
    if (images.dim() != 4 || theta.dim() != 3 || theta.size(0) != images.size(0) || theta.size(1) != 2 || theta.size(2) != 3)
        throw Error("augmentation on the device: expected N×C×H×W images and N×2×3 warps");
    const auto padding = paddingOf(fillMode);
    const torch::Tensor grid = F::affine_grid(theta, images.sizes(), /*align_corners=*/false);
    return F::grid_sample(images, grid, F::GridSampleFuncOptions().mode(torch::kBilinear).padding_mode(padding).align_corners(false));
}

torch::Tensor finishPixels(const torch::Tensor& pixels, const torch::Tensor& theta, const PreprocessOptions& options,
                           FillMode fillMode)
{
    if (pixels.dim() != 4 || pixels.scalar_type() != torch::kUInt8 ||
        (pixels.size(1) != 1 && pixels.size(1) != options.channels))
        throw Error("preprocessing on the device: expected N×1×H×W or N×" + std::to_string(options.channels) +
                    "×H×W 8-bit pixels");
    torch::Tensor x = pixels.to(torch::kFloat32);
    if (theta.defined())
        x = warpImages(x, theta.to(x.device(), torch::kFloat32, /*non_blocking=*/true), fillMode);
    x = x.mul_(options.scale).add_(options.offset);
    if (x.size(1) != options.channels)
        x = x.expand({-1, options.channels, -1, -1});
    return x.contiguous();
}

} // namespace kg
