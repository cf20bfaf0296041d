#include "core/train/DatasetManifest.h"

#include "core/util/Hash.h"

#include <algorithm>
#include <filesystem>

namespace kg {

std::vector<std::string> datasetManifestLines(const DatasetSplits& splits)
{
    namespace fs = std::filesystem;
    std::vector<std::string> lines;
    lines.reserve(splits.size());
    for (const Split split : {Split::Train, Split::Val, Split::Test, Split::AutoTest}) {
        for (const DatasetItem& item : splits.items(split)) {
            std::error_code ec;
            const fs::path path(item.path);
            std::string relative = splits.root.empty() ? item.path : fs::path(path).lexically_relative(splits.root).generic_string();
            if (relative.empty() || relative.rfind("..", 0) == 0)
                relative = path.generic_string();
            const auto bytes = fs::file_size(path.is_absolute() || splits.root.empty() ? path : fs::path(splits.root) / path, ec);
            lines.push_back(splitName(split) + "/" + std::to_string(item.grade) + "/" + relative + "\t" +
                            (ec ? std::string("-1") : std::to_string(bytes)));
        }
    }
    std::sort(lines.begin(), lines.end());
    return lines;
}

std::string datasetManifestHash(const DatasetSplits& splits)
{
    Sha256 hash;
    for (const std::string& line : datasetManifestLines(splits)) {
        hash.update(line.data(), line.size());
        hash.update("\n", 1);
    }
    return hash.hexDigest();
}

} // namespace kg
