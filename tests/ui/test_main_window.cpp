// The application window: it shows the versions and the device it will train on, switches
// workspaces with the standard shortcuts, keeps recent datasets in QSettings, and the About
// dialog lists the versions of KneeGrade, Qt, LibTorch and OpenCV.
#include "UiTestSupport.h"

#include "ui/MainWindow.h"
#include "ui/Session.h"
#include "ui/Workspace.h"
#include "ui/dialogs/AboutDialog.h"

#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
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
    AboutDialog dialog(runtime_);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(!dialog.grab().isNull());
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

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
