#include "core/engine/FolderTraining.h"

#include "core/data/DatasetChecks.h"
#include "core/data/DatasetScan.h"
#include "core/engine/FolderTrainingData.h"
#include "core/model/KerasWeights.h"

namespace kg {
namespace {

LoaderOptions loaderOptionsOf(const TrainOptions& o)
{
    LoaderOptions loader;
    loader.workers = o.loaderWorkers;
    loader.seed = o.seed;
    loader.augmentation = o.augmentation;
    return loader;
}

/// Scans options.dataRoot, refuses a dataset that cannot be trained on and reports what the
/// dataset report would warn about. Nothing when `note` says the run was cancelled.
std::shared_ptr<TrainingData> openFolder(const TrainOptions& o, const TrainingInputs::Note& note)
{
    if (!note("scanning " + o.dataRoot))
        return nullptr;
    ScanOptions scan;
    scan.seed = o.seed;
    DatasetSplits splits = scanDataset(o.dataRoot, scan);
    checkTrainable(splits);
    for (const std::string& warning : trainingWarnings(splits))
        if (!note("warning: " + warning))
            return nullptr;
    if (!note("dataset " + splits.root + ": " + std::to_string(splits.train.size()) + " train, " +
              std::to_string(splits.val.size()) + " val images" +
              (splits.valSplitFromTrain ? " (val split off train by patient)" : "")))
        return nullptr;
    return std::make_shared<FolderTrainingData>(std::move(splits), loaderOptionsOf(o), o.preprocessing);
}

} // namespace

TrainingInputs folderTrainingInputs()
{
    TrainingInputs inputs;
    inputs.openData = openFolder;
    inputs.loadInitialWeights = [](Model& model, const std::string& path) {
        return describe(importKerasWeights(model, path));
    };
    return inputs;
}

Trainer folderTrainer(TrainOptions options) { return Trainer(std::move(options), folderTrainingInputs()); }

Trainer resumeFolderTrainer(const std::string& runDir, const ResumeOverrides& overrides)
{
    return Trainer::resume(runDir, overrides, folderTrainingInputs());
}

} // namespace kg
