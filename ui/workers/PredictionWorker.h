#pragma once
#include "core/eval/Predictor.h"

#include <QMetaType>

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <vector>

namespace kg::ui {

/// Grades files with kg::Predictor on the thread it lives on. The checkpoint is loaded once
/// and kept until another one is asked for. Bad files come back as a Prediction carrying an
/// error, never as an exception; a checkpoint that cannot be loaded emits failed().
class PredictionWorker : public QObject {
    Q_OBJECT
public:
    explicit PredictionWorker(QObject* parent = nullptr);
    ~PredictionWorker() override;
    void cancel() { cancelled_ = true; }

public slots:
    /// One file with Grad-CAM (requestId is echoed so stale answers can be dropped).
    void predictFile(const QString& checkpoint, const QString& path, int requestId);
    /// Every image of `paths` in batches, without Grad-CAM.
    void predictFiles(const QString& checkpoint, const QStringList& paths, int requestId);

signals:
    void predicted(int requestId, const kg::Prediction& prediction);
    void batchProgress(int requestId, int done, int total);
    void batchPredicted(int requestId, const std::vector<kg::Prediction>& predictions);
    void failed(int requestId, const QString& message);

private:
    bool ensurePredictor(const QString& checkpoint, int requestId);

    std::unique_ptr<Predictor> predictor_;
    QString loadedCheckpoint_;
    std::atomic<bool> cancelled_{false};
};

} // namespace kg::ui

Q_DECLARE_METATYPE(kg::Prediction)
Q_DECLARE_METATYPE(std::vector<kg::Prediction>)
