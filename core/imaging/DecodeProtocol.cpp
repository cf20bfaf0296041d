#include "core/imaging/DecodeProtocol.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>

#include <poll.h>
#include <sys/socket.h>

namespace kg::protocol {
namespace {

constexpr std::uint32_t kRequestMagic = 0x3151474B;  // "KGQ1"
constexpr std::uint32_t kReplyMagic = 0x3141474B;    // "KGA1"
constexpr std::uint32_t kMaxJsonBytes = 16u << 20;   // info with every warning fits many times over

enum class Slot : std::uint32_t { Native = 0, EightBit = 1, FullDepth = 2 };

/// File names and DICOM strings need not be UTF-8 (Latin-1 is common): replaced, never thrown.
std::string textOf(const nlohmann::json& json)
{
    return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// Waits until `fd` is ready for `events` or the deadline passes.
TransferEnd waitReady(int fd, short events, Clock::time_point deadline)
{
    for (;;) {
        int timeoutMs = -1;
        if (deadline != Clock::time_point::max()) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
            if (left <= 0)
                return TransferEnd::TimedOut;
            timeoutMs = int(std::min<long long>(left, 60'000));
        }
        pollfd p{fd, events, 0};
        const int ready = ::poll(&p, 1, timeoutMs);
        if (ready > 0)
            return TransferEnd::Done;
        if (ready < 0 && errno != EINTR)
            return TransferEnd::Failed;
    }
}

TransferEnd writeAll(int fd, const void* data, std::size_t size, Clock::time_point deadline)
{
    const auto* p = static_cast<const std::uint8_t*>(data);
    while (size > 0) {
        if (const TransferEnd ready = waitReady(fd, POLLOUT, deadline); ready != TransferEnd::Done)
            return ready;
        const ssize_t sent = ::send(fd, p, std::min<std::size_t>(size, 1 << 20), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent < 0) {
            if (errno == EINTR || errno == EAGAIN)
                continue;
            return errno == EPIPE || errno == ECONNRESET ? TransferEnd::Closed : TransferEnd::Failed;
        }
        p += sent;
        size -= std::size_t(sent);
    }
    return TransferEnd::Done;
}

TransferEnd readAll(int fd, void* data, std::size_t size, Clock::time_point deadline)
{
    auto* p = static_cast<std::uint8_t*>(data);
    while (size > 0) {
        if (const TransferEnd ready = waitReady(fd, POLLIN, deadline); ready != TransferEnd::Done)
            return ready;
        const ssize_t got = ::recv(fd, p, std::min<std::size_t>(size, 1 << 20), MSG_DONTWAIT);
        if (got == 0)
            return TransferEnd::Closed;
        if (got < 0) {
            if (errno == EINTR || errno == EAGAIN)
                continue;
            return errno == ECONNRESET ? TransferEnd::Closed : TransferEnd::Failed;
        }
        p += got;
        size -= std::size_t(got);
    }
    return TransferEnd::Done;
}

template <typename T>
TransferEnd writeValue(int fd, T value, Clock::time_point deadline)
{
    return writeAll(fd, &value, sizeof value, deadline);
}

template <typename T>
TransferEnd readValue(int fd, T& value, Clock::time_point deadline)
{
    return readAll(fd, &value, sizeof value, deadline);
}

/// Runs transfer steps in order and stops at the first that does not complete.
#define KG_TRANSFER(step)                                  \
    do {                                                   \
        if (const TransferEnd end_ = (step); end_ != TransferEnd::Done) \
            return end_;                                   \
    } while (false)

TransferEnd writeMat(int fd, Slot slot, const cv::Mat& image, Clock::time_point deadline)
{
    const cv::Mat continuous = image.isContinuous() ? image : image.clone();
    const std::uint32_t header[4] = {std::uint32_t(slot), std::uint32_t(continuous.rows), std::uint32_t(continuous.cols),
                                     std::uint32_t(continuous.type())};
    const std::uint64_t bytes = continuous.total() * continuous.elemSize();
    KG_TRANSFER(writeAll(fd, header, sizeof header, deadline));
    KG_TRANSFER(writeValue(fd, bytes, deadline));
    return writeAll(fd, continuous.data, std::size_t(bytes), deadline);
}

} // namespace

TransferEnd sendRequest(int fd, const Request& request, Clock::time_point deadline)
{
    const std::string json =
        textOf(nlohmann::json{{"path", request.path}, {"outputs", int(request.outputs)}, {"options", request.options}});
    KG_TRANSFER(writeValue(fd, kRequestMagic, deadline));
    KG_TRANSFER(writeValue(fd, std::uint32_t(json.size()), deadline));
    KG_TRANSFER(writeValue(fd, std::uint64_t(request.size), deadline));
    KG_TRANSFER(writeAll(fd, json.data(), json.size(), deadline));
    return writeAll(fd, request.data, request.size, deadline);
}

TransferEnd receiveRequest(int fd, ReceivedRequest& request)
{
    const auto forever = Clock::time_point::max();
    std::uint32_t magic = 0, jsonBytes = 0;
    std::uint64_t dataBytes = 0;
    KG_TRANSFER(readValue(fd, magic, forever));
    KG_TRANSFER(readValue(fd, jsonBytes, forever));
    KG_TRANSFER(readValue(fd, dataBytes, forever));
    if (magic != kRequestMagic || jsonBytes > kMaxJsonBytes)
        return TransferEnd::Failed;
    std::string json(jsonBytes, '\0');
    KG_TRANSFER(readAll(fd, json.data(), json.size(), forever));
    const nlohmann::json header = nlohmann::json::parse(json, nullptr, false);
    if (header.is_discarded())
        return TransferEnd::Failed;
    request.path = header.value("path", "");
    request.outputs = DecodeOutput(header.value("outputs", int(DecodeOutput::EightBit)));
    request.options = header.value("options", RadiographLoadOptions{});
    if (dataBytes > request.options.limits.maxFileBytes)
        return TransferEnd::Failed;
    request.bytes.resize(std::size_t(dataBytes));
    return readAll(fd, request.bytes.data(), request.bytes.size(), forever);
}

TransferEnd sendReply(int fd, const Reply& reply)
{
    const auto forever = Clock::time_point::max();
    nlohmann::json header{{"ok", reply.decoded.has_value()}, {"error", reply.error}};
    std::vector<std::pair<Slot, cv::Mat>> images;
    if (reply.decoded) {
        const DecodedRadiograph& d = *reply.decoded;
        header["info"] = d.info;
        if (!d.native.empty())
            images.emplace_back(Slot::Native, d.native);
        if (!d.eightBit.empty())
            images.emplace_back(Slot::EightBit, d.eightBit);
        if (!d.fullDepth.empty()) {
            header["fullDepthScale"] = d.fullDepth.scale;
            header["fullDepthOffset"] = d.fullDepth.offset;
            // Shaped as the image (width·height values, row-major), so each side stays small.
            const int rows = d.info.height > 0 && d.fullDepth.values.size() % std::size_t(d.info.height) == 0 ? d.info.height : 1;
            const cv::Mat values(rows, int(d.fullDepth.values.size() / std::size_t(rows)), CV_16UC1,
                                 const_cast<std::uint16_t*>(d.fullDepth.values.data()));
            images.emplace_back(Slot::FullDepth, values);
        }
    }
    const std::string json = textOf(header);
    KG_TRANSFER(writeValue(fd, kReplyMagic, forever));
    KG_TRANSFER(writeValue(fd, std::uint32_t(json.size()), forever));
    KG_TRANSFER(writeValue(fd, std::uint32_t(images.size()), forever));
    KG_TRANSFER(writeAll(fd, json.data(), json.size(), forever));
    for (const auto& [slot, image] : images)
        KG_TRANSFER(writeMat(fd, slot, image, forever));
    return TransferEnd::Done;
}

TransferEnd receiveReply(int fd, Reply& reply, std::size_t maxBytes, Clock::time_point deadline)
{
    std::uint32_t magic = 0, jsonBytes = 0, imageCount = 0;
    KG_TRANSFER(readValue(fd, magic, deadline));
    KG_TRANSFER(readValue(fd, jsonBytes, deadline));
    KG_TRANSFER(readValue(fd, imageCount, deadline));
    if (magic != kReplyMagic || jsonBytes > kMaxJsonBytes || imageCount > 3)
        return TransferEnd::Failed;
    std::string json(jsonBytes, '\0');
    KG_TRANSFER(readAll(fd, json.data(), json.size(), deadline));
    const nlohmann::json header = nlohmann::json::parse(json, nullptr, false);
    if (header.is_discarded())
        return TransferEnd::Failed;
    reply = {};
    reply.error = header.value("error", "");
    DecodedRadiograph decoded;
    std::size_t received = 0;
    for (std::uint32_t i = 0; i < imageCount; ++i) {
        std::uint32_t h[4] = {};
        std::uint64_t bytes = 0;
        KG_TRANSFER(readAll(fd, h, sizeof h, deadline));
        KG_TRANSFER(readValue(fd, bytes, deadline));
        const int type = int(h[3]);
        const bool typeOk = CV_MAT_DEPTH(type) <= CV_32F && CV_MAT_CN(type) <= 4;
        received += std::size_t(bytes);
        if (!typeOk || h[0] > 2 || h[1] > (1u << 20) || h[2] > (1u << 20) || received > maxBytes ||
            bytes != std::uint64_t(h[1]) * h[2] * CV_ELEM_SIZE(type))
            return TransferEnd::Failed;
        cv::Mat image(static_cast<int>(h[1]), static_cast<int>(h[2]), type);
        KG_TRANSFER(readAll(fd, image.data, std::size_t(bytes), deadline));
        switch (Slot(h[0])) {
        case Slot::Native: decoded.native = image; break;
        case Slot::EightBit: decoded.eightBit = image; break;
        case Slot::FullDepth:
            decoded.fullDepth.values.assign(image.ptr<std::uint16_t>(), image.ptr<std::uint16_t>() + image.total());
            decoded.fullDepth.scale = header.value("fullDepthScale", 1.0);
            decoded.fullDepth.offset = header.value("fullDepthOffset", 0.0);
            break;
        }
    }
    if (header.value("ok", false)) {
        decoded.info = header.value("info", RadiographInfo{});
        reply.decoded = std::move(decoded);
    }
    return TransferEnd::Done;
}

#undef KG_TRANSFER

} // namespace kg::protocol
