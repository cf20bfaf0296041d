// The application window: it shows the versions and the device it will train on, switches
// workspaces with the standard shortcuts, keeps recent datasets in QSettings, and the About
// dialog lists the versions of KneeGrade, Qt, LibTorch and OpenCV. After a restart the last
// dataset and checkpoint are open again; file dialogs start where the last one of their kind
// was used; the Help pages (Getting started, Kellgren–Lawrence grades) open.
#include "UiTestSupport.h"

#include "ui/MainWindow.h"
#include "ui/Session.h"
#include "ui/Workspace.h"
#include "ui/dialogs/AboutDialog.h"
#include "ui/dialogs/HelpDialogs.h"
#include "ui/utility/DialogFolders.h"
#include "ui/widgets/MessageBar.h"
#include "ui/workspaces/DatasetWorkspace.h"
#include "ui/workspaces/PredictWorkspace.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace kg::ui;

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void showsVersionsAndDevice();
    void shortcutsSwitchWorkspaces_data();
    void shortcutsSwitchWorkspaces();
    void aboutListsVersions();
    void recentDatasetsAndLayoutPersist();
    void restartRestoresDatasetAndCheckpoint();
    void restartWithMissingFilesLeavesANote();
    void dialogStartFolderIsTheLastUsed();
    void gettingStartedShowsTheFourWorkspaces();
    void klGradesWithoutDataset();
    void klGradesShowExamplesFromTheDataset();

private:
    QTemporaryDir temp_;
    kg::RuntimeInfo runtime_;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(temp_.isValid());
    runtime_ = kgtest::testRuntime();
}

void TestMainWindow::showsVersionsAndDevice()
{
    MainWindow window(runtime_, nullptr);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* device = window.findChild<QLabel*>(QStringLiteral("deviceLabel"));
    QVERIFY(device && device->isVisible());
    QVERIFY(device->text().contains(QString::fromStdString(runtime_.deviceName)));
    QVERIFY(device->text().contains(QString::fromStdString(runtime_.torchVersion)));
    QVERIFY(device->text().contains(QString::fromStdString(runtime_.kneegradeVersion)));
    // The welcome page says the same in words.
    auto* welcome = window.findChild<QLabel*>(QStringLiteral("welcomeRuntime"));
    QVERIFY(welcome && welcome->isVisible());
    QVERIFY(welcome->text().contains(QString::fromStdString(runtime_.deviceName)));
}

void TestMainWindow::shortcutsSwitchWorkspaces_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<QString>("workspace");
    QTest::newRow("Ctrl+2") << int(Qt::Key_2) << QStringLiteral("train");
    QTest::newRow("Ctrl+3") << int(Qt::Key_3) << QStringLiteral("evaluate");
    QTest::newRow("Ctrl+4") << int(Qt::Key_4) << QStringLiteral("predict");
    QTest::newRow("Ctrl+1") << int(Qt::Key_1) << QStringLiteral("dataset");
}

void TestMainWindow::shortcutsSwitchWorkspaces()
{
    QFETCH(int, key);
    QFETCH(QString, workspace);
    MainWindow window(runtime_, nullptr);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    if (workspace == QLatin1String("dataset"))
        window.showWorkspace(QStringLiteral("predict"));
    QTest::keyClick(&window, static_cast<Qt::Key>(key), Qt::ControlModifier);
    QCOMPARE(window.currentWorkspace()->id(), workspace);
}

void TestMainWindow::aboutListsVersions()
{
    const auto rows = AboutDialog::versions(runtime_);
    QStringList names;
    for (const auto& row : rows)
        names << row.first;
    for (const char* name : {"KneeGrade", "Qt", "LibTorch", "OpenCV"})
        QVERIFY2(names.contains(QString::fromLatin1(name)), name);
    for (const auto& row : rows)
        QVERIFY2(!row.second.trimmed().isEmpty(), qPrintable(row.first + QStringLiteral(" has no version")));
    // Third-party licences: every library the programs link, its licence, where the full text is.
    const auto notices = AboutDialog::thirdPartyLicences();
    QStringList components;
    for (const auto& notice : notices) {
        components << notice.component;
        QVERIFY2(!notice.licence.isEmpty() && !notice.fullText.isEmpty(), qPrintable(notice.component));
        QVERIFY2(notice.fullText.startsWith(QStringLiteral("/usr/share/doc/")) || notice.fullText.startsWith(QStringLiteral("https://")),
                 qPrintable(notice.fullText));
    }
    for (const char* name : {"Qt", "LibTorch", "OpenCV", "GDCM", "DCMTK", "QCustomPlot", "HDF5", "nlohmann/json"})
        QVERIFY2(components.filter(QString::fromLatin1(name)).size() == 1, name);
    AboutDialog dialog(runtime_);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(!dialog.grab().isNull());
    auto* table = dialog.findChild<QTableWidget*>(QStringLiteral("licencesTable"));
    QVERIFY(table);
    QCOMPARE(table->rowCount(), int(notices.size()));
    QCOMPARE(table->columnCount(), 3);
}

void TestMainWindow::recentDatasetsAndLayoutPersist()
{
    const QString dataset = temp_.filePath(QStringLiteral("phantoms"));
    kgtest::writeSmallPhantomDataset(dataset, 3, 48);
    const QString iniPath = temp_.filePath(QStringLiteral("settings.ini"));
    {
        QSettings settings(iniPath, QSettings::IniFormat);
        MainWindow window(runtime_, &settings);
        window.show();
        window.session().setDatasetRoot(dataset);
        window.showWorkspace(QStringLiteral("train"));
        window.close();
    }
    QSettings settings(iniPath, QSettings::IniFormat);
    QVERIFY(settings.value(QStringLiteral("recent/datasets")).toStringList().contains(QDir(dataset).absolutePath()));
    QVERIFY(!settings.value(QStringLiteral("window/geometry")).toByteArray().isEmpty());
    QVERIFY(!settings.value(QStringLiteral("workspaces/train/state")).toByteArray().isEmpty());
    MainWindow again(runtime_, &settings);
    QVERIFY(again.session().recentDatasets().contains(QDir(dataset).absolutePath()));
}

void TestMainWindow::restartRestoresDatasetAndCheckpoint()
{
    const QString dataset = temp_.filePath(QStringLiteral("restore-phantoms"));
    kgtest::writeSmallPhantomDataset(dataset, 2, 48);
    const QString checkpoint = temp_.filePath(QStringLiteral("restore.kgckpt"));
    kgtest::writeTinyCheckpoint(checkpoint, 48);
    const QString iniPath = temp_.filePath(QStringLiteral("restore.ini"));
    {
        QSettings settings(iniPath, QSettings::IniFormat);
        MainWindow window(runtime_, &settings);
        window.show();
        window.applyStartupOptions({});   // nothing to restore yet
        QVERIFY(window.session().datasetRoot().isEmpty());
        QVERIFY(window.session().checkpointPath().isEmpty());
        window.datasetWorkspace()->openDataset(dataset);
        window.session().setCheckpointPath(checkpoint);
        QVERIFY(kgtest::waitUntil([&] { return window.session().datasetSplits() != nullptr; }, 60000));
        window.close();
    }
    // The restart: the same settings, no command-line options.
    QSettings settings(iniPath, QSettings::IniFormat);
    MainWindow again(runtime_, &settings);
    again.show();
    again.applyStartupOptions({});
    QCOMPARE(again.session().datasetRoot(), QDir(dataset).absolutePath());
    QCOMPARE(again.session().checkpointPath(), QFileInfo(checkpoint).absoluteFilePath());
    QVERIFY(kgtest::waitUntil([&] { return again.session().datasetSplits() != nullptr; }, 60000));
    QVERIFY(!again.session().datasetSplits()->train.empty());
    // Predict names the model instead of "No model yet".
    bool modelNamed = false;
    for (QLabel* label : again.predictWorkspace()->findChildren<QLabel*>())
        modelNamed |= label->text().contains(QStringLiteral("restore.kgckpt"));
    QVERIFY(modelNamed);
    // Options on the command line win over the last session.
    MainWindow explicitOne(runtime_, &settings);
    kg::ui::StartupOptions options;
    options.checkpoint = temp_.filePath(QStringLiteral("other.kgckpt"));
    kgtest::writeTinyCheckpoint(options.checkpoint, 48);
    explicitOne.applyStartupOptions(options);
    QCOMPARE(explicitOne.session().checkpointPath(), QFileInfo(options.checkpoint).absoluteFilePath());
    explicitOne.close();
}

void TestMainWindow::restartWithMissingFilesLeavesANote()
{
    const QString iniPath = temp_.filePath(QStringLiteral("missing.ini"));
    {
        QSettings settings(iniPath, QSettings::IniFormat);
        settings.setValue(QStringLiteral("session/dataset"), temp_.filePath(QStringLiteral("gone-dataset")));
        settings.setValue(QStringLiteral("session/checkpoint"), temp_.filePath(QStringLiteral("gone.kgckpt")));
    }
    QSettings settings(iniPath, QSettings::IniFormat);
    MainWindow window(runtime_, &settings);
    window.show();
    window.applyStartupOptions({});   // no dialog: a note in the message bars
    QVERIFY(window.session().datasetRoot().isEmpty());
    QVERIFY(window.session().checkpointPath().isEmpty());
    QVERIFY2(window.datasetWorkspace()->messageBar()->text().contains(QStringLiteral("gone-dataset")),
             qPrintable(window.datasetWorkspace()->messageBar()->text()));
    QCOMPARE(window.datasetWorkspace()->messageBar()->kind(), MessageBar::Kind::Information);
    QVERIFY(window.predictWorkspace()->messageBar()->text().contains(QStringLiteral("gone.kgckpt")));
}

void TestMainWindow::dialogStartFolderIsTheLastUsed()
{
    QDir root(temp_.path());
    QVERIFY(root.mkpath(QStringLiteral("folders/a")) && root.mkpath(QStringLiteral("folders/b/run1")));
    const QString a = root.filePath(QStringLiteral("folders/a"));
    const QString b = root.filePath(QStringLiteral("folders/b"));
    // The pure rule: the last folder while it exists, else the first fallback that exists, else home.
    QCOMPARE(startFolder(a, {b}), a);
    QCOMPARE(startFolder(root.filePath(QStringLiteral("folders/gone")), {root.filePath(QStringLiteral("nope")), b}), b);
    QCOMPARE(startFolder(QString(), {}), QDir::homePath());
    QFile file(root.filePath(QStringLiteral("folders/a/x.kgckpt")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QCOMPARE(startFolder(file.fileName(), {}), a);   // a file stands for its folder

    const QString iniPath = temp_.filePath(QStringLiteral("folders.ini"));
    {
        QSettings settings(iniPath, QSettings::IniFormat);
        kg::ui::Session session(runtime_, &settings);
        // Nothing used yet: the dataset folder.
        session.setDatasetRoot(b);
        QCOMPARE(dialogStartFolder(session, DialogPurpose::Image), b);
        rememberDialogFolder(session, DialogPurpose::Image, file.fileName());     // a file: its folder
        rememberDialogFolder(session, DialogPurpose::Run, root.filePath(QStringLiteral("folders/b/run1")), true);
        QCOMPARE(dialogStartFolder(session, DialogPurpose::Image), a);
        QCOMPARE(dialogStartFolder(session, DialogPurpose::Run), b);   // a folder: where it was picked from
        QCOMPARE(dialogStartFile(session, DialogPurpose::Image, QStringLiteral("r.pdf")), a + QStringLiteral("/r.pdf"));
        // Each purpose keeps its own: export has none yet, so the dataset folder.
        QCOMPARE(dialogStartFolder(session, DialogPurpose::Export), b);
    }
    // After a restart (the same settings) the folders are remembered.
    QSettings settings(iniPath, QSettings::IniFormat);
    kg::ui::Session restarted(runtime_, &settings);
    QCOMPARE(dialogStartFolder(restarted, DialogPurpose::Image), a);
    // Without settings (tests) the session keeps them in memory.
    kg::ui::Session memory(runtime_, nullptr);
    rememberDialogFolder(memory, DialogPurpose::Checkpoint, file.fileName());
    QCOMPARE(dialogStartFolder(memory, DialogPurpose::Checkpoint), a);
}

void TestMainWindow::gettingStartedShowsTheFourWorkspaces()
{
    MainWindow window(runtime_, nullptr);
    window.show();
    auto* action = window.findChild<QAction*>(QStringLiteral("helpGettingStarted"));
    QVERIFY(action);
    action->trigger();
    auto* dialog = window.findChild<GettingStartedDialog*>();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    const char* titles[] = {"Dataset", "Train", "Evaluate", "Predict"};
    for (int i = 0; i < 4; ++i) {
        auto* step = dialog->findChild<QLabel*>(QStringLiteral("gettingStartedStep%1").arg(i + 1));
        QVERIFY(step && step->isVisible());
        QVERIFY2(step->text().contains(QString::fromLatin1(titles[i])), qPrintable(step->text()));
    }
    QVERIFY(!dialog->grab().isNull());
}

void TestMainWindow::klGradesWithoutDataset()
{
    MainWindow window(runtime_, nullptr);
    window.show();
    window.findChild<QAction*>(QStringLiteral("helpKlGrades"))->trigger();
    auto* dialog = window.findChild<KlGradesDialog*>();
    QVERIFY(dialog);
    QCOMPARE(dialog->gradeCount(), 5);
    QCOMPARE(dialog->exampleCount(), 0);
    const char* names[] = {"None", "Doubtful", "Minimal", "Moderate", "Severe"};
    for (int grade = 0; grade < 5; ++grade) {
        auto* text = dialog->findChild<QLabel*>(QStringLiteral("klGrade%1").arg(grade));
        QVERIFY(text && text->text().contains(QString::fromLatin1(names[grade])));
        auto* example = dialog->findChild<QLabel*>(QStringLiteral("klExample%1").arg(grade));
        QVERIFY(example && example->text().contains(QStringLiteral("No dataset")));
    }
    auto* moderate = dialog->findChild<QLabel*>(QStringLiteral("klGrade3"));
    QVERIFY(moderate->text().contains(QStringLiteral("osteophytes")) && moderate->text().contains(QStringLiteral("sclerosis")));
}

void TestMainWindow::klGradesShowExamplesFromTheDataset()
{
    const QString dataset = temp_.filePath(QStringLiteral("kl-phantoms"));
    kgtest::writeSmallPhantomDataset(dataset, 2, 48);
    MainWindow window(runtime_, nullptr);
    window.show();
    window.datasetWorkspace()->openDataset(dataset);
    QVERIFY(kgtest::waitUntil([&] { return window.session().datasetSplits() != nullptr; }, 60000));
    window.showKlGrades();
    auto* dialog = window.findChild<KlGradesDialog*>();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QVERIFY(kgtest::waitUntil([&] { return dialog->exampleCount() == 5; }, 30000));
    QVERIFY(!dialog->isLoading());
    for (int grade = 0; grade < 5; ++grade) {
        const QString path = dialog->examplePath(grade);
        QVERIFY2(QFileInfo(path).isFile(), qPrintable(path));
        QVERIFY(path.startsWith(QDir(dataset).absolutePath()));
        QVERIFY(!dialog->findChild<QLabel*>(QStringLiteral("klExample%1").arg(grade))->pixmap().isNull());
    }
}

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
