// Synthetic full radiographs: deterministic, every knee's truth box inside the image and on
// the right side, a box's crop looks like a training phantom, files (PNG, 12-bit DICOM,
// annotations.json) that read back, and the `synth --full` command.
#include "CliRunner.h"

#include "core/data/FullRadiograph.h"
#include "core/data/Phantom.h"
#include "core/imaging/Radiograph.h"
#include "core/util/Error.h"

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

using namespace kg;
namespace fs = std::filesystem;

namespace {

constexpr RadiographView kViews[] = {RadiographView::BilateralAP, RadiographView::SingleAP, RadiographView::Lateral,
                                     RadiographView::FullLeg};

FullRadiograph render(RadiographView view, std::uint64_t seed, double scale = 0.25)
{
    FullRadiographSpec spec;
    spec.view = view;
    spec.seed = seed;
    spec.scale = scale;
    return renderFullRadiograph(spec);
}

/// The box's pixels (8-bit) resized to 224², as the classifier sees a crop.
cv::Mat crop224(const FullRadiograph& image, const JointRegion& box)
{
    std::vector<std::uint8_t> pixels = image.eightBit();
    const cv::Mat whole(image.height, image.width, CV_8U, pixels.data());
    cv::Mat crop;
    cv::resize(whole(cv::Rect(box.x, box.y, box.width, box.height)), crop, cv::Size(224, 224), 0, 0, cv::INTER_AREA);
    return crop;
}

/// How much darker the darkest row near the middle is than the rows around it (central columns):
/// the joint space between femur and tibia.
double jointGapContrast(const cv::Mat& crop)
{
    cv::Mat rows;
    cv::reduce(crop(cv::Rect(67, 0, 90, 224)), rows, 1, cv::REDUCE_AVG, CV_64F);
    double band = 0, darkest = 1e9;
    for (int y = 45; y < 180; ++y)
        band += rows.at<double>(y) / 135.0;
    for (int y = 67; y < 157; ++y)
        darkest = std::min(darkest, rows.at<double>(y));
    return band - darkest;
}

double correlation(const cv::Mat& a, const cv::Mat& b)
{
    cv::Mat result;
    cv::matchTemplate(a, b, result, cv::TM_CCOEFF_NORMED);
    return result.at<float>(0, 0);
}

nlohmann::json readJson(const fs::path& path)
{
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

/// `kneegrade-cli synth` with `arguments`.
kgtest::CliResult synth(const QStringList& arguments)
{
    return kgtest::runCli(QStringList{QStringLiteral("synth")} + arguments, 120000);
}

} // namespace

class TestFullRadiograph : public QObject {
    Q_OBJECT

private slots:
    void same_spec_gives_identical_pixels()
    {
        for (RadiographView view : kViews) {
            const FullRadiograph a = render(view, 11), b = render(view, 11);
            QCOMPARE(a.width, b.width);
            QCOMPARE(a.height, b.height);
            QVERIFY(a.pixels == b.pixels);
            QCOMPARE(a.knees.size(), b.knees.size());
            for (size_t i = 0; i < a.knees.size(); ++i)
                QCOMPARE(formatJointRegion(a.knees[i]), formatJointRegion(b.knees[i]));
            QVERIFY(a.grades == b.grades);
            QVERIFY(render(view, 12).pixels != a.pixels);
        }
    }

    void pixels_are_12_bit_and_eight_bit_is_linear()
    {
        const FullRadiograph image = render(RadiographView::SingleAP, 3);
        QCOMPARE(image.pixels.size(), size_t(image.width) * size_t(image.height));
        const auto [low, high] = std::minmax_element(image.pixels.begin(), image.pixels.end());
        QVERIFY(*high <= 4095);
        QVERIFY2(*high > 2000 && *low < 600, "bone bright, background dark: the image uses the 12-bit range");
        const std::vector<std::uint8_t> eight = image.eightBit();
        QCOMPARE(eight.size(), image.pixels.size());
        for (size_t i = 0; i < eight.size(); i += 97)
            QVERIFY(std::abs(eight[i] - image.pixels[i] * 255.0 / 4095.0) <= 0.51);
    }

    void boxes_are_square_truth_inside_the_image_left_first()
    {
        for (RadiographView view : kViews)
            for (std::uint64_t seed = 0; seed < 6; ++seed) {
                const FullRadiograph image = render(view, seed);
                const size_t expected = view == RadiographView::BilateralAP || view == RadiographView::FullLeg ? 2 : 1;
                QCOMPARE(image.knees.size(), expected);
                QCOMPARE(image.grades.size(), expected);
                for (size_t i = 0; i < image.knees.size(); ++i) {
                    const JointRegion& k = image.knees[i];
                    QVERIFY2(k.x >= 0 && k.y >= 0 && k.x + k.width <= image.width && k.y + k.height <= image.height,
                             qPrintable(QString::fromStdString(toString(view) + " " + formatJointRegion(k))));
                    QCOMPARE(k.width, k.height);
                    QCOMPARE(k.source, std::string("truth"));
                    QCOMPARE(k.score, 1.0);
                    QVERIFY(k.side == 'R' || k.side == 'L');
                    QVERIFY(image.grades[i] >= 0 && image.grades[i] <= 4);
                    // Physically plausible: a knee box is 110–150 mm.
                    const double mm = k.width * image.pixelSpacingMm;
                    QVERIFY2(mm > 105 && mm < 155, qPrintable(QString::number(mm)));
                    if (i > 0)
                        QVERIFY(image.knees[i - 1].centreX() < k.centreX());
                }
            }
    }

    void bilateral_has_the_right_knee_on_the_image_left()
    {
        for (RadiographView view : {RadiographView::BilateralAP, RadiographView::FullLeg})
            for (std::uint64_t seed = 0; seed < 5; ++seed) {
                const FullRadiograph image = render(view, seed);
                QCOMPARE(image.knees[0].side, 'R');
                QCOMPARE(image.knees[1].side, 'L');
                QVERIFY(image.knees[0].x + image.knees[0].width <= image.knees[1].x);
            }
    }

    void the_side_matches_the_drawn_anatomy()
    {
        // A canonical right phantom correlates better with right knees than its mirror does
        // (fibula lateral, condyles asymmetric), as for the phantoms themselves.
        PhantomSpec canonical;
        canonical.nuisance = false;
        const PhantomImage right = renderPhantom(canonical);
        const cv::Mat templateRight(224, 224, CV_8U, const_cast<std::uint8_t*>(right.pixels.data()));
        cv::Mat templateLeft;
        cv::flip(templateRight, templateLeft, 1);
        int agree = 0, knees = 0;
        for (std::uint64_t seed = 0; seed < 16; ++seed)
            for (RadiographView view : {RadiographView::BilateralAP, RadiographView::SingleAP}) {
                const FullRadiograph image = render(view, seed, 0.2);
                for (const JointRegion& k : image.knees) {
                    const cv::Mat crop = crop224(image, k);
                    agree += (k.side == 'R') == (correlation(crop, templateRight) > correlation(crop, templateLeft));
                    ++knees;
                }
            }
        QVERIFY2(agree >= knees * 85 / 100, qPrintable(QString("%1 of %2").arg(agree).arg(knees)));
    }

    void full_leg_knees_are_small_in_the_picture()
    {
        for (std::uint64_t seed = 0; seed < 4; ++seed) {
            const FullRadiograph leg = render(RadiographView::FullLeg, seed);
            const FullRadiograph knees = render(RadiographView::BilateralAP, seed);
            const double legShare = double(leg.knees[0].height) / leg.height;
            const double kneeShare = double(knees.knees[0].height) / knees.height;
            QVERIFY2(legShare > 0.09 && legShare < 0.2, qPrintable(QString::number(legShare)));
            QVERIFY2(kneeShare > 0.3, qPrintable(QString::number(kneeShare)));
            QVERIFY(leg.height > 2 * leg.width);
            QVERIFY(leg.pixelSpacingMm > knees.pixelSpacingMm);
        }
    }

    void a_truth_crop_looks_like_a_training_phantom()
    {
        for (std::uint64_t seed = 0; seed < 8; ++seed)
            for (RadiographView view : {RadiographView::BilateralAP, RadiographView::SingleAP, RadiographView::FullLeg}) {
                const FullRadiograph image = render(view, seed);
                for (const JointRegion& k : image.knees) {
                    const cv::Mat crop = crop224(image, k);
                    cv::Scalar mean, stddev;
                    cv::meanStdDev(crop, mean, stddev);
                    const QString what = QString::fromStdString(toString(view)) + QString(" seed %1: mean %2 std %3")
                                                                                         .arg(seed).arg(mean[0]).arg(stddev[0]);
                    QVERIFY2(mean[0] > 50 && mean[0] < 215, qPrintable(what));   // phantoms: about 80–170
                    QVERIFY2(stddev[0] > 20 && stddev[0] < 80, qPrintable(what)); // phantoms: about 35–60
                    const double gap = jointGapContrast(crop);
                    QVERIFY2(gap > 25, qPrintable(what + QString(", joint gap contrast %1").arg(gap)));
                }
            }
    }

    void scale_outside_range_is_an_error()
    {
        FullRadiographSpec spec;
        for (double scale : {0.0, -1.0, 4.5, std::nan("")}) {
            spec.scale = scale;
            QVERIFY_THROWS_EXCEPTION(Error, renderFullRadiograph(spec));
        }
        spec.scale = 0.05;   // tiny still renders
        const FullRadiograph tiny = renderFullRadiograph(spec);
        QVERIFY(tiny.width > 0 && tiny.height > 0);
    }

    void views_have_names()
    {
        for (RadiographView view : kViews)
            QVERIFY(parseRadiographView(toString(view)) == view);
        QCOMPARE(toString(RadiographView::FullLeg), std::string("full_leg"));
        QVERIFY_THROWS_EXCEPTION(Error, parseRadiographView("oblique"));
        QVERIFY(fullRadiographView(0) == RadiographView::BilateralAP);
        QVERIFY(fullRadiographView(7) == RadiographView::FullLeg);
        QVERIFY(fullRadiographSeed(7, 0) != fullRadiographSeed(7, 1));
        QVERIFY(fullRadiographSeed(7, 0) != fullRadiographSeed(8, 0));
    }

    void a_set_writes_png_dicom_and_annotations_that_read_back()
    {
        QTemporaryDir dir;
        FullRadiographSetOptions options;
        options.outputDir = dir.path().toStdString();
        options.count = 4;
        options.seed = 5;
        options.scale = 0.2;
        options.dicom = true;
        int calls = 0;
        QCOMPARE(writeFullRadiographSet(options, [&](int done, int total) {
                     ++calls;
                     return done <= total;
                 }),
                 4);
        QVERIFY(calls > 0);
        const nlohmann::json annotations = readJson(fs::path(options.outputDir) / "annotations.json");
        QVERIFY(annotations.at("complete").get<bool>());
        const FullRadiographSetOptions back = annotations.at("options").get<FullRadiographSetOptions>();
        QCOMPARE(back.count, 4);
        QCOMPARE(back.seed, std::uint64_t(5));
        QCOMPARE(back.scale, 0.2);
        QVERIFY(back.dicom && back.png);
        QCOMPARE(annotations.at("images").size(), size_t(4));
        for (int i = 0; i < 4; ++i) {
            const nlohmann::json& entry = annotations.at("images").at(static_cast<size_t>(i));
            FullRadiographSpec spec;
            spec.view = parseRadiographView(entry.at("view").get<std::string>());
            spec.seed = fullRadiographSeed(options.seed, i);
            spec.scale = options.scale;
            QVERIFY(spec.view == fullRadiographView(i));
            const FullRadiograph image = renderFullRadiograph(spec);
            QCOMPARE(entry.at("width").get<int>(), image.width);
            QCOMPARE(entry.at("height").get<int>(), image.height);
            QCOMPARE(entry.at("pixel_spacing_mm").get<double>(), image.pixelSpacingMm);
            QVERIFY(entry.at("grades").get<std::vector<int>>() == image.grades);
            const auto knees = entry.at("knees").get<std::vector<JointRegion>>();
            QCOMPARE(knees.size(), image.knees.size());
            for (size_t k = 0; k < knees.size(); ++k) {
                QCOMPARE(formatJointRegion(knees[k]), formatJointRegion(image.knees[k]));
                QCOMPARE(knees[k].side, image.knees[k].side);
                QCOMPARE(knees[k].source, std::string("truth"));
            }

            const fs::path png = fs::path(options.outputDir) / entry.at("png").get<std::string>();
            const cv::Mat eight = cv::imread(png.string(), cv::IMREAD_UNCHANGED);
            QCOMPARE(eight.type(), CV_8UC1);
            QVERIFY(std::vector<std::uint8_t>(eight.datastart, eight.dataend) == image.eightBit());

            const fs::path dicom = fs::path(options.outputDir) / entry.at("dicom").get<std::string>();
            const Radiograph decoded = loadRadiograph(dicom.string());
            QVERIFY(decoded.info.isDicom);
            QCOMPARE(decoded.width, image.width);
            QCOMPARE(decoded.height, image.height);
            QCOMPARE(decoded.info.bitsStored, 12);
            QCOMPARE(decoded.nativeBitDepth, 16);
            QCOMPARE(decoded.info.modality, std::string("CR"));
            QCOMPARE(decoded.info.bodyPart, std::string(spec.view == RadiographView::FullLeg ? "LEG" : "KNEE"));
            QCOMPARE(decoded.info.viewPosition, std::string(spec.view == RadiographView::Lateral ? "LAT" : "AP"));
            if (image.knees.size() == 1)
                QCOMPARE(decoded.info.laterality, std::string(1, image.knees[0].side));
        }
    }

    void cli_synth_full_writes_a_set()
    {
        QTemporaryDir dir;
        const kgtest::CliResult made = synth({"--full", "4", "--out", dir.path(), "--scale", "0.2", "--seed", "3", "--dicom", "--quiet"});
        QVERIFY2(made.exitCode == 0, qPrintable(made.output()));
        QVERIFY2(made.output().contains("wrote 4 full radiographs"), qPrintable(made.output()));
        const nlohmann::json annotations = readJson(fs::path(dir.path().toStdString()) / "annotations.json");
        QCOMPARE(annotations.at("images").size(), size_t(4));
        QCOMPARE(annotations.at("options").at("seed").get<std::uint64_t>(), std::uint64_t(3));
        for (const auto& entry : annotations.at("images")) {
            QVERIFY(fs::exists(fs::path(dir.path().toStdString()) / entry.at("png").get<std::string>()));
            QVERIFY(fs::exists(fs::path(dir.path().toStdString()) / entry.at("dicom").get<std::string>()));
        }
        QVERIFY(fs::exists(fs::path(dir.path().toStdString()) / "00003_full_leg.png"));

        QTemporaryDir onlyDicom;
        const kgtest::CliResult dicom = synth({"--full", "1", "--out", onlyDicom.path(), "--scale", "0.2", "--dicom", "--no-png", "--quiet"});
        QVERIFY2(dicom.exitCode == 0, qPrintable(dicom.output()));
        QVERIFY(fs::exists(fs::path(onlyDicom.path().toStdString()) / "00000_bilateral_ap.dcm"));
        QVERIFY(!fs::exists(fs::path(onlyDicom.path().toStdString()) / "00000_bilateral_ap.png"));

        const kgtest::CliResult bad = synth({"--full", "2", "--out", dir.path(), "--no-png"});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.output().contains("--no-png"), qPrintable(bad.output()));
        const kgtest::CliResult scale = synth({"--full", "2", "--out", dir.path(), "--scale", "9"});
        QCOMPARE(scale.exitCode, 2);
        QVERIFY2(scale.output().contains("--scale"), qPrintable(scale.output()));
    }
};

QTEST_GUILESS_MAIN(TestFullRadiograph)
#include "test_full_radiograph.moc"
