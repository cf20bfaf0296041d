#include "core/locate/detail/LocaliserInput.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace kg::locate {

Letterbox letterboxFor(int width, int height, int size)
{
    Letterbox box;
    box.size = size;
    box.scale = static_cast<double>(size) / std::max(width, height);
    const int w = std::clamp(static_cast<int>(std::lround(width * box.scale)), 1, size);
    const int h = std::clamp(static_cast<int>(std::lround(height * box.scale)), 1, size);
    box.content = cv::Rect((size - w) / 2, (size - h) / 2, w, h);
    box.offsetX = box.content.x;
    box.offsetY = box.content.y;
    return box;
}

cv::Mat letterboxImage(const cv::Mat& gray8, const Letterbox& box)
{
    cv::Mat canvas(box.size, box.size, CV_8UC1, cv::Scalar(0));
    cv::Mat resized;
    const int interpolation = box.content.width < gray8.cols ? cv::INTER_AREA : cv::INTER_LINEAR;
    cv::resize(gray8, resized, box.content.size(), 0, 0, interpolation);
    resized.copyTo(canvas(box.content));
    return canvas;
}

torch::Tensor standardise(const cv::Mat& canvas8, const cv::Mat& mask)
{
    cv::Scalar mean, deviation;
    cv::meanStdDev(canvas8, mean, deviation, mask);
    const double spread = std::max(deviation[0], 12.0);
    cv::Mat values;
    canvas8.convertTo(values, CV_32F, 1.0 / spread, -mean[0] / spread);
    auto tensor = torch::from_blob(values.data, {1, canvas8.rows, canvas8.cols}, torch::kFloat32).clone();
    return tensor.clamp_(-6.0, 6.0);
}

double squareIou(double ax, double ay, double aside, double bx, double by, double bside)
{
    const double left = std::max(ax - aside / 2, bx - bside / 2), right = std::min(ax + aside / 2, bx + bside / 2);
    const double top = std::max(ay - aside / 2, by - bside / 2), bottom = std::min(ay + aside / 2, by + bside / 2);
    const double inter = std::max(0.0, right - left) * std::max(0.0, bottom - top);
    const double uni = aside * aside + bside * bside - inter;
    return uni > 0 ? inter / uni : 0.0;
}

std::vector<Detection> decodeMaps(const torch::Tensor& maps, double minScore, int maxCount)
{
    const auto heat = torch::sigmoid(maps[0].to(torch::kFloat32)).contiguous();
    const auto pooled = torch::max_pool2d(heat.unsqueeze(0), {3, 3}, {1, 1}, {1, 1}).squeeze(0);
    const auto peaks = torch::logical_and(heat == pooled, heat >= minScore).nonzero();
    const auto sizes = maps[1].to(torch::kFloat32).contiguous();
    const auto offsets = maps.slice(0, 2, 4).to(torch::kFloat32).contiguous();
    const int outSize = static_cast<int>(heat.size(1));
    const double inputSize = outSize * LocaliserNetConfig::kStride;

    std::vector<Detection> candidates;
    const auto peakAccess = peaks.accessor<std::int64_t, 2>();
    const auto heatAccess = heat.accessor<float, 2>();
    const auto sizeAccess = sizes.accessor<float, 2>();
    const auto offsetAccess = offsets.accessor<float, 3>();
    for (std::int64_t i = 0; i < peaks.size(0); ++i) {
        const auto y = peakAccess[i][0], x = peakAccess[i][1];
        Detection d;
        d.score = heatAccess[y][x];
        const double ox = std::clamp(static_cast<double>(offsetAccess[0][y][x]), 0.0, 1.0);
        const double oy = std::clamp(static_cast<double>(offsetAccess[1][y][x]), 0.0, 1.0);
        d.cx = (static_cast<double>(x) + ox) * LocaliserNetConfig::kStride;
        d.cy = (static_cast<double>(y) + oy) * LocaliserNetConfig::kStride;
        d.side = inputSize * std::exp(std::clamp(static_cast<double>(sizeAccess[y][x]), -5.0, 0.7));
        candidates.push_back(d);
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Detection& a, const Detection& b) { return a.score > b.score; });
    std::vector<Detection> kept;
    for (const auto& c : candidates) {
        if (static_cast<int>(kept.size()) >= maxCount)
            break;
        const bool overlaps = std::any_of(kept.begin(), kept.end(), [&](const Detection& k) {
            const bool centreInside = std::abs(c.cx - k.cx) < k.side / 2 && std::abs(c.cy - k.cy) < k.side / 2;
            return centreInside || squareIou(c.cx, c.cy, c.side, k.cx, k.cy, k.side) > 0.3;
        });
        if (!overlaps)
            kept.push_back(c);
    }
    return kept;
}

} // namespace kg::locate
