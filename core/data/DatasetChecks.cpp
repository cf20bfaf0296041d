#include "core/data/DatasetChecks.h"

#include "core/data/DatasetReport.h"
#include "core/data/DatasetScan.h"
#include "core/data/Grades.h"
#include "core/util/Error.h"

#include <array>
#include <cstdio>

namespace kg {
namespace {

std::string percent(double fraction)
{
    char text[32];
    std::snprintf(text, sizeof text, "%g %%", fraction * 100.0);
    return text;
}

std::string folderOf(const DatasetSplits& splits, Split split)
{
    return splits.root + "/" + splits.splitFolders.at(split);
}

bool isInside(const std::string& path, const std::string& folder)
{
    return path.size() > folder.size() && path.compare(0, folder.size(), folder) == 0 && path[folder.size()] == '/';
}

/// The part of `splits` that training reads: train and val, and what was skipped outside
/// the test folders.
DatasetSplits trainAndVal(const DatasetSplits& splits)
{
    DatasetSplits part;
    part.root = splits.root;
    part.train = splits.train;
    part.val = splits.val;
    part.valSplitFromTrain = splits.valSplitFromTrain;
    part.seed = splits.seed;
    part.valFraction = splits.valFraction;
    part.gradeFolders = splits.gradeFolders;
    for (const Split split : {Split::Train, Split::Val})
        if (splits.splitFolders.count(split))
            part.splitFolders[split] = splits.splitFolders.at(split);
    std::vector<std::string> testFolders;
    for (const Split split : {Split::Test, Split::AutoTest})
        if (splits.splitFolders.count(split))
            testFolders.push_back(folderOf(splits, split));
    for (const SkippedPath& skipped : splits.skipped) {
        bool inTest = false;
        for (const std::string& folder : testFolders)
            inTest = inTest || isInside(skipped.path, folder);
        if (!inTest)
            part.skipped.push_back(skipped);
    }
    return part;
}

std::vector<std::string> fewImagesWarnings(const DatasetSplits& splits)
{
    std::array<int, kNumGrades> counts{};
    for (const DatasetItem& item : splits.train)
        if (item.grade >= 0 && item.grade < kNumGrades)
            ++counts[static_cast<size_t>(item.grade)];
    std::string few;
    for (int grade = 0; grade < kNumGrades; ++grade) {
        const int count = counts[static_cast<size_t>(grade)];
        if (count > 0 && count < kFewTrainingImagesPerGrade)
            few += (few.empty() ? "" : ", ") + gradeLabel(grade) + ": " + std::to_string(count);
    }
    if (few.empty())
        return {};
    return {"train has only a handful of images of some grades (" + few +
            "): too few to learn a grade from. Add images (dozens per grade at least), or expect the model to "
            "ignore these grades."};
}

} // namespace

void checkTrainable(const DatasetSplits& splits)
{
    if (splits.train.empty())
        throw Error(splits.root, "the dataset has no training images (expected train/<grade>/*.png)");
    if (!splits.val.empty())
        return;
    if (splits.splitFolders.count(Split::Val))
        throw Error(folderOf(splits, Split::Val),
                    "holds no images, so there is nothing to validate on: put validation images in it (one folder per "
                    "grade, as in train/), or remove the empty folder and " + percent(ScanOptions{}.valFraction) +
                        " of train (whole patients) becomes the validation split");
    throw Error(splits.root, "the dataset has no val/ folder and train (" + std::to_string(splits.train.size()) +
                                 " images) is too small to split a validation set off it: add a val/ folder with "
                                 "images of every grade");
}

std::vector<std::string> trainingWarnings(const DatasetSplits& splits)
{
    ReportOptions options;
    options.decodeImages = false;
    options.findDuplicates = false;
    options.threads = 1;
    std::vector<std::string> warnings = buildDatasetReport(trainAndVal(splits), options).warnings();
    for (std::string& warning : fewImagesWarnings(splits))
        warnings.push_back(std::move(warning));
    return warnings;
}

} // namespace kg
