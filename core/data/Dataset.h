#pragma once
// Public (plain C++): the dataset model shared by scanning, loading, training and the UI.
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace kg {

/// Kellgren–Lawrence grades 0..4.
constexpr int kNumGrades = 5;

/// One labelled radiograph.
struct DatasetItem {
    std::string path;        ///< absolute or root-relative file path
    int grade = -1;          ///< KL grade 0..4; -1 when unlabelled
    std::string patientId;   ///< e.g. "9003175" from "9003175R.png"; empty when the name has none
    char side = '?';         ///< 'L', 'R' or '?'
};

/// The dataset's splits; AutoTest is the real dataset's `auto_test/` (automatically cropped knees).
enum class Split { Train, Val, Test, AutoTest };
constexpr int kNumSplits = 4;

/// "train", "val", "test", "auto_test" (the folder names of the real dataset).
std::string splitName(Split split);

/// Patient id and knee side read from a file name (see parsePatientFromFileName).
struct PatientKey {
    std::string patientId;  ///< empty when the name carries none
    char side = '?';        ///< 'L', 'R' or '?'
};

/// "9003175R.png" → {"9003175", 'R'}; also "9003175_L.png", "9003175.png" (side '?'),
/// "9003175L_aug1.png" and "case12_R.png" → {"case12", 'R'}. Names without a patient id
/// ("image001.png" has one only if it ends in a side marker) give an empty id.
PatientKey parsePatientFromFileName(const std::string& fileName);

/// A path the scan saw but did not take, and why (shown in the dataset report).
struct SkippedPath {
    std::string path;
    std::string reason;
};

/// What scanDataset found. Items are sorted by grade, then path, so a scan is reproducible.
struct DatasetSplits {
    std::string root;                      ///< absolute dataset root
    std::vector<DatasetItem> train, val, test, autoTest;
    bool valSplitFromTrain = false;        ///< no val/ folder: val was split off train (grouped by patient)
    std::uint64_t seed = 0;                ///< seed of that split
    double valFraction = 0.0;              ///< fraction of train requested for that split
    std::map<std::string, int> gradeFolders;  ///< grade-folder name as on disk → grade, over all splits
    std::map<Split, std::string> splitFolders;///< split → folder name as on disk ("val" may be "validation")
    std::vector<SkippedPath> skipped;      ///< folders and files that were not taken, with the reason
    std::unordered_map<std::string, std::string> contentHashes;  ///< path → SHA-256 (ScanOptions::hashContents)

    std::vector<DatasetItem>& items(Split split);
    const std::vector<DatasetItem>& items(Split split) const;
    std::size_t size() const { return train.size() + val.size() + test.size() + autoTest.size(); }
};

} // namespace kg
