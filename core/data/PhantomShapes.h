#pragma once
// Internal to core/data: the shaping functions the knee phantoms and the full radiographs
// both draw bones with, so that a bone continues across the pasted phantom's edge unchanged.
#include <algorithm>
#include <cmath>

namespace kg::shapes {

inline double clamp01(double x) { return std::min(1.0, std::max(0.0, x)); }

/// exp(−z²/2), cut off where it no longer shows in 8 bits.
inline double gauss(double z) { return std::abs(z) > 4.0 ? 0.0 : std::exp(-0.5 * z * z); }

/// 0 at `from`, 1 at `to` (either order), smooth in between.
inline double smoothRamp(double from, double to, double x)
{
    const double t = clamp01((x - from) / (to - from));
    return t * t * (3.0 - 2.0 * t);
}

/// Projected thickness of a rounded bone `distance` pixels inside its edge (0..1).
inline double profile(double distance, double radius)
{
    if (distance <= 0)
        return 0.0;
    const double depth = std::min(1.0, distance / radius);
    return std::sqrt(depth * (2.0 - depth));
}

} // namespace kg::shapes
