// kneegrade::model without Qt: the real ResNet152V2's parameter counts against Keras'
// model.summary(), shapes through a cheap forward pass, and a checkpoint round trip.
#include "core/model/Checkpoint.h"
#include "core/model/ModelImpl.h"
#include "core/util/Error.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace kg {
namespace {

ModelOptions optionsFor(const std::string& arch, bool head, bool top = false)
{
    ModelOptions options;
    options.backbone = parseArchitecture(arch);
    options.head.enabled = head;
    options.backbone.imagenetTop = top;
    return options;
}

TEST(Model, ResNet152V2CountsMatchKeras)
{
    const Model notop(optionsFor("resnet152v2", false));
    EXPECT_EQ(notop.parameterCounts().total(), 58331648);
    EXPECT_EQ(notop.parameterCounts().bnStatistics, 143744);
    const Model top(optionsFor("resnet152v2", false, true));
    EXPECT_EQ(top.parameterCounts().total(), 60380648);
    const Model tutorial(optionsFor("resnet152v2", true));
    EXPECT_EQ(tutorial.parameterCounts().total(), 58594565);
    EXPECT_EQ(tutorial.parameterCounts().headTrainable, 2048 * 128 + 128 + 128 * 5 + 5);
    EXPECT_EQ(tutorial.weightedLayerCount(), 308);
}

TEST(Model, ResNet152V2ForwardShapes)
{
    Model model(optionsFor("resnet152v2", true));
    EXPECT_EQ(model.featureMapShape(224), (std::vector<std::int64_t>{7, 7, 2048}));
    torch::NoGradGuard noGrad;
    auto& impl = model.impl();
    impl.net->eval();
    const auto out = impl.net->forward(impl.prepareInput(torch::randn({1, 3, 64, 64})));
    EXPECT_EQ(out.featureMap.sizes().vec(), (std::vector<std::int64_t>{1, 2048, 2, 2}));
    EXPECT_EQ(out.logits.sizes().vec(), (std::vector<std::int64_t>{1, 5}));
}

class CheckpointFile : public ::testing::Test {
protected:
    void SetUp() override
    {
        dir_ = std::filesystem::temp_directory_path() /
               ("kneegrade-headless-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::filesystem::path dir_;
};

TEST_F(CheckpointFile, RoundTripKeepsWeightsAndOptions)
{
    Model model(optionsFor("resnetv2-tiny", true));
    CheckpointMeta meta;
    meta.model = model.options();
    meta.preprocessing.imageSize = 48;
    meta.temperature = 1.5;
    const std::string path = (dir_ / "tiny.kgckpt").string();
    saveCheckpoint(path, model, meta, {});
    LoadedCheckpoint loaded = loadCheckpoint(path);
    EXPECT_EQ(loaded.meta.preprocessing.imageSize, 48);
    EXPECT_DOUBLE_EQ(loaded.meta.temperature, 1.5);
    EXPECT_EQ(loaded.model.parameterCounts().total(), model.parameterCounts().total());
    torch::NoGradGuard noGrad;
    auto saved = model.impl().net->parameters();
    auto restored = loaded.model.impl().net->parameters();
    ASSERT_EQ(saved.size(), restored.size());
    for (size_t i = 0; i < saved.size(); ++i)
        EXPECT_TRUE(torch::equal(saved[i], restored[i])) << "parameter " << i;
}

TEST_F(CheckpointFile, TruncatedFileIsAClearError)
{
    Model model(optionsFor("resnetv2-tiny", true));
    CheckpointMeta meta;
    meta.model = model.options();
    const std::string path = (dir_ / "tiny.kgckpt").string();
    saveCheckpoint(path, model, meta, {});
    std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
    try {
        loadCheckpoint(path);
        FAIL() << "a truncated checkpoint loaded";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    }
}

} // namespace
} // namespace kg
