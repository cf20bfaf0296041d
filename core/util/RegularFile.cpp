#include "core/util/RegularFile.h"

#include "core/util/Error.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kg {
namespace {

/// "checkpoint file", or "regular file" when no kind is given.
std::string fileOfKind(const std::string& kind) { return (kind.empty() ? "regular" : kind) + " file"; }

std::string notRegularProblem(mode_t mode, const std::string& kind, const std::string& folderAdvice)
{
    const std::string file = " " + fileOfKind(kind);
    if (S_ISDIR(mode))
        return "is a folder, not a" + file + (folderAdvice.empty() ? "" : " — " + folderAdvice);
    if (S_ISFIFO(mode))
        return "is a named pipe (FIFO), not a" + file + "; give the path of the file itself";
    if (S_ISSOCK(mode))
        return "is a socket, not a" + file;
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "is a device, not a" + file;
    return kind.empty() ? "is not a regular file" : "is not a regular file, so it cannot be a" + file;
}

/// Opens without blocking (a FIFO would wait for a writer) and checks the type on the
/// descriptor itself, so that what is checked is what is read.
int openRegular(const std::string& path, const std::string& kind, const std::string& folderAdvice, struct stat& info)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        throw Error(path, "cannot open the " + (kind.empty() ? "file" : fileOfKind(kind)) + ": " + std::strerror(errno));
    std::string problem;
    if (::fstat(fd, &info) != 0)
        problem = "cannot tell what kind of file it is: " + std::string(std::strerror(errno));
    else if (!S_ISREG(info.st_mode))
        problem = notRegularProblem(info.st_mode, kind, folderAdvice);
    if (!problem.empty()) {
        ::close(fd);
        throw Error(path, problem);
    }
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0)
        ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);  // a regular file: plain blocking reads from here on
    return fd;
}

} // namespace

RegularFile::RegularFile(const std::string& path, const std::string& kind, const std::string& folderAdvice) : path_(path)
{
    struct stat info {};
    const int fd = openRegular(path, kind, folderAdvice, info);
    stream_ = ::fdopen(fd, "rb");
    if (!stream_) {
        const int error = errno;
        ::close(fd);
        throw Error(path, std::string("cannot read the file: ") + std::strerror(error));
    }
    size_ = static_cast<std::uint64_t>(info.st_size);
}

RegularFile::~RegularFile()
{
    if (stream_)
        std::fclose(stream_);
}

std::size_t RegularFile::read(void* data, std::size_t size)
{
    const std::size_t got = std::fread(data, 1, size, stream_);
    if (got < size && std::ferror(stream_))
        throw Error(path_, std::string("read error: ") + std::strerror(errno));
    return got;
}

std::string RegularFile::descriptorPath() const
{
    const std::string fdPath = "/proc/self/fd/" + std::to_string(::fileno(stream_));
    return ::access(fdPath.c_str(), F_OK) == 0 ? fdPath : path_;
}

} // namespace kg
