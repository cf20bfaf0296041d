#pragma once
// Public (plain C++): a radiograph decoded for display, with what the file says about it.
// Reads PNG, JPEG, BMP, TIFF (8/16-bit, gray or colour) and DICOM (through GDCM: rescale,
// modality and VOI LUTs, window, MONOCHROME1, compressed transfer syntaxes, first frame).
#include "core/imaging/DecodeLimits.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kg {

struct RadiographLoadOptions {
    bool includePatientIdentity = false;  ///< copy DICOM patient identifiers into info.patient (off: never read)
    bool keepFullDepth = false;           ///< also fill Radiograph::fullDepth (viewers that re-window)
    DecodeLimits limits;                  ///< size, frame, memory and time budget of one file
};

/// A gray image deeper than 8 bits before its display window, so a viewer can window it again
/// at full depth. Stored values v in 0..65535 stand for `offset + scale · v` in the image's real
/// units (DICOM: after rescale or modality LUT, the units its window centre/width are given in;
/// 16-bit PNG/TIFF: the stored values, scale 1).
struct FullDepthPixels {
    std::vector<std::uint16_t> values;  ///< width·height, row-major; empty when there is none
    double scale = 1.0;
    double offset = 0.0;
    bool empty() const { return values.empty(); }
    double toReal(double value) const { return offset + scale * value; }
    double fromReal(double real) const { return (real - offset) / scale; }
};

/// DICOM identifiers; only filled when RadiographLoadOptions::includePatientIdentity is set.
struct PatientIdentity {
    std::string name;             ///< (0010,0010) PatientName
    std::string id;               ///< (0010,0020) PatientID
    std::string otherIds;         ///< (0010,1000) OtherPatientIDs
    std::string birthDate;        ///< (0010,0030) YYYYMMDD
    std::string sex;              ///< (0010,0040)
    std::string accessionNumber;  ///< (0008,0050)
    std::string studyDate;        ///< (0008,0020)
    std::string institution;      ///< (0008,0080)
};

/// What the file is and how it was turned into the 8-bit image. Never holds patient
/// identifiers unless they were asked for (then only in `patient`).
struct RadiographInfo {
    std::string format;           ///< "PNG", "JPEG", "BMP", "TIFF" or "DICOM"
    int width = 0;
    int height = 0;
    int channels = 0;             ///< 1 gray, 3 colour
    int bitsAllocated = 0;        ///< bits per sample in memory: 8, 16 (32 for float TIFF)
    int bitsStored = 0;           ///< significant bits (DICOM BitsStored, e.g. 10, 12)
    bool isSigned = false;        ///< signed stored values (DICOM PixelRepresentation 1)
    bool isDicom = false;
    std::string modality;         ///< DICOM (0008,0060), e.g. "CR", "DX"
    std::string bodyPart;         ///< DICOM (0018,0015), e.g. "KNEE"
    std::string laterality;       ///< DICOM image laterality (0020,0062) or laterality (0020,0060)
    std::string viewPosition;     ///< DICOM (0018,5101), e.g. "AP", "PA", "LAT"
    std::string patientOrientation; ///< DICOM (0020,0020), e.g. "L\\F": the patient directions of the rows and columns
    std::string photometric;      ///< DICOM photometric interpretation, e.g. "MONOCHROME1"
    std::string transferSyntax;   ///< DICOM transfer syntax UID
    std::string transferSyntaxName; ///< e.g. "JPEG 2000 Image Compression (Lossless Only)"
    bool lossyCompression = false;///< pixel data went through lossy compression
    int frames = 1;               ///< frames in the file; only the first is decoded
    double rescaleSlope = 1.0;    ///< DICOM modality rescale (ignored when a modality LUT is used)
    double rescaleIntercept = 0.0;
    bool modalityLut = false;     ///< a Modality LUT Sequence mapped stored values
    double windowCenter = 0.0;    ///< window used for the 8-bit image (modality units); 0/0 when none
    double windowWidth = 0.0;
    std::string windowSource;     ///< "file", "VOI LUT", "image min/max" or "" (8-bit shown as stored)
    bool inverted = false;        ///< MONOCHROME1 (or an inverse presentation LUT) was inverted
    std::vector<std::string> warnings;  ///< plain-words notes: first frame only, wrong extension, …
    std::optional<PatientIdentity> patient;
};

/// A radiograph ready to show: 8-bit gray or RGB rows of `stride` bytes (4-byte aligned,
/// so a QImage can wrap them), plus the file's native depth and metadata.
struct Radiograph {
    int width = 0;
    int height = 0;
    int channels = 1;             ///< 1: gray, 3: R,G,B per pixel
    int stride = 0;               ///< bytes per row, ≥ width·channels, multiple of 4
    std::vector<std::uint8_t> pixels;  ///< height·stride bytes
    int nativeBitDepth = 8;       ///< bits per sample as stored in the file (8 or 16; 32 float TIFF)
    RadiographInfo info;
    /// Gray images deeper than 8 bits, when RadiographLoadOptions::keepFullDepth asked for it.
    /// `pixels` is this image after info's window (windowCenter/windowWidth, real units) and,
    /// when info.inverted, inversion.
    FullDepthPixels fullDepth;

    const std::uint8_t* row(int y) const { return pixels.data() + std::size_t(y) * std::size_t(stride); }
};

/// Decodes `path` for display. Throws kg::Error naming the file and the problem (missing,
/// not a regular file, empty, not an image, larger than options.limits, truncated, damaged
/// pixel data, unsupported pixel format, the isolated decoder crashed or timed out on it).
/// Thread-safe; DICOM and TIFF are decoded in helper processes (DecodeIsolation.h).
Radiograph loadRadiograph(const std::string& path, const RadiographLoadOptions& options = {});

/// Decodes the file fully (so damaged pixel data is caught) and returns only its metadata.
RadiographInfo inspectRadiograph(const std::string& path, const RadiographLoadOptions& options = {});

/// Plain words when the file itself says it shows something other than a knee (DICOM Body
/// Part Examined, e.g. CHEST): a KL grade of such an image means nothing. Empty for knees,
/// legs and lower extremities, and when the file does not say (PNG, JPEG, most exports).
std::string bodyPartWarning(const RadiographInfo& info);

/// Plain words when the file says it is not a projection radiograph at all (DICOM Modality CT,
/// MR, US, NM, PT, RTDOSE, RTIMAGE, SEG, SR, …): such an image must not be graded. Empty for
/// CR, DX, RG, XA/RF, OT (secondary capture) and when the file does not say.
std::string modalityRefusal(const RadiographInfo& info);

/// Plain words when the file says it is a lateral or other non-frontal view (DICOM View
/// Position): the Kellgren–Lawrence grade is defined on AP/PA views. Empty otherwise.
std::string viewPositionWarning(const RadiographInfo& info);

void to_json(nlohmann::json& json, const RadiographInfo& info);
void from_json(const nlohmann::json& json, RadiographInfo& info);
void to_json(nlohmann::json& json, const PatientIdentity& identity);
void from_json(const nlohmann::json& json, PatientIdentity& identity);
void to_json(nlohmann::json& json, const RadiographLoadOptions& options);
void from_json(const nlohmann::json& json, RadiographLoadOptions& options);

} // namespace kg
