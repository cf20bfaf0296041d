#pragma once
// Public (plain C++): what one untrusted image file may cost to decode. Every file from disk
// is checked against these limits from its declared size (PNG IHDR, JPEG SOF, TIFF tags,
// BMP header, DICOM Rows/Columns/Number of Frames) before any pixel is decoded.
#include <nlohmann/json_fwd.hpp>

#include <cstdint>

namespace kg {

struct DecodeLimits {
    /// Largest image accepted, width·height of one frame (default 64 megapixels: a full-leg
    /// film at 0.1 mm is about 4,300 × 14,000 = 60 MP; detector images are 5–20 MP).
    std::uint64_t maxPixels = 64'000'000;
    /// Most frames a multi-frame DICOM may declare (KneeGrade uses the first; the decoders
    /// hold every frame in memory).
    std::uint32_t maxFrames = 64;
    /// Memory one file may take to decode, compressed bytes and every decoded frame together;
    /// also the address-space budget of an isolated decoder process above its start-up size.
    std::uint64_t memoryBudgetBytes = std::uint64_t(1) << 30;
    /// Largest file read at all.
    std::uint64_t maxFileBytes = std::uint64_t(1) << 30;
    /// Longest an isolated decoder may work on one file before it is stopped.
    double timeoutSeconds = 60.0;
};

void to_json(nlohmann::json& json, const DecodeLimits& limits);
void from_json(const nlohmann::json& json, DecodeLimits& limits);

} // namespace kg
