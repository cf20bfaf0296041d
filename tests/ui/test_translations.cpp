// The interface in German and in Spanish: with the language's translators installed (as the app
// does at start-up from Preferences' "ui/language"), a new MainWindow names its workspaces, its
// menus and the Kellgren–Lawrence grades in that language; the Preferences dialog stores the choice.
#include "UiTestSupport.h"

#include "ui/MainWindow.h"
#include "ui/Workspace.h"
#include "ui/dialogs/HelpDialogs.h"
#include "ui/dialogs/PreferencesDialog.h"
#include "ui/utility/Language.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace kg::ui;

namespace {

struct Expected {
    QString language;
    QStringList workspaces; // Dataset, Train, Evaluate, Predict
    QStringList gradeNames; // KL0 … KL4 as the interface names them
    QStringList helpNames;  // the headings of Help ▸ Kellgren–Lawrence grades
    QString fileMenu;
    QString architecture; // an item of Train's architecture box (a QT_TRANSLATE_NOOP table)
    QString preset;       // an item of Train's preset box (core's presets, named by the ui)
    QString description;  // KL2's short description (the Predict result panel)
};

QStringList actionTexts(const QWidget& window)
{
    QStringList texts;
    for (const QAction* action : window.findChildren<QAction*>())
        texts << action->text();
    return texts;
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void systemDefaultFallsBackToEnglish();
    void preferencesStoreTheLanguage();
    void germanThenSpanish();

private:
    void checkLanguage(const Expected& expected);
    kg::RuntimeInfo runtime_;
};

void TestTranslations::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    runtime_ = kgtest::testRuntime();
}

void TestTranslations::cleanupTestCase()
{
    installTranslators(QStringLiteral("en"));
}

void TestTranslations::systemDefaultFallsBackToEnglish()
{
    QLocale::setDefault(QLocale(QLocale::Japanese, QLocale::Japan));
    QCOMPARE(resolvedLanguage(QStringLiteral("system")), QStringLiteral("en"));
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Austria));
    QCOMPARE(resolvedLanguage(QStringLiteral("system")), QStringLiteral("de"));
    QLocale::setDefault(QLocale(QLocale::Spanish, QLocale::Mexico));
    QCOMPARE(resolvedLanguage(QStringLiteral("system")), QStringLiteral("es"));
    QCOMPARE(resolvedLanguage(QStringLiteral("de")), QStringLiteral("de"));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QCOMPARE(installTranslators(QStringLiteral("system")), QStringLiteral("en"));
    QCOMPARE(gradeDisplayName(1), QStringLiteral("Doubtful"));
}

void TestTranslations::preferencesStoreTheLanguage()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    QCOMPARE(languageSetting(settings), QStringLiteral("system"));
    {
        PreferencesDialog dialog(&settings);
        QComboBox* box = dialog.languageBox();
        QCOMPARE(box->count(), 4);
        QVERIFY(box->itemText(box->findData(QStringLiteral("de"))) == QStringLiteral("Deutsch"));
        box->setCurrentIndex(box->findData(QStringLiteral("es")));
        dialog.accept();
    }
    QCOMPARE(settings.value(QStringLiteral("ui/language")).toString(), QStringLiteral("es"));
    QCOMPARE(languageSetting(settings), QStringLiteral("es"));
    settings.setValue(QStringLiteral("ui/language"), QStringLiteral("klingon"));
    QCOMPARE(languageSetting(settings), QStringLiteral("system"));
}

void TestTranslations::checkLanguage(const Expected& expected)
{
    QCOMPARE(installTranslators(expected.language), expected.language);
    MainWindow window(runtime_, nullptr);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QStringList titles;
    for (const Workspace* workspace : window.findChildren<Workspace*>())
        titles << workspace->title();
    for (const QString& title : expected.workspaces)
        QVERIFY2(titles.contains(title), qPrintable(title + QStringLiteral(" not in ") + titles.join(QLatin1Char(','))));
    const QStringList actions = actionTexts(window);
    for (const QString& title : expected.workspaces)
        QVERIFY2(actions.contains(title), qPrintable(title));
    QVERIFY2(window.findChildren<QMenu*>().size() > 0, "menus");
    bool fileMenu = false;
    for (const QMenu* menu : window.findChildren<QMenu*>())
        fileMenu = fileMenu || menu->title() == expected.fileMenu;
    QVERIFY2(fileMenu, qPrintable(expected.fileMenu));
    QVERIFY(!actions.contains(QStringLiteral("&Quit")));

    for (int grade = 0; grade < 5; ++grade) {
        QCOMPARE(gradeDisplayName(grade), expected.gradeNames.at(grade));
        QCOMPARE(gradeDisplayLabel(grade), QStringLiteral("KL%1 %2").arg(grade).arg(expected.gradeNames.at(grade)));
    }
    QCOMPARE(gradeDisplayDescription(2), expected.description);
    bool architecture = false;
    for (const QComboBox* box : window.findChildren<QComboBox*>())
        architecture = architecture || box->findText(expected.architecture) >= 0;
    QVERIFY2(architecture, qPrintable(expected.architecture));
    bool preset = false;
    for (const QComboBox* box : window.findChildren<QComboBox*>())
        preset = preset || box->findText(expected.preset) >= 0;
    QVERIFY2(preset, qPrintable(expected.preset));

    window.findChild<QAction*>(QStringLiteral("helpKlGrades"))->trigger();
    auto* dialog = window.findChild<KlGradesDialog*>();
    QVERIFY(dialog);
    for (int grade = 0; grade < 5; ++grade) {
        auto* text = dialog->findChild<QLabel*>(QStringLiteral("klGrade%1").arg(grade));
        QVERIFY2(text && text->text().contains(expected.helpNames.at(grade)), qPrintable(expected.helpNames.at(grade)));
    }
}

void TestTranslations::germanThenSpanish()
{
    checkLanguage({QStringLiteral("de"),
                   {QStringLiteral("Datensatz"), QStringLiteral("Trainieren"), QStringLiteral("Evaluieren"),
                    QStringLiteral("Vorhersagen")},
                   {QStringLiteral("keine Arthrose"), QStringLiteral("fraglich"), QStringLiteral("gering"),
                    QStringLiteral("mäßig"), QStringLiteral("schwer")},
                   {QStringLiteral("Keine"), QStringLiteral("Fraglich"), QStringLiteral("Gering"), QStringLiteral("Mäßig"),
                    QStringLiteral("Schwer")},
                   QStringLiteral("&Datei"), QStringLiteral("ResNetV2 klein (schnell auf der CPU)"), QStringLiteral("CPU-Schnelltest"),
                   QStringLiteral("eindeutige Osteophyten, mögliche Gelenkspaltverschmälerung")});
    checkLanguage({QStringLiteral("es"),
                   {QStringLiteral("Conjunto de datos"), QStringLiteral("Entrenar"), QStringLiteral("Evaluar"),
                    QStringLiteral("Predecir")},
                   {QStringLiteral("ninguna"), QStringLiteral("dudosa"), QStringLiteral("mínima"), QStringLiteral("moderada"),
                    QStringLiteral("grave")},
                   {QStringLiteral("Ninguna"), QStringLiteral("Dudosa"), QStringLiteral("Mínima"), QStringLiteral("Moderada"),
                    QStringLiteral("Grave")},
                   QStringLiteral("&Archivo"), QStringLiteral("ResNetV2 pequeña (rápida en CPU)"), QStringLiteral("Vistazo rápido en CPU"),
                   QStringLiteral("osteofitos definidos, posible estrechamiento")});
}

QTEST_MAIN(TestTranslations)
#include "test_translations.moc"
