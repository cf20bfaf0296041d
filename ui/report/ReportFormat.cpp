#include "ui/report/ReportFormat.h"

#include <algorithm>
#include <cmath>

namespace kg::report::detail {

QString qs(const std::string& text) { return QString::fromStdString(text); }

QString number(double value, int decimals)
{
    return std::isfinite(value) ? QString::number(value, 'f', decimals) : QStringLiteral("n/a");
}

QString percent(double value)
{
    return std::isfinite(value) ? QString::number(100.0 * value, 'f', 1) + QLatin1Char('%') : QStringLiteral("n/a");
}

QString classLabel(const std::vector<std::string>& names, int k, bool twoLines)
{
    const QString name = k >= 0 && k < static_cast<int>(names.size()) ? qs(names[static_cast<size_t>(k)]) : QString::number(k);
    if (names.size() != 5)
        return name;
    return QStringLiteral("KL%1").arg(k) + (twoLines ? QStringLiteral("\n") : QStringLiteral(" ")) + name;
}

QImage toQImage(const RgbImage& image, int maxSide)
{
    if (image.empty())
        return {};
    QImage wrapped(image.pixels.data(), image.width, image.height, image.width * 3, QImage::Format_RGB888);
    QImage copy = wrapped.copy();
    if (std::max(copy.width(), copy.height()) > maxSide)
        copy = copy.scaled(maxSide, maxSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    return copy;
}

} // namespace kg::report::detail
