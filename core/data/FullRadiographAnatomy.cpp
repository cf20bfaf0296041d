#include "core/data/FullRadiographAnatomy.h"

#include "core/data/Phantom.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace kg {

namespace {

using P = cv::Point2d;
constexpr double kPi = 3.14159265358979323846;

double clamp01(double x) { return std::min(1.0, std::max(0.0, x)); }

double smoothstep(double from, double to, double x)
{
    const double t = clamp01((x - from) / (to - from));
    return t * t * (3.0 - 2.0 * t);
}

double lerp(double a, double b, double t) { return a + (b - a) * t; }

P unit(P p)
{
    const double n = std::hypot(p.x, p.y);
    return n > 0 ? p * (1.0 / n) : P(0, 1);
}

P rotated(P p, double angle)
{
    const double c = std::cos(angle), s = std::sin(angle);
    return {c * p.x - s * p.y, s * p.x + c * p.y};
}

std::vector<P> cubic(P p0, P p1, P p2, P p3, int steps)
{
    std::vector<P> out;
    for (int i = 0; i <= steps; ++i) {
        const double t = static_cast<double>(i) / steps, u = 1.0 - t;
        out.push_back(u * u * u * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t * t * t * p3);
    }
    return out;
}

std::vector<P> ellipse(P centre, double rx, double ry, double angle, int steps = 40)
{
    std::vector<P> out;
    for (int i = 0; i < steps; ++i) {
        const double t = 2.0 * kPi * i / steps;
        out.push_back(centre + rotated({rx * std::cos(t), ry * std::sin(t)}, angle));
    }
    return out;
}

/// A centreline with arc lengths and unit normals turned towards `side`.
struct Spine {
    std::vector<P> point, normal, tangent;
    std::vector<double> length;
};

Spine makeSpine(const std::vector<P>& points, P side)
{
    Spine spine;
    spine.point = points;
    const size_t n = points.size();
    double length = 0;
    for (size_t i = 0; i < n; ++i) {
        if (i > 0)
            length += cv::norm(points[i] - points[i - 1]);
        const P t = unit(points[std::min(i + 1, n - 1)] - points[i == 0 ? 0 : i - 1]);
        P normal(-t.y, t.x);
        if (normal.dot(side) < 0)
            normal = -normal;
        spine.tangent.push_back(t);
        spine.normal.push_back(normal);
        spine.length.push_back(length);
    }
    return spine;
}

/// The outline around a spine, `plus` (normal side) and `minus` half-widths by arc length.
std::vector<P> ribbon(const Spine& spine, const std::function<double(double)>& plus,
                      const std::function<double(double)>& minus)
{
    std::vector<P> out;
    for (size_t i = 0; i < spine.point.size(); ++i)
        out.push_back(spine.point[i] + spine.normal[i] * plus(spine.length[i]));
    for (size_t i = spine.point.size(); i-- > 0;)
        out.push_back(spine.point[i] - spine.normal[i] * minus(spine.length[i]));
    return out;
}

/// A leg's centreline samples with the soft-tissue half-width and the tube strength there.
struct LegSample {
    P point;
    double softHalf = 0, ramp = 0;
};

/// Per-row tables from samples ordered along the leg.
LegShading shadingRows(const std::vector<LegSample>& samples, int height)
{
    LegShading leg;
    leg.centreX.assign(static_cast<size_t>(height), static_cast<float>(samples.front().point.x));
    leg.softHalfPx.assign(static_cast<size_t>(height), static_cast<float>(samples.front().softHalf));
    leg.shaftRamp.assign(static_cast<size_t>(height), static_cast<float>(samples.front().ramp));
    auto set = [&](int y, double x, double half, double ramp) {
        if (y < 0 || y >= height)
            return;
        leg.centreX[static_cast<size_t>(y)] = static_cast<float>(x);
        leg.softHalfPx[static_cast<size_t>(y)] = static_cast<float>(half);
        leg.shaftRamp[static_cast<size_t>(y)] = static_cast<float>(ramp);
    };
    const LegSample& first = samples.front();
    for (int y = 0; y < std::min(height, static_cast<int>(std::ceil(first.point.y))); ++y)
        set(y, first.point.x, first.softHalf, first.ramp);
    for (size_t i = 1; i < samples.size(); ++i) {
        const LegSample &a = samples[i - 1], &b = samples[i];
        const int y0 = static_cast<int>(std::ceil(std::min(a.point.y, b.point.y)));
        const int y1 = static_cast<int>(std::floor(std::max(a.point.y, b.point.y)));
        for (int y = std::max(0, y0); y <= std::min(height - 1, y1); ++y) {
            const double t = b.point.y == a.point.y ? 0.0 : (y - a.point.y) / (b.point.y - a.point.y);
            set(y, lerp(a.point.x, b.point.x, t), lerp(a.softHalf, b.softHalf, t), lerp(a.ramp, b.ramp, t));
        }
    }
    const LegSample& last = samples.back();
    for (int y = std::max(0, static_cast<int>(std::floor(last.point.y)) + 1); y < height; ++y)
        set(y, last.point.x, last.softHalf, last.ramp);
    return leg;
}

std::vector<P> toPoints(const std::vector<PhantomLayout::Vertex>& outline, P topLeft, double scale)
{
    std::vector<P> out;
    out.reserve(outline.size());
    for (const auto& v : outline)
        out.push_back(topLeft + P(v.x + 0.5, v.y + 0.5) * scale - P(0.5, 0.5));
    return out;
}

} // namespace

PlacedKnee placeKnee(const PhantomLayout& layout, cv::Point2d topLeft, double shownSize, double renderedSize)
{
    const double scale = shownSize / renderedSize;
    PlacedKnee knee;
    knee.frame.origin = topLeft + P(layout.originX + 0.5, layout.originY + 0.5) * scale - P(0.5, 0.5);
    knee.frame.unitPx = layout.unitPx * scale;
    knee.frame.angle = layout.angle;
    knee.frame.mirrored = layout.mirrored;
    for (const auto& o : layout.femur)
        knee.femur.push_back(toPoints(o, topLeft, scale));
    for (const auto& o : layout.tibia)
        knee.tibia.push_back(toPoints(o, topLeft, scale));
    for (const auto& o : layout.fibula)
        knee.fibula.push_back(toPoints(o, topLeft, scale));
    knee.femurShaftHalf = layout.femurShaftHalf;
    knee.tibiaShaftHalf = layout.tibiaShaftHalf;
    knee.fibulaShaftX = layout.fibulaShaftX;
    knee.fibulaShaftHalf = layout.fibulaShaftHalf;
    knee.legHalfWidth = layout.legHalfWidth;
    return knee;
}

LegEnds straightLeg(const PlacedKnee& knee, double femurPx, double tibiaPx, double valgus, double tibiaLean,
                    double mmPerPx, DeterministicRandom& r)
{
    const KneeFrame& f = knee.frame;
    const double lateralSign = f.medial().x > 0 ? -1.0 : 1.0;   // image direction of the lateral side
    LegEnds ends;
    ends.neckOffsetPx = r.uniform(36, 46) / mmPerPx;
    ends.neckDropPx = r.uniform(55, 68) / mmPerPx;
    // Rotating "up" towards the lateral side: clockwise on the image for a lateral side on the right.
    const P up = rotated(-f.down(), lateralSign * valgus);
    const P joint = f.toImage(0, 0);
    const P shaftTop = joint + up * ((femurPx - ends.neckDropPx) / std::max(0.2, -up.y));
    ends.hip = shaftTop - P(lateralSign * ends.neckOffsetPx, ends.neckDropPx);
    const P down = rotated(f.down(), lateralSign * tibiaLean);
    ends.ankle = joint + down * (tibiaPx / std::max(0.2, down.y));
    return ends;
}

LegShading drawApLeg(XrayCanvas& canvas, const PlacedKnee& knee, const LegEnds& ends, double mmPerPx,
                     DeterministicRandom& r)
{
    const KneeFrame& f = knee.frame;
    const double k = f.unitPx, mm = 1.0 / mmPerPx;
    const P lateral = -f.medial(), up = -f.down();
    for (const auto& o : knee.femur)
        canvas.fill(XrayCanvas::Femur, o);
    for (const auto& o : knee.tibia)
        canvas.fill(XrayCanvas::Tibia, o);
    for (const auto& o : knee.fibula)
        canvas.fill(XrayCanvas::Fibula, o);

    // Femur: shaft from the phantom's metaphysis to the trochanters, neck and head.
    const P latH(lateral.x >= 0 ? 1.0 : -1.0, 0.0), downH(0.0, 1.0);
    const double headR = r.uniform(21, 25) * mm, neckHalf = r.uniform(13, 16) * mm;
    const double offset = ends.neckOffsetPx, drop = ends.neckDropPx;
    const double femurDiaphysis = r.uniform(12.5, 15) * mm, interTroch = r.uniform(19, 23) * mm;
    const P hip = ends.hip;
    const P shaftTop = hip + latH * offset + downH * drop;
    const P k1 = f.toImage(0, -1.5);
    const double femurSpan = cv::norm(shaftTop - k1);
    std::vector<P> femurLine = cubic(k1, k1 + up * femurSpan * 0.4, shaftTop + unit(k1 - shaftTop) * femurSpan * 0.3,
                                     shaftTop, 40);
    femurLine.push_back(shaftTop + unit(shaftTop - k1) * 30 * mm);
    const Spine femur = makeSpine(femurLine, lateral);
    const double fs = knee.femurShaftHalf * k;
    auto femurHalf = [&](double s) {
        const double h = lerp(fs, femurDiaphysis, smoothstep(0, 95 * mm, s));
        return lerp(h, interTroch, smoothstep(femurSpan - 80 * mm, femurSpan, s));
    };
    canvas.fill(XrayCanvas::Femur, ribbon(femur, femurHalf, femurHalf));
    const P trochanter = hip + latH * (offset + r.uniform(8, 14) * mm) + downH * r.uniform(-2, 8) * mm;
    canvas.fill(XrayCanvas::Femur, ellipse(trochanter, 15 * mm, 23 * mm, 0.0));
    const P neckBase = shaftTop - downH * 22 * mm;
    const Spine neck = makeSpine(cubic(neckBase, 0.33 * hip + 0.67 * neckBase, 0.67 * hip + 0.33 * neckBase, hip, 8), -downH);
    auto neckHalfAt = [&](double s) { return lerp(neckHalf * 1.45, neckHalf, smoothstep(0, 0.5 * cv::norm(hip - neckBase), s)); };
    canvas.fill(XrayCanvas::Femur, ribbon(neck, neckHalfAt, neckHalfAt));
    canvas.fill(XrayCanvas::Femur, ellipse(hip, headR, headR, 0.0));
    canvas.fill(XrayCanvas::Femur, {shaftTop + latH * interTroch, trochanter + latH * 10 * mm,
                                    trochanter - downH * 16 * mm, hip - latH * 0.2 * headR,
                                    shaftTop - latH * interTroch});
    canvas.fill(XrayCanvas::Femur, ellipse(shaftTop + downH * 20 * mm - latH * (femurDiaphysis + 3 * mm), 8 * mm, 10 * mm, 0.3));

    // Tibia and fibula down to the ankle.
    const P k2 = f.toImage(0, 1.5);
    const double tibiaSpan = cv::norm(ends.ankle - k2);
    const Spine tibia = makeSpine(cubic(k2, k2 - up * tibiaSpan * 0.35, ends.ankle + unit(k2 - ends.ankle) * tibiaSpan * 0.35,
                                        ends.ankle, 40),
                                  lateral);
    const double ts = knee.tibiaShaftHalf * k, tibiaDiaphysis = r.uniform(10, 12.5) * mm, distal = r.uniform(20, 24) * mm;
    auto tibiaHalf = [&](double s) {
        const double h = lerp(ts, tibiaDiaphysis, smoothstep(0, 115 * mm, s));
        return lerp(h, distal, smoothstep(tibiaSpan - 85 * mm, tibiaSpan, s));
    };
    canvas.fill(XrayCanvas::Tibia, ribbon(tibia, tibiaHalf, tibiaHalf));
    const P ankleDown = tibia.tangent.back(), ankleLateral = tibia.normal.back();
    const P a = ends.ankle;
    // Medial malleolus: a rounded lobe below the plafond's medial edge.
    const Spine malleolus = makeSpine({a - ankleLateral * (distal - 6 * mm) - ankleDown * 4 * mm,
                                       a - ankleLateral * (distal - 5.5 * mm) + ankleDown * 8 * mm,
                                       a - ankleLateral * (distal - 6.5 * mm) + ankleDown * 14 * mm},
                                      ankleLateral);
    canvas.fill(XrayCanvas::Tibia, ribbon(malleolus, [&](double s) { return lerp(6 * mm, 3 * mm, s / (18 * mm)); },
                                          [&](double s) { return lerp(6 * mm, 3 * mm, s / (18 * mm)); }));
    const double gapMid = r.uniform(7, 10) * mm, fibulaMid = r.uniform(4.5, 6) * mm;
    const double f0 = -knee.fibulaShaftX * k, fh0 = knee.fibulaShaftHalf * k;
    std::vector<P> fibulaLine;
    std::vector<double> fibulaWidth;
    for (size_t i = 0; i < tibia.point.size(); ++i) {
        const double s = tibia.length[i];
        const double width = lerp(lerp(fh0, fibulaMid, smoothstep(0, 100 * mm, s)), 7.5 * mm,
                                  smoothstep(tibiaSpan - 70 * mm, tibiaSpan, s));
        const double gap = lerp(gapMid, -3 * mm, smoothstep(tibiaSpan - 100 * mm, tibiaSpan, s));
        const double off = lerp(f0, tibiaHalf(s) + gap + width, clamp01(s / (200 * mm)));
        fibulaLine.push_back(tibia.point[i] + tibia.normal[i] * off);
        fibulaWidth.push_back(width);
    }
    fibulaLine.push_back(fibulaLine.back() + ankleDown * 10 * mm);
    fibulaWidth.push_back(6.5 * mm);
    fibulaLine.push_back(fibulaLine.back() + ankleDown * 8 * mm - ankleLateral * 1.5 * mm);
    fibulaWidth.push_back(3.5 * mm);
    const Spine fibula = makeSpine(fibulaLine, lateral);
    auto fibulaHalf = [&](double s) {
        size_t i = 0;
        while (i + 1 < fibula.length.size() && fibula.length[i + 1] < s)
            ++i;
        return fibulaWidth[std::min(i, fibulaWidth.size() - 1)];
    };
    canvas.fill(XrayCanvas::Fibula, ribbon(fibula, fibulaHalf, fibulaHalf));

    // Talus under the plafond, the hindfoot below it.
    // Talus: a dome under the plafond over a body narrowing downwards; the calcaneus faint below.
    const double across = std::atan2(ankleLateral.y, ankleLateral.x), talusTop = r.uniform(2.5, 4) * mm;
    std::vector<P> talus;
    for (double t = kPi; t <= 2 * kPi + 1e-9; t += kPi / 16)
        talus.push_back(a + ankleDown * (talusTop + 4 * mm) + rotated({distal * 0.92 * std::cos(t), 4 * mm * std::sin(t)}, across));
    talus.push_back(a + ankleDown * 14 * mm + ankleLateral * distal * 0.95);
    talus.push_back(a + ankleDown * 30 * mm + ankleLateral * distal * 0.6);
    talus.push_back(a + ankleDown * 35 * mm);
    talus.push_back(a + ankleDown * 30 * mm - ankleLateral * distal * 0.7);
    talus.push_back(a + ankleDown * 14 * mm - ankleLateral * distal * 0.9);
    canvas.fill(XrayCanvas::Flat, talus);
    canvas.fill(XrayCanvas::Plate, ellipse(a + ankleDown * 46 * mm + ankleLateral * 3 * mm, distal * 1.05, 14 * mm, across));
    // Soft tissue: the phantom's leg width at the knee, a thicker thigh, the calf, a slim ankle.
    const double legHalf = knee.legHalfWidth * k;
    const double thigh = r.uniform(1.2, 1.45), calf = r.uniform(0.9, 1.0), ankle = r.uniform(0.4, 0.5);
    std::vector<LegSample> samples;
    const P thighTop = femurLine.back() + unit(femurLine.back() - k1) * 160 * mm;
    samples.push_back({thighTop, legHalf * thigh, 0.0});
    for (size_t i = femur.point.size(); i-- > 0;) {
        const double s = femur.length[i];
        samples.push_back({femur.point[i], legHalf * lerp(1.0, thigh, smoothstep(0, 0.85 * femurSpan, s)),
                           1.0 - smoothstep(femurSpan - 60 * mm, femurSpan, s)});
    }
    for (double v = -1.25; v < 1.3; v += 0.25)
        samples.push_back({f.toImage(0, v), legHalf, 1.0});
    for (size_t i = 0; i < tibia.point.size(); ++i) {
        const double s = tibia.length[i];
        const double half = lerp(lerp(1.0, calf, smoothstep(0, 0.25 * tibiaSpan, s)), ankle, smoothstep(0.25 * tibiaSpan, 0.95 * tibiaSpan, s));
        samples.push_back({tibia.point[i], legHalf * half, 1.0 - smoothstep(tibiaSpan - 80 * mm, tibiaSpan - 15 * mm, s)});
    }
    samples.push_back({a + ankleDown * 75 * mm, legHalf * (ankle + 0.08), 0.0});
    std::vector<P> softLine;
    for (const auto& s : samples)
        softLine.push_back(s.point);
    const Spine soft = makeSpine(softLine, lateral);
    std::vector<P> softOutline;
    for (size_t i = 0; i < samples.size(); ++i)
        softOutline.push_back(samples[i].point + soft.normal[i] * samples[i].softHalf);
    for (size_t i = samples.size(); i-- > 0;)
        softOutline.push_back(samples[i].point - soft.normal[i] * samples[i].softHalf);
    canvas.fill(XrayCanvas::Soft, softOutline);

    LegShading shading = shadingRows(samples, canvas.height());
    shading.knee = f;
    shading.softNormPx = legHalf;
    return shading;
}

void drawPelvis(XrayCanvas& canvas, cv::Point2d imageLeftHip, cv::Point2d imageRightHip, double mmPerPx,
                DeterministicRandom& r)
{
    const double mm = 1.0 / mmPerPx;
    const P mid = 0.5 * (imageLeftHip + imageRightHip);
    const double headR = 23 * mm, ring = r.uniform(9, 12) * mm;
    const double crest = r.uniform(150, 190), sacroiliac = r.uniform(38, 48);
    for (int side = 0; side < 2; ++side) {
        const P hip = side == 0 ? imageLeftHip : imageRightHip;
        const double lat = side == 0 ? -1.0 : 1.0;   // image direction of the patient's lateral side
        const double toMid = std::abs(hip.x - mid.x) * mmPerPx;
        // (mm lateral of the hip's centre, mm below it) → pixels; negative lateral = towards the midline.
        auto at = [&](double lateralMm, double downMm) { return hip + P(lat * lateralMm * mm, downMm * mm); };
        const double toSacrum = toMid - sacroiliac;
        // Iliac wing: a thin fan from the acetabulum up to the crest, between the sacroiliac joint and the spines.
        canvas.fill(XrayCanvas::Plate, {at(-10, -headR / mm - 4), at(24, -headR / mm + 2), at(32, -26), at(44, -70),
                                        at(62, -115), at(58, -crest + 25), at(30, -crest), at(-toSacrum + 10, -crest + 40),
                                        at(-toSacrum, -95), at(-toSacrum + 12, -60), at(-28, -6), at(-26, 12)});
        // The acetabular roof over the head; the pelvic brim curving from the sacroiliac joint to the pubis.
        std::vector<P> roof;
        for (double t = kPi + 0.35; t < 2 * kPi - 0.15; t += 0.1)
            roof.push_back(hip + P(-lat * std::cos(t) * (headR + 5 * mm), std::sin(t) * (headR + 5 * mm)));
        canvas.stroke(XrayCanvas::Flat, roof, 7 * mm);
        canvas.stroke(XrayCanvas::Flat, cubic(at(-toSacrum + 4, -90), at(-toSacrum + 30, -40), at(-36, 0),
                                              at(-toMid + 18, 24), 16), 3 * mm);
        // Pubis and ischium: a frame around the obturator foramen, the ischium thick below it.
        const P foramen = at(-r.uniform(26, 32), r.uniform(38, 44));
        const double tilt = lat * r.uniform(0.3, 0.55);
        canvas.fill(XrayCanvas::Flat, ellipse(foramen + P(lat * 2 * mm, 4 * mm), 17 * mm + ring, 23 * mm + 1.3 * ring, tilt, 36));
        canvas.fill(XrayCanvas::Flat, {at(-22, 4), at(-toMid + 2.5, 16), at(-toMid + 2.5, 60), at(-toMid * 0.6, 72), at(-20, 60)});
        canvas.fill(XrayCanvas::Flat, ellipse(foramen, 16 * mm, 22 * mm, tilt, 36), true);
    }
    // Sacrum between the ilia, tapering to the coccyx; the trunk's soft tissue above the thighs.
    const double sacrumTop = -crest + 15;
    std::vector<P> sacrum;
    for (double t = 0; t <= kPi + 1e-9; t += kPi / 16)
        sacrum.push_back(mid + P(52 * std::cos(t), sacrumTop + (-30 - sacrumTop) * std::sin(t)) * mm);   // tip 30 mm above the hips
    canvas.fill(XrayCanvas::Plate, sacrum);
    const double reach = std::abs(imageRightHip.x - mid.x) + 140 * mm;
    canvas.fill(XrayCanvas::Soft, {P(mid.x - reach, mid.y - 600 * mm), P(mid.x + reach, mid.y - 600 * mm),
                                   P(mid.x + reach, mid.y + 30 * mm), P(mid.x + 25 * mm, mid.y + 80 * mm),
                                   P(mid.x - 25 * mm, mid.y + 80 * mm), P(mid.x - reach, mid.y + 30 * mm)});
}

LegShading drawLateralKnee(XrayCanvas& canvas, const LateralKneePlan& plan, DeterministicRandom& r)
{
    const double k = plan.unitPx;
    const double anterior = plan.anteriorRight ? 1.0 : -1.0;
    // Tibial frame: u anterior, v down along the tibia; femoral frame tilted back by the flexion.
    const P ta = rotated(P(anterior, 0), plan.tilt), td = rotated(P(0, 1), plan.tilt);
    const P fa = rotated(ta, -anterior * plan.flexion), fd = rotated(td, -anterior * plan.flexion);
    auto tib = [&](double u, double v) { return plan.joint + k * (u * ta + v * td); };
    auto fem = [&](double u, double w) { return plan.joint + k * (u * fa + w * fd); };
    const double severity = plan.grade + r.uniform(-0.4, 0.4);
    const double gap = std::max(0.012, r.uniform(0.06, 0.08) * (1.0 - 0.2 * std::max(0.0, severity)));
    const double spur = std::max(0.0, severity - 1.0) * 0.012;

    // Femur: shaft, metaphysis, the two condyles projected almost onto each other.
    const double condyleR = r.uniform(0.31, 0.35);
    const P condyle = fem(-0.1, -gap - condyleR);
    const double femurAngle = std::atan2(fa.y, fa.x);
    canvas.fill(XrayCanvas::Femur, ellipse(condyle, condyleR * 1.1 * k, condyleR * k, femurAngle, 48));
    // Shaft flaring into the metaphysis: the trochlea in front, the condyles bulging behind.
    const Spine shaft = makeSpine(cubic(fem(-0.02, -3.5), fem(-0.02, -2.0), fem(-0.03, -1.4), fem(-0.06, -0.5), 12), fa);
    const double shaftLength = shaft.length.back();
    auto front = [&](double s) { return k * lerp(0.17, 0.34, smoothstep(shaftLength - 0.75 * k, shaftLength, s)); };
    auto back = [&](double s) { return k * lerp(0.17, 0.36, smoothstep(shaftLength - 0.85 * k, shaftLength - 0.1 * k, s)); };
    canvas.fill(XrayCanvas::Femur, ribbon(shaft, front, back));
    canvas.fill(XrayCanvas::Femur, {fem(0.28, -0.6), fem(0.3, -0.42), fem(0.2, -0.2), fem(-0.1, -0.2), fem(-0.42, -0.4), fem(-0.4, -0.6)});
    const P secondCondyle = condyle + k * (r.uniform(0.02, 0.06) * fa - r.uniform(0.01, 0.05) * fd);
    std::vector<P> arc;
    for (double t = -0.2; t < kPi + 0.9; t += 0.08)
        arc.push_back(secondCondyle + 0.95 * condyleR * k * (std::cos(t) * (-anterior * P(1, 0)) + std::sin(t) * P(0, 1)));
    canvas.stroke(XrayCanvas::Flat, arc, std::max(1.0, 0.012 * k));
    if (spur > 0)
        canvas.fill(XrayCanvas::Femur, {fem(-0.1 - condyleR * 1.0, -gap - condyleR * 0.7), fem(-0.12 - condyleR * 1.1 - spur * 1.5, -gap - condyleR * 0.5),
                                        fem(-0.1 - condyleR * 0.85, -gap - condyleR * 0.3)});
    // Patella in front of the femoral trochlea.
    const double patellaTilt = std::atan2(fd.y, fd.x) - kPi / 2 + anterior * r.uniform(0.05, 0.25);
    const P patella = fem(0.42 + r.uniform(0, 0.05), -0.48 - r.uniform(0, 0.12));
    canvas.fill(XrayCanvas::Flat, ellipse(patella, 0.13 * k, 0.29 * k, patellaTilt, 40));
    if (spur > 0)
        canvas.fill(XrayCanvas::Flat, ellipse(patella + (0.27 * k) * unit(rotated(P(0, -1), patellaTilt)), 0.04 * k, (0.03 + spur) * k, patellaTilt));

    // Tibia: the plateau sloping down backwards, tibial spines, tuberosity in front.
    const double slope = r.uniform(0.08, 0.16);
    std::vector<P> tibia = {tib(0.36, 0.02), tib(0.2, 0.0), tib(0.05, -0.03), tib(-0.02, -0.06 - 0.02 * r.uniform()),
                            tib(-0.1, 0.0 + slope * 0.25), tib(-0.3, 0.02 + slope * 0.6), tib(-0.44, 0.04 + slope),
                            tib(-0.46, 0.16 + slope), tib(-0.32, 0.48), tib(-0.2, 0.85), tib(-0.18, 1.3), tib(-0.17, 3.5),
                            tib(0.16, 3.5), tib(0.17, 1.3), tib(0.24, 0.78), tib(0.38, 0.42), tib(0.41, 0.18)};
    canvas.fill(XrayCanvas::Tibia, tibia);
    if (spur > 0) {
        canvas.fill(XrayCanvas::Tibia, {tib(0.33, 0.03), tib(0.38 + spur, -0.01 - spur), tib(0.4, 0.08)});
        canvas.fill(XrayCanvas::Tibia, {tib(-0.4, 0.05 + slope), tib(-0.47 - spur, 0.02 + slope - spur), tib(-0.45, 0.12 + slope)});
    }
    // Fibular head behind the tibia, shaft down the back.
    canvas.fill(XrayCanvas::Fibula, ellipse(tib(-0.3, 0.4), 0.11 * k, 0.13 * k, 0.3 * anterior));
    canvas.fill(XrayCanvas::Fibula, {tib(-0.37, 0.42), tib(-0.22, 0.42), tib(-0.14, 1.0), tib(-0.08, 3.5), tib(-0.18, 3.5),
                                     tib(-0.25, 1.0)});

    // Soft tissue: thigh, knee, calf bulging behind.
    const double fat = r.uniform(0.9, 1.15);
    std::vector<P> soft = {fem(0.62 * fat, -4.0),  fem(0.6 * fat, -1.2),  fem(0.62, -0.55),       tib(0.6, 0.0),
                           tib(0.5, 0.5),          tib(0.38 * fat, 1.2),  tib(0.32 * fat, 4.0),   tib(-0.75 * fat, 4.0),
                           tib(-1.15 * fat, 1.3),  tib(-1.05 * fat, 0.5), tib(-0.9 * fat, 0.0),   fem(-0.95 * fat, -0.8),
                           fem(-1.1 * fat, -4.0)};
    canvas.fill(XrayCanvas::Soft, soft);
    std::vector<LegSample> samples;
    for (double w = -4.0; w < -0.3; w += 0.25)
        samples.push_back({fem(-0.2, w), 0.82 * fat * k, 1.0});
    for (double v = 0.0; v <= 4.0; v += 0.25)
        samples.push_back({tib(-0.2, v), lerp(0.8, 0.85 * fat, smoothstep(0, 1.3, v)) * k, 1.0});
    LegShading shading = shadingRows(samples, canvas.height());
    shading.knee.origin = plan.joint;
    shading.knee.unitPx = k;
    shading.knee.angle = plan.tilt;
    shading.softNormPx = 0.8 * k;
    return shading;
}

} // namespace kg
