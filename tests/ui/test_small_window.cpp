// A 1024×700 window, a common laptop size: side panels saved there come back wide enough
// for their contents in a larger window; the training curves' legend keeps every entry whole;
// the data and cache folders name the application once.
#include "UiTestSupport.h"

#include "ui/MainWindow.h"
#include "ui/utility/StoragePaths.h"
#include "ui/widgets/TrainingCurvesWidget.h"
#include "ui/workspaces/TrainWorkspace.h"

#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QScrollArea>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <qcustomplot.h>

using namespace kg::ui;

class TestSmallWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void docksSavedInASmallWindowWidenInALargerOne();
    void curvesLegendKeepsEntriesWhole();
    void storageFoldersNameTheApplicationOnce();

private:
    QTemporaryDir temp_;
};

void TestSmallWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setApplicationName(QStringLiteral("KneeGrade"));
    QCoreApplication::setOrganizationName(QStringLiteral("KneeGrade"));
    QVERIFY(temp_.isValid());
}

void TestSmallWindow::docksSavedInASmallWindowWidenInALargerOne()
{
    const QString iniPath = temp_.filePath(QStringLiteral("settings.ini"));
    const auto optionsDock = [](MainWindow& window) {
        return window.trainWorkspace()->findChild<QDockWidget*>(QStringLiteral("trainOptionsDock"));
    };
    {
        QSettings settings(iniPath, QSettings::IniFormat);
        MainWindow window(kgtest::testRuntime(), &settings);
        window.resize(1024, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.showWorkspace(QStringLiteral("train"));
        QApplication::processEvents();
        QDockWidget* dock = optionsDock(window);
        QVERIFY(dock);
        window.trainWorkspace()->resizeDocks({dock}, {1}, Qt::Horizontal);   // as narrow as it goes
        QApplication::processEvents();
        window.close();
    }
    QSettings settings(iniPath, QSettings::IniFormat);
    MainWindow window(kgtest::testRuntime(), &settings);
    window.resize(1600, 1000);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showWorkspace(QStringLiteral("train"));
    QApplication::processEvents();
    QDockWidget* dock = optionsDock(window);
    QVERIFY(dock && dock->isVisible());
    // The options (the Architecture box among them) get the width they ask for.
    auto* scroll = qobject_cast<QScrollArea*>(dock->widget());
    QVERIFY(scroll && scroll->widget());
    QVERIFY2(scroll->viewport()->width() >= scroll->widget()->sizeHint().width(),
             qPrintable(QStringLiteral("viewport %1 < form %2").arg(scroll->viewport()->width()).arg(scroll->widget()->sizeHint().width())));
    QVERIFY(dock->width() <= window.trainWorkspace()->width() / 2);
}

void TestSmallWindow::curvesLegendKeepsEntriesWhole()
{
    TrainingCurvesWidget curves;
    curves.resize(460, 300);   // the Train page's share of a 1024-pixel window
    curves.show();
    QVERIFY(QTest::qWaitForWindowExposed(&curves));
    curves.plot()->replot();
    auto* legend = qobject_cast<QCPLegend*>(curves.plot()->plotLayout()->element(1, 0));   // below the plots
    QVERIFY(legend);
    QVERIFY(legend->itemCount() >= 4);
    for (int i = 0; i < legend->itemCount(); ++i) {
        QCPAbstractLegendItem* item = legend->item(i);
        QVERIFY2(item->outerRect().width() >= item->minimumOuterSizeHint().width(),
                 qPrintable(QStringLiteral("legend entry %1 squeezed").arg(i)));
        QVERIFY(curves.plot()->rect().contains(item->outerRect()));
    }
}

void TestSmallWindow::storageFoldersNameTheApplicationOnce()
{
    for (const QString& dir : {appDataDirectory(), appCacheDirectory()}) {
        QVERIFY2(!dir.contains(QStringLiteral("KneeGrade/KneeGrade")), qPrintable(dir));
        QVERIFY2(dir.endsWith(QStringLiteral("/KneeGrade")), qPrintable(dir));
    }
    // What an earlier version left in the doubled folder moves over; nothing is lost.
    const QString old = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    QVERIFY(old.endsWith(QStringLiteral("KneeGrade/KneeGrade")));
    QVERIFY(QDir().mkpath(old + QStringLiteral("/runs/20250101-120000")));
    QFile marker(old + QStringLiteral("/runs/20250101-120000/history.csv"));
    QVERIFY(marker.open(QIODevice::WriteOnly));
    marker.write("epoch\n");
    marker.close();
    const QString data = appDataDirectory();
    QVERIFY(QFileInfo::exists(data + QStringLiteral("/runs/20250101-120000/history.csv")));
    QVERIFY(!QFileInfo::exists(old));
    QDir(data).removeRecursively();
}

QTEST_MAIN(TestSmallWindow)
#include "test_small_window.moc"
