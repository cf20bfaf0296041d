// libFuzzer target: kg::decodeRadiographBufferInProcess (the decoders without isolation), on any bytes (PNG, JPEG, TIFF,
// BMP, DICOM: the decoder sniffs the content; the name has no extension to trust).
//
// In-process DICOM reaches GDCM directly: Debian's GDCM 3.0.21 is built with assertions,
// so malformed DICOM can abort() the process. Finding those is the point; the app decodes
// DICOM in isolated helper processes. Run with -fork=1 -ignore_crashes=1 to keep going
// after each crash (docs/RELIABILITY.md, "Fuzzing").
#include "FuzzSupport.h"

#include "core/imaging/RadiographDecode.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    // Everything the decoder can produce: stored pixels, the 8-bit image and the full-depth
    // copy, with the patient identity read (the widest path through the DICOM metadata).
    const auto outputs = kg::DecodeOutput(int(kg::DecodeOutput::Both) | int(kg::DecodeOutput::FullDepth));
    kg::RadiographLoadOptions options;
    options.includePatientIdentity = true;
    options.keepFullDepth = true;
    kgfuzz::expectResultOrError("decodeRadiographBufferInProcess", [&] {
        const kg::DecodedRadiograph decoded = kg::decodeRadiographBufferInProcess("fuzz-input", data, size, outputs, options);
        // Touch the results so a decoder that hands back bad views is caught by ASan.
        volatile double sum = 0;
        for (const cv::Mat* image : {&decoded.native, &decoded.eightBit})
            if (!image->empty())
                sum = sum + cv::sum(*image)[0];
        if (!decoded.fullDepth.values.empty())
            sum = sum + decoded.fullDepth.values.front() + decoded.fullDepth.values.back();
        (void)sum;
    });
    return 0;
}
