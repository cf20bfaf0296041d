#pragma once
#include <QString>

namespace kg::ui {

/// Where the application keeps its data (training runs) and its cache (the demo dataset):
/// the platform's data and cache folders plus "KneeGrade" once, e.g. ~/.local/share/KneeGrade
/// on Linux. Qt's AppLocalDataLocation repeats the name when organisation and application are
/// both "KneeGrade" (~/.local/share/KneeGrade/KneeGrade); a folder that already exists at
/// that older place is used on, so nothing saved there goes missing.
QString appDataDirectory();
QString appCacheDirectory();

} // namespace kg::ui
