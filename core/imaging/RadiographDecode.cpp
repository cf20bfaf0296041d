#include "core/imaging/RadiographDecode.h"

#include "core/imaging/DecoderPool.h"
#include "core/imaging/DicomDecode.h"
#include "core/imaging/ImageHeader.h"
#include "core/imaging/JpegDecode.h"
#include "core/util/Error.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace kg {
namespace {

enum class Format { Png, Jpeg, Bmp, Tiff, Dicom, Unknown };

const char* formatName(Format format)
{
    switch (format) {
    case Format::Png: return "PNG";
    case Format::Jpeg: return "JPEG";
    case Format::Bmp: return "BMP";
    case Format::Tiff: return "TIFF";
    case Format::Dicom: return "DICOM";
    case Format::Unknown: break;
    }
    return "unknown";
}

std::string lowerExtension(const std::string& path)
{
    const std::string name = fs::path(path).filename().string();
    const auto dot = name.find_last_of('.');
    if (dot == std::string::npos || dot == 0)
        return {};
    std::string ext = name.substr(dot + 1);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return ext;
}

Format formatFromExtension(const std::string& ext)
{
    if (ext == "png")
        return Format::Png;
    if (ext == "jpg" || ext == "jpeg" || ext == "jpe")
        return Format::Jpeg;
    if (ext == "bmp" || ext == "dib")
        return Format::Bmp;
    if (ext == "tif" || ext == "tiff")
        return Format::Tiff;
    if (ext == "dcm" || ext == "dicom" || ext == "dic")
        return Format::Dicom;
    return Format::Unknown;
}

Format sniff(const std::uint8_t* d, std::size_t n, Format byExtension)
{
    // First: a DICOM preamble may legally start with a TIFF header (dual-personality files).
    if (hasDicomPreamble(d, n))
        return Format::Dicom;
    static const std::uint8_t png[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    if (n >= 8 && std::memcmp(d, png, 8) == 0)
        return Format::Png;
    if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
        return Format::Jpeg;
    if (n >= 2 && d[0] == 'B' && d[1] == 'M')
        return Format::Bmp;
    if (n >= 4 && ((d[0] == 'I' && d[1] == 'I' && d[2] == 42 && d[3] == 0) || (d[0] == 'M' && d[1] == 'M' && d[2] == 0 && d[3] == 42)))
        return Format::Tiff;
    // DICOM without preamble: trust a .dcm name, or a data set that starts like one.
    if (byExtension == Format::Dicom || mayBeDicomWithoutPreamble(d, n))
        return Format::Dicom;
    return Format::Unknown;
}

/// Plain words for content we do not read.
std::string describeUnknown(const std::uint8_t* d, std::size_t n)
{
    auto starts = [&](const char* magic) { return n >= std::strlen(magic) && std::memcmp(d, magic, std::strlen(magic)) == 0; };
    if (starts("GIF8"))
        return "GIF images are not supported; convert it to PNG";
    if (starts("RIFF") && n >= 12 && std::memcmp(d + 8, "WEBP", 4) == 0)
        return "WebP images are not supported; convert it to PNG";
    if ((n >= 12 && d[0] == 0 && d[1] == 0 && d[2] == 0 && d[3] == 0x0C && std::memcmp(d + 4, "jP  ", 4) == 0) ||
        (n >= 4 && d[0] == 0xFF && d[1] == 0x4F && d[2] == 0xFF && d[3] == 0x51))
        return "stand-alone JPEG 2000 files are not supported (JPEG 2000 inside DICOM is); convert it to PNG";
    if (starts("%PDF"))
        return "a PDF document, not an image";
    if (starts("PK\x03\x04"))
        return "a ZIP archive, not an image; unpack it first";
    const std::size_t probe = std::min<std::size_t>(n, 256);
    bool text = probe > 0;
    for (std::size_t i = 0; i < probe && text; ++i)
        text = d[i] == '\n' || d[i] == '\r' || d[i] == '\t' || (d[i] >= 0x20 && d[i] < 0x7F) || d[i] >= 0x80;
    if (text)
        return "a text file, not an image";
    return "not an image this program reads (expected PNG, JPEG, BMP, TIFF or DICOM content)";
}

std::uint32_t bigEndian32(const std::uint8_t* p) { return (std::uint32_t(p[0]) << 24) | (p[1] << 16) | (p[2] << 8) | p[3]; }
std::uint32_t littleEndian32(const std::uint8_t* p) { return std::uint32_t(p[0]) | (p[1] << 8) | (p[2] << 16) | (std::uint32_t(p[3]) << 24); }

/// Walks the PNG chunks: a file cut short ends inside a chunk or before IEND.
void checkPngComplete(const std::string& path, const std::uint8_t* d, std::size_t n)
{
    std::size_t pos = 8;
    while (pos + 8 <= n) {
        const std::uint32_t length = bigEndian32(d + pos);
        const std::string type(reinterpret_cast<const char*>(d + pos + 4), 4);
        const bool named = std::all_of(type.begin(), type.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
        if (!named)
            throw Error(path, "corrupt PNG: damaged chunk structure at byte " + std::to_string(pos) + " (" +
                                  std::to_string(n) + " bytes; an interrupted copy or download?)");
        if (std::uint64_t(pos) + 12 + length > n)
            throw Error(path, "truncated PNG: the file ends inside its " + type + " chunk (" + std::to_string(n) +
                                  " bytes; an interrupted copy or download?)");
        if (type == "IEND")
            return;
        pos += 12 + length;
    }
    throw Error(path, "truncated PNG: the file ends before its IEND chunk (" + std::to_string(n) + " bytes)");
}

/// Walks the JPEG markers to the end-of-image marker. libjpeg pads a truncated file with
/// gray and calls it a warning, so without this a cut file would pass as an image.
void checkJpegComplete(const std::string& path, const std::uint8_t* d, std::size_t n)
{
    std::size_t pos = 2;
    bool inScan = false;
    while (pos + 1 < n) {
        if (inScan) {
            const void* ff = std::memchr(d + pos, 0xFF, n - pos);
            if (!ff)
                break;
            pos = std::size_t(static_cast<const std::uint8_t*>(ff) - d);
            if (pos + 1 >= n)
                break;
            const std::uint8_t next = d[pos + 1];
            if (next == 0x00 || next == 0xFF || (next >= 0xD0 && next <= 0xD7)) {  // stuffed byte, fill, restart
                pos += next == 0xFF ? 1 : 2;
                continue;
            }
            inScan = false;
            continue;
        }
        if (d[pos] != 0xFF)
            throw Error(path, "damaged JPEG: expected a marker at byte " + std::to_string(pos));
        const std::uint8_t marker = d[pos + 1];
        if (marker == 0xFF) {
            ++pos;
            continue;
        }
        if (marker == 0xD9)
            return;  // EOI
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
            pos += 2;
            continue;
        }
        if (pos + 4 > n)
            break;
        const std::size_t length = std::size_t(d[pos + 2] << 8 | d[pos + 3]);
        if (length < 2)
            throw Error(path, "damaged JPEG: invalid segment length at byte " + std::to_string(pos));
        pos += 2 + length;
        inScan = marker == 0xDA;
    }
    throw Error(path, "truncated JPEG: the file ends before its end-of-image marker (" + std::to_string(n) +
                          " bytes; an interrupted copy or download?)");
}

/// Uncompressed BMP: the rows the header promises must be in the file.
void checkBmpComplete(const std::string& path, const std::uint8_t* d, std::size_t n)
{
    if (n < 30)
        throw Error(path, "truncated BMP: the file ends inside its header");
    const std::uint32_t offset = littleEndian32(d + 10);
    const std::uint32_t headerSize = littleEndian32(d + 14);
    if (headerSize < 40 || n < 14 + std::size_t(headerSize) || n < 34)
        return;  // old OS/2 headers: leave them to the decoder
    const std::int32_t width = std::int32_t(littleEndian32(d + 18));
    const std::int32_t height = std::int32_t(littleEndian32(d + 22));
    const unsigned bitCount = unsigned(d[28] | (d[29] << 8));
    const std::uint32_t compression = littleEndian32(d + 30);
    if (compression != 0 && compression != 3)
        return;  // RLE: the decoder checks
    const std::uint64_t rowBytes = (std::uint64_t(std::abs(width)) * bitCount + 31) / 32 * 4;
    const std::uint64_t needed = std::uint64_t(offset) + rowBytes * std::uint64_t(std::abs(std::int64_t(height)));
    if (needed > n)
        throw Error(path, "truncated BMP: the header promises " + std::to_string(needed) + " bytes, the file has " +
                              std::to_string(n));
}

/// The per-image window of a deeper-than-8-bit image: its own min..max.
void fillMinMaxWindow(const cv::Mat& image, RadiographInfo& info, double& lo, double& hi)
{
    cv::minMaxLoc(image.reshape(1), &lo, &hi);
    info.windowSource = "image min/max";
    info.windowCenter = (lo + hi) / 2.0;
    info.windowWidth = hi - lo;
}

cv::Mat stretchToEightBit(const cv::Mat& image, RadiographInfo& info)
{
    double lo = 0, hi = 0;
    fillMinMaxWindow(image, info, lo, hi);
    cv::Mat out;
    if (hi > lo)
        image.convertTo(out, CV_8U, 255.0 / (hi - lo), -lo * 255.0 / (hi - lo));
    else if (image.depth() == CV_16U)
        image.convertTo(out, CV_8U, 1.0 / 257.0);  // flat image: keep its absolute level
    else
        image.convertTo(out, CV_8U, 0.0, 0.0);
    return out;
}

/// 16-bit unsigned as stored; signed or float images spread from their min..max over 0..65535.
FullDepthPixels toFullDepth(const cv::Mat& gray)
{
    FullDepthPixels full;
    cv::Mat values;
    if (gray.depth() == CV_16U) {
        values = gray;
    } else {
        double lo = 0, hi = 0;
        cv::minMaxLoc(gray, &lo, &hi);
        full.offset = lo;
        full.scale = hi > lo ? (hi - lo) / 65535.0 : 1.0;
        gray.convertTo(values, CV_16U, 1.0 / full.scale, -lo / full.scale);
    }
    full.values.resize(values.total());
    for (int y = 0; y < values.rows; ++y)
        std::memcpy(full.values.data() + std::size_t(y) * std::size_t(values.cols), values.ptr<std::uint16_t>(y),
                    std::size_t(values.cols) * sizeof(std::uint16_t));
    return full;
}

std::optional<DeclaredSize> declaredSize(Format format, const std::uint8_t* data, std::size_t size)
{
    switch (format) {
    case Format::Png: return declaredPngSize(data, size);
    case Format::Jpeg: return declaredJpegSize(data, size);
    case Format::Bmp: return declaredBmpSize(data, size);
    case Format::Tiff: return declaredTiffSize(data, size);
    default: return std::nullopt;
    }
}

DecodedRadiograph decodeRaster(const std::string& path, const std::uint8_t* data, std::size_t size, Format format,
                               DecodeOutput outputs, const DecodeLimits& limits)
{
    if (const std::optional<DeclaredSize> declared = declaredSize(format, data, size))
        checkDeclaredSize(path, formatName(format), *declared, size, limits);
    else if (format == Format::Tiff)
        throw Error(path, "damaged TIFF: its first image directory has no readable width and height");
    switch (format) {
    case Format::Png: checkPngComplete(path, data, size); break;
    case Format::Jpeg: checkJpegComplete(path, data, size); break;
    case Format::Bmp: checkBmpComplete(path, data, size); break;
    default: break;
    }
    DecodedRadiograph result;
    RadiographInfo& info = result.info;
    info.format = formatName(format);

    cv::Mat image;
    if (format == Format::Jpeg) {
        image = decodeJpeg(path, data, size);
    } else {
        try {
            // Wraps the bytes without copying; ANYDEPTH keeps 16-bit, ANYCOLOR keeps gray gray.
            const cv::Mat bytes(1, int(size), CV_8UC1, const_cast<std::uint8_t*>(data));
            image = cv::imdecode(bytes, cv::IMREAD_ANYDEPTH | cv::IMREAD_ANYCOLOR);
        } catch (const cv::Exception& e) {
            throw Error(path, std::string("damaged ") + info.format + ": " + e.err);
        }
    }
    if (image.empty())
        throw Error(path, std::string("damaged ") + info.format + ": the decoder could not read the pixel data");
    if (image.channels() == 4)
        cv::cvtColor(image, image, cv::COLOR_BGRA2BGR);
    else if (image.channels() == 2)
        cv::cvtColor(image, image, cv::COLOR_GRAY2BGR);  // not produced by OpenCV 4.6; kept for safety
    if (image.depth() != CV_8U && image.depth() != CV_16U && image.depth() != CV_16S && image.depth() != CV_32F)
        image.convertTo(image, CV_32F);

    info.width = image.cols;
    info.height = image.rows;
    info.channels = image.channels();
    info.bitsAllocated = int(image.elemSize1() * 8);
    info.bitsStored = info.bitsAllocated;
    info.isSigned = image.depth() == CV_16S;

    const int wanted = int(outputs);
    if (wanted & int(DecodeOutput::EightBit))
        result.eightBit = image.depth() == CV_8U ? image : stretchToEightBit(image, info);
    else if (image.depth() != CV_8U) {
        double lo = 0, hi = 0;
        fillMinMaxWindow(image, info, lo, hi);
    }
    if (wanted & int(DecodeOutput::Native))
        result.native = image;
    if ((wanted & int(DecodeOutput::FullDepth)) && image.channels() == 1 && image.depth() != CV_8U)
        result.fullDepth = toFullDepth(image);
    return result;
}

/// Reads a regular file into `bytes` (reused by the caller between files). Opening never
/// blocks (O_NONBLOCK: a FIFO or device is refused, not waited on).
void readFileInto(const std::string& path, std::vector<std::uint8_t>& bytes, std::uint64_t maxBytes)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        const int error = errno;
        std::error_code ec;
        const fs::file_status status = fs::status(path, ec);
        if (!fs::exists(status))
            throw Error(path, "file does not exist");
        if (fs::is_directory(status))
            throw Error(path, "is a folder, not an image file");
        throw Error(path, std::string("cannot be opened: ") + std::strerror(error));
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat info {};
    if (::fstat(fd, &info) != 0)
        throw Error(path, std::string("cannot be read: ") + std::strerror(errno));
    if (S_ISDIR(info.st_mode))
        throw Error(path, "is a folder, not an image file");
    if (!S_ISREG(info.st_mode))
        throw Error(path, std::string("is not a regular file (") +
                              (S_ISFIFO(info.st_mode) ? "a FIFO" : S_ISSOCK(info.st_mode) ? "a socket" : "a device") +
                              "); only image files are read");
    if (std::uint64_t(info.st_size) > maxBytes)
        throw Error(path, "the file has " + std::to_string(info.st_size >> 20) + " MiB, more than the limit of " +
                              std::to_string(maxBytes >> 20) + " MiB for one image (DecodeLimits::maxFileBytes)");
    bytes.resize(std::size_t(info.st_size));
    std::size_t got = 0;
    while (got < bytes.size()) {
        const ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            throw Error(path, "read error: " + std::string(std::strerror(errno)));
        if (n == 0)
            break;  // the file shrank while we read it
        got += std::size_t(n);
    }
    bytes.resize(got);
    if (bytes.empty())
        throw Error(path, "file is empty (0 bytes)");
}

} // namespace

std::vector<std::uint8_t> readRadiographFile(const std::string& path, std::uint64_t maxBytes)
{
    std::vector<std::uint8_t> bytes;
    readFileInto(path, bytes, maxBytes);
    return bytes;
}

DecodedRadiograph decodeRadiographBuffer(const std::string& path, const std::uint8_t* data, std::size_t size,
                                         DecodeOutput outputs, const RadiographLoadOptions& options)
{
    if (size == 0)
        throw Error(path, "file is empty (0 bytes)");
    const Format format = sniff(data, size, formatFromExtension(lowerExtension(path)));
    const bool untrusted = format == Format::Dicom || format == Format::Tiff;
    if (format != Format::Unknown)
        if (const std::shared_ptr<DecoderPool> pool = radiographDecoderPool(untrusted))
            return pool->decode(path, formatName(format), data, size, outputs, options);
    return decodeRadiographBufferInProcess(path, data, size, outputs, options);
}

DecodedRadiograph decodeRadiographBufferInProcess(const std::string& path, const std::uint8_t* data, std::size_t size,
                                                  DecodeOutput outputs, const RadiographLoadOptions& options)
{
    if (size == 0)
        throw Error(path, "file is empty (0 bytes)");
    const std::string extension = lowerExtension(path);
    const Format byExtension = formatFromExtension(extension);
    const Format format = sniff(data, size, byExtension);
    if (format == Format::Unknown)
        throw Error(path, describeUnknown(data, size));

    DecodedRadiograph result;
    if (format == Format::Dicom) {
        DicomDecoded dicom = decodeDicom(path, data, size, options, (int(outputs) & int(DecodeOutput::FullDepth)) != 0);
        result.info = std::move(dicom.info);
        result.fullDepth = std::move(dicom.fullDepth);
        if (int(outputs) & int(DecodeOutput::Native))
            result.native = dicom.stored;
        if (int(outputs) & int(DecodeOutput::EightBit))
            result.eightBit = dicom.eightBit;
    } else {
        result = decodeRaster(path, data, size, format, outputs, options.limits);
    }
    if (byExtension != Format::Unknown && byExtension != format)
        result.info.warnings.push_back("the file name ends in ." + extension + " but the content is " + formatName(format));
    return result;
}

cv::Mat decodeRadiographForModel(const std::string& path)
{
    thread_local std::vector<std::uint8_t> bytes;  // reused: no allocation per image in the loader
    readFileInto(path, bytes, DecodeLimits{}.maxFileBytes);
    cv::Mat image = decodeRadiographBuffer(path, bytes.data(), bytes.size(), DecodeOutput::EightBit).eightBit;
    if (bytes.capacity() > (std::size_t(64) << 20))
        std::vector<std::uint8_t>().swap(bytes);  // do not keep a huge DICOM's buffer per thread
    return image;
}

cv::Mat decodeRadiographNative(const std::string& path, RadiographInfo* info)
{
    const std::vector<std::uint8_t> bytes = readRadiographFile(path);
    DecodedRadiograph decoded = decodeRadiographBuffer(path, bytes.data(), bytes.size(), DecodeOutput::Native);
    if (info)
        *info = std::move(decoded.info);
    return decoded.native;
}

} // namespace kg
