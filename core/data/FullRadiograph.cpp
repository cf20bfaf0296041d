#include "core/data/FullRadiograph.h"

#include "core/data/DeterministicRandom.h"
#include "core/data/FullRadiographAnatomy.h"
#include "core/data/Phantom.h"
#include "core/data/XrayCanvas.h"
#include "core/util/Error.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace kg {

namespace {

using P = cv::Point2d;

double smoothstep(double from, double to, double x)
{
    const double t = std::min(1.0, std::max(0.0, (x - from) / (to - from)));
    return t * t * (3.0 - 2.0 * t);
}

/// Pixel spacing (mm) that makes an image `longMm` long about 2000–3000 pixels at scale 1.
double spacingFor(double longMm, DeterministicRandom& r, double lowest, double highest)
{
    return std::clamp(longMm / r.uniform(2000.0, 3000.0), lowest, highest);
}

/// Everything drawn on one radiograph before grain and quantisation.
struct Picture {
    int width = 0, height = 0;
    double mmPerPx = 0.15;
    cv::Mat gray;                   ///< float, 8-bit scale
    cv::Mat phantomWeight;          ///< float, 1 where a pasted phantom shows unblended
    Film film;
    std::vector<JointRegion> knees;
    std::vector<int> grades;
};

Film filmOf(const PhantomLayout& layout, double scale)
{
    Film film;
    film.exposure = layout.exposure;
    film.gamma = layout.gamma;
    film.gain = layout.gain;
    film.bias = layout.bias;
    film.heel = layout.heel;
    film.noiseSigma = layout.noiseSigma;
    film.blurSigmaPx = layout.blurSigmaPx * scale;
    return film;
}

Material materialOf(const PhantomLayout& layout, double scale, double boxPx)
{
    Material m;
    m.boneRadius = layout.boneRadius;
    m.fibulaRadius = layout.fibulaRadius;
    m.cortexThickness = layout.cortexThickness;
    m.cortexAtPx = layout.cortexAtPx * scale;
    m.cortexWidthPx = layout.cortexWidthPx * scale;
    m.softDensity = layout.softDensity;
    m.boneDensity = layout.boneDensity;
    m.textureAmplitude = layout.textureAmplitude;
    m.texturePx = boxPx / 224.0;
    return m;
}

JointRegion truthBox(int x, int y, int side, char laterality)
{
    JointRegion box;
    box.x = x;
    box.y = y;
    box.width = box.height = side;
    box.side = laterality;
    box.sideSource = "synthetic anatomy";
    box.source = "truth";
    box.score = 1.0;
    return box;
}

/// Blends `phantom` (8-bit, box-sized) into the picture, feathered over the box's outer rim.
void pastePhantom(Picture& picture, const cv::Mat& phantom, const JointRegion& box)
{
    const double feather = std::max(2.0, 0.05 * box.width);
    for (int y = 0; y < box.height; ++y) {
        const int iy = box.y + y;
        if (iy < 0 || iy >= picture.height)
            continue;
        float* out = picture.gray.ptr<float>(iy);
        float* weight = picture.phantomWeight.ptr<float>(iy);
        const std::uint8_t* in = phantom.ptr<std::uint8_t>(y);
        const double dy = std::min(y + 0.5, box.height - y - 0.5);
        for (int x = 0; x < box.width; ++x) {
            const int ix = box.x + x;
            if (ix < 0 || ix >= picture.width)
                continue;
            const double w = smoothstep(0.0, feather, std::min(dy, std::min(x + 0.5, box.width - x - 0.5)));
            out[ix] = static_cast<float>(w * in[x] + (1.0 - w) * out[ix]);
            weight[ix] = static_cast<float>(w);
        }
    }
}

/// AP views: knee phantoms pasted into legs drawn around them.
Picture renderAp(const FullRadiographSpec& spec, DeterministicRandom& r)
{
    const RadiographView view = spec.view;
    const bool twoKnees = view == RadiographView::BilateralAP || view == RadiographView::FullLeg;
    const bool fullLeg = view == RadiographView::FullLeg;
    const double boxMm = r.uniform(110.0, 150.0);
    double spacing = 0;
    if (fullLeg)
        spacing = r.uniform(0.25, 0.4);
    else
        spacing = spacingFor(boxMm * (twoKnees ? r.uniform(3.1, 3.7) : r.uniform(1.8, 2.3)), r, 0.1, 0.2);
    Picture picture;
    picture.mmPerPx = spacing / spec.scale;
    const double mm = 1.0 / picture.mmPerPx;
    const int box = std::max(8, static_cast<int>(std::lround(boxMm * mm)));

    // The knees, image-left first: the patient's right is on the image's left.
    const std::uint64_t patientSeed = combineSeeds({spec.seed, 0x9A71Eull});
    std::vector<char> sides = twoKnees ? std::vector<char>{'R', 'L'} : std::vector<char>{r.chance(0.5) ? 'R' : 'L'};
    std::vector<PhantomImage> phantoms;
    std::vector<PhantomLayout> layouts(sides.size());
    const int rendered = std::clamp(box, 32, 2048);
    const double shown = static_cast<double>(box) / rendered;
    for (size_t i = 0; i < sides.size(); ++i) {
        PhantomSpec ps;
        ps.grade = static_cast<int>(r.below(5));
        ps.side = sides[i];
        ps.imageSize = rendered;
        ps.seed = combineSeeds({spec.seed, 0x4EE5ull, static_cast<std::uint64_t>(i)});
        ps.patientSeed = patientSeed;
        phantoms.push_back(renderPhantom(ps, &layouts[i]));
        picture.grades.push_back(ps.grade);
    }
    auto legHalfPx = [&](size_t i) { return layouts[i].legHalfWidth * layouts[i].unitPx * shown; };

    // Image size and knee centres.
    std::vector<P> centres;
    std::vector<LegEnds> ends(sides.size());
    if (view == RadiographView::SingleAP) {
        picture.width = static_cast<int>(box * r.uniform(1.35, 1.8));
        picture.height = static_cast<int>(box * r.uniform(1.7, 2.3));
        centres.push_back({picture.width / 2.0 + r.uniform(-0.08, 0.08) * box, picture.height / 2.0 + r.uniform(-0.1, 0.1) * box});
    } else if (view == RadiographView::BilateralAP) {
        const double apart = 0.57 * box + std::max(legHalfPx(0), legHalfPx(1)) + r.uniform(0.05, 0.35) * box;
        picture.width = static_cast<int>(apart + box * r.uniform(1.3, 1.9));
        picture.height = static_cast<int>(box * r.uniform(2.3, 2.9));
        const double midX = picture.width / 2.0 + r.uniform(-0.05, 0.05) * box;
        const double kneeY = picture.height * r.uniform(0.44, 0.56);
        centres.push_back({midX - apart / 2, kneeY + r.uniform(-0.04, 0.04) * box});
        centres.push_back({midX + apart / 2, kneeY + r.uniform(-0.04, 0.04) * box});
    } else {
        const double top = r.uniform(70, 110) * mm, femur = r.uniform(400, 470) * mm, tibia = r.uniform(340, 400) * mm;
        const double bottom = r.uniform(55, 80) * mm, hipApart = r.uniform(170, 210) * mm;
        const double kneeApart = std::max(0.57 * box + std::max(legHalfPx(0), legHalfPx(1)) + 0.05 * box,
                                          hipApart + r.uniform(-30, 15) * mm);
        picture.height = static_cast<int>(top + femur + tibia + bottom);
        picture.width = static_cast<int>(std::max(r.uniform(380, 460) * mm, kneeApart + 1.5 * box));
        const double midX = picture.width / 2.0 + r.uniform(-15, 15) * mm;
        for (int i = 0; i < 2; ++i) {
            const double sign = i == 0 ? -1.0 : 1.0;   // image-left leg first
            centres.push_back({midX + sign * kneeApart / 2, top + femur});
            ends[static_cast<size_t>(i)].hip = {midX + sign * hipApart / 2, top};
            ends[static_cast<size_t>(i)].ankle = {midX + sign * (kneeApart / 2 + r.uniform(-12, 20) * mm), top + femur + tibia};
        }
    }
    picture.width = std::max(16, picture.width);
    picture.height = std::max(16, picture.height);

    Film film = filmOf(layouts[0], shown);
    const Material material = materialOf(layouts[0], shown, box);
    XrayCanvas canvas(picture.width, picture.height);
    std::vector<LegShading> legs;
    std::vector<P> topLefts;
    for (size_t i = 0; i < sides.size(); ++i) {
        const P topLeft(std::clamp<double>(std::lround(centres[i].x - box / 2.0), 0, std::max(0, picture.width - box)),
                        std::clamp<double>(std::lround(centres[i].y - box / 2.0), 0, std::max(0, picture.height - box)));
        topLefts.push_back(topLeft);
        const PlacedKnee knee = placeKnee(layouts[i], topLeft, box, rendered);
        if (!fullLeg) {
            const P axis = (knee.frame.down() + P(0, 1)) * 0.5;
            const P lateral(knee.frame.medial().x > 0 ? -1.0 : 1.0, 0.0);
            ends[i].hip = knee.frame.origin - axis * (r.uniform(420, 470) * mm) + lateral * r.uniform(15, 35) * mm;
            ends[i].ankle = knee.frame.origin + axis * (r.uniform(350, 400) * mm);
        }
        legs.push_back(drawApLeg(canvas, knee, ends[i], picture.mmPerPx, r));
    }
    if (fullLeg)
        drawPelvis(canvas, ends[0].hip, ends[1].hip, picture.mmPerPx, r);
    film.heelTop = topLefts[0].y;
    film.heelSpan = box;
    picture.film = film;
    picture.gray = canvas.render(material, film, legs, r);
    picture.phantomWeight = cv::Mat::zeros(picture.height, picture.width, CV_32F);
    for (size_t i = 0; i < sides.size(); ++i) {
        cv::Mat pixels(rendered, rendered, CV_8U, phantoms[i].pixels.data()), shownPixels;
        if (rendered != box)
            cv::resize(pixels, shownPixels, cv::Size(box, box), 0, 0, box < rendered ? cv::INTER_AREA : cv::INTER_LINEAR);
        else
            shownPixels = pixels;
        const JointRegion region = truthBox(static_cast<int>(topLefts[i].x), static_cast<int>(topLefts[i].y), box, sides[i]);
        pastePhantom(picture, shownPixels, region);
        picture.knees.push_back(region);
    }
    return picture;
}

/// A lateral knee, drawn directly (no phantom: the KL grade is defined on AP views).
Picture renderLateral(const FullRadiographSpec& spec, DeterministicRandom& r)
{
    const double boxMm = r.uniform(110.0, 150.0);
    Picture picture;
    picture.mmPerPx = spacingFor(boxMm * r.uniform(1.8, 2.4), r, 0.1, 0.2) / spec.scale;
    const int box = std::max(8, static_cast<int>(std::lround(boxMm / picture.mmPerPx)));
    picture.width = std::max(16, static_cast<int>(box * r.uniform(1.5, 1.9)));
    picture.height = std::max(16, static_cast<int>(box * r.uniform(1.8, 2.4)));
    const char side = r.chance(0.5) ? 'R' : 'L';
    const int grade = static_cast<int>(r.below(5));

    LateralKneePlan plan;
    plan.joint = {picture.width / 2.0 + r.uniform(-0.08, 0.08) * box, picture.height / 2.0 + r.uniform(-0.1, 0.1) * box};
    plan.unitPx = box / 2.0 * r.uniform(0.85, 1.0);
    plan.anteriorRight = side == 'R';   // seen from the knee's lateral side
    plan.tilt = r.uniform(-8.0, 8.0) * 3.14159265358979 / 180.0;
    plan.flexion = r.uniform(5.0, 30.0) * 3.14159265358979 / 180.0;
    plan.grade = grade;
    XrayCanvas canvas(picture.width, picture.height);
    const std::vector<LegShading> legs{drawLateralKnee(canvas, plan, r)};

    Film film;
    film.exposure = r.uniform(0.9, 1.5);
    film.gamma = r.uniform(0.8, 1.25);
    film.gain = r.uniform(0.8, 1.02);
    film.bias = r.uniform(-0.06, 0.06);
    film.heel = r.uniform(-0.06, 0.06);
    film.noiseSigma = r.uniform(1.5, 5.0);
    film.blurSigmaPx = r.uniform(0.5, 1.0) * box / 224.0;
    film.heelTop = 0;
    film.heelSpan = picture.height;
    Material material;
    material.softDensity = r.uniform(0.22, 0.38);
    material.boneDensity = r.uniform(0.85, 1.15);
    material.textureAmplitude = r.uniform(0.12, 0.24);
    material.cortexAtPx = 1.3 * box / 224.0;
    material.cortexWidthPx = 1.1 * box / 224.0;
    material.texturePx = box / 224.0;
    picture.film = film;
    picture.gray = canvas.render(material, film, legs, r);
    picture.phantomWeight = cv::Mat::zeros(picture.height, picture.width, CV_32F);
    const int x = std::clamp(static_cast<int>(std::lround(plan.joint.x - box / 2.0 + r.uniform(-0.03, 0.03) * box)), 0,
                             std::max(0, picture.width - box));
    const int y = std::clamp(static_cast<int>(std::lround(plan.joint.y - box / 2.0 + r.uniform(-0.03, 0.03) * box)), 0,
                             std::max(0, picture.height - box));
    picture.knees.push_back(truthBox(x, y, box, side));
    picture.grades.push_back(grade);
    return picture;
}

bool overlaps(const cv::Rect& rect, const std::vector<JointRegion>& knees)
{
    for (const auto& k : knees)
        if ((rect & cv::Rect(k.x, k.y, k.width, k.height)).area() > 0)
            return true;
    return false;
}

/// The lead R/L letter a radiographer puts in the field, in a corner on its side if it fits.
void burnMarker(Picture& picture, char letter, bool imageLeft, DeterministicRandom& r)
{
    const double mm = 1.0 / picture.mmPerPx;
    const double heightPx = r.uniform(10, 16) * mm;
    const int thickness = std::max(1, static_cast<int>(std::lround(heightPx * 0.14)));
    int baseline = 0;
    const double fontScale = heightPx / cv::getTextSize("R", cv::FONT_HERSHEY_DUPLEX, 1.0, thickness, &baseline).height;
    const cv::Size size = cv::getTextSize(std::string(1, letter), cv::FONT_HERSHEY_DUPLEX, fontScale, thickness, &baseline);
    const int inset = static_cast<int>(r.uniform(0.03, 0.07) * std::min(picture.width, picture.height));
    const bool top = r.chance(0.7);
    for (int attempt = 0; attempt < 2; ++attempt) {
        const bool atTop = attempt == 0 ? top : !top;
        const int x = imageLeft ? inset : picture.width - inset - size.width;
        const int y = atTop ? inset : picture.height - inset - size.height;
        const cv::Rect rect(x, y, size.width, size.height + baseline);
        if (x < 0 || y < 0 || rect.br().x > picture.width || rect.br().y > picture.height || overlaps(rect, picture.knees))
            continue;
        cv::Mat mask = cv::Mat::zeros(picture.height, picture.width, CV_32F);
        cv::putText(mask, std::string(1, letter), {x, y + size.height}, cv::FONT_HERSHEY_DUPLEX, fontScale, cv::Scalar(1.0),
                    thickness, cv::LINE_AA);
        cv::GaussianBlur(mask, mask, cv::Size(), std::max(0.4, picture.film.blurSigmaPx));
        const float level = static_cast<float>(r.uniform(235, 252));
        picture.gray = picture.gray.mul(1.0 - mask) + mask * level;
        return;
    }
}

/// Grain, 12-bit quantisation, collimation: the finished radiograph.
FullRadiograph finish(Picture& picture, RadiographView view, DeterministicRandom& r)
{
    FullRadiograph out;
    out.view = view;
    out.width = picture.width;
    out.height = picture.height;
    out.pixelSpacingMm = picture.mmPerPx;
    out.knees = picture.knees;
    out.grades = picture.grades;

    // Collimated field: a rectangle (slightly turned) around the joints; the rest stays dark.
    cv::Mat field(picture.height, picture.width, CV_32F, cv::Scalar(1.0f));
    if (r.chance(0.7)) {
        int left = picture.width, top = picture.height, right = 0, bottom = 0;
        for (const auto& k : picture.knees) {
            left = std::min(left, k.x);
            top = std::min(top, k.y);
            right = std::max(right, k.x + k.width);
            bottom = std::max(bottom, k.y + k.height);
        }
        auto margin = [&](int room) { return static_cast<int>(r.uniform(0.0, 0.9) * std::max(0, room)); };
        const double x0 = margin(left), y0 = margin(top);
        const double x1 = picture.width - margin(picture.width - right), y1 = picture.height - margin(picture.height - bottom);
        const cv::RotatedRect rect({static_cast<float>((x0 + x1) / 2), static_cast<float>((y0 + y1) / 2)},
                                   {static_cast<float>(x1 - x0), static_cast<float>(y1 - y0)},
                                   static_cast<float>(r.uniform(-1.5, 1.5)));
        cv::Point2f corners[4];
        rect.points(corners);
        std::vector<cv::Point> polygon;
        for (const auto& c : corners)
            polygon.emplace_back(cvRound(c.x), cvRound(c.y));
        field.setTo(0.0f);
        cv::fillConvexPoly(field, polygon, cv::Scalar(1.0f), cv::LINE_AA);
        cv::GaussianBlur(field, field, cv::Size(), 1.0 + picture.film.blurSigmaPx);
    }
    const double dark = r.uniform(20, 260);
    const double gain12 = 16.0 * r.uniform(0.9, 1.0), offset12 = r.uniform(0, 160);
    const double sigma = picture.film.noiseSigma;
    out.pixels.resize(static_cast<size_t>(out.width) * out.height);
    for (int y = 0; y < out.height; ++y) {
        const float* in = picture.gray.ptr<float>(y);
        const float* weight = picture.phantomWeight.ptr<float>(y);
        const float* f = field.ptr<float>(y);
        std::uint16_t* row = out.pixels.data() + static_cast<size_t>(y) * out.width;
        for (int x = 0; x < out.width; ++x) {
            // One draw: three 16-bit uniforms (near-Gaussian grain as in the phantoms) and a dither.
            const std::uint64_t bits = r.nextU64();
            const double u1 = (bits & 0xFFFF) / 65536.0, u2 = ((bits >> 16) & 0xFFFF) / 65536.0;
            const double u3 = ((bits >> 32) & 0xFFFF) / 65536.0, u4 = (bits >> 48) / 65536.0;
            const double grain = (1.0 - weight[x]) * (u1 + u2 + u3 - 1.5) * 2.0 * sigma;
            const double exposed = offset12 + gain12 * (in[x] + grain);
            const double value = f[x] * exposed + (1.0 - f[x]) * (dark + 24.0 * (u1 - 0.5)) + 16.0 * (u4 - 0.5);
            row[x] = static_cast<std::uint16_t>(std::clamp(std::lround(value), 0L, 4095L));
        }
    }
    return out;
}

} // namespace

std::string toString(RadiographView view)
{
    switch (view) {
    case RadiographView::BilateralAP: return "bilateral_ap";
    case RadiographView::SingleAP: return "single_ap";
    case RadiographView::Lateral: return "lateral";
    case RadiographView::FullLeg: return "full_leg";
    }
    return "bilateral_ap";
}

RadiographView parseRadiographView(const std::string& text)
{
    for (RadiographView view : {RadiographView::BilateralAP, RadiographView::SingleAP, RadiographView::Lateral,
                                RadiographView::FullLeg})
        if (text == toString(view))
            return view;
    throw Error("unknown radiograph view '" + text + "' (use bilateral_ap, single_ap, lateral or full_leg)");
}

std::vector<std::uint8_t> FullRadiograph::eightBit() const
{
    std::vector<std::uint8_t> out(pixels.size());
    for (size_t i = 0; i < pixels.size(); ++i)
        out[i] = static_cast<std::uint8_t>((std::min<int>(pixels[i], 4095) * 255 + 2047) / 4095);
    return out;
}

FullRadiograph renderFullRadiograph(const FullRadiographSpec& spec)
{
    if (!(spec.scale > 0.0 && spec.scale <= 4.0))
        throw Error("full radiograph: scale " + std::to_string(spec.scale) + " is outside (0, 4]");
    DeterministicRandom r(combineSeeds({spec.seed, 0xF011ull, static_cast<std::uint64_t>(spec.view)}));
    Picture picture = spec.view == RadiographView::Lateral ? renderLateral(spec, r) : renderAp(spec, r);
    if (spec.markers) {
        // AP: the marker of the side on that side of the image; lateral: the knee's side.
        const bool bothKnees = picture.knees.size() == 2;
        const char letter = bothKnees ? (r.chance(0.5) ? 'R' : 'L') : picture.knees.front().side;
        const bool imageLeft = bothKnees ? letter == 'R' : (spec.view == RadiographView::Lateral ? r.chance(0.5) : letter == 'R');
        burnMarker(picture, letter, imageLeft, r);
    }
    return finish(picture, spec.view, r);
}

std::uint64_t fullRadiographSeed(std::uint64_t seed, int index)
{
    return combineSeeds({seed, 0xF1E1Dull, static_cast<std::uint64_t>(index)});
}

RadiographView fullRadiographView(int index)
{
    static constexpr RadiographView kCycle[] = {RadiographView::BilateralAP, RadiographView::SingleAP,
                                                RadiographView::Lateral, RadiographView::FullLeg};
    return kCycle[((index % 4) + 4) % 4];
}

} // namespace kg
