#include "core/eval/ResultsCsv.h"

#include "core/data/Grades.h"
#include "core/util/AtomicFile.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <ostream>

namespace kg {
namespace {

/// Shortest text that reads back as the same double (17 significant digits at most).
std::string number(double value)
{
    if (!std::isfinite(value))
        return {};
    char text[32];
    for (int precision = 6; precision <= 17; ++precision) {
        std::snprintf(text, sizeof text, "%.*g", precision, value);
        if (std::strtod(text, nullptr) == value)
            break;
    }
    return text;
}

std::string nameOf(const std::vector<std::string>& names, int grade)
{
    return grade >= 0 && grade < static_cast<int>(names.size()) ? names[static_cast<size_t>(grade)] : std::string();
}

void probabilityHeader(std::ostream& out, const std::vector<std::string>& classNames)
{
    for (const auto& name : classNames)
        out << ',' << csvField("p_" + name);
}

/// `ood_score,out_of_distribution`: empty without a gate.
std::string oodColumns(double score, bool flagged)
{
    if (std::isnan(score))
        return ",";
    return number(score) + ',' + (flagged ? "1" : "0");
}

/// `roi,side,roi_source,localisation`.
std::string regionColumns(const Prediction& p)
{
    const std::string roi = p.region.empty() ? std::string() : formatJointRegion(p.region);
    const std::string side = p.region.side == '?' ? std::string() : std::string(1, p.region.side);
    return csvField(roi) + ',' + side + ',' + csvField(p.region.source) + ',' + csvField(p.localisation);
}

} // namespace

std::string csvField(const std::string& text)
{
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    return quoted + '"';
}

void writeEvaluationCsv(std::ostream& out, const std::vector<ImagePrediction>& predictions,
                        const std::vector<std::string>& classNames)
{
    out << "path,true_grade,true_name,predicted_grade,predicted_name,correct,confidence";
    probabilityHeader(out, classNames);
    out << ",ood_score,out_of_distribution\n";
    for (const auto& p : predictions) {
        out << csvField(p.path) << ',' << (p.trueGrade >= 0 ? std::to_string(p.trueGrade) : std::string()) << ','
            << csvField(nameOf(classNames, p.trueGrade)) << ',' << p.predictedGrade << ','
            << csvField(nameOf(classNames, p.predictedGrade)) << ','
            << (p.trueGrade >= 0 ? (p.correct() ? "1" : "0") : "") << ',' << number(p.confidence);
        for (size_t k = 0; k < classNames.size(); ++k)
            out << ',' << (k < p.probabilities.size() ? number(p.probabilities[k]) : std::string());
        out << ',' << oodColumns(p.oodScore, p.outOfDistribution) << "\n";
    }
}

int gradeOfParentFolder(const std::string& path)
{
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    return parent.empty() ? -1 : gradeFromFolderName(parent.filename().string());
}

void writePredictionsCsv(std::ostream& out, const std::vector<Prediction>& predictions,
                         const std::vector<std::string>& classNames, bool withTrueGrade)
{
    out << (withTrueGrade ? "path,true_grade," : "path,") << "status,grade,grade_name,confidence,normalised_entropy,low_confidence";
    probabilityHeader(out, classNames);
    out << ",gradcam_grade,error,warning,ood_score,out_of_distribution,roi,side,roi_source,localisation\n";
    for (const auto& p : predictions) {
        out << csvField(p.path) << ',';
        if (withTrueGrade) {
            const int grade = gradeOfParentFolder(p.path);
            out << (grade >= 0 ? std::to_string(grade) : std::string()) << ',';
        }
        if (!p.ok()) {
            out << "error,,,,,";
            for (size_t k = 0; k < classNames.size(); ++k)
                out << ',';
            out << ',' << csvField(p.error) << ",,,," << regionColumns(p) << "\n";
            continue;
        }
        out << "ok," << p.grade << ',' << csvField(p.gradeName) << ',' << number(p.confidence) << ','
            << number(p.normalisedEntropy) << ',' << (p.lowConfidence ? 1 : 0);
        for (size_t k = 0; k < classNames.size(); ++k)
            out << ',' << (k < p.probabilities.size() ? number(p.probabilities[k]) : std::string());
        std::string warnings = p.bodyPartWarning;
        for (const std::string& warning : p.fileWarnings)
            warnings += (warnings.empty() ? "" : "; ") + warning;
        out << ',' << (p.explainedGrade >= 0 ? std::to_string(p.explainedGrade) : std::string()) << ",,"
            << csvField(warnings) << ',' << oodColumns(p.oodScore, p.outOfDistribution) << ',' << regionColumns(p) << "\n";
    }
}

void writeCsvFile(const std::string& path, const std::function<void(std::ostream&)>& write)
{
    writeFileAtomically(path, write);
}

} // namespace kg
