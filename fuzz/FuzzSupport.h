#pragma once
// What every KneeGrade fuzz target shares: the contract it checks and a scratch file for the
// readers that only take a path.
//
// Contract: any byte string yields a result or a kg::Error. Anything else is a finding and
// ends the run so libFuzzer keeps the input: a crash or an assertion (signal), a sanitizer
// report, or an exception of another type (std::bad_alloc, c10::Error, cv::Exception, …),
// reported here with its type and message before abort().
#include "core/util/Error.h"

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <typeinfo>

namespace kgfuzz {

template <typename Body>
void expectResultOrError(const char* what, Body&& body)
{
    try {
        body();
    } catch (const kg::Error&) {
        // the documented way to refuse bad input
    } catch (const std::exception& e) {
        std::fprintf(stderr, "==kgfuzz== %s threw %s instead of kg::Error: %s\n", what, typeid(e).name(), e.what());
        std::abort();
    } catch (...) {
        std::fprintf(stderr, "==kgfuzz== %s threw a non-std exception instead of kg::Error\n", what);
        std::abort();
    }
}

/// One file per fuzzing process, rewritten for every input ($TMPDIR, /dev/shm when there is none:
/// the readers take a path; tmpfs keeps it off the disk).
class ScratchFile {
public:
    explicit ScratchFile(const char* suffix)
    {
        const char* dir = std::getenv("TMPDIR");
        path_ = std::string(dir && *dir ? dir : "/dev/shm") + "/kgfuzz-" + std::to_string(::getpid()) + suffix;
    }
    ~ScratchFile() { std::remove(path_.c_str()); }
    const std::string& write(const std::uint8_t* data, std::size_t size)
    {
        std::FILE* file = std::fopen(path_.c_str(), "wb");
        if (!file) {
            std::perror(path_.c_str());
            std::abort();
        }
        if (size > 0 && std::fwrite(data, 1, size, file) != size) {
            std::perror(path_.c_str());
            std::abort();
        }
        std::fclose(file);
        return path_;
    }

private:
    std::string path_;
};

} // namespace kgfuzz
