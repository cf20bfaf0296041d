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

/// The patient's side shown on the image's left, from DICOM Patient Orientation (0020,0020):
/// its first value is the patient direction the rows run towards (image right). 'R' on the
/// left for "L" (the usual display), 'L' for "R" (a mirrored image); '?' without the tag.
char leftSideFromOrientation(const RadiographInfo* info)
{
    if (!info)
        return '?';
    const std::string orientation = upper(info->patientOrientation);
    const std::string rows = orientation.substr(0, orientation.find('\\'));
    if (rows.empty())
        return '?';
    if (rows[0] == 'L')
        return 'R';
    if (rows[0] == 'R')
        return 'L';
    return '?';
}

char other(char side) { return side == 'R' ? 'L' : 'R'; }

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
            const char fromTag = leftSideFromOrientation(info);
            const char left = fromTag == '?' ? 'R' : fromTag;
            knee.side = position < 0.5 ? left : other(left);
            knee.sideSource = (fromTag == '?' ? std::string(kConvention) : std::string("DICOM Patient Orientation")) +
                              ", from the knee's position";
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
    // Image-left half of the boxes: the patient's right (AP and PA alike, as displayed),
    // unless Patient Orientation says the image is mirrored.
    const char fromTag = leftSideFromOrientation(info);
    const char left = fromTag == '?' ? 'R' : fromTag;
    const std::string source =
        fromTag == '?' ? std::string(kConvention)
                       : std::string("DICOM Patient Orientation (the patient's ") + (left == 'R' ? "right" : "left") +
                             " on the image's left)";
    const std::size_t half = knees.size() / 2;
    for (std::size_t i = 0; i < knees.size(); ++i) {
        const bool middle = knees.size() % 2 == 1 && i == half;
        knees[i].side = middle ? '?' : (i < half ? left : other(left));
        knees[i].sideSource = middle ? "unknown (the middle of three or more knees)" : source;
    }
}

} // namespace kg
