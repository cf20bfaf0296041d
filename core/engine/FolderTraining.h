#pragma once
// Public (plain C++): training on a dataset folder. kneegrade::engine wires what the trainer
// (kneegrade::train, torch only) receives from outside: the folder's images through the
// prefetching DataLoader (kneegrade::data, OpenCV) and ImageNet weights from a Keras .h5 file
// (kneegrade::kerasio, HDF5). The CLI and the Train workspace train through these.
#include "core/train/Trainer.h"

#include <string>

namespace kg {

/// Inputs of a run on options.dataRoot: the folder is scanned, refused when it cannot be
/// trained on (checkTrainable), its training warnings are reported, and its images are read
/// with options.loaderWorkers workers and options.augmentation (when options.augment).
/// options.imagenetWeights, when set, is imported as a Keras .h5 file.
TrainingInputs folderTrainingInputs();

/// A new run on options.dataRoot.
Trainer folderTrainer(TrainOptions options);

/// Resumes the run in `runDir` on the dataset folder it was started on.
Trainer resumeFolderTrainer(const std::string& runDir, const ResumeOverrides& overrides = {});

} // namespace kg
