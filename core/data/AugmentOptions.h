#pragma once
// Public (plain C++): which training augmentations run, matching the tutorial's Keras layers.
#include <nlohmann/json_fwd.hpp>

#include <string>

namespace kg {

/// Keras' fill_mode for pixels that a transform brings in from outside the image.
enum class FillMode {
    Reflect,   ///< (d c b a | a b c d | d c b a), Keras' default; OpenCV BORDER_REFLECT
    Nearest,   ///< (a a a a | a b c d | d d d d)
    Wrap,      ///< (a b c d | a b c d | a b c d)
    Constant,  ///< black (0)
};

std::string toString(FillMode mode);
/// Parses "reflect" | "nearest" | "wrap" | "constant"; throws kg::Error naming the bad value.
FillMode parseFillMode(const std::string& text);

/// RandomFlip("horizontal"), RandomRotation(0.1), RandomZoom(0.2), RandomTranslation(0.1, 0.1),
/// composed into one bilinear warp per image. Each transform can be switched off on its own;
/// random draws do not depend on the switches, so disabling one leaves the others unchanged.
struct AugmentOptions {
    bool horizontalFlip = true;     ///< mirror left/right with probability 0.5
    bool rotate = true;             ///< rotate about the centre by U(−f, f)·2π, f = rotationFactor
    double rotationFactor = 0.1;    ///< fraction of a full turn (0.1 = ±36°)
    bool zoom = true;               ///< zoom by 1 + U(−f, f), same factor for both axes (>1 zooms out)
    double zoomFactor = 0.2;        ///< Keras RandomZoom height_factor (width follows)
    bool translate = true;          ///< shift by U(−f, f) of the width and, independently, of the height
    double translationFactor = 0.1; ///< Keras RandomTranslation height/width factor
    FillMode fillMode = FillMode::Reflect;  ///< how uncovered pixels are filled
};

/// True when at least one transform is on with a non-zero range.
bool anyAugmentation(const AugmentOptions& options);

void to_json(nlohmann::json& json, const AugmentOptions& options);
void from_json(const nlohmann::json& json, AugmentOptions& options);

} // namespace kg
