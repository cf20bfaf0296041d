#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

namespace kg {

/// A regular file open for reading. Opening refuses anything else — a folder, a named pipe
/// (FIFO), a device, a socket — with a kg::Error naming the path, and never blocks: the file
/// is opened with O_NONBLOCK and checked with fstat() before anything is read, so a FIFO
/// given as a checkpoint fails at once instead of waiting forever for a writer.
class RegularFile {
public:
    /// `kind` names what the file should be, for errors: "checkpoint" gives "is a folder,
    /// not a checkpoint file" (empty: "not a regular file"). `folderAdvice`, when given, is
    /// appended to the folder error.
    RegularFile(const std::string& path, const std::string& kind, const std::string& folderAdvice = {});
    ~RegularFile();
    RegularFile(const RegularFile&) = delete;
    RegularFile& operator=(const RegularFile&) = delete;

    const std::string& path() const { return path_; }
    /// Size in bytes when the file was opened.
    std::uint64_t size() const { return size_; }
    /// Reads up to `size` bytes (buffered); returns how many were read, fewer only at the end
    /// of the file. Throws kg::Error naming the file on a read error.
    std::size_t read(void* data, std::size_t size);
    /// A path that opens this very file (/proc/self/fd/N), for libraries that take only a path
    /// (HDF5): what they open is what was checked, even if `path` is replaced meanwhile.
    /// `path()` where /proc is not mounted.
    std::string descriptorPath() const;

private:
    std::string path_;
    std::FILE* stream_ = nullptr;
    std::uint64_t size_ = 0;
};

} // namespace kg
