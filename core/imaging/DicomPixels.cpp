#include "core/imaging/DicomPixels.h"

#include <cstdint>
#include <functional>
#include <limits>

namespace kg::dicom {

namespace {

/// The stored values present in the image (min..max) and the modality values they map to.
struct ModalityRange {
    int firstStored = 0, lastStored = 0;
    double lo = 0.0, hi = 0.0;
};

ModalityRange modalityRange(const cv::Mat& stored, const GrayPipeline& pipeline)
{
    double minStored = 0, maxStored = 0;
    cv::minMaxLoc(stored, &minStored, &maxStored);
    ModalityRange range{int(minStored), int(maxStored), std::numeric_limits<double>::max(),
                        std::numeric_limits<double>::lowest()};
    for (int v = range.firstStored; v <= range.lastStored; ++v) {
        range.lo = std::min(range.lo, pipeline.modality(v));
        range.hi = std::max(range.hi, pipeline.modality(v));
    }
    return range;
}

} // namespace

/// Clears bits outside BitsStored (overlays, garbage) and sign-extends signed values.
void cleanStoredBits(cv::Mat& stored, int bitsStored, int highBit, bool isSigned)
{
    const int containerBits = stored.depth() == CV_8U || stored.depth() == CV_8S ? 8 : 16;
    const int shift = std::max(0, highBit + 1 - bitsStored);
    if (bitsStored >= containerBits && shift == 0)
        return;
    const int total = int(stored.total() * size_t(stored.channels()));
    if (containerBits == 16) {
        auto* p = reinterpret_cast<std::uint16_t*>(stored.data);
        const std::uint16_t mask = std::uint16_t((1u << bitsStored) - 1u);
        for (int i = 0; i < total; ++i) {
            const std::uint16_t v = std::uint16_t((p[i] >> shift) & mask);
            p[i] = isSigned ? std::uint16_t(std::int16_t(std::uint16_t(v << (16 - bitsStored))) >> (16 - bitsStored)) : v;
        }
    } else {
        auto* p = stored.data;
        const std::uint8_t mask = std::uint8_t((1u << bitsStored) - 1u);
        for (int i = 0; i < total; ++i) {
            const std::uint8_t v = std::uint8_t((p[i] >> shift) & mask);
            p[i] = isSigned ? std::uint8_t(std::int8_t(std::uint8_t(v << (8 - bitsStored))) >> (8 - bitsStored)) : v;
        }
    }
}

/// DICOM YBR_FULL (full-range ITU-R BT.601) to RGB, in place, 8-bit interleaved.
void ybrFullToRgb(cv::Mat& image)
{
    for (int y = 0; y < image.rows; ++y) {
        auto* p = image.ptr<std::uint8_t>(y);
        for (int x = 0; x < image.cols; ++x, p += 3) {
            const double Y = p[0], cb = p[1] - 128.0, cr = p[2] - 128.0;
            p[0] = cv::saturate_cast<std::uint8_t>(Y + 1.402 * cr);
            p[1] = cv::saturate_cast<std::uint8_t>(Y - 0.344136 * cb - 0.714136 * cr);
            p[2] = cv::saturate_cast<std::uint8_t>(Y + 1.772 * cb);
        }
    }
}

/// Interleaved RGB (R first, as DICOM stores it) → BGR in place.
void rgbToBgr(cv::Mat& image)
{
    const int total = int(image.total());
    if (image.depth() == CV_8U) {
        auto* p = image.ptr<std::uint8_t>();
        for (int i = 0; i < total; ++i, p += 3)
            std::swap(p[0], p[2]);
    } else {
        auto* p = reinterpret_cast<std::uint16_t*>(image.data);
        for (int i = 0; i < total; ++i, p += 3)
            std::swap(p[0], p[2]);
    }
}

/// Maps every possible stored value to 8 bits through modality → VOI → inversion, then
/// applies the table to the image (one lookup per pixel).
cv::Mat grayToEightBit(const cv::Mat& stored, int bitsStored, bool isSigned, const GrayPipeline& pipeline,
                       RadiographInfo& info)
{
    const int lowest = isSigned ? -(1 << (bitsStored - 1)) : 0;
    const int highest = isSigned ? (1 << (bitsStored - 1)) - 1 : (1 << bitsStored) - 1;

    std::function<double(double)> voi;  // modality value → [0, 1]
    if (pipeline.voiLut) {
        const Lut& lut = *pipeline.voiLut;
        const double outMax = std::ldexp(1.0, lut.bits) - 1.0;
        voi = [&lut, outMax](double m) { return lut(m) / outMax; };
        info.windowSource = "VOI LUT";
        info.windowWidth = double(lut.entries.size());
        info.windowCenter = lut.firstMapped + lut.entries.size() / 2.0;
    } else if (pipeline.center && pipeline.width && *pipeline.width >= (pipeline.function == VoiFunction::Linear ? 1.0 : 1e-9)) {
        const double c = *pipeline.center, w = *pipeline.width;
        info.windowSource = "file";
        info.windowCenter = c;
        info.windowWidth = w;
        switch (pipeline.function) {
        case VoiFunction::Linear:  // DICOM PS3.3 C.11.2.1.2.1
            voi = [c, w](double m) {
                if (w <= 1.0)
                    return m > c - 0.5 ? 1.0 : 0.0;
                return std::clamp((m - (c - 0.5)) / (w - 1.0) + 0.5, 0.0, 1.0);
            };
            break;
        case VoiFunction::LinearExact:
            voi = [c, w](double m) { return std::clamp((m - c) / w + 0.5, 0.0, 1.0); };
            break;
        case VoiFunction::Sigmoid:
            voi = [c, w](double m) { return 1.0 / (1.0 + std::exp(-4.0 * (m - c) / w)); };
            break;
        }
    } else {
        if (pipeline.center || pipeline.width)
            info.warnings.push_back("the window in the file is invalid (width < 1); windowed to the image's min/max instead");
        const bool identity8 = !isSigned && bitsStored == 8 && !pipeline.modalityLut && pipeline.slope == 1.0 &&
                               pipeline.intercept == 0.0;
        double lo = 0.0, hi = 255.0;  // 8-bit data without a window: shown as stored, like an 8-bit PNG
        if (!identity8) {
            const ModalityRange range = modalityRange(stored, pipeline);
            lo = range.lo;
            hi = range.hi;
            info.windowSource = "image min/max";
            info.windowCenter = (lo + hi) / 2.0;
            info.windowWidth = hi - lo;
        }
        voi = [lo, hi](double m) { return hi > lo ? std::clamp((m - lo) / (hi - lo), 0.0, 1.0) : 0.0; };
    }

    std::vector<std::uint8_t> table(size_t(highest - lowest + 1));
    for (int v = lowest; v <= highest; ++v) {
        double y = voi(pipeline.modality(v));
        if (pipeline.invert)
            y = 1.0 - y;
        table[size_t(v - lowest)] = std::uint8_t(std::lround(y * 255.0));
    }
    info.inverted = pipeline.invert;

    cv::Mat out(stored.rows, stored.cols, CV_8UC1);
    const int total = int(stored.total());
    std::uint8_t* o = out.data;
    switch (stored.depth()) {
    case CV_8U: for (int i = 0; i < total; ++i) o[i] = table[stored.data[i]]; break;
    case CV_8S: {
        const auto* s = reinterpret_cast<const std::int8_t*>(stored.data);
        for (int i = 0; i < total; ++i)
            o[i] = table[size_t(s[i] - lowest)];
        break;
    }
    case CV_16U: {
        const auto* s = reinterpret_cast<const std::uint16_t*>(stored.data);
        for (int i = 0; i < total; ++i)
            o[i] = table[s[i]];
        break;
    }
    default: {
        const auto* s = reinterpret_cast<const std::int16_t*>(stored.data);
        for (int i = 0; i < total; ++i)
            o[i] = table[size_t(s[i] - lowest)];
        break;
    }
    }
    return out;
}

/// The modality values (rescale or modality LUT) of every pixel, spread linearly over 0..65535
/// from the lowest to the highest value present: a viewer windows these in modality units.
FullDepthPixels modalityFullDepth(const cv::Mat& stored, const GrayPipeline& pipeline)
{
    const ModalityRange range = modalityRange(stored, pipeline);
    FullDepthPixels full;
    full.offset = range.lo;
    full.scale = range.hi > range.lo ? (range.hi - range.lo) / 65535.0 : 1.0;
    std::vector<std::uint16_t> table(size_t(range.lastStored - range.firstStored + 1));
    for (int v = range.firstStored; v <= range.lastStored; ++v)
        table[size_t(v - range.firstStored)] = std::uint16_t(std::lround(full.fromReal(pipeline.modality(v))));

    const int total = int(stored.total());
    full.values.resize(size_t(total));
    const int first = range.firstStored;
    auto convert = [&](const auto* s) {
        for (int i = 0; i < total; ++i)
            full.values[size_t(i)] = table[size_t(int(s[i]) - first)];
    };
    switch (stored.depth()) {
    case CV_8U: convert(stored.ptr<std::uint8_t>()); break;
    case CV_8S: convert(stored.ptr<std::int8_t>()); break;
    case CV_16U: convert(stored.ptr<std::uint16_t>()); break;
    default: convert(stored.ptr<std::int16_t>()); break;
    }
    return full;
}

cv::Mat colourToEightBit(const cv::Mat& stored, int bitsStored)
{
    if (stored.depth() == CV_8U)
        return stored;
    cv::Mat out;
    stored.convertTo(out, CV_8U, 255.0 / (std::ldexp(1.0, bitsStored) - 1.0));
    return out;
}

} // namespace kg::dicom
