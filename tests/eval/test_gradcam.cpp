// Grad-CAM: the maths against a hand computation, and localisation on a model that learnt
// that a bright blob's quadrant is the class (so the evidence is known to lie there).
#include "core/eval/GradCamImpl.h"
#include "core/eval/Predictor.h"
#include "core/model/Checkpoint.h"
#include "core/model/ModelImpl.h"
#include "core/util/Error.h"

#include <QElapsedTimer>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

#include <array>

namespace {

constexpr int kSide = 128;      // post_relu is 4×4: two cells per quadrant side
constexpr int kTrainingSteps = 30;

kg::ModelOptions tinyOptions(int classes)
{
    kg::ModelOptions options;
    options.backbone = kg::parseArchitecture("resnetv2-tiny");
    options.head.hiddenUnits = {};
    options.head.dropout = 0.0;
    options.head.numClasses = classes;
    options.seed = 7;
    return options;
}

/// 8-bit gray picture: dim noisy background and, when quadrant ≥ 0, a bright Gaussian blob in
/// that quadrant (0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right).
torch::Tensor blobPicture(int quadrant, torch::Generator& generator, int width = kSide, int height = kSide)
{
    auto ys = torch::arange(height, torch::kFloat32).view({height, 1});
    auto xs = torch::arange(width, torch::kFloat32).view({1, width});
    torch::Tensor picture = 40.0 + torch::rand({height, width}, generator) * 60.0;
    if (quadrant >= 0) {
        const double cx = (quadrant % 2 == 0 ? 0.25 : 0.75) * width +
                          (torch::rand({1}, generator).item<double>() - 0.5) * 0.2 * width;
        const double cy = (quadrant < 2 ? 0.25 : 0.75) * height +
                          (torch::rand({1}, generator).item<double>() - 0.5) * 0.2 * height;
        const double sigma = 0.06 * std::min(width, height);
        picture = picture + 150.0 * torch::exp(-((xs - cx).pow(2) + (ys - cy).pow(2)) / (2 * sigma * sigma));
    }
    return picture.clamp(0, 255).round();
}

/// As the data pipeline does it: gray replicated to RGB, x/127.5 − 1.
torch::Tensor toInput(const torch::Tensor& gray)
{
    return (gray / 127.5 - 1.0).unsqueeze(0).expand({3, gray.size(0), gray.size(1)}).contiguous();
}

int quadrantOfPeak(const kg::HeatMap& map)
{
    const auto it = std::max_element(map.values.begin(), map.values.end());
    const auto index = static_cast<int>(it - map.values.begin());
    const int x = index % map.width, y = index / map.width;
    return (y >= map.height / 2 ? 2 : 0) + (x >= map.width / 2 ? 1 : 0);
}

/// Trains the tiny network to tell "a blob somewhere" (class 1) from "no blob" (class 0): the
/// evidence for class 1 is the blob, wherever it is. A few seconds on two cores.
kg::Model trainBlobModel()
{
    kg::Model model(tinyOptions(2));
    auto& net = model.impl().net;
    // Keras' BN momentum (0.99) lags far behind in a short run; inference needs settled statistics.
    for (auto& module : net->modules(false))
        if (auto* bn = module->as<torch::nn::BatchNorm2dImpl>())
            bn->options.momentum(0.2);
    torch::Generator generator = at::detail::createCPUGenerator(11);
    torch::optim::Adam optimiser(net->parameters(), torch::optim::AdamOptions(3e-3));
    net->train();
    for (int step = 0; step < kTrainingSteps; ++step) {
        std::vector<torch::Tensor> images;
        std::vector<int64_t> labels;
        for (int i = 0; i < 16; ++i) {
            const bool blob = i % 2 == 1;
            images.push_back(toInput(blobPicture(blob ? (step + i / 2) % 4 : -1, generator)));
            labels.push_back(blob ? 1 : 0);
        }
        const auto logits = net->forward(model.impl().prepareInput(torch::stack(images))).logits;
        const auto loss = torch::nn::functional::cross_entropy(logits, torch::tensor(labels));
        optimiser.zero_grad();
        loss.backward();
        optimiser.step();
    }
    net->eval();
    return model;
}

} // namespace

class TestGradCam : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        torch::manual_seed(3);
        torch::set_num_threads(2);
    }

    /// With average pooling and a linear head the channel weights are W[k,c]/(h·w), so
    /// Grad-CAM must equal ReLU(Σ_c W[k,c]·A_c) normalised (Zhou et al.'s CAM).
    void matchesHandComputedCam_data()
    {
        QTest::addColumn<int>("target");
        QTest::newRow("predicted") << -1;
        QTest::newRow("grade 0") << 0;
        QTest::newRow("grade 3") << 3;
    }
    void matchesHandComputedCam()
    {
        QFETCH(int, target);
        kg::Model model(tinyOptions(5));
        const torch::Tensor images = torch::rand({2, 3, 96, 96}) * 2 - 1;
        const kg::GradCamResult cam = kg::computeGradCam(model.impl(), images, {target, target});
        QCOMPARE(cam.maps.sizes(), (c10::IntArrayRef{2, 3, 3}));

        torch::NoGradGuard noGrad;
        model.impl().net->eval();
        const auto out = model.impl().net->forward(model.impl().prepareInput(images));
        const torch::Tensor weight = model.impl().net->head()->layers().back()->weight;  // K×C
        for (int64_t i = 0; i < 2; ++i) {
            // "predicted": the class Grad-CAM's own forward pass ranks first. Its logits match
            // these only to float rounding (see below), so on a near-tie it may pick the other
            // of two classes; it must be a maximum of these logits to that tolerance.
            const int k = target >= 0 ? target : cam.targets[static_cast<size_t>(i)];
            QCOMPARE(cam.targets[static_cast<size_t>(i)], k);
            if (target < 0)
                QVERIFY(out.logits[i][k].item<double>() >= out.logits[i].max().item<double>() - 1e-4);
            torch::Tensor expected = torch::relu((weight[k].view({-1, 1, 1}) * out.featureMap[i]).sum(0));
            expected = expected / expected.max().clamp_min(1e-30);
            QVERIFY2(torch::allclose(cam.maps[i], expected.to(torch::kCPU), 1e-4, 1e-5),
                     qPrintable(QString::fromStdString(c10::str(cam.maps[i], "\nexpected\n", expected))));
            QVERIFY(torch::allclose(cam.logits[i], out.logits[i].to(torch::kCPU), 1e-4, 1e-5));
        }
        // Parameter gradients are untouched: Grad-CAM must not disturb a training run.
        for (const auto& p : model.impl().net->parameters())
            QVERIFY(!p.grad().defined() || p.grad().abs().sum().item<double>() == 0.0);
    }

    void rejectsBadTargets()
    {
        kg::Model model(tinyOptions(5));
        QVERIFY_THROWS_EXCEPTION(kg::Error, kg::computeGradCam(model.impl(), torch::zeros({1, 3, 64, 64}), {5}));
        QVERIFY_THROWS_EXCEPTION(kg::Error, kg::computeGradCam(model.impl(), torch::zeros({2, 3, 64, 64}), {1}));
    }

    /// The heatmap of a model that learnt "is there a blob?" peaks at the blob, through the
    /// public Predictor on PNG files of a size unlike the model's input.
    void peaksWhereTheEvidenceIs()
    {
        QElapsedTimer timer;
        timer.start();
        kg::Model model = trainBlobModel();
        qInfo("trained the blob detector in %lld ms", static_cast<long long>(timer.elapsed()));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        kg::CheckpointMeta meta;
        meta.preprocessing.imageSize = kSide;
        meta.classNames = {"no blob", "blob"};
        const std::string checkpoint = dir.filePath(QStringLiteral("blob.kgckpt")).toStdString();
        kg::saveCheckpoint(checkpoint, model, meta);

        // Non-square files, larger than the input: the map must be upsampled to the image.
        const int width = 200, height = 152;
        torch::Generator generator = at::detail::createCPUGenerator(99);
        std::vector<std::string> paths;
        std::vector<int> quadrants;
        for (int i = 0; i < 16; ++i) {
            const int q = i < 12 ? i % 4 : -1;
            const torch::Tensor gray = blobPicture(q, generator, width, height).to(torch::kUInt8).contiguous();
            QImage image(gray.data_ptr<uint8_t>(), width, height, width, QImage::Format_Grayscale8);
            const QString path = dir.filePath(QStringLiteral("blob%1.png").arg(i));
            QVERIFY(image.copy().save(path));
            paths.push_back(path.toStdString());
            quadrants.push_back(q);
        }

        kg::PredictorOptions options;
        options.checkpoint = checkpoint;
        options.runtime.device = kg::DevicePreference::Cpu;
        kg::Predictor predictor(options);
        kg::GradCamOptions gradCam;
        gradCam.enabled = true;
        gradCam.targetGrade = 1;  // explain "blob", also where the model says "no blob"
        gradCam.alpha = 0.5;
        const auto predictions = predictor.predictFiles(paths, gradCam);
        QCOMPARE(predictions.size(), paths.size());
        int correctClass = 0, correctPeak = 0;
        for (size_t i = 0; i < predictions.size(); ++i) {
            const kg::Prediction& p = predictions[i];
            QVERIFY2(p.ok(), p.error.c_str());
            QCOMPARE(p.heatmap.width, width);
            QCOMPARE(p.heatmap.height, height);
            QCOMPARE(p.overlay.width, width);
            QCOMPARE(p.overlay.height, height);
            QCOMPARE(p.overlay.pixels.size(), size_t(width * height * 3));
            QCOMPARE(p.explainedGrade, 1);
            const auto [lo, hi] = std::minmax_element(p.heatmap.values.begin(), p.heatmap.values.end());
            QVERIFY(*lo >= 0.0f && *hi <= 1.0f);
            correctClass += p.grade == (quadrants[i] >= 0 ? 1 : 0);
            if (quadrants[i] >= 0)
                correctPeak += quadrantOfPeak(p.heatmap) == quadrants[i];
        }
        qInfo("classified %d/16, heatmap peak in the blob's quadrant %d/12 (%lld ms in all)", correctClass, correctPeak,
              static_cast<long long>(timer.elapsed()));
        QVERIFY2(correctClass >= 15, qPrintable(QStringLiteral("the blob model classified only %1/16").arg(correctClass)));
        QVERIFY2(correctPeak >= 11, qPrintable(QStringLiteral("the heatmap peaked at the blob in only %1/12").arg(correctPeak)));
    }

    void overlayBlendsAtImageSize()
    {
        kg::RgbImage image{10, 6, std::vector<std::uint8_t>(10 * 6 * 3, 100)};
        kg::HeatMap map{2, 2, {0.0f, 1.0f, 0.0f, 1.0f}};
        const kg::RgbImage none = kg::overlayHeatMap(image, map, 0.0, kg::Colormap::Jet);
        QCOMPARE(none.width, 10);
        QCOMPARE(none.height, 6);
        QVERIFY(none.pixels == image.pixels);
        const kg::RgbImage full = kg::overlayHeatMap(image, map, 1.0, kg::Colormap::Jet);
        // Jet: low heat is blue, high heat is red.
        const auto pixel = [&](int x, int y) { return &full.pixels[static_cast<size_t>(y * 10 + x) * 3]; };
        QVERIFY(pixel(0, 3)[2] > 100 && pixel(0, 3)[0] < 50);
        QVERIFY(pixel(9, 3)[0] > 100 && pixel(9, 3)[2] < 50);
        QVERIFY_THROWS_EXCEPTION(kg::Error, kg::overlayHeatMap(kg::RgbImage{}, map, 0.5, kg::Colormap::Turbo));
    }
};

QTEST_GUILESS_MAIN(TestGradCam)
#include "test_gradcam.moc"
