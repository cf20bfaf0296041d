#include "ui/utility/TrainingCropExample.h"

#include "ui/utility/RadiographImage.h"

#include "core/data/Phantom.h"
#include "core/eval/Predictor.h"
#include "core/model/Checkpoint.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <exception>
#include <stdexcept>

namespace kg::ui {
namespace {

QString tr(const char* text)
{
    // lupdate files the tr() calls of namespace kg::ui under the context "kg::ui".
    return QCoreApplication::translate("kg::ui", text);
}

/// The first readable image of root/train/<first class folder>/, in name order.
QImage firstTrainingImage(const QString& root, int maxSide, QString* relative)
{
    const QDir train(root + QStringLiteral("/train"));
    for (const QString& folder : train.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        std::vector<std::string> files;
        try {
            files = listImageFiles(train.filePath(folder).toStdString());
        } catch (const std::exception&) {
            continue;
        }
        for (size_t i = 0; i < files.size() && i < 3; ++i) {
            const QString path = QString::fromStdString(files[i]);
            QString error;
            const QImage image = loadDisplayImage(path, maxSide, &error);
            if (!image.isNull()) {
                *relative = QDir(root).relativeFilePath(path);
                return image;
            }
        }
    }
    return {};
}

} // namespace

TrainingCropExample loadTrainingCropExample(const QString& checkpoint, int maxSide)
{
    TrainingCropExample example;
    QString why;
    int imageSize = 224;
    try {
        if (checkpoint.isEmpty())
            throw std::runtime_error("no checkpoint");
        const CheckpointMeta meta = readCheckpointMeta(checkpoint.toStdString());
        if (meta.preprocessing.imageSize > 0)
            imageSize = meta.preprocessing.imageSize;
        const nlohmann::json& options = meta.trainingOptions;
        const auto root = options.is_object() && options.contains("data_root") && options["data_root"].is_string()
                              ? QString::fromStdString(options["data_root"].get<std::string>())
                              : QString();
        if (root.isEmpty()) {
            why = tr("the model does not record its training data");
        } else if (!QFileInfo(root).isDir()) {
            why = tr("its training data (%1) is not on this computer").arg(QDir::toNativeSeparators(root));
        } else {
            QString relative;
            example.image = firstTrainingImage(root, maxSide, &relative);
            if (!example.image.isNull()) {
                example.fromDataset = true;
                example.caption = tr("The first training image of %1 (%2).")
                                      .arg(QDir(root).dirName(), QDir::toNativeSeparators(relative));
                return example;
            }
            why = tr("no image of %1/train can be read").arg(QDir::toNativeSeparators(root));
        }
    } catch (const std::exception&) {
        why = checkpoint.isEmpty() ? tr("no model is chosen yet") : tr("the model file cannot be read");
    }
    try {
        PhantomSpec spec;
        spec.grade = 2;
        spec.imageSize = maxSide > 0 ? std::max(64, maxSide) : imageSize;
        spec.seed = 2;
        spec.nuisance = false;
        const PhantomImage phantom = renderPhantom(spec);
        example.image = QImage(phantom.pixels.data(), phantom.size, phantom.size, phantom.size, QImage::Format_Grayscale8).copy();
        example.caption = tr("A rendered phantom (KL2), since %1.").arg(why);
    } catch (const std::exception& error) {
        example.caption = QString::fromStdString(error.what());
    }
    return example;
}

} // namespace kg::ui
