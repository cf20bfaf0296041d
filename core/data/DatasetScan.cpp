#include "core/data/DatasetScan.h"

#include "core/data/Grades.h"
#include "core/util/Error.h"
#include "core/util/Hash.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <thread>

namespace fs = std::filesystem;

namespace kg {
namespace {

std::string lowered(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return text;
}

std::optional<Split> splitFromFolderName(const std::string& name)
{
    const std::string text = lowered(name);
    if (text == "train" || text == "training")
        return Split::Train;
    if (text == "val" || text == "valid" || text == "validation")
        return Split::Val;
    if (text == "test" || text == "testing")
        return Split::Test;
    if (text == "auto_test" || text == "autotest" || text == "auto-test")
        return Split::AutoTest;
    return std::nullopt;
}

/// Extensions the decoder reads; DICOM files often have no extension at all.
bool isImageFileName(const std::string& name, std::string* extension)
{
    const auto dot = name.find_last_of('.');
    if (dot == std::string::npos || dot == 0) {
        extension->clear();
        return true;
    }
    *extension = lowered(name.substr(dot + 1));
    static const std::array<const char*, 9> known = {"png", "jpg", "jpeg", "bmp", "tif", "tiff", "dcm", "dicom", "dic"};
    return std::any_of(known.begin(), known.end(), [&](const char* e) { return *extension == e; });
}

void scanGradeFolder(const fs::path& folder, int grade, std::vector<DatasetItem>& items, std::vector<SkippedPath>& skipped)
{
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::directory_entry& entry = *it;
        std::string name = entry.path().filename().string();
        std::error_code typeError;
        if (entry.is_directory(typeError)) {
            skipped.push_back({entry.path().string(), "a folder inside a grade folder; its files are not used"});
            continue;
        }
        if (!entry.is_regular_file(typeError)) {
            skipped.push_back({entry.path().string(), "not a regular file (broken link or special file)"});
            continue;
        }
        if (name[0] == '.') {
            skipped.push_back({entry.path().string(), "hidden file"});
            continue;
        }
        std::string extension;
        if (!isImageFileName(name, &extension)) {
            skipped.push_back({entry.path().string(), "not an image file (extension ." + extension + ")"});
            continue;
        }
        const PatientKey key = parsePatientFromFileName(name);
        items.push_back(DatasetItem{entry.path().string(), grade, key.patientId, key.side});
    }
    if (ec)
        skipped.push_back({folder.string(), "cannot list the folder: " + ec.message()});
}

void sortItems(std::vector<DatasetItem>& items)
{
    std::sort(items.begin(), items.end(), [](const DatasetItem& a, const DatasetItem& b) {
        return a.grade != b.grade ? a.grade < b.grade : a.path < b.path;
    });
}

void hashAll(DatasetSplits& splits)
{
    std::vector<const DatasetItem*> all;
    for (int s = 0; s < kNumSplits; ++s)
        for (const auto& item : splits.items(Split(s)))
            all.push_back(&item);
    std::vector<std::string> hashes(all.size());
    std::atomic<size_t> next{0};
    auto work = [&] {
        for (size_t i = next++; i < all.size(); i = next++) {
            try {
                hashes[i] = sha256FileHex(all[i]->path);
            } catch (const std::exception&) {
                // Unreadable files are the report's business; they simply get no hash.
            }
        }
    };
    const unsigned threads = std::max(1u, std::min(std::thread::hardware_concurrency(), 8u));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t)
        pool.emplace_back(work);
    work();
    for (auto& thread : pool)
        thread.join();
    for (size_t i = 0; i < all.size(); ++i)
        if (!hashes[i].empty())
            splits.contentHashes.emplace(all[i]->path, std::move(hashes[i]));
}

} // namespace

std::pair<std::vector<DatasetItem>, std::vector<DatasetItem>> splitByPatient(
    const std::vector<DatasetItem>& items, double fraction, std::uint64_t seed)
{
    if (!(fraction >= 0.0 && fraction < 1.0))
        throw Error("validation fraction must be in [0, 1), got " + std::to_string(fraction));

    // Groups in a fixed (sorted) order so that the seed alone decides the split.
    struct Group {
        std::vector<size_t> members;
        std::array<int, kNumGrades> counts{};
    };
    std::map<std::string, Group> byKey;
    std::array<int, kNumGrades> totals{};
    for (size_t i = 0; i < items.size(); ++i) {
        const DatasetItem& item = items[i];
        Group& group = byKey[item.patientId.empty() ? "\x01" + item.path : item.patientId];
        group.members.push_back(i);
        if (item.grade >= 0 && item.grade < kNumGrades) {
            ++group.counts[size_t(item.grade)];
            ++totals[size_t(item.grade)];
        }
    }
    std::vector<const Group*> groups;
    for (const auto& entry : byKey)
        groups.push_back(&entry.second);

    // Fisher–Yates with mt19937_64 (its output is fixed by the standard; std::shuffle is not).
    std::mt19937_64 rng(seed);
    for (size_t i = groups.size(); i > 1; --i)
        std::swap(groups[i - 1], groups[size_t(rng() % i)]);

    std::array<double, kNumGrades> target{};
    for (int g = 0; g < kNumGrades; ++g)
        target[size_t(g)] = std::round(fraction * totals[size_t(g)]);

    // Greedy: take a patient when it brings the held-out counts closer to the per-grade
    // targets (squared error), so grades stay stratified and patients stay whole.
    std::array<int, kNumGrades> held{};
    std::vector<char> heldOut(items.size(), 0);
    for (const Group* group : groups) {
        double before = 0.0, after = 0.0;
        for (int g = 0; g < kNumGrades; ++g) {
            const double now = held[size_t(g)] - target[size_t(g)];
            const double then = now + group->counts[size_t(g)];
            before += now * now;
            after += then * then;
        }
        if (after < before) {
            for (int g = 0; g < kNumGrades; ++g)
                held[size_t(g)] += group->counts[size_t(g)];
            for (size_t member : group->members)
                heldOut[member] = 1;
        }
    }

    std::pair<std::vector<DatasetItem>, std::vector<DatasetItem>> result;
    for (size_t i = 0; i < items.size(); ++i)
        (heldOut[i] ? result.second : result.first).push_back(items[i]);
    return result;
}

DatasetSplits scanDataset(const std::string& root, const ScanOptions& options)
{
    std::error_code ec;
    fs::path rootPath = fs::absolute(fs::path(root), ec).lexically_normal();
    if (ec)
        throw Error(root, "cannot resolve the path: " + ec.message());
    if (!rootPath.has_filename() && rootPath.has_parent_path() && rootPath != rootPath.root_path())
        rootPath = rootPath.parent_path();  // drop the trailing separator
    const fs::file_status status = fs::status(rootPath, ec);
    if (!fs::exists(status))
        throw Error(root, "dataset folder does not exist");
    if (!fs::is_directory(status))
        throw Error(root, "is a file; a dataset is a folder with train/, val/ and test/ sub-folders");

    DatasetSplits splits;
    splits.root = rootPath.string();
    splits.seed = options.seed;

    std::map<Split, fs::path> splitDirs;
    int gradeFoldersAtRoot = 0;
    std::vector<fs::directory_entry> rootEntries;
    for (fs::directory_iterator it(rootPath, ec), end; !ec && it != end; it.increment(ec))
        rootEntries.push_back(*it);
    if (ec)
        throw Error(root, "cannot list the folder: " + ec.message());
    std::sort(rootEntries.begin(), rootEntries.end(),
              [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
    for (const auto& entry : rootEntries) {
        std::error_code typeError;
        if (!entry.is_directory(typeError))
            continue;
        const std::string name = entry.path().filename().string();
        const std::optional<Split> split = splitFromFolderName(name);
        if (!split) {
            if (gradeFromFolderName(name) >= 0)
                ++gradeFoldersAtRoot;
            if (name[0] != '.')
                splits.skipped.push_back({entry.path().string(), "not a split folder (expected train, val, test or auto_test)"});
            continue;
        }
        if (splitDirs.count(*split)) {
            splits.skipped.push_back({entry.path().string(), "a second " + splitName(*split) + " folder; using '" +
                                                                 splitDirs[*split].filename().string() + "'"});
            continue;
        }
        splitDirs[*split] = entry.path();
        splits.splitFolders[*split] = name;
    }
    if (splitDirs.empty()) {
        std::string message = "not a dataset: expected the split folders train/, val/ and test/ (auto_test/ optional), "
                              "each with one folder per grade (0..4 or Healthy, Doubtful, Minimal, Moderate, Severe)";
        if (gradeFoldersAtRoot > 0)
            message += "; this folder holds grade folders itself: move them into train/ (and test/)";
        throw Error(root, message);
    }

    for (const auto& [split, dir] : splitDirs) {
        std::vector<DatasetItem>& items = splits.items(split);
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
            const fs::directory_entry& entry = *it;
            const std::string name = entry.path().filename().string();
            std::error_code typeError;
            if (!entry.is_directory(typeError)) {
                if (name[0] != '.')
                    splits.skipped.push_back({entry.path().string(), "a file outside the grade folders; it has no grade"});
                continue;
            }
            const int grade = gradeFromFolderName(name);
            if (grade < 0) {
                if (name[0] != '.')
                    splits.skipped.push_back({entry.path().string(), "not a grade folder (expected 0..4, KL0..KL4 or a grade name)"});
                continue;
            }
            splits.gradeFolders[name] = grade;
            scanGradeFolder(entry.path(), grade, items, splits.skipped);
        }
        if (ec)
            splits.skipped.push_back({dir.string(), "cannot list the folder: " + ec.message()});
        sortItems(items);
    }

    if (!splitDirs.count(Split::Val) && !splits.train.empty()) {
        auto [kept, heldOut] = splitByPatient(splits.train, options.valFraction, options.seed);
        splits.train = std::move(kept);
        splits.val = std::move(heldOut);
        splits.valSplitFromTrain = true;
        splits.valFraction = options.valFraction;
    }
    std::sort(splits.skipped.begin(), splits.skipped.end(),
              [](const SkippedPath& a, const SkippedPath& b) { return a.path < b.path; });
    if (options.hashContents)
        hashAll(splits);
    return splits;
}

void to_json(nlohmann::json& json, const ScanOptions& options)
{
    json = {{"seed", options.seed}, {"valFraction", options.valFraction}, {"hashContents", options.hashContents}};
}

void from_json(const nlohmann::json& json, ScanOptions& options)
{
    const ScanOptions defaults;
    options.seed = json.value("seed", defaults.seed);
    options.valFraction = json.value("valFraction", defaults.valFraction);
    options.hashContents = json.value("hashContents", defaults.hashContents);
}

} // namespace kg
