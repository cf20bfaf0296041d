// kneegrade-cli end to end without Qt: synth → train (tiny network, 2 epochs) → resume to a
// third epoch → evaluate with a per-image CSV → predict with Grad-CAM. What a GPU or cluster
// node built with the headless preset runs, checked there before it trains for real.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;

struct CliRun {
    int exitCode = -1;
    std::string output;  ///< stdout and stderr together
};

std::string quoted(const std::string& text)
{
    std::string out = "'";
    for (char c : text)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

CliRun cli(const std::vector<std::string>& arguments)
{
    std::string command = quoted(KNEEGRADE_CLI);
    for (const auto& argument : arguments)
        command += " " + quoted(argument);
    command += " 2>&1";
    CliRun run;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe)
        return run;
    char buffer[4096];
    while (const size_t n = std::fread(buffer, 1, sizeof buffer, pipe))
        run.output.append(buffer, n);
    const int status = ::pclose(pipe);
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

std::vector<std::string> lines(const fs::path& path)
{
    std::ifstream in(path);
    std::vector<std::string> all;
    for (std::string line; std::getline(in, line);)
        if (!line.empty())
            all.push_back(line);
    return all;
}

std::size_t filesUnder(const fs::path& dir)
{
    std::size_t n = 0;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        n += entry.is_regular_file();
    return n;
}

class CliSmoke : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        root_ = fs::temp_directory_path() / ("kneegrade-headless-cli-" + std::to_string(::getpid()));
        fs::create_directories(root_);
    }
    static void TearDownTestSuite() { fs::remove_all(root_); }
    static fs::path root_;
};
fs::path CliSmoke::root_;

TEST_F(CliSmoke, SynthTrainResumeEvaluatePredict)
{
    const fs::path data = root_ / "data", run = root_ / "run";
    const CliRun synth = cli({"synth", "--out", data.string(), "--per-grade", "16", "--size", "48", "--seed", "3",
                           "--splits", "train=0.6,val=0.2,test=0.2", "--threads", "2", "--quiet"});
    ASSERT_EQ(synth.exitCode, 0) << synth.output;
    const std::size_t testImages = filesUnder(data / "test");
    ASSERT_GT(testImages, 0u);

    const CliRun train = cli({"train", "--data", data.string(), "--out", run.string(), "--arch", "resnetv2-tiny",
                           "--image-size", "48", "--epochs", "2", "--batch", "8", "--lr", "1e-3", "--device", "cpu",
                           "--threads", "2", "--seed", "42"});
    ASSERT_EQ(train.exitCode, 0) << train.output;
    EXPECT_TRUE(fs::exists(run / "best.kgckpt"));
    EXPECT_EQ(lines(run / "history.csv").size(), 3u);  // header + 2 epochs

    const CliRun resumed = cli({"train", "--resume", run.string(), "--epochs", "3", "--threads", "2"});
    ASSERT_EQ(resumed.exitCode, 0) << resumed.output;
    EXPECT_NE(resumed.output.find("resumed after epoch 2"), std::string::npos) << resumed.output;
    EXPECT_EQ(lines(run / "history.csv").size(), 4u);

    const fs::path csv = root_ / "evaluation.csv";
    const CliRun evaluate = cli({"evaluate", "--checkpoint", (run / "best.kgckpt").string(), "--data", data.string(),
                              "--csv", csv.string(), "--device", "cpu"});
    ASSERT_EQ(evaluate.exitCode, 0) << evaluate.output;
    EXPECT_NE(evaluate.output.find("accuracy"), std::string::npos) << evaluate.output;
    EXPECT_EQ(lines(csv).size(), testImages + 1);  // header + one row per test image

    fs::path image;
    for (const auto& entry : fs::recursive_directory_iterator(data / "test"))
        if (entry.is_regular_file()) {
            image = entry.path();
            break;
        }
    const fs::path gradcam = root_ / "gradcam";
    const CliRun predict = cli({"predict", "--checkpoint", (run / "best.kgckpt").string(), image.string(), "--gradcam",
                             gradcam.string(), "--json", "--device", "cpu"});
    ASSERT_EQ(predict.exitCode, 0) << predict.output;
    EXPECT_NE(predict.output.find("\"probabilities\""), std::string::npos) << predict.output;
    std::size_t overlays = 0;
    for (const auto& entry : fs::directory_iterator(gradcam))
        overlays += entry.path().filename().string() == image.stem().string() + ".gradcam.png";
    EXPECT_EQ(overlays, 1u) << "no " << image.stem().string() << ".gradcam.png in " << gradcam;
}

TEST_F(CliSmoke, UsageErrorsExitTwo)
{
    EXPECT_EQ(cli({"train", "--data", "x"}).exitCode, 2);
    EXPECT_EQ(cli({"frobnicate"}).exitCode, 2);
}

} // namespace
