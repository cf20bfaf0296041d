#include "core/imaging/DicomDecode.h"

#include "core/imaging/DicomPixels.h"
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
#include <istream>
#include <mutex>
#include <optional>
#include <sstream>
#include <streambuf>

namespace kg {
namespace {

using dicom::cleanStoredBits;
using dicom::colourToEightBit;
using dicom::GrayPipeline;
using dicom::grayToEightBit;
using dicom::Lut;
using dicom::modalityFullDepth;
using dicom::rgbToBgr;
using dicom::VoiFunction;
using dicom::ybrFullToRgb;

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
