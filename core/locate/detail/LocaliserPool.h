#pragma once
// Internal (OpenCV): the labelled images of one training run or one held-out measurement,
// drawn from the generator (FullRadiograph.h), the phantoms (Phantom.h) and the drawn
// negatives. Training and measuring draw from different random streams, so no held-out
// image is ever one a training run saw, whatever seeds the two are given.
#include "core/data/FullRadiograph.h"
#include "core/locate/detail/LocaliserSamples.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace kg::locate {

enum class Stream : std::uint64_t { Training = 0x6b67'6c6f'632d'7472ull, HeldOut = 0x6b67'6c6f'632d'6576ull };

/// Seed of full radiograph `index` in `stream`.
std::uint64_t radiographSeed(Stream stream, std::uint64_t seed, int index);

/// One generated radiograph as a labelled image (joints from its truth boxes).
LabelledImage renderLabelledRadiograph(Stream stream, std::uint64_t seed, int index, double scale,
                                       FullRadiograph* full = nullptr);

/// Runs task(i) for i in [0, count) on `threads` threads (0: one per core); results must be
/// written by index, so the outcome does not depend on the thread count. Rethrows the first error.
void parallelFor(int count, int threads, const std::function<void(int)>& task);

} // namespace kg::locate
