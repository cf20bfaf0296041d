// Augmentation: Keras semantics (RandomFlip horizontal, RandomRotation ±0.1 turn counter-
// clockwise positive, RandomZoom ±20 % with > 1 zooming out, RandomTranslation ±10 %,
// reflect fill = (d c b a | a b c d)), each switchable, deterministic from the seed.
#include "core/data/Augment.h"
#include "core/util/Error.h"

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <QtTest>

#include <cmath>

using namespace kg;

namespace {

/// A textured test image: gradients plus a few shapes, so any transform changes it.
cv::Mat pattern(int size = 64)
{
    cv::Mat image(size, size, CV_8U);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x)
            image.at<std::uint8_t>(y, x) = static_cast<std::uint8_t>(40 + (x * 150) / size + (y * 60) / size);
    cv::circle(image, {size / 3, size / 4}, size / 8, cv::Scalar(250), -1);
    cv::rectangle(image, {size / 2, size / 2}, {size - 6, size - 10}, cv::Scalar(10), -1);
    return image;
}

/// Centre of mass of the pixels brighter than `threshold`.
cv::Point2d brightCentroid(const cv::Mat& image, int threshold = 100)
{
    double sx = 0, sy = 0, sw = 0;
    for (int y = 0; y < image.rows; ++y)
        for (int x = 0; x < image.cols; ++x) {
            const double w = image.at<std::uint8_t>(y, x);
            if (w > threshold) {
                sx += w * x;
                sy += w * y;
                sw += w;
            }
        }
    return sw > 0 ? cv::Point2d(sx / sw, sy / sw) : cv::Point2d(-1, -1);
}

/// Black 101×101 image with a bright 5×5 mark centred at (x, y).
cv::Mat markAt(int x, int y)
{
    cv::Mat image = cv::Mat::zeros(101, 101, CV_8U);
    cv::rectangle(image, {x - 2, y - 2}, {x + 2, y + 2}, cv::Scalar(255), -1);
    return image;
}

bool same(const cv::Mat& a, const cv::Mat& b)
{
    return a.size() == b.size() && a.type() == b.type() && cv::norm(a, b, cv::NORM_INF) == 0;
}

} // namespace

class TestAugment : public QObject {
    Q_OBJECT

private slots:
    void sameSeedSameImageDifferentSeedDifferent()
    {
        const cv::Mat image = pattern();
        const AugmentOptions options;
        QVERIFY(same(augmentImage(image, options, 1234), augmentImage(image, options, 1234)));
        QVERIFY(!same(augmentImage(image, options, 1234), augmentImage(image, options, 1235)));
        // The loader's per-sample seed depends on every part of (seed, epoch, index).
        const std::uint64_t base = augmentSeed(42, 3, 17);
        QCOMPARE(base, augmentSeed(42, 3, 17));
        QVERIFY(base != augmentSeed(43, 3, 17));
        QVERIFY(base != augmentSeed(42, 4, 17));
        QVERIFY(base != augmentSeed(42, 3, 18));
    }

    void drawnParametersStayInKerasRanges()
    {
        const AugmentOptions options;
        const double maxAngle = 0.1 * 2.0 * M_PI;
        double minAngle = 1, maxSeen = -1, minZoom = 2, maxZoom = 0, maxShift = 0;
        int flips = 0;
        const int n = 4000;
        for (int i = 0; i < n; ++i) {
            const AugmentParams p = sampleAugmentParams(options, augmentSeed(7, 0, i));
            QVERIFY(std::abs(p.rotationRad) <= maxAngle);
            QVERIFY(p.zoom >= 0.8 && p.zoom <= 1.2);
            QVERIFY(std::abs(p.shiftX) <= 0.1 && std::abs(p.shiftY) <= 0.1);
            minAngle = std::min(minAngle, p.rotationRad);
            maxSeen = std::max(maxSeen, p.rotationRad);
            minZoom = std::min(minZoom, p.zoom);
            maxZoom = std::max(maxZoom, p.zoom);
            maxShift = std::max({maxShift, std::abs(p.shiftX), std::abs(p.shiftY)});
            flips += p.flip;
        }
        // The whole range is used, not a sliver of it.
        QVERIFY(minAngle < -0.95 * maxAngle && maxSeen > 0.95 * maxAngle);
        QVERIFY(minZoom < 0.81 && maxZoom > 1.19);
        QVERIFY(maxShift > 0.099);
        QVERIFY(std::abs(flips - n / 2) < n / 20);
    }

    void switchesZeroOnlyTheirOwnTransform()
    {
        const AugmentOptions all;
        AugmentOptions noRotation = all;
        noRotation.rotate = false;
        AugmentOptions nothing;
        nothing.horizontalFlip = nothing.rotate = nothing.zoom = nothing.translate = false;
        QVERIFY(!anyAugmentation(nothing));
        for (std::uint64_t seed = 0; seed < 50; ++seed) {
            const AugmentParams a = sampleAugmentParams(all, seed), b = sampleAugmentParams(noRotation, seed);
            QCOMPARE(b.rotationRad, 0.0);
            QCOMPARE(a.zoom, b.zoom);
            QCOMPARE(a.shiftX, b.shiftX);
            QCOMPARE(a.flip, b.flip);
            QVERIFY(isIdentity(sampleAugmentParams(nothing, seed)));
        }
        const cv::Mat image = pattern();
        QVERIFY(same(augmentImage(image, nothing, 5), image));
    }

    void flipMirrorsExactly()
    {
        const cv::Mat image = pattern();
        AugmentParams flip;
        flip.flip = true;
        cv::Mat expected;
        cv::flip(image, expected, 1);
        QVERIFY(same(applyAugmentation(image, flip), expected));
        // Through the warp (flip with a tiny shift of 0) the map is the same mirror.
        const cv::Matx23d m = augmentInverseMap(flip, image.size());
        QCOMPARE(m(0, 0), -1.0);
        QCOMPARE(m(0, 2), 63.0);
    }

    void rotationMovesAMarkCounterClockwise_data()
    {
        QTest::addColumn<double>("degrees");
        QTest::newRow("+90") << 90.0;
        QTest::newRow("-90") << -90.0;
        QTest::newRow("+30") << 30.0;
        QTest::newRow("-36 (Keras limit)") << -36.0;
    }

    void rotationMovesAMarkCounterClockwise()
    {
        QFETCH(double, degrees);
        // Mark 30 px right of the centre (50, 50). Counter-clockwise on screen (y down) by θ
        // takes (dx, dy) to (dx·cosθ + dy·sinθ, −dx·sinθ + dy·cosθ): +90° puts it above the centre.
        const cv::Mat image = markAt(80, 50);
        AugmentParams params;
        params.rotationRad = degrees * M_PI / 180.0;
        const cv::Point2d found = brightCentroid(applyAugmentation(image, params, FillMode::Constant));
        const double t = params.rotationRad;
        const cv::Point2d expected(50 + 30 * std::cos(t), 50 - 30 * std::sin(t));
        QVERIFY2(cv::norm(found - expected) < 0.6,
                 qPrintable(QString("mark at (%1, %2), expected (%3, %4)").arg(found.x).arg(found.y).arg(expected.x).arg(expected.y)));
    }

    void zoomAndTranslationMoveMarksByTheirFactors_data()
    {
        QTest::addColumn<double>("zoom");
        QTest::addColumn<double>("shiftX");
        QTest::addColumn<double>("shiftY");
        QTest::newRow("zoom in 0.8") << 0.8 << 0.0 << 0.0;
        QTest::newRow("zoom out 1.2") << 1.2 << 0.0 << 0.0;
        QTest::newRow("shift right 10%") << 1.0 << 0.1 << 0.0;
        QTest::newRow("shift up 10%") << 1.0 << 0.0 << -0.1;
        QTest::newRow("all") << 1.2 << -0.1 << 0.1;
    }

    void zoomAndTranslationMoveMarksByTheirFactors()
    {
        QFETCH(double, zoom);
        QFETCH(double, shiftX);
        QFETCH(double, shiftY);
        const cv::Mat image = markAt(70, 40);   // (+20, −10) from the centre
        AugmentParams params;
        params.zoom = zoom;
        params.shiftX = shiftX;
        params.shiftY = shiftY;
        const cv::Point2d found = brightCentroid(applyAugmentation(image, params, FillMode::Constant), 60);
        // Zoom factor z samples z× the area: offsets from the centre shrink by 1/z; then the shift.
        const cv::Point2d expected(50 + 20 / zoom + shiftX * 101, 50 - 10 / zoom + shiftY * 101);
        QVERIFY2(cv::norm(found - expected) < 0.6,
                 qPrintable(QString("mark at (%1, %2), expected (%3, %4)").arg(found.x).arg(found.y).arg(expected.x).arg(expected.y)));
    }

    void reflectFillIsKerasReflect()
    {
        // One row a..h shifted right by 2 px: Keras 'reflect' (d c b a | a b c d) gives b a a b c d e f.
        cv::Mat row(1, 8, CV_8U);
        for (int i = 0; i < 8; ++i)
            row.at<std::uint8_t>(0, i) = static_cast<std::uint8_t>(10 * (i + 1));
        AugmentParams params;
        params.shiftX = 2.0 / 8.0;
        const cv::Mat out = applyAugmentation(row, params, FillMode::Reflect);
        const std::uint8_t expected[] = {20, 10, 10, 20, 30, 40, 50, 60};
        for (int i = 0; i < 8; ++i)
            QCOMPARE(out.at<std::uint8_t>(0, i), expected[i]);
    }

    void reflectLeavesNoBlackCorners()
    {
        // The strongest transform the defaults allow: 36°, zoom out 20 %, 10 % shift.
        cv::Mat bright = pattern(96);
        bright.setTo(cv::Scalar(60), bright < 60);   // nothing dark in the source
        AugmentParams params;
        params.rotationRad = 0.1 * 2 * M_PI;
        params.zoom = 1.2;
        params.shiftX = 0.1;
        params.shiftY = -0.1;
        double minimum = 0;
        cv::minMaxLoc(applyAugmentation(bright, params, FillMode::Reflect), &minimum);
        QVERIFY(minimum >= 59);
        cv::minMaxLoc(applyAugmentation(bright, params, FillMode::Constant), &minimum);
        QCOMPARE(minimum, 0.0);   // the check would catch black corners
        cv::minMaxLoc(applyAugmentation(bright, params, FillMode::Nearest), &minimum);
        QVERIFY(minimum >= 59);
    }

    void keepsSizeTypeAndChannels()
    {
        cv::Mat colour(50, 70, CV_8UC3, cv::Scalar(10, 120, 240));
        const cv::Mat out = augmentImage(colour, AugmentOptions{}, 99);
        QCOMPARE(out.size(), colour.size());
        QCOMPARE(out.type(), CV_8UC3);
    }

    void optionsRoundTripThroughJson()
    {
        AugmentOptions options;
        options.horizontalFlip = false;
        options.rotationFactor = 0.05;
        options.zoom = false;
        options.translationFactor = 0.2;
        options.fillMode = FillMode::Wrap;
        const nlohmann::json json = options;
        const AugmentOptions back = json.get<AugmentOptions>();
        QCOMPARE(back.horizontalFlip, false);
        QCOMPARE(back.rotationFactor, 0.05);
        QCOMPARE(back.zoom, false);
        QCOMPARE(back.translationFactor, 0.2);
        QVERIFY(back.fillMode == FillMode::Wrap);
        QVERIFY(nlohmann::json::object().get<AugmentOptions>().rotate);   // missing keys → defaults
        QVERIFY_THROWS_EXCEPTION(Error, parseFillMode("mirror"));
    }
};

QTEST_APPLESS_MAIN(TestAugment)
#include "test_augment.moc"
