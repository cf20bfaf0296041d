#pragma once
// Internal (OpenCV): the messages between DecoderPool and a `kneegrade-decoder` helper over a
// Unix stream socket. A request is the file's bytes plus what to decode; the answer is the
// decoded images or the error text. Every message is length-prefixed; sizes are checked
// against what the request allowed, so a confused helper cannot make the parent allocate
// without bound.
#include "core/imaging/RadiographDecode.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace kg::protocol {

using Clock = std::chrono::steady_clock;

/// Why a transfer stopped before it was complete.
enum class TransferEnd { Done, Closed, TimedOut, Failed };

struct Request {
    std::string path;  ///< for messages only; the helper never opens it
    DecodeOutput outputs = DecodeOutput::EightBit;
    RadiographLoadOptions options;
    const std::uint8_t* data = nullptr;
    std::size_t size = 0;
};

/// A request as the helper receives it (owns the bytes).
struct ReceivedRequest {
    std::string path;
    DecodeOutput outputs = DecodeOutput::EightBit;
    RadiographLoadOptions options;
    std::vector<std::uint8_t> bytes;
};

/// Either `decoded` or `error` (the problem, without the path).
struct Reply {
    std::optional<DecodedRadiograph> decoded;
    std::string error;
};

/// Parent side. `deadline` bounds the whole transfer; nothing is sent with SIGPIPE.
TransferEnd sendRequest(int fd, const Request& request, Clock::time_point deadline);
TransferEnd receiveReply(int fd, Reply& reply, std::size_t maxBytes, Clock::time_point deadline);

/// Helper side (blocking). receiveRequest returns Closed when the parent went away.
TransferEnd receiveRequest(int fd, ReceivedRequest& request);
TransferEnd sendReply(int fd, const Reply& reply);

} // namespace kg::protocol
