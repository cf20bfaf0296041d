// What the trainer checks in a dataset folder before training: the dataset report's warnings
// that matter for training (missing grades and the like) plus grades with a handful of
// images, and a precise message when there is nothing to validate on. In memory, then
// through `kneegrade-cli train` on small phantom datasets.
#include "CliRunner.h"

#include "core/data/DatasetReport.h"
#include "core/data/DatasetScan.h"
#include "core/data/DatasetChecks.h"
#include "core/util/Error.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <array>

using namespace kg;

namespace {

using kgtest::CliResult;
using kgtest::runCli;

/// `perGrade[g]` items of grade g in `folder`, two knees per patient (ids unique to the folder).
std::vector<DatasetItem> items(const std::string& folder, const std::array<int, kNumGrades>& perGrade)
{
    std::vector<DatasetItem> list;
    for (int grade = 0; grade < kNumGrades; ++grade)
        for (int i = 0; i < perGrade[static_cast<size_t>(grade)]; ++i) {
            const std::string patient = folder + std::to_string(grade * 1000 + i / 2);
            const char side = i % 2 ? 'L' : 'R';
            list.push_back({"/data/" + folder + "/" + std::to_string(grade) + "/" + patient + side + ".png", grade, patient, side});
        }
    return list;
}

DatasetSplits splitsOf(const std::array<int, kNumGrades>& train, const std::array<int, kNumGrades>& val)
{
    DatasetSplits splits;
    splits.root = "/data";
    splits.train = items("train", train);
    splits.val = items("val", val);
    splits.splitFolders = {{Split::Train, "train"}, {Split::Val, "val"}};
    return splits;
}

QString messageOf(const DatasetSplits& splits)
{
    try {
        checkTrainable(splits);
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

bool contains(const std::vector<std::string>& list, const std::string& text)
{
    return std::any_of(list.begin(), list.end(), [&](const std::string& item) { return item.find(text) != std::string::npos; });
}

/// Copies the files of `from` into `to` (folders created), at most `limit` per folder.
bool copyFolder(const QString& from, const QString& to, int limit = 1 << 30)
{
    if (!QDir().mkpath(to))
        return false;
    const QDir source(from);
    int copied = 0;
    for (const QFileInfo& entry : source.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QString target = to + "/" + entry.fileName();
        if (entry.isDir() ? !copyFolder(entry.filePath(), target, limit) : (copied++ < limit && !QFile::copy(entry.filePath(), target)))
            return false;
    }
    return true;
}

QStringList trainArguments(const QString& data, const QString& run)
{
    return {"train", "--data", data, "--out", run, "--arch", "resnetv2-tiny", "--image-size", "32", "--epochs", "1",
            "--batch", "4", "--no-augment", "--device", "cpu", "--threads", "2", "--workers", "1"};
}

} // namespace

class TestDatasetChecks : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void emptyValFolderIsNamed();
    void noValFolderAndTinyTrain();
    void warningsAreTheReportsForTrainAndVal();
    void handfulOfImagesPerGrade();
    void cliRefusesAnEmptyValFolder();
    void cliWarnsAboutAMissingGradeFolder();
    void cliWarnsAboutOneImagePerGrade();

private:
    QTemporaryDir work_;
    QString phantoms_;
};

void TestDatasetChecks::initTestCase()
{
    QVERIFY(work_.isValid());
    phantoms_ = work_.filePath("phantoms");
    const CliResult synth = runCli({"synth", "--out", phantoms_, "--per-grade", "16", "--size", "32", "--seed", "5",
                                    "--splits", "train=0.5,val=0.5", "--quiet"});
    QVERIFY2(synth.exitCode == 0, qPrintable(synth.err));
}

void TestDatasetChecks::emptyValFolderIsNamed()
{
    // train has 300 images; val/ is there but empty, so the scan does not split train.
    DatasetSplits splits = splitsOf({60, 60, 60, 60, 60}, {0, 0, 0, 0, 0});
    const QString message = messageOf(splits);
    QVERIFY2(message.startsWith("'/data/val': holds no images"), qPrintable(message));
    QVERIFY2(message.contains("remove the empty folder") && message.contains("12.5 %"), qPrintable(message));
    QVERIFY2(!message.contains("too small"), qPrintable(message));

    splits.splitFolders[Split::Val] = "validation";  // named as on disk
    QVERIFY2(messageOf(splits).startsWith("'/data/validation': holds no images"), qPrintable(messageOf(splits)));
}

void TestDatasetChecks::noValFolderAndTinyTrain()
{
    DatasetSplits splits = splitsOf({1, 0, 0, 0, 0}, {0, 0, 0, 0, 0});
    splits.splitFolders.erase(Split::Val);
    const QString message = messageOf(splits);
    QVERIFY2(message.startsWith("'/data': the dataset has no val/ folder and train (1 images) is too small"), qPrintable(message));

    splits.train.clear();
    QVERIFY2(messageOf(splits).contains("no training images"), qPrintable(messageOf(splits)));
    QVERIFY(messageOf(splitsOf({1, 1, 1, 1, 1}, {1, 0, 0, 0, 0})).isEmpty());
}

void TestDatasetChecks::warningsAreTheReportsForTrainAndVal()
{
    // Grade 4 missing in train, grade 3 in val, grade 2 in test; patient leak train → test.
    DatasetSplits splits = splitsOf({40, 40, 40, 40, 0}, {10, 10, 10, 0, 10});
    splits.test = items("test", {10, 10, 0, 10, 10});
    splits.test.push_back(splits.train.front());
    splits.splitFolders[Split::Test] = "test";
    splits.skipped = {{"/data/test/notes.txt", "a file outside the grade folders; it has no grade"}};

    ReportOptions names;
    names.decodeImages = false;
    names.findDuplicates = false;
    const std::vector<std::string> report = buildDatasetReport(splits, names).warnings();
    const std::vector<std::string> training = trainingWarnings(splits);
    // Reused, word for word: what the dataset report says about train and val.
    for (const char* expected : {"train has no images of KL4 Severe: the model cannot learn this grade.",
                                 "val has no images of KL3 Moderate: metrics for this grade cannot be measured on it."}) {
        QVERIFY2(contains(report, expected), expected);
        QVERIFY2(contains(training, expected), expected);
    }
    // What concerns only the test split is for `kneegrade-cli dataset` and evaluation.
    QVERIFY(contains(report, "test has no images of KL2"));
    QVERIFY(!contains(training, "test has"));
    QVERIFY(contains(report, "in more than one split"));
    QVERIFY(!contains(training, "in more than one split"));
    QVERIFY(contains(report, "not used"));
    QVERIFY(!contains(training, "not used"));
    // None of it stops training; a healthy train/val gives no warnings at all.
    QVERIFY(trainingWarnings(splitsOf({40, 40, 40, 40, 40}, {10, 10, 10, 10, 10})).empty());
}

void TestDatasetChecks::handfulOfImagesPerGrade()
{
    const std::vector<std::string> one = trainingWarnings(splitsOf({1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}));
    QVERIFY2(contains(one, "train has only a handful of images of some grades (KL0 Healthy: 1, KL1 Doubtful: 1, "
                           "KL2 Minimal: 1, KL3 Moderate: 1, KL4 Severe: 1)"),
             qPrintable(QString::fromStdString(one.empty() ? "no warnings" : one.back())));
    const std::vector<std::string> edge =
        trainingWarnings(splitsOf({kFewTrainingImagesPerGrade, 40, 40, 40, kFewTrainingImagesPerGrade - 1}, {10, 10, 10, 10, 10}));
    QVERIFY(contains(edge, "(KL4 Severe: 4)"));
    QVERIFY(!contains(edge, "KL0 Healthy: "));
}

void TestDatasetChecks::cliRefusesAnEmptyValFolder()
{
    const QString data = work_.filePath("empty-val");
    QVERIFY(copyFolder(phantoms_ + "/train", data + "/train"));
    QVERIFY(QDir().mkpath(data + "/val/0"));
    const CliResult run = runCli(trainArguments(data, work_.filePath("run-empty-val")));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("'" + QDir(data).absolutePath() + "/val': holds no images"), qPrintable(run.err));
    QVERIFY2(!run.err.contains("too small to split"), qPrintable(run.err));
}

void TestDatasetChecks::cliWarnsAboutAMissingGradeFolder()
{
    const QString data = work_.filePath("no-grade-4");
    QVERIFY(copyFolder(phantoms_, data));
    QVERIFY(QDir(data + "/train/4").removeRecursively());
    const CliResult run = runCli(trainArguments(data, work_.filePath("run-no-grade-4")));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.err.contains("warning: train has no images of KL4 Severe: the model cannot learn this grade."),
             qPrintable(run.err));
}

void TestDatasetChecks::cliWarnsAboutOneImagePerGrade()
{
    const QString data = work_.filePath("one-per-grade");
    QVERIFY(copyFolder(phantoms_ + "/train", data + "/train", 1));
    QVERIFY(copyFolder(phantoms_ + "/val", data + "/val", 1));
    const CliResult run = runCli(trainArguments(data, work_.filePath("run-one-per-grade")));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.err.contains("warning: train has only a handful of images of some grades (KL0 Healthy: 1"), qPrintable(run.err));
}

QTEST_GUILESS_MAIN(TestDatasetChecks)
#include "test_dataset_checks.moc"
