#pragma once
#include "core/eval/Predictor.h"
#include "ui/report/PredictionReport.h"

#include <QMetaType>

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <vector>

namespace kg::ui {

/// Grades files with kg::Predictor on the thread it lives on. The checkpoint is loaded once
/// and kept until another one is asked for. A file is graded per knee joint: the localiser
/// finds them (a single-knee crop, or an image without one, is graded whole); when the
/// localiser itself cannot run, the whole image is graded and `localisation` says why. Bad
/// files come back as a Prediction carrying an error, never as an exception; a checkpoint
/// that cannot be loaded emits failed().
class PredictionWorker : public QObject {
    Q_OBJECT
public:
    explicit PredictionWorker(QObject* parent = nullptr);
    ~PredictionWorker() override;
    void cancel() { cancelled_ = true; }

public slots:
    /// One file, each knee joint found on it graded with Grad-CAM (requestId is echoed so
    /// stale answers can be dropped).
    void predictFile(const QString& checkpoint, const QString& path, int requestId);
    /// The given boxes of one file (moved, resized or added by the user), with Grad-CAM:
    /// one result per box, in order.
    void predictRegions(const QString& checkpoint, const QString& path, const std::vector<kg::JointRegion>& regions,
                        int requestId);
    /// Every image of `paths` in batches, per knee joint, without Grad-CAM.
    void predictFiles(const QString& checkpoint, const QStringList& paths, int requestId);

signals:
    /// The results of predictFile() or predictRegions(): one per region, image-left first.
    void predicted(int requestId, const std::vector<kg::Prediction>& predictions);
    /// A checkpoint was loaded: what a prediction report says about it (emitted before the
    /// first results it gives).
    void modelLoaded(const QString& checkpoint, const kg::report::PredictionReportModel& model);
    void batchProgress(int requestId, int done, int total);
    void batchPredicted(int requestId, const std::vector<kg::Prediction>& predictions);
    void failed(int requestId, const QString& message);

private:
    bool ensurePredictor(const QString& checkpoint, int requestId);
    /// Grades again, whole, the files whose knee joints could not be looked for.
    void gradeWholeWhereLocaliserFailed(std::vector<Prediction>& predictions, const GradCamOptions& gradCam);

    std::unique_ptr<Predictor> predictor_;
    QString loadedCheckpoint_;
    std::atomic<bool> cancelled_{false};
};

} // namespace kg::ui

Q_DECLARE_METATYPE(kg::Prediction)
Q_DECLARE_METATYPE(std::vector<kg::Prediction>)
Q_DECLARE_METATYPE(kg::report::PredictionReportModel)
