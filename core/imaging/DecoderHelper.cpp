#include "core/imaging/DecoderPool.h"

#include "core/imaging/DecodeProtocol.h"
#include "core/util/Error.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <new>
#include <string>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define KG_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KG_ADDRESS_SANITIZER 1
#endif
#endif

namespace kg {
namespace {

/// Room above the budget for the parsers' own bookkeeping: the declared-size checks refuse
/// files over the budget with a precise message; this limit is the backstop behind them.
constexpr std::uint64_t kHeadroomBytes = std::uint64_t(64) << 20;

/// This process's address-space size now (VmSize), in bytes; 0 when unknown.
std::uint64_t addressSpaceBytes()
{
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
        if (key == "VmSize:") {
            std::uint64_t kib = 0;
            status >> kib;
            return kib * 1024;
        }
        status.ignore(1 << 12, '\n');
    }
    return 0;
}

/// Caps the address space at what the helper needed to start plus one file's budget, so a
/// file that declares (or decompresses to) more memory fails with bad_alloc, not by OOM.
void applyMemoryBudget(std::uint64_t baseline, std::uint64_t budget)
{
#ifndef KG_ADDRESS_SANITIZER  // ASan reserves terabytes of shadow memory
    if (baseline == 0)
        return;
    rlimit limit{};
    limit.rlim_cur = rlim_t(baseline + budget + kHeadroomBytes);
    limit.rlim_max = RLIM_INFINITY;
    ::setrlimit(RLIMIT_AS, &limit);
#endif
}

/// What the codecs inside GDCM print while one file is decoded. GDCM's bundled libjpeg
/// reports damaged entropy-coded data ("Corrupt JPEG data: …") only on stderr and returns
/// guessed pixels; this helper owns its stderr, so it can read those lines back.
class CodecMessages {
public:
    CodecMessages() : saved_(::dup(2)), capture_(::memfd_create("kneegrade-decoder-stderr", MFD_CLOEXEC))
    {
        if (saved_ >= 0 && capture_ >= 0)
            ::dup2(capture_, 2);
    }
    ~CodecMessages()
    {
        restore();
        if (capture_ >= 0)
            ::close(capture_);
    }
    CodecMessages(const CodecMessages&) = delete;
    CodecMessages& operator=(const CodecMessages&) = delete;

    /// Stops capturing and returns what was printed (at most 64 KiB).
    std::string take()
    {
        restore();
        std::string text;
        if (capture_ < 0)
            return text;
        text.resize(std::size_t(std::min<off_t>(::lseek(capture_, 0, SEEK_END), 1 << 16)));
        const ssize_t got = ::pread(capture_, text.data(), text.size(), 0);
        text.resize(got > 0 ? std::size_t(got) : 0);
        return text;
    }

private:
    void restore()
    {
        if (saved_ >= 0) {
            std::fflush(stderr);
            ::dup2(saved_, 2);
            ::close(saved_);
            saved_ = -1;
        }
    }
    int saved_;
    int capture_;
};

/// The first line libjpeg prints when entropy-coded data is damaged, or "".
std::string jpegDamage(const std::string& messages)
{
    static const char* const kDamage[] = {"Corrupt JPEG data", "Premature end of JPEG file",
                                          "JPEG datastream contains no image", "Bogus Huffman table",
                                          "Huffman code size table overflow"};
    std::size_t begin = 0;
    while (begin < messages.size()) {
        const std::size_t end = std::min(messages.find('\n', begin), messages.size());
        const std::string line = messages.substr(begin, end - begin);
        for (const char* damage : kDamage)
            if (line.find(damage) != std::string::npos)
                return line;
        begin = end + 1;
    }
    return {};
}

/// The problem without the "'path': " prefix kg::Error puts in front.
std::string problemOf(const std::string& message, const std::string& path)
{
    const std::string prefix = "'" + path + "': ";
    return message.rfind(prefix, 0) == 0 ? message.substr(prefix.size()) : message;
}

protocol::Reply answer(const protocol::ReceivedRequest& request)
{
    protocol::Reply reply;
    try {
        CodecMessages messages;
        reply.decoded = decodeRadiographBufferInProcess(request.path, request.bytes.data(), request.bytes.size(),
                                                        request.outputs, request.options);
        if (const std::string damage = jpegDamage(messages.take()); !damage.empty()) {
            reply.decoded.reset();
            reply.error = "damaged JPEG data in the pixel data (libjpeg: " + damage + "); the decoder would have filled the damaged part with "
                          "guesses, so the image was not used";
        }
    } catch (const std::bad_alloc&) {
        reply.error = "decoding it needs more memory than the budget of " +
                      std::to_string(request.options.limits.memoryBudgetBytes >> 20) +
                      " MiB (DecodeLimits::memoryBudgetBytes): the file is malformed or too large";
    } catch (const std::exception& e) {
        reply.error = problemOf(e.what(), request.path);
    }
    return reply;
}

} // namespace

int runDecoderHelper(int fd)
{
    cv::setNumThreads(0);  // one thread: no pool stacks or malloc arenas inside the budget
    rlimit noCore{0, 0};
    ::setrlimit(RLIMIT_CORE, &noCore);  // a crash on a malformed file writes no core dump
    const std::uint64_t baseline = addressSpaceBytes();
    for (;;) {
        protocol::ReceivedRequest request;
        protocol::TransferEnd end = protocol::TransferEnd::Failed;
        applyMemoryBudget(baseline, std::uint64_t(1) << 32);  // room to receive the next file
        try {
            end = protocol::receiveRequest(fd, request);
        } catch (const std::exception&) {
            return 2;
        }
        if (end == protocol::TransferEnd::Closed)
            return 0;
        if (end != protocol::TransferEnd::Done)
            return 2;
        applyMemoryBudget(baseline, request.options.limits.memoryBudgetBytes);
        protocol::Reply reply = answer(request);
        request = {};
        if (protocol::sendReply(fd, reply) != protocol::TransferEnd::Done)
            return 0;
    }
}

} // namespace kg
