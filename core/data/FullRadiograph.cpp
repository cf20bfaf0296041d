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
    std::vector<JointRegion> pasted;   ///< boxes holding a pasted phantom (their grain is the phantom's)
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

/// Weight of a pasted phantom at box-relative (x, y): 1 inside, feathered to 0 over the rim.
double phantomWeight(const JointRegion& box, double x, double y)
{
    const double feather = std::max(2.0, 0.05 * box.width);
    const double edge = std::min(std::min(x + 0.5, box.width - x - 0.5), std::min(y + 0.5, box.height - y - 0.5));
    return smoothstep(0.0, feather, edge);
}

/// Blends `phantom` (8-bit, box-sized) into the picture.
void pastePhantom(Picture& picture, const cv::Mat& phantom, const JointRegion& box)
{
    for (int y = 0; y < box.height; ++y) {
        const int iy = box.y + y;
        if (iy < 0 || iy >= picture.height)
            continue;
        float* out = picture.gray.ptr<float>(iy);
        const std::uint8_t* in = phantom.ptr<std::uint8_t>(y);
        for (int x = 0; x < box.width; ++x) {
            const int ix = box.x + x;
            if (ix < 0 || ix >= picture.width)
                continue;
            const double w = phantomWeight(box, x, y);
            out[ix] = static_cast<float>(w * in[x] + (1.0 - w) * out[ix]);
        }
    }
    picture.pasted.push_back(box);
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

    // Image size and knee centres; long-bone lengths (mm) and the image's margins on a full-leg film.
    const double femur = r.uniform(400, 470), tibia = r.uniform(340, 400), top = r.uniform(70, 110), bottom = r.uniform(55, 80);
    std::vector<P> centres;
    std::vector<LegEnds> ends(sides.size());
    if (view == RadiographView::SingleAP) {
        picture.width = static_cast<int>(box * r.uniform(1.35, 1.8));
        picture.height = static_cast<int>(box * r.uniform(1.7, 2.3));
        centres.push_back({picture.width / 2.0 + r.uniform(-0.12, 0.12) * box, picture.height / 2.0 + r.uniform(-0.15, 0.15) * box});
    } else if (view == RadiographView::BilateralAP) {
        const double apart = 0.57 * box + std::max(legHalfPx(0), legHalfPx(1)) + r.uniform(0.05, 0.35) * box;
        picture.width = static_cast<int>(apart + box * r.uniform(1.3, 1.9));
        picture.height = static_cast<int>(box * r.uniform(2.3, 2.9));
        const double midX = picture.width / 2.0 + r.uniform(-0.05, 0.05) * box;
        const double kneeY = picture.height * r.uniform(0.38, 0.62);
        centres.push_back({midX - apart / 2, kneeY + r.uniform(-0.05, 0.05) * box});
        centres.push_back({midX + apart / 2, kneeY + r.uniform(-0.05, 0.05) * box});
    } else {
        const double kneeApart = 0.57 * box + std::max(legHalfPx(0), legHalfPx(1)) + r.uniform(0.05, 0.2) * box;
        picture.height = static_cast<int>((top + femur + tibia + bottom) * mm);
        picture.width = static_cast<int>(std::max(r.uniform(380, 460) * mm, kneeApart + 1.5 * box));
        const double midX = picture.width / 2.0 + r.uniform(-15, 15) * mm;
        centres.push_back({midX - kneeApart / 2, (top + femur) * mm});   // image-left leg first
        centres.push_back({midX + kneeApart / 2, (top + femur) * mm});
    }
    picture.width = std::max(16, picture.width);
    picture.height = std::max(16, picture.height);

    Film film = filmOf(layouts[0], shown);
    const Material material = materialOf(layouts[0], shown, box);
    XrayCanvas canvas(picture.width, picture.height);
    std::vector<LegShading> legs;
    std::vector<PlacedKnee> knees;
    std::vector<P> topLefts;
    for (size_t i = 0; i < sides.size(); ++i) {
        const P topLeft(std::clamp<double>(std::lround(centres[i].x - box / 2.0), 0, std::max(0, picture.width - box)),
                        std::clamp<double>(std::lround(centres[i].y - box / 2.0), 0, std::max(0, picture.height - box)));
        topLefts.push_back(topLeft);
        knees.push_back(placeKnee(layouts[i], topLeft, box, rendered));
        const double jointY = knees[i].frame.toImage(0, 0).y;
        // A full-leg film ends where the layout says; the femoral head and plafond are at fixed rows.
        const double femurPx = fullLeg ? jointY - top * mm : femur * mm;
        const double tibiaPx = fullLeg ? (top + femur + tibia) * mm - jointY : tibia * mm;
        ends[i] = straightLeg(knees[i], femurPx, tibiaPx, r.uniform(0.02, 0.09), r.uniform(-0.02, 0.04), picture.mmPerPx, r);
    }
    if (fullLeg) {
        // Hips 160–240 mm apart whatever the knees' tilt (the femora bend a little to reach them).
        const double apart = ends[1].hip.x - ends[0].hip.x, wanted = std::clamp(apart, 160 * mm, 240 * mm);
        ends[0].hip.x -= (wanted - apart) / 2;
        ends[1].hip.x += (wanted - apart) / 2;
    }
    for (size_t i = 0; i < sides.size(); ++i)
        legs.push_back(drawApLeg(canvas, knees[i], ends[i], picture.mmPerPx, r));
    if (fullLeg)
        drawPelvis(canvas, ends[0].hip, ends[1].hip, picture.mmPerPx, r);
    film.heelTop = topLefts[0].y;
    film.heelSpan = box;
    picture.film = film;
    picture.gray = canvas.render(material, film, legs, r);
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
    plan.joint = {picture.width / 2.0 + r.uniform(-0.12, 0.12) * box, picture.height / 2.0 + r.uniform(-0.15, 0.15) * box};
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

/// The collimated field: a rectangle, slightly turned, around the joints (or the whole image).
struct Field {
    P centre;
    double halfWidth = 1e9, halfHeight = 1e9, angle = 0, edge = 1;
    double c = 1, s = 0;   ///< cos and sin of the angle

    /// 1 inside, 0 outside, a soft edge between.
    double at(double x, double y) const
    {
        const double dx = x - centre.x, dy = y - centre.y;
        const double inside = std::min(halfWidth - std::abs(c * dx + s * dy), halfHeight - std::abs(-s * dx + c * dy));
        return smoothstep(-edge, edge, inside);
    }
};

Field chooseField(const Picture& picture, bool wholeLegs, DeterministicRandom& r)
{
    Field field;
    field.centre = {picture.width / 2.0, picture.height / 2.0};
    if (!r.chance(0.7))
        return field;
    int left = picture.width, top = picture.height, right = 0, bottom = 0;
    for (const auto& k : picture.knees) {
        left = std::min(left, k.x);
        top = std::min(top, k.y);
        right = std::max(right, k.x + k.width);
        bottom = std::max(bottom, k.y + k.height);
    }
    const double angle = r.uniform(-1.5, 1.5) * 3.14159265358979 / 180.0;
    // Room for the turn: the joints' corners move by up to angle × half the field.
    const double slack = std::abs(angle) * std::max(picture.width, picture.height) / 2.0 + 2.0;
    // A full-leg film keeps hips and ankles; a knee film may be coned down towards the joints.
    auto margin = [&](double room, double size) {
        return std::min(r.uniform(0.0, wholeLegs ? 0.1 : 0.6) * std::max(0.0, room - slack), (wholeLegs ? 0.03 : 0.15) * size);
    };
    const double x0 = margin(left, picture.width), y0 = margin(top, picture.height);
    const double x1 = picture.width - margin(picture.width - right, picture.width);
    const double y1 = picture.height - margin(picture.height - bottom, picture.height);
    field.centre = {(x0 + x1) / 2, (y0 + y1) / 2};
    field.halfWidth = (x1 - x0) / 2;
    field.halfHeight = (y1 - y0) / 2;
    field.angle = angle;
    field.c = std::cos(angle);
    field.s = std::sin(angle);
    field.edge = 0.8 + picture.film.blurSigmaPx;
    return field;
}

/// The lead R/L letter a radiographer puts in the field, in a corner on its side if it fits.
void burnMarker(Picture& picture, const Field& field, char letter, bool imageLeft, DeterministicRandom& r)
{
    const double mm = 1.0 / picture.mmPerPx;
    const double heightPx = r.uniform(10, 16) * mm;
    const int thickness = std::max(1, static_cast<int>(std::lround(heightPx * 0.14)));
    int baseline = 0;
    const double fontScale = heightPx / cv::getTextSize("R", cv::FONT_HERSHEY_DUPLEX, 1.0, thickness, &baseline).height;
    const cv::Size size = cv::getTextSize(std::string(1, letter), cv::FONT_HERSHEY_DUPLEX, fontScale, thickness, &baseline);
    const double inset = r.uniform(0.03, 0.07) * std::min(picture.width, picture.height) + thickness;
    const double left = std::max(0.0, field.centre.x - field.halfWidth) + inset;
    const double right = std::min<double>(picture.width, field.centre.x + field.halfWidth) - inset - size.width;
    const double top = std::max(0.0, field.centre.y - field.halfHeight) + inset;
    const double bottom = std::min<double>(picture.height, field.centre.y + field.halfHeight) - inset - size.height - baseline;
    const bool startAtTop = r.chance(0.7);
    const float level = static_cast<float>(r.uniform(235, 252));
    for (int attempt = 0; attempt < 2; ++attempt) {
        const bool atTop = attempt == 0 ? startAtTop : !startAtTop;
        const cv::Rect rect(static_cast<int>(imageLeft ? left : right), static_cast<int>(atTop ? top : bottom), size.width,
                            size.height + baseline);
        const cv::Rect padded = rect + cv::Size(2 * thickness, 2 * thickness) - cv::Point(thickness, thickness);
        if ((padded & cv::Rect(0, 0, picture.width, picture.height)) != padded || overlaps(padded, picture.knees) ||
            field.at(padded.x, padded.y) < 1 || field.at(padded.br().x, padded.br().y) < 1)
            continue;
        cv::Mat mask = cv::Mat::zeros(padded.size(), CV_32F);
        cv::putText(mask, std::string(1, letter), {thickness, thickness + size.height}, cv::FONT_HERSHEY_DUPLEX, fontScale,
                    cv::Scalar(1.0), thickness, cv::LINE_AA);
        cv::GaussianBlur(mask, mask, cv::Size(), std::max(0.4, picture.film.blurSigmaPx));
        cv::Mat target = picture.gray(padded);
        target = target.mul(1.0 - mask) + mask * level;
        target.copyTo(picture.gray(padded));
        return;
    }
}

/// Grain, 12-bit quantisation, collimation: the finished radiograph.
FullRadiograph finish(const Picture& picture, const Field& field, RadiographView view, DeterministicRandom& r)
{
    FullRadiograph out;
    out.view = view;
    out.width = picture.width;
    out.height = picture.height;
    out.pixelSpacingMm = picture.mmPerPx;
    out.knees = picture.knees;
    out.grades = picture.grades;

    const double dark = r.uniform(20, 260);
    const double gain12 = 16.0 * r.uniform(0.9, 1.0), offset12 = r.uniform(0, 80);
    const double sigma = picture.film.noiseSigma;
    out.pixels.resize(static_cast<size_t>(out.width) * out.height);
    std::vector<float> weight(static_cast<size_t>(out.width));
    const bool collimated = field.halfWidth < 1e8;
    for (int y = 0; y < out.height; ++y) {
        std::fill(weight.begin(), weight.end(), 0.0f);
        for (const JointRegion& box : picture.pasted)
            if (y >= box.y && y < box.y + box.height)
                for (int x = std::max(0, box.x); x < std::min(out.width, box.x + box.width); ++x)
                    weight[static_cast<size_t>(x)] = static_cast<float>(phantomWeight(box, x - box.x, y - box.y));
        const float* in = picture.gray.ptr<float>(y);
        std::uint16_t* row = out.pixels.data() + static_cast<size_t>(y) * out.width;
        for (int x = 0; x < out.width; ++x) {
            // One draw: three 16-bit uniforms (near-Gaussian grain as in the phantoms) and a dither.
            const std::uint64_t bits = r.nextU64();
            const double u1 = (bits & 0xFFFF) / 65536.0, u2 = ((bits >> 16) & 0xFFFF) / 65536.0;
            const double u3 = ((bits >> 32) & 0xFFFF) / 65536.0, u4 = (bits >> 48) / 65536.0;
            const double grain = (1.0 - weight[static_cast<size_t>(x)]) * (u1 + u2 + u3 - 1.5) * 2.0 * sigma;
            double value = offset12 + gain12 * (in[x] + grain);
            if (collimated) {
                const double f = field.at(x, y);
                value = f * value + (1.0 - f) * (dark + 24.0 * (u1 - 0.5));
            }
            row[x] = static_cast<std::uint16_t>(std::clamp(value + 16.0 * (u4 - 0.5), 0.0, 4095.0) + 0.5);
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
    const Field field = chooseField(picture, spec.view == RadiographView::FullLeg, r);
    if (spec.markers) {
        // AP: the marker of a side on that side of the image; lateral: the knee's side.
        const bool bothKnees = picture.knees.size() == 2;
        const char letter = bothKnees ? (r.chance(0.5) ? 'R' : 'L') : picture.knees.front().side;
        const bool imageLeft = bothKnees ? letter == 'R' : (spec.view == RadiographView::Lateral ? r.chance(0.5) : letter == 'R');
        burnMarker(picture, field, letter, imageLeft, r);
    }
    return finish(picture, field, spec.view, r);
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
