#pragma once
// Internal: a DICOM file parsed with DCMTK before GDCM sees it. Debian's GDCM is built with
// its assertions on and aborts the process on malformed structure (a cut or damaged file
// meta header, element lengths past the end, a pixel-data header without fragments, tags of
// an unexpected VR); DCMTK reports the same damage as an error. What passes is written out
// again by DCMTK, with a file meta header of its own, and only those well-formed bytes reach
// GDCM. It is also checked against DecodeLimits from its declared Rows, Columns and Frames.
#include "core/imaging/DecodeLimits.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace kg {

struct DicomHeader {
    std::uint32_t rows = 0;
    std::uint32_t columns = 0;
    std::uint32_t frames = 1;
    std::uint32_t samplesPerPixel = 1;
    std::uint32_t bitsAllocated = 0;
    std::string modality;
    std::string transferSyntax;  ///< UID as parsed
    bool encapsulated = false;   ///< compressed pixel data (fragments)
    std::vector<std::uint8_t> canonical;  ///< the data set as DCMTK writes it (Part 10, same transfer syntax)
};

/// Throws kg::Error naming `path`: not DICOM, truncated, damaged structure, no pixel data,
/// an unsupported pixel layout, or over `limits`.
DicomHeader checkDicomStructure(const std::string& path, const std::uint8_t* data, std::size_t size,
                                const DecodeLimits& limits);

} // namespace kg
