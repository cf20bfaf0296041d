#pragma once
// An example of the crops a model was trained on, shown beside a prediction so that the user
// can place boxes the same way (joint line centred, as much femur and tibia).
#include <QImage>
#include <QString>

namespace kg::ui {

struct TrainingCropExample {
    QImage image;                 ///< 8-bit gray, at most maxSide pixels a side
    QString caption;              ///< where it comes from, in plain words
    bool fromDataset = false;     ///< the checkpoint's own training data; false: a rendered phantom
};

/// The first image of the training split of the dataset `checkpoint` was trained on (its
/// recorded data_root), when that folder is readable here; otherwise a rendered phantom of
/// grade 2, saying why. Never throws. Thread-safe (used from QtConcurrent).
TrainingCropExample loadTrainingCropExample(const QString& checkpoint, int maxSide);

} // namespace kg::ui
