#include "core/imaging/DecoderPool.h"

#include "core/imaging/DecodeProtocol.h"
#include "core/util/Error.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace fs = std::filesystem;

namespace kg {
namespace {

constexpr const char* kHelperName = "kneegrade-decoder";

struct Helper {
    pid_t pid = -1;
    int fd = -1;
};

std::string signalName(int signal)
{
    switch (signal) {
    case SIGABRT: return "SIGABRT: the decoder aborted, on a failed assertion or on memory corruption it detected";
    case SIGSEGV: return "SIGSEGV, an invalid memory access";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE, an arithmetic fault";
    case SIGILL: return "SIGILL";
    case SIGKILL: return "SIGKILL, killed from outside (out of memory?)";
    default: return ::strsignal(signal) ? ::strsignal(signal) : "unknown signal";
    }
}

/// Waits for a helper that closed its socket; gives it a moment to finish dying.
int reap(pid_t pid)
{
    int status = 0;
    for (int attempt = 0; attempt < 200; ++attempt) {
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid)
            return status;
        if (done < 0 && errno != EINTR)
            return 0;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ::kill(pid, SIGKILL);
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return status;
}

void stop(Helper& helper)
{
    if (helper.fd >= 0)
        ::close(helper.fd);
    if (helper.pid > 0) {
        ::kill(helper.pid, SIGKILL);
        int status = 0;
        while (::waitpid(helper.pid, &status, 0) < 0 && errno == EINTR) {
        }
    }
    helper = {};
}

std::string runningProgramFolder()
{
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : self.parent_path().string();
}

bool isExecutable(const fs::path& path)
{
    return !path.empty() && ::access(path.c_str(), X_OK) == 0 && fs::is_regular_file(path);
}

} // namespace

std::string findDecoderHelper(const DecodingOptions& options)
{
    if (!options.helperPath.empty())
        return isExecutable(options.helperPath) ? options.helperPath : std::string();
    if (const char* fromEnvironment = std::getenv("KNEEGRADE_DECODER"); fromEnvironment && *fromEnvironment)
        return isExecutable(fromEnvironment) ? std::string(fromEnvironment) : std::string();
    const fs::path folder = runningProgramFolder();
    for (const fs::path& candidate : {folder / kHelperName, folder / ".." / "libexec" / "kneegrade" / kHelperName})
        if (isExecutable(candidate))
            return fs::weakly_canonical(candidate).string();
    return {};
}

struct DecoderPool::Impl {
    DecodingOptions options;
    std::string helperPath;
    int maxHelpers = 1;

    std::mutex mutex;
    std::condition_variable helperFree;
    std::vector<Helper> idle;
    int running = 0;  // idle + busy

    std::atomic<std::uint64_t> requests{0}, started{0}, crashes{0}, timeouts{0};

    Helper start(const std::string& path)
    {
        if (helperPath.empty())
            throw Error(path, std::string("cannot decode this file safely: the isolated decoder '") + kHelperName +
                                  "' was not found beside " + runningProgramFolder() +
                                  " or in its ../libexec/kneegrade (reinstall KneeGrade, or set KNEEGRADE_DECODER "
                                  "to the helper's path)");
        int sockets[2] = {-1, -1};
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sockets) != 0)
            throw Error(path, std::string("cannot start the isolated decoder: ") + std::strerror(errno));
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, sockets[1], 3);
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);  // never mixes into our stdout
        std::string program = helperPath;
        std::string fdArgument = "--fd=3";
        char* argv[] = {program.data(), fdArgument.data(), nullptr};
        pid_t pid = -1;
        const int failed = ::posix_spawn(&pid, program.c_str(), &actions, nullptr, argv, environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(sockets[1]);
        if (failed != 0) {
            ::close(sockets[0]);
            throw Error(path, "cannot start the isolated decoder '" + helperPath + "': " + std::strerror(failed));
        }
        ++started;
        return Helper{pid, sockets[0]};
    }

    Helper acquire(const std::string& path)
    {
        std::unique_lock<std::mutex> lock(mutex);
        helperFree.wait(lock, [&] { return !idle.empty() || running < maxHelpers; });
        if (!idle.empty()) {
            Helper helper = idle.back();
            idle.pop_back();
            return helper;
        }
        ++running;
        lock.unlock();
        try {
            return start(path);
        } catch (...) {
            lock.lock();
            --running;
            helperFree.notify_one();
            throw;
        }
    }

    void release(Helper helper)
    {
        std::lock_guard<std::mutex> lock(mutex);
        if (helper.pid > 0)
            idle.push_back(helper);
        else
            --running;
        helperFree.notify_one();
    }

    /// What happened to a helper whose socket closed mid-request, in plain words.
    std::string describeDeath(Helper& helper, const char* formatName)
    {
        ::close(helper.fd);
        const int status = reap(helper.pid);
        helper = {};
        ++crashes;
        const std::string decoder = std::string("the ") + formatName + " decoder";
        if (WIFSIGNALED(status))
            return decoder + " crashed on this file (signal " + std::to_string(WTERMSIG(status)) + ", " +
                   signalName(WTERMSIG(status)) + "): the file is malformed; it was skipped";
        if (WIFEXITED(status))
            return decoder + " stopped unexpectedly on this file (exit code " + std::to_string(WEXITSTATUS(status)) +
                   "); it was skipped";
        return decoder + " stopped unexpectedly on this file; it was skipped";
    }
};

DecoderPool::DecoderPool(DecodingOptions options) : impl_(std::make_unique<Impl>())
{
    impl_->options = std::move(options);
    impl_->helperPath = findDecoderHelper(impl_->options);
    const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
    impl_->maxHelpers = impl_->options.workers > 0 ? impl_->options.workers : std::min(cores, 4);
}

DecoderPool::~DecoderPool()
{
    std::lock_guard<std::mutex> lock(impl_->mutex);
    for (Helper& helper : impl_->idle) {
        ::close(helper.fd);  // the helper reads end-of-file and exits
        helper.fd = -1;
        reap(helper.pid);
    }
}

DecodedRadiograph DecoderPool::decode(const std::string& path, const char* formatName, const std::uint8_t* data,
                                      std::size_t size, DecodeOutput outputs, const RadiographLoadOptions& options)
{
    using namespace protocol;
    ++impl_->requests;
    const Request request{path, outputs, options, data, size};
    const auto timeout = std::chrono::duration<double>(std::max(0.001, options.limits.timeoutSeconds));
    // A helper found dead before it got the file (killed from outside) is replaced once.
    for (int attempt = 0; attempt < 2; ++attempt) {
        Helper helper = impl_->acquire(path);
        const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(timeout);
        TransferEnd end = TransferEnd::Failed;
        try {
            end = sendRequest(helper.fd, request, deadline);
        } catch (const std::exception&) {
        }
        if (end == TransferEnd::Closed && attempt == 0) {  // it was gone before it saw this file
            impl_->describeDeath(helper, formatName);
            impl_->release(helper);
            continue;
        }
        Reply reply;
        try {
            if (end == TransferEnd::Done)
                end = receiveReply(helper.fd, reply, std::size_t(options.limits.memoryBudgetBytes) * 2, deadline);
        } catch (const std::exception&) {  // an answer we cannot hold or parse: the helper is not trusted again
            end = TransferEnd::Failed;
        }
        switch (end) {
        case TransferEnd::Done:
            impl_->release(helper);
            if (!reply.decoded)
                throw Error(path, reply.error);
            return std::move(*reply.decoded);
        case TransferEnd::TimedOut: {
            stop(helper);
            impl_->release(helper);
            ++impl_->timeouts;
            char seconds[32];
            std::snprintf(seconds, sizeof seconds, "%g", options.limits.timeoutSeconds);
            throw Error(path, std::string("the ") + formatName + " decoder did not finish within " + seconds +
                                  " s (DecodeLimits::timeoutSeconds) and was stopped; the file is malformed or too "
                                  "large; it was skipped");
        }
        case TransferEnd::Closed: {
            const std::string what = impl_->describeDeath(helper, formatName);
            impl_->release(helper);
            throw Error(path, what);
        }
        case TransferEnd::Failed:
            stop(helper);
            impl_->release(helper);
            throw Error(path, std::string("the isolated ") + formatName +
                                  " decoder sent an answer that makes no sense; the file was skipped");
        }
    }
    throw Error(path, std::string("the isolated ") + formatName + " decoder could not be started");
}

DecoderPoolStats DecoderPool::stats() const
{
    return {impl_->requests.load(), impl_->started.load(), impl_->crashes.load(), impl_->timeouts.load()};
}

} // namespace kg
