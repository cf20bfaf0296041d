#include "core/imaging/DecoderPool.h"

#include "core/imaging/DecodeProtocol.h"
#include "core/util/Error.h"

#include <opencv2/core.hpp>

#include <fstream>
#include <new>
#include <string>

#include <sys/resource.h>

#if defined(__SANITIZE_ADDRESS__)
#define KG_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KG_ADDRESS_SANITIZER 1
#endif
#endif

namespace kg {
namespace {

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
    limit.rlim_cur = rlim_t(baseline + budget);
    limit.rlim_max = RLIM_INFINITY;
    ::setrlimit(RLIMIT_AS, &limit);
#endif
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
        reply.decoded = decodeRadiographBufferInProcess(request.path, request.bytes.data(), request.bytes.size(),
                                                        request.outputs, request.options);
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
