#pragma once
#include <QColor>
#include <QIcon>
#include <QString>

namespace kg::ui {

/// Icons from resources/icons/*.svg, drawn in the palette's text colour when they are used
/// (so they stay legible on dark palettes) and sharp at any device-pixel ratio.
/// `name` is the file name without ".svg", e.g. "train". Call from the GUI thread.
QIcon themedIcon(const QString& name);

/// The same SVG drawn in a fixed colour (for icons on tinted backgrounds).
QIcon colouredIcon(const QString& name, const QColor& colour);

/// The application icon (coloured, not themed).
QIcon applicationIcon();

} // namespace kg::ui
