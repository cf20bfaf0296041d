// Writing phantoms to disk: a dataset folder in the real dataset's layout (split planning,
// patients with one or two knees, rendering in parallel, the phantoms.json manifest) and
// the one-page contact sheet.
#include "core/data/Phantom.h"

#include "core/data/Dataset.h"
#include "core/data/DeterministicRandom.h"
#include "core/data/ParallelTasks.h"
#include "core/util/Error.h"

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

namespace kg {

void to_json(nlohmann::json& json, const PhantomOptions& options)
{
    json = nlohmann::json{{"per_grade", options.perGrade},
                          {"image_size", options.imageSize},
                          {"seed", options.seed},
                          {"splits", {{"train", options.splits[0]}, {"val", options.splits[1]}, {"test", options.splits[2]}}},
                          {"real_balance", options.realBalance},
                          {"bilateral_fraction", options.bilateralFraction},
                          {"ambiguity", options.ambiguity},
                          {"nuisance", options.nuisance}};
}

void from_json(const nlohmann::json& json, PhantomOptions& options)
{
    const PhantomOptions defaults;
    options.perGrade = json.value("per_grade", defaults.perGrade);
    options.imageSize = json.value("image_size", defaults.imageSize);
    options.seed = json.value("seed", defaults.seed);
    if (json.contains("splits")) {
        const auto& splits = json.at("splits");
        options.splits = {splits.value("train", 0.7), splits.value("val", 0.1), splits.value("test", 0.2)};
    }
    options.realBalance = json.value("real_balance", defaults.realBalance);
    options.bilateralFraction = json.value("bilateral_fraction", defaults.bilateralFraction);
    options.ambiguity = json.value("ambiguity", defaults.ambiguity);
    options.nuisance = json.value("nuisance", defaults.nuisance);
}

namespace {

namespace fs = std::filesystem;

struct PlannedKnee {
    int split = 0, grade = 0;
    char side = 'R';
    int patient = 0;
    std::string id;
    std::uint64_t seed = 0, patientSeed = 0;
    std::string relativePath;
};

/// Splits `total` into parts proportional to `weights` (largest remainder, sums exactly).
std::array<int, 3> apportion(int total, const std::array<double, 3>& weights)
{
    const double sum = weights[0] + weights[1] + weights[2];
    std::array<int, 3> parts{};
    std::array<double, 3> remainder{};
    int used = 0;
    for (size_t i = 0; i < 3; ++i) {
        const double exact = total * weights[i] / sum;
        parts[i] = static_cast<int>(std::floor(exact));
        remainder[i] = exact - parts[i];
        used += parts[i];
    }
    while (used < total) {
        const size_t best = static_cast<size_t>(std::max_element(remainder.begin(), remainder.end()) - remainder.begin());
        ++parts[best];
        remainder[best] = -1.0;
        ++used;
    }
    return parts;
}

std::vector<PlannedKnee> planDataset(const PhantomOptions& options, int& patients)
{
    static constexpr std::array<double, 5> kRealShare{39.6, 18.1, 26.2, 13.1, 3.0};
    DeterministicRandom random(combineSeeds({options.seed, 0x91A4ull}));
    std::vector<PlannedKnee> knees;
    std::array<std::vector<int>, 3> gradesPerSplit;
    for (int grade = 0; grade < 5; ++grade) {
        int count = options.perGrade;
        if (options.realBalance)
            count = std::max(1, static_cast<int>(std::lround(options.perGrade * kRealShare[static_cast<size_t>(grade)] / kRealShare[0])));
        const auto parts = apportion(count, options.splits);
        for (size_t split = 0; split < 3; ++split)
            gradesPerSplit[split].insert(gradesPerSplit[split].end(), static_cast<size_t>(parts[split]), grade);
    }

    std::set<int> usedIds;
    auto newId = [&] {
        for (;;) {
            const int id = 9000000 + static_cast<int>(random.below(1000000));
            if (usedIds.insert(id).second)
                return std::to_string(id);
        }
    };
    patients = 0;
    for (int split = 0; split < 3; ++split) {
        auto& grades = gradesPerSplit[static_cast<size_t>(split)];
        for (size_t i = grades.size(); i > 1; --i)
            std::swap(grades[i - 1], grades[static_cast<size_t>(random.below(i))]);
        // Consecutive knees of the shuffled list become the two knees of one patient.
        for (size_t i = 0; i < grades.size();) {
            const bool bilateral = i + 1 < grades.size() && random.chance(options.bilateralFraction / (2.0 - options.bilateralFraction));
            const std::string id = newId();
            const std::uint64_t patientSeed = combineSeeds({options.seed, 0x9A71ull, static_cast<std::uint64_t>(patients)});
            const char firstSide = random.chance(0.5) ? 'L' : 'R';
            for (int knee = 0; knee < (bilateral ? 2 : 1); ++knee, ++i) {
                PlannedKnee plan;
                plan.split = split;
                plan.grade = grades[i];
                plan.side = knee == 0 ? firstSide : (firstSide == 'L' ? 'R' : 'L');
                plan.patient = patients;
                plan.id = id;
                plan.patientSeed = patientSeed;
                plan.seed = combineSeeds({options.seed, 0x4EE5ull, static_cast<std::uint64_t>(knees.size())});
                plan.relativePath = std::string(splitName(static_cast<Split>(split))) + "/" + std::to_string(plan.grade) + "/" + id + plan.side + ".png";
                knees.push_back(plan);
            }
            ++patients;
        }
    }
    return knees;
}

/// Fixed compression keeps files byte-identical across runs; 3 is fast, 9 is small.
void writeGrayPng(const std::string& path, const cv::Mat& image, int compression = 3)
{
    const std::vector<int> params{cv::IMWRITE_PNG_COMPRESSION, compression};
    bool ok = false;
    try {
        ok = cv::imwrite(path, image, params);
    } catch (const cv::Exception& e) {
        throw Error(path, std::string("cannot write PNG: ") + e.what());
    }
    if (!ok)
        throw Error(path, "cannot write PNG (is the folder writable?)");
}

} // namespace

PhantomSummary writePhantomDataset(const PhantomOptions& options, const PhantomProgress& progress)
{
    const auto started = std::chrono::steady_clock::now();
    if (options.outputDir.empty())
        throw Error("phantoms: no output folder given");
    if (options.perGrade < 1)
        throw Error("phantoms: --per-grade must be at least 1");
    if (options.splits[0] < 0 || options.splits[1] < 0 || options.splits[2] < 0 ||
        options.splits[0] + options.splits[1] + options.splits[2] <= 0)
        throw Error("phantoms: split fractions must be non-negative and not all zero");
    if (options.bilateralFraction < 0 || options.bilateralFraction > 1)
        throw Error("phantoms: bilateral fraction must be within 0..1");
    validatePhantomSpec({0, 'R', options.imageSize});

    const fs::path root(options.outputDir);
    std::error_code ec;
    for (int split = 0; split < 3; ++split) {
        const fs::path dir = root / splitName(static_cast<Split>(split));
        if (fs::exists(dir, ec) && !fs::is_empty(dir, ec)) {
            if (!options.overwrite)
                throw Error(dir.string(), "already exists and is not empty; choose another folder or overwrite");
            fs::remove_all(dir, ec);
            if (ec)
                throw Error(dir.string(), "cannot remove the old split folder: " + ec.message());
        }
    }

    PhantomSummary summary;
    const std::vector<PlannedKnee> knees = planDataset(options, summary.patients);
    for (int split = 0; split < 3; ++split)
        for (int grade = 0; grade < 5; ++grade) {
            fs::create_directories(root / splitName(static_cast<Split>(split)) / std::to_string(grade), ec);
            if (ec)
                throw Error((root / splitName(static_cast<Split>(split))).string(), "cannot create folder: " + ec.message());
        }

    const int total = static_cast<int>(knees.size());
    std::vector<nlohmann::json> truth(knees.size());
    const bool cancelled = detail::runParallelTasks(
        total, options.threads,
        [&](int i) {
            const PlannedKnee& plan = knees[static_cast<size_t>(i)];
            PhantomSpec spec;
            spec.grade = plan.grade;
            spec.side = plan.side;
            spec.imageSize = options.imageSize;
            spec.seed = plan.seed;
            spec.patientSeed = plan.patientSeed;
            spec.ambiguity = options.ambiguity;
            spec.nuisance = options.nuisance;
            PhantomImage image = renderPhantom(spec);
            writeGrayPng((root / plan.relativePath).string(),
                         cv::Mat(image.size, image.size, CV_8U, image.pixels.data()));
            truth[static_cast<size_t>(i)] = {{"file", plan.relativePath},
                                             {"grade", plan.grade},
                                             {"patient", plan.id},
                                             {"severity", std::round(image.severity * 1000) / 1000},
                                             {"medial_jsw_px", std::round(image.medialJointSpacePx * 100) / 100},
                                             {"lateral_jsw_px", std::round(image.lateralJointSpacePx * 100) / 100},
                                             {"osteophytes", image.osteophytes}};
        },
        progress);

    summary.cancelled = cancelled;
    for (size_t i = 0; i < knees.size(); ++i) {
        if (truth[i].is_null())
            continue;
        ++summary.counts[static_cast<size_t>(knees[i].split)][static_cast<size_t>(knees[i].grade)];
        ++summary.files;
    }
    if (progress && !summary.cancelled)
        progress(summary.files, total);

    nlohmann::json manifest;
    manifest["generator"] = "kneegrade synthetic knee phantoms";
    manifest["note"] = "Synthetic images for demos and tests; not radiographs of people.";
    manifest["options"] = options;
    manifest["complete"] = !summary.cancelled;
    nlohmann::json files = nlohmann::json::array();
    for (auto& entry : truth)
        if (!entry.is_null())
            files.push_back(std::move(entry));
    manifest["files"] = std::move(files);
    std::ofstream out(root / "phantoms.json");
    out << manifest.dump(1) << "\n";
    if (!out)
        throw Error((root / "phantoms.json").string(), "cannot write the dataset manifest");

    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary;
}

void writePhantomContactSheet(const std::string& path, int columns, int imageSize, std::uint64_t seed)
{
    static const char* const kGradeNames[] = {"Healthy", "Doubtful", "Minimal", "Moderate", "Severe"};
    if (columns < 1 || columns > 64)
        throw Error("contact sheet: columns must be within 1..64");
    const int gap = 4, label = 120;
    cv::Mat sheet(5 * imageSize + 6 * gap, label + columns * (imageSize + gap) + gap, CV_8U, cv::Scalar(24));
    for (int grade = 0; grade < 5; ++grade) {
        const int top = gap + grade * (imageSize + gap);
        cv::putText(sheet, "KL " + std::to_string(grade), {12, top + imageSize / 2 - 4}, cv::FONT_HERSHEY_SIMPLEX, 0.9,
                    cv::Scalar(235), 2, cv::LINE_AA);
        cv::putText(sheet, kGradeNames[grade], {12, top + imageSize / 2 + 24}, cv::FONT_HERSHEY_SIMPLEX, 0.6,
                    cv::Scalar(200), 1, cv::LINE_AA);
        for (int column = 0; column < columns; ++column) {
            PhantomSpec spec;
            spec.grade = grade;
            spec.side = column % 2 ? 'L' : 'R';
            spec.imageSize = imageSize;
            spec.seed = combineSeeds({seed, 0xC5EEull, static_cast<std::uint64_t>(grade), static_cast<std::uint64_t>(column)});
            spec.patientSeed = combineSeeds({seed, 0xC5EFull, static_cast<std::uint64_t>(grade), static_cast<std::uint64_t>(column)});
            PhantomImage image = renderPhantom(spec);
            cv::Mat(image.size, image.size, CV_8U, image.pixels.data())
                .copyTo(sheet(cv::Rect(label + gap + column * (imageSize + gap), top, imageSize, imageSize)));
        }
    }
    writeGrayPng(path, sheet, 9);
}

} // namespace kg
