#include "core/locate/detail/LocaliserBatch.h"

#include "core/locate/detail/LocaliserInput.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace kg::locate {

namespace {

constexpr double kPi = 3.14159265358979323846;

struct Augmented {
    cv::Mat canvas, mask;
    std::vector<Box> boxes;
};

Augmented augment(const PoolSample& sample, DeterministicRandom& r)
{
    const int size = sample.canvas.rows;
    const bool flip = r.chance(0.5);
    const double angle = r.uniform(-12.0, 12.0);
    const double zoom = std::exp(r.uniform(std::log(0.8), std::log(1.2)));
    const double shiftX = r.uniform(-0.08, 0.08) * size, shiftY = r.uniform(-0.08, 0.08) * size;
    const cv::Point2f centre(size / 2.0f, size / 2.0f);
    cv::Mat affine = cv::getRotationMatrix2D(centre, angle, zoom);
    affine.at<double>(0, 2) += shiftX;
    affine.at<double>(1, 2) += shiftY;
    if (flip) {  // mirror first: x → size − x
        cv::Mat mirror = (cv::Mat_<double>(3, 3) << -1, 0, size, 0, 1, 0, 0, 0, 1);
        cv::Mat full = cv::Mat::eye(3, 3, CV_64F);
        affine.copyTo(full(cv::Rect(0, 0, 3, 2)));
        full = full * mirror;
        affine = full(cv::Rect(0, 0, 3, 2)).clone();
    }

    Augmented out;
    cv::Mat mask(size, size, CV_8UC1, cv::Scalar(0));
    mask(sample.content).setTo(255);
    cv::warpAffine(sample.canvas, out.canvas, affine, sample.canvas.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, 0);
    cv::warpAffine(mask, out.mask, affine, mask.size(), cv::INTER_NEAREST, cv::BORDER_CONSTANT, 0);
    for (const Box& b : sample.boxes) {
        const double x = affine.at<double>(0, 0) * b.cx + affine.at<double>(0, 1) * b.cy + affine.at<double>(0, 2);
        const double y = affine.at<double>(1, 0) * b.cx + affine.at<double>(1, 1) * b.cy + affine.at<double>(1, 2);
        if (x >= 0 && y >= 0 && x < size && y < size)
            out.boxes.push_back({static_cast<float>(x), static_cast<float>(y), static_cast<float>(b.side * zoom)});
    }

    // Exposure: a tone curve, contrast and brightness inside the content, noise, sometimes blur.
    cv::Mat values;
    out.canvas.convertTo(values, CV_32F, 1.0 / 255.0);
    cv::pow(values, std::exp(r.uniform(-0.5, 0.5)), values);
    values = values * r.uniform(0.7, 1.3) + r.uniform(-0.12, 0.12);
    if (r.chance(0.4)) {
        cv::Mat noise(values.size(), CV_32F);
        cv::randn(noise, 0.0, r.uniform(0.005, 0.05));
        values += noise;
    }
    if (r.chance(0.3))
        cv::GaussianBlur(values, values, cv::Size(), r.uniform(0.4, 1.4));
    cv::Mat tone;
    values.convertTo(tone, CV_8U, 255.0);
    tone.copyTo(out.canvas, out.mask);
    return out;
}

} // namespace

TrainBatch makeBatch(const std::vector<PoolSample>& pool, const std::vector<std::size_t>& indices, std::uint64_t seed,
                     const LocaliserNetConfig& config)
{
    const auto n = static_cast<std::int64_t>(indices.size());
    const int size = config.inputSize, cells = config.outputSize();
    const double stride = LocaliserNetConfig::kStride;
    TrainBatch batch;
    batch.input = torch::empty({n, 1, size, size});
    batch.heat = torch::zeros({n, 1, cells, cells});
    batch.regression = torch::zeros({n, 3, cells, cells});
    batch.regMask = torch::zeros({n, 1, cells, cells});
    auto heat = batch.heat.accessor<float, 4>();
    auto regression = batch.regression.accessor<float, 4>();
    auto regMask = batch.regMask.accessor<float, 4>();
    for (std::int64_t k = 0; k < n; ++k) {
        DeterministicRandom r(combineSeeds({seed, static_cast<std::uint64_t>(k)}));
        cv::theRNG().state = r.nextU64() | 1;   // OpenCV's randn (noise) draws from this thread's generator
        const Augmented a = augment(pool.at(indices[static_cast<std::size_t>(k)]), r);
        batch.input[k].copy_(standardise(a.canvas, a.mask));
        for (const Box& b : a.boxes) {
            const double cx = b.cx / stride, cy = b.cy / stride;
            const int ix = std::clamp(static_cast<int>(cx), 0, cells - 1), iy = std::clamp(static_cast<int>(cy), 0, cells - 1);
            const double sigma = std::clamp(b.side / stride / 8.0, 0.8, 8.0);
            const int radius = static_cast<int>(std::ceil(3 * sigma));
            for (int y = std::max(0, iy - radius); y <= std::min(cells - 1, iy + radius); ++y)
                for (int x = std::max(0, ix - radius); x <= std::min(cells - 1, ix + radius); ++x) {
                    const double d2 = double(x - ix) * (x - ix) + double(y - iy) * (y - iy);
                    heat[k][0][y][x] = std::max(heat[k][0][y][x], static_cast<float>(std::exp(-d2 / (2 * sigma * sigma))));
                }
            regression[k][0][iy][ix] = static_cast<float>(std::log(std::max(1.0f, b.side) / size));
            regression[k][1][iy][ix] = static_cast<float>(cx - ix);
            regression[k][2][iy][ix] = static_cast<float>(cy - iy);
            regMask[k][0][iy][ix] = 1.0f;
        }
    }
    return batch;
}

LossParts localiserLoss(const torch::Tensor& output, const TrainBatch& batch)
{
    const auto logits = output.slice(1, 0, 1);
    const auto p = torch::sigmoid(logits).clamp(1e-4, 1.0 - 1e-4);
    const auto positive = batch.heat.eq(1.0).to(torch::kFloat32);
    const auto negative = 1.0 - positive;
    const auto positiveLoss = torch::log(p) * torch::pow(1.0 - p, 2) * positive;
    const auto negativeLoss = torch::log(1.0 - p) * torch::pow(p, 2) * torch::pow(1.0 - batch.heat, 4) * negative;
    const auto centres = positive.sum().clamp_min(1.0);
    LossParts parts;
    parts.heat = -(positiveLoss.sum() + negativeLoss.sum()) / centres;
    const auto regCount = batch.regMask.sum().clamp_min(1.0);
    const auto predicted = output.slice(1, 1, 4);
    const auto diff = (predicted - batch.regression).abs() * batch.regMask;
    parts.size = diff.slice(1, 0, 1).sum() / regCount;
    parts.offset = diff.slice(1, 1, 3).sum() / regCount;
    parts.total = parts.heat + parts.size + parts.offset;
    return parts;
}

} // namespace kg::locate
