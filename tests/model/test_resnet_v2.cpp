// ResNetV2 family against Keras: parameter counts from model.summary(), shapes, layer names,
// strides, biases, zero-padded max-pool, BN constants, initialisation.
#include "core/model/Model.h"
#include "core/model/ModelImpl.h"
#include "core/model/ResNetV2.h"
#include "core/util/Error.h"

#include <QtTest>

using namespace kg;

namespace {

ModelOptions optionsFor(const QString& arch, const QString& variant)
{
    ModelOptions options;
    options.backbone = parseArchitecture(arch.toStdString());
    options.head.enabled = variant == "head";
    options.backbone.imagenetTop = variant == "top";
    return options;
}

torch::nn::Module& child(torch::nn::Module& root, const std::string& path)
{
    auto modules = root.named_modules();
    if (!modules.contains(path))
        throw std::runtime_error("no module " + path);
    return *modules[path];
}

} // namespace

class TestResNetV2 : public QObject {
    Q_OBJECT

private slots:
    void keras_parameter_counts_data()
    {
        QTest::addColumn<QString>("arch");
        QTest::addColumn<QString>("variant");  // notop | top | head
        QTest::addColumn<qint64>("total");
        QTest::addColumn<qint64>("bnStatistics");
        QTest::addColumn<int>("weightedLayers");
        // Totals from Keras model.summary() (moving mean/variance counted as non-trainable).
        QTest::newRow("152v2 notop") << "resnet152v2" << "notop" << qint64(58331648) << qint64(143744) << 306;
        QTest::newRow("152v2 top") << "resnet152v2" << "top" << qint64(60380648) << qint64(143744) << 307;
        QTest::newRow("152v2 tutorial head") << "resnet152v2" << "head" << qint64(58594565) << qint64(143744) << 308;
        QTest::newRow("101v2 notop") << "resnet101v2" << "notop" << qint64(42626560) << qint64(97664) << 204;
        QTest::newRow("101v2 top") << "resnet101v2" << "top" << qint64(44675560) << qint64(97664) << 205;
        QTest::newRow("50v2 notop") << "resnet50v2" << "notop" << qint64(23564800) << qint64(45440) << 102;
        QTest::newRow("50v2 top") << "resnet50v2" << "top" << qint64(25613800) << qint64(45440) << 103;
    }

    void keras_parameter_counts()
    {
        QFETCH(QString, arch);
        QFETCH(QString, variant);
        QFETCH(qint64, total);
        QFETCH(qint64, bnStatistics);
        QFETCH(int, weightedLayers);
        const Model model(optionsFor(arch, variant));
        const ParameterCounts counts = model.parameterCounts();
        QCOMPARE(counts.total(), total);
        QCOMPARE(counts.bnStatistics, bnStatistics);
        QCOMPARE(counts.trainable, total - bnStatistics);
        QCOMPARE(model.weightedLayerCount(), weightedLayers);
    }

    void resnet152v2_trainable_split()
    {
        const Model model(optionsFor("resnet152v2", "head"));
        const auto counts = model.parameterCounts();
        QCOMPARE(counts.backboneTrainable, qint64(58187904));
        QCOMPARE(counts.headTrainable, qint64(2048 * 128 + 128 + 128 * 5 + 5));
    }

    void resnet152v2_feature_map_shape()
    {
        Model model(optionsFor("resnet152v2", "head"));
        QCOMPARE(model.featureMapShape(224), (std::vector<std::int64_t>{7, 7, 2048}));
        // A real forward pass, at 64 px to stay cheap: post_relu is 2×2×2048, logits 5.
        torch::NoGradGuard noGrad;
        auto& impl = model.impl();
        impl.net->eval();
        const auto out = impl.net->forward(impl.prepareInput(torch::randn({1, 3, 64, 64})));
        QCOMPARE(out.featureMap.sizes().vec(), (std::vector<int64_t>{1, 2048, 2, 2}));
        QCOMPARE(model.featureMapShape(64), (std::vector<std::int64_t>{2, 2, 2048}));
        QCOMPARE(out.logits.sizes().vec(), (std::vector<int64_t>{1, 5}));
    }

    void analytic_shapes_match_forward_data()
    {
        QTest::addColumn<int>("side");
        for (int side : {32, 45, 64, 72, 100, 129})
            QTest::addRow("%d px", side) << side;
    }

    void analytic_shapes_match_forward()
    {
        QFETCH(int, side);
        Model model(optionsFor("resnetv2:1,2,1,2:4", "head"));
        torch::NoGradGuard noGrad;
        model.impl().net->eval();
        const auto out = model.impl().net->forward(torch::randn({1, 3, side, side}));
        const auto shape = model.featureMapShape(side);
        QCOMPARE(out.featureMap.size(2), shape[0]);
        QCOMPARE(out.featureMap.size(3), shape[1]);
        QCOMPARE(out.featureMap.size(1), shape[2]);
        const auto rows = model.summary(side);
        QCOMPARE(rows.back().name, std::string("dense_1"));
        QCOMPARE(rows.front().name, std::string("conv1_conv"));
    }

    void keras_layer_names_strides_and_biases()
    {
        Model model(optionsFor("resnet152v2", "head"));
        auto& net = *model.impl().net;
        std::set<std::string> names;
        for (const auto& item : net.named_modules("", false))
            names.insert(nn::kerasLayerName(item.key()));
        for (const char* expected : {"conv1_conv", "conv2_block1_preact_bn", "conv2_block1_0_conv", "conv2_block1_1_conv",
                                     "conv2_block1_1_bn", "conv2_block1_2_conv", "conv2_block1_2_bn", "conv2_block1_3_conv",
                                     "conv3_block8_3_conv", "conv4_block36_3_conv", "conv5_block3_3_conv", "post_bn",
                                     "dense", "dense_1"})
            QVERIFY2(names.count(expected), expected);
        QVERIFY(!names.count("conv2_block2_0_conv"));  // conv shortcut only in the first block of a stack

        auto conv = [&](const std::string& path) { return child(net, path).as<torch::nn::Conv2dImpl>(); };
        QVERIFY(conv("backbone.conv1_conv")->bias.defined());
        QVERIFY(conv("backbone.conv2_block1.0_conv")->bias.defined());
        QVERIFY(!conv("backbone.conv2_block1.1_conv")->bias.defined());
        QVERIFY(!conv("backbone.conv2_block1.2_conv")->bias.defined());
        QVERIFY(conv("backbone.conv2_block1.3_conv")->bias.defined());
        // Stride sits in the last block of conv2..conv4; conv5 has none.
        auto stride = [&](const std::string& path) { return conv(path)->options.stride()->at(0); };
        QCOMPARE(stride("backbone.conv2_block3.2_conv"), int64_t(2));
        QCOMPARE(stride("backbone.conv2_block1.2_conv"), int64_t(1));
        QCOMPARE(stride("backbone.conv3_block8.2_conv"), int64_t(2));
        QCOMPARE(stride("backbone.conv4_block36.2_conv"), int64_t(2));
        QCOMPARE(stride("backbone.conv5_block3.2_conv"), int64_t(1));
        QCOMPARE(stride("backbone.conv1_conv"), int64_t(2));

        auto* bn = child(net, "backbone.post_bn").as<torch::nn::BatchNorm2dImpl>();
        QCOMPARE(bn->options.eps(), 1.001e-5);
        QCOMPARE(bn->options.momentum().value(), 0.01);  // Keras momentum 0.99
    }

    void max_pool_pads_with_zeros()
    {
        // Keras pads the pool input with zeros: on an all-negative map, border windows see 0.
        const torch::Tensor x = torch::full({1, 1, 4, 4}, -1.0f);
        const torch::Tensor pooled = nn::zeroPaddedMaxPool(x);
        QCOMPARE(pooled.sizes().vec(), (std::vector<int64_t>{1, 1, 2, 2}));
        QCOMPARE(pooled[0][0][0][0].item<float>(), 0.0f);
        const torch::Tensor wrong = torch::max_pool2d(x, {3, 3}, {2, 2}, {1, 1});
        QCOMPARE(wrong[0][0][0][0].item<float>(), -1.0f);  // what padding=1 would have given
    }

    void keras_initialisation_is_seeded()
    {
        auto options = optionsFor("resnetv2-tiny", "head");
        Model a(options), b(options);
        options.seed = 7;
        Model c(options);
        auto first = [](Model& m) { return m.impl().net->named_parameters()["backbone.conv1_conv.weight"].clone(); };
        QVERIFY(torch::equal(first(a), first(b)));
        QVERIFY(!torch::equal(first(a), first(c)));
        // glorot_uniform: |w| ≤ sqrt(6 / (fan_in + fan_out)), biases zero.
        const auto w = first(a);
        const double limit = std::sqrt(6.0 / (3 * 49 + 8 * 49));
        QVERIFY(w.abs().max().item<double>() <= limit + 1e-7);
        QVERIFY(w.abs().max().item<double>() > 0.5 * limit);
        QCOMPARE(a.impl().net->named_parameters()["backbone.conv1_conv.bias"].abs().sum().item<double>(), 0.0);
    }

    void architecture_names_round_trip_data()
    {
        QTest::addColumn<QString>("spec");
        for (const char* spec : {"resnet50v2", "resnet101v2", "resnet152v2", "resnetv2:1,1,1,1:8", "resnetv2:2,3,4,2:16"})
            QTest::newRow(spec) << spec;
    }

    void architecture_names_round_trip()
    {
        QFETCH(QString, spec);
        QCOMPARE(QString::fromStdString(architectureName(parseArchitecture(spec.toStdString()))), spec);
    }

    void bad_architecture_is_a_clear_error()
    {
        for (const char* spec : {"resnet18", "resnetv2:1,1,1:8", "resnetv2:1,0,1,1:8", "resnetv2:a,b,c,d:8"}) {
            try {
                parseArchitecture(spec);
                QFAIL(spec);
            } catch (const Error& e) {
                QVERIFY2(std::string(e.what()).find("architecture") != std::string::npos, e.what());
            }
        }
    }

    void head_requires_pooling()
    {
        auto options = optionsFor("resnetv2-tiny", "head");
        options.backbone.pooling = Pooling::None;
        QVERIFY_THROWS_EXCEPTION(Error, Model{options});
    }

    void in_place_activations_change_no_value_or_gradient()
    {
        // The blocks' in-place ReLUs and residual additions (the default) against the
        // out-of-place form: the same logits, stage means and parameter gradients, bit for bit,
        // in training mode (BN batch statistics) and in eval mode.
        ModelOptions options;
        options.backbone = parseArchitecture("resnetv2:2,1,2,1:8");
        options.head.hiddenUnits = {16};
        options.head.dropout = 0.0;
        Model inPlace(options), outOfPlace(options);
        outOfPlace.impl().net->backbone()->setInPlaceActivations(false);
        const torch::Tensor images = at::rand({4, 3, 40, 40}, at::detail::createCPUGenerator(3)) * 2 - 1;
        const torch::Tensor labels = torch::tensor({0, 1, 2, 3}, torch::kInt64);
        for (const bool training : {true, false}) {
            std::vector<torch::Tensor> logits, grads;
            std::vector<std::vector<torch::Tensor>> stages(2);
            for (Model* m : {&inPlace, &outOfPlace}) {
                Model::Impl& impl = m->impl();
                impl.net->train(training);
                impl.net->zero_grad();
                const nn::ClassifierOutput out = impl.net->forward(impl.prepareInput(images), /*stageFeatures=*/true);
                torch::nll_loss(torch::log_softmax(out.logits, 1), labels).backward();
                logits.push_back(out.logits.detach());
                stages[m == &inPlace ? 0 : 1] = out.stages;
                for (const auto& p : impl.net->parameters())
                    grads.push_back(p.grad().clone());
            }
            QVERIFY(torch::equal(logits[0], logits[1]));
            for (size_t i = 0; i < stages[0].size(); ++i)
                QVERIFY(torch::equal(stages[0][i], stages[1][i]));
            const size_t n = grads.size() / 2;
            for (size_t i = 0; i < n; ++i)
                QVERIFY2(torch::equal(grads[i], grads[n + i]), qPrintable(QString("gradient %1, training %2").arg(i).arg(training)));
        }
    }
};

QTEST_GUILESS_MAIN(TestResNetV2)
#include "test_resnet_v2.moc"
