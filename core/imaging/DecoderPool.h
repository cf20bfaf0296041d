#pragma once
// Internal (OpenCV): the pool of `kneegrade-decoder` helper processes behind
// DecodeIsolation.h. decode() sends one file's bytes to an idle helper (starting one when
// fewer than the configured number run) and waits for its answer. A helper that dies or
// exceeds the time limit is reaped and replaced; its file gets a kg::Error that says what
// happened. Thread-safe: concurrent decode() calls use different helpers.
#include "core/imaging/DecodeIsolation.h"
#include "core/imaging/RadiographDecode.h"

#include <memory>

namespace kg {

class DecoderPool {
public:
    explicit DecoderPool(DecodingOptions options);
    ~DecoderPool();  ///< closes every helper's socket (each exits) and reaps it
    DecoderPool(const DecoderPool&) = delete;
    DecoderPool& operator=(const DecoderPool&) = delete;

    /// `formatName` ("DICOM", "TIFF", …) only shapes messages. Throws kg::Error.
    DecodedRadiograph decode(const std::string& path, const char* formatName, const std::uint8_t* data,
                             std::size_t size, DecodeOutput outputs, const RadiographLoadOptions& options);

    DecoderPoolStats stats() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// The helper program for `options` (see DecodingOptions::helperPath); empty when not found.
std::string findDecoderHelper(const DecodingOptions& options);

/// The process's pool, as configureRadiographDecoding() set it up (started on first use), when
/// the configured isolation covers a file of this kind (`untrustedFormat`: DICOM, TIFF); null
/// when such a file is decoded in this process.
std::shared_ptr<DecoderPool> radiographDecoderPool(bool untrustedFormat);

/// The helper's side: answers requests on `fd` until the parent closes it. Applies each
/// request's memory budget to this process's address space. Returns the exit code.
int runDecoderHelper(int fd);

} // namespace kg
