#include "ui/utility/Colors.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace kg::ui {

bool isDarkPalette(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

QColor gradeColor(int grade)
{
    static const std::array<QColor, 5> colours{QColor(0x3b, 0x9e, 0x6d), QColor(0x9a, 0xb9, 0x3c),
                                               QColor(0xe0, 0xaa, 0x2e), QColor(0xe0, 0x72, 0x2f),
                                               QColor(0xc6, 0x3b, 0x3b)};
    if (grade < 0 || grade >= static_cast<int>(colours.size()))
        return QColor(0x88, 0x88, 0x88);
    return colours[static_cast<size_t>(grade)];
}

QColor trainingColor()
{
    return QColor(0x2f, 0x7e, 0xd8);
}

QColor validationColor()
{
    return QColor(0xf2, 0x8f, 0x2c);
}

QColor heatColor(double t)
{
    // Anchors of matplotlib's "Blues" colour map.
    static const std::array<QColor, 5> stops{QColor(0xf7, 0xfb, 0xff), QColor(0xc6, 0xdb, 0xef),
                                             QColor(0x6b, 0xae, 0xd6), QColor(0x21, 0x71, 0xb5),
                                             QColor(0x08, 0x30, 0x6b)};
    t = std::clamp(t, 0.0, 1.0) * (stops.size() - 1);
    const auto i = std::min(static_cast<size_t>(std::floor(t)), stops.size() - 2);
    const double f = t - static_cast<double>(i);
    const QColor& a = stops[i];
    const QColor& b = stops[i + 1];
    return QColor::fromRgbF(static_cast<float>(a.redF() + (b.redF() - a.redF()) * f),
                            static_cast<float>(a.greenF() + (b.greenF() - a.greenF()) * f),
                            static_cast<float>(a.blueF() + (b.blueF() - a.blueF()) * f));
}

QColor textColorOn(const QColor& background)
{
    const double luminance = 0.299 * background.redF() + 0.587 * background.greenF() + 0.114 * background.blueF();
    return luminance > 0.55 ? QColor(0x10, 0x10, 0x10) : QColor(Qt::white);
}

} // namespace kg::ui
