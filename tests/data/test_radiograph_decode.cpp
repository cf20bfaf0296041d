// Radiograph decoding: every real file in shared/data/radiographs, raster formats at 8 and
// 16 bits, patient-identity hygiene, clear errors for bad files, and decoding on several
// threads. Synthetic DICOM variants: test_dicom_decode.
#include "ErrorNaming.h"
#include "TestPaths.h"

#include "core/imaging/Radiograph.h"
#include "core/imaging/RadiographDecode.h"
#include "core/util/Error.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>
#include <optional>
#include <thread>

namespace {

std::string str(const QString& text) { return text.toStdString(); }

std::string realFile(const char* name) { return str(kgtest::radiographsDir() + "/" + name); }

std::vector<char> readBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const std::string& path, const char* data, size_t size)
{
    std::ofstream out(path, std::ios::binary);
    out.write(data, std::streamsize(size));
}

void writeBytes(const std::string& path, const std::vector<char>& bytes) { writeBytes(path, bytes.data(), bytes.size()); }

/// Pearson correlation of two same-size single-channel images.
double correlation(const cv::Mat& a, const cv::Mat& b)
{
    cv::Mat fa, fb;
    a.convertTo(fa, CV_64F);
    b.convertTo(fb, CV_64F);
    cv::Scalar ma, sa, mb, sb;
    cv::meanStdDev(fa, ma, sa);
    cv::meanStdDev(fb, mb, sb);
    const double covariance = cv::mean((fa - ma[0]).mul(fb - mb[0]))[0];
    return covariance / (sa[0] * sb[0]);
}

} // namespace

class TestRadiographDecode : public QObject {
    Q_OBJECT

private:
    QTemporaryDir temp_;
    std::string tempPath(const char* name) const { return str(temp_.filePath(name)); }

private slots:
    void initTestCase()
    {
        QVERIFY(temp_.isValid());
        QVERIFY2(QDir(kgtest::radiographsDir()).exists(), qPrintable("missing " + kgtest::radiographsDir()));
    }

    // ---- real DICOM files ----------------------------------------------------------------

    void realDicom_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("bitsStored");
        QTest::addColumn<QString>("photometric");
        QTest::addColumn<QString>("modality");
        QTest::addColumn<QString>("transferSyntax");
        QTest::addColumn<QString>("windowSource");
        QTest::addColumn<bool>("lossy");
        // Sizes are columns × rows as the files declare them.
        QTest::newRow("RG3_J2KR") << "RG3_J2KR.dcm" << 1760 << 1760 << 10 << "MONOCHROME1" << "CR" << "1.2.840.10008.1.2.4.90" << "file" << false;
        QTest::newRow("RG3_J2KI") << "RG3_J2KI.dcm" << 1760 << 1760 << 10 << "MONOCHROME1" << "CR" << "1.2.840.10008.1.2.4.91" << "file" << true;
        QTest::newRow("RG1_J2KI") << "RG1_J2KI.dcm" << 1841 << 1955 << 15 << "MONOCHROME1" << "CR" << "1.2.840.10008.1.2.4.91" << "file" << true;
        QTest::newRow("RG2_JPLL") << "RG2_JPLL.dcm" << 1760 << 2140 << 10 << "MONOCHROME2" << "CR" << "1.2.840.10008.1.2.4.70" << "file" << false;
        QTest::newRow("RG2_JLSN") << "RG2_JLSN.dcm" << 1760 << 2140 << 10 << "MONOCHROME2" << "CR" << "1.2.840.10008.1.2.4.81" << "file" << true;
        QTest::newRow("RG2_JPLY_fixed") << "RG2_JPLY_fixed.dcm" << 1760 << 2140 << 10 << "MONOCHROME2" << "CR" << "1.2.840.10008.1.2.4.51" << "file" << true;
        QTest::newRow("NIH_CXR_DX_8bit") << "NIH_CXR_DX_8bit.dcm" << 1024 << 1024 << 8 << "MONOCHROME2" << "DX" << "1.2.840.10008.1.2" << "" << false;
        QTest::newRow("vlut_04") << "vlut_04.dcm" << 512 << 512 << 8 << "MONOCHROME2" << "OT" << "1.2.840.10008.1.2.1" << "VOI LUT" << false;
        QTest::newRow("mlut_18") << "mlut_18.dcm" << 512 << 512 << 12 << "MONOCHROME2" << "OT" << "1.2.840.10008.1.2.1" << "image min/max" << false;
    }

    void realDicom()
    {
        QFETCH(QString, file);
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(int, bitsStored);
        QFETCH(QString, photometric);
        QFETCH(QString, modality);
        QFETCH(QString, transferSyntax);
        QFETCH(QString, windowSource);
        QFETCH(bool, lossy);
        const std::string path = realFile(file.toUtf8().constData());

        const kg::Radiograph radiograph = kg::loadRadiograph(path);
        const kg::RadiographInfo& info = radiograph.info;
        QCOMPARE(radiograph.width, width);
        QCOMPARE(radiograph.height, height);
        QCOMPARE(radiograph.channels, 1);
        QVERIFY(radiograph.stride >= width && radiograph.stride % 4 == 0);
        QCOMPARE(radiograph.pixels.size(), size_t(radiograph.stride) * size_t(height));
        QVERIFY(info.isDicom);
        QCOMPARE(QString::fromStdString(info.format), QStringLiteral("DICOM"));
        QCOMPARE(info.bitsStored, bitsStored);
        QCOMPARE(QString::fromStdString(info.photometric), photometric);
        QCOMPARE(QString::fromStdString(info.modality), modality);
        QCOMPARE(QString::fromStdString(info.transferSyntax), transferSyntax);
        QVERIFY(!info.transferSyntaxName.empty());
        QCOMPARE(QString::fromStdString(info.windowSource), windowSource);
        QCOMPARE(info.lossyCompression, lossy);
        QCOMPARE(info.inverted, photometric == "MONOCHROME1");
        QCOMPARE(info.frames, 1);
        QCOMPARE(radiograph.nativeBitDepth, bitsStored > 8 ? 16 : 8);
        QVERIFY(!info.patient.has_value());

        // A sensible picture: real contrast, not black, not white.
        const cv::Mat shown(height, width, CV_8UC1, const_cast<uint8_t*>(radiograph.pixels.data()), size_t(radiograph.stride));
        cv::Scalar mean, stddev;
        cv::meanStdDev(shown, mean, stddev);
        QVERIFY2(mean[0] > 15 && mean[0] < 240, qPrintable(QString("mean %1").arg(mean[0])));
        QVERIFY2(stddev[0] > 15, qPrintable(QString("stddev %1").arg(stddev[0])));

        // Native keeps the stored values; the model image is the same 8-bit picture.
        kg::RadiographInfo nativeInfo;
        const cv::Mat native = kg::decodeRadiographNative(path, &nativeInfo);
        QCOMPARE(native.cols, width);
        QCOMPARE(native.rows, height);
        QCOMPARE(native.depth(), bitsStored > 8 ? (nativeInfo.isSigned ? CV_16S : CV_16U) : CV_8U);
        double lo = 0, hi = 0;
        cv::minMaxLoc(native, &lo, &hi);
        QVERIFY(hi <= std::ldexp(1.0, bitsStored) - 1);
        const cv::Mat model = kg::decodeRadiographForModel(path);
        QCOMPARE(model.type(), CV_8UC1);
        QCOMPARE(cv::norm(model, shown, cv::NORM_INF), 0.0);

        // MONOCHROME1 is shown inverted: bright stored values become dark.
        cv::Mat smallNative, smallShown;
        cv::resize(native, smallNative, cv::Size(128, 128), 0, 0, cv::INTER_AREA);
        cv::resize(shown, smallShown, cv::Size(128, 128), 0, 0, cv::INTER_AREA);
        const double r = correlation(smallNative, smallShown);
        if (photometric == "MONOCHROME1")
            QVERIFY2(r < -0.8, qPrintable(QString("correlation %1").arg(r)));
        else
            QVERIFY2(r > 0.8, qPrintable(QString("correlation %1").arg(r)));
    }

    void realDicomMetadataAndWindow()
    {
        const kg::Radiograph leg = kg::loadRadiograph(realFile("RG3_J2KR.dcm"));
        QCOMPARE(QString::fromStdString(leg.info.bodyPart), QStringLiteral("EXTREMITY"));
        QCOMPARE(QString::fromStdString(leg.info.laterality), QStringLiteral("R"));
        QCOMPARE(leg.info.windowCenter, 550.0);
        QCOMPARE(leg.info.windowWidth, 1024.0);
        QVERIFY(QString::fromStdString(leg.info.transferSyntaxName).contains("JPEG 2000"));

        const kg::RadiographInfo chest = kg::inspectRadiograph(realFile("RG1_J2KI.dcm"));
        QCOMPARE(chest.windowCenter, 15000.0);
        QCOMPARE(chest.windowWidth, 30000.0);
        QCOMPARE(QString::fromStdString(chest.bodyPart), QStringLiteral("CHEST"));

        // mlut_18: a Modality LUT Sequence (GDCM itself ignores it), then min/max window.
        const kg::RadiographInfo mlut = kg::inspectRadiograph(realFile("mlut_18.dcm"));
        QVERIFY(mlut.modalityLut);
        QVERIFY(mlut.isSigned);
        QVERIFY(mlut.windowWidth > 0);

        // NIH 8-bit without a window is shown exactly as stored.
        const cv::Mat native = kg::decodeRadiographNative(realFile("NIH_CXR_DX_8bit.dcm"));
        const cv::Mat shown = kg::decodeRadiographForModel(realFile("NIH_CXR_DX_8bit.dcm"));
        QCOMPARE(cv::norm(native, shown, cv::NORM_INF), 0.0);
    }

    void fullDepthRewindowsLikeTheFile_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("10-bit MONOCHROME2, lossless JPEG") << "RG2_JPLL.dcm";
        QTest::newRow("10-bit MONOCHROME1, JPEG 2000") << "RG3_J2KR.dcm";
        QTest::newRow("signed, modality LUT") << "mlut_18.dcm";
    }

    // A viewer windowing the full-depth values with the file's own window (linear, PS3.3
    // C.11.2.1.2.1) and inversion must see the 8-bit display image again.
    void fullDepthRewindowsLikeTheFile()
    {
        QFETCH(QString, file);
        kg::RadiographLoadOptions options;
        QVERIFY(kg::loadRadiograph(realFile(qPrintable(file)), options).fullDepth.empty());  // only when asked
        options.keepFullDepth = true;
        const kg::Radiograph r = kg::loadRadiograph(realFile(qPrintable(file)), options);
        QCOMPARE(r.fullDepth.values.size(), size_t(r.width) * size_t(r.height));
        QVERIFY(r.fullDepth.scale > 0);
        const auto [lo, hi] = std::minmax_element(r.fullDepth.values.begin(), r.fullDepth.values.end());
        QCOMPARE(int(*lo), 0);        // spread over the whole 16-bit range
        QCOMPARE(int(*hi), 65535);
        const double c = r.info.windowCenter, w = r.info.windowWidth;
        QVERIFY(w > 0);
        size_t off = 0;
        for (int y = 0; y < r.height; ++y)
            for (int x = 0; x < r.width; ++x) {
                const double m = r.fullDepth.toReal(r.fullDepth.values[size_t(y) * size_t(r.width) + size_t(x)]);
                double t = w <= 1 ? (m > c - 0.5 ? 1.0 : 0.0) : std::clamp((m - (c - 0.5)) / (w - 1) + 0.5, 0.0, 1.0);
                if (r.info.inverted)
                    t = 1 - t;
                off += std::abs(int(std::lround(t * 255)) - int(r.row(y)[x])) > 1;
            }
        QVERIFY2(off <= size_t(r.width) * size_t(r.height) / 1000, qPrintable(QString::number(off) + " pixels differ"));
    }

    void bodyPartWarningOnlyForOtherAnatomy()
    {
        const kg::RadiographInfo chest = kg::inspectRadiograph(realFile("RG1_J2KI.dcm"));
        const QString warning = QString::fromStdString(kg::bodyPartWarning(chest));
        QVERIFY2(warning.contains(QStringLiteral("CHEST")) && warning.contains(QStringLiteral("not a knee")), qPrintable(warning));
        QVERIFY(kg::bodyPartWarning(kg::inspectRadiograph(realFile("RG3_J2KR.dcm"))).empty());  // EXTREMITY
        kg::RadiographInfo info;
        QVERIFY(kg::bodyPartWarning(info).empty());  // not stated
        for (const char* knee : {"KNEE", "Knee", "LOWER_LIMB", "lower leg"}) {
            info.bodyPart = knee;
            QVERIFY2(kg::bodyPartWarning(info).empty(), knee);
        }
        info.bodyPart = "HIP";
        QVERIFY(!kg::bodyPartWarning(info).empty());
    }

    void fullDepthOnlyForDeepGray()
    {
        kg::RadiographLoadOptions options;
        options.keepFullDepth = true;
        QVERIFY(kg::loadRadiograph(realFile("NIH_CXR_DX_8bit.dcm"), options).fullDepth.empty());
        const std::string path = tempPath("deep.png");
        cv::Mat image(2, 3, CV_16UC1);
        for (int i = 0; i < 6; ++i)
            image.at<uint16_t>(i / 3, i % 3) = uint16_t(1000 * i + 7);
        QVERIFY(cv::imwrite(path, image));
        const kg::Radiograph png = kg::loadRadiograph(path, options);
        QCOMPARE(png.fullDepth.values.size(), size_t(6));
        QCOMPARE(png.fullDepth.scale, 1.0);  // 16-bit PNG: the stored values themselves
        QCOMPARE(int(png.fullDepth.values[5]), 5007);
        QCOMPARE(png.fullDepth.toReal(5007), 5007.0);
    }

    void realDicomSameImageDifferentCodecs()
    {
        // The same hip through lossless JPEG, near-lossless JPEG-LS and lossy 12-bit JPEG,
        // and the same leg through lossless and lossy JPEG 2000, must look alike.
        auto shown = [](const char* name) { return kg::decodeRadiographForModel(realFile(name)); };
        const cv::Mat hip = shown("RG2_JPLL.dcm");
        for (const char* other : {"RG2_JLSN.dcm", "RG2_JPLY_fixed.dcm"}) {
            const double meanDiff = cv::norm(hip, shown(other), cv::NORM_L1) / double(hip.total());
            QVERIFY2(meanDiff < 4.0, qPrintable(QString("%1: mean |diff| %2").arg(other).arg(meanDiff)));
        }
        const double legDiff = cv::norm(shown("RG3_J2KR.dcm"), shown("RG3_J2KI.dcm"), cv::NORM_L1) / (1760.0 * 1760.0);
        QVERIFY2(legDiff < 4.0, qPrintable(QString("leg mean |diff| %1").arg(legDiff)));
    }

    void damagedJpegRecoversIdentically()
    {
        // RG2_JPLY has a corrupt SOS marker. GDCM 3.0 recovers it to exactly the pixels of the
        // fixed file; a GDCM that cannot must give a clear error, never other pixels.
        const std::string damaged = realFile("RG2_JPLY.dcm");
        cv::Mat recovered;
        try {
            recovered = kg::decodeRadiographNative(damaged);
        } catch (const kg::Error& e) {
            QVERIFY(QString(e.what()).contains("RG2_JPLY.dcm"));
            QSKIP(qPrintable(QString("this GDCM does not recover RG2_JPLY (clear error given): %1").arg(e.what())));
        }
        const cv::Mat fixed = kg::decodeRadiographNative(realFile("RG2_JPLY_fixed.dcm"));
        QCOMPARE(recovered.size(), fixed.size());
        QCOMPARE(recovered.type(), fixed.type());
        QCOMPARE(cv::norm(recovered, fixed, cv::NORM_INF), 0.0);
    }

    void brokenJpeg2000FailsCleanly()
    {
        const std::string path = realFile("966.dcm");
        const std::string message = kgtest::expectErrorNaming(path, [&] { kg::loadRadiograph(path); });
        QVERIFY2(message.find("cannot decode") != std::string::npos, message.c_str());
        QVERIFY2(message.find("JPEG 2000") != std::string::npos, message.c_str());
        QCOMPARE(QString::fromStdString(kgtest::expectErrorNaming(path, [&] { kg::decodeRadiographForModel(path); })),
                 QString::fromStdString(message));
    }

    void patientIdentityOnlyWhenAsked()
    {
        const std::string path = realFile("RG3_J2KR.dcm");
        const kg::RadiographInfo hidden = kg::inspectRadiograph(path);
        QVERIFY(!hidden.patient);
        const std::string dump = nlohmann::json(hidden).dump();
        for (const char* identifier : {"CompressedSamples", "11RG3", "19790408", "FUJI95706"})
            QVERIFY2(dump.find(identifier) == std::string::npos, identifier);
        for (const auto& warning : hidden.warnings)
            QVERIFY(warning.find("11RG3") == std::string::npos);

        kg::RadiographLoadOptions options;
        options.includePatientIdentity = true;
        const kg::RadiographInfo shown = kg::inspectRadiograph(path, options);
        QVERIFY(shown.patient.has_value());
        QCOMPARE(QString::fromStdString(shown.patient->name), QStringLiteral("CompressedSamples^RG3"));
        QCOMPARE(QString::fromStdString(shown.patient->id), QStringLiteral("11RG3"));
        QCOMPARE(QString::fromStdString(shown.patient->birthDate), QStringLiteral("19790408"));
        QCOMPARE(QString::fromStdString(shown.patient->accessionNumber), QStringLiteral("FUJI95706"));
        QVERIFY(nlohmann::json(shown).dump().find("11RG3") != std::string::npos);
    }

    // ---- raster formats ------------------------------------------------------------------

    void rasterFormats_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("cvType");        // written image type
        QTest::addColumn<int>("nativeType");    // expected native type
        QTest::addColumn<int>("modelType");     // expected model type
        QTest::addColumn<bool>("lossless");
        QTest::newRow("png gray 8") << "g8.png" << CV_8UC1 << CV_8UC1 << CV_8UC1 << true;
        QTest::newRow("png gray 16") << "g16.png" << CV_16UC1 << CV_16UC1 << CV_8UC1 << true;
        QTest::newRow("png bgr 8") << "c8.png" << CV_8UC3 << CV_8UC3 << CV_8UC3 << true;
        QTest::newRow("png bgra 8") << "c8a.png" << CV_8UC4 << CV_8UC3 << CV_8UC3 << true;
        QTest::newRow("png bgr 16") << "c16.png" << CV_16UC3 << CV_16UC3 << CV_8UC3 << true;
        QTest::newRow("jpeg gray") << "g8.jpg" << CV_8UC1 << CV_8UC1 << CV_8UC1 << false;
        QTest::newRow("jpeg colour") << "c8.jpeg" << CV_8UC3 << CV_8UC3 << CV_8UC3 << false;
        QTest::newRow("bmp gray") << "g8.bmp" << CV_8UC1 << CV_8UC1 << CV_8UC1 << true;
        QTest::newRow("bmp colour") << "c8.bmp" << CV_8UC3 << CV_8UC3 << CV_8UC3 << true;
        QTest::newRow("tiff gray 8") << "g8.tif" << CV_8UC1 << CV_8UC1 << CV_8UC1 << true;
        QTest::newRow("tiff gray 16") << "g16.tiff" << CV_16UC1 << CV_16UC1 << CV_8UC1 << true;
        QTest::newRow("tiff float") << "f32.tif" << CV_32FC1 << CV_32FC1 << CV_8UC1 << true;
    }

    void rasterFormats()
    {
        QFETCH(QString, name);
        QFETCH(int, cvType);
        QFETCH(int, nativeType);
        QFETCH(int, modelType);
        QFETCH(bool, lossless);
        const std::string path = tempPath(name.toUtf8().constData());

        // A smooth ramp with structure: JPEG keeps it close, min/max stretching is testable.
        cv::Mat image(48, 64, cvType);
        const double top = CV_MAT_DEPTH(cvType) == CV_16U ? 4000.0 : CV_MAT_DEPTH(cvType) == CV_32F ? 1.0 : 200.0;
        const double bottom = CV_MAT_DEPTH(cvType) == CV_16U ? 1000.0 : CV_MAT_DEPTH(cvType) == CV_32F ? -1.0 : 20.0;
        for (int y = 0; y < image.rows; ++y)
            for (int x = 0; x < image.cols; ++x) {
                const double v = bottom + (top - bottom) * (x + y) / double(image.cols + image.rows - 2);
                for (int c = 0; c < image.channels(); ++c) {
                    const double value = c == 3 ? (CV_MAT_DEPTH(cvType) == CV_16U ? 65535.0 : 255.0) : v * (1.0 - 0.1 * c);
                    switch (CV_MAT_DEPTH(cvType)) {
                    case CV_8U: image.ptr<uint8_t>(y)[x * image.channels() + c] = cv::saturate_cast<uint8_t>(value); break;
                    case CV_16U: image.ptr<uint16_t>(y)[x * image.channels() + c] = cv::saturate_cast<uint16_t>(value); break;
                    default: image.ptr<float>(y)[x * image.channels() + c] = float(value); break;
                    }
                }
            }
        QVERIFY(cv::imwrite(path, image));

        kg::RadiographInfo info;
        const cv::Mat native = kg::decodeRadiographNative(path, &info);
        QCOMPARE(native.type(), nativeType);
        QCOMPARE(native.cols, 64);
        QCOMPARE(native.rows, 48);
        QCOMPARE(info.width, 64);
        QCOMPARE(info.height, 48);
        QCOMPARE(info.channels, CV_MAT_CN(nativeType));
        QCOMPARE(info.bitsStored, int(CV_ELEM_SIZE1(nativeType) * 8));
        QVERIFY(!info.isDicom);
        QVERIFY(info.warnings.empty());
        if (lossless && CV_MAT_CN(cvType) != 4)
            QCOMPARE(cv::norm(native, image, cv::NORM_INF), 0.0);  // 16-bit stays 16-bit, values intact

        const cv::Mat model = kg::decodeRadiographForModel(path);
        QCOMPARE(model.type(), modelType);
        QCOMPARE(model.size(), native.size());
        double lo = 0, hi = 0;
        cv::minMaxLoc(model.reshape(1), &lo, &hi);
        if (CV_MAT_DEPTH(nativeType) != CV_8U) {
            QCOMPARE(lo, 0.0);  // per-image min..max window
            QCOMPARE(hi, 255.0);
            QCOMPARE(QString::fromStdString(info.windowSource), QStringLiteral("image min/max"));
        } else {
            QVERIFY(hi - lo > 100);
        }

        const kg::Radiograph shown = kg::loadRadiograph(path);
        QCOMPARE(shown.channels, CV_MAT_CN(modelType));
        QCOMPARE(shown.nativeBitDepth, int(CV_ELEM_SIZE1(nativeType) * 8));
        QVERIFY(shown.stride % 4 == 0);
    }

    void colourIsRgbForDisplay()
    {
        const std::string path = tempPath("bgr.png");
        cv::Mat image(3, 5, CV_8UC3, cv::Scalar(10, 20, 30));  // OpenCV order: B, G, R
        QVERIFY(cv::imwrite(path, image));
        const kg::Radiograph shown = kg::loadRadiograph(path);
        QCOMPARE(shown.channels, 3);
        QCOMPARE(shown.stride, 16);  // 15 bytes padded to a multiple of 4
        QCOMPARE(int(shown.row(2)[0]), 30);
        QCOMPARE(int(shown.row(2)[1]), 20);
        QCOMPARE(int(shown.row(2)[2]), 10);
    }

    void sixteenBitPngKeepsItsValues()
    {
        const std::string path = tempPath("sixteen.png");
        cv::Mat image(4, 4, CV_16UC1);
        for (int i = 0; i < 16; ++i)
            image.at<uint16_t>(i / 4, i % 4) = uint16_t(300 + 1000 * i);  // 300 … 15300: needs more than 8 bits
        QVERIFY(cv::imwrite(path, image));
        kg::RadiographInfo info;
        const cv::Mat native = kg::decodeRadiographNative(path, &info);
        QCOMPARE(native.type(), CV_16UC1);
        QCOMPARE(native.at<uint16_t>(3, 3), uint16_t(15300));
        QCOMPARE(native.at<uint16_t>(0, 1), uint16_t(1300));
        QCOMPARE(info.bitsStored, 16);
        QCOMPARE(info.windowCenter, 7800.0);
        QCOMPARE(info.windowWidth, 15000.0);
        const cv::Mat model = kg::decodeRadiographForModel(path);
        QCOMPARE(int(model.at<uint8_t>(0, 0)), 0);
        QCOMPARE(int(model.at<uint8_t>(3, 3)), 255);
        QCOMPARE(int(model.at<uint8_t>(1, 3)), int(std::lround(255.0 * 7000 / 15000)));
    }

    void wrongExtensionDecodesWithWarning()
    {
        const std::string path = tempPath("really_a_png.jpg");
        QVERIFY(cv::imwrite(tempPath("source.png"), cv::Mat(8, 8, CV_8UC1, cv::Scalar(77))));
        QVERIFY(QFile::copy(temp_.filePath("source.png"), QString::fromStdString(path)));
        const kg::Radiograph shown = kg::loadRadiograph(path);
        QCOMPARE(QString::fromStdString(shown.info.format), QStringLiteral("PNG"));
        QCOMPARE(shown.info.warnings.size(), size_t(1));
        QVERIFY(QString::fromStdString(shown.info.warnings[0]).contains(".jpg"));
    }

    // ---- bad input -----------------------------------------------------------------------

    void badFiles_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");  // a phrase the error must contain
        QTest::newRow("zero bytes") << "empty.png" << "empty (0 bytes)";
        QTest::newRow("text as png") << "notes.png" << "text file";
        QTest::newRow("random bytes") << "noise.png" << "not an image";
        QTest::newRow("gif") << "animation.png" << "GIF";
        QTest::newRow("png cut in half") << "half.png" << "truncated PNG";
        QTest::newRow("png without IEND") << "noend.png" << "truncated PNG";
        QTest::newRow("png corrupt data") << "crc.png" << "damaged PNG";
        QTest::newRow("jpeg cut") << "cut.jpg" << "truncated JPEG";
        QTest::newRow("bmp cut") << "cut.bmp" << "truncated BMP";
        QTest::newRow("tiff cut") << "cut.tif" << "damaged TIFF";
        QTest::newRow("missing") << "does_not_exist.png" << "does not exist";
        QTest::newRow("folder") << "a_folder.png" << "folder";
        QTest::newRow("dicom cut (uncompressed)") << "cut_nih.dcm" << "truncated DICOM";
        QTest::newRow("dicom cut (JPEG 2000)") << "cut_j2k.dcm" << "truncated DICOM";
        QTest::newRow("dicom cut (12-bit JPEG)") << "cut_jply.dcm" << "truncated DICOM";
        QTest::newRow("dicom cut (JPEG-LS)") << "cut_jlsn.dcm" << "truncated DICOM";
        QTest::newRow("dicom header only") << "header_only.dcm" << "truncated DICOM";
        QTest::newRow("dicom random") << "random.dcm" << "not a valid DICOM";
        QTest::newRow("dicom preamble + junk") << "junk_after_preamble.dcm" << "not a valid DICOM";
        QTest::newRow("dicom text") << "text.dcm" << "not a valid DICOM";
    }

    void badFiles()
    {
        QFETCH(QString, name);
        QFETCH(QString, expected);
        const std::string path = tempPath(name.toUtf8().constData());
        const std::string stem = name.toStdString();

        cv::Mat gray(64, 64, CV_8UC1);
        cv::randu(gray, 0, 255);
        auto encoded = [&](const char* ext) {
            std::vector<uchar> bytes;
            cv::imencode(ext, gray, bytes);
            return std::vector<char>(bytes.begin(), bytes.end());
        };
        auto cut = [](std::vector<char> bytes, size_t keep) {
            bytes.resize(std::min(keep, bytes.size()));
            return bytes;
        };
        std::vector<char> noise(4096);
        for (size_t i = 0; i < noise.size(); ++i)
            noise[i] = char((i * 2654435761u) >> 13);
        noise[0] = char(0x13);
        if (stem == "empty.png") {
            writeBytes(path, "", 0);
        } else if (stem == "notes.png") {
            const std::string text = "patient list\nthis is not an image\n";
            writeBytes(path, text.data(), text.size());
        } else if (stem == "noise.png" || stem == "random.dcm") {
            writeBytes(path, noise);
        } else if (stem == "animation.png") {
            writeBytes(path, "GIF89a\x01\x00\x01\x00\x00\x00\x00", 13);
        } else if (stem == "half.png") {
            const auto png = encoded(".png");
            writeBytes(path, cut(png, png.size() / 2));
        } else if (stem == "noend.png") {
            const auto png = encoded(".png");
            writeBytes(path, cut(png, png.size() - 12));
        } else if (stem == "crc.png") {
            auto png = encoded(".png");
            for (size_t i = png.size() / 2; i < png.size() / 2 + 64; ++i)
                png[i] = char(png[i] ^ 0x5A);  // inside IDAT: zlib/CRC failure
            writeBytes(path, png);
        } else if (stem == "cut.jpg") {
            const auto jpg = encoded(".jpg");
            writeBytes(path, cut(jpg, jpg.size() * 2 / 3));
        } else if (stem == "cut.bmp") {
            const auto bmp = encoded(".bmp");
            writeBytes(path, cut(bmp, bmp.size() / 2));
        } else if (stem == "cut.tif") {
            const auto tif = encoded(".tif");
            writeBytes(path, cut(tif, tif.size() / 2));
        } else if (stem == "a_folder.png") {
            QVERIFY(QDir(temp_.path()).mkpath(name));
        } else if (stem == "cut_nih.dcm") {
            writeBytes(path, cut(readBytes(realFile("NIH_CXR_DX_8bit.dcm")), 500000));
        } else if (stem == "cut_j2k.dcm") {
            writeBytes(path, cut(readBytes(realFile("RG3_J2KR.dcm")), 100000));
        } else if (stem == "cut_jply.dcm") {
            writeBytes(path, cut(readBytes(realFile("RG2_JPLY_fixed.dcm")), 100000));
        } else if (stem == "cut_jlsn.dcm") {
            writeBytes(path, cut(readBytes(realFile("RG2_JLSN.dcm")), 100000));
        } else if (stem == "header_only.dcm") {
            writeBytes(path, cut(readBytes(realFile("NIH_CXR_DX_8bit.dcm")), 1000));
        } else if (stem == "junk_after_preamble.dcm") {
            std::vector<char> bytes(128, 0);
            bytes.insert(bytes.end(), {'D', 'I', 'C', 'M'});
            bytes.insert(bytes.end(), noise.begin(), noise.begin() + 300);
            writeBytes(path, bytes);
        } else if (stem == "text.dcm") {
            const std::string text = "hello, this is not DICOM at all";
            writeBytes(path, text.data(), text.size());
        }

        const std::string viaLoad = kgtest::expectErrorNaming(path, [&] { kg::loadRadiograph(path); });
        QVERIFY2(QString::fromStdString(viaLoad).contains(expected), viaLoad.c_str());
        const std::string viaModel = kgtest::expectErrorNaming(path, [&] { kg::decodeRadiographForModel(path); });
        QCOMPARE(QString::fromStdString(viaModel), QString::fromStdString(viaLoad));
        const std::string viaNative = kgtest::expectErrorNaming(path, [&] { kg::decodeRadiographNative(path); });
        QCOMPARE(QString::fromStdString(viaNative), QString::fromStdString(viaLoad));
    }

    void concurrentDecodingIsSafe()
    {
        // The loader decodes on several threads; DICOM work is serialised inside.
        const std::string png = tempPath("threads.png");
        QVERIFY(cv::imwrite(png, cv::Mat(32, 32, CV_8UC1, cv::Scalar(9))));
        const std::string dicom = realFile("vlut_04.dcm");
        const cv::Mat referencePng = kg::decodeRadiographForModel(png);
        const cv::Mat referenceDicom = kg::decodeRadiographForModel(dicom);
        std::atomic<int> mismatches{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&] {
                for (int i = 0; i < 10; ++i) {
                    if (cv::norm(kg::decodeRadiographForModel(png), referencePng, cv::NORM_INF) != 0.0)
                        ++mismatches;
                    if (cv::norm(kg::decodeRadiographForModel(dicom), referenceDicom, cv::NORM_INF) != 0.0)
                        ++mismatches;
                }
            });
        for (auto& thread : threads)
            thread.join();
        QCOMPARE(mismatches.load(), 0);
    }
};

QTEST_GUILESS_MAIN(TestRadiographDecode)
#include "test_radiograph_decode.moc"
