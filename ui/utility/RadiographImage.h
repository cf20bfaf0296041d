#pragma once
// Conversions from core's plain image types to QImage, and the decoders the widgets use.
#include "core/imaging/Radiograph.h"
#include "core/eval/GradCam.h"
#include "ui/widgets/ImageView.h"

#include <QImage>
#include <QString>

namespace kg::ui {

/// Deep copy of a decoded radiograph (8-bit gray → Grayscale8, RGB → RGB888).
QImage toQImage(const Radiograph& radiograph);
/// Deep copy of an RGB image (Grad-CAM overlay or colour map).
QImage toQImage(const RgbImage& image);

/// Decodes `path` with kg::loadRadiograph and scales it to fit `maxSide` (0: full size).
/// On failure returns a null image and sets `error` to core's plain-words reason.
/// Thread-safe (used from QtConcurrent).
QImage loadDisplayImage(const QString& path, int maxSide, QString* error, RadiographInfo* info = nullptr);

/// A radiograph for the full-size viewer: gray files deeper than 8 bits come at full depth
/// (Grayscale16) with the file's window and inversion in `mapping`, so the viewer windows the
/// real values; other files as loadDisplayImage(). Null `image` and `error` set on failure.
struct ViewerImage {
    QImage image;
    GreyMapping mapping;
    RadiographInfo info;
    QString error;
};
ViewerImage loadViewerImage(const QString& path);

} // namespace kg::ui
