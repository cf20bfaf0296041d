// kneegrade::imaging without Qt or torch: PNG (8 and 16 bit), DICOM written here, real
// DICOM files from other vendors (when the shared radiographs are beside the checkout), and
// a corrupt file that must be refused with its name, never crash.
#include "core/imaging/DicomWrite.h"
#include "core/imaging/RadiographDecode.h"
#include "core/util/Error.h"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>

#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace kg {
namespace {

namespace fs = std::filesystem;

class Imaging : public ::testing::Test {
protected:
    void SetUp() override
    {
        dir_ = fs::temp_directory_path() / ("kneegrade-headless-imaging-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    std::string file(const std::string& name) const { return (dir_ / name).string(); }

    /// A 96×80 ramp: left dark, right bright, in `depth` (CV_8U or CV_16U).
    static cv::Mat ramp(int depth)
    {
        cv::Mat image(80, 96, depth);
        const double top = depth == CV_16U ? 4095.0 : 255.0;
        for (int y = 0; y < image.rows; ++y)
            for (int x = 0; x < image.cols; ++x) {
                const double v = top * x / (image.cols - 1);
                if (depth == CV_16U)
                    image.at<std::uint16_t>(y, x) = static_cast<std::uint16_t>(v);
                else
                    image.at<std::uint8_t>(y, x) = static_cast<std::uint8_t>(v);
            }
        return image;
    }
    fs::path dir_;
};

TEST_F(Imaging, EightBitPngDecodesUnchanged)
{
    ASSERT_TRUE(cv::imwrite(file("ramp.png"), ramp(CV_8U)));
    RadiographInfo info;
    const cv::Mat native = decodeRadiographNative(file("ramp.png"), &info);
    EXPECT_EQ(info.format, "PNG");
    EXPECT_EQ(native.cols, 96);
    EXPECT_EQ(cv::norm(native, ramp(CV_8U), cv::NORM_INF), 0.0);
}

TEST_F(Imaging, SixteenBitPngKeepsItsRangeForTheModel)
{
    ASSERT_TRUE(cv::imwrite(file("ramp16.png"), ramp(CV_16U)));
    const cv::Mat model = decodeRadiographForModel(file("ramp16.png"));
    ASSERT_EQ(model.type(), CV_8UC1);
    EXPECT_LT(model.at<std::uint8_t>(40, 0), 10);
    EXPECT_GT(model.at<std::uint8_t>(40, 95), 245);
}

TEST_F(Imaging, DicomWrittenHereDecodesWithItsHeader)
{
    DicomWriteOptions options;
    options.laterality = "R";
    writeDicomImage(file("ramp.dcm"), ramp(CV_16U), options);
    RadiographInfo info;
    const cv::Mat native = decodeRadiographNative(file("ramp.dcm"), &info);
    EXPECT_TRUE(info.isDicom);
    EXPECT_EQ(info.bitsStored, 12);
    EXPECT_EQ(info.laterality, "R");
    EXPECT_EQ(native.rows, 80);
    EXPECT_EQ(native.at<std::uint16_t>(10, 95), 4095);
}

TEST_F(Imaging, CorruptFileIsRefusedWithItsName)
{
    {
        std::ofstream out(file("broken.png"), std::ios::binary);
        out << "\x89PNG\r\n\x1a\n" << std::string(64, '\0');
    }
    try {
        decodeRadiographForModel(file("broken.png"));
        FAIL() << "a corrupt PNG decoded";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("broken.png"), std::string::npos) << e.what();
    }
}

TEST_F(Imaging, RealDicomFromOtherVendors)
{
    const fs::path shared = fs::path(KNEEGRADE_SHARED_DIR) / "data" / "radiographs";
    if (!fs::is_directory(shared))
        GTEST_SKIP() << "no shared radiographs beside the checkout";
    int decoded = 0;
    for (const char* name : {"NIH_CXR_DX_8bit.dcm", "RG2_JLSN.dcm", "RG3_J2KR.dcm"}) {
        const fs::path path = shared / name;
        if (!fs::exists(path))
            continue;
        RadiographInfo info;
        const cv::Mat image = decodeRadiographNative(path.string(), &info);
        EXPECT_TRUE(info.isDicom) << name;
        EXPECT_GT(image.rows, 64) << name;
        EXPECT_GT(image.cols, 64) << name;
        ++decoded;
    }
    EXPECT_GT(decoded, 0);
}

} // namespace
} // namespace kg
