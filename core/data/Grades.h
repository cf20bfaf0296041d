#pragma once
// Public (plain C++): Kellgren–Lawrence grade names, descriptions and the folder names a
// dataset may use for them. Pure functions, thread-safe.
#include <string>

namespace kg {

/// "Healthy", "Doubtful", "Minimal", "Moderate", "Severe"; "Unknown" outside 0..4.
std::string gradeName(int grade);
/// One line for the UI, e.g. "definite osteophytes, possible narrowing" for grade 2.
std::string gradeDescription(int grade);
/// "KL2 Minimal"; "unlabelled" outside 0..4.
std::string gradeLabel(int grade);

/// The grade a dataset folder name stands for, or -1 when it is not a grade folder.
/// Case-insensitive; accepts "0".."4", "KL0", "KL-2", "kl_3", "grade 1", "Grade4",
/// "Healthy"/"Normal", "Doubtful", "Minimal"/"Mild", "Moderate", "Severe", and a digit
/// joined to a name ("0Normal", "2_Minimal") when both agree.
int gradeFromFolderName(const std::string& name);

} // namespace kg
