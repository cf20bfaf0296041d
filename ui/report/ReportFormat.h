#pragma once
// Internal to kneegrade::report: the text formatting and the report's own colours both
// reports share (the evaluation report and the prediction report). Data colours — grades,
// heatmaps, training series — come from ui/utility/Colors, as on screen.
#include "core/eval/GradCam.h"

#include <QColor>
#include <QImage>
#include <QString>

#include <string>
#include <vector>

namespace kg::report::detail {

QString qs(const std::string& text);
/// `value` with `decimals`, or "n/a" when it is not finite.
QString number(double value, int decimals = 3);
/// "12.5%", or "n/a".
QString percent(double value);
/// "KL2 Minimal" for the five KL grades, the plain class name otherwise.
QString classLabel(const std::vector<std::string>& names, int k, bool twoLines = false);
/// A copy of `image`, scaled down to at most `maxSide` pixels.
QImage toQImage(const RgbImage& image, int maxSide);

inline const QColor kAccent(24, 62, 112);    ///< title and headings
inline const QColor kGrey(110, 110, 110);    ///< notes, sources, footers
inline const QColor kWarning(160, 30, 30);   ///< the research-use line and warnings

} // namespace kg::report::detail
