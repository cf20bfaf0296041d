#pragma once
#include <stdexcept>
#include <string>

namespace kg {

/// The one exception type core throws for bad input: the message names the file (when
/// there is one) and says what is wrong and, where possible, what to do about it.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
    Error(const std::string& path, const std::string& problem)
        : std::runtime_error("'" + path + "': " + problem), path_(path) {}

    /// The file the error is about; empty when it is not about a file.
    const std::string& path() const noexcept { return path_; }

private:
    std::string path_;
};

/// A one-paragraph message for any exception that reaches a user: LibTorch errors lose
/// their C++ backtrace, everything else is e.what().
std::string describeError(const std::exception& error);

} // namespace kg
