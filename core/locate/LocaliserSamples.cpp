#include "core/locate/detail/LocaliserSamples.h"

#include "core/data/Phantom.h"
#include "core/locate/detail/LocaliserInput.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace kg::locate {

namespace {

constexpr double kPi = 3.14159265358979323846;

double overlapArea(const cv::Rect2d& a, const cv::Rect2d& b)
{
    const double w = std::min(a.x + a.width, b.x + b.width) - std::max(a.x, b.x);
    const double h = std::min(a.y + a.height, b.y + b.height) - std::max(a.y, b.y);
    return w > 0 && h > 0 ? w * h : 0.0;
}

cv::Rect2d rectOf(const Box& b, double grow = 1.0)
{
    const double half = b.side * grow / 2;
    return {b.cx - half, b.cy - half, 2 * half, 2 * half};
}

/// Film grain and detector noise, a little blur, and a random tone curve.
void finish(cv::Mat& gray, DeterministicRandom& r)
{
    cv::Mat values;
    gray.convertTo(values, CV_32F);
    cv::Mat noise(gray.size(), CV_32F);
    cv::randn(noise, 0.0, r.uniform(1.0, 12.0));
    values += noise;
    if (r.chance(0.5))
        cv::GaussianBlur(values, values, cv::Size(), r.uniform(0.5, 2.0));
    const double gamma = std::exp(r.uniform(-0.4, 0.4));
    cv::Mat unit = values / 255.0;
    unit = cv::max(unit, 0.0);
    cv::pow(unit, gamma, unit);
    unit.convertTo(gray, CV_8U, 255.0);
}

/// A long bone's projection across the image: soft tissue, cortex bright at its edges, marrow darker.
void drawShaft(cv::Mat& canvas, DeterministicRandom& r, double base)
{
    const double w = canvas.cols, h = canvas.rows, shortSide = std::min(w, h);
    const double angle = r.uniform(-0.35, 0.35) + (r.chance(0.75) ? kPi / 2 : 0.0);
    const cv::Point2d centre(r.uniform(0.2, 0.8) * w, r.uniform(0.2, 0.8) * h);
    const cv::Point2d dir(std::cos(angle), std::sin(angle));
    const double length = 2.0 * std::hypot(w, h);
    const double width = r.uniform(0.08, 0.22) * shortSide;
    const cv::Point a = centre - dir * length / 2, b = centre + dir * length / 2;
    const int tissue = static_cast<int>(std::lround(width * r.uniform(2.0, 3.5)));
    cv::line(canvas, a, b, cv::Scalar(base + r.uniform(15, 50)), tissue, cv::LINE_AA);
    const double bone = base + r.uniform(70, 140);
    cv::line(canvas, a, b, cv::Scalar(bone), static_cast<int>(std::lround(width)), cv::LINE_AA);
    const int marrow = static_cast<int>(std::lround(width * r.uniform(0.35, 0.6)));
    cv::line(canvas, a, b, cv::Scalar(bone - r.uniform(20, 50)), std::max(1, marrow), cv::LINE_AA);
}

} // namespace

Box toBox(const JointRegion& region)
{
    return {static_cast<float>(region.centreX()), static_cast<float>(region.centreY()),
            static_cast<float>(std::max(region.width, region.height))};
}

cv::Mat cropPadded(const cv::Mat& gray, const cv::Rect& region)
{
    cv::Mat out(region.size(), CV_8UC1, cv::Scalar(0));
    const cv::Rect inside = region & cv::Rect(0, 0, gray.cols, gray.rows);
    if (inside.area() > 0)
        gray(inside).copyTo(out(cv::Rect(inside.x - region.x, inside.y - region.y, inside.width, inside.height)));
    return out;
}

LabelledImage boxCrop(const cv::Mat& gray, const Box& knee)
{
    const int side = std::max(8, static_cast<int>(std::lround(knee.side)));
    const cv::Rect region(static_cast<int>(std::lround(knee.cx - side / 2.0)),
                          static_cast<int>(std::lround(knee.cy - side / 2.0)), side, side);
    LabelledImage crop{cropPadded(gray, region), {}, "crop"};
    crop.boxes.push_back({side / 2.0f, side / 2.0f, static_cast<float>(side)});
    return crop;
}

LabelledImage contextCrop(const cv::Mat& gray, const std::vector<Box>& knees, std::size_t which, DeterministicRandom& r)
{
    const cv::Rect2d image(0, 0, gray.cols, gray.rows);
    const Box& knee = knees.at(which);
    for (int attempt = 0; attempt < 8; ++attempt) {
        const double side = knee.side * r.uniform(1.3, 2.4);
        const double slack = (side - knee.side) / 2;
        const double cx = knee.cx + r.uniform(-0.9, 0.9) * slack, cy = knee.cy + r.uniform(-0.9, 0.9) * slack;
        cv::Rect2d region(cx - side / 2, cy - side / 2, side, side);
        region &= image;
        if (region.width < knee.side * 0.9 || region.height < knee.side * 0.9)
            continue;
        LabelledImage crop;
        crop.kind = "context";
        bool ambiguous = false;
        for (const Box& b : knees) {
            const double visible = overlapArea(rectOf(b), region) / (double(b.side) * b.side);
            if (visible >= 0.85)
                crop.boxes.push_back({static_cast<float>(b.cx - region.x), static_cast<float>(b.cy - region.y), b.side});
            else if (visible > 0.02)
                ambiguous = true;
        }
        if (ambiguous || crop.boxes.empty())
            continue;
        const cv::Rect pixels(static_cast<int>(std::lround(region.x)), static_cast<int>(std::lround(region.y)),
                              static_cast<int>(std::lround(region.width)), static_cast<int>(std::lround(region.height)));
        crop.gray = cropPadded(gray, pixels);
        return crop;
    }
    return {};
}

LabelledImage negativeCrop(const cv::Mat& gray, const std::vector<Box>& knees, DeterministicRandom& r)
{
    const double shortSide = std::min(gray.cols, gray.rows);
    for (int attempt = 0; attempt < 16; ++attempt) {
        const double side = r.uniform(0.2, 0.7) * shortSide;
        const double aspect = std::exp(r.uniform(-0.4, 0.4));
        const double w = std::min<double>(gray.cols, side * aspect), h = std::min<double>(gray.rows, side / aspect);
        const cv::Rect2d region(r.uniform(0, gray.cols - w), r.uniform(0, gray.rows - h), w, h);
        const bool clear = std::none_of(knees.begin(), knees.end(),
                                        [&](const Box& b) { return overlapArea(rectOf(b, 1.5), region) > 0; });
        if (!clear || w < 24 || h < 24)
            continue;
        const cv::Rect pixels(static_cast<int>(region.x), static_cast<int>(region.y), static_cast<int>(w),
                              static_cast<int>(h));
        return {gray(pixels).clone(), {}, "negative crop"};
    }
    return {};
}

LabelledImage drawnNegative(DeterministicRandom& r, int width, int height)
{
    cv::theRNG().state = r.nextU64() | 1;   // OpenCV's randn draws from this thread's generator
    const double base = r.uniform(5, 110);
    cv::Mat canvas(height, width, CV_32F, cv::Scalar(base));
    const double shortSide = std::min(width, height);
    switch (r.below(8)) {
    case 0:  // flat
        canvas.setTo(cv::Scalar(r.uniform(0, 255)));
        break;
    case 1: {  // noise, fine or blotchy
        cv::randn(canvas, r.uniform(30, 200), r.uniform(5, 60));
        if (r.chance(0.5))
            cv::GaussianBlur(canvas, canvas, cv::Size(), r.uniform(1, 8));
        break;
    }
    case 2: {  // linear or radial gradient
        const double angle = r.uniform(0, 2 * kPi), low = r.uniform(0, 120), high = r.uniform(120, 255);
        const bool radial = r.chance(0.4);
        const cv::Point2d centre(r.uniform(0, width), r.uniform(0, height));
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width; ++x) {
                const double t = radial ? std::hypot(x - centre.x, y - centre.y) / std::hypot(width, height)
                                        : 0.5 + ((x - width / 2.0) * std::cos(angle) + (y - height / 2.0) * std::sin(angle)) /
                                                    std::hypot(width, height);
                canvas.at<float>(y, x) = static_cast<float>(low + (high - low) * std::clamp(t, 0.0, 1.0));
            }
        break;
    }
    case 3: {  // blobs
        const int count = 3 + static_cast<int>(r.below(12));
        for (int i = 0; i < count; ++i) {
            const cv::Point centre(static_cast<int>(r.uniform(0, width)), static_cast<int>(r.uniform(0, height)));
            const cv::Size axes(static_cast<int>(r.uniform(0.04, 0.4) * shortSide), static_cast<int>(r.uniform(0.04, 0.4) * shortSide));
            cv::ellipse(canvas, centre, axes, r.uniform(0, 180), 0, 360, cv::Scalar(r.uniform(0, 255)), -1, cv::LINE_AA);
        }
        cv::GaussianBlur(canvas, canvas, cv::Size(), r.uniform(1, 6));
        break;
    }
    case 4:  // one or two long-bone shafts, no joint in the picture
    case 5: {
        const int count = 1 + static_cast<int>(r.below(2));
        for (int i = 0; i < count; ++i)
            drawShaft(canvas, r, base);
        cv::GaussianBlur(canvas, canvas, cv::Size(), r.uniform(0.8, 2.5));
        break;
    }
    case 6: {  // chest-like: lung fields, ribs, spine
        canvas.setTo(cv::Scalar(r.uniform(120, 200)));
        const double lung = r.uniform(20, 70);
        for (int side = -1; side <= 1; side += 2)
            cv::ellipse(canvas, cv::Point(static_cast<int>(width / 2 + side * width * 0.22), static_cast<int>(height * 0.5)),
                        cv::Size(static_cast<int>(width * 0.18), static_cast<int>(height * 0.35)), 0, 0, 360,
                        cv::Scalar(lung), -1, cv::LINE_AA);
        const int ribs = 6 + static_cast<int>(r.below(6));
        for (int i = 0; i < ribs; ++i)
            for (int side = -1; side <= 1; side += 2)
                cv::ellipse(canvas, cv::Point(width / 2, static_cast<int>(height * (0.12 + 0.075 * i))),
                            cv::Size(static_cast<int>(width * 0.42), static_cast<int>(height * 0.12)), 0,
                            side < 0 ? 180 : 0, side < 0 ? 270 : 90 - 180, cv::Scalar(lung + r.uniform(40, 90)),
                            std::max(2, static_cast<int>(shortSide * 0.015)), cv::LINE_AA);
        cv::rectangle(canvas, cv::Rect(static_cast<int>(width * 0.46), 0, static_cast<int>(width * 0.08), height),
                      cv::Scalar(r.uniform(150, 230)), -1);
        cv::GaussianBlur(canvas, canvas, cv::Size(), r.uniform(1, 4));
        break;
    }
    default: {  // burnt-in text, markers and collimation edges
        const int count = 2 + static_cast<int>(r.below(8));
        for (int i = 0; i < count; ++i) {
            const std::string text = r.chance(0.5) ? std::string(1, "RLAPX"[r.below(5)]) : std::to_string(r.below(100000));
            cv::putText(canvas, text, cv::Point(static_cast<int>(r.uniform(0, width * 0.8)), static_cast<int>(r.uniform(0.1, 1.0) * height)),
                        cv::FONT_HERSHEY_SIMPLEX, r.uniform(0.5, 3.0), cv::Scalar(r.uniform(150, 255)),
                        1 + static_cast<int>(r.below(4)), cv::LINE_AA);
        }
        if (r.chance(0.6))
            cv::rectangle(canvas, cv::Rect(static_cast<int>(r.uniform(0, 0.3) * width), static_cast<int>(r.uniform(0, 0.3) * height),
                                           static_cast<int>(r.uniform(0.4, 0.7) * width), static_cast<int>(r.uniform(0.4, 0.7) * height)),
                          cv::Scalar(base + r.uniform(20, 90)), -1);
        break;
    }
    }
    cv::Mat gray;
    canvas.convertTo(gray, CV_8U);
    finish(gray, r);
    return {gray, {}, "drawn negative"};
}

LabelledImage phantomImage(std::uint64_t seed, int size)
{
    DeterministicRandom r(seed);
    PhantomSpec spec;
    spec.grade = static_cast<int>(r.below(5));
    spec.side = r.chance(0.5) ? 'R' : 'L';
    spec.imageSize = size;
    spec.seed = r.nextU64();
    spec.patientSeed = r.nextU64();
    const PhantomImage phantom = renderPhantom(spec);
    LabelledImage image;
    image.gray = cv::Mat(phantom.size, phantom.size, CV_8UC1, const_cast<std::uint8_t*>(phantom.pixels.data())).clone();
    image.boxes.push_back({phantom.size / 2.0f, phantom.size / 2.0f, static_cast<float>(phantom.size)});
    image.kind = "phantom";
    return image;
}

PoolSample toPoolSample(const LabelledImage& image, int size)
{
    const Letterbox box = letterboxFor(image.gray.cols, image.gray.rows, size);
    PoolSample sample;
    sample.canvas = letterboxImage(image.gray, box);
    sample.content = box.content;
    for (const Box& b : image.boxes)
        sample.boxes.push_back({static_cast<float>(b.cx * box.scale + box.offsetX),
                                static_cast<float>(b.cy * box.scale + box.offsetY),
                                static_cast<float>(b.side * box.scale)});
    return sample;
}

} // namespace kg::locate
