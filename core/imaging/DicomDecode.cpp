#include "core/imaging/DicomDecode.h"

#include "core/imaging/DicomPrecheck.h"
#include "core/util/Error.h"

#include <gdcmDataSet.h>
#include <gdcmFile.h>
#include <gdcmImage.h>
#include <gdcmImageApplyLookupTable.h>
#include <gdcmImageReader.h>
#include <gdcmPhotometricInterpretation.h>
#include <gdcmReader.h>
#include <gdcmSequenceOfItems.h>
#include <gdcmTrace.h>
#include <gdcmTransferSyntax.h>
#include <gdcmUIDs.h>

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <istream>
#include <limits>
#include <mutex>
#include <optional>
#include <sstream>
#include <streambuf>

namespace kg {
namespace {

// --- GDCM plumbing --------------------------------------------------------------------------

/// Read-only, seekable view of a byte buffer for gdcm::Reader::SetStream (no copy).
class MemoryStreamBuffer : public std::streambuf {
public:
    MemoryStreamBuffer(const std::uint8_t* data, std::size_t size)
    {
        char* begin = reinterpret_cast<char*>(const_cast<std::uint8_t*>(data));
        setg(begin, begin, begin + size);
    }

protected:
    pos_type seekoff(off_type offset, std::ios_base::seekdir dir, std::ios_base::openmode) override
    {
        char* base = dir == std::ios_base::beg ? eback() : dir == std::ios_base::cur ? gptr() : egptr();
        char* target = base + offset;
        if (target < eback() || target > egptr())
            return pos_type(off_type(-1));
        setg(eback(), target, egptr());
        return pos_type(off_type(target - eback()));
    }
    pos_type seekpos(pos_type position, std::ios_base::openmode which) override
    {
        return seekoff(off_type(position), std::ios_base::beg, which);
    }
};

std::mutex& gdcmMutex()
{
    static std::mutex mutex;
    return mutex;
}

/// Routes GDCM's trace output into a string for the duration of one decode (the caller
/// holds gdcmMutex), then restores the previous streams and flags.
class TraceCapture {
public:
    TraceCapture()
        : debugStream_(&gdcm::Trace::GetDebugStream()), warningStream_(&gdcm::Trace::GetWarningStream()),
          errorStream_(&gdcm::Trace::GetErrorStream()), debug_(gdcm::Trace::GetDebugFlag()),
          warning_(gdcm::Trace::GetWarningFlag()), error_(gdcm::Trace::GetErrorFlag())
    {
        gdcm::Trace::SetStream(text_);
        gdcm::Trace::DebugOff();
        gdcm::Trace::WarningOn();  // truncation is only reported as a warning
        gdcm::Trace::ErrorOn();
    }
    ~TraceCapture()
    {
        gdcm::Trace::SetDebugStream(*debugStream_);
        gdcm::Trace::SetWarningStream(*warningStream_);
        gdcm::Trace::SetErrorStream(*errorStream_);
        gdcm::Trace::SetDebug(debug_);
        gdcm::Trace::SetWarning(warning_);
        gdcm::Trace::SetError(error_);
    }
    TraceCapture(const TraceCapture&) = delete;
    TraceCapture& operator=(const TraceCapture&) = delete;

    std::string text() const { return text_.str(); }
    void clear() { text_.str(""); }

private:
    std::ostringstream text_;
    std::ostream* debugStream_;
    std::ostream* warningStream_;
    std::ostream* errorStream_;
    bool debug_, warning_, error_;
};

/// The message lines of GDCM "Error:"/"Warning:" trace entries (without source locations).
std::vector<std::string> traceMessages(const std::string& trace, bool errorsOnly)
{
    std::vector<std::string> messages;
    std::istringstream lines(trace);
    std::string line;
    bool inError = false;
    while (std::getline(lines, line)) {
        if (line.rfind("Error: In ", 0) == 0 || line.rfind("Warning: In ", 0) == 0 || line.rfind("Debug: In ", 0) == 0) {
            inError = line.rfind("Error", 0) == 0;
            continue;
        }
        if (line.empty() || line.find("gdcmException.h") != std::string::npos || line.find("pvrg") != std::string::npos)
            continue;
        if (!errorsOnly || inError)
            messages.push_back(line);
    }
    return messages;
}

std::string joined(const std::vector<std::string>& parts, const char* separator)
{
    std::string out;
    for (const auto& part : parts)
        out += (out.empty() ? "" : separator) + part;
    return out;
}

// --- data set access -------------------------------------------------------------------------

std::string trimmed(std::string text)
{
    while (!text.empty() && (text.back() == ' ' || text.back() == '\0'))
        text.pop_back();
    const auto first = text.find_first_not_of(' ');
    return first == std::string::npos ? std::string() : text.substr(first);
}

const gdcm::ByteValue* byteValue(const gdcm::DataSet& ds, std::uint16_t group, std::uint16_t element)
{
    const gdcm::Tag tag(group, element);
    if (!ds.FindDataElement(tag))
        return nullptr;
    const gdcm::DataElement& de = ds.GetDataElement(tag);
    return de.IsEmpty() ? nullptr : de.GetByteValue();
}

std::string stringTag(const gdcm::DataSet& ds, std::uint16_t group, std::uint16_t element)
{
    const gdcm::ByteValue* bv = byteValue(ds, group, element);
    return bv ? trimmed(std::string(bv->GetPointer(), bv->GetLength())) : std::string();
}

/// First value of a decimal-string (DS) tag.
std::optional<double> decimalTag(const gdcm::DataSet& ds, std::uint16_t group, std::uint16_t element)
{
    std::string text = stringTag(ds, group, element);
    if (const auto backslash = text.find('\\'); backslash != std::string::npos)
        text.erase(backslash);
    text = trimmed(text);
    if (text.empty())
        return std::nullopt;
    try {
        size_t used = 0;
        const double value = std::stod(text, &used);
        return std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::optional<int> integerStringTag(const gdcm::DataSet& ds, std::uint16_t group, std::uint16_t element)
{
    const std::optional<double> value = decimalTag(ds, group, element);
    return value ? std::optional<int>(int(*value)) : std::nullopt;
}

/// A DICOM LUT (modality or VOI): `entries` values for inputs firstMapped, firstMapped+1, ….
struct Lut {
    int firstMapped = 0;
    int bits = 16;
    std::vector<double> entries;

    double operator()(double input) const
    {
        const double index = std::clamp(std::round(input) - firstMapped, 0.0, double(entries.size() - 1));
        return entries[size_t(index)];
    }
};

/// Reads the first item of a LUT sequence, or nullopt (with a warning) when it is unusable.
std::optional<Lut> readLut(const gdcm::DataSet& ds, std::uint16_t element, bool signedInput, const char* what,
                           std::vector<std::string>& warnings)
{
    const gdcm::Tag tag(0x0028, element);
    if (!ds.FindDataElement(tag))
        return std::nullopt;
    gdcm::SmartPointer<gdcm::SequenceOfItems> sequence = ds.GetDataElement(tag).GetValueAsSQ();
    if (!sequence || sequence->GetNumberOfItems() == 0)
        return std::nullopt;
    const gdcm::DataSet& item = sequence->GetItem(1).GetNestedDataSet();
    const gdcm::ByteValue* descriptor = byteValue(item, 0x0028, 0x3002);
    const gdcm::ByteValue* data = byteValue(item, 0x0028, 0x3006);
    if (!descriptor || descriptor->GetLength() < 6 || !data) {
        warnings.push_back(std::string("ignored the ") + what + ": its descriptor or data is missing");
        return std::nullopt;
    }
    std::uint16_t words[3];
    std::memcpy(words, descriptor->GetPointer(), sizeof words);
    Lut lut;
    const size_t count = words[0] == 0 ? 65536 : words[0];
    lut.firstMapped = signedInput ? int(std::int16_t(words[1])) : int(words[1]);
    lut.bits = words[2];
    const size_t bytes = data->GetLength();
    const auto* raw = reinterpret_cast<const std::uint8_t*>(data->GetPointer());
    lut.entries.resize(count);
    if (bytes >= 2 * count && lut.bits > 8) {
        for (size_t i = 0; i < count; ++i)
            lut.entries[i] = double(std::uint16_t(raw[2 * i] | (raw[2 * i + 1] << 8)));
    } else if (bytes >= 2 * count) {  // 8-bit entries stored one per 16-bit word
        for (size_t i = 0; i < count; ++i)
            lut.entries[i] = double(raw[2 * i]);
    } else if (bytes >= count) {
        for (size_t i = 0; i < count; ++i)
            lut.entries[i] = double(raw[i]);
    } else {
        warnings.push_back(std::string("ignored the ") + what + ": it has fewer entries than its descriptor says");
        return std::nullopt;
    }
    // Some files declare 16 bits for 12-bit tables or the reverse; trust the data's range.
    const double largest = *std::max_element(lut.entries.begin(), lut.entries.end());
    while (lut.bits < 16 && largest > std::ldexp(1.0, lut.bits) - 1)
        ++lut.bits;
    return lut;
}

// --- pixel clean-up -------------------------------------------------------------------------

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

// --- grayscale display pipeline -------------------------------------------------------------

enum class VoiFunction { Linear, LinearExact, Sigmoid };

struct GrayPipeline {
    std::optional<Lut> modalityLut;
    double slope = 1.0, intercept = 0.0;
    std::optional<Lut> voiLut;
    std::optional<double> center, width;  // from the file
    VoiFunction function = VoiFunction::Linear;
    bool invert = false;

    /// Stored value → modality value (modality LUT, else rescale).
    double modality(int stored) const { return modalityLut ? (*modalityLut)(stored) : stored * slope + intercept; }
};

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

bool isJpegFamily(const gdcm::TransferSyntax& ts)
{
    switch (ts) {
    case gdcm::TransferSyntax::JPEGBaselineProcess1:
    case gdcm::TransferSyntax::JPEGExtendedProcess2_4:
    case gdcm::TransferSyntax::JPEGExtendedProcess3_5:
    case gdcm::TransferSyntax::JPEGSpectralSelectionProcess6_8:
    case gdcm::TransferSyntax::JPEGFullProgressionProcess10_12:
    case gdcm::TransferSyntax::JPEGLosslessProcess14:
    case gdcm::TransferSyntax::JPEGLosslessProcess14_1:
    case gdcm::TransferSyntax::JPEG2000Lossless:
    case gdcm::TransferSyntax::JPEG2000:
    case gdcm::TransferSyntax::JPEG2000Part2Lossless:
    case gdcm::TransferSyntax::JPEG2000Part2:
        return true;
    default:
        return false;
    }
}

void readMetadata(const gdcm::DataSet& ds, const RadiographLoadOptions& options, RadiographInfo& info)
{
    info.modality = stringTag(ds, 0x0008, 0x0060);
    info.bodyPart = stringTag(ds, 0x0018, 0x0015);
    info.viewPosition = stringTag(ds, 0x0018, 0x5101);
    info.patientOrientation = stringTag(ds, 0x0020, 0x0020);
    info.laterality = stringTag(ds, 0x0020, 0x0062);
    if (info.laterality.empty())
        info.laterality = stringTag(ds, 0x0020, 0x0060);
    if (stringTag(ds, 0x0028, 0x2110) == "01")
        info.lossyCompression = true;
    if (!options.includePatientIdentity)
        return;  // identifiers are never copied out of GDCM's data set unless asked for
    PatientIdentity patient;
    patient.name = stringTag(ds, 0x0010, 0x0010);
    patient.id = stringTag(ds, 0x0010, 0x0020);
    patient.otherIds = stringTag(ds, 0x0010, 0x1000);
    patient.birthDate = stringTag(ds, 0x0010, 0x0030);
    patient.sex = stringTag(ds, 0x0010, 0x0040);
    patient.accessionNumber = stringTag(ds, 0x0008, 0x0050);
    patient.studyDate = stringTag(ds, 0x0008, 0x0020);
    patient.institution = stringTag(ds, 0x0008, 0x0080);
    info.patient = patient;
}

} // namespace

bool hasDicomPreamble(const std::uint8_t* data, std::size_t size)
{
    return size >= 132 && std::memcmp(data + 128, "DICM", 4) == 0;
}

bool mayBeDicomWithoutPreamble(const std::uint8_t* data, std::size_t size)
{
    if (size < 8)
        return false;
    const unsigned group = unsigned(data[0] | (data[1] << 8));
    const unsigned element = unsigned(data[2] | (data[3] << 8));
    return (group == 0x0002 || group == 0x0008) && element < 0x0100;
}

DicomDecoded decodeDicom(const std::string& path, const std::uint8_t* data, std::size_t size,
                         const RadiographLoadOptions& options, bool fullDepth)
{
    DicomDecoded result;
    RadiographInfo& info = result.info;
    info.format = "DICOM";
    info.isDicom = true;
    const DicomHeader header = checkDicomStructure(path, data, size, options.limits);
    data = header.canonical.data();  // GDCM reads only what DCMTK wrote
    size = header.canonical.size();

    std::lock_guard<std::mutex> lock(gdcmMutex());
    TraceCapture trace;
    MemoryStreamBuffer buffer(data, size);
    std::istream stream(&buffer);
    gdcm::ImageReader reader;
    reader.SetStream(stream);
    bool readOk = false;
    try {
        readOk = reader.Read();
    } catch (const std::exception& e) {
        throw Error(path, std::string("not a readable DICOM file (GDCM: ") + e.what() + ")");
    }
    if (!readOk) {
        // Tell "DICOM without an image" (report, DICOMDIR) from "not DICOM at all".
        MemoryStreamBuffer again(data, size);
        std::istream plainStream(&again);
        gdcm::Reader plain;
        plain.SetStream(plainStream);
        bool isDicom = false;
        try {
            isDicom = plain.Read();
        } catch (const std::exception&) {
        }
        if (isDicom && !plain.GetFile().GetDataSet().FindDataElement(gdcm::Tag(0x7fe0, 0x0010)))
            throw Error(path, "DICOM file without an image (no Pixel Data): it may be a report, a DICOMDIR or a "
                              "presentation state");
        const std::string detail = joined(traceMessages(trace.text(), true), "; ");
        throw Error(path, isDicom ? "DICOM file whose image GDCM cannot interpret" + (detail.empty() ? "" : " (" + detail + ")")
                                  : "not a valid DICOM file (GDCM cannot parse it" +
                                        (detail.empty() ? std::string(")") : ": " + detail + ")"));
    }

    const gdcm::File& file = reader.GetFile();
    const gdcm::DataSet& ds = file.GetDataSet();
    const gdcm::Image& image = reader.GetImage();
    const gdcm::TransferSyntax ts = image.GetTransferSyntax();
    info.transferSyntax = trimmed(ts.GetString() ? ts.GetString() : "");
    {
        gdcm::UIDs uids;
        if (!info.transferSyntax.empty() && uids.SetFromUID(info.transferSyntax.c_str()) && uids.GetName())
            info.transferSyntaxName = uids.GetName();
    }
    info.lossyCompression = ts.IsLossy();
    readMetadata(ds, options, info);

    const gdcm::PixelFormat& pf = image.GetPixelFormat();
    const unsigned* dims = image.GetDimensions();
    const int cols = int(dims[0]), rows = int(dims[1]);
    const int frames = image.GetNumberOfDimensions() >= 3 ? int(std::max(1u, dims[2])) : 1;
    const int spp = pf.GetSamplesPerPixel();
    info.width = cols;
    info.height = rows;
    info.frames = frames;
    info.bitsAllocated = pf.GetBitsAllocated();
    info.bitsStored = pf.GetBitsStored();
    info.isSigned = pf.GetPixelRepresentation() == 1;
    gdcm::PhotometricInterpretation pi = image.GetPhotometricInterpretation();
    info.photometric = trimmed(pi.GetString() ? pi.GetString() : "");
    if (cols <= 0 || rows <= 0)
        throw Error(path, "DICOM image has no size (Rows/Columns missing or zero)");
    if (spp != 1 && spp != 3)
        throw Error(path, "unsupported DICOM image: " + std::to_string(spp) + " samples per pixel (expected 1 or 3)");
    if (info.bitsAllocated != 8 && info.bitsAllocated != 16)
        throw Error(path, "unsupported DICOM image: " + std::to_string(info.bitsAllocated) +
                              " bits allocated per sample (8- and 16-bit images are supported)");
    if (info.bitsStored < 1 || info.bitsStored > info.bitsAllocated)
        throw Error(path, "invalid DICOM image: BitsStored " + std::to_string(info.bitsStored) + " with BitsAllocated " +
                              std::to_string(info.bitsAllocated));
    if (frames > 1)
        info.warnings.push_back("multi-frame file (" + std::to_string(frames) + " frames): only the first frame is used");

    // Decode all frames GDCM holds (it decodes whole pixel data), keep the first.
    const int depth = info.bitsAllocated == 8 ? (info.isSigned ? CV_8S : CV_8U) : (info.isSigned ? CV_16S : CV_16U);
    const std::uint64_t frameBytes = std::uint64_t(rows) * std::uint64_t(cols) * std::uint64_t(spp) * std::uint64_t(info.bitsAllocated / 8);
    const std::uint64_t bufferBytes = image.GetBufferLength();
    if (bufferBytes < frameBytes)
        throw Error(path, "invalid DICOM image: pixel data size does not match Rows × Columns × samples");

    // GDCM reads truncated pixel data as if it were whole; it only says so in its trace
    // (while reading the data set, or while decoding the fragments).
    const std::string readTrace = trace.text();
    auto throwIfTruncated = [&](const std::string& text) {
        for (const char* marker : {"Incomplete Pixel Data", "Fragment could not be read", "Pixel Data Fragment could be corrupted"}) {
            if (text.find(marker) != std::string::npos)
                throw Error(path, "truncated DICOM file: the pixel data ends before the image is complete (" +
                                      std::string(marker) + ")");
        }
    };
    throwIfTruncated(readTrace);

    gdcm::Image paletteApplied;
    const gdcm::Image* source = &image;
    const bool palette = pi == gdcm::PhotometricInterpretation::PALETTE_COLOR;
    trace.clear();
    std::vector<char> pixels;
    bool decoded = false;
    if (palette) {
        gdcm::ImageApplyLookupTable apply;
        apply.SetInput(image);
        decoded = apply.Apply();
        if (decoded) {
            paletteApplied = apply.GetOutput();
            source = &paletteApplied;
        }
    }
    if (!palette || decoded) {
        pixels.resize(size_t(source->GetBufferLength()));
        decoded = source->GetBuffer(pixels.data());
    }
    const std::string decodeTrace = trace.text();
    throwIfTruncated(decodeTrace);
    if (!decoded) {
        const std::string detail = joined(traceMessages(decodeTrace, true), "; ");
        throw Error(path, "cannot decode the " + (info.transferSyntaxName.empty() ? "DICOM" : info.transferSyntaxName) +
                              " pixel data" + (detail.empty() ? "" : " (GDCM: " + detail + ")") +
                              "; the compressed image is damaged or uses an unsupported variant");
    }

    if (palette) {
        const gdcm::PixelFormat& outFormat = source->GetPixelFormat();
        const int outDepth = outFormat.GetBitsAllocated() == 8 ? CV_8U : CV_16U;
        result.stored = cv::Mat(rows, cols, CV_MAKETYPE(outDepth, 3), pixels.data()).clone();
        rgbToBgr(result.stored);
        info.bitsAllocated = outFormat.GetBitsAllocated();
        info.bitsStored = outFormat.GetBitsAllocated();
        info.isSigned = false;
        info.channels = 3;
        result.eightBit = colourToEightBit(result.stored, info.bitsStored);
        return result;
    }

    cv::Mat first(rows, cols, CV_MAKETYPE(depth, spp));
    if (spp == 3 && source->GetPlanarConfiguration() == 1 && !isJpegFamily(ts)) {
        // RRR…GGG…BBB → RGB RGB … (JPEG codecs already return interleaved samples).
        const size_t plane = size_t(rows) * size_t(cols) * size_t(info.bitsAllocated / 8);
        std::vector<cv::Mat> planes;
        for (int c = 0; c < 3; ++c)
            planes.emplace_back(rows, cols, depth, pixels.data() + c * plane);
        cv::merge(planes, first);
    } else {
        std::memcpy(first.data, pixels.data(), size_t(frameBytes));
    }
    pixels = {};
    info.channels = spp;
    cleanStoredBits(first, info.bitsStored, pf.GetHighBit(), info.isSigned);

    if (spp == 3) {
        const bool ybr = pi == gdcm::PhotometricInterpretation::YBR_FULL || pi == gdcm::PhotometricInterpretation::YBR_FULL_422;
        if (ybr && !isJpegFamily(ts)) {
            if (first.depth() != CV_8U)
                throw Error(path, "unsupported DICOM image: 16-bit " + info.photometric + " colour");
            ybrFullToRgb(first);
        } else if (pi != gdcm::PhotometricInterpretation::RGB && !ybr && pi != gdcm::PhotometricInterpretation::YBR_ICT &&
                   pi != gdcm::PhotometricInterpretation::YBR_RCT) {
            throw Error(path, "unsupported DICOM colour image: photometric interpretation " + info.photometric);
        }
        rgbToBgr(first);
        result.stored = first;
        result.eightBit = colourToEightBit(first, info.bitsStored);
        return result;
    }

    const bool monochrome1 = pi == gdcm::PhotometricInterpretation::MONOCHROME1;
    if (!monochrome1 && pi != gdcm::PhotometricInterpretation::MONOCHROME2)
        throw Error(path, "unsupported DICOM gray image: photometric interpretation " + info.photometric);
    result.stored = first;

    GrayPipeline pipeline;
    pipeline.modalityLut = readLut(ds, 0x3000, info.isSigned, "Modality LUT", info.warnings);
    info.modalityLut = pipeline.modalityLut.has_value();
    pipeline.slope = image.GetSlope();
    pipeline.intercept = image.GetIntercept();
    if (!std::isfinite(pipeline.slope) || pipeline.slope == 0.0) {
        info.warnings.push_back("the rescale slope in the file is invalid; using 1");
        pipeline.slope = 1.0;
    }
    if (!std::isfinite(pipeline.intercept))
        pipeline.intercept = 0.0;
    info.rescaleSlope = pipeline.slope;
    info.rescaleIntercept = pipeline.intercept;
    // VOI LUT input is the modality value, which is signed when the modality output can be.
    const bool signedModality = info.isSigned || pipeline.intercept < 0.0;
    pipeline.voiLut = readLut(ds, 0x3010, signedModality, "VOI LUT", info.warnings);
    pipeline.center = decimalTag(ds, 0x0028, 0x1050);
    pipeline.width = decimalTag(ds, 0x0028, 0x1051);
    const std::string function = stringTag(ds, 0x0028, 0x1056);
    if (function == "LINEAR_EXACT")
        pipeline.function = VoiFunction::LinearExact;
    else if (function == "SIGMOID")
        pipeline.function = VoiFunction::Sigmoid;
    else if (!function.empty() && function != "LINEAR")
        info.warnings.push_back("unknown VOI LUT function '" + function + "'; using LINEAR");
    const std::string presentationShape = stringTag(ds, 0x2050, 0x0020);
    pipeline.invert = monochrome1 != (presentationShape == "INVERSE");
    if (const auto frameCount = integerStringTag(ds, 0x0028, 0x0008); frameCount && *frameCount > frames)
        info.frames = *frameCount;

    result.eightBit = grayToEightBit(first, info.bitsStored, info.isSigned, pipeline, info);
    if (fullDepth && info.bitsStored > 8)  // 8-bit data: the display image already holds every level
        result.fullDepth = modalityFullDepth(first, pipeline);
    return result;
}

} // namespace kg
