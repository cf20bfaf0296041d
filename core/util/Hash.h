#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace kg {

/// Lower-case hex digests. The file variants stream the file (any size) and throw
/// kg::Error naming the file when it cannot be read or is not a regular file (a folder,
/// a named pipe: see RegularFile).
std::string sha256Hex(std::string_view bytes);
std::string sha256FileHex(const std::string& path);
std::string md5FileHex(const std::string& path);

/// Incremental SHA-256 for data that arrives in pieces (checkpoint weights).
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    void update(const void* data, size_t size);
    /// Finishes the digest; call once.
    std::string hexDigest();

private:
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace kg
