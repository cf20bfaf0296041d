#pragma once
// Seed inputs that are easiest to make with the project's own libraries: small PNG, JPEG,
// TIFF and BMP files through OpenCV, and complete, valid checkpoints through saveCheckpoint.
// Used by fuzz_write_seeds (the fuzz corpus, scripts/make-fuzz-corpus.sh) and by the replay
// test of the normal build (tests/fuzz), so both start from the same files.
#include <cstdint>
#include <string>
#include <vector>

namespace kgfuzz {

struct SeedFile {
    std::string name;  ///< file name with its extension, e.g. "png16_gray.png"
    std::vector<std::uint8_t> bytes;
};

/// PNG 8/16-bit gray, RGB and RGBA, 1-bit PNG, baseline/progressive/restart-interval JPEG,
/// TIFF 8/16-bit and float (uncompressed and LZW), BMP gray (palette) and RGB. Odd sizes
/// (a few dozen pixels a side) so row padding and partial blocks are exercised.
std::vector<SeedFile> rasterSeeds();

/// Writes complete checkpoints of tiny ResNetV2s (with and without head, ImageNet top,
/// max pooling, optimizer blobs) into `dir`; returns their paths. Throws kg::Error.
std::vector<std::string> writeCheckpointSeeds(const std::string& dir);

} // namespace kgfuzz
