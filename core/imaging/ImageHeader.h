#pragma once
// Internal: the size an image file declares in its header, read before any pixel is decoded
// so that DecodeLimits can refuse a file whose decoding would cost too much.
#include "core/imaging/DecodeLimits.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace kg {

struct DeclaredSize {
    std::uint64_t width = 0;
    std::uint64_t height = 0;
    std::uint64_t frames = 1;
    std::uint64_t samplesPerPixel = 1;
    std::uint64_t bytesPerSample = 1;

    std::uint64_t pixels() const { return width * height; }
    std::uint64_t decodedBytes() const { return width * height * frames * samplesPerPixel * bytesPerSample; }
};

/// PNG IHDR, the first JPEG SOFn, a BMP header, or the first TIFF directory (classic TIFF).
/// nullopt when the header cannot be found or read (the decoder then reports the damage).
std::optional<DeclaredSize> declaredPngSize(const std::uint8_t* data, std::size_t size);
std::optional<DeclaredSize> declaredJpegSize(const std::uint8_t* data, std::size_t size);
std::optional<DeclaredSize> declaredBmpSize(const std::uint8_t* data, std::size_t size);
std::optional<DeclaredSize> declaredTiffSize(const std::uint8_t* data, std::size_t size);

/// Throws kg::Error naming `path` when `declared` exceeds `limits` (pixels, frames, memory
/// with `fileBytes` of compressed data held at the same time).
void checkDeclaredSize(const std::string& path, const char* formatName, const DeclaredSize& declared,
                       std::uint64_t fileBytes, const DecodeLimits& limits);

} // namespace kg
