#pragma once
#include <QString>
#include <QThread>

class QObject;

namespace kg::ui {

/// Owns the QThread one worker object runs on. The worker is moved to the thread on
/// construction and deleted there when the thread ends. stop() and the destructor tear
/// down the Tiled way — requestInterruption(); quit(); wait(); — so a worker must watch
/// QThread::isInterruptionRequested() (or be cancelled) for wait() to return promptly.
class WorkerThread {
public:
    /// Takes ownership of `worker` (which must have no parent) and starts the thread.
    WorkerThread(QObject* worker, const QString& name);
    ~WorkerThread();
    WorkerThread(const WorkerThread&) = delete;
    WorkerThread& operator=(const WorkerThread&) = delete;

    /// Interrupts, quits and joins the thread; safe to call twice.
    void stop();
    QThread* thread() { return &thread_; }

private:
    QThread thread_;
};

} // namespace kg::ui
