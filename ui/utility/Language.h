#pragma once
// The user-interface language: the QSettings key "ui/language" ("system", "en", "de", "es")
// and the translators that carry it out. The .qm files are compiled into kneegrade_ui (":/i18n").
#include <QString>
#include <QStringList>

class QSettings;

namespace kg::ui {

inline constexpr const char* kLanguageSettingsKey = "ui/language";

/// "system", then every language with a translation: "en", "de", "es".
QStringList availableLanguages();
/// The language's own name ("Deutsch", "Español"); "system" reads "System default" (translated).
QString languageDisplayName(const QString& code);
/// The setting, "system" when unset or unknown.
QString languageSetting(const QSettings& settings);
/// The language that `setting` resolves to: the system locale's when it is "system" and
/// KneeGrade has a translation for it, English otherwise.
QString resolvedLanguage(const QString& setting);
/// The short name of a Kellgren–Lawrence grade in the interface language ("Doubtful",
/// "fraglich", "dudosa"); core's gradeName() stays English (folder names, CSV, the CLI).
QString gradeDisplayName(int grade);
/// "KL2 gering": the grade's number and name, as core's gradeLabel() but translated.
QString gradeDisplayLabel(int grade);
/// The grade's short radiographic description ("definite osteophytes, possible narrowing"), translated.
QString gradeDisplayDescription(int grade);
/// Replaces the translators this function installed before (KneeGrade's and Qt's own) by those
/// of `setting`. Widgets built before keep their texts: the app applies it at start-up.
/// Returns the language installed ("en", "de", "es").
QString installTranslators(const QString& setting);

} // namespace kg::ui
