// Dataset scanning and the dataset report: layouts, folder names, patient ids, the seeded
// patient-grouped val split, duplicate and leakage detection, unreadable files, the CLI.
#include "TestPaths.h"

#include "core/data/DatasetReport.h"
#include "core/data/DatasetScan.h"
#include "core/data/Grades.h"
#include "core/util/Error.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>
#include <set>

namespace {

std::string str(const QString& text) { return text.toStdString(); }

/// A small gray PNG whose pixels depend on `seed` (distinct seeds → distinct files).
void writePng(const QString& path, int seed, int width = 16, int height = 16, int depth = CV_8U)
{
    QDir().mkpath(QFileInfo(path).path());
    cv::Mat image(height, width, depth);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const int v = (seed * 31 + x * 7 + y * 3) % 251;
            if (depth == CV_16U)
                image.at<uint16_t>(y, x) = uint16_t(v * 200);
            else
                image.at<uint8_t>(y, x) = uint8_t(v);
        }
    QVERIFY(cv::imwrite(str(path), image));
}

bool copyFile(const QString& from, const QString& to)
{
    QDir().mkpath(QFileInfo(to).path());
    return QFile::copy(from, to);
}

void writeText(const QString& path, const std::string& text)
{
    QDir().mkpath(QFileInfo(path).path());
    std::ofstream out(str(path), std::ios::binary);
    out << text;
}

std::set<std::string> patientsOf(const std::vector<kg::DatasetItem>& items)
{
    std::set<std::string> ids;
    for (const auto& item : items)
        if (!item.patientId.empty())
            ids.insert(item.patientId);
    return ids;
}

std::vector<std::string> pathsOf(const std::vector<kg::DatasetItem>& items)
{
    std::vector<std::string> paths;
    for (const auto& item : items)
        paths.push_back(item.path);
    return paths;
}

bool anyContains(const std::vector<std::string>& texts, const std::string& phrase)
{
    for (const auto& text : texts)
        if (text.find(phrase) != std::string::npos)
            return true;
    return false;
}

std::string scanError(const std::string& root)
{
    try {
        kg::scanDataset(root);
    } catch (const kg::Error& e) {
        return e.what();
    }
    return "NO ERROR";
}

} // namespace

class TestDatasetScan : public QObject {
    Q_OBJECT

private:
    QTemporaryDir temp_;
    QString reportRoot_;  // the fixture with every kind of problem

    /// Builds the report fixture (see initTestCase for what each file is there for).
    void buildReportFixture()
    {
        const QString r = reportRoot_;
        writePng(r + "/train/0/9000001L.png", 1);
        writePng(r + "/train/0/9000002L.png", 2);
        writePng(r + "/train/0/9000003R.png", 3);             // copied into test/0 (duplicate across splits)
        writePng(r + "/train/1/9000004L.png", 4);             // copied into test/2 (and graded differently)
        writePng(r + "/train/1/9000005R.png", 5, 16, 16, CV_16U);  // 16-bit
        writeText(r + "/train/1/9000011L.png", "");            // zero bytes
        writePng(r + "/train/2/9000006L.png", 6);
        QVERIFY(copyFile(r + "/train/2/9000006L.png", r + "/train/2/9000010L.png"));  // duplicate within train
        writePng(r + "/train/2/9000012R.png", 12);
        {
            QFile full(r + "/train/2/9000012R.png");
            QVERIFY(full.open(QIODevice::ReadOnly));
            const QByteArray bytes = full.readAll();
            full.close();
            QFile cut(r + "/train/2/9000013R.png");  // truncated
            QVERIFY(cut.open(QIODevice::WriteOnly));
            cut.write(bytes.left(bytes.size() / 2));
        }
        writePng(r + "/train/3/9000007L.png", 7, 32, 24);      // another size
        writeText(r + "/train/3/notes.txt", "not an image");  // skipped
        writePng(r + "/train/4/9000008R.png", 8);
        writePng(r + "/val/0/9000001R.png", 21);               // patient 9000001 in train and val
        writePng(r + "/val/1/9000009L.png", 22);
        writePng(r + "/val/2/9000014L.png", 23);
        writePng(r + "/val/3/9000015L.png", 24);
        writePng(r + "/val/4/9000016L.png", 25);
        QVERIFY(copyFile(r + "/train/0/9000003R.png", r + "/test/0/9100003R.png"));
        QVERIFY(copyFile(r + "/train/1/9000004L.png", r + "/test/2/9100004L.png"));
        writePng(r + "/test/1/9100001L.png", 31);
        writePng(r + "/test/3/9000006R.png", 32);              // patient 9000006 in train and test
        writePng(r + "/test/4/9100005R.png", 33);
        writePng(r + "/auto_test/3/9100005L.png", 34);         // test + auto_test: by design, not leakage
    }

private slots:
    void initTestCase()
    {
        QVERIFY(temp_.isValid());
        reportRoot_ = temp_.filePath("report");
        buildReportFixture();
    }

    // ---- names ---------------------------------------------------------------------------

    void gradeFolderNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("grade");
        const std::vector<std::pair<const char*, int>> cases = {
            {"0", 0}, {"4", 4}, {"KL0", 0}, {"kl-2", 2}, {"KL_3", 3}, {"Grade 1", 1}, {"grade4", 4}, {"Healthy", 0},
            {"normal", 0}, {"DOUBTFUL", 1}, {"Minimal", 2}, {"mild", 2}, {"Moderate", 3}, {"Severe", 4},
            {"0Normal", 0}, {"2_Minimal", 2}, {"3-Moderate", 3}, {"5", -1}, {"10", -1}, {"2Severe", -1},
            {"misc", -1}, {"", -1}, {"KL", -1}, {"train", -1}};
        for (const auto& [name, grade] : cases)
            QTest::newRow(*name ? name : "(empty)") << QString(name) << grade;
    }

    void gradeFolderNames()
    {
        QFETCH(QString, name);
        QFETCH(int, grade);
        QCOMPARE(kg::gradeFromFolderName(str(name)), grade);
    }

    void gradeNamesAndDescriptions()
    {
        const char* names[] = {"Healthy", "Doubtful", "Minimal", "Moderate", "Severe"};
        for (int g = 0; g < kg::kNumGrades; ++g) {
            QCOMPARE(QString::fromStdString(kg::gradeName(g)), QString(names[g]));
            QCOMPARE(kg::gradeFromFolderName(kg::gradeName(g)), g);
            QVERIFY(!kg::gradeDescription(g).empty());
        }
        QCOMPARE(QString::fromStdString(kg::gradeDescription(1)),
                 QStringLiteral("doubtful joint narrowing, possible osteophytic lipping"));
        QCOMPARE(QString::fromStdString(kg::gradeDescription(4)),
                 QStringLiteral("large osteophytes, marked narrowing, severe sclerosis"));
        QCOMPARE(QString::fromStdString(kg::gradeLabel(3)), QStringLiteral("KL3 Moderate"));
        QCOMPARE(QString::fromStdString(kg::gradeName(7)), QStringLiteral("Unknown"));
    }

    void patientFromFileName_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("patient");
        QTest::addColumn<QString>("side");
        QTest::newRow("real dataset R") << "9003175R.png" << "9003175" << "R";
        QTest::newRow("real dataset L") << "9003175L.png" << "9003175" << "L";
        QTest::newRow("separator, lower case") << "9003175_l.PNG" << "9003175" << "L";
        QTest::newRow("no side") << "9003175.png" << "9003175" << "?";
        QTest::newRow("copy suffix") << "9003175R (1).png" << "9003175" << "R";
        QTest::newRow("augmented suffix") << "9003175L_aug2.png" << "9003175" << "L";
        QTest::newRow("letters after digits") << "9003175Rx.png" << "9003175" << "?";
        QTest::newRow("other scheme") << "case12_R.png" << "case12" << "R";
        QTest::newRow("short id") << "p7L.dcm" << "p7" << "L";
        QTest::newRow("with folder") << "/data/train/2/9003175R.png" << "9003175" << "R";
        QTest::newRow("no id") << "image.png" << "" << "?";
        QTest::newRow("side word only") << "scan_L.png" << "" << "?";
    }

    void patientFromFileName()
    {
        QFETCH(QString, file);
        QFETCH(QString, patient);
        QFETCH(QString, side);
        const kg::PatientKey key = kg::parsePatientFromFileName(str(file));
        QCOMPARE(QString::fromStdString(key.patientId), patient);
        QCOMPARE(QString(QChar(key.side)), side);
    }

    // ---- layouts -------------------------------------------------------------------------

    void realLayout()
    {
        const QString root = temp_.filePath("real");
        int seed = 100;
        for (const char* split : {"train", "val", "test", "auto_test"})
            for (int g = 0; g < kg::kNumGrades; ++g)
                for (int i = 0; i <= g; ++i)  // grade g has g+1 images
                    writePng(QString("%1/%2/%3/%4%5.png").arg(root, split).arg(g).arg(9000000 + seed++).arg(i % 2 ? 'L' : 'R'), seed);
        const kg::DatasetSplits splits = kg::scanDataset(str(root) + "/");  // trailing slash is fine
        QCOMPARE(QString::fromStdString(splits.root), QDir(root).absolutePath());
        QVERIFY(!splits.valSplitFromTrain);
        for (kg::Split split : {kg::Split::Train, kg::Split::Val, kg::Split::Test, kg::Split::AutoTest}) {
            const auto& items = splits.items(split);
            QCOMPARE(items.size(), size_t(15));
            for (size_t i = 0; i < items.size(); ++i) {
                QVERIFY(QFileInfo(QString::fromStdString(items[i].path)).isAbsolute());
                QVERIFY(QFileInfo::exists(QString::fromStdString(items[i].path)));
                QVERIFY(items[i].patientId.size() == 7);
                QVERIFY(items[i].side == 'L' || items[i].side == 'R');
                if (i > 0)  // sorted by grade, then path
                    QVERIFY(items[i - 1].grade < items[i].grade ||
                            (items[i - 1].grade == items[i].grade && items[i - 1].path < items[i].path));
            }
            QCOMPARE(items.back().grade, 4);
        }
        QCOMPARE(splits.gradeFolders.size(), size_t(5));
        QCOMPARE(splits.gradeFolders.at("3"), 3);
        QCOMPARE(QString::fromStdString(splits.splitFolders.at(kg::Split::AutoTest)), QStringLiteral("auto_test"));
        QVERIFY(splits.skipped.empty());
        QVERIFY(splits.contentHashes.empty());
    }

    void namedFoldersAndStrayFiles()
    {
        const QString root = temp_.filePath("named");
        const char* trainGrades[] = {"KL0", "Doubtful", "2_Minimal", "Moderate", "Severe"};
        const char* valGrades[] = {"0", "1", "2", "3", "4"};
        const char* testGrades[] = {"Healthy", "kl1", "grade 2", "3", "4"};
        int seed = 500;
        for (int g = 0; g < kg::kNumGrades; ++g) {
            writePng(QString("%1/Train/%2/%3L.png").arg(root, trainGrades[g]).arg(9100000 + g), seed++);
            writePng(QString("%1/Validation/%2/%3L.jpeg").arg(root, valGrades[g]).arg(9200000 + g), seed++);
            writePng(QString("%1/TEST/%2/%3R.PNG").arg(root, testGrades[g]).arg(9300000 + g), seed++);
        }
        writeText(root + "/TEST/4/extra.dcm", "x");           // any name, DICOM extension: taken
        writeText(root + "/TEST/4/no_extension", "x");        // DICOM often has no extension: taken
        writeText(root + "/Train/KL0/notes.txt", "x");
        writeText(root + "/Train/KL0/Thumbs.db", "x");
        writeText(root + "/Train/KL0/.DS_Store", "x");
        writeText(root + "/Train/KL0/._9100000L.png", "x");  // macOS resource fork
        writePng(root + "/Train/KL0/nested/9100099L.png", seed++);
        writePng(root + "/Train/loose.png", seed++);
        writePng(root + "/TEST/misc/9300099L.png", seed++);
        QDir().mkpath(root + "/models");
        writeText(root + "/README.md", "dataset readme");      // root-level files are ignored quietly

        const kg::DatasetSplits splits = kg::scanDataset(str(root));
        QCOMPARE(splits.train.size(), size_t(5));
        QCOMPARE(splits.val.size(), size_t(5));
        QCOMPARE(splits.test.size(), size_t(7));
        QVERIFY(splits.autoTest.empty());
        QVERIFY(!splits.valSplitFromTrain);
        for (int g = 0; g < kg::kNumGrades; ++g) {
            QCOMPARE(splits.train[size_t(g)].grade, g);
            QCOMPARE(splits.gradeFolders.at(trainGrades[g]), g);
            QCOMPARE(splits.gradeFolders.at(testGrades[g]), g);
        }
        QCOMPARE(QString::fromStdString(splits.splitFolders.at(kg::Split::Val)), QStringLiteral("Validation"));

        std::map<std::string, std::string> skipped;
        for (const auto& entry : splits.skipped)
            skipped[str(QDir(root).relativeFilePath(QString::fromStdString(entry.path)))] = entry.reason;
        QCOMPARE(skipped.size(), size_t(8));
        QVERIFY(skipped.at("Train/KL0/notes.txt").find("not an image file (extension .txt)") != std::string::npos);
        QVERIFY(skipped.count("Train/KL0/Thumbs.db"));
        QVERIFY(skipped.at("Train/KL0/.DS_Store").find("hidden") != std::string::npos);
        QVERIFY(skipped.count("Train/KL0/._9100000L.png"));
        QVERIFY(skipped.at("Train/KL0/nested").find("folder inside a grade folder") != std::string::npos);
        QVERIFY(skipped.at("Train/loose.png").find("outside the grade folders") != std::string::npos);
        QVERIFY(skipped.at("TEST/misc").find("not a grade folder") != std::string::npos);
        QVERIFY(skipped.at("models").find("not a split folder") != std::string::npos);
    }

    void notADataset()
    {
        const QString missing = temp_.filePath("nowhere");
        std::string message = scanError(str(missing));
        QVERIFY2(message.find("does not exist") != std::string::npos && message.find("nowhere") != std::string::npos,
                 message.c_str());

        const QString file = temp_.filePath("plain_file");
        writeText(file, "x");
        message = scanError(str(file));
        QVERIFY2(message.find("is a file") != std::string::npos, message.c_str());

        const QString empty = temp_.filePath("empty_dataset");
        QDir().mkpath(empty + "/images");
        message = scanError(str(empty));
        QVERIFY2(message.find("not a dataset") != std::string::npos && message.find("train/") != std::string::npos &&
                     message.find("val/") != std::string::npos && message.find("test/") != std::string::npos,
                 message.c_str());

        const QString flat = temp_.filePath("flat_dataset");
        writePng(flat + "/0/9000001L.png", 1);
        writePng(flat + "/1/9000002L.png", 2);
        message = scanError(str(flat));
        QVERIFY2(message.find("move them into train/") != std::string::npos, message.c_str());
    }

    // ---- val split from train --------------------------------------------------------------

    void valSplitFromTrainIsGroupedStratifiedSeeded()
    {
        const QString root = temp_.filePath("noval");
        int count = 0;
        std::array<int, kg::kNumGrades> perGrade{};
        for (int p = 0; p < 160; ++p) {
            const int left = (p * 3) % 5;
            const int right = p % 7 == 0 ? (left + 1) % 5 : left;  // some patients' knees differ
            // Zero-byte files: scanning never opens them.
            writeText(QString("%1/train/%2/%3L.png").arg(root).arg(left).arg(9400000 + p), "");
            writeText(QString("%1/train/%2/%3R.png").arg(root).arg(right).arg(9400000 + p), "");
            ++perGrade[size_t(left)];
            ++perGrade[size_t(right)];
            count += 2;
        }
        for (int i = 0; i < 10; ++i) {  // names without a patient id: each its own group
            writeText(QString("%1/train/%2/image_%3.png").arg(root).arg(i % 5).arg(i), "");
            ++perGrade[size_t(i % 5)];
            ++count;
        }
        writePng(root + "/test/0/9500000L.png", 1);

        kg::ScanOptions options;
        options.seed = 7;
        const kg::DatasetSplits a = kg::scanDataset(str(root), options);
        QVERIFY(a.valSplitFromTrain);
        QCOMPARE(a.seed, std::uint64_t(7));
        QCOMPARE(a.valFraction, 0.125);
        QCOMPARE(int(a.train.size() + a.val.size()), count);
        QCOMPARE(a.test.size(), size_t(1));

        // Whole patients: no id on both sides.
        const auto trainPatients = patientsOf(a.train);
        for (const auto& id : patientsOf(a.val))
            QVERIFY2(!trainPatients.count(id), id.c_str());
        // Stratified: each grade's share within two images of 12.5 %.
        std::array<int, kg::kNumGrades> valPerGrade{};
        for (const auto& item : a.val)
            ++valPerGrade[size_t(item.grade)];
        for (int g = 0; g < kg::kNumGrades; ++g) {
            const double target = 0.125 * perGrade[size_t(g)];
            QVERIFY2(std::abs(valPerGrade[size_t(g)] - target) <= 2.0,
                     qPrintable(QString("grade %1: %2 held out, target %3").arg(g).arg(valPerGrade[size_t(g)]).arg(target)));
        }
        // Reproducible from the seed; another seed gives another split.
        const kg::DatasetSplits again = kg::scanDataset(str(root), options);
        QCOMPARE(pathsOf(again.val), pathsOf(a.val));
        QCOMPARE(pathsOf(again.train), pathsOf(a.train));
        options.seed = 8;
        const kg::DatasetSplits other = kg::scanDataset(str(root), options);
        QVERIFY(pathsOf(other.val) != pathsOf(a.val));
        QVERIFY(std::abs(int(other.val.size()) - int(a.val.size())) <= 5);

        // The function itself: fraction 0 holds nothing out; bad fractions are errors.
        const auto [kept, heldOut] = kg::splitByPatient(a.train, 0.0, 1);
        QCOMPARE(kept.size(), a.train.size());
        QVERIFY(heldOut.empty());
        QVERIFY_THROWS_EXCEPTION(kg::Error, kg::splitByPatient(a.train, 1.0, 1));
    }

    // ---- report --------------------------------------------------------------------------

    void reportFindsEveryProblem()
    {
        const kg::DatasetSplits splits = kg::scanDataset(str(reportRoot_));
        std::vector<std::pair<size_t, size_t>> calls;
        const kg::DatasetReport report = kg::buildDatasetReport(splits, {}, [&](size_t done, size_t total) {
            calls.emplace_back(done, total);
            return true;
        });
        QVERIFY(!report.cancelled);
        QCOMPARE(report.filesTotal, size_t(23));
        QCOMPARE(report.filesChecked, report.filesTotal);
        QVERIFY(!calls.empty());
        QCOMPARE(calls.back(), std::make_pair(report.filesTotal, report.filesTotal));

        // Counts per split and grade.
        QCOMPARE(report.splits.size(), size_t(4));
        QCOMPARE(report.splits[0].name, std::string("train"));
        QCOMPARE(report.splits[0].counts, (std::array<int, 5>{3, 3, 4, 1, 1}));
        QCOMPARE(report.splits[0].total, 12);
        QCOMPARE(report.splits[1].counts, (std::array<int, 5>{1, 1, 1, 1, 1}));
        QCOMPARE(report.splits[2].name, std::string("test"));
        QCOMPARE(report.splits[2].counts, (std::array<int, 5>{1, 1, 1, 1, 1}));
        QCOMPARE(report.splits[3].name, std::string("auto_test"));
        QCOMPARE(report.imbalanceRatio, 4.0);

        // Unreadable files with their reasons.
        QCOMPARE(report.unreadable.size(), size_t(2));
        QVERIFY(QString::fromStdString(report.unreadable[0].path).endsWith("train/1/9000011L.png"));
        QVERIFY2(report.unreadable[0].reason.find("empty") != std::string::npos, report.unreadable[0].reason.c_str());
        QVERIFY(report.unreadable[0].reason.find(report.unreadable[0].path) == std::string::npos);  // reason without path
        QVERIFY(QString::fromStdString(report.unreadable[1].path).endsWith("train/2/9000013R.png"));
        QVERIFY2(report.unreadable[1].reason.find("truncated PNG") != std::string::npos, report.unreadable[1].reason.c_str());
        QCOMPARE(report.unreadable[1].split, std::string("train"));
        QCOMPARE(report.unreadable[1].grade, 2);

        // Identical images: two across splits (one graded differently), one within train.
        QCOMPARE(report.duplicates.size(), size_t(3));
        int across = 0, conflicting = 0;
        for (const auto& group : report.duplicates) {
            QCOMPARE(group.paths.size(), size_t(2));
            QCOMPARE(group.sha256.size(), size_t(64));
            across += group.acrossSplits;
            conflicting += group.conflictingGrades;
        }
        QCOMPARE(across, 2);
        QCOMPARE(conflicting, 1);
        QVERIFY(report.duplicates[0].acrossSplits && report.duplicates[1].acrossSplits);
        QVERIFY(!report.duplicates[2].acrossSplits);
        QVERIFY(QString::fromStdString(report.duplicates[2].paths[1]).endsWith("9000010L.png"));

        // Leakage: 9000001 (train+val) and 9000006 (train+test); 9100005 (test+auto_test) is by design.
        std::set<std::string> leaked;
        for (const auto& leak : report.leakedPatients)
            leaked.insert(leak.patientId);
        QCOMPARE(leaked, (std::set<std::string>{"9000001", "9000006"}));
        QCOMPARE(report.leakedPatients[0].splits, (std::vector<std::string>{"train", "val"}));

        // Sizes, bit depths, formats of the 21 readable images.
        QCOMPARE(report.imageSizes.at("16×16"), 20);
        QCOMPARE(report.imageSizes.at("32×24"), 1);
        QCOMPARE(report.bitDepths.at(8), 20);
        QCOMPARE(report.bitDepths.at(16), 1);
        QCOMPARE(report.formats.at("PNG"), 21);
        QCOMPARE(report.colour.at("gray"), 21);
        QCOMPARE(report.skipped.size(), size_t(1));

        // Plain-words warnings, most serious first.
        const auto warnings = report.warnings();
        QVERIFY(anyContains(warnings, "2 files cannot be read"));
        QVERIFY(anyContains(warnings, "2 images are stored byte-for-byte in more than one split"));
        QVERIFY(anyContains(warnings, "different grades"));
        QVERIFY(anyContains(warnings, "2 patients have images in more than one split"));
        QVERIFY(anyContains(warnings, "stored more than once within one split"));
        QVERIFY(anyContains(warnings, "2 different sizes"));
        QVERIFY(anyContains(warnings, "more than 8 bits"));
        QVERIFY(anyContains(warnings, "not used"));
        QVERIFY(anyContains(warnings, "Grades are imbalanced: train has 4.0× as many KL2 Minimal images (4)"));
        QVERIFY(anyContains(warnings, "auto_test has no images of KL0 Healthy"));
        QVERIFY(warnings.front().find("cannot be read") != std::string::npos);

        const std::string text = report.toText();
        for (const char* phrase : {"Unreadable files (2)", "train/2/9000013R.png: truncated PNG", "[across splits]",
                                   "[different grades]", "Patients in more than one split (2)", "9000006 (test, train): test/3/9000006R.png, train/2/9000006L.png",
                                   "KL4 Severe", "16×16 (20)", "16-bit (1)", "Skipped (1)", "Warnings:"})
            QVERIFY2(text.find(phrase) != std::string::npos, phrase);

        const nlohmann::json json = report;
        const nlohmann::json parsed = nlohmann::json::parse(json.dump());
        QCOMPARE(parsed["unreadable"].size(), size_t(2));
        QCOMPARE(parsed["duplicates"].size(), size_t(3));
        QCOMPARE(parsed["leakedPatients"].size(), size_t(2));
        QCOMPARE(parsed["splits"][0]["counts"]["2"].get<int>(), 4);
        QCOMPARE(parsed["bitDepths"]["16"].get<int>(), 1);
        QVERIFY(parsed["warnings"].size() == warnings.size());
    }

    void imbalanceWarning()
    {
        // Pure counting: no files needed when nothing is decoded or hashed.
        kg::DatasetSplits splits;
        splits.root = "/nowhere";
        const int counts[] = {20, 10, 5, 2, 0};
        for (int g = 0; g < kg::kNumGrades; ++g)
            for (int i = 0; i < counts[g]; ++i)
                splits.train.push_back({"/nowhere/train/" + std::to_string(g) + "/" + std::to_string(i) + ".png", g, "", '?'});
        splits.test.push_back({"/nowhere/test/0/a.png", 0, "", '?'});
        kg::ReportOptions options;
        options.decodeImages = false;
        options.findDuplicates = false;
        kg::DatasetReport report = kg::buildDatasetReport(splits, options);
        QVERIFY(std::isinf(report.imbalanceRatio));
        auto warnings = report.warnings();
        QVERIFY(anyContains(warnings, "train has no images of KL4 Severe: the model cannot learn this grade."));
        QVERIFY(anyContains(warnings, "test has no images of KL1 Doubtful, KL2 Minimal, KL3 Moderate, KL4 Severe"));
        QVERIFY(!anyContains(warnings, "cannot be read"));
        QVERIFY(report.toText().find("not decoded") != std::string::npos);

        splits.train.push_back({"/nowhere/train/4/x.png", 4, "", '?'});
        report = kg::buildDatasetReport(splits, options);
        QCOMPARE(report.imbalanceRatio, 20.0);
        warnings = report.warnings();
        QVERIFY2(anyContains(warnings, "Grades are imbalanced: train has 20.0× as many KL0 Healthy images (20) as KL4 Severe (1)"),
                 report.toText().c_str());
        QVERIFY(anyContains(warnings, "class weights"));
        QVERIFY(nlohmann::json(report)["imbalanceRatio"].get<double>() == 20.0);
    }

    void reportCancelsAndReusesScanHashes()
    {
        const kg::DatasetSplits splits = kg::scanDataset(str(reportRoot_));
        int calls = 0;
        const kg::DatasetReport cancelled = kg::buildDatasetReport(splits, {}, [&](size_t, size_t) {
            ++calls;
            return false;
        });
        QVERIFY(cancelled.cancelled);
        QCOMPARE(calls, 1);
        QVERIFY(cancelled.filesChecked < cancelled.filesTotal);
        QVERIFY(cancelled.warnings().front().find("cancelled") != std::string::npos);

        kg::ScanOptions scan;
        scan.hashContents = true;
        const kg::DatasetSplits hashed = kg::scanDataset(str(reportRoot_), scan);
        QCOMPARE(hashed.contentHashes.size(), size_t(23));  // the empty file has a hash too
        kg::ReportOptions options;
        options.decodeImages = false;
        const kg::DatasetReport report = kg::buildDatasetReport(hashed, options);
        QVERIFY(!report.imagesDecoded);
        QVERIFY(report.unreadable.empty());
        QCOMPARE(report.duplicates.size(), size_t(3));
        QVERIFY(report.imageSizes.empty());
    }

    // ---- CLI -----------------------------------------------------------------------------

    void cliDataset()
    {
        auto run = [](const QStringList& args, QByteArray* out = nullptr, QByteArray* err = nullptr) {
            QProcess process;
            process.start(kgtest::cliPath(), QStringList{"dataset"} + args);
            process.waitForFinished(60000);
            if (out)
                *out = process.readAllStandardOutput();
            if (err)
                *err = process.readAllStandardError();
            return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        };
        QVERIFY2(QFileInfo::exists(kgtest::cliPath()), qPrintable(kgtest::cliPath()));
        QByteArray out, err;
        QCOMPARE(run({reportRoot_}, &out, &err), 0);  // bad files are listed, not fatal
        QVERIFY2(out.contains("Unreadable files (2)"), out.constData());
        QVERIFY(out.contains("Patients in more than one split"));

        QCOMPARE(run({reportRoot_, "--json", "--seed", "3"}, &out), 0);
        const nlohmann::json json = nlohmann::json::parse(out.toStdString());
        QCOMPARE(json["unreadable"].size(), size_t(2));

        QCOMPARE(run({temp_.filePath("nowhere")}, &out, &err), 1);
        QVERIFY2(err.contains("does not exist"), err.constData());
        QDir().mkpath(temp_.filePath("not_a_dataset/images"));
        QCOMPARE(run({temp_.filePath("not_a_dataset")}, &out, &err), 1);
        QVERIFY2(err.contains("not a dataset"), err.constData());
        QCOMPARE(run({}), 2);
        QCOMPARE(run({reportRoot_, "--seed", "x"}), 2);
        QCOMPARE(run({"--help"}, &out), 0);
        QVERIFY(out.contains("--seed"));
    }
};

QTEST_GUILESS_MAIN(TestDatasetScan)
#include "test_dataset_scan.moc"
