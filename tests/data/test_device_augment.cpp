// Preprocessing finished on the device (DeviceAugment.h): the same warp, fill modes, channel
// replication and scaling as the host path (Augment.h + writeModelInput), to within the
// interpolation difference the header states, and the loader's device delivery giving the
// batches its host delivery gives. The "device" here is the CPU: the tensor operations are the
// ones a GPU runs.
#include "core/data/Augment.h"
#include "core/data/DeviceAugment.h"
#include "core/data/Loader.h"
#include "core/data/Preprocess.h"
#include "core/util/Error.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QTemporaryDir>
#include <QtTest>

using namespace kg;

namespace {

/// Smooth gradients plus a few hard edges, with detail up to the border, so a wrong map, a
/// wrong fill or a wrong flip direction all show.
cv::Mat texture(int size, int variant = 0)
{
    cv::Mat image(size, size, CV_8U);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x)
            image.at<std::uint8_t>(y, x) =
                static_cast<std::uint8_t>(30 + (x * 140) / size + (y * 50) / size + 20 * ((x / 7 + y / 11 + variant) % 2));
    cv::circle(image, {size / 3, size / 4}, size / 7, cv::Scalar(245), -1);
    cv::rectangle(image, {size / 2, size / 2 + variant}, {size - 4, size - 9}, cv::Scalar(5), -1);
    return image;
}

torch::Tensor pixelsOf(const cv::Mat& image)
{
    return torch::from_blob(image.data, {1, 1, image.rows, image.cols}, torch::kUInt8).clone();
}

/// 8-bit gray image as a float tensor in grey levels (1×1×H×W).
torch::Tensor levelsOf(const cv::Mat& image)
{
    return pixelsOf(image).to(torch::kFloat32);
}

/// The device path in grey levels: warp only, scale 1, offset 0.
torch::Tensor deviceWarp(const cv::Mat& image, const AugmentParams& params, FillMode fill)
{
    const cv::Matx23d map = augmentInverseMap(params, image.size());
    const torch::Tensor maps = torch::from_blob(const_cast<double*>(map.val), {1, 2, 3}, torch::kFloat64).clone();
    return warpImages(levelsOf(image), normalisedWarps(maps, image.cols, image.rows), fill);
}

struct Difference {
    double mean = 0, max = 0;
};

Difference difference(const torch::Tensor& a, const torch::Tensor& b)
{
    const torch::Tensor d = (a - b).abs();
    return {d.mean().item<double>(), d.max().item<double>()};
}

} // namespace

class TestDeviceAugment : public QObject {
    Q_OBJECT

private slots:
    void identityAndFlipAreExact()
    {
        const cv::Mat image = texture(48);
        const Difference identity = difference(deviceWarp(image, AugmentParams{}, FillMode::Reflect), levelsOf(image));
        QVERIFY2(identity.max < 1e-3, qPrintable(QString::number(identity.max)));
        AugmentParams flip;
        flip.flip = true;
        cv::Mat mirrored;
        cv::flip(image, mirrored, 1);
        const Difference flipped = difference(deviceWarp(image, flip, FillMode::Reflect), levelsOf(mirrored));
        QVERIFY2(flipped.max < 1e-3, qPrintable(QString::number(flipped.max)));
    }

    /// The Keras draws of 40 samples, warped both ways: OpenCV's 8-bit warp (1/32-pixel
    /// coordinates, rounded) and the device's float warp differ by about a grey level at most
    /// where the image has detail, far less on average. A transposed map, a flip the wrong
    /// way or a shift in the wrong unit gives tens of levels.
    void randomAugmentationsMatchTheHostWarp()
    {
        const cv::Mat image = texture(96);
        const AugmentOptions options;
        double worstMean = 0, worstMax = 0;
        for (std::uint64_t seed = 1; seed <= 40; ++seed) {
            const AugmentParams params = sampleAugmentParams(options, seed * 7919);
            const Difference d = difference(deviceWarp(image, params, options.fillMode),
                                            levelsOf(applyAugmentation(image, params, options.fillMode)));
            worstMean = std::max(worstMean, d.mean);
            worstMax = std::max(worstMax, d.max);
        }
        qInfo("worst mean %.3f, max %.3f grey levels", worstMean, worstMax);
        QVERIFY2(worstMean < 0.3 && worstMax <= 6.0, qPrintable(QString("mean %1, max %2").arg(worstMean).arg(worstMax)));
    }

    /// Zoomed out and shifted, so a third of the output comes from outside the image.
    void fillModesMatchOpenCvBorders()
    {
        const cv::Mat image = texture(64);
        AugmentParams params;
        params.zoom = 1.35;
        params.shiftX = 0.12;
        params.shiftY = -0.09;
        params.rotationRad = 0.3;
        for (const FillMode fill : {FillMode::Reflect, FillMode::Nearest, FillMode::Constant}) {
            const Difference d = difference(deviceWarp(image, params, fill), levelsOf(applyAugmentation(image, params, fill)));
            QVERIFY2(d.mean < 0.3 && d.max <= 6.0,
                     qPrintable(QString("%1: mean %2, max %3").arg(toString(fill).c_str()).arg(d.mean).arg(d.max)));
        }
        // The modes differ from each other by far more than from OpenCV: the comparison sees fills.
        const Difference reflectVsConstant =
            difference(deviceWarp(image, params, FillMode::Reflect), deviceWarp(image, params, FillMode::Constant));
        QVERIFY(reflectVsConstant.mean > 10.0);
    }

    void wrapFillHasNoDeviceForm()
    {
        QVERIFY(!deviceWarpSupports(FillMode::Wrap));
        QVERIFY(deviceWarpSupports(FillMode::Reflect) && deviceWarpSupports(FillMode::Nearest) &&
                deviceWarpSupports(FillMode::Constant));
        const torch::Tensor theta = torch::zeros({1, 2, 3});
        QVERIFY_THROWS_EXCEPTION(Error, warpImages(torch::zeros({1, 1, 8, 8}), theta, FillMode::Wrap));
    }

    /// Gray pixels become options.channels identical planes scaled exactly as writeModelInput.
    void finishingMatchesWriteModelInput()
    {
        const cv::Mat image = texture(40, 1);
        PreprocessOptions options;
        options.imageSize = 40;
        std::vector<float> host(3 * 40 * 40);
        writeModelInput(image, options, host.data());
        const torch::Tensor expected = torch::from_blob(host.data(), {1, 3, 40, 40}, torch::kFloat32);
        const torch::Tensor finished = finishPixels(pixelsOf(image), {}, options, FillMode::Reflect);
        QCOMPARE(finished.sizes(), expected.sizes());
        QVERIFY(finished.scalar_type() == torch::kFloat32);
        QVERIFY((finished - expected).abs().max().item<double>() < 1e-6);
        QVERIFY_THROWS_EXCEPTION(Error, finishPixels(torch::zeros({1, 2, 40, 40}, torch::kUInt8), {}, options, FillMode::Reflect));
        QVERIFY_THROWS_EXCEPTION(Error, finishPixels(torch::zeros({1, 3, 40, 40}), {}, options, FillMode::Reflect));
    }

    /// The loader delivering 8-bit pixels finished "on the device" gives the host delivery's
    /// batches: same samples and labels, images equal up to the warp's interpolation. A batch
    /// mixes gray and colour files (the pixels then travel as three planes).
    void loaderDeviceDeliveryMatchesHostDelivery_data()
    {
        QTest::addColumn<int>("fill");
        QTest::newRow("reflect") << static_cast<int>(FillMode::Reflect);
        QTest::newRow("wrap (warped on the host)") << static_cast<int>(FillMode::Wrap);
    }
    void loaderDeviceDeliveryMatchesHostDelivery()
    {
        QFETCH(int, fill);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        std::vector<DatasetItem> items;
        for (int i = 0; i < 11; ++i) {
            cv::Mat image = texture(70 + 3 * i, i);
            if (i % 4 == 3) {  // a colour file among the gray ones
                cv::Mat colour;
                cv::cvtColor(image, colour, cv::COLOR_GRAY2BGR);
                colour.forEach<cv::Vec3b>([](cv::Vec3b& p, const int*) { p[2] = static_cast<std::uint8_t>(255 - p[2]); });
                image = colour;
            }
            const std::string path = dir.filePath(QString("img%1.png").arg(i)).toStdString();
            QVERIFY(cv::imwrite(path, image));
            items.push_back({path, i % 5, "p" + std::to_string(i)});
        }
        LoaderOptions options;
        options.batchSize = 4;
        options.workers = 2;
        options.shuffle = true;
        options.augment = true;
        options.augmentation.fillMode = static_cast<FillMode>(fill);
        PreprocessOptions preprocessing;
        preprocessing.imageSize = 64;
        DataLoader host(items, options, preprocessing);
        DataLoader device(items, options, preprocessing, {}, BatchDelivery{torch::Device(torch::kCPU), false});
        for (int epoch = 0; epoch < 2; ++epoch) {
            host.startEpoch(epoch);
            device.startEpoch(epoch);
            int batches = 0;
            while (auto expected = host.next()) {
                auto got = device.next();
                QVERIFY(got.has_value());
                QCOMPARE(got->indices, expected->indices);
                QVERIFY(torch::equal(got->labels, expected->labels));
                QCOMPARE(got->images.sizes(), expected->images.sizes());
                // In [-1, 1] units: a grey level is 0.0078.
                const Difference d = difference(got->images, expected->images);
                QVERIFY2(d.mean < 0.3 / 127.5 && d.max <= 6.0 / 127.5,
                         qPrintable(QString("epoch %1 batch %2: mean %3, max %4").arg(epoch).arg(batches).arg(d.mean).arg(d.max)));
                ++batches;
            }
            QVERIFY(!device.next().has_value());
            QCOMPARE(batches, 3);
        }
    }
};

QTEST_GUILESS_MAIN(TestDeviceAugment)
#include "test_device_augment.moc"
