#pragma once
// Public (plain C++): where this process decodes untrusted image files. DICOM and TIFF go
// to a small pool of persistent helper processes (`kneegrade-decoder`), so a decoder that
// aborts, crashes, hangs or runs out of memory on a malformed file costs that file only: it
// becomes a kg::Error ("the DICOM decoder crashed on this file (signal 6, SIGABRT)") and the
// helper is restarted. PNG, JPEG and BMP are decoded in-process after their headers are
// checked against DecodeLimits (their decoders report damage as errors; docs/RELIABILITY.md).
#include <cstdint>
#include <string>

namespace kg {

enum class DecodeIsolation {
    InProcess,         ///< every format in this process (benchmarks, fuzzers, the helper itself)
    UntrustedFormats,  ///< DICOM and TIFF in helper processes (the default)
    AllFormats,        ///< every format in helper processes
};

struct DecodingOptions {
    DecodeIsolation isolation = DecodeIsolation::UntrustedFormats;
    /// Helper processes at most; 0: one per core, at most 4. Extra helpers start on demand.
    int workers = 0;
    /// The helper program. Empty: $KNEEGRADE_DECODER, else `kneegrade-decoder` beside the
    /// running program, else `../libexec/kneegrade/kneegrade-decoder` from it (installed layout).
    std::string helperPath;
};

/// Sets how this process decodes radiographs from now on; call it from main() before
/// decoding. Helpers already running are stopped. Thread-safe.
void configureRadiographDecoding(const DecodingOptions& options);
DecodingOptions radiographDecodingOptions();

/// What the helper pool has done since the process started (for tests and diagnostics).
struct DecoderPoolStats {
    std::uint64_t requests = 0;    ///< files sent to a helper
    std::uint64_t helpersStarted = 0;
    std::uint64_t crashes = 0;     ///< helpers that died on a file (signal or unexpected exit)
    std::uint64_t timeouts = 0;    ///< helpers stopped after DecodeLimits::timeoutSeconds
};
DecoderPoolStats decoderPoolStats();

/// The helper program that would be started, or an empty string when none is found.
std::string decoderHelperPath();

} // namespace kg
