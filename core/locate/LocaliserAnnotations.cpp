#include "core/locate/LocaliserAnnotations.h"

#include "core/util/AtomicFile.h"
#include "core/util/Error.h"
#include "core/util/RegularFile.h"

#include <nlohmann/json.hpp>

#include <filesystem>

namespace kg {

namespace {

namespace fs = std::filesystem;
constexpr std::uint64_t kMaxBytes = 256ull << 20;

std::string firstString(const nlohmann::json& entry, std::initializer_list<const char*> keys)
{
    for (const char* key : keys)
        if (entry.contains(key) && entry[key].is_string() && !entry[key].get<std::string>().empty())
            return entry[key].get<std::string>();
    return {};
}

} // namespace

std::vector<AnnotatedImage> readLocaliserAnnotations(const std::string& path)
{
    RegularFile file(path, "annotations file");
    if (file.size() > kMaxBytes)
        throw Error(path, "is too large for an annotations file");
    std::string text(static_cast<std::size_t>(file.size()), '\0');
    text.resize(file.read(text.data(), text.size()));
    const fs::path folder = fs::path(path).parent_path();
    std::vector<AnnotatedImage> images;
    try {
        const auto json = nlohmann::json::parse(text);
        const auto& list = json.is_array() ? json : json.at("images");
        if (!list.is_array())
            throw Error(path, "\"images\" is not a list");
        for (const auto& entry : list) {
            AnnotatedImage image;
            image.file = firstString(entry, {"file", "png", "path", "dicom"});
            if (image.file.empty())
                throw Error(path, "an image entry names no file");
            if (fs::path(image.file).is_relative())
                image.file = (folder / image.file).string();
            image.width = entry.value("width", 0);
            image.height = entry.value("height", 0);
            image.pixelSpacingMm = entry.value("pixel_spacing_mm", 0.0);
            image.view = entry.value("view", std::string());
            const char* key = entry.contains("knees") ? "knees" : entry.contains("joints") ? "joints" : nullptr;
            if (key)
                for (const auto& box : entry.at(key)) {
                    JointRegion region = box.get<JointRegion>();
                    if (region.empty())
                        throw Error(path, "a box of '" + image.file + "' has no area");
                    image.knees.push_back(region);
                }
            images.push_back(std::move(image));
        }
    } catch (const nlohmann::json::exception& e) {
        throw Error(path, std::string("not an annotations file: ") + e.what());
    }
    return images;
}

void writeLocaliserAnnotations(const std::string& path, const std::vector<AnnotatedImage>& images)
{
    const fs::path folder = fs::absolute(fs::path(path)).parent_path();
    nlohmann::json list = nlohmann::json::array();
    for (const auto& image : images) {
        std::string file = image.file;
        std::error_code error;
        const fs::path absolute = fs::absolute(fs::path(image.file), error);
        if (!error) {
            const fs::path relative = absolute.lexically_normal().lexically_relative(folder);
            if (!relative.empty() && *relative.begin() != "..")
                file = relative.string();
        }
        nlohmann::json entry{{"file", file}, {"width", image.width}, {"height", image.height}, {"knees", image.knees}};
        if (image.pixelSpacingMm > 0)
            entry["pixel_spacing_mm"] = image.pixelSpacingMm;
        if (!image.view.empty())
            entry["view"] = image.view;
        list.push_back(std::move(entry));
    }
    writeFileAtomically(path, nlohmann::json{{"images", list}}.dump(2) + "\n");
}

} // namespace kg
