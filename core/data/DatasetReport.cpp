#include "core/data/DatasetReport.h"

#include "core/data/Grades.h"
#include "core/imaging/RadiographDecode.h"
#include "core/util/Error.h"
#include "core/util/Hash.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <iomanip>
#include <limits>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_map>

namespace kg {
namespace {

struct FileEntry {
    const DatasetItem* item = nullptr;
    Split split = Split::Train;
};

struct FileResult {
    bool checked = false;
    std::string error;       // empty when readable
    std::string hash;
    RadiographInfo info;
    bool decoded = false;
};

/// The decoder's message without the "'path': " prefix kg::Error puts in front.
std::string reasonOf(const Error& error)
{
    const std::string message = error.what();
    const std::string prefix = "'" + error.path() + "': ";
    return !error.path().empty() && message.rfind(prefix, 0) == 0 ? message.substr(prefix.size()) : message;
}

void checkFile(const FileEntry& entry, const ReportOptions& options, const DatasetSplits& splits, FileResult& result)
{
    const std::string& path = entry.item->path;
    const auto known = splits.contentHashes.find(path);
    const bool needHash = options.findDuplicates && known == splits.contentHashes.end();
    if (options.findDuplicates && !needHash)
        result.hash = known->second;
    try {
        if (needHash || options.decodeImages) {
            const std::vector<std::uint8_t> bytes = readRadiographFile(path);  // one read for hash and decode
            if (needHash)
                result.hash = sha256Hex(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
            if (options.decodeImages) {
                result.info = decodeRadiographBuffer(path, bytes.data(), bytes.size(), DecodeOutput::Native).info;
                result.decoded = true;
            }
        }
    } catch (const Error& e) {
        result.error = reasonOf(e);
    } catch (const std::exception& e) {
        result.error = e.what();
    }
    result.checked = true;
}

std::string relativeTo(const std::string& root, const std::string& path)
{
    if (!root.empty() && path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
        (path[root.size()] == '/' || path[root.size()] == '\\'))
        return path.substr(root.size() + 1);
    return path;
}

std::string ratioText(double ratio)
{
    if (std::isinf(ratio))
        return "∞ (a grade has no images)";
    std::ostringstream out;
    out << std::fixed << std::setprecision(1) << ratio;
    return out.str();
}

std::string joinList(const std::vector<std::string>& parts, const std::string& separator = ", ")
{
    std::string out;
    for (const auto& part : parts)
        out += (out.empty() ? "" : separator) + part;
    return out;
}

double imbalanceOf(const std::array<int, kNumGrades>& counts)
{
    const int largest = *std::max_element(counts.begin(), counts.end());
    const int smallest = *std::min_element(counts.begin(), counts.end());
    if (largest == 0)
        return 0.0;
    return smallest == 0 ? std::numeric_limits<double>::infinity() : double(largest) / smallest;
}

} // namespace

DatasetReport buildDatasetReport(const DatasetSplits& splits, const ReportOptions& options, const ReportProgress& progress)
{
    DatasetReport report;
    report.root = splits.root;
    report.valSplitFromTrain = splits.valSplitFromTrain;
    report.seed = splits.seed;
    report.valFraction = splits.valFraction;
    report.skipped = splits.skipped;
    report.gradeFolders = splits.gradeFolders;
    report.imbalanceWarning = options.imbalanceWarning;

    // Counts per split and grade.
    std::vector<FileEntry> files;
    std::array<int, kNumGrades> overall{};
    for (int s = 0; s < kNumSplits; ++s) {
        const Split split = Split(s);
        const auto& items = splits.items(split);
        const bool present = !items.empty() || splits.splitFolders.count(split) || (split == Split::Val && splits.valSplitFromTrain);
        if (!present)
            continue;
        SplitSummary summary;
        summary.split = split;
        summary.name = splitName(split);
        std::set<std::string> patients;
        for (const auto& item : items) {
            files.push_back({&item, split});
            if (item.grade >= 0 && item.grade < kNumGrades) {
                ++summary.counts[size_t(item.grade)];
                ++overall[size_t(item.grade)];
            }
            if (!item.patientId.empty())
                patients.insert(item.patientId);
            else
                ++report.withoutPatientId;
        }
        summary.total = int(items.size());
        summary.patients = int(patients.size());
        summary.imbalanceRatio = imbalanceOf(summary.counts);
        report.splits.push_back(summary);
    }
    report.imbalanceRatio = splits.train.empty() ? imbalanceOf(overall) : imbalanceOf(report.splits.front().counts);

    // Patients in more than one split; test and auto_test count as one side.
    std::map<std::string, std::map<std::string, std::vector<std::string>>> byPatient;
    for (const auto& file : files) {
        if (file.item->patientId.empty())
            continue;
        byPatient[file.item->patientId][splitName(file.split)].push_back(file.item->path);
    }
    for (const auto& [patient, perSplit] : byPatient) {
        std::set<int> sides;
        for (const auto& entry : perSplit)
            sides.insert(entry.first == "train" ? 0 : entry.first == "val" ? 1 : 2);
        if (sides.size() < 2)
            continue;
        LeakedPatient leak;
        leak.patientId = patient;
        for (const auto& [split, paths] : perSplit) {
            leak.splits.push_back(split);
            leak.paths.insert(leak.paths.end(), paths.begin(), paths.end());
        }
        report.leakedPatients.push_back(std::move(leak));
    }

    // Decode and hash every file on a small pool; progress on this thread.
    report.filesTotal = files.size();
    report.imagesDecoded = options.decodeImages;
    report.duplicatesChecked = options.findDuplicates;
    std::vector<FileResult> results(files.size());
    if (options.decodeImages || options.findDuplicates) {
        std::atomic<size_t> next{0};
        std::atomic<size_t> done{0};
        // Ask once before any work, so a caller that cancels at once is never outrun by the
        // pool finishing every file before the reporting thread gets its first one.
        std::atomic<bool> stop{progress && !progress(0, files.size())};
        auto work = [&](bool reporting) {
            auto lastReport = std::chrono::steady_clock::now();
            for (size_t i = next++; i < files.size() && !stop; i = next++) {
                checkFile(files[i], options, splits, results[i]);
                ++done;
                if (reporting && progress) {
                    const auto now = std::chrono::steady_clock::now();
                    if (now - lastReport > std::chrono::milliseconds(50)) {
                        lastReport = now;
                        if (!progress(done, files.size()))
                            stop = true;
                    }
                }
            }
        };
        unsigned threads = options.threads > 0 ? unsigned(options.threads) : std::thread::hardware_concurrency();
        threads = std::max(1u, std::min<unsigned>(threads, unsigned(std::max<size_t>(1, files.size()))));
        std::vector<std::thread> pool;
        for (unsigned t = 1; t < threads; ++t)
            pool.emplace_back(work, false);
        work(true);
        for (auto& thread : pool)
            thread.join();
        report.cancelled = stop;
        if (progress && !stop)
            progress(done, files.size());  // the final 100 %
        report.filesChecked = done;
    }

    // Per-file findings.
    std::unordered_map<std::string, std::vector<size_t>> byHash;
    for (size_t i = 0; i < files.size(); ++i) {
        const FileResult& result = results[i];
        if (!result.checked)
            continue;
        if (!result.error.empty()) {
            report.unreadable.push_back({files[i].item->path, splitName(files[i].split), files[i].item->grade, result.error});
        }
        if (!result.hash.empty())
            byHash[result.hash].push_back(i);
        if (result.decoded) {
            const RadiographInfo& info = result.info;
            ++report.imageSizes[std::to_string(info.width) + "×" + std::to_string(info.height)];
            ++report.bitDepths[info.bitsStored];
            ++report.formats[info.format];
            ++report.colour[info.channels == 1 ? "gray" : "colour"];
            for (const auto& warning : info.warnings)
                report.decodeWarnings.push_back(files[i].item->path + ": " + warning);
        }
    }
    for (auto& [hash, members] : byHash) {
        if (members.size() < 2)
            continue;
        DuplicateGroup group;
        group.sha256 = hash;
        std::sort(members.begin(), members.end(), [&](size_t a, size_t b) { return files[a].item->path < files[b].item->path; });
        for (size_t i : members) {
            group.paths.push_back(files[i].item->path);
            group.splits.push_back(splitName(files[i].split));
            group.grades.push_back(files[i].item->grade);
        }
        group.acrossSplits = std::set<std::string>(group.splits.begin(), group.splits.end()).size() > 1;
        group.conflictingGrades = std::set<int>(group.grades.begin(), group.grades.end()).size() > 1;
        report.duplicates.push_back(std::move(group));
    }
    std::sort(report.duplicates.begin(), report.duplicates.end(), [](const DuplicateGroup& a, const DuplicateGroup& b) {
        return a.acrossSplits != b.acrossSplits ? a.acrossSplits : a.paths.front() < b.paths.front();
    });
    std::sort(report.unreadable.begin(), report.unreadable.end(),
              [](const UnreadableFile& a, const UnreadableFile& b) { return a.path < b.path; });
    return report;
}

std::vector<std::string> DatasetReport::warnings() const
{
    std::vector<std::string> out;
    if (cancelled)
        out.push_back("The check was cancelled after " + std::to_string(filesChecked) + " of " + std::to_string(filesTotal) +
                      " files; the problem lists are incomplete.");
    size_t images = 0;
    for (const auto& split : splits)
        images += size_t(split.total);
    if (images == 0)
        out.push_back("No images were found. Each split folder needs one folder per grade (0..4) holding the images.");
    if (!unreadable.empty())
        out.push_back(std::to_string(unreadable.size()) + " file" + (unreadable.size() > 1 ? "s" : "") +
                      " cannot be read (see 'Unreadable files' for the reasons): replace or remove them. Training and "
                      "evaluation skip them.");
    size_t across = 0, conflicting = 0, within = 0;
    for (const auto& group : duplicates) {
        across += group.acrossSplits;
        conflicting += group.conflictingGrades;
        within += !group.acrossSplits;
    }
    if (across > 0)
        out.push_back(std::to_string(across) + " image" + (across > 1 ? "s are" : " is") +
                      " stored byte-for-byte in more than one split: validation/test scores will be optimistic. Keep "
                      "each image in one split only.");
    if (conflicting > 0)
        out.push_back(std::to_string(conflicting) + " identical image" + (conflicting > 1 ? "s carry" : " carries") +
                      " different grades in different folders: at least one label is wrong.");
    if (!leakedPatients.empty()) {
        const LeakedPatient& first = leakedPatients.front();
        out.push_back(std::to_string(leakedPatients.size()) + " patient" + (leakedPatients.size() > 1 ? "s have" : " has") +
                      " images in more than one split (e.g. " + first.patientId + " in " + joinList(first.splits, " and ") +
                      "): the model is evaluated on knees of patients it was trained on, so scores are optimistic. Move "
                      "all images of a patient into one split.");
    }
    for (const auto& split : splits) {
        if (split.total == 0 && !(split.split == Split::Val && valSplitFromTrain)) {
            out.push_back(split.name + "/ has no images.");
            continue;
        }
        if (split.total == 0)
            continue;
        std::vector<std::string> missing;
        for (int g = 0; g < kNumGrades; ++g)
            if (split.counts[size_t(g)] == 0)
                missing.push_back(gradeLabel(g));
        if (!missing.empty())
            out.push_back(split.name + " has no images of " + joinList(missing) +
                          (split.split == Split::Train ? ": the model cannot learn " + std::string(missing.size() > 1 ? "these grades." : "this grade.")
                                                       : ": metrics for " + std::string(missing.size() > 1 ? "these grades" : "this grade") +
                                                             " cannot be measured on it."));
    }
    if (imbalanceRatio > imbalanceWarning && std::isfinite(imbalanceRatio) && !splits.empty()) {  // ∞: "has no images of" says it
        std::array<int, kNumGrades> counts{};
        std::string basis = "train";
        if (splits.front().split == Split::Train) {
            counts = splits.front().counts;
        } else {
            basis = "the dataset";
            for (const auto& split : splits)
                for (int g = 0; g < kNumGrades; ++g)
                    counts[size_t(g)] += split.counts[size_t(g)];
        }
        const auto largest = std::max_element(counts.begin(), counts.end());
        const auto smallest = std::min_element(counts.begin(), counts.end());
        out.push_back("Grades are imbalanced: " + basis + " has " + ratioText(imbalanceRatio) + "× as many " +
                      gradeLabel(int(largest - counts.begin())) + " images (" + std::to_string(*largest) + ") as " +
                      gradeLabel(int(smallest - counts.begin())) + " (" + std::to_string(*smallest) +
                      "). Plain accuracy hides poor recall on rare grades: judge the model by balanced accuracy and QWK, "
                      "and consider class weights or balanced sampling when a rare grade matters.");
    }
    if (within > 0)
        out.push_back(std::to_string(within) + " image" + (within > 1 ? "s are" : " is") +
                      " stored more than once within one split; copies weigh an image double in training.");
    if (imageSizes.size() > 1)
        out.push_back("Images come in " + std::to_string(imageSizes.size()) +
                      " different sizes; all are resized to the network's input size, which distorts those with "
                      "another aspect ratio.");
    int deep = 0;
    for (const auto& [bits, count] : bitDepths)
        deep += bits > 8 ? count : 0;
    if (deep > 0)
        out.push_back(std::to_string(deep) + " image" + (deep > 1 ? "s have" : " has") +
                      " more than 8 bits per sample; each is windowed to its own range (DICOM: its window) for the "
                      "network.");
    if (const auto it = colour.find("colour"); it != colour.end() && it->second > 0)
        out.push_back(std::to_string(it->second) + " image" + (it->second > 1 ? "s are" : " is") +
                      " in colour; radiographs are gray, so check that they belong in this dataset.");
    if (!decodeWarnings.empty())
        out.push_back(std::to_string(decodeWarnings.size()) + " decoder note" + (decodeWarnings.size() > 1 ? "s" : "") +
                      " (wrong file extension, multi-frame DICOM, …): see 'Decoder notes'.");
    if (withoutPatientId > 0)
        out.push_back(std::to_string(withoutPatientId) + " file name" + (withoutPatientId > 1 ? "s carry" : " carries") +
                      " no patient id (expected e.g. 9003175R.png), so patient leakage between splits cannot be checked "
                      "for them.");
    if (!skipped.empty())
        out.push_back(std::to_string(skipped.size()) + " file" + (skipped.size() > 1 ? "s or folders were" : " or folder was") +
                      " not used (not an image, or not inside a grade folder): see 'Skipped'.");
    if (valSplitFromTrain) {
        size_t val = 0;
        for (const auto& split : splits)
            val += split.split == Split::Val ? size_t(split.total) : 0;
        std::ostringstream fraction;
        fraction << std::setprecision(3) << valFraction * 100.0;
        out.push_back("There is no val/ folder: " + std::to_string(val) + " training images (" + fraction.str() +
                      " %, whole patients, stratified by grade, seed " + std::to_string(seed) +
                      ") are held out for validation.");
    }
    return out;
}

std::string DatasetReport::toText(int maxListed) const
{
    std::ostringstream out;
    const size_t cap = size_t(std::max(0, maxListed));
    auto more = [&](size_t total) {
        if (total > cap)
            out << "  … and " << (total - cap) << " more (use --json for the full list)\n";
    };

    out << "Dataset: " << root << "\n\n";
    out << std::left << std::setw(11) << "split";
    for (int g = 0; g < kNumGrades; ++g)
        out << std::right << std::setw(16) << gradeLabel(g);
    out << std::right << std::setw(8) << "total" << std::setw(10) << "patients" << std::setw(11) << "imbalance" << "\n";
    for (const auto& split : splits) {
        out << std::left << std::setw(11) << split.name;
        for (int g = 0; g < kNumGrades; ++g) {
            std::ostringstream cell;
            cell << split.counts[size_t(g)] << " (" << std::fixed << std::setprecision(1)
                 << (split.total ? 100.0 * split.counts[size_t(g)] / split.total : 0.0) << "%)";
            out << std::right << std::setw(16) << cell.str();
        }
        out << std::right << std::setw(8) << split.total << std::setw(10) << split.patients;
        if (split.total == 0)
            out << std::setw(11) << "-";
        else if (std::isinf(split.imbalanceRatio))
            out << std::setw(13) << "∞";  // 3 bytes, 1 column
        else
            out << std::setw(11) << ratioText(split.imbalanceRatio);
        out << "\n";
    }
    if (valSplitFromTrain)
        out << "(val: split from train, " << std::setprecision(3) << valFraction * 100.0 << " % by patient, seed " << seed
            << ")\n";

    out << "\nImages: ";
    if (!imagesDecoded) {
        out << "not decoded (sizes, bit depths and unreadable files not checked)\n";
    } else {
        out << filesChecked << " of " << filesTotal << " checked\n";
        auto line = [&](const char* label, const auto& histogram, auto key) {
            out << "  " << label << ": ";
            bool first = true;
            for (const auto& [k, count] : histogram) {
                out << (first ? "" : ", ") << key(k) << " (" << count << ")";
                first = false;
            }
            out << (first ? "none\n" : "\n");
        };
        line("sizes", imageSizes, [](const std::string& k) { return k; });
        line("bits per sample", bitDepths, [](int k) { return std::to_string(k) + "-bit"; });
        line("formats", formats, [](const std::string& k) { return k; });
        line("colour", colour, [](const std::string& k) { return k; });
    }

    if (!unreadable.empty()) {
        out << "\nUnreadable files (" << unreadable.size() << "):\n";
        for (size_t i = 0; i < std::min(cap, unreadable.size()); ++i)
            out << "  " << relativeTo(root, unreadable[i].path) << ": " << unreadable[i].reason << "\n";
        more(unreadable.size());
    }
    if (!duplicates.empty()) {
        out << "\nIdentical images (" << duplicates.size() << (duplicates.size() == 1 ? " group" : " groups") << "):\n";
        for (size_t i = 0; i < std::min(cap, duplicates.size()); ++i) {
            const auto& group = duplicates[i];
            std::vector<std::string> members;
            for (size_t m = 0; m < group.paths.size(); ++m)
                members.push_back(relativeTo(root, group.paths[m]));
            out << "  " << (group.acrossSplits ? "[across splits] " : "") << (group.conflictingGrades ? "[different grades] " : "")
                << joinList(members) << "\n";
        }
        more(duplicates.size());
    } else if (!duplicatesChecked) {
        out << "\nIdentical images: not checked\n";
    }
    if (!leakedPatients.empty()) {
        out << "\nPatients in more than one split (" << leakedPatients.size() << "):\n";
        for (size_t i = 0; i < std::min(cap, leakedPatients.size()); ++i)
        {
            const LeakedPatient& leak = leakedPatients[i];
            std::vector<std::string> files;
            for (size_t p = 0; p < std::min<size_t>(leak.paths.size(), 4); ++p)
                files.push_back(relativeTo(root, leak.paths[p]));
            if (leak.paths.size() > 4)
                files.push_back("…");
            out << "  " << leak.patientId << " (" << joinList(leak.splits) << "): " << joinList(files) << "\n";
        }
        more(leakedPatients.size());
    }
    if (!decodeWarnings.empty()) {
        out << "\nDecoder notes (" << decodeWarnings.size() << "):\n";
        for (size_t i = 0; i < std::min(cap, decodeWarnings.size()); ++i)
            out << "  " << relativeTo(root, decodeWarnings[i]) << "\n";
        more(decodeWarnings.size());
    }
    if (!skipped.empty()) {
        out << "\nSkipped (" << skipped.size() << "):\n";
        for (size_t i = 0; i < std::min(cap, skipped.size()); ++i)
            out << "  " << relativeTo(root, skipped[i].path) << ": " << skipped[i].reason << "\n";
        more(skipped.size());
    }

    const auto advice = warnings();
    out << "\n" << (advice.empty() ? "No problems found.\n" : "Warnings:\n");
    for (const auto& warning : advice)
        out << "  - " << warning << "\n";
    return out.str();
}

void to_json(nlohmann::json& json, const DatasetReport& report)
{
    nlohmann::json splits = nlohmann::json::array();
    for (const auto& split : report.splits) {
        nlohmann::json perGrade = nlohmann::json::object();
        for (int g = 0; g < kNumGrades; ++g)
            perGrade[std::to_string(g)] = split.counts[size_t(g)];
        splits.push_back({{"name", split.name},
                          {"counts", perGrade},
                          {"total", split.total},
                          {"patients", split.patients},
                          {"imbalanceRatio", std::isinf(split.imbalanceRatio) ? nlohmann::json(nullptr)
                                                                              : nlohmann::json(split.imbalanceRatio)}});
    }
    nlohmann::json unreadable = nlohmann::json::array();
    for (const auto& file : report.unreadable)
        unreadable.push_back({{"path", file.path}, {"split", file.split}, {"grade", file.grade}, {"reason", file.reason}});
    nlohmann::json duplicates = nlohmann::json::array();
    for (const auto& group : report.duplicates)
        duplicates.push_back({{"sha256", group.sha256},
                              {"paths", group.paths},
                              {"splits", group.splits},
                              {"grades", group.grades},
                              {"acrossSplits", group.acrossSplits},
                              {"conflictingGrades", group.conflictingGrades}});
    nlohmann::json leaked = nlohmann::json::array();
    for (const auto& leak : report.leakedPatients)
        leaked.push_back({{"patientId", leak.patientId}, {"splits", leak.splits}, {"paths", leak.paths}});
    nlohmann::json skipped = nlohmann::json::array();
    for (const auto& entry : report.skipped)
        skipped.push_back({{"path", entry.path}, {"reason", entry.reason}});
    nlohmann::json bitDepths = nlohmann::json::object();
    for (const auto& [bits, count] : report.bitDepths)
        bitDepths[std::to_string(bits)] = count;

    json = {{"root", report.root},
            {"valSplitFromTrain", report.valSplitFromTrain},
            {"seed", report.seed},
            {"valFraction", report.valFraction},
            {"splits", splits},
            {"imbalanceRatio", std::isinf(report.imbalanceRatio) ? nlohmann::json(nullptr) : nlohmann::json(report.imbalanceRatio)},
            {"unreadable", unreadable},
            {"duplicates", duplicates},
            {"leakedPatients", leaked},
            {"withoutPatientId", report.withoutPatientId},
            {"imageSizes", report.imageSizes},
            {"bitDepths", bitDepths},
            {"formats", report.formats},
            {"colour", report.colour},
            {"decodeWarnings", report.decodeWarnings},
            {"skipped", skipped},
            {"gradeFolders", report.gradeFolders},
            {"filesChecked", report.filesChecked},
            {"filesTotal", report.filesTotal},
            {"imagesDecoded", report.imagesDecoded},
            {"duplicatesChecked", report.duplicatesChecked},
            {"cancelled", report.cancelled},
            {"warnings", report.warnings()}};
}

void to_json(nlohmann::json& json, const ReportOptions& options)
{
    json = {{"decodeImages", options.decodeImages},
            {"findDuplicates", options.findDuplicates},
            {"threads", options.threads},
            {"imbalanceWarning", options.imbalanceWarning}};
}

void from_json(const nlohmann::json& json, ReportOptions& options)
{
    const ReportOptions defaults;
    options.decodeImages = json.value("decodeImages", defaults.decodeImages);
    options.findDuplicates = json.value("findDuplicates", defaults.findDuplicates);
    options.threads = json.value("threads", defaults.threads);
    options.imbalanceWarning = json.value("imbalanceWarning", defaults.imbalanceWarning);
}

} // namespace kg
