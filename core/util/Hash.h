#pragma once
#include <string>
#include <string_view>

namespace kg {

/// Lower-case hex digests. The file variants stream the file (any size) and throw
/// kg::Error naming the file when it cannot be read.
std::string sha256Hex(std::string_view bytes);
std::string sha256FileHex(const std::string& path);
std::string md5FileHex(const std::string& path);

} // namespace kg
