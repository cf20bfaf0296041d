// kg::adamStep (the trainer's Adam: multi-tensor, per tensor) against torch::optim::Adam::step on the CPU:
// the same weights, moments and step counts over several steps, with several parameter
// groups, shapes and memory formats, parameters without a gradient, weight decay and
// AMSGrad; the state it leaves serialises to the same checkpoint blob and continues under
// either step; and on a real network through makeOptimizer.
#include "core/model/ModelImpl.h"
#include "core/train/Optimizer.h"

#include <QtTest>

#include <sstream>
#include <type_traits>

using namespace kg;
using torch::optim::Adam;
using torch::optim::AdamOptions;
using torch::optim::AdamParamState;

namespace {

/// Parameters of several shapes and layouts, the same values for the same seed.
std::vector<torch::Tensor> makeParams(std::uint64_t seed)
{
    auto generator = at::detail::createCPUGenerator(seed);
    std::vector<torch::Tensor> params;
    params.push_back(at::randn({8, 4, 3, 3}, generator).contiguous(at::MemoryFormat::ChannelsLast));  // conv kernel
    params.push_back(at::randn({16, 8, 1, 1}, generator));
    params.push_back(at::randn({33}, generator));   // BN γ, a bias
    params.push_back(at::randn({5, 7}, generator));  // a dense kernel
    params.push_back(at::randn({}, generator));      // a scalar
    params.push_back(at::randn({3, 2}, generator));  // never gets a gradient
    params.push_back(at::randn({6}, generator));     // a gradient on even steps only
    for (auto& p : params)
        p.set_requires_grad(true);
    return params;
}

/// Three groups with different options (Keras' ε 1e-7 in two, weight decay, AMSGrad).
std::unique_ptr<Adam> makeAdam(const std::vector<torch::Tensor>& p)
{
    using Group = torch::optim::OptimizerParamGroup;
    std::vector<Group> groups;
    groups.emplace_back(std::vector<torch::Tensor>{p[0], p[1], p[5]},
                        std::make_unique<AdamOptions>(AdamOptions(1e-2).eps(kAdamEpsilon)));
    groups.emplace_back(std::vector<torch::Tensor>{p[2], p[3], p[6]},
                        std::make_unique<AdamOptions>(
                            AdamOptions(3e-3).betas(std::make_tuple(0.8, 0.99)).eps(kAdamEpsilon).weight_decay(1e-2)));
    groups.emplace_back(std::vector<torch::Tensor>{p[4]}, std::make_unique<AdamOptions>(AdamOptions(5e-2).amsgrad(true)));
    return std::make_unique<Adam>(std::move(groups), AdamOptions(1e-3).eps(kAdamEpsilon));
}

/// The same pseudo-random gradients for every copy at step `step`; parameter 5 never has
/// one, parameter 6 only on even steps (so step counts differ within a group).
void setGradients(std::vector<torch::Tensor>& params, int step)
{
    auto generator = at::detail::createCPUGenerator(1000 + static_cast<std::uint64_t>(step));
    for (size_t i = 0; i < params.size(); ++i) {
        torch::Tensor& p = params[i];
        p.mutable_grad() = torch::Tensor();
        if (i == 5 || (i == 6 && step % 2 == 1))
            continue;
        const double scale = i == 3 ? 1e-4 : 1.0;  // tiny gradients: ε matters
        p.mutable_grad() = (at::randn(p.sizes(), generator) * scale).contiguous(p.suggest_memory_format());
    }
}

/// torch keys a parameter's state by its TensorImpl address: printed (LibTorch 1.13, early
/// 2.x) or the pointer itself (later 2.x).
template <typename Key>
Key stateKey(const torch::Tensor& p)
{
    if constexpr (std::is_same_v<Key, std::string>) {
        std::ostringstream text;
        text << p.unsafeGetTensorImpl();
        return text.str();
    } else {
        return static_cast<Key>(p.unsafeGetTensorImpl());
    }
}

/// The optimizer's state of `p`, or null.
const AdamParamState* stateOf(Adam& optimizer, const torch::Tensor& p)
{
    auto& states = optimizer.state();
    using Key = typename std::remove_reference_t<decltype(states)>::key_type;
    const auto it = states.find(stateKey<Key>(p));
    return it == states.end() ? nullptr : &static_cast<const AdamParamState&>(*it->second);
}

double maxRelative(const torch::Tensor& a, const torch::Tensor& b)
{
    if (a.numel() == 0)
        return 0.0;
    return ((a - b).abs() / (b.abs() + 1e-6)).max().item<double>();
}

struct Difference {
    double weights = 0, moments = 0;
    bool sameStates = true;  ///< the same parameters have state, with the same step counts and layouts
};

Difference compare(Adam& a, const std::vector<torch::Tensor>& pa, Adam& b, const std::vector<torch::Tensor>& pb)
{
    Difference d;
    d.sameStates = a.state().size() == b.state().size();
    for (size_t i = 0; i < pa.size(); ++i) {
        d.weights = std::max(d.weights, maxRelative(pa[i].detach(), pb[i].detach()));
        const AdamParamState* x = stateOf(a, pa[i]);
        const AdamParamState* y = stateOf(b, pb[i]);
        if ((x == nullptr) != (y == nullptr)) {
            d.sameStates = false;
            continue;
        }
        if (x == nullptr)
            continue;
        d.sameStates = d.sameStates && x->step() == y->step() &&
                       x->exp_avg().is_contiguous(pa[i].suggest_memory_format()) &&
                       x->max_exp_avg_sq().defined() == y->max_exp_avg_sq().defined();
        d.moments = std::max({d.moments, maxRelative(x->exp_avg(), y->exp_avg()), maxRelative(x->exp_avg_sq(), y->exp_avg_sq())});
        if (x->max_exp_avg_sq().defined())
            d.moments = std::max(d.moments, maxRelative(x->max_exp_avg_sq(), y->max_exp_avg_sq()));
    }
    return d;
}

std::vector<torch::Tensor> copyOf(const std::vector<torch::Tensor>& params)
{
    std::vector<torch::Tensor> copies;
    for (const auto& p : params)
        copies.push_back(p.detach().clone().set_requires_grad(true));
    return copies;
}

constexpr double kTolerance = 1e-6;  // float32: a few ulps of relative difference

} // namespace

class TestAdamStep : public QObject {
    Q_OBJECT

private slots:
    void same_weights_and_moments_as_torch_step_data()
    {
        QTest::addColumn<int>("kernel");
        QTest::addColumn<int>("expected");  // what runs on the CPU
        QTest::newRow("foreach") << int(AdamKernel::Foreach) << int(AdamKernel::Foreach);
        QTest::newRow("per tensor") << int(AdamKernel::PerTensor) << int(AdamKernel::PerTensor);
        QTest::newRow("fused (CPU: foreach)") << int(AdamKernel::Fused) << int(AdamKernel::Foreach);
        QTest::newRow("default (CPU: per tensor)") << -1 << int(AdamKernel::PerTensor);
    }

    void same_weights_and_moments_as_torch_step()
    {
        QFETCH(int, kernel);
        QFETCH(int, expected);
        const std::optional<AdamKernel> chosen = kernel < 0 ? std::nullopt : std::optional(static_cast<AdamKernel>(kernel));
        std::vector<torch::Tensor> reference = makeParams(7);
        std::vector<torch::Tensor> ours = copyOf(reference);
        auto torchAdam = makeAdam(reference);
        auto ourAdam = makeAdam(ours);
        for (int step = 0; step < 7; ++step) {
            setGradients(reference, step);
            setGradients(ours, step);
            torchAdam->step();
            QCOMPARE(int(adamStep(*ourAdam, chosen)), expected);
            const Difference d = compare(*ourAdam, ours, *torchAdam, reference);
            qInfo("step %d: max relative difference weights %.3g, moments %.3g", step + 1, d.weights, d.moments);
            QVERIFY(d.sameStates);
            QVERIFY2(d.weights <= kTolerance, qPrintable(QString::number(d.weights)));
            QVERIFY2(d.moments <= kTolerance, qPrintable(QString::number(d.moments)));
        }
        // The parameter without a gradient was left alone and has no state, as torch does.
        QVERIFY(torch::equal(ours[5].detach(), makeParams(7)[5].detach()));
        QVERIFY(stateOf(*ourAdam, ours[5]) == nullptr);
        QCOMPARE(stateOf(*ourAdam, ours[6])->step(), int64_t(4));  // steps 0, 2, 4, 6
        QCOMPARE(stateOf(*ourAdam, ours[0])->step(), int64_t(7));
        // And the weights really moved.
        QVERIFY(!torch::allclose(ours[0].detach(), makeParams(7)[0].detach()));
    }

    void state_round_trips_through_the_checkpoint_blob()
    {
        // adamStep for 3 steps, serialised; a fresh optimizer reads it; both steps continue alike.
        std::vector<torch::Tensor> params = makeParams(11);
        auto adam = makeAdam(params);
        for (int step = 0; step < 3; ++step) {
            setGradients(params, step);
            adamStep(*adam, AdamKernel::Foreach);
        }
        const std::string blob = serializeOptimizer(*adam);

        std::vector<torch::Tensor> a = copyOf(params), b = copyOf(params);
        auto viaTorch = makeAdam(a);
        auto viaOurs = makeAdam(b);
        deserializeOptimizer(*viaTorch, blob, torch::kCPU);
        deserializeOptimizer(*viaOurs, blob, torch::kCPU);
        for (int step = 3; step < 6; ++step) {
            setGradients(a, step);
            setGradients(b, step);
            viaTorch->step();
            adamStep(*viaOurs, AdamKernel::Foreach);
        }
        const Difference d = compare(*viaOurs, b, *viaTorch, a);
        QVERIFY(d.sameStates);
        QVERIFY(d.weights <= kTolerance);
        QVERIFY(d.moments <= kTolerance);
        QCOMPARE(stateOf(*viaOurs, b[0])->step(), int64_t(6));

        // A blob written by torch's own step (every checkpoint so far) continues under adamStep.
        std::vector<torch::Tensor> c = copyOf(params), e = copyOf(params);
        auto old = makeAdam(c);
        for (int step = 0; step < 2; ++step) {
            setGradients(c, step);
            old->step();
        }
        auto resumed = makeAdam(e);
        for (size_t i = 0; i < c.size(); ++i)
            e[i].detach().copy_(c[i].detach());
        deserializeOptimizer(*resumed, serializeOptimizer(*old), torch::kCPU);
        setGradients(c, 2);
        setGradients(e, 2);
        old->step();
        adamStep(*resumed, AdamKernel::Foreach);
        const Difference r = compare(*resumed, e, *old, c);
        QVERIFY(r.sameStates);
        QVERIFY(r.weights <= kTolerance && r.moments <= kTolerance);
    }

    void real_network_through_make_optimizer()
    {
        // resnetv2-tiny with the tutorial head: ~60 parameter tensors, conv kernels channels-last.
        ModelOptions options;
        options.backbone = parseArchitecture("resnetv2-tiny");
        options.head.hiddenUnits = {16};
        options.head.dropout = 0.0;
        Model a(options), b(options);
        auto optA = makeOptimizer(a.impl().net, 1e-3);
        auto optB = makeOptimizer(b.impl().net, 1e-3);
        auto generator = at::detail::createCPUGenerator(3);
        for (int step = 0; step < 4; ++step) {
            const torch::Tensor images = at::randn({4, 3, 32, 32}, generator);
            const torch::Tensor labels = torch::tensor({0, 1, 2, 3}, torch::kInt64);
            for (auto* pair : {&a, &b}) {
                Model::Impl& impl = pair->impl();
                impl.net->train();
                const torch::Tensor loss = torch::nll_loss(torch::log_softmax(impl.net->logits(impl.prepareInput(images)), 1), labels);
                impl.net->zero_grad();
                loss.backward();
            }
            optA->step();
            adamStep(*optB, AdamKernel::Foreach);
        }
        double worst = 0;
        const auto pa = a.impl().net->parameters();
        const auto pb = b.impl().net->parameters();
        QCOMPARE(pa.size(), pb.size());
        for (size_t i = 0; i < pa.size(); ++i)
            worst = std::max(worst, maxRelative(pb[i].detach(), pa[i].detach()));
        qInfo("resnetv2-tiny, %zu tensors, 4 steps: max relative weight difference %.3g", pa.size(), worst);
        QVERIFY(worst <= kTolerance);
        const Difference d = compare(*optB, pb, *optA, pa);
        QVERIFY(d.sameStates);
        QVERIFY(d.moments <= kTolerance);
    }
};

QTEST_GUILESS_MAIN(TestAdamStep)
#include "test_adam_step.moc"
