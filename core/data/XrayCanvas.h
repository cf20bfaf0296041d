#pragma once
// Internal (OpenCV): a projection radiograph drawn as PhantomRender.cpp draws its knees — bone and
// soft-tissue shapes filled into masks, their distance transforms turned into projected
// thickness (rounded bones with cortices and a medullary canal), summed into a density, then
// the film response, blur and exposure. Full radiographs (FullRadiograph.cpp) draw their
// legs on it, so that a pasted phantom continues seamlessly into the long bones around it.
#include "core/data/DeterministicRandom.h"

#include <opencv2/core.hpp>

#include <vector>

namespace kg {

/// A knee's canonical frame in image pixels (see PhantomLayout): x across (medial +), y down.
struct KneeFrame {
    cv::Point2d origin;
    double unitPx = 100;
    double angle = 0;
    bool mirrored = false;

    cv::Point2d medial() const;   ///< unit vector of canonical +x in the image
    cv::Point2d down() const;     ///< unit vector of canonical +y in the image
    cv::Point2d toImage(double x, double y) const;
    double canonicalY(cv::Point2d pixel) const;
};

/// How densities become gray levels: 255·gain·heel(y)·(1 − e^(−exposure·d))^gamma + 255·bias.
struct Film {
    double exposure = 1.2, gamma = 1.0, gain = 0.95, bias = 0.0;
    double heel = 0.0, heelTop = 0.0, heelSpan = 1.0;   ///< heel(y) = 1 + heel·clamp(2(y − top)/span − 1, −1, 1)
    double blurSigmaPx = 1.0;
    double noiseSigma = 3.0;                            ///< grain, 8-bit gray levels
};

/// Bone and soft-tissue densities; lengths in canonical units of each leg's knee unless named Px.
struct Material {
    double boneRadius = 0.42, fibulaRadius = 0.11, cortexThickness = 0.06;
    double flatRadius = 0.12, flatWeight = 0.55;        ///< thick bones: tarsals, pubic rami, patella (lateral view)
    double plateRadius = 0.08, plateWeight = 0.3;       ///< thin plates: iliac wings, sacrum
    double cortexAtPx = 1.3, cortexWidthPx = 1.1;
    double softDensity = 0.3, boneDensity = 1.0, textureAmplitude = 0.18;
    double texturePx = 1.0;                             ///< texture grain size (the phantom's size / 224)
};

/// One leg's shading: which knee frame it belongs to and, per image row, where the leg is.
struct LegShading {
    KneeFrame knee;
    double softNormPx = 100;          ///< the knee's leg half-width: soft tissue there has density softDensity
    std::vector<float> centreX;       ///< per row: the leg's axis column (splits two legs)
    std::vector<float> softHalfPx;    ///< per row: the leg's half-width (its soft tissue grows with it)
    std::vector<float> shaftRamp;     ///< per row: 1 where the long bones are tubes, 0 at hip and ankle
};

class XrayCanvas {
public:
    enum Layer { Femur, Tibia, Fibula, Flat, Plate, Soft, LayerCount };

    XrayCanvas(int width, int height);
    int width() const { return width_; }
    int height() const { return height_; }

    /// Fills (or, with erase, clears) a polygon given in image pixels.
    void fill(Layer layer, const std::vector<cv::Point2d>& polygon, bool erase = false);
    /// Draws a thick open polyline.
    void stroke(Layer layer, const std::vector<cv::Point2d>& polyline, double thicknessPx);

    /// Density → gray (0..255 scale, float), blurred as film and phantom are; no grain yet.
    cv::Mat render(const Material& material, const Film& film, const std::vector<LegShading>& legs,
                   DeterministicRandom& random) const;

private:
    int width_, height_;
    int softStep_;                          ///< the soft-tissue layer is drawn this many times smaller
    std::vector<cv::Mat> masks_;
    std::vector<std::vector<cv::Rect>> drawn_;   ///< per layer: where something was drawn
};

/// A square tile of band-limited noise in about [−1, 1] that repeats seamlessly, grain `fine`
/// and `coarse` (tile pixels), stretched vertically by `stretch` (as trabeculae run with the load).
cv::Mat periodicTexture(int tile, double fine, double coarse, double stretch, DeterministicRandom& random);

} // namespace kg
