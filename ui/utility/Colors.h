#pragma once
#include <QColor>
#include <QPalette>

namespace kg::ui {

/// True when the palette's window colour is dark (a dark desktop theme).
bool isDarkPalette(const QPalette& palette);

/// One colour per KL grade 0..4, green (healthy) to red (severe); legible on light and dark.
QColor gradeColor(int grade);

/// Training series blue and validation series orange, the convention of Keras plots.
QColor trainingColor();
QColor validationColor();

/// Sequential colour scale for heatmaps, t in [0, 1] (white → deep blue, like "Blues").
QColor heatColor(double t);
/// Black or white, whichever reads better on `background`.
QColor textColorOn(const QColor& background);

} // namespace kg::ui
