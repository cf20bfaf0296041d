#pragma once
// Internal (torch): BatchNorm folding for inference. In the pre-activation ResNetV2 block
//   x → preact_bn → ReLU → 1_conv → 1_bn → ReLU → 2_conv → 2_bn → ReLU → 3_conv → (+ shortcut)
// 1_bn and 2_bn directly follow a convolution, so with fixed statistics
//   BN(conv(x; W)) = conv(x; W·s) + (β − μ·s),  s = γ / √(σ² + ε)  (per output channel)
// holds exactly (zero padding pads the convolution's input, untouched by the fold). The other
// BNs cannot be folded: preact_bn and post_bn follow a residual addition (or the stem pool) and
// precede a ReLU, and the raw sum they normalise is itself used (identity shortcuts, the OOD
// gate's stage features), so there is no convolution on either side to absorb them; the
// stem's conv1 is followed by a zero-padded max-pool, which does not commute with BN's shift.
// So 100 of ResNet152V2's 151 BNs fold away. Inference only (eval-mode BNs, no parameter
// gradients; Grad-CAM's gradients to the activations flow through the folded kernels): the
// network's own weights, its checkpoints and training are untouched.
#include "core/model/ResNetV2.h"

#include <cstdint>
#include <vector>

namespace kg::nn {

/// One block's 1_conv + 1_bn and 2_conv + 2_bn as convolutions with a bias.
struct FoldedBlock {
    torch::Tensor conv1Weight, conv1Bias;
    torch::Tensor conv2Weight, conv2Bias;
};

/// The folded weights of a whole backbone, and what they were folded from.
struct FoldedBatchNorms {
    std::vector<FoldedBlock> blocks;  ///< one per ResNetV2Impl::blocks(), in order
    /// (storage address, version counter) of every tensor folded in: a training step, a
    /// checkpoint load or a move to another device changes one of them.
    std::vector<std::pair<const void*, std::int64_t>> sources;
};

/// Folds every block's 1_bn and 2_bn of `net` (its running statistics; factors computed in
/// float64, kernels and biases stored in the kernels' dtype, device and memory format).
FoldedBatchNorms foldBatchNorms(ResNetV2Impl& net);

/// True while the weights and statistics `folded` was made from are unchanged.
bool foldedIsCurrent(const FoldedBatchNorms& folded, ResNetV2Impl& net);

} // namespace kg::nn
