#include "ui/utility/RadiographImage.h"

#include <exception>

namespace kg::ui {

QImage toQImage(const Radiograph& radiograph)
{
    if (radiograph.width <= 0 || radiograph.height <= 0 || radiograph.pixels.empty())
        return {};
    const QImage::Format format = radiograph.channels == 3 ? QImage::Format_RGB888 : QImage::Format_Grayscale8;
    const QImage view(radiograph.pixels.data(), radiograph.width, radiograph.height, radiograph.stride, format);
    return view.copy();
}

QImage toQImage(const RgbImage& image)
{
    if (image.empty())
        return {};
    const QImage view(image.pixels.data(), image.width, image.height, image.width * 3, QImage::Format_RGB888);
    return view.copy();
}

QImage loadDisplayImage(const QString& path, int maxSide, QString* error, RadiographInfo* info)
{
    try {
        const Radiograph radiograph = loadRadiograph(path.toStdString());
        if (info)
            *info = radiograph.info;
        QImage image = toQImage(radiograph);
        if (maxSide > 0 && (image.width() > maxSide || image.height() > maxSide))
            image = image.scaled(maxSide, maxSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        return image;
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return {};
    }
}

} // namespace kg::ui
