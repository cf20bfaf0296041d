#include "core/data/JointRegion.h"

#include "core/util/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <sstream>

namespace kg {

JointRegion parseJointRegion(const std::string& text)
{
    std::vector<long> values;
    std::stringstream stream(text);
    std::string part;
    while (std::getline(stream, part, ',')) {
        char* end = nullptr;
        errno = 0;
        const long value = std::strtol(part.c_str(), &end, 10);
        if (part.empty() || *end != '\0' || errno != 0 || value < -1'000'000 || value > 1'000'000)
            throw Error("a region of interest is X,Y,W,H in whole pixels, not '" + text + "'");
        values.push_back(value);
    }
    if (values.size() != 4)
        throw Error("a region of interest is X,Y,W,H (four whole numbers), not '" + text + "'");
    if (values[2] <= 0 || values[3] <= 0)
        throw Error("the region of interest '" + text + "' has no area: its width and height must be positive");
    JointRegion region;
    region.x = static_cast<int>(values[0]);
    region.y = static_cast<int>(values[1]);
    region.width = static_cast<int>(values[2]);
    region.height = static_cast<int>(values[3]);
    region.source = "manual";
    region.score = 1.0;
    return region;
}

std::string formatJointRegion(const JointRegion& region)
{
    return std::to_string(region.x) + "," + std::to_string(region.y) + "," + std::to_string(region.width) + "," +
           std::to_string(region.height);
}

JointRegion clippedToImage(const JointRegion& region, int width, int height)
{
    JointRegion clipped = region;
    const int left = std::max(0, region.x), top = std::max(0, region.y);
    const int right = std::min(width, region.x + region.width), bottom = std::min(height, region.y + region.height);
    clipped.x = left;
    clipped.y = top;
    clipped.width = std::max(0, right - left);
    clipped.height = std::max(0, bottom - top);
    return clipped;
}

double intersectionOverUnion(const JointRegion& a, const JointRegion& b)
{
    if (a.empty() || b.empty())
        return 0.0;
    const double left = std::max(a.x, b.x), top = std::max(a.y, b.y);
    const double right = std::min(a.x + a.width, b.x + b.width), bottom = std::min(a.y + a.height, b.y + b.height);
    const double inter = std::max(0.0, right - left) * std::max(0.0, bottom - top);
    const double unionArea = double(a.width) * a.height + double(b.width) * b.height - inter;
    return unionArea > 0 ? inter / unionArea : 0.0;
}

void to_json(nlohmann::json& json, const JointRegion& region)
{
    json = nlohmann::json{{"x", region.x},           {"y", region.y},
                          {"width", region.width},   {"height", region.height},
                          {"side", std::string(1, region.side)},
                          {"side_source", region.sideSource},
                          {"source", region.source}, {"score", region.score}};
}

void from_json(const nlohmann::json& json, JointRegion& region)
{
    region.x = json.at("x").get<int>();
    region.y = json.at("y").get<int>();
    region.width = json.at("width").get<int>();
    region.height = json.at("height").get<int>();
    const std::string side = json.value("side", std::string("?"));
    region.side = side == "R" || side == "L" ? side[0] : '?';
    region.sideSource = json.value("side_source", std::string());
    region.source = json.value("source", std::string("manual"));
    region.score = json.value("score", 0.0);
}

} // namespace kg
