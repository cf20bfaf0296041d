#include "ui/workers/DemoDataset.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <nlohmann/json.hpp>

#include <exception>

namespace kg::ui {
namespace {

const QString kMarker = QStringLiteral("kneegrade-demo.json");

QByteArray optionsFingerprint(const PhantomOptions& options)
{
    PhantomOptions copy = options;
    copy.outputDir.clear();   // the same dataset wherever the cache lives
    copy.overwrite = false;
    copy.threads = 0;
    return QByteArray::fromStdString(nlohmann::json(copy).dump());
}

} // namespace

PhantomOptions DemoDataset::defaultOptions(const QString& dir)
{
    PhantomOptions options;
    options.outputDir = dir.toStdString();
    options.perGrade = 200;        // grade 0; the others follow the real dataset's shares
    options.realBalance = true;
    options.imageSize = 224;
    options.seed = 2018;           // the year of the Chen dataset the demo imitates
    return options;
}

bool DemoDataset::isComplete(const QString& dir, const PhantomOptions& options)
{
    QFile marker(QDir(dir).filePath(kMarker));
    if (!marker.open(QIODevice::ReadOnly))
        return false;
    const QJsonObject json = QJsonDocument::fromJson(marker.readAll()).object();
    return json.value(QStringLiteral("options")).toString().toUtf8() == optionsFingerprint(options);
}

PhantomSummary DemoDataset::write(const PhantomOptions& options, const PhantomProgress& progress)
{
    const QString dir = QString::fromStdString(options.outputDir);
    QDir().mkpath(dir);
    QFile::remove(QDir(dir).filePath(kMarker));
    PhantomOptions writeOptions = options;
    writeOptions.overwrite = true;   // a previous, interrupted attempt may have left folders
    const PhantomSummary summary = writePhantomDataset(writeOptions, progress);
    if (!summary.cancelled) {
        QFile marker(QDir(dir).filePath(kMarker));
        if (marker.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            QJsonObject json;
            json.insert(QStringLiteral("options"), QString::fromUtf8(optionsFingerprint(options)));
            json.insert(QStringLiteral("files"), summary.files);
            marker.write(QJsonDocument(json).toJson());
        }
    }
    return summary;
}

DemoDatasetJob::DemoDatasetJob(PhantomOptions options, QObject* parent)
    : QObject(parent)
    , options_(std::move(options))
{
}

void DemoDatasetJob::run()
{
    QElapsedTimer sinceEmit;
    sinceEmit.start();
    try {
        const PhantomSummary summary = DemoDataset::write(options_, [&](int done, int total) {
            if (done == total || sinceEmit.elapsed() >= 50) {
                emit progress(done, total);
                sinceEmit.restart();
            }
            return !cancelled_ && !QThread::currentThread()->isInterruptionRequested();
        });
        if (summary.cancelled)
            emit cancelled();
        else
            emit finished(QString::fromStdString(options_.outputDir));
    } catch (const std::exception& error) {
        emit failed(QString::fromStdString(error.what()));
    }
}

} // namespace kg::ui
