#pragma once
// A named pipe (FIFO) for tests of readers that must refuse one at once: opening a FIFO for
// reading blocks until a writer appears, and reading it never reaches an end.
#include <chrono>
#include <functional>
#include <future>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kgtest {

/// Creates a FIFO at `path` (mkfifo); false when it cannot.
inline bool makeNamedPipe(const std::string& path) { return ::mkfifo(path.c_str(), 0600) == 0; }

/// What a reader did with a FIFO.
struct PipeOutcome {
    bool blocked = false;  ///< it was still waiting after the grace period (and was released)
    std::string error;     ///< the message of what it threw; empty when it threw nothing
};

/// Runs `read` (expected to throw at once for the FIFO at `fifo`) on another thread. A reader
/// that is still waiting after `grace` is released by opening and closing the FIFO's write
/// end, so that a broken reader fails the test instead of hanging it. The grace period only
/// bounds a hang: a reader that checks the file type first returns in microseconds.
inline PipeOutcome readNamedPipe(const std::function<void()>& read, const std::string& fifo,
                                 std::chrono::seconds grace = std::chrono::seconds(60))
{
    std::future<std::string> done = std::async(std::launch::async, [&read]() -> std::string {
        try {
            read();
        } catch (const std::exception& e) {
            return e.what();
        }
        return {};
    });
    PipeOutcome outcome;
    if (done.wait_for(grace) != std::future_status::ready) {
        outcome.blocked = true;
        while (done.wait_for(std::chrono::milliseconds(10)) != std::future_status::ready) {
            const int writer = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
            if (writer >= 0)
                ::close(writer);  // end of file for the blocked reader
        }
    }
    outcome.error = done.get();
    return outcome;
}

} // namespace kgtest
