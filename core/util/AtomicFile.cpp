#include "core/util/AtomicFile.h"

#include "core/util/Error.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

#include <fcntl.h>
#include <unistd.h>

namespace kg {
namespace {

void syncPath(const std::filesystem::path& path, bool directory)
{
    const int fd = ::open(path.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
    if (fd < 0)
        return;
    ::fsync(fd);
    ::close(fd);
}

} // namespace

void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write)
{
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::error_code ec;
    fs::create_directories(folder, ec);

    std::random_device entropy;
    const fs::path temporary =
        folder / ("." + target.filename().string() + ".tmp-" + std::to_string(entropy()));
    try {
        {
            std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
            if (!out)
                throw Error(path, std::string("cannot create a temporary file beside it: ") + std::strerror(errno));
            write(out);
            out.flush();
            if (!out)
                throw Error(path, "write failed (is the disk full?)");
        }
        syncPath(temporary, false);
        fs::rename(temporary, target, ec);
        if (ec)
            throw Error(path, "cannot replace the file: " + ec.message());
        syncPath(folder, true);
    } catch (...) {
        fs::remove(temporary, ec);
        throw;
    }
}

void writeFileAtomically(const std::string& path, std::string_view content)
{
    writeFileAtomically(path, [&](std::ostream& out) { out.write(content.data(), static_cast<std::streamsize>(content.size())); });
}

} // namespace kg
