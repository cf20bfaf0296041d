#pragma once
// Internal (torch, OpenCV): what goes into the localiser network and what comes out —
// the letterbox (the image scaled to fit S×S, aspect kept, centred, black padding), the
// per-image standardisation of its content, and the decoding of the output maps into boxes.
// Training and inference share these, so the network sees the same thing in both.
#include "core/locate/detail/LocaliserNet.h"

#include <opencv2/core.hpp>

#include <vector>

namespace kg::locate {

/// Where an image lands inside the S×S letterbox.
struct Letterbox {
    int size = 256;
    double scale = 1.0;            ///< letterbox pixels per image pixel
    double offsetX = 0, offsetY = 0;
    cv::Rect content;              ///< the image's rectangle inside the letterbox
};

Letterbox letterboxFor(int width, int height, int size);

/// The image resized into the letterbox (area interpolation), padding 0.
cv::Mat letterboxImage(const cv::Mat& gray8, const Letterbox& box);

/// 1×S×S float tensor: (value − mean) / spread over the pixels where `mask` is set (the
/// content, not the padding), so exposure and window do not matter; clamped to ±6.
torch::Tensor standardise(const cv::Mat& canvas8, const cv::Mat& mask);

/// A joint in letterbox pixels.
struct Detection {
    double cx = 0, cy = 0;   ///< centre
    double side = 0;         ///< square box side
    double score = 0;        ///< heat-map peak in [0, 1]
};

/// Peaks of the heat map (local 3×3 maxima ≥ minScore), best first, at most `maxCount`; a
/// peak whose box overlaps a better one by IoU > 0.3 or whose centre lies in it is dropped.
/// `maps`: 4×H×W raw network output of one image.
std::vector<Detection> decodeMaps(const torch::Tensor& maps, double minScore, int maxCount);

/// IoU of two square boxes given by centre and side.
double squareIou(double ax, double ay, double aside, double bx, double by, double bside);

} // namespace kg::locate
