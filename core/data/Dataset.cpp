#include "core/data/Dataset.h"

#include <cctype>

namespace kg {
namespace {

bool isSideChar(char c) { return c == 'L' || c == 'R' || c == 'l' || c == 'r'; }
bool isSeparator(char c) { return c == '_' || c == '-' || c == ' ' || c == '.'; }
bool isDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool isLetter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
char upperSide(char c) { return char(std::toupper(static_cast<unsigned char>(c))); }

} // namespace

std::string splitName(Split split)
{
    switch (split) {
    case Split::Train: return "train";
    case Split::Val: return "val";
    case Split::Test: return "test";
    case Split::AutoTest: return "auto_test";
    }
    return "?";
}

PatientKey parsePatientFromFileName(const std::string& fileName)
{
    std::string stem = fileName;
    if (const auto slash = stem.find_last_of("/\\"); slash != std::string::npos)
        stem.erase(0, slash + 1);
    if (const auto dot = stem.find_last_of('.'); dot != std::string::npos && dot > 0)
        stem.erase(dot);

    // The real dataset: a numeric patient id (OAI ids have 7 digits) followed by the side.
    size_t digits = 0;
    while (digits < stem.size() && isDigit(stem[digits]))
        ++digits;
    if (digits >= 4) {
        PatientKey key{stem.substr(0, digits), '?'};
        size_t pos = digits;
        if (pos < stem.size() && isSeparator(stem[pos]))
            ++pos;
        if (pos < stem.size() && isSideChar(stem[pos]) && (pos + 1 == stem.size() || !isLetter(stem[pos + 1])))
            key.side = upperSide(stem[pos]);
        return key;
    }

    // Other naming schemes: "<id containing a digit>[_-]L|R", e.g. "case12_R", "p7L".
    if (stem.size() >= 2 && isSideChar(stem.back())) {
        std::string base = stem.substr(0, stem.size() - 1);
        const bool separated = isSeparator(base.back());
        if (separated)
            base.pop_back();
        bool hasDigit = false;
        for (char c : base)
            hasDigit = hasDigit || isDigit(c);
        if (!base.empty() && hasDigit && (separated || isDigit(base.back())))
            return {base, upperSide(stem.back())};
    }
    return {};
}

std::vector<DatasetItem>& DatasetSplits::items(Split split)
{
    switch (split) {
    case Split::Train: return train;
    case Split::Val: return val;
    case Split::Test: return test;
    case Split::AutoTest: return autoTest;
    }
    return train;
}

const std::vector<DatasetItem>& DatasetSplits::items(Split split) const
{
    return const_cast<DatasetSplits*>(this)->items(split);
}

} // namespace kg
