#include "core/util/AtomicFile.h"

#include "core/util/Error.h"

#include <algorithm>
#include <cctype>
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

std::filesystem::path folderOf(const std::filesystem::path& target)
{
    return target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
}

/// What every temporary file of `target` is named: "." + its name + ".tmp-" + digits.
std::string temporaryPrefix(const std::filesystem::path& target) { return "." + target.filename().string() + ".tmp-"; }

bool isTemporaryOf(const std::string& name, const std::string& prefix)
{
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0)
        return false;
    return std::all_of(name.begin() + static_cast<std::ptrdiff_t>(prefix.size()), name.end(),
                       [](unsigned char c) { return std::isdigit(c) != 0; });
}

} // namespace

void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write)
{
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path folder = folderOf(target);
    std::error_code ec;
    fs::create_directories(folder, ec);

    std::random_device entropy;
    const fs::path temporary = folder / (temporaryPrefix(target) + std::to_string(entropy()));
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

std::vector<std::string> removeStaleTemporaryFiles(const std::string& path)
{
    namespace fs = std::filesystem;
    const fs::path target(path);
    const std::string prefix = temporaryPrefix(target);
    std::vector<std::string> removed;
    std::error_code ec;
    for (fs::directory_iterator it(folderOf(target), ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code typeError;
        if (!isTemporaryOf(it->path().filename().string(), prefix) || !it->is_regular_file(typeError) ||
            it->is_symlink(typeError))
            continue;
        std::error_code removeError;
        if (fs::remove(it->path(), removeError))
            removed.push_back(it->path().string());
    }
    return removed;
}

} // namespace kg
