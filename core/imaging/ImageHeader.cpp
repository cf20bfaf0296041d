#include "core/imaging/ImageHeader.h"

#include "core/util/Error.h"

#include <cstdio>
#include <cstring>

namespace kg {
namespace {

std::uint32_t bigEndian32(const std::uint8_t* p) { return std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[2]) << 8 | p[3]; }
std::uint16_t bigEndian16(const std::uint8_t* p) { return std::uint16_t(p[0] << 8 | p[1]); }

std::string megapixels(std::uint64_t pixels)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", double(pixels) / 1e6);
    return text;
}

std::string mebibytes(std::uint64_t bytes) { return std::to_string((bytes + (1u << 20) - 1) >> 20) + " MiB"; }

} // namespace

std::optional<DeclaredSize> declaredPngSize(const std::uint8_t* d, std::size_t n)
{
    if (n < 33 || std::memcmp(d + 12, "IHDR", 4) != 0)
        return std::nullopt;
    DeclaredSize s;
    s.width = bigEndian32(d + 16);
    s.height = bigEndian32(d + 20);
    const unsigned bitDepth = d[24], colourType = d[25];
    s.bytesPerSample = bitDepth > 8 ? 2 : 1;
    s.samplesPerPixel = colourType == 2 ? 3 : colourType == 4 ? 2 : colourType == 6 ? 4 : colourType == 3 ? 3 : 1;
    return s;
}

std::optional<DeclaredSize> declaredJpegSize(const std::uint8_t* d, std::size_t n)
{
    std::size_t pos = 2;
    while (pos + 4 <= n) {
        if (d[pos] != 0xFF)
            return std::nullopt;
        const std::uint8_t marker = d[pos + 1];
        if (marker == 0xFF) {
            ++pos;
            continue;
        }
        if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
            pos += 2;
            continue;
        }
        const std::size_t length = bigEndian16(d + pos + 2);
        const bool startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (startOfFrame) {
            if (pos + 10 > n || length < 8)
                return std::nullopt;
            DeclaredSize s;
            s.bytesPerSample = d[pos + 4] > 8 ? 2 : 1;
            s.height = bigEndian16(d + pos + 5);
            s.width = bigEndian16(d + pos + 7);
            s.samplesPerPixel = d[pos + 9];
            return s;
        }
        if (marker == 0xDA || length < 2)
            return std::nullopt;  // scan data before any frame header
        pos += 2 + length;
    }
    return std::nullopt;
}

std::optional<DeclaredSize> declaredBmpSize(const std::uint8_t* d, std::size_t n)
{
    if (n < 30)
        return std::nullopt;
    const std::uint32_t headerSize = std::uint32_t(d[14] | d[15] << 8 | d[16] << 16 | std::uint32_t(d[17]) << 24);
    DeclaredSize s;
    if (headerSize == 12) {  // OS/2: 16-bit sizes
        s.width = std::uint16_t(d[18] | d[19] << 8);
        s.height = std::uint16_t(d[20] | d[21] << 8);
    } else {
        const auto signed32 = [&](std::size_t at) {
            return std::int32_t(std::uint32_t(d[at] | d[at + 1] << 8 | d[at + 2] << 16 | std::uint32_t(d[at + 3]) << 24));
        };
        s.width = std::uint64_t(std::abs(std::int64_t(signed32(18))));
        s.height = std::uint64_t(std::abs(std::int64_t(signed32(22))));
    }
    s.samplesPerPixel = 4;  // decoded as up to BGRA
    return s;
}

std::optional<DeclaredSize> declaredTiffSize(const std::uint8_t* d, std::size_t n)
{
    if (n < 8)
        return std::nullopt;
    const bool little = d[0] == 'I';
    const auto u16 = [&](std::size_t at) { return little ? std::uint16_t(d[at] | d[at + 1] << 8) : bigEndian16(d + at); };
    const auto u32 = [&](std::size_t at) {
        return little ? std::uint32_t(d[at] | d[at + 1] << 8 | d[at + 2] << 16 | std::uint32_t(d[at + 3]) << 24)
                      : bigEndian32(d + at);
    };
    const std::uint32_t ifd = u32(4);
    if (std::uint64_t(ifd) + 2 > n)
        return std::nullopt;
    const unsigned entries = u16(ifd);
    DeclaredSize s;
    for (unsigned i = 0; i < entries; ++i) {
        const std::size_t at = std::size_t(ifd) + 2 + 12 * std::size_t(i);
        if (at + 12 > n)
            break;
        const unsigned tag = u16(at), type = u16(at + 2);
        const std::uint32_t value = type == 3 ? u16(at + 8) : u32(at + 8);  // SHORT or LONG, first value inline
        switch (tag) {
        case 256: s.width = value; break;
        case 257: s.height = value; break;
        case 258: s.bytesPerSample = type == 3 && u32(at + 4) == 1 ? (value + 7) / 8 : 2; break;
        case 277: s.samplesPerPixel = value; break;
        default: break;
        }
    }
    if (s.width == 0 || s.height == 0)
        return std::nullopt;
    s.bytesPerSample = std::max<std::uint64_t>(1, std::min<std::uint64_t>(s.bytesPerSample, 8));
    return s;
}

void checkDeclaredSize(const std::string& path, const char* formatName, const DeclaredSize& declared,
                       std::uint64_t fileBytes, const DecodeLimits& limits)
{
    const std::string format = formatName;
    if (declared.width == 0 || declared.height == 0)
        throw Error(path, "invalid " + format + ": it declares an image of " + std::to_string(declared.width) + " × " +
                              std::to_string(declared.height) + " pixels");
    if (declared.pixels() > limits.maxPixels)
        throw Error(path, "the " + format + " declares " + std::to_string(declared.width) + " × " +
                              std::to_string(declared.height) + " pixels (" + megapixels(declared.pixels()) +
                              " MP), more than the limit of " + megapixels(limits.maxPixels) +
                              " MP (DecodeLimits::maxPixels); it was not decoded");
    if (declared.frames > limits.maxFrames)
        throw Error(path, "the " + format + " declares " + std::to_string(declared.frames) +
                              " frames, more than the limit of " + std::to_string(limits.maxFrames) +
                              " (DecodeLimits::maxFrames); KneeGrade grades single images; it was not decoded");
    // The compressed bytes, the decoded frames and one working copy are in memory together.
    const std::uint64_t needed = fileBytes + 2 * declared.decodedBytes();
    if (needed > limits.memoryBudgetBytes)
        throw Error(path, "decoding the " + format + " (" + std::to_string(declared.width) + " × " +
                              std::to_string(declared.height) + " × " + std::to_string(declared.frames) +
                              " frames) needs about " + mebibytes(needed) + ", more than the budget of " +
                              mebibytes(limits.memoryBudgetBytes) + " (DecodeLimits::memoryBudgetBytes); it was not decoded");
}

} // namespace kg
