#include "core/data/PhantomGeometry.h"

#include "core/data/PhantomShapes.h"

#include <algorithm>
#include <cmath>

namespace kg::phantom {

namespace {

using shapes::clamp01;

/// Piecewise-linear value of a per-grade table at continuous severity s (clamped to the table).
double byGrade(double s, const std::array<double, 5>& table)
{
    if (s <= 0.0)
        return table[0];
    if (s >= 4.0)
        return table[4] + (s - 4.0) * (table[4] - table[3]);   // a little beyond grade 4
    const int i = static_cast<int>(s);
    const double f = s - i;
    return table[static_cast<size_t>(i)] * (1.0 - f) + table[static_cast<size_t>(i) + 1] * f;
}

/// Uniform Catmull–Rom spline through `points`, `steps` samples per segment.
std::vector<Point> smoothCurve(const std::vector<Point>& points, int steps)
{
    std::vector<Point> out;
    if (points.size() < 3)
        return points;
    out.reserve(points.size() * static_cast<size_t>(steps));
    for (size_t i = 0; i + 1 < points.size(); ++i) {
        const Point p0 = points[i == 0 ? 0 : i - 1], p1 = points[i], p2 = points[i + 1];
        const Point p3 = points[std::min(i + 2, points.size() - 1)];
        for (int k = 0; k < steps; ++k) {
            const double t = static_cast<double>(k) / steps, t2 = t * t, t3 = t2 * t;
            out.push_back(0.5 * ((2.0 * p1) + (-p0 + p2) * t + (2.0 * p0 - 5.0 * p1 + 4.0 * p2 - p3) * t2 +
                                 (-p0 + 3.0 * p1 - 3.0 * p2 + p3) * t3));
        }
    }
    out.push_back(points.back());
    return out;
}

/// Lower half of a superellipse: y offset below the centre at x offset dx (0 outside).
double condyleDrop(double dx, double rx, double ry, double p)
{
    const double a = std::abs(dx) / rx;
    if (a >= 1.0)
        return 0.0;
    return ry * std::pow(1.0 - std::pow(a, p), 1.0 / p);
}

Point superellipsePoint(double cx, double cy, double rx, double ry, double p, double t)
{
    const double c = std::cos(t), s = std::sin(t);
    const double e = 2.0 / p;
    return {cx + rx * std::copysign(std::pow(std::abs(c), e), c), cy + ry * std::copysign(std::pow(std::abs(s), e), s)};
}

/// A beak-shaped spur growing from base points a→b along `direction` by `length`.
std::vector<Point> spur(Point a, Point b, Point direction, double length)
{
    const double n = std::hypot(direction.x, direction.y);
    const Point dir = direction * (1.0 / n);
    const Point mid = (a + b) * 0.5;
    const Point tip = mid + dir * length + (b - a) * 0.15;
    const Point side = (a - b) * (1.0 / std::max(1e-9, std::hypot(a.x - b.x, a.y - b.y)));
    return smoothCurve({a, a + dir * (length * 0.45) + side * (length * 0.12), tip, b + dir * (length * 0.35), b}, 4);
}

/// Bone attrition: smooth vertical irregularity of an articular surface (|x| > keepCentre only).
void roughen(std::vector<Point>& points, double sigma, DeterministicRandom& r, double keepCentre)
{
    std::vector<double> noise(points.size());
    for (auto& n : noise)
        n = r.normal();
    constexpr int kHalf = 3;   // moving average over 7 points, rescaled back to `sigma`
    for (size_t i = 0; i < points.size(); ++i) {
        double sum = 0;
        int count = 0;
        for (int j = -kHalf; j <= kHalf; ++j) {
            const long k = static_cast<long>(i) + j;
            if (k >= 0 && k < static_cast<long>(points.size())) {
                sum += noise[static_cast<size_t>(k)];
                ++count;
            }
        }
        if (std::abs(points[i].x) > keepCentre)
            points[i].y += sigma * std::sqrt(static_cast<double>(count)) * sum / count;
    }
}

} // namespace

Anatomy drawAnatomy(std::uint64_t patientSeed, bool vary)
{
    Anatomy a;
    if (!vary)
        return a;
    DeterministicRandom r(combineSeeds({patientSeed, 0xA7A7ull}));
    const double size = r.uniform(0.94, 1.06);   // condyle size relative to shafts
    a.lateralRx *= size * r.uniform(0.95, 1.05);
    a.lateralRy *= size * r.uniform(0.9, 1.1);
    a.medialRx *= size * r.uniform(0.95, 1.05);
    a.medialRy *= size * r.uniform(0.9, 1.1);
    a.lateralX = -0.11 - a.lateralRx + r.uniform(-0.02, 0.02);
    a.medialX = 0.10 + a.medialRx + r.uniform(-0.02, 0.02);
    a.shaftHalf *= r.uniform(0.92, 1.08);
    a.tibiaShaftHalf *= r.uniform(0.92, 1.08);
    a.plateauHalf = std::max(a.medialX + a.medialRx, -a.lateralX + a.lateralRx) + r.uniform(0.04, 0.08);
    a.fibulaX = -a.plateauHalf + r.uniform(0.06, 0.16);
    a.fibulaY = r.uniform(0.36, 0.52);
    a.fibulaRx *= r.uniform(0.85, 1.15);
    a.fibulaRy *= r.uniform(0.85, 1.15);
    const double gap = r.uniform(0.85, 1.15);
    a.normalMedialGap *= gap;
    a.normalLateralGap *= gap * r.uniform(0.95, 1.1);
    a.patellaDensity = r.uniform(0.18, 0.38);
    a.boneDensity = r.uniform(0.85, 1.15);
    a.softDensity = r.uniform(0.22, 0.38);
    a.legHalfWidth = r.uniform(1.2, 1.6);
    a.exposure = r.uniform(0.9, 1.5);
    a.gamma = r.uniform(0.8, 1.25);
    a.gain = r.uniform(0.8, 1.02);
    a.bias = r.uniform(-0.06, 0.06);
    a.heel = r.uniform(-0.06, 0.06);
    a.noiseSigma = r.uniform(1.5, 5.0);
    a.blurSigma = r.uniform(0.5, 1.0);
    a.textureAmplitude = r.uniform(0.12, 0.24);
    return a;
}

Disease drawDisease(int grade, double ambiguity, DeterministicRandom& r)
{
    Disease d;
    const double jitter = r.uniform(-0.5, 0.5);
    d.severity = std::max(0.0, grade + ambiguity * jitter);
    const double s = d.severity;
    const double noise = 0.5 + 0.5 * ambiguity;   // per-feature spread also shrinks without ambiguity

    d.medialNarrowing = clamp01(byGrade(s, {0.0, 0.13, 0.30, 0.56, 0.86}) + r.normal(0.0, 0.05 * noise));
    d.lateralNarrowing = clamp01(0.25 * d.medialNarrowing + r.normal(0.0, 0.03 * noise));
    d.lateralDominant = r.chance(0.12);
    if (d.lateralDominant)
        std::swap(d.medialNarrowing, d.lateralNarrowing);

    // Osteophytes: "possible lipping" at 1, definite at 2, multiple at 3, large at 4.
    const double expectedSites = byGrade(s, {0.0, 0.8, 1.7, 2.8, 3.7});
    const int sites = std::clamp(static_cast<int>(std::lround(expectedSites + r.uniform(-0.6, 0.6) * noise)), 0, 4);
    const double length = byGrade(s, {0.0, 0.028, 0.052, 0.085, 0.13});
    std::array<int, 4> order{0, 1, 2, 3};   // medial tibia and femur are the usual first sites
    if (r.chance(0.35))
        std::swap(order[0], order[1]);
    if (r.chance(0.3))
        std::swap(order[1], order[2]);
    if (d.lateralDominant)
        order = {2, 3, 0, 1};
    for (int i = 0; i < sites; ++i)
        d.spurs[static_cast<size_t>(order[static_cast<size_t>(i)])] = std::max(0.012, length * r.uniform(0.65, 1.3));

    d.sclerosis = std::max(0.0, byGrade(s, {0.0, 0.02, 0.08, 0.2, 0.36}) * r.uniform(0.7, 1.3));
    d.sclerosisDepth = 0.045 + 0.015 * s;
    d.flattening = byGrade(s, {2.0, 2.0, 2.05, 2.25, 2.9});
    d.plateauDepression = byGrade(s, {0.0, 0.0, 0.0, 0.008, 0.03}) * r.uniform(0.5, 1.5);
    d.roughness = byGrade(s, {0.0, 0.0, 0.002, 0.004, 0.008});
    d.spineHeight = byGrade(s, {0.07, 0.08, 0.095, 0.1, 0.09}) * r.uniform(0.85, 1.15);
    const int cysts = s > 2.6 ? static_cast<int>(r.uniform(0.0, 1.0) * (s - 2.6) * 2.5) : 0;
    for (int i = 0; i < cysts; ++i)
        d.cysts.push_back({r.uniform(0.15, 0.7), r.uniform(-0.08, 0.08), r.uniform(0.018, 0.04)});
    return d;
}

Geometry buildGeometry(const Anatomy& a, const Disease& d, DeterministicRandom& r)
{
    Geometry g;
    const double spine = d.spineHeight, dep = d.plateauDepression;
    const double ph = a.plateauHalf;
    // Tibial articular surface, lateral edge → spines → medial edge.
    std::vector<Point> plateau = {
        {-ph, 0.06},          {-ph + 0.04, 0.018},      {-ph + 0.14, 0.004},     {-0.38, 0.002},
        {-0.18, 0.008},       {-0.10, -spine * 0.55},   {-0.065, -spine},        {-0.025, -spine * 0.4},
        {0.02, -spine * 0.45}, {0.055, -spine * 0.85},  {0.11, -0.002},          {0.22, 0.018},
        {0.46, 0.026 + dep},  {0.70, 0.018 + dep * 0.6}, {ph - 0.06, 0.012},     {ph, 0.06},
    };
    std::vector<Point> surface = smoothCurve(plateau, 12);
    if (d.roughness > 0)
        roughen(surface, d.roughness, r, 0.14);
    // Sample the surface as a function of x for gaps and sclerosis.
    const int samples = static_cast<int>((2.4) / g.plateauStep) + 1;
    g.plateauY.resize(static_cast<size_t>(samples));
    size_t k = 0;
    for (int i = 0; i < samples; ++i) {
        const double u = g.plateauU0 + i * g.plateauStep;
        while (k + 2 < surface.size() && surface[k + 1].x < u)
            ++k;
        const Point p0 = surface[k], p1 = surface[k + 1];
        const double f = p1.x == p0.x ? 0.0 : std::clamp((u - p0.x) / (p1.x - p0.x), 0.0, 1.0);
        g.plateauY[static_cast<size_t>(i)] = p0.y + f * (p1.y - p0.y);
    }

    // Tibia outline: the articular surface, then down the medial side and back up the lateral one.
    g.tibia = surface;
    const double ts = a.tibiaShaftHalf;
    std::vector<Point> medialSide = {{ph, 0.06},          {ph + 0.015, 0.16}, {ph - 0.08, 0.34},
                                     {ts + 0.16, 0.56},   {ts + 0.05, 0.82},  {ts + 0.01, 1.1}, {ts, 1.6}};
    std::vector<Point> lateralSide = {{-ts, 1.6},         {-ts - 0.01, 1.1},  {-ts - 0.06, 0.82},
                                      {-ts - 0.17, 0.56}, {-ph + 0.07, 0.34}, {-ph - 0.015, 0.16}, {-ph, 0.06}};
    for (const auto& p : smoothCurve(medialSide, 8))
        g.tibia.push_back(p);
    for (const auto& p : smoothCurve(lateralSide, 8))
        g.tibia.push_back(p);

    // Condyles sit so that the narrowest gap of each compartment equals the drawn joint space.
    g.medialGap = std::max(0.002, a.normalMedialGap * (1.0 - d.medialNarrowing));
    g.lateralGap = std::max(0.002, a.normalLateralGap * (1.0 - d.lateralNarrowing));
    auto place = [&](double cx, double rx, double ry, double p, double gap, double& cy, double& contactU) {
        double best = 1e9;
        for (double u = cx - 0.75 * rx; u <= cx + 0.75 * rx; u += 0.004) {
            const double room = g.plateauAt(u) - condyleDrop(u - cx, rx, ry, p);
            if (room < best) {
                best = room;
                contactU = u;
            }
        }
        cy = best - gap;
    };
    place(a.lateralX, a.lateralRx, a.lateralRy, 2.0, g.lateralGap, g.lateralCy, g.lateralContactU);
    place(a.medialX, a.medialRx, a.medialRy, d.flattening, g.medialGap, g.medialCy, g.medialContactU);
    g.femurBottomY.assign(g.plateauY.size(), Geometry::kNoBone);
    for (size_t i = 0; i < g.femurBottomY.size(); ++i) {
        const double u = g.plateauU0 + static_cast<double>(i) * g.plateauStep;
        if (std::abs(u - a.lateralX) < a.lateralRx)
            g.femurBottomY[i] = g.lateralCy + condyleDrop(u - a.lateralX, a.lateralRx, a.lateralRy, 2.0);
        else if (std::abs(u - a.medialX) < a.medialRx)
            g.femurBottomY[i] = g.medialCy + condyleDrop(u - a.medialX, a.medialRx, a.medialRy, d.flattening);
    }

    // Femur outline: lateral shaft side, lateral condyle, notch, medial condyle, medial shaft side.
    const double fs = a.shaftHalf;
    std::vector<Point> femur = {{-fs, -1.6}, {-fs - 0.02, -1.1}, {-fs - 0.1, -0.78}};
    const Point lateralTop = superellipsePoint(a.lateralX, g.lateralCy, a.lateralRx, a.lateralRy, 2.0, kPi + 0.45);
    femur.push_back({(lateralTop.x + (-fs - 0.1)) / 2 - 0.03, (lateralTop.y - 0.78) / 2});
    std::vector<Point> lateralArc, medialArc;
    for (double t = kPi + 0.45; t > 0.12; t -= 0.06)
        lateralArc.push_back(superellipsePoint(a.lateralX, g.lateralCy, a.lateralRx, a.lateralRy, 2.0, t));
    for (double t = kPi - 0.12; t > -0.45; t -= 0.06)
        medialArc.push_back(superellipsePoint(a.medialX, g.medialCy, a.medialRx, a.medialRy, d.flattening, t));
    if (d.roughness > 0) {
        roughen(lateralArc, d.roughness * 0.7, r, 0.0);
        roughen(medialArc, d.roughness, r, 0.0);
    }
    femur.insert(femur.end(), lateralArc.begin(), lateralArc.end());
    // The notch opening between the condyles; the rest of the notch is only less dense bone.
    const double notchTop = std::max(g.lateralCy + 0.35 * a.lateralRy, g.medialCy + 0.35 * a.medialRy);
    femur.push_back({-0.05, notchTop + 0.015});
    femur.push_back({0.0, notchTop});
    femur.push_back({0.05, notchTop + 0.015});
    femur.insert(femur.end(), medialArc.begin(), medialArc.end());
    const Point medialTop = medialArc.back();
    femur.push_back({(medialTop.x + fs + 0.1) / 2 + 0.03, (medialTop.y - 0.78) / 2});
    femur.push_back({fs + 0.1, -0.78});
    femur.push_back({fs + 0.02, -1.1});
    femur.push_back({fs, -1.6});
    g.femur = smoothCurve(femur, 3);

    // Fibula: head with its apex (styloid) pointing up, shaft going down.
    const double fx = a.fibulaX, fy = a.fibulaY, frx = a.fibulaRx, fry = a.fibulaRy;
    g.fibula = smoothCurve({{fx + 0.35 * frx, 1.6},
                            {fx + 0.45 * frx, fy + 1.2 * fry},
                            {fx + frx, fy + 0.2 * fry},
                            {fx + 0.55 * frx, fy - 0.8 * fry},
                            {fx - 0.2 * frx, fy - 1.25 * fry},
                            {fx - 0.85 * frx, fy - 0.5 * fry},
                            {fx - frx, fy + 0.4 * fry},
                            {fx - 0.6 * frx, fy + 1.4 * fry},
                            {fx - 0.45 * frx, 1.6}},
                           6);

    // Osteophytes at the joint margins.
    const double tibiaTopM = g.plateauAt(ph - 0.02), tibiaTopL = g.plateauAt(-ph + 0.02);
    if (d.spurs[0] > 0)
        g.tibiaSpurs.push_back(spur({ph - 0.02, tibiaTopM - 0.005}, {ph + 0.01, tibiaTopM + 0.10}, {1.0, -0.45}, d.spurs[0]));
    if (d.spurs[2] > 0)
        g.tibiaSpurs.push_back(spur({-ph - 0.01, tibiaTopL + 0.10}, {-ph + 0.02, tibiaTopL - 0.005}, {-1.0, -0.45}, d.spurs[2]));
    if (d.spurs[1] > 0) {
        const Point p0 = superellipsePoint(a.medialX, g.medialCy, a.medialRx, a.medialRy, d.flattening, 0.05);
        const Point p1 = superellipsePoint(a.medialX, g.medialCy, a.medialRx, a.medialRy, d.flattening, 0.75);
        g.femurSpurs.push_back(spur(p0, p1, {1.0, 0.55}, d.spurs[1]));
    }
    if (d.spurs[3] > 0) {
        const Point p0 = superellipsePoint(a.lateralX, g.lateralCy, a.lateralRx, a.lateralRy, 2.0, kPi - 0.75);
        const Point p1 = superellipsePoint(a.lateralX, g.lateralCy, a.lateralRx, a.lateralRy, 2.0, kPi - 0.05);
        g.femurSpurs.push_back(spur(p0, p1, {-1.0, 0.55}, d.spurs[3]));
    }
    g.spurCount = static_cast<int>(g.femurSpurs.size() + g.tibiaSpurs.size());
    return g;
}

} // namespace kg::phantom
