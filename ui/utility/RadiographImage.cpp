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

ViewerImage loadViewerImage(const QString& path)
{
    ViewerImage viewer;
    try {
        RadiographLoadOptions options;
        options.keepFullDepth = true;
        const Radiograph radiograph = loadRadiograph(path.toStdString(), options);
        viewer.info = radiograph.info;
        const FullDepthPixels& full = radiograph.fullDepth;
        if (full.empty() || radiograph.channels != 1) {
            viewer.image = toQImage(radiograph);
            return viewer;
        }
        const QImage wrapped(reinterpret_cast<const uchar*>(full.values.data()), radiograph.width, radiograph.height,
                             radiograph.width * int(sizeof(std::uint16_t)), QImage::Format_Grayscale16);
        viewer.image = wrapped.copy();
        viewer.mapping.scale = full.scale;
        viewer.mapping.offset = full.offset;
        viewer.mapping.inverted = radiograph.info.inverted;
        if (radiograph.info.windowWidth > 0) {
            viewer.mapping.center = full.fromReal(radiograph.info.windowCenter);
            viewer.mapping.width = radiograph.info.windowWidth / full.scale;
        }
    } catch (const std::exception& e) {
        viewer.error = QString::fromStdString(e.what());
        viewer.image = QImage();
    }
    return viewer;
}

} // namespace kg::ui
