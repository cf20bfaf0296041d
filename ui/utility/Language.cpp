#include "ui/utility/Language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

#include <iterator>
#include <memory>

namespace kg::ui {

QStringList availableLanguages()
{
    return {QStringLiteral("system"), QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("es")};
}

QString languageDisplayName(const QString& code)
{
    // Each language in its own words, so that someone who cannot read the current one finds theirs.
    if (code == QLatin1String("en"))
        return QStringLiteral("English");
    if (code == QLatin1String("de"))
        return QStringLiteral("Deutsch");
    if (code == QLatin1String("es"))
        return QStringLiteral("Español");
    return QCoreApplication::translate("Language", "System default (%1)")
        .arg(languageDisplayName(resolvedLanguage(QStringLiteral("system"))));
}

QString languageSetting(const QSettings& settings)
{
    const QString value = settings.value(QLatin1String(kLanguageSettingsKey), QStringLiteral("system")).toString();
    return availableLanguages().contains(value) ? value : QStringLiteral("system");
}

QString resolvedLanguage(const QString& setting)
{
    if (setting != QLatin1String("system") && availableLanguages().contains(setting))
        return setting;
    for (const QString& name : QLocale().uiLanguages()) {
        const QString code = name.section(QLatin1Char('-'), 0, 0).section(QLatin1Char('_'), 0, 0).toLower();
        if (code == QLatin1String("de") || code == QLatin1String("es") || code == QLatin1String("en"))
            return code;
    }
    return QStringLiteral("en");
}

QString gradeDisplayName(int grade)
{
    static const char* const names[] = {QT_TRANSLATE_NOOP("Grades", "Healthy"), QT_TRANSLATE_NOOP("Grades", "Doubtful"),
                                        QT_TRANSLATE_NOOP("Grades", "Minimal"), QT_TRANSLATE_NOOP("Grades", "Moderate"),
                                        QT_TRANSLATE_NOOP("Grades", "Severe")};
    if (grade < 0 || grade >= int(std::size(names)))
        return QStringLiteral("?");
    return QCoreApplication::translate("Grades", names[grade]);
}

QString gradeDisplayLabel(int grade)
{
    if (grade < 0 || grade > 4)
        return QCoreApplication::translate("Grades", "unlabelled");
    return QCoreApplication::translate("Grades", "KL%1 %2").arg(grade).arg(gradeDisplayName(grade));
}

QString gradeDisplayDescription(int grade)
{
    // core/data/Grades.cpp's descriptions, word for word.
    static const char* const descriptions[] = {
        QT_TRANSLATE_NOOP("Grades", "no radiographic features of osteoarthritis"),
        QT_TRANSLATE_NOOP("Grades", "doubtful joint narrowing, possible osteophytic lipping"),
        QT_TRANSLATE_NOOP("Grades", "definite osteophytes, possible narrowing"),
        QT_TRANSLATE_NOOP("Grades", "multiple osteophytes, definite narrowing, mild sclerosis"),
        QT_TRANSLATE_NOOP("Grades", "large osteophytes, marked narrowing, severe sclerosis")};
    if (grade < 0 || grade >= int(std::size(descriptions)))
        return QString();
    return QCoreApplication::translate("Grades", descriptions[grade]);
}

QString installTranslators(const QString& setting)
{
    static std::unique_ptr<QTranslator> own;
    static std::unique_ptr<QTranslator> qt;
    for (auto* old : {own.get(), qt.get()})
        if (old)
            QCoreApplication::removeTranslator(old);
    const QString language = resolvedLanguage(setting);

    qt = std::make_unique<QTranslator>();
    if (qt->load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt.get());
    // English is the source language, but its plural forms ("1 image", "3 images") come from
    // kneegrade_en: it is also the fallback for a language without a translation of its own.
    own = std::make_unique<QTranslator>();
    if (own->load(QStringLiteral(":/i18n/kneegrade_") + language) || own->load(QStringLiteral(":/i18n/kneegrade_en")))
        QCoreApplication::installTranslator(own.get());
    return language;
}

} // namespace kg::ui
