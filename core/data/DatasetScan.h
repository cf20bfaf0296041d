#pragma once
// Public (plain C++): finds a dataset's images on disk. A dataset root holds split folders
// (train/, val/, test/, optionally auto_test/), each with one folder per KL grade.
#include "core/data/Dataset.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>

namespace kg {

struct ScanOptions {
    std::uint64_t seed = 42;       ///< seed of the val split taken from train when val/ is missing
    double valFraction = 0.125;    ///< share of train moved to val then (real dataset: 826/(5778+826))
    bool hashContents = false;     ///< read every file and fill DatasetSplits::contentHashes (SHA-256)
};

/// Lists every image of the dataset under `root` without decoding it (file names only,
/// unless hashContents). Split folders are matched case-insensitively: train; val, valid,
/// validation; test; auto_test, autotest. Grade folders: see gradeFromFolderName(). Image
/// files are recognised by extension (png, jpg, jpeg, bmp, tif, tiff, dcm, dicom) or have
/// none (DICOM often has none); other files, hidden files and unknown folders are listed
/// in `skipped`. Without val/, a seeded split of train grouped by patient (both knees of
/// a patient stay together) and stratified by grade becomes val.
/// Throws kg::Error naming `root` when it does not exist, is not a folder, or has none of
/// the split folders (the message lists the folders it expected).
DatasetSplits scanDataset(const std::string& root, const ScanOptions& options = {});

/// Splits `items` into (kept, heldOut): about `fraction` of each grade held out, whole
/// patients only (items without a patient id count as their own patient), reproducible
/// from `seed`. Order within each part follows `items`.
std::pair<std::vector<DatasetItem>, std::vector<DatasetItem>> splitByPatient(
    const std::vector<DatasetItem>& items, double fraction, std::uint64_t seed);

void to_json(nlohmann::json& json, const ScanOptions& options);
void from_json(const nlohmann::json& json, ScanOptions& options);

} // namespace kg
