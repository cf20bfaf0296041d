#pragma once
// Public (plain C++): what the trainer checks in a dataset folder before it trains on it,
// so that `kneegrade-cli train` and the Train workspace say what `kneegrade-cli dataset`
// would have said about the parts that matter for training.
#include "core/data/Dataset.h"

#include <string>
#include <vector>

namespace kg {

/// A grade with fewer training images than this (but some) is warned about: a network
/// cannot learn a grade from a handful of examples.
constexpr int kFewTrainingImagesPerGrade = 5;

/// Throws kg::Error naming the folder at fault when `splits` cannot be trained on: no
/// training images, or no validation images — then it says whether val/ is there but holds
/// no images (fill it, or remove it so that a validation split is taken from train) or
/// there is no val/ and train is too small to split.
void checkTrainable(const DatasetSplits& splits);

/// The dataset report's warnings about train and val (a split or a grade without images,
/// patients in both, imbalance, files not used; see DatasetReport::warnings()), then grades
/// with fewer than kFewTrainingImagesPerGrade training images. Looks at file names only:
/// nothing is decoded or hashed, so it is quick on any dataset.
std::vector<std::string> trainingWarnings(const DatasetSplits& splits);

} // namespace kg
