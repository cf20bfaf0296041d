#include "ui/utility/Format.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace kg::ui {

QString formatDuration(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0)
        return QStringLiteral("—");
    const auto total = static_cast<long long>(std::llround(seconds));
    if (total < 60)
        return QCoreApplication::translate("Format", "%1 s").arg(total);
    if (total < 3600)
        return QCoreApplication::translate("Format", "%1 min %2 s").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
    return QCoreApplication::translate("Format", "%1 h %2 min")
        .arg(total / 3600)
        .arg((total % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QString formatCompactCount(double value)
{
    if (value >= 1e9)
        return QStringLiteral("%1 G").arg(value / 1e9, 0, 'f', 1);
    if (value >= 1e6)
        return QStringLiteral("%1 M").arg(value / 1e6, 0, 'f', 1);
    if (value >= 1e3)
        return QStringLiteral("%1 k").arg(value / 1e3, 0, 'f', 0);
    return QString::number(value, 'f', 0);
}

QString formatLearningRate(double rate)
{
    if (!(rate > 0))
        return QStringLiteral("0");
    const int exponent = static_cast<int>(std::floor(std::log10(rate) + 1e-9));
    const double mantissa = rate / std::pow(10.0, exponent);
    const double rounded = std::round(mantissa * 100.0) / 100.0;
    if (std::abs(rounded - 1.0) < 1e-9)
        return QStringLiteral("1e%1").arg(exponent);
    return QStringLiteral("%1e%2").arg(QString::number(rounded, 'g', 3)).arg(exponent);
}

QString formatPercent(double fraction)
{
    if (!std::isfinite(fraction))
        return QStringLiteral("—");
    return QStringLiteral("%1 %").arg(fraction * 100.0, 0, 'f', 1);
}

QString formatDurationRange(double low, double high)
{
    if (!(low > 0) || !(high > 0) || !std::isfinite(low) || !std::isfinite(high))
        return QStringLiteral("—");
    if (low > high)
        std::swap(low, high);
    if (high < 60) {
        const long long a = std::max(1LL, std::llround(std::floor(low)));
        const long long b = std::max(a + 1, static_cast<long long>(std::ceil(high)));
        return QCoreApplication::translate("Format", "%1–%2 s").arg(a).arg(b);
    }
    if (high < 3600) {
        if (low < 60)
            return QCoreApplication::translate("Format", "%1 s – %2 min")
                .arg(std::max(1LL, std::llround(std::floor(low))))
                .arg(static_cast<long long>(std::ceil(high / 60.0)));
        const long long a = static_cast<long long>(std::floor(low / 60.0));
        const long long b = std::max(a + 1, static_cast<long long>(std::ceil(high / 60.0)));
        return QCoreApplication::translate("Format", "%1–%2 min").arg(a).arg(b);
    }
    if (low < 3600)
        return QCoreApplication::translate("Format", "%1 min – %2 h")
            .arg(static_cast<long long>(std::floor(low / 60.0)))
            .arg(std::ceil(high / 360.0) / 10.0, 0, 'f', 1);
    return QCoreApplication::translate("Format", "%1–%2 h")
        .arg(std::floor(low / 360.0) / 10.0, 0, 'f', 1)
        .arg(std::ceil(high / 360.0) / 10.0, 0, 'f', 1);
}

} // namespace kg::ui
