// Prediction on real clinical files: every file in shared/data/radiographs gives a valid
// five-grade distribution or a clear, per-file error — never a crash.
#include "EvalFixtures.h"
#include "TestPaths.h"

#include "core/data/FullRadiograph.h"
#include "core/data/Grades.h"
#include "core/eval/Predictor.h"
#include "core/eval/ResultsCsv.h"
#include "core/imaging/DicomWrite.h"
#include "core/util/Error.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <sstream>

namespace {

void verifyPrediction(const kg::Prediction& p)
{
    if (!p.ok()) {
        // A clear error names the file.
        QVERIFY2(p.error.find(QFileInfo(QString::fromStdString(p.path)).fileName().toStdString()) != std::string::npos,
                 p.error.c_str());
        QVERIFY(p.probabilities.empty());
        return;
    }
    QCOMPARE(p.probabilities.size(), size_t(5));
    double sum = 0;
    for (double v : p.probabilities) {
        QVERIFY(std::isfinite(v) && v >= 0.0 && v <= 1.0);
        sum += v;
    }
    QVERIFY2(std::abs(sum - 1.0) < 1e-9, qPrintable(QString::number(sum, 'g', 17)));
    QVERIFY(p.grade >= 0 && p.grade < 5);
    QCOMPARE(p.confidence, p.probabilities[static_cast<size_t>(p.grade)]);
    QCOMPARE(p.gradeName, kg::gradeName(p.grade));
    QCOMPARE(p.gradeDescription, kg::gradeDescription(p.grade));
    QVERIFY(p.normalisedEntropy >= 0.0 && p.normalisedEntropy <= 1.0);
    QVERIFY(p.imageWidth > 0 && p.imageHeight > 0);
}

} // namespace

class TestPredictor : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::string checkpoint_;

    kg::PredictorOptions options() const
    {
        kg::PredictorOptions o;
        o.checkpoint = checkpoint_;
        o.runtime.device = kg::DevicePreference::Cpu;
        o.batchSize = 4;
        return o;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        checkpoint_ = dir_.filePath(QStringLiteral("tiny.kgckpt")).toStdString();
        evaltest::saveTinyCheckpoint(checkpoint_, 64);
    }

    void everyRealRadiograph()
    {
        const QDir folder(kgtest::radiographsDir());
        QVERIFY2(folder.exists(), qPrintable(kgtest::radiographsDir()));
        std::vector<std::string> paths;
        for (const QString& name : folder.entryList(QDir::Files, QDir::Name))
            paths.push_back(folder.filePath(name).toStdString());
        paths.push_back(folder.filePath(QStringLiteral("no-such-file.png")).toStdString());
        QVERIFY(paths.size() >= 12);

        kg::Predictor predictor(options());
        const auto predictions = predictor.predictFiles(paths);
        QCOMPARE(predictions.size(), paths.size());
        int ok = 0;
        for (size_t i = 0; i < paths.size(); ++i) {
            QCOMPARE(predictions[i].path, paths[i]);
            verifyPrediction(predictions[i]);
            ok += predictions[i].ok();
            const QString name = QFileInfo(QString::fromStdString(paths[i])).fileName();
            if (name == QStringLiteral("PROVENANCE.md") || name == QStringLiteral("no-such-file.png") ||
                name == QStringLiteral("966.dcm"))
                QVERIFY2(!predictions[i].ok(), qPrintable(name));
            if (name == QStringLiteral("RG3_J2KR.dcm") || name == QStringLiteral("NIH_CXR_DX_8bit.dcm"))
                QVERIFY2(predictions[i].ok(), predictions[i].error.c_str());
            // Graded all the same, but the file's own body part says it is not a knee.
            if (name == QStringLiteral("RG1_J2KI.dcm"))
                QVERIFY2(QString::fromStdString(predictions[i].bodyPartWarning).contains(QStringLiteral("CHEST")),
                         predictions[i].bodyPartWarning.c_str());
            if (name == QStringLiteral("RG3_J2KR.dcm"))
                QVERIFY(predictions[i].bodyPartWarning.empty());
        }
        QVERIFY(ok >= 8);

        // The same through the table writer: one row per file, errors included.
        std::ostringstream csv;
        kg::writePredictionsCsv(csv, predictions, predictor.classNames());
        const std::string table = csv.str();
        QCOMPARE(static_cast<size_t>(std::count(table.begin(), table.end(), '\n')), paths.size() + 1);
        QVERIFY(table.find(",error,warning,ood_score,out_of_distribution,roi,side,roi_source,localisation\n") != std::string::npos);
        QVERIFY(table.find("RG1_J2KI.dcm,ok,") != std::string::npos);
        QVERIFY2(table.find("shows the CHEST") != std::string::npos, table.c_str());
    }

    /// One file at a time with Grad-CAM, as the Predict workspace does on a drop.
    void singleFilesWithGradCam_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("CR lower leg, JPEG 2000") << QStringLiteral("RG3_J2KR.dcm") << true;
        QTest::newRow("8-bit DX") << QStringLiteral("NIH_CXR_DX_8bit.dcm") << true;
        QTest::newRow("VOI LUT") << QStringLiteral("vlut_04.dcm") << true;
        QTest::newRow("corrupt JPEG 2000") << QStringLiteral("966.dcm") << false;
        QTest::newRow("not an image") << QStringLiteral("PROVENANCE.md") << false;
    }
    void singleFilesWithGradCam()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        kg::Predictor predictor(options());
        kg::GradCamOptions gradCam;
        gradCam.enabled = true;
        const kg::Prediction p = predictor.predict(QDir(kgtest::radiographsDir()).filePath(name).toStdString(), gradCam);
        verifyPrediction(p);
        QCOMPARE(p.ok(), valid);
        if (!valid)
            return;
        QCOMPARE(p.heatmap.width, p.imageWidth);
        QCOMPARE(p.heatmap.height, p.imageHeight);
        QCOMPARE(p.overlay.width, p.imageWidth);
        QCOMPARE(p.overlay.height, p.imageHeight);
        QCOMPARE(p.image.pixels.size(), size_t(p.imageWidth) * p.imageHeight * 3);
        QCOMPARE(p.explainedGrade, p.grade);
    }

    void folderAndFlags()
    {
        kg::Predictor predictor(options());
        const auto files = kg::listImageFiles(kgtest::radiographsDir().toStdString());
        for (const auto& f : files)
            QVERIFY2(f.find("PROVENANCE.md") == std::string::npos, f.c_str());
        QCOMPARE(files.size(), size_t(11));

        // A random network is close to uniform: flagged as low confidence at the default threshold.
        auto o = options();
        o.lowConfidenceEntropy = 0.5;
        kg::Predictor uncertain(o);
        const kg::Prediction p = uncertain.predict(files.back());
        QVERIFY2(p.ok(), p.error.c_str());
        QCOMPARE(p.lowConfidence, p.normalisedEntropy > 0.5);
        o.lowConfidenceEntropy = 1.0;
        QVERIFY(!kg::Predictor(o).predict(files.back()).lowConfidence);

        QCOMPARE(kg::normalisedEntropy({0.2, 0.2, 0.2, 0.2, 0.2}), 1.0);
        QCOMPARE(kg::normalisedEntropy({1.0, 0.0, 0.0, 0.0, 0.0}), 0.0);
        QVERIFY_THROWS_EXCEPTION(kg::Error, kg::listImageFiles("/no/such/folder"));
        auto bad = options();
        bad.checkpoint = "/no/such/file.kgckpt";
        QVERIFY_THROWS_EXCEPTION(kg::Error, kg::Predictor{bad});
    }

    void cancelLeavesErrorEntries()
    {
        auto o = options();
        o.batchSize = 1;
        kg::Predictor predictor(o);
        const auto files = kg::listImageFiles(kgtest::radiographsDir().toStdString());
        const auto results = predictor.predictFiles({files[7], files[8], files[9]}, {}, [](std::int64_t, std::int64_t) {
            return false;
        });
        QCOMPARE(results.size(), size_t(3));
        QVERIFY(!results[1].ok() && !results[2].ok());
        QVERIFY(results[1].error.find("cancelled") != std::string::npos);
    }

    // What decoding notes about a file reaches the prediction, its JSON and its CSV row.
    void decoderWarningsReachThePrediction()
    {
        const std::string multiFrame = dir_.filePath(QStringLiteral("two-frames.dcm")).toStdString();
        kg::DicomWriteOptions dicom;
        dicom.numberOfFrames = 2;
        kg::writeDicomImage(multiFrame, cv::Mat(64, 64, CV_16UC1, cv::Scalar(900)), dicom);
        const std::string misnamed = dir_.filePath(QStringLiteral("really-a-png.jpg")).toStdString();
        QVERIFY(cv::imwrite(dir_.filePath(QStringLiteral("tmp.png")).toStdString(), cv::Mat(64, 64, CV_8UC1, cv::Scalar(90))));
        QVERIFY(QFile::rename(dir_.filePath(QStringLiteral("tmp.png")), QString::fromStdString(misnamed)));

        kg::Predictor predictor(options());
        const auto predictions = predictor.predictFiles({multiFrame, misnamed});
        QVERIFY2(predictions[0].ok(), predictions[0].error.c_str());
        QVERIFY2(predictions[1].ok(), predictions[1].error.c_str());
        QCOMPARE(predictions[0].fileWarnings.size(), size_t(1));
        QVERIFY2(predictions[0].fileWarnings[0].find("multi-frame file (2 frames)") != std::string::npos,
                 predictions[0].fileWarnings[0].c_str());
        QCOMPARE(predictions[1].fileWarnings.size(), size_t(1));
        QVERIFY2(predictions[1].fileWarnings[0].find("ends in .jpg but the content is PNG") != std::string::npos,
                 predictions[1].fileWarnings[0].c_str());

        const nlohmann::json json = predictions[0];
        QVERIFY(json.contains("file_warnings"));
        std::ostringstream csv;
        kg::writePredictionsCsv(csv, predictions, predictor.classNames());
        QVERIFY2(csv.str().find("multi-frame file (2 frames)") != std::string::npos, csv.str().c_str());
        QVERIFY2(csv.str().find("but the content is PNG") != std::string::npos, csv.str().c_str());
    }

    // What the file says it is: a CT is refused, a lateral view is graded with a warning.
    void modalityAndViewFromTheFile()
    {
        const cv::Mat image(64, 64, CV_16UC1, cv::Scalar(700));
        const std::string ct = dir_.filePath(QStringLiteral("ct.dcm")).toStdString();
        kg::DicomWriteOptions ctOptions;
        ctOptions.modality = "CT";
        kg::writeDicomImage(ct, image, ctOptions);
        const std::string lateral = dir_.filePath(QStringLiteral("lateral.dcm")).toStdString();
        kg::DicomWriteOptions lateralOptions;
        lateralOptions.viewPosition = "LAT";
        kg::writeDicomImage(lateral, image, lateralOptions);
        const std::string frontal = dir_.filePath(QStringLiteral("frontal.dcm")).toStdString();
        kg::writeDicomImage(frontal, image);  // DX, KNEE, AP

        kg::Predictor predictor(options());
        const auto predictions = predictor.predictFiles({ct, lateral, frontal});
        QVERIFY(!predictions[0].ok());
        QVERIFY2(predictions[0].error.find("is a CT image (DICOM Modality CT), not a knee radiograph") != std::string::npos,
                 predictions[0].error.c_str());
        QVERIFY2(predictions[1].ok(), predictions[1].error.c_str());
        QCOMPARE(predictions[1].fileWarnings.size(), size_t(1));
        QVERIFY2(predictions[1].fileWarnings[0].find("a lateral view (DICOM View Position LAT)") != std::string::npos,
                 predictions[1].fileWarnings[0].c_str());
        QVERIFY2(predictions[2].ok(), predictions[2].error.c_str());
        QVERIFY(predictions[2].fileWarnings.empty());
        QVERIFY(predictions[2].bodyPartWarning.empty());
    }

    // A bilateral film's sides: the radiological convention, or DICOM Patient Orientation
    // when the file has it (a mirrored film puts the patient's left on the image's left).
    void sidesFollowPatientOrientation()
    {
        kg::FullRadiographSpec spec;
        spec.view = kg::RadiographView::BilateralAP;
        spec.seed = kg::fullRadiographSeed(77, 0);
        spec.scale = 0.3;
        const kg::FullRadiograph film = kg::renderFullRadiograph(spec);
        const cv::Mat pixels(film.height, film.width, CV_16UC1, const_cast<std::uint16_t*>(film.pixels.data()));
        kg::DicomWriteOptions o;
        o.bitsStored = 12;
        o.pixelSpacingMm = film.pixelSpacingMm;
        const std::string plain = dir_.filePath(QStringLiteral("bilateral.dcm")).toStdString();
        kg::writeDicomImage(plain, pixels, o);
        o.patientOrientation = "L\\F";
        const std::string usual = dir_.filePath(QStringLiteral("bilateral-usual.dcm")).toStdString();
        kg::writeDicomImage(usual, pixels, o);
        o.patientOrientation = "R\\F";
        const std::string mirrored = dir_.filePath(QStringLiteral("bilateral-mirrored.dcm")).toStdString();
        kg::writeDicomImage(mirrored, pixels, o);

        kg::Predictor predictor(options());
        kg::RegionRequest automatic;
        automatic.automatic = true;
        auto sides = [&](const std::string& path) {
            const auto regions = predictor.predictRegions(path, automatic);
            std::string result;
            for (const auto& p : regions) {
                if (!p.ok())
                    return std::string("error: ") + p.error;
                result += p.region.side;
            }
            return result + " " + regions.front().region.sideSource;
        };
        const std::string a = sides(plain), b = sides(usual), c = sides(mirrored);
        QVERIFY2(a.rfind("RL radiological convention", 0) == 0, a.c_str());
        QVERIFY2(b.rfind("RL DICOM Patient Orientation", 0) == 0, b.c_str());
        QVERIFY2(c.rfind("LR DICOM Patient Orientation (the patient's left on the image's left)", 0) == 0, c.c_str());
    }
};

QTEST_GUILESS_MAIN(TestPredictor)
#include "test_predictor.moc"
