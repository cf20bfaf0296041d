// kneegrade — the desktop application: parses the command line, configures the runtime,
// shows the MainWindow. Everything else lives in ui/ and core/.
#include "ui/MainWindow.h"

#include "core/runtime/Runtime.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTimer>
#include <QTranslator>

int main(int argc, char* argv[])
{
    QApplication::setHighDpiScaleFactorRoundingPolicy(Qt::HighDpiScaleFactorRoundingPolicy::PassThrough);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("KneeGrade"));
    QApplication::setOrganizationName(QStringLiteral("KneeGrade"));
    QApplication::setApplicationVersion(QStringLiteral(KNEEGRADE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.kneegrade.KneeGrade"));

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    // English is the source language, but its plural forms ("1 image", "3 images") come from
    // kneegrade_en: it is the fallback for every locale without a translation of its own.
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("kneegrade"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        || translator.load(QStringLiteral(":/i18n/kneegrade_en")))
        QApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Train, evaluate and explain a knee X-ray grader. For research use only — not for diagnostic use."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"), QApplication::translate("main", "Open the built-in demo dataset."));
    const QCommandLineOption dataset(QStringLiteral("dataset"), QApplication::translate("main", "Open a dataset folder."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption checkpoint(QStringLiteral("checkpoint"),
                                        QApplication::translate("main", "Use a checkpoint in Evaluate and Predict."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption workspace(QStringLiteral("workspace"),
                                       QApplication::translate("main", "Start in dataset, train, evaluate, predict, runs (the training runs browser) or about."),
                                       QStringLiteral("NAME"));
    const QCommandLineOption image(QStringLiteral("image"), QApplication::translate("main", "Grade this radiograph."),
                                   QStringLiteral("FILE"));
    const QCommandLineOption train(QStringLiteral("train"),
                                   QApplication::translate("main", "Start training once the dataset is read."));
    const QCommandLineOption epochs(QStringLiteral("epochs"), QApplication::translate("main", "Epochs for --train."),
                                    QStringLiteral("N"));
    const QCommandLineOption runDir(QStringLiteral("run-dir"), QApplication::translate("main", "Folder for the training run."),
                                    QStringLiteral("DIR"));
    const QCommandLineOption evaluate(QStringLiteral("evaluate"),
                                      QApplication::translate("main", "Evaluate the checkpoint once the dataset is read."));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QApplication::translate("main", "Save the window as PNG once it settles, then quit."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption threads(QStringLiteral("threads"),
                                     QApplication::translate("main", "CPU threads (default: every core)."), QStringLiteral("N"));
    parser.addOptions({demo, dataset, checkpoint, workspace, image, train, epochs, runDir, evaluate, screenshot, threads});
    parser.process(app);

    kg::RuntimeOptions runtimeOptions;
    runtimeOptions.threads = parser.value(threads).toInt();
    const kg::RuntimeInfo runtime = kg::configureRuntime(runtimeOptions);

    QSettings settings;
    kg::ui::MainWindow window(runtime, &settings);
    kg::ui::StartupOptions startup;
    startup.demo = parser.isSet(demo);
    startup.dataset = parser.value(dataset);
    startup.checkpoint = parser.value(checkpoint);
    startup.workspace = parser.value(workspace);
    startup.image = parser.value(image);
    startup.train = parser.isSet(train);
    startup.epochs = parser.value(epochs).toInt();
    startup.runDir = parser.value(runDir);
    startup.evaluate = parser.isSet(evaluate);
    window.show();
    window.applyStartupOptions(startup);

    if (parser.isSet(screenshot)) {
        const int timeoutMs = 15 * 60 * 1000;
        window.saveScreenshotWhenSettled(parser.value(screenshot), timeoutMs, [](bool ok) {
            QCoreApplication::exit(ok ? 0 : 1);
        });
    }
    return QApplication::exec();
}
