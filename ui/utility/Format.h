#pragma once
#include <QString>

#include <string>

namespace kg::ui {

/// "42 s", "3 min 05 s", "1 h 02 min"; "—" for negative or non-finite values.
QString formatDuration(double seconds);
/// "1.2 M", "58.6 M", "950 k" for parameter counts and the like.
QString formatCompactCount(double value);
/// A learning rate as people write it: "1e-4", "3e-5", "0.001" → "1e-3".
QString formatLearningRate(double rate);
/// Percent with one decimal: 0.1234 → "12.3 %".
QString formatPercent(double fraction);
/// A likely range of durations, in the coarsest unit that still tells the ends apart:
/// "5–8 s", "40 s – 2 min", "2–3 min", "1.2–1.8 h". "—" when low or high is not positive.
QString formatDurationRange(double low, double high);
inline QString toQString(const std::string& text) { return QString::fromStdString(text); }

} // namespace kg::ui
