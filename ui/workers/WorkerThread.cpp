#include "ui/workers/WorkerThread.h"

#include <QObject>

namespace kg::ui {

WorkerThread::WorkerThread(QObject* worker, const QString& name)
{
    thread_.setObjectName(name);
    worker->moveToThread(&thread_);
    QObject::connect(&thread_, &QThread::finished, worker, &QObject::deleteLater);
    thread_.start();
}

WorkerThread::~WorkerThread()
{
    stop();
}

void WorkerThread::stop()
{
    if (!thread_.isRunning())
        return;
    thread_.requestInterruption();
    thread_.quit();
    thread_.wait();
}

} // namespace kg::ui
