// BatchNorm folding for inference (core/model/BatchNormFolding.h): the folded forward pass
// gives the eval-mode logits, features and stage means of the unfolded one to float
// tolerance (random BN statistics, strided blocks, conv shortcuts, CPU channels-last); the
// network's weights and its checkpoint are untouched; the fold follows weight changes; it is
// never used in training mode or with parameter gradients; classifyBatch (evaluation,
// prediction), BatchForward (validation, a frozen backbone's features) and Grad-CAM use it.
#include "core/eval/EvaluatorImpl.h"
#include "core/eval/GradCamImpl.h"
#include "core/model/BatchForward.h"
#include "core/model/BatchNormFolding.h"
#include "core/model/Checkpoint.h"
#include "core/model/ModelImpl.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace kg;

namespace {

/// A small variant with every block kind (first block's conv shortcut, strided last blocks).
ModelOptions smallOptions()
{
    ModelOptions options;
    options.backbone = parseArchitecture("resnetv2:2,2,2,1:8");
    options.head.hiddenUnits = {16};
    return options;
}

/// Trained-looking BN parameters and statistics, so the fold is not the identity.
void randomiseBatchNorms(Model& model, std::uint64_t seed)
{
    torch::NoGradGuard noGrad;
    auto generator = at::detail::createCPUGenerator(seed);
    for (auto& module : model.impl().net->modules(false))
        if (auto* bn = module->as<torch::nn::BatchNorm2dImpl>()) {
            bn->weight.copy_(at::rand(bn->weight.sizes(), generator) + 0.5);
            bn->bias.copy_(at::randn(bn->bias.sizes(), generator) * 0.2);
            bn->running_mean.copy_(at::randn(bn->running_mean.sizes(), generator) * 0.3);
            bn->running_var.copy_(at::rand(bn->running_var.sizes(), generator) * 1.5 + 0.25);
        }
}

/// Largest |a − b| relative to the largest |b|.
double relativeDifference(const torch::Tensor& a, const torch::Tensor& b)
{
    return (a - b).abs().max().item<double>() / std::max(1e-12, b.abs().max().item<double>());
}

constexpr double kTolerance = 1e-5;

} // namespace

class TestBnFolding : public QObject {
    Q_OBJECT

private slots:
    void folded_outputs_equal_unfolded_eval_outputs()
    {
        Model model(smallOptions());
        randomiseBatchNorms(model, 5);
        Model::Impl& impl = model.impl();
        impl.net->eval();
        torch::NoGradGuard noGrad;
        auto generator = at::detail::createCPUGenerator(9);
        const torch::Tensor input = impl.prepareInput(at::rand({3, 3, 45, 45}, generator) * 2 - 1);  // odd side: every stride pads
        QVERIFY(input.is_contiguous(at::MemoryFormat::ChannelsLast));

        const nn::FoldedBatchNorms* folded = impl.inferenceFolding();
        QVERIFY(folded != nullptr);
        QCOMPARE(folded->blocks.size(), impl.net->backbone()->blocks().size());
        QVERIFY(folded->blocks[0].conv2Weight.is_contiguous(at::MemoryFormat::ChannelsLast));  // as the network's kernels

        const nn::ClassifierOutput plain = impl.net->forward(input, /*stageFeatures=*/true);
        const nn::ClassifierOutput fast = impl.net->forward(input, /*stageFeatures=*/true, folded);
        const double logits = relativeDifference(fast.logits, plain.logits);
        const double features = relativeDifference(fast.features, plain.features);
        const double map = relativeDifference(fast.featureMap, plain.featureMap);
        qInfo("folded vs unfolded (eval): logits %.3g, pooled features %.3g, feature map %.3g (relative)", logits, features, map);
        QVERIFY2(logits <= kTolerance, qPrintable(QString::number(logits)));
        QVERIFY(features <= kTolerance);
        QVERIFY(map <= kTolerance);
        QCOMPARE(fast.stages.size(), plain.stages.size());
        for (size_t i = 0; i < plain.stages.size(); ++i)
            QVERIFY(relativeDifference(fast.stages[i], plain.stages[i]) <= kTolerance);
        // Not trivially equal: the folded pass really ran other kernels.
        QVERIFY(!torch::equal(fast.logits, plain.logits) || !torch::equal(fast.featureMap, plain.featureMap));
    }

    void full_size_resnet152v2_agrees()
    {
        // The product's network: 50 blocks, 100 folded BNs, at a small input.
        ModelOptions options;
        options.backbone = parseArchitecture("resnet152v2");
        Model model(options);
        randomiseBatchNorms(model, 6);
        Model::Impl& impl = model.impl();
        impl.net->eval();
        torch::NoGradGuard noGrad;
        auto generator = at::detail::createCPUGenerator(10);
        const torch::Tensor input = impl.prepareInput(at::rand({2, 3, 64, 64}, generator) * 2 - 1);
        const torch::Tensor plain = impl.net->forward(input).logits;
        const torch::Tensor fast = impl.net->forward(input, false, impl.inferenceFolding()).logits;
        const double d = relativeDifference(fast, plain);
        qInfo("ResNet152V2, 64 px: folded vs unfolded logits %.3g (relative)", d);
        QCOMPARE(impl.inferenceFolding()->blocks.size(), size_t(50));
        QVERIFY2(d <= 1e-4, qPrintable(QString::number(d)));
    }

    void weights_and_checkpoint_are_unchanged()
    {
        QTemporaryDir dir;
        Model model(smallOptions());
        randomiseBatchNorms(model, 7);
        const std::string before = saveCheckpoint((dir.path() + "/before.kgckpt").toStdString(), model, {});
        std::vector<torch::Tensor> copies;
        for (const auto& [name, t] : modelStateTensors(model.impl().net))
            copies.push_back(t.detach().clone());
        {
            Model::Impl& impl = model.impl();
            impl.net->eval();
            torch::NoGradGuard noGrad;
            impl.net->forward(impl.prepareInput(torch::zeros({2, 3, 32, 32})), true, impl.inferenceFolding());
            classifyBatch(impl, torch::zeros({2, 3, 32, 32}), 1.0, /*tta=*/true);
        }
        const auto after = modelStateTensors(model.impl().net);
        for (size_t i = 0; i < copies.size(); ++i)
            QVERIFY2(torch::equal(after[i].second, copies[i]), after[i].first.c_str());
        QCOMPARE(saveCheckpoint((dir.path() + "/after.kgckpt").toStdString(), model, {}), before);
        // A checkpoint that went through folded inference loads and folds the same way.
        LoadedCheckpoint loaded = loadCheckpoint((dir.path() + "/after.kgckpt").toStdString());
        QCOMPARE(loaded.weightsSha256, before);
    }

    void fold_follows_weight_changes_and_stays_out_of_training()
    {
        Model model(smallOptions());
        randomiseBatchNorms(model, 8);
        Model::Impl& impl = model.impl();
        const torch::Tensor input = impl.prepareInput(at::rand({2, 3, 32, 32}, at::detail::createCPUGenerator(4)));
        // Training mode, or gradients on: no fold.
        impl.net->train();
        {
            torch::NoGradGuard noGrad;
            QVERIFY(impl.inferenceFolding() == nullptr);
        }
        impl.net->eval();
        QVERIFY(torch::GradMode::is_enabled());
        QVERIFY(impl.inferenceFolding() == nullptr);
        impl.foldBatchNorms = false;
        {
            torch::NoGradGuard noGrad;
            QVERIFY(impl.inferenceFolding() == nullptr);
        }
        impl.foldBatchNorms = true;

        torch::NoGradGuard noGrad;
        const nn::FoldedBatchNorms* first = impl.inferenceFolding();
        QVERIFY(first != nullptr);
        QCOMPARE(impl.inferenceFolding(), first);  // unchanged weights: the same fold, not refolded
        const torch::Tensor kernelBefore = first->blocks[1].conv1Weight.clone();
        // A changed BN statistic (as a training epoch or a checkpoint load leaves it) refolds.
        auto& bn = *impl.net->backbone()->blocks()[1].second->bn1();
        bn.running_var.mul_(4.0);
        const nn::FoldedBatchNorms* second = impl.inferenceFolding();
        QVERIFY(!torch::allclose(second->blocks[1].conv1Weight, kernelBefore));
        const torch::Tensor plain = impl.net->forward(input).logits;
        QVERIFY(relativeDifference(impl.net->forward(input, false, second).logits, plain) <= kTolerance);
        // So does a changed convolution kernel.
        impl.net->backbone()->blocks()[0].second->conv2()->weight.mul_(0.5);
        const torch::Tensor plain2 = impl.net->forward(input).logits;
        QVERIFY(relativeDifference(impl.net->forward(input, false, impl.inferenceFolding()).logits, plain2) <= kTolerance);
        QVERIFY(!torch::allclose(plain, plain2));
    }

    void frozen_backbone_features_fold_while_the_head_trains()
    {
        Model model(smallOptions());
        randomiseBatchNorms(model, 13);
        Model::Impl& impl = model.impl();
        impl.net->train();
        impl.net->backbone()->eval();  // what a frozen backbone looks like to the trainer
        const torch::Tensor images = at::rand({3, 3, 36, 36}, at::detail::createCPUGenerator(5)) * 2 - 1;
        const BatchForward forward(impl, /*autocast=*/false);
        torch::NoGradGuard noGrad;
        QVERIFY(impl.inferenceFolding() != nullptr);
        const torch::Tensor fast = forward.pooled(images);
        impl.foldBatchNorms = false;
        const torch::Tensor plain = forward.pooled(images);
        impl.foldBatchNorms = true;
        QVERIFY(relativeDifference(fast, plain) <= kTolerance);
        // One block that trains (partial unfreezing): nothing folds.
        impl.net->backbone()->named_children()[impl.net->backbone()->blocks().back().first]->train();
        QVERIFY(impl.inferenceFolding() == nullptr);
    }

    void grad_cam_with_the_fold_explains_the_same()
    {
        // Grad-CAM folds too (gradients flow to the activations only): the same maps and logits.
        Model model(smallOptions());
        randomiseBatchNorms(model, 14);
        Model::Impl& impl = model.impl();
        const torch::Tensor images = at::rand({3, 3, 48, 48}, at::detail::createCPUGenerator(6)) * 2 - 1;
        impl.foldBatchNorms = false;
        const GradCamResult plain = computeGradCam(impl, images);
        impl.foldBatchNorms = true;
        const GradCamResult fast = computeGradCam(impl, images);
        QVERIFY(impl.folded != nullptr);
        QCOMPARE(fast.targets, plain.targets);
        QVERIFY(relativeDifference(fast.logits, plain.logits) <= kTolerance);
        const double maps = (fast.maps - plain.maps).abs().max().item<double>();
        qInfo("Grad-CAM folded vs unfolded: largest map difference %.3g (maps in [0, 1])", maps);
        QVERIFY(maps <= 1e-4);
        for (const auto& p : impl.net->parameters())
            QVERIFY(!p.grad().defined());  // no parameter gradient either way
    }

    void classify_batch_uses_the_fold()
    {
        Model model(smallOptions());
        randomiseBatchNorms(model, 12);
        Model::Impl& impl = model.impl();
        const torch::Tensor images = at::rand({4, 3, 40, 40}, at::detail::createCPUGenerator(2)) * 2 - 1;
        impl.foldBatchNorms = false;
        const ClassifiedBatch plain = classifyBatch(impl, images, 1.0, /*tta=*/true);
        QVERIFY(!impl.folded);
        impl.foldBatchNorms = true;
        const ClassifiedBatch fast = classifyBatch(impl, images, 1.0, /*tta=*/true);
        QVERIFY(impl.folded != nullptr);  // classifyBatch folded
        QVERIFY(relativeDifference(fast.logits, plain.logits) <= kTolerance);
        QVERIFY((fast.probabilities - plain.probabilities).abs().max().item<double>() <= 1e-6);
        QVERIFY(relativeDifference(fast.features, plain.features) <= kTolerance);
        QVERIFY(impl.net->is_training());  // classifyBatch restored the mode it found
    }
};

QTEST_GUILESS_MAIN(TestBnFolding)
#include "test_bn_folding.moc"
