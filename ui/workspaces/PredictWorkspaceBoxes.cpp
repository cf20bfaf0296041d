// The Predict workspace's boxes: one result per box, the box's label and tool tip, the
// selected box in the side panel with its Grad-CAM over the box, and the edits (move, resize,
// add, delete) that grade a box again.
#include "ui/workspaces/PredictWorkspace.h"

#include "ui/Session.h"
#include "ui/utility/Colors.h"
#include "ui/utility/PredictionText.h"
#include "ui/utility/RadiographImage.h"
#include "ui/widgets/ImageView.h"
#include "ui/widgets/RegionOverlay.h"
#include "ui/workers/PredictionWorker.h"
#include "ui/workspaces/PredictResultPanel.h"

#include "core/locate/KneeLocaliser.h"

#include <QAction>

#include <algorithm>

namespace kg::ui {

void PredictWorkspace::onRegraded(int boxId, int requestId, const std::vector<Prediction>& predictions)
{
    RegionResult* result = resultOf(boxId);
    if (!result || result->pendingRequest != requestId || predictions.empty())
        return;   // deleted, or moved again since
    result->pendingRequest = 0;
    result->prediction = predictions.front();
    refreshBox(*result);
    if (overlay_->selectedId() == boxId)
        showRegionResult(*result);
}

PredictWorkspace::RegionResult* PredictWorkspace::resultOf(int boxId)
{
    for (RegionResult& result : results_)
        if (result.boxId == boxId)
            return &result;
    return nullptr;
}

std::vector<Prediction> PredictWorkspace::regionPredictions() const
{
    std::vector<Prediction> out;
    for (const RegionBox& box : overlay_->boxes())
        for (const RegionResult& result : results_)
            if (result.boxId == box.id)
                out.push_back(result.prediction);
    for (const RegionResult& result : results_)
        if (result.boxId < 0)
            out.push_back(result.prediction);
    return out;
}

void PredictWorkspace::refreshBox(const RegionResult& result)
{
    const RegionBox* current = overlay_->box(result.boxId);
    if (!current)
        return;
    const Prediction& p = result.prediction;
    RegionBox box = *current;
    box.side = sideLetter(p.region.side);
    box.pending = result.pendingRequest != 0;
    box.muted = !box.pending && p.ok() && p.outOfDistribution;
    box.text = box.pending ? tr("grading…") : gradeSummary(p);
    box.note = box.muted ? tr("out of distribution") : QString();
    box.colour = p.ok() && !box.pending ? gradeColor(p.grade) : QColor(0x9a, 0x9a, 0xa0);
    box.toolTip = regionDescription(p.region);
    if (box.muted)
        box.toolTip += QStringLiteral("\n\n") + outOfDistributionWarning(p.oodScore);
    if (!p.ok() && !box.pending)
        box.toolTip += QStringLiteral("\n\n") + QString::fromStdString(p.error);
    overlay_->updateBox(box);
}

void PredictWorkspace::onSelectionChanged(int boxId)
{
    updateBusy();
    if (const RegionResult* result = resultOf(boxId)) {
        showRegionResult(*result);
        return;
    }
    view_->setOverlay({});
    if (const RegionResult* whole = resultOf(-1)) {
        showRegionResult(*whole);
        return;
    }
    if (!path_.isEmpty() && fileRequest_ == 0)
        panel_->clearResult(overlay_->count() > 0 ? tr("Select a box to see its result.")
                                                  : tr("No box: Add Box grades a square you place on a knee joint."));
}

void PredictWorkspace::showRegionResult(const RegionResult& result)
{
    if (result.pendingRequest != 0) {
        panel_->showPending(result.prediction.region);
        view_->setOverlay({});
        return;
    }
    showPrediction(result.prediction);
}

QRectF PredictWorkspace::toViewImage(const JointRegion& region) const
{
    if (!view_->hasImage() || sourceSize_.isEmpty())
        return {};
    const double scale = static_cast<double>(view_->image().width()) / sourceSize_.width();
    return QRectF(region.x * scale, region.y * scale, region.width * scale, region.height * scale);
}

void PredictWorkspace::showHeatmap(const Prediction& p)
{
    if (p.heatmap.empty() || !view_->hasImage()) {
        view_->setOverlay({});
        return;
    }
    // The heat map covers what the model saw: the box, or the whole image.
    view_->setOverlay(toQImage(colorizeHeatMap(p.heatmap, Colormap::Turbo)),
                      isWholeImage(p.region) ? QRectF() : toViewImage(p.region));
}

void PredictWorkspace::onBoxEdited(int boxId)
{
    const RegionBox* box = overlay_->box(boxId);
    if (!box)
        return;
    JointRegion region = box->region;   // keeps its side: the same joint, placed better
    region.source = "manual";
    region.score = 1.0;
    regrade(boxId, region);
}

void PredictWorkspace::regrade(int boxId, const JointRegion& region)
{
    RegionResult* result = resultOf(boxId);
    if (!result || !requireCheckpoint())
        return;
    const int requestId = ++requestId_;
    regrades_.insert(requestId, boxId);
    result->pendingRequest = requestId;
    result->prediction.region = region;
    refreshBox(*result);
    if (overlay_->selectedId() == boxId)
        showRegionResult(*result);
    updateBusy();
    const QString checkpoint = session().checkpointPath();
    const QString path = path_;
    QMetaObject::invokeMethod(worker_, [worker = worker_, checkpoint, path, region, requestId] {
        worker->predictRegions(checkpoint, path, {region}, requestId);
    }, Qt::QueuedConnection);
}

void PredictWorkspace::addBox()
{
    if (path_.isEmpty() || sourceSize_.isEmpty() || !view_->hasImage())
        return;
    // As large as the boxes there are (the same film, the same magnification), else a third of the image.
    int size = std::min(sourceSize_.width(), sourceSize_.height()) / 3;
    if (!overlay_->boxes().empty())
        size = overlay_->boxes().front().region.width;
    const double scale = static_cast<double>(view_->image().width()) / sourceSize_.width();
    const QPointF centre = view_->widgetToImage(QRectF(view_->rect()).center()) / scale;
    JointRegion region;
    region.width = region.height = std::max(size, overlay_->minimumBoxSize());
    region.x = std::clamp(static_cast<int>(centre.x()) - region.width / 2, -region.width / 2,
                          sourceSize_.width() - region.width / 2);
    region.y = std::clamp(static_cast<int>(centre.y()) - region.height / 2, -region.height / 2,
                          sourceSize_.height() - region.height / 2);
    region.source = "manual";
    region.score = 1.0;
    // Its side as the localiser would give it among the other boxes (laterality, convention, position).
    std::vector<JointRegion> all;
    for (const RegionBox& box : overlay_->boxes())
        all.push_back(box.region);
    for (JointRegion& other : all)
        other.side = '?';
    all.push_back(region);
    assignSides(all, sourceSize_.width(), &info_);
    for (const JointRegion& sided : all)
        if (sided.x == region.x && sided.y == region.y && sided.width == region.width) {
            region.side = sided.side;
            region.sideSource = sided.sideSource;
        }
    // The boxes replace a whole-image result.
    results_.erase(std::remove_if(results_.begin(), results_.end(), [](const RegionResult& r) { return r.boxId < 0; }),
                   results_.end());
    RegionBox box;
    box.region = region;
    RegionResult result;
    result.prediction.path = path_.toStdString();
    result.prediction.region = region;
    result.boxId = overlay_->addBox(box);   // selects it
    results_.push_back(result);
    regrade(result.boxId, region);
}

void PredictWorkspace::deleteSelectedBox()
{
    const int boxId = overlay_->selectedId();
    if (boxId < 0)
        return;
    results_.erase(std::remove_if(results_.begin(), results_.end(), [boxId](const RegionResult& r) { return r.boxId == boxId; }),
                   results_.end());
    for (auto it = regrades_.begin(); it != regrades_.end();)
        it = it.value() == boxId ? regrades_.erase(it) : std::next(it);
    overlay_->removeBox(boxId);   // selection changes to none: the panel says so
    updateBusy();
}

} // namespace kg::ui
