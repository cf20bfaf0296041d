#pragma once
// Public (plain C++): Grad-CAM heatmaps and their colour overlays, as plain images the UI,
// the report and the CLI can use without torch or OpenCV.
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace kg {

/// A single-channel float map, row-major, values in [0, 1] (1 = strongest evidence).
struct HeatMap {
    int width = 0;
    int height = 0;
    std::vector<float> values;  ///< width × height, row-major
    bool empty() const { return values.empty(); }
    float at(int x, int y) const { return values[static_cast<size_t>(y) * width + x]; }
};

/// An 8-bit RGB image, row-major, 3 bytes per pixel (R, G, B).
struct RgbImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels;  ///< width × height × 3
    bool empty() const { return pixels.empty(); }
};

/// Colour scales for heatmaps: Jet is what Grad-CAM papers show, Turbo is its perceptually
/// smoother successor (no false bands).
enum class Colormap { Jet, Turbo };
std::string toString(Colormap colormap);
/// "jet" | "turbo"; throws kg::Error naming the bad value.
Colormap parseColormap(const std::string& text);

struct GradCamOptions {
    bool enabled = false;                 ///< compute a heatmap (costs one backward pass per batch)
    int targetGrade = -1;                 ///< class whose score is explained; -1 = the predicted grade
    double alpha = 0.45;                  ///< overlay opacity of the colour map (0 = image only)
    Colormap colormap = Colormap::Turbo;  ///< colour scale of the overlay
};

void to_json(nlohmann::json& json, const GradCamOptions& options);
void from_json(const nlohmann::json& json, GradCamOptions& options);

/// Bilinear resize (pixel-centre aligned, as cv::resize); values stay in [0, 1].
HeatMap resizeHeatMap(const HeatMap& map, int width, int height);
/// The colour each heat value maps to.
RgbImage colorizeHeatMap(const HeatMap& map, Colormap colormap);
/// (1 − alpha)·image + alpha·colour(heat). The heatmap is resized to the image when their
/// sizes differ, so the overlay always has the image's size.
RgbImage overlayHeatMap(const RgbImage& image, const HeatMap& map, double alpha, Colormap colormap);

/// Writes an RGB image as PNG (or any format OpenCV writes, by extension). Throws kg::Error.
void writeRgbImage(const std::string& path, const RgbImage& image);

} // namespace kg
