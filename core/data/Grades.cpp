#include "core/data/Grades.h"

#include "core/data/Dataset.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace kg {
namespace {

const std::array<const char*, kNumGrades> kNames = {"Healthy", "Doubtful", "Minimal", "Moderate", "Severe"};
const std::array<const char*, kNumGrades> kDescriptions = {
    "no radiographic features of osteoarthritis",
    "doubtful joint narrowing, possible osteophytic lipping",
    "definite osteophytes, possible narrowing",
    "multiple osteophytes, definite narrowing, mild sclerosis",
    "large osteophytes, marked narrowing, severe sclerosis",
};

std::string lowered(const std::string& text)
{
    std::string out = text;
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return out;
}

int gradeFromWord(const std::string& word)
{
    // "Mild" is how several public copies of the dataset name KL2.
    static const std::array<std::pair<const char*, int>, 7> words = {{{"healthy", 0}, {"normal", 0}, {"doubtful", 1},
        {"minimal", 2}, {"mild", 2}, {"moderate", 3}, {"severe", 4}}};
    for (const auto& [text, grade] : words)
        if (word == text)
            return grade;
    return -1;
}

bool isSeparator(char c) { return c == ' ' || c == '_' || c == '-' || c == '.'; }

} // namespace

std::string gradeName(int grade) { return grade >= 0 && grade < kNumGrades ? kNames[size_t(grade)] : "Unknown"; }

std::string gradeDescription(int grade)
{
    return grade >= 0 && grade < kNumGrades ? kDescriptions[size_t(grade)] : "not a Kellgren–Lawrence grade";
}

std::string gradeLabel(int grade)
{
    return grade >= 0 && grade < kNumGrades ? "KL" + std::to_string(grade) + " " + kNames[size_t(grade)] : "unlabelled";
}

int gradeFromFolderName(const std::string& name)
{
    std::string text = lowered(name);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.pop_back();
    if (text.empty())
        return -1;
    if (const int byWord = gradeFromWord(text); byWord >= 0)
        return byWord;

    // Optional "kl" / "grade" prefix, optional separator, one digit, optional separator + name.
    size_t pos = 0;
    for (const char* prefix : {"kl", "grade"}) {
        const std::string p(prefix);
        if (text.compare(0, p.size(), p) == 0) {
            pos = p.size();
            break;
        }
    }
    while (pos < text.size() && isSeparator(text[pos]))
        ++pos;
    if (pos >= text.size() || text[pos] < '0' || text[pos] > '4')
        return -1;
    const int grade = text[pos] - '0';
    ++pos;
    if (pos == text.size())
        return grade;
    if (std::isdigit(static_cast<unsigned char>(text[pos])))
        return -1; // "10", "2019": not a grade
    while (pos < text.size() && isSeparator(text[pos]))
        ++pos;
    return gradeFromWord(text.substr(pos)) == grade ? grade : -1;
}

} // namespace kg
