#pragma once
// Internal (OpenCV): the anatomy of full radiographs drawn on an XrayCanvas — whole legs
// continuing a pasted AP knee phantom (femur up to the hip, tibia and fibula down to the
// ankle, soft tissue), the pelvic rim of a full-leg film, and a lateral knee.
#include "core/data/XrayCanvas.h"

#include <opencv2/core.hpp>

#include <vector>

namespace kg {

struct PhantomLayout;

/// An AP knee phantom placed in the full image: its frame and outlines in image pixels.
struct PlacedKnee {
    KneeFrame frame;
    std::vector<std::vector<cv::Point2d>> femur, tibia, fibula;
    double femurShaftHalf = 0.5, tibiaShaftHalf = 0.52;   ///< canonical units
    double fibulaShaftX = -0.8, fibulaShaftHalf = 0.06;
    double legHalfWidth = 1.4;
};

/// `layout` from renderPhantom, rendered `renderedSize` px wide and shown `shownSize` px wide
/// with its top-left corner at `topLeft`.
PlacedKnee placeKnee(const PhantomLayout& layout, cv::Point2d topLeft, double shownSize, double renderedSize);

/// Where a leg goes beyond its knee, image pixels.
struct LegEnds {
    cv::Point2d hip;           ///< centre of the femoral head
    cv::Point2d ankle;         ///< centre of the tibial plafond
    double neckOffsetPx = 0;   ///< the femoral shaft's axis lies this far lateral of the head's centre
    double neckDropPx = 0;     ///< … from this far below it (where the neck leaves the shaft)
};

/// A leg that continues its knee's axes straight: the femoral shaft leaning `valgus` radians
/// laterally from the knee's axis up to the head `femurPx` above the joint line, the tibia
/// leaning `tibiaLean` radians medially down to the plafond `tibiaPx` below it.
LegEnds straightLeg(const PlacedKnee& knee, double femurPx, double tibiaPx, double valgus, double tibiaLean,
                    double mmPerPx, DeterministicRandom& random);

/// Draws one leg around its knee phantom; returns its shading rows.
LegShading drawApLeg(XrayCanvas& canvas, const PlacedKnee& knee, const LegEnds& ends, double mmPerPx,
                     DeterministicRandom& random);

/// The pelvic ring above two hips (full-leg films) and the trunk's soft tissue above them.
void drawPelvis(XrayCanvas& canvas, cv::Point2d imageLeftHip, cv::Point2d imageRightHip, double mmPerPx,
                DeterministicRandom& random);

/// A lateral knee: `joint` is the centre of the joint space, `unitPx` pixels per ~60 mm.
struct LateralKneePlan {
    cv::Point2d joint;
    double unitPx = 100;
    bool anteriorRight = true;   ///< the patella's side of the image
    double tilt = 0;             ///< radians, the tibial axis from vertical
    double flexion = 0.2;        ///< radians between femur and tibia
    int grade = 0;
};

LegShading drawLateralKnee(XrayCanvas& canvas, const LateralKneePlan& plan, DeterministicRandom& random);

} // namespace kg
