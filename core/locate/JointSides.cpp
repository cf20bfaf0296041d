// assignSides: the patient's side of each localised knee, and where that came from.
#include "core/locate/KneeLocaliser.h"

#include <algorithm>
#include <cctype>

namespace kg {

namespace {

std::string upper(std::string text)
{
    text.erase(std::remove_if(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); }), text.end());
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::toupper(c); });
    return text;
}

/// True when the file says the view is lateral or oblique (no left/right reading from position).
bool nonFrontalView(const RadiographInfo* info)
{
    if (!info)
        return false;
    const std::string view = upper(info->viewPosition);
    return !view.empty() && view != "AP" && view != "PA";
}

constexpr const char* kConvention = "radiological convention (the patient's right on the image's left)";

} // namespace

void assignSides(std::vector<JointRegion>& knees, int imageWidth, const RadiographInfo* info)
{
    std::stable_sort(knees.begin(), knees.end(),
                     [](const JointRegion& a, const JointRegion& b) { return a.centreX() < b.centreX(); });
    const std::string laterality = info ? upper(info->laterality) : std::string();
    if (knees.size() == 1) {
        JointRegion& knee = knees.front();
        if (laterality == "R" || laterality == "L") {
            knee.side = laterality[0];
            knee.sideSource = "DICOM Image Laterality";
            return;
        }
        // A lone knee well off the centre of a frontal film is most likely one of a pair
        // whose other knee is missing (or was not found): it stands where the convention puts it.
        const double position = imageWidth > 0 ? knee.centreX() / imageWidth : 0.5;
        if (!nonFrontalView(info) && knee.source != "whole image" && (position < 1.0 / 3 || position > 2.0 / 3)) {
            knee.side = position < 0.5 ? 'R' : 'L';
            knee.sideSource = std::string(kConvention) + ", from the knee's position";
            return;
        }
        knee.side = '?';
        knee.sideSource = nonFrontalView(info) ? "unknown (a lateral view without DICOM Image Laterality)"
                                               : "unknown (a single knee without DICOM Image Laterality)";
        return;
    }
    if (knees.empty())
        return;
    if (nonFrontalView(info)) {
        for (auto& knee : knees) {
            knee.side = '?';
            knee.sideSource = "unknown (not a frontal view)";
        }
        return;
    }
    // Image-left half of the boxes: the patient's right (AP and PA alike, as displayed).
    const std::size_t half = knees.size() / 2;
    for (std::size_t i = 0; i < knees.size(); ++i) {
        const bool middle = knees.size() % 2 == 1 && i == half;
        knees[i].side = middle ? '?' : (i < half ? 'R' : 'L');
        knees[i].sideSource = middle ? "unknown (the middle of three or more knees)" : kConvention;
    }
}

} // namespace kg
