#pragma once
// Fixtures shared by the ui tests: a small phantom dataset, an untrained tiny checkpoint,
// simulated drag and drop, and waiting on a condition while the event loop runs.
#include "core/data/DatasetScan.h"
#include "core/data/Phantom.h"
#include "core/model/Checkpoint.h"
#include "core/model/Model.h"
#include "core/runtime/Runtime.h"
#include "ui/Session.h"

#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QMimeData>
#include <QTest>
#include <QUrl>
#include <QWidget>

#include <functional>

namespace kgtest {

/// DIR/{train,val,test}/<grade>/*.png, `perGrade` knees per grade at `imageSize` px.
inline void writeSmallPhantomDataset(const QString& dir, int perGrade = 8, int imageSize = 64)
{
    kg::PhantomOptions options;
    options.outputDir = dir.toStdString();
    options.perGrade = perGrade;
    options.imageSize = imageSize;
    options.seed = 7;
    kg::writePhantomDataset(options);
}

/// An untrained resnetv2-tiny checkpoint that preprocesses to `imageSize`.
inline void writeTinyCheckpoint(const QString& path, int imageSize = 64)
{
    kg::ModelOptions modelOptions;
    modelOptions.backbone = kg::parseArchitecture("resnetv2-tiny");
    kg::Model model(modelOptions);
    kg::CheckpointMeta meta;
    meta.model = modelOptions;
    meta.preprocessing.imageSize = imageSize;
    kg::saveCheckpoint(path.toStdString(), model, meta);
}

/// Runs the event loop until `done` holds or `timeoutMs` passes; returns `done()`.
inline bool waitUntil(const std::function<bool()>& done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs)
        QTest::qWait(10);
    return done();
}

/// Drags `paths` onto `target` and drops them, as a file manager would.
inline bool dropFiles(QWidget* target, const QStringList& paths)
{
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString& path : paths)
        urls << QUrl::fromLocalFile(path);
    mime.setUrls(urls);
    const QPoint position = target->rect().center();
    QDragEnterEvent enter(position, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    if (!enter.isAccepted())
        return false;
    QDropEvent drop(QPointF(position), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
    return drop.isAccepted();
}

inline kg::RuntimeInfo testRuntime()
{
    return kg::configureRuntime({});
}

/// Opens the dataset folder `dir` in `session` (root and scanned splits), as the Dataset
/// workspace does once its scan has finished.
inline void openDataset(kg::ui::Session& session, const QString& dir)
{
    session.setDatasetRoot(dir);
    session.setDatasetSplits(std::make_shared<const kg::DatasetSplits>(kg::scanDataset(dir.toStdString())));
}

} // namespace kgtest
