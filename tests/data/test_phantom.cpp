// Synthetic knee phantoms: deterministic to the byte, the real dataset's layout, patients
// within one split, and grade signs that are measurable in the pixels (joint space narrows,
// osteophytes appear) as KL grading expects.
#include "TestPaths.h"

#include "core/data/Dataset.h"
#include "core/data/Phantom.h"
#include "core/util/Error.h"

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>

using namespace kg;
namespace fs = std::filesystem;

namespace {

std::string readAll(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

std::map<std::string, std::string> filesUnder(const fs::path& root)
{
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(root))
        if (entry.is_regular_file())
            files[fs::relative(entry.path(), root).generic_string()] = readAll(entry.path());
    return files;
}

/// Joint-space width read from the pixels: the dark run between femur and tibia in the
/// column profile around column x through the medial joint line.
double gapInColumn(const PhantomImage& image, int x)
{
    const cv::Mat m(image.size, image.size, CV_8U, const_cast<std::uint8_t*>(image.pixels.data()));
    const int y0 = static_cast<int>(std::lround(image.jointLineY));
    std::vector<double> profile(static_cast<size_t>(image.size), 0.0);
    for (int y = 0; y < image.size; ++y)
        for (int dx = -2; dx <= 2; ++dx)
            profile[static_cast<size_t>(y)] += m.at<std::uint8_t>(y, std::clamp(x + dx, 0, image.size - 1)) / 5.0;
    auto median = [&](int from, int to) {
        std::vector<double> values(profile.begin() + from, profile.begin() + to);
        std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
        return values[values.size() / 2];
    };
    int bottom = y0;
    for (int y = y0 - 4; y <= y0 + 4; ++y)
        if (profile[static_cast<size_t>(y)] < profile[static_cast<size_t>(bottom)])
            bottom = y;
    const double bone = std::min(median(y0 - 24, y0 - 10), median(y0 + 10, y0 + 24));
    if (bone - profile[static_cast<size_t>(bottom)] < 25.0)
        return 0.0;   // no visible dark gap: bone on bone
    const double threshold = (profile[static_cast<size_t>(bottom)] + bone) / 2.0;
    int width = 0;
    for (int y = bottom; y >= 0 && profile[static_cast<size_t>(y)] < threshold; --y)
        ++width;
    for (int y = bottom + 1; y < image.size && profile[static_cast<size_t>(y)] < threshold; ++y)
        ++width;
    return width;
}

/// Median over five columns around the narrowest point (robust to a cyst or spur in one).
double measuredMedialGap(const PhantomImage& image)
{
    std::vector<double> widths;
    for (int dx = -8; dx <= 8; dx += 4)
        widths.push_back(gapInColumn(image, static_cast<int>(std::lround(image.medialX)) + dx));
    std::nth_element(widths.begin(), widths.begin() + 2, widths.end());
    return widths[2];
}

} // namespace

class TestPhantom : public QObject {
    Q_OBJECT

private slots:
    void renderingIsDeterministic()
    {
        PhantomSpec spec;
        spec.grade = 3;
        spec.seed = 77;
        const PhantomImage a = renderPhantom(spec), b = renderPhantom(spec);
        QCOMPARE(a.size, 224);
        QCOMPARE(a.pixels.size(), size_t(224 * 224));
        QVERIFY(a.pixels == b.pixels);
        spec.seed = 78;
        QVERIFY(renderPhantom(spec).pixels != a.pixels);
        spec.side = 'L';
        spec.seed = 77;
        QVERIFY(renderPhantom(spec).pixels != a.pixels);
    }

    void looksLikeAnXrayBrightBoneOnDarkerTissue()
    {
        // Femur above and tibia below are bright; the joint line between them is darker.
        PhantomSpec spec;
        spec.nuisance = false;
        spec.seed = 5;
        const PhantomImage image = renderPhantom(spec);
        const cv::Mat m(image.size, image.size, CV_8U, const_cast<std::uint8_t*>(image.pixels.data()));
        const int x = static_cast<int>(image.medialX), y = static_cast<int>(image.jointLineY);
        const double femur = cv::mean(m(cv::Rect(x - 5, y - 40, 10, 20)))[0];
        const double tibia = cv::mean(m(cv::Rect(x - 5, y + 20, 10, 20)))[0];
        const double joint = m.at<std::uint8_t>(y, x);
        QVERIFY2(femur > joint + 40 && tibia > joint + 40,
                 qPrintable(QString("femur %1 tibia %2 joint %3").arg(femur).arg(tibia).arg(joint)));
    }

    void jointSpaceNarrowsAndOsteophytesGrowWithGrade()
    {
        std::array<double, 5> measured{}, truth{}, spurs{};
        const int perGrade = 12;
        for (int grade = 0; grade < 5; ++grade) {
            for (int i = 0; i < perGrade; ++i) {
                PhantomSpec spec;
                spec.grade = grade;
                spec.seed = 1000 + static_cast<std::uint64_t>(i);
                spec.side = i % 2 ? 'L' : 'R';
                spec.nuisance = false;   // fixed pose, so the column through the gap is known
                const PhantomImage image = renderPhantom(spec);
                measured[static_cast<size_t>(grade)] += measuredMedialGap(image) / perGrade;
                truth[static_cast<size_t>(grade)] += image.medialJointSpacePx / perGrade;
                spurs[static_cast<size_t>(grade)] += static_cast<double>(image.osteophytes) / perGrade;
            }
        }
        QString table;
        for (int g = 0; g < 5; ++g)
            table += QString("KL%1: measured %2 px, drawn %3 px, spurs %4\n").arg(g).arg(measured[g]).arg(truth[g]).arg(spurs[g]);
        qInfo().noquote() << table;
        for (int g = 1; g < 5; ++g) {
            QVERIFY2(measured[g] < measured[g - 1], qPrintable(table));
            QVERIFY2(truth[g] < truth[g - 1], qPrintable(table));
        }
        QVERIFY2(measured[0] - measured[4] > 4.0, qPrintable(table));
        QVERIFY2(spurs[0] < 0.5 && spurs[2] > spurs[0] && spurs[4] > spurs[2] && spurs[4] >= 3.0, qPrintable(table));
    }

    void datasetHasTheRealLayoutAndIsByteIdenticalPerSeed()
    {
        QTemporaryDir a, b, c;
        PhantomOptions options;
        options.perGrade = 10;
        options.imageSize = 64;
        options.seed = 9;
        options.outputDir = a.path().toStdString();
        int lastDone = 0, calls = 0, lastTotal = 0;
        const PhantomSummary summary = writePhantomDataset(options, [&](int done, int total) {
            lastTotal = total;
            lastDone = done;
            ++calls;
            return true;
        });
        QCOMPARE(summary.files, 50);
        QCOMPARE(lastDone, 50);
        QCOMPARE(lastTotal, 50);
        QVERIFY(calls > 0);
        QVERIFY(!summary.cancelled);
        for (int grade = 0; grade < 5; ++grade) {
            QCOMPARE(summary.counts[0][static_cast<size_t>(grade)], 7);   // 70/10/20 as the real data
            QCOMPARE(summary.counts[1][static_cast<size_t>(grade)], 1);
            QCOMPARE(summary.counts[2][static_cast<size_t>(grade)], 2);
        }

        const std::regex name(R"((train|val|test)/([0-4])/(\d{7})([LR])\.png)");
        std::map<std::string, std::set<std::string>> splitsOfPatient;
        std::set<std::string> knees;
        int pngs = 0;
        const auto files = filesUnder(a.path().toStdString());
        for (const auto& [path, bytes] : files) {
            if (path == "phantoms.json")
                continue;
            std::smatch match;
            QVERIFY2(std::regex_match(path, match, name), path.c_str());
            QVERIFY2(knees.insert(match[3].str() + match[4].str()).second, "one file per knee");
            splitsOfPatient[match[3]].insert(match[1]);
            const cv::Mat image = cv::imread(a.filePath(QString::fromStdString(path)).toStdString(), cv::IMREAD_UNCHANGED);
            QCOMPARE(image.type(), CV_8UC1);
            QCOMPARE(image.cols, 64);
            QCOMPARE(image.rows, 64);
            ++pngs;
        }
        QCOMPARE(pngs, 50);
        for (const auto& [patient, splits] : splitsOfPatient)
            QVERIFY2(splits.size() == 1, patient.c_str());   // no patient leaks across splits
        QCOMPARE(static_cast<int>(splitsOfPatient.size()), summary.patients);
        QVERIFY(summary.patients < 50);   // some patients have both knees

        const auto manifest = nlohmann::json::parse(readAll(a.filePath("phantoms.json").toStdString()));
        QCOMPARE(manifest.at("files").size(), size_t(50));
        QCOMPARE(manifest.at("options").at("seed").get<int>(), 9);

        options.outputDir = b.path().toStdString();
        writePhantomDataset(options);
        QVERIFY(filesUnder(b.path().toStdString()) == files);   // same seed: byte-identical
        options.threads = 1;   // thread count does not matter either
        options.outputDir = b.path().toStdString();
        options.overwrite = true;
        writePhantomDataset(options);
        QVERIFY(filesUnder(b.path().toStdString()) == files);

        options.seed = 10;
        options.overwrite = false;
        options.outputDir = c.path().toStdString();
        writePhantomDataset(options);
        QVERIFY(filesUnder(c.path().toStdString()) != files);
    }

    void refusesToMixWithAnExistingDataset()
    {
        QTemporaryDir dir;
        PhantomOptions options;
        options.perGrade = 2;
        options.imageSize = 48;
        options.outputDir = dir.path().toStdString();
        writePhantomDataset(options);
        QVERIFY_THROWS_EXCEPTION(Error, writePhantomDataset(options));
        options.overwrite = true;
        QCOMPARE(writePhantomDataset(options).files, 10);
    }

    void realBalanceAndCancellation()
    {
        QTemporaryDir dir;
        PhantomOptions options;
        options.perGrade = 40;
        options.imageSize = 32;
        options.realBalance = true;
        options.outputDir = dir.path().toStdString();
        const PhantomSummary summary = writePhantomDataset(options);
        const int expected[] = {40, 18, 26, 13, 3};
        for (int grade = 0; grade < 5; ++grade)
            QCOMPARE(summary.counts[0][static_cast<size_t>(grade)] + summary.counts[1][static_cast<size_t>(grade)] +
                         summary.counts[2][static_cast<size_t>(grade)],
                     expected[grade]);

        QTemporaryDir other;
        options.outputDir = other.path().toStdString();
        options.threads = 1;
        const PhantomSummary cancelled = writePhantomDataset(options, [](int done, int) { return done < 5; });
        QVERIFY(cancelled.cancelled);
        QVERIFY(cancelled.files >= 5 && cancelled.files < 100);
    }

    void badRequestsAreErrors()
    {
        PhantomSpec spec;
        spec.grade = 5;
        QVERIFY_THROWS_EXCEPTION(Error, renderPhantom(spec));
        spec.grade = 0;
        spec.side = 'X';
        QVERIFY_THROWS_EXCEPTION(Error, renderPhantom(spec));
        PhantomOptions options;
        QVERIFY_THROWS_EXCEPTION(Error, writePhantomDataset(options));   // no folder
    }

    void cliWritesTheDatasetAndChecksItsArguments()
    {
        QTemporaryDir dir;
        auto run = [](const QStringList& args) {
            QProcess process;
            process.start(kgtest::cliPath(), QStringList{"synth"} + args);
            process.waitForFinished(60000);
            return std::make_pair(process.exitCode(), QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError()));
        };
        const auto [code, output] = run({"--out", dir.path(), "--per-grade", "4", "--size", "48", "--seed", "3",
                                          "--splits", "train=1,test=1", "--quiet"});
        QVERIFY2(code == 0, qPrintable(output));
        QVERIFY(output.contains("wrote 20 phantoms"));
        int files = 0;
        for (const auto& entry : fs::recursive_directory_iterator(dir.path().toStdString()))
            files += entry.path().extension() == ".png";
        QCOMPARE(files, 20);
        QVERIFY(fs::is_empty(dir.filePath("val/0").toStdString()));   // val=0 share
        QCOMPARE(run({"--out", dir.path()}).first, 1);                  // refuses to mix datasets
        QCOMPARE(run({"--out", dir.path(), "--splits", "training=1"}).first, 2);
        QCOMPARE(run({"--per-grade", "3"}).first, 2);                   // no --out
        QCOMPARE(run({"--help"}).first, 0);
        const QString sheet = dir.filePath("sheet.png");
        QCOMPARE(run({"--contact-sheet", sheet, "--columns", "2", "--size", "48"}).first, 0);
        QCOMPARE(cv::imread(sheet.toStdString(), cv::IMREAD_UNCHANGED).rows, 5 * 48 + 6 * 4);
    }

    void contactSheetHasOneRowPerGrade()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("sheet.png").toStdString();
        writePhantomContactSheet(path, 3, 64, 1);
        const cv::Mat sheet = cv::imread(path, cv::IMREAD_UNCHANGED);
        QCOMPARE(sheet.type(), CV_8UC1);
        QCOMPARE(sheet.rows, 5 * 64 + 6 * 4);
        QCOMPARE(sheet.cols, 120 + 3 * (64 + 4) + 4);
    }
};

QTEST_GUILESS_MAIN(TestPhantom)
#include "test_phantom.moc"
