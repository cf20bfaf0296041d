#pragma once
// Small datasets and checkpoints for the evaluation tests: PNG files in the real dataset's
// layout and a tiny random ResNetV2 saved as a checkpoint. Everything lives in a QTemporaryDir.
#include "core/model/Checkpoint.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QRandomGenerator>
#include <QString>

#include <algorithm>

#include <string>

namespace evaltest {

/// DIR/<split>/<grade>/<id>R.png, `perGrade` images per grade, `side`² gray with a grade-dependent
/// brightness (so different grades give different network outputs) and seeded noise.
inline void writeSplit(const QString& root, const QString& split, int perGrade, int side = 40, quint32 seed = 1)
{
    QRandomGenerator random(seed);
    for (int grade = 0; grade < 5; ++grade) {
        const QString folder = root + QStringLiteral("/") + split + QStringLiteral("/") + QString::number(grade);
        QDir().mkpath(folder);
        for (int i = 0; i < perGrade; ++i) {
            QImage image(side, side, QImage::Format_Grayscale8);
            for (int y = 0; y < side; ++y) {
                uchar* row = image.scanLine(y);
                for (int x = 0; x < side; ++x)
                    row[x] = static_cast<uchar>(
                        std::clamp(30 + grade * 35 + (x * 2 + y) % 40 + static_cast<int>(random.bounded(50)), 0, 255));
            }
            const QString name = QStringLiteral("%1%2.png").arg(9000000 + grade * 1000 + i).arg(i % 2 ? 'L' : 'R');
            image.save(folder + QStringLiteral("/") + name);
        }
    }
}

/// A file with a PNG name that is not a PNG.
inline QString writeBrokenFile(const QString& folder, const QString& name = QStringLiteral("9999999R.png"))
{
    QDir().mkpath(folder);
    QFile file(folder + QStringLiteral("/") + name);
    file.open(QIODevice::WriteOnly);
    file.write("this is not an image");
    return file.fileName();
}

inline kg::ModelOptions tinyModelOptions(std::uint64_t seed = 5)
{
    kg::ModelOptions options;
    options.backbone = kg::parseArchitecture("resnetv2-tiny");
    options.head.hiddenUnits = {16};
    options.seed = seed;
    return options;
}

/// Saves a tiny random classifier with `imageSize` input; returns the weights' SHA-256.
inline std::string saveTinyCheckpoint(const std::string& path, int imageSize = 48, double temperature = 1.0,
                                      std::uint64_t seed = 5)
{
    kg::Model model(tinyModelOptions(seed));
    kg::CheckpointMeta meta;
    meta.preprocessing.imageSize = imageSize;
    meta.temperature = temperature;
    meta.datasetManifestHash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    meta.trainingOptions = {{"seed", 1234}};
    return kg::saveCheckpoint(path, model, meta);
}

} // namespace evaltest
