// Preprocessing: 8-bit radiograph → C×H×W float in [−1, 1], scaled exactly once, gray
// replicated to RGB, colour reordered BGR → RGB, any size resized to the model's.
#include "core/data/Preprocess.h"
#include "core/data/PreprocessImpl.h"
#include "core/util/Error.h"

#include <opencv2/core.hpp>

#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace kg;

class TestPreprocess : public QObject {
    Q_OBJECT

private slots:
    void everyGrayValueMapsToKerasScale()
    {
        // A 16×16 ramp holds all 256 values: each must become exactly v/127.5 − 1.
        cv::Mat ramp(16, 16, CV_8U);
        for (int i = 0; i < 256; ++i)
            ramp.at<std::uint8_t>(i / 16, i % 16) = static_cast<std::uint8_t>(i);
        PreprocessOptions options;
        options.imageSize = 16;
        const std::vector<float> out = preprocessForModel(ramp, options);
        QCOMPARE(out.size(), size_t(3 * 16 * 16));
        for (int c = 0; c < 3; ++c)
            for (int i = 0; i < 256; ++i)
                QVERIFY(std::abs(out[static_cast<size_t>(c * 256 + i)] - static_cast<float>(i / 127.5 - 1.0)) < 1e-6f);
        QCOMPARE(*std::min_element(out.begin(), out.end()), -1.0f);
        QCOMPARE(*std::max_element(out.begin(), out.end()), 1.0f);
    }

    void floatInputIsRejectedSoScalingHappensOnce()
    {
        // The tutorial's bug: preprocess_input applied to an already scaled image. Here a
        // second pass cannot compile into a silent squeeze; it is an error.
        cv::Mat once(8, 8, CV_32F, cv::Scalar(0.5));
        QVERIFY_THROWS_EXCEPTION(Error, toModelImage(once, {}));
        QVERIFY_THROWS_EXCEPTION(Error, preprocessForModel(once, {}));
        cv::Mat sixteen(8, 8, CV_16U, cv::Scalar(1000));
        QVERIFY_THROWS_EXCEPTION(Error, toModelImage(sixteen, {}));
        QVERIFY_THROWS_EXCEPTION(Error, toModelImage(cv::Mat(), {}));
    }

    void resizesToModelSize_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("imageSize");
        QTest::newRow("same 224") << 224 << 224 << 224;
        QTest::newRow("shrink 1000×800") << 1000 << 800 << 224;
        QTest::newRow("enlarge 100×60") << 100 << 60 << 224;
        QTest::newRow("small model 64") << 224 << 224 << 64;
    }

    void resizesToModelSize()
    {
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(int, imageSize);
        cv::Mat image(height, width, CV_8U);
        cv::randu(image, 0, 256);
        PreprocessOptions options;
        options.imageSize = imageSize;
        const cv::Mat model = toModelImage(image, options);
        QCOMPARE(model.cols, imageSize);
        QCOMPARE(model.rows, imageSize);
        QCOMPARE(model.type(), CV_8UC1);
        const torch::Tensor tensor = preprocessToTensor(image, options);
        QCOMPARE(tensor.sizes().vec(), (std::vector<std::int64_t>{1, 3, imageSize, imageSize}));
        QCOMPARE(tensor.scalar_type(), torch::kFloat32);
        QVERIFY(tensor.min().item<float>() >= -1.0f);
        QVERIFY(tensor.max().item<float>() <= 1.0f);
    }

    void grayIsReplicatedToThreeChannels()
    {
        cv::Mat image(32, 32, CV_8U);
        cv::randu(image, 0, 256);
        PreprocessOptions options;
        options.imageSize = 32;
        const torch::Tensor t = preprocessToTensor(image, options);
        QVERIFY(torch::equal(t[0][0], t[0][1]));
        QVERIFY(torch::equal(t[0][0], t[0][2]));
        options.channels = 1;
        QCOMPARE(preprocessToTensor(image, options).size(1), 1);
    }

    void colourComesOutRgb()
    {
        cv::Mat bgr(16, 16, CV_8UC3, cv::Scalar(255, 0, 0));   // pure blue in OpenCV's BGR
        PreprocessOptions options;
        options.imageSize = 16;
        const torch::Tensor t = preprocessToTensor(bgr, options);
        QCOMPARE(t[0][0].max().item<float>(), -1.0f);   // R
        QCOMPARE(t[0][1].max().item<float>(), -1.0f);   // G
        QCOMPARE(t[0][2].min().item<float>(), 1.0f);    // B
        cv::Mat bgra(16, 16, CV_8UC4, cv::Scalar(0, 0, 255, 7));
        QCOMPARE(preprocessToTensor(bgra, options)[0][0].min().item<float>(), 1.0f);   // red stays red
        options.channels = 1;
        QCOMPARE(toModelImage(bgr, options).type(), CV_8UC1);
    }

    void badOptionsAreErrors()
    {
        cv::Mat image(8, 8, CV_8U, cv::Scalar(0));
        PreprocessOptions options;
        options.channels = 2;
        QVERIFY_THROWS_EXCEPTION(Error, toModelImage(image, options));
        options = {};
        options.imageSize = 0;
        QVERIFY_THROWS_EXCEPTION(Error, toModelImage(image, options));
        // writeModelInput refuses an image that skipped toModelImage.
        std::vector<float> buffer(3 * 224 * 224);
        QVERIFY_THROWS_EXCEPTION(Error, writeModelInput(image, PreprocessOptions{}, buffer.data()));
    }
};

QTEST_APPLESS_MAIN(TestPreprocess)
#include "test_preprocess.moc"
