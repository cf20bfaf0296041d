#pragma once
// Public (plain C++): what is in a dataset and what is wrong with it, in terms a user can
// act on: counts per split and grade, imbalance, unreadable files, duplicate images across
// splits, patients in more than one split, image sizes and bit depths.
#include "core/data/Dataset.h"

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace kg {

struct ReportOptions {
    bool decodeImages = true;    ///< decode every file to find unreadable ones and collect sizes/bit depths
    bool findDuplicates = true;  ///< SHA-256 every file (or reuse DatasetSplits::contentHashes) for duplicates
    int threads = 0;             ///< worker threads for decoding/hashing; 0 = one per core
    double imbalanceWarning = 3.0;  ///< warn when largest/smallest grade count in train exceeds this
};

/// Called on the calling thread as files are checked; return false to cancel.
using ReportProgress = std::function<bool(std::size_t done, std::size_t total)>;

struct SplitSummary {
    Split split = Split::Train;
    std::string name;                        ///< "train", "val", "test", "auto_test"
    std::array<int, kNumGrades> counts{};    ///< images per grade
    int total = 0;
    int patients = 0;                        ///< distinct patient ids (files without one not counted)
    double imbalanceRatio = 0.0;             ///< largest / smallest grade count; 0 when empty, inf when a grade is missing
};

struct UnreadableFile {
    std::string path;
    std::string split;
    int grade = -1;
    std::string reason;                      ///< the decoder's message, without the path
};

/// Byte-identical files (same SHA-256).
struct DuplicateGroup {
    std::string sha256;
    std::vector<std::string> paths;
    std::vector<std::string> splits;         ///< split of each path
    std::vector<int> grades;                 ///< grade of each path
    bool acrossSplits = false;               ///< in more than one split: evaluation leaks training data
    bool conflictingGrades = false;          ///< the same image labelled with different grades
};

/// A patient id found in more than one split (test vs auto_test excepted: the real dataset's
/// auto_test holds automatically cropped copies of test knees by design).
struct LeakedPatient {
    std::string patientId;
    std::vector<std::string> splits;
    std::vector<std::string> paths;
};

struct DatasetReport {
    std::string root;
    bool valSplitFromTrain = false;
    std::uint64_t seed = 0;
    double valFraction = 0.0;
    std::vector<SplitSummary> splits;        ///< train, val, test, auto_test (those present or derived)
    double imbalanceRatio = 0.0;             ///< of train (of all images when there is no train)
    std::vector<UnreadableFile> unreadable;
    std::vector<DuplicateGroup> duplicates;  ///< cross-split groups first
    std::vector<LeakedPatient> leakedPatients;
    int withoutPatientId = 0;                ///< files whose names carry no patient id (leakage unchecked)
    std::map<std::string, int> imageSizes;   ///< "224×224" → images
    std::map<int, int> bitDepths;            ///< bits stored → images
    std::map<std::string, int> formats;      ///< "PNG", "DICOM", … → images
    std::map<std::string, int> colour;       ///< "gray" / "colour" → images
    std::vector<std::string> decodeWarnings; ///< "path: warning" from decoding (wrong extension, multi-frame, …)
    std::vector<SkippedPath> skipped;        ///< from the scan
    std::map<std::string, int> gradeFolders; ///< from the scan
    std::size_t filesChecked = 0;            ///< files decoded/hashed before completion or cancellation
    std::size_t filesTotal = 0;
    bool imagesDecoded = false;
    bool duplicatesChecked = false;
    bool cancelled = false;
    double imbalanceWarning = 3.0;           ///< ReportOptions::imbalanceWarning, for warnings()

    /// Problems and advice in plain words, most serious first; empty when all is well.
    std::vector<std::string> warnings() const;
    /// A human-readable report (paths relative to root; each list capped at maxListed; JSON lists all).
    std::string toText(int maxListed = 20) const;
};

/// Builds the report. Decoding and hashing run on `options.threads` threads; progress is
/// reported on the calling thread. Never throws for bad files (they are listed).
DatasetReport buildDatasetReport(const DatasetSplits& splits, const ReportOptions& options = {},
                                 const ReportProgress& progress = {});

void to_json(nlohmann::json& json, const DatasetReport& report);
void to_json(nlohmann::json& json, const ReportOptions& options);
void from_json(const nlohmann::json& json, ReportOptions& options);

} // namespace kg
