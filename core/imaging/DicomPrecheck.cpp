#include "core/imaging/DicomPrecheck.h"

#include "core/imaging/ImageHeader.h"
#include "core/util/Error.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcistrmb.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcostrmb.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <dcmtk/oflog/oflog.h>

#include <mutex>

namespace kg {
namespace {

void silenceDcmtk()
{
    static std::once_flag once;  // DCMTK's logger is process-wide; it would print every oddity
    std::call_once(once, [] { OFLog::configure(OFLogger::FATAL_LOG_LEVEL); });
}

/// The file as DCMTK writes it: a fresh file meta header, every element re-encoded with its
/// own length, pixel data (compressed fragments included) copied as it is.
std::vector<std::uint8_t> rewritten(const std::string& path, DcmFileFormat& file, E_TransferSyntax xfer)
{
    std::vector<std::uint8_t> bytes;
    std::vector<std::uint8_t> chunk(1 << 20);
    DcmOutputBufferStream out(chunk.data(), offile_off_t(chunk.size()));
    file.transferInit();
    OFCondition written = EC_StreamNotifyClient;
    while (written == EC_StreamNotifyClient) {
        written = file.write(out, xfer, EET_ExplicitLength, nullptr, EGL_recalcGL, EPD_noChange);
        void* data = nullptr;
        offile_off_t length = 0;
        out.flushBuffer(data, length);
        bytes.insert(bytes.end(), static_cast<std::uint8_t*>(data), static_cast<std::uint8_t*>(data) + length);
    }
    file.transferEnd();
    if (written.bad())
        throw Error(path, std::string("damaged DICOM file: its data set cannot be re-encoded (DCMTK: ") +
                              written.text() + ")");
    return bytes;
}

std::uint32_t unsignedShort(DcmDataset& ds, const DcmTagKey& key, std::uint32_t fallback)
{
    Uint16 value = 0;
    return ds.findAndGetUint16(key, value).good() ? value : fallback;
}

} // namespace

DicomHeader checkDicomStructure(const std::string& path, const std::uint8_t* data, std::size_t size,
                                const DecodeLimits& limits)
{
    silenceDcmtk();
    DcmInputBufferStream stream;
    stream.setBuffer(data, offile_off_t(size));
    stream.setEos();
    DcmFileFormat file;
    file.transferInit();
    const OFCondition read = file.read(stream, EXS_Unknown, EGL_noChange, DCM_MaxReadLength);
    file.transferEnd();
    // DCMTK calls a cut file an "invalid stream": it is a cut when a sound file meta header was
    // read and the parser then ran out of bytes (garbage also runs out, but has no such header).
    OFString metaSyntax;
    const bool soundMeta = file.getMetaInfo() &&
                           file.getMetaInfo()->findAndGetOFString(DCM_TransferSyntaxUID, metaSyntax).good() &&
                           DcmXfer(metaSyntax.c_str()).getXfer() != EXS_Unknown;
    const bool ranOut = stream.tell() >= offile_off_t(size) || stream.eos();
    if (read.bad() && soundMeta && (ranOut || read == EC_StreamNotifyClient || read == EC_PrematureSequDelimitationItem))
        throw Error(path, std::string("truncated DICOM file: it ends before its data is complete (DCMTK: ") +
                              read.text() + "); an interrupted copy or download?");
    if (read == EC_MemoryExhausted && soundMeta)  // DCMTK allocates an element's declared length before reading it
        throw Error(path, std::string("damaged DICOM file: an element declares more data than the memory budget "
                                      "allows, a damaged length (DCMTK: ") + read.text() + ")");
    if (read.bad())
        throw Error(path, std::string("not a valid DICOM file (DCMTK cannot parse it: ") + read.text() + ")");

    DcmDataset& ds = *file.getDataset();
    DicomHeader header;
    const DcmXfer xfer(ds.getOriginalXfer());
    header.transferSyntax = xfer.getXferID() ? xfer.getXferID() : "";
    header.encapsulated = xfer.isEncapsulated();
    OFString text;
    if (ds.findAndGetOFString(DCM_Modality, text).good())
        header.modality = text.c_str();

    DcmElement* pixelData = nullptr;
    if (ds.findAndGetElement(DCM_PixelData, pixelData).bad() || !pixelData)
        throw Error(path, "DICOM file without an image (no Pixel Data): it may be a report, a DICOMDIR or a "
                          "presentation state");
    header.rows = unsignedShort(ds, DCM_Rows, 0);
    header.columns = unsignedShort(ds, DCM_Columns, 0);
    header.samplesPerPixel = unsignedShort(ds, DCM_SamplesPerPixel, 1);
    header.bitsAllocated = unsignedShort(ds, DCM_BitsAllocated, 0);
    Sint32 frames = 1;
    if (ds.findAndGetSint32(DCM_NumberOfFrames, frames).good())
        header.frames = std::uint32_t(std::max<Sint32>(frames, 1));
    if (header.rows == 0 || header.columns == 0)
        throw Error(path, "DICOM image has no size (Rows/Columns missing or zero)");
    if (header.bitsAllocated != 8 && header.bitsAllocated != 16)
        throw Error(path, "unsupported DICOM image: " + std::to_string(header.bitsAllocated) +
                              " bits allocated per sample (8- and 16-bit images are supported)" +
                              (header.modality.empty() ? std::string() : "; modality " + header.modality));
    if (header.samplesPerPixel != 1 && header.samplesPerPixel != 3)
        throw Error(path, "unsupported DICOM image: " + std::to_string(header.samplesPerPixel) +
                              " samples per pixel (expected 1 or 3)");

    DeclaredSize declared;
    declared.width = header.columns;
    declared.height = header.rows;
    declared.frames = header.frames;
    declared.samplesPerPixel = header.samplesPerPixel;
    declared.bytesPerSample = header.bitsAllocated / 8;
    checkDeclaredSize(path, "DICOM", declared, size, limits);

    if (header.encapsulated) {
        DcmPixelSequence* fragments = nullptr;
        auto* pixels = dynamic_cast<DcmPixelData*>(pixelData);
        if (!pixels || pixels->getEncapsulatedRepresentation(xfer.getXfer(), nullptr, fragments).bad() || !fragments ||
            fragments->card() < 2)
            throw Error(path, "damaged DICOM file: its compressed pixel data has no image fragments");
    } else {
        const std::uint64_t expected = declared.width * declared.height * declared.samplesPerPixel * declared.bytesPerSample;
        if (pixelData->getLength() < expected)
            throw Error(path, "truncated DICOM file: the pixel data has " + std::to_string(pixelData->getLength()) +
                                  " bytes, one frame needs " + std::to_string(expected));
    }
    // A deflated data set is written out inflated: GDCM asserts on some deflated files that
    // DCMTK reads well, and the pixel data of such files is never compressed.
    const E_TransferSyntax written = xfer.getXfer() == EXS_DeflatedLittleEndianExplicit ? EXS_LittleEndianExplicit : xfer.getXfer();
    header.canonical = rewritten(path, file, written);
    return header;
}

} // namespace kg
