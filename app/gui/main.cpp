// kneegrade — the desktop application: parses the command line, configures the runtime,
// shows the MainWindow. Everything else lives in ui/ and core/.
#include "ui/MainWindow.h"
#include "ui/utility/Language.h"

#include "core/runtime/Runtime.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QSettings>
#include <QTimer>

int main(int argc, char* argv[])
{
    QApplication::setHighDpiScaleFactorRoundingPolicy(Qt::HighDpiScaleFactorRoundingPolicy::PassThrough);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("KneeGrade"));
    QApplication::setOrganizationName(QStringLiteral("KneeGrade"));
    QApplication::setApplicationVersion(QStringLiteral(KNEEGRADE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.kneegrade.KneeGrade"));

    // The language of the settings' "ui/language" (Preferences), the system's by default;
    // KNEEGRADE_LANGUAGE (system, en, de, es) overrides it for one run (scripts/screenshots.sh).
    QSettings languageSettings;
    const QString languageOverride = qEnvironmentVariable("KNEEGRADE_LANGUAGE");
    kg::ui::installTranslators(languageOverride.isEmpty() ? kg::ui::languageSetting(languageSettings) : languageOverride);

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
    // What a file manager passes (the desktop file's Exec=kneegrade %F): a radiograph is graded
    // in Predict, a folder opens as a dataset, a .kgckpt is used as the checkpoint.
    parser.addPositionalArgument(QStringLiteral("path"),
                                 QApplication::translate("main", "Radiographs to grade, a dataset folder or a checkpoint."),
                                 QStringLiteral("[FILE|DIR...]"));
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
    for (const QString& path : parser.positionalArguments()) {
        const QFileInfo info(path);
        if (info.isDir() && startup.dataset.isEmpty() && !startup.demo)
            startup.dataset = info.absoluteFilePath();
        else if (info.suffix().compare(QLatin1String("kgckpt"), Qt::CaseInsensitive) == 0 && startup.checkpoint.isEmpty())
            startup.checkpoint = info.absoluteFilePath();
        else if (info.isFile() && startup.image.isEmpty())
            startup.image = info.absoluteFilePath();
    }
    if (!startup.image.isEmpty() && startup.workspace.isEmpty())
        startup.workspace = QStringLiteral("predict");
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
