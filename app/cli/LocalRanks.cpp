#include "LocalRanks.h"

#include "core/distributed/DistributedOptions.h"
#include "core/distributed/LocalPort.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ostream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace kgcli {
namespace {

volatile sig_atomic_t forwardedSignal = 0;

extern "C" void rememberSignal(int signal) { forwardedSignal = signal; }

/// This process's environment with `variables` set (a value already there kept where asked).
std::vector<std::string> environmentWith(const std::vector<kg::EnvironmentVariable>& variables)
{
    std::vector<std::string> environment;
    for (char** entry = environ; *entry; ++entry) {
        const std::string text = *entry;
        const auto replaced = std::find_if(variables.begin(), variables.end(), [&](const kg::EnvironmentVariable& v) {
            return !v.keepExisting && text.rfind(v.name + "=", 0) == 0;
        });
        if (replaced == variables.end())
            environment.push_back(text);
    }
    for (const kg::EnvironmentVariable& v : variables)
        if (!v.keepExisting || !std::getenv(v.name.c_str()))
            environment.push_back(v.name + "=" + v.value);
    return environment;
}

std::vector<char*> pointers(std::vector<std::string>& texts)
{
    std::vector<char*> result;
    for (auto& text : texts)
        result.push_back(text.data());
    result.push_back(nullptr);
    return result;
}

int exitStatus(int status)
{
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return 1;
}

} // namespace

int runLocalRanks(const std::vector<std::string>& trainArgs, const LocalRanksOptions& options, std::ostream& err)
{
    const int n = options.processes;
    const int port = options.masterPort > 0 ? options.masterPort : kg::freeLocalPort();
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const int threads = options.threadsPerRank > 0 ? options.threadsPerRank : std::max(1, static_cast<int>(cores) / n);
    char timeout[32];
    std::snprintf(timeout, sizeof timeout, "%g", options.timeoutSeconds);
    err << "starting " << n << " ranks on this machine (127.0.0.1:" << port << ", " << threads << " thread(s) each, timeout "
        << timeout << " s)\n";
    err.flush();

    // Ctrl-C and SIGTERM reach the launcher only (the ranks have their own process group) and
    // are passed on once, so every rank stops cleanly at the same step.
    struct sigaction action{}, previousInt{}, previousTerm{};
    action.sa_handler = rememberSignal;
    sigemptyset(&action.sa_mask);
    forwardedSignal = 0;
    sigaction(SIGINT, &action, &previousInt);
    sigaction(SIGTERM, &action, &previousTerm);

    std::vector<pid_t> ranks;
    for (int rank = 0; rank < n; ++rank) {
        std::vector<std::string> argv = {"/proc/self/exe", "train"};
        argv.insert(argv.end(), trainArgs.begin(), trainArgs.end());
        if (std::find(trainArgs.begin(), trainArgs.end(), "--threads") == trainArgs.end()) {
            argv.push_back("--threads");
            argv.push_back(std::to_string(threads));
        }
        kg::DistributedOptions job;
        job.rank = job.localRank = rank;
        job.worldSize = n;
        job.masterPort = port;
        job.timeoutSeconds = options.timeoutSeconds;
        std::vector<std::string> environment = environmentWith(kg::rankEnvironment(job, threads));
        posix_spawn_file_actions_t files;
        posix_spawn_file_actions_init(&files);
        if (rank > 0)  // results and the progress bar come from rank 0
            posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
        posix_spawnattr_t attributes;
        posix_spawnattr_init(&attributes);
        posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF);
        posix_spawnattr_setpgroup(&attributes, 0);
        sigset_t defaults;
        sigemptyset(&defaults);
        sigaddset(&defaults, SIGINT);
        sigaddset(&defaults, SIGTERM);
        posix_spawnattr_setsigdefault(&attributes, &defaults);
        auto argvPointers = pointers(argv);
        auto environmentPointers = pointers(environment);
        pid_t pid = 0;
        const int failed = posix_spawn(&pid, "/proc/self/exe", &files, &attributes, argvPointers.data(), environmentPointers.data());
        posix_spawn_file_actions_destroy(&files);
        posix_spawnattr_destroy(&attributes);
        if (failed) {
            err << "cannot start rank " << rank << ": " << std::strerror(failed) << "\n";
            for (pid_t started : ranks)
                ::kill(started, SIGTERM);
            for (pid_t started : ranks)
                ::waitpid(started, nullptr, 0);
            sigaction(SIGINT, &previousInt, nullptr);
            sigaction(SIGTERM, &previousTerm, nullptr);
            return 1;
        }
        ranks.push_back(pid);
    }

    std::vector<int> statuses(static_cast<size_t>(n), -1);
    int firstFailure = -1;
    bool interrupted = false;
    std::chrono::steady_clock::time_point failedAt{};
    const auto grace = std::chrono::duration<double>(options.timeoutSeconds + 30);
    int running = n;
    while (running > 0) {
        if (const int signal = forwardedSignal) {
            forwardedSignal = 0;
            interrupted = interrupted || signal == SIGINT;
            for (size_t r = 0; r < ranks.size(); ++r)
                if (statuses[r] < 0)
                    ::kill(ranks[r], signal);
        }
        int status = 0;
        const pid_t pid = ::waitpid(-1, &status, WNOHANG);
        if (pid > 0) {
            const auto it = std::find(ranks.begin(), ranks.end(), pid);
            if (it == ranks.end())
                continue;
            const auto r = static_cast<size_t>(it - ranks.begin());
            statuses[r] = exitStatus(status);
            --running;
            if (statuses[r] != 0 && firstFailure < 0) {
                firstFailure = static_cast<int>(r);
                failedAt = std::chrono::steady_clock::now();
                if (statuses[r] != 130)
                    err << "rank " << r << " ended with status " << statuses[r] << "; the other ranks stop within their "
                        << timeout << " s timeout\n";
            }
            continue;
        }
        if (firstFailure >= 0 && std::chrono::steady_clock::now() - failedAt > grace) {
            for (size_t r = 0; r < ranks.size(); ++r)
                if (statuses[r] < 0) {
                    err << "rank " << r << " did not stop after rank " << firstFailure << " failed; terminating it\n";
                    ::kill(ranks[r], SIGKILL);
                }
            failedAt = std::chrono::steady_clock::now();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    sigaction(SIGINT, &previousInt, nullptr);
    sigaction(SIGTERM, &previousTerm, nullptr);
    if (firstFailure < 0)
        return 0;
    if (interrupted || statuses[static_cast<size_t>(firstFailure)] == 130)
        return 130;
    return statuses[static_cast<size_t>(firstFailure)];
}

} // namespace kgcli
