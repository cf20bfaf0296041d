// Radiograph decoding: every real file in shared/data/radiographs, raster formats at 8 and
// 16 bits, synthetic DICOM (multi-frame, RLE/JPEG, MONOCHROME1, rescale, window, colour,
// signed, junk high bits), patient-identity hygiene, and clear errors for bad files.
#include "TestPaths.h"

#include "core/imaging/Radiograph.h"
#include "core/imaging/RadiographDecode.h"
#include "core/util/Error.h"

#include <gdcmImage.h>
#include <gdcmImageChangeTransferSyntax.h>
#include <gdcmImageWriter.h>
#include <gdcmLookupTable.h>
#include <gdcmWriter.h>

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

/// Runs `call`, expects kg::Error naming `path`; returns its message.
template <typename Call>
std::string expectError(const std::string& path, Call call)
{
    try {
        call();
    } catch (const kg::Error& e) {
        const std::string message = e.what();
        const std::string fileName = QFileInfo(QString::fromStdString(path)).fileName().toStdString();
        if (message.find(fileName) == std::string::npos || e.path() != path)
            return "ERROR WITHOUT FILE NAME: " + message;
        return message;
    } catch (const std::exception& e) {
        return std::string("NOT A kg::Error: ") + e.what();
    }
    return "NO ERROR";
}

// --- synthetic DICOM through GDCM ---------------------------------------------------------

struct DicomSpec {
    int rows = 6, cols = 8, frames = 1, samples = 1;
    int bitsAllocated = 16, bitsStored = 16, pixelRepresentation = 0;
    const char* photometric = "MONOCHROME2";
    double slope = 1.0, intercept = 0.0;
    std::optional<std::pair<double, double>> window;  // centre, width
    gdcm::TransferSyntax::TSType transferSyntax = gdcm::TransferSyntax::ExplicitVRLittleEndian;
    std::vector<char> pixels;
    bool palette = false;  // PALETTE COLOR with red = i, green = 255 − i, blue = 64 (8-bit LUTs)
};

void putString(gdcm::DataSet& ds, uint16_t group, uint16_t element, gdcm::VR vr, std::string value)
{
    if (value.size() % 2)
        value += ' ';
    gdcm::DataElement de(gdcm::Tag(group, element));
    de.SetVR(vr);
    de.SetByteValue(value.data(), uint32_t(value.size()));
    ds.Replace(de);
}

bool writeDicom(const std::string& path, const DicomSpec& spec)
{
    // GDCM filters and writers keep SmartPointers to their inputs: images live on the heap.
    gdcm::SmartPointer<gdcm::Image> image = new gdcm::Image;
    image->SetNumberOfDimensions(spec.frames > 1 ? 3 : 2);
    image->SetDimension(0, unsigned(spec.cols));
    image->SetDimension(1, unsigned(spec.rows));
    if (spec.frames > 1)
        image->SetDimension(2, unsigned(spec.frames));
    image->SetPixelFormat(gdcm::PixelFormat(uint16_t(spec.samples), uint16_t(spec.bitsAllocated), uint16_t(spec.bitsStored),
                                            uint16_t(spec.bitsStored - 1), uint16_t(spec.pixelRepresentation)));
    image->SetPhotometricInterpretation(gdcm::PhotometricInterpretation::GetPIType(spec.photometric));
    image->SetTransferSyntax(gdcm::TransferSyntax::ExplicitVRLittleEndian);
    image->SetSlope(spec.slope);
    image->SetIntercept(spec.intercept);
    gdcm::DataElement pixelData(gdcm::Tag(0x7fe0, 0x0010));
    pixelData.SetByteValue(spec.pixels.data(), uint32_t(spec.pixels.size()));
    image->SetDataElement(pixelData);
    if (spec.palette) {
        gdcm::SmartPointer<gdcm::LookupTable> lut = new gdcm::LookupTable;
        lut->Allocate(8);
        std::vector<unsigned char> red(256), green(256), blue(256, 64);
        for (int i = 0; i < 256; ++i) {
            red[size_t(i)] = uint8_t(i);
            green[size_t(i)] = uint8_t(255 - i);
        }
        lut->InitializeLUT(gdcm::LookupTable::RED, 256, 0, 8);
        lut->InitializeLUT(gdcm::LookupTable::GREEN, 256, 0, 8);
        lut->InitializeLUT(gdcm::LookupTable::BLUE, 256, 0, 8);
        lut->SetLUT(gdcm::LookupTable::RED, red.data(), 256);
        lut->SetLUT(gdcm::LookupTable::GREEN, green.data(), 256);
        lut->SetLUT(gdcm::LookupTable::BLUE, blue.data(), 256);
        image->SetLUT(*lut);
    }

    gdcm::ImageChangeTransferSyntax change;
    const gdcm::Image* output = image;
    if (spec.transferSyntax != gdcm::TransferSyntax::ExplicitVRLittleEndian) {
        change.SetTransferSyntax(spec.transferSyntax);
        change.SetInput(*image);
        if (!change.Change())
            return false;
        output = &change.GetOutput();
    }
    gdcm::ImageWriter writer;
    writer.SetImage(*output);
    gdcm::DataSet& ds = writer.GetFile().GetDataSet();
    putString(ds, 0x0008, 0x0016, gdcm::VR::UI, "1.2.840.10008.5.1.4.1.1.1");  // CR: allows rescale slope/intercept
    putString(ds, 0x0008, 0x0060, gdcm::VR::CS, "DX");
    putString(ds, 0x0018, 0x0015, gdcm::VR::CS, "KNEE");
    putString(ds, 0x0020, 0x0062, gdcm::VR::CS, "L");
    putString(ds, 0x0010, 0x0010, gdcm::VR::PN, "Doe^Jane");
    putString(ds, 0x0010, 0x0020, gdcm::VR::LO, "KG-TEST-0042");
    putString(ds, 0x0010, 0x0030, gdcm::VR::DA, "19500101");
    putString(ds, 0x0008, 0x0050, gdcm::VR::SH, "ACC98765");
    if (spec.window) {
        putString(ds, 0x0028, 0x1050, gdcm::VR::DS, std::to_string(int(spec.window->first)));
        putString(ds, 0x0028, 0x1051, gdcm::VR::DS, std::to_string(int(spec.window->second)));
    }
    writer.SetFileName(path.c_str());
    try {
        return writer.Write();
    } catch (const std::exception& e) {
        qWarning("GDCM cannot write %s: %s", path.c_str(), e.what());
        return false;
    }
}

template <typename T>
std::vector<char> asBytes(const std::vector<T>& values)
{
    std::vector<char> bytes(values.size() * sizeof(T));
    std::memcpy(bytes.data(), values.data(), bytes.size());
    return bytes;
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
        const std::string message = expectError(path, [&] { kg::loadRadiograph(path); });
        QVERIFY2(message.find("cannot decode") != std::string::npos, message.c_str());
        QVERIFY2(message.find("JPEG 2000") != std::string::npos, message.c_str());
        QCOMPARE(QString::fromStdString(expectError(path, [&] { kg::decodeRadiographForModel(path); })),
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

    // ---- synthetic DICOM -----------------------------------------------------------------

    void dicomMultiFrameUsesFirstFrame()
    {
        DicomSpec spec;
        spec.frames = 3;
        std::vector<uint16_t> values(size_t(spec.rows * spec.cols * spec.frames));
        for (size_t i = 0; i < values.size(); ++i)
            values[i] = uint16_t(1000 * (i / size_t(spec.rows * spec.cols)) + i % 37);  // frame f: 1000·f + small
        spec.pixels = asBytes(values);
        const std::string path = tempPath("multi.dcm");
        QVERIFY(writeDicom(path, spec));
        kg::RadiographInfo info;
        const cv::Mat native = kg::decodeRadiographNative(path, &info);
        QCOMPARE(info.frames, 3);
        QCOMPARE(native.rows, spec.rows);
        QCOMPARE(native.cols, spec.cols);
        double lo = 0, hi = 0;
        cv::minMaxLoc(native, &lo, &hi);
        QVERIFY(hi < 1000);  // only frame 0
        QCOMPARE(native.at<uint16_t>(1, 2), values[size_t(1 * spec.cols + 2)]);
        QCOMPARE(info.warnings.size(), size_t(1));
        QVERIFY(QString::fromStdString(info.warnings[0]).contains("3 frames"));
        QVERIFY(QString::fromStdString(info.warnings[0]).contains("first frame"));
    }

    void dicomCompressedSyntaxes_data()
    {
        QTest::addColumn<int>("syntax");
        QTest::addColumn<int>("bits");
        QTest::addColumn<bool>("lossless");
        QTest::newRow("RLE 16-bit") << int(gdcm::TransferSyntax::RLELossless) << 16 << true;
        QTest::newRow("RLE 8-bit") << int(gdcm::TransferSyntax::RLELossless) << 8 << true;
        QTest::newRow("JPEG baseline 8-bit") << int(gdcm::TransferSyntax::JPEGBaselineProcess1) << 8 << false;
        QTest::newRow("JPEG lossless 16-bit") << int(gdcm::TransferSyntax::JPEGLosslessProcess14_1) << 16 << true;
        QTest::newRow("JPEG-LS lossless 16-bit") << int(gdcm::TransferSyntax::JPEGLSLossless) << 16 << true;
        QTest::newRow("JPEG 2000 lossless 16-bit") << int(gdcm::TransferSyntax::JPEG2000Lossless) << 16 << true;
    }

    void dicomCompressedSyntaxes()
    {
        QFETCH(int, syntax);
        QFETCH(int, bits);
        QFETCH(bool, lossless);
        DicomSpec spec;
        spec.rows = 16;
        spec.cols = 16;
        spec.bitsAllocated = bits;
        spec.bitsStored = bits == 16 ? 12 : 8;
        spec.transferSyntax = gdcm::TransferSyntax::TSType(syntax);
        cv::Mat image(spec.rows, spec.cols, bits == 16 ? CV_16UC1 : CV_8UC1);
        for (int y = 0; y < spec.rows; ++y)
            for (int x = 0; x < spec.cols; ++x) {
                const int v = (x * 13 + y * 7) * (bits == 16 ? 11 : 1);
                if (bits == 16)
                    image.at<uint16_t>(y, x) = uint16_t(v % 4096);
                else
                    image.at<uint8_t>(y, x) = uint8_t(v % 256);
            }
        spec.pixels.assign(reinterpret_cast<const char*>(image.data),
                           reinterpret_cast<const char*>(image.data) + image.total() * image.elemSize());
        const std::string path = tempPath(("compressed_" + std::to_string(syntax) + "_" + std::to_string(bits) + ".dcm").c_str());
        QVERIFY2(writeDicom(path, spec), "GDCM could not write the compressed test file");
        kg::RadiographInfo info;
        const cv::Mat native = kg::decodeRadiographNative(path, &info);
        QCOMPARE(native.type(), image.type());
        QCOMPARE(QString::fromStdString(info.transferSyntax), QString(gdcm::TransferSyntax::GetTSString(spec.transferSyntax)));
        if (lossless)
            QCOMPARE(cv::norm(native, image, cv::NORM_INF), 0.0);
        else
            QVERIFY(cv::norm(native, image, cv::NORM_L1) / double(image.total()) < 8.0);
        QCOMPARE(kg::decodeRadiographForModel(path).type(), CV_8UC1);
    }

    void dicomMonochrome1RescaleDefaultWindow()
    {
        // MONOCHROME1, slope 2 / intercept −100, no window: min/max of the modality values,
        // then inverted (highest value black).
        DicomSpec spec;
        spec.photometric = "MONOCHROME1";
        spec.slope = 2.0;
        spec.intercept = -100.0;
        spec.bitsStored = 12;
        std::vector<uint16_t> values(size_t(spec.rows * spec.cols));
        for (size_t i = 0; i < values.size(); ++i)
            values[i] = uint16_t(100 + 50 * i);  // 100 … 2450
        spec.pixels = asBytes(values);
        const std::string path = tempPath("mono1.dcm");
        QVERIFY(writeDicom(path, spec));
        const kg::Radiograph shown = kg::loadRadiograph(path);
        QVERIFY(shown.info.inverted);
        QCOMPARE(shown.info.rescaleSlope, 2.0);
        QCOMPARE(shown.info.rescaleIntercept, -100.0);
        QCOMPARE(QString::fromStdString(shown.info.windowSource), QStringLiteral("image min/max"));
        QCOMPARE(shown.info.windowCenter, ((2 * 100 - 100) + (2 * 2450 - 100)) / 2.0);
        QCOMPARE(int(shown.row(0)[0]), 255);                      // lowest value, inverted
        QCOMPARE(int(shown.row(spec.rows - 1)[spec.cols - 1]), 0); // highest value, inverted
        QCOMPARE(QString::fromStdString(shown.info.bodyPart), QStringLiteral("KNEE"));
        QCOMPARE(QString::fromStdString(shown.info.laterality), QStringLiteral("L"));
        QCOMPARE(QString::fromStdString(shown.info.modality), QStringLiteral("DX"));
    }

    void dicomExplicitWindow()
    {
        DicomSpec spec;
        spec.bitsStored = 12;
        spec.window = std::make_pair(1000.0, 501.0);  // linear: 750 → 0, 1250 → 255
        std::vector<uint16_t> values(size_t(spec.rows * spec.cols), 0);
        values[0] = 700;
        values[1] = 750;
        values[2] = 1000;
        values[3] = 1250;
        values[4] = 4000;
        spec.pixels = asBytes(values);
        const std::string path = tempPath("window.dcm");
        QVERIFY(writeDicom(path, spec));
        const cv::Mat model = kg::decodeRadiographForModel(path);
        // DICOM PS3.3 C.11.2.1.2.1: y = ((x − (c − 0.5)) / (w − 1) + 0.5) · 255
        auto expected = [](double x) {
            return int(std::lround(std::clamp((x - 999.5) / 500.0 + 0.5, 0.0, 1.0) * 255.0));
        };
        QCOMPARE(int(model.at<uint8_t>(0, 0)), 0);
        QCOMPARE(int(model.at<uint8_t>(0, 1)), expected(750));
        QCOMPARE(int(model.at<uint8_t>(0, 2)), expected(1000));
        QCOMPARE(int(model.at<uint8_t>(0, 3)), expected(1250));
        QCOMPARE(int(model.at<uint8_t>(0, 4)), 255);
        const kg::RadiographInfo info = kg::inspectRadiograph(path);
        QCOMPARE(QString::fromStdString(info.windowSource), QStringLiteral("file"));
        QCOMPARE(info.windowCenter, 1000.0);
        QCOMPARE(info.windowWidth, 501.0);
    }

    void dicomColourSignedAndJunkBits()
    {
        {
            DicomSpec spec;
            spec.samples = 3;
            spec.bitsAllocated = spec.bitsStored = 8;
            spec.photometric = "RGB";
            spec.pixels.assign(size_t(spec.rows * spec.cols * 3), 0);
            for (size_t i = 0; i < spec.pixels.size(); i += 3) {
                spec.pixels[i] = char(200);    // R
                spec.pixels[i + 1] = char(100);// G
                spec.pixels[i + 2] = char(50); // B
            }
            const std::string path = tempPath("rgb.dcm");
            QVERIFY(writeDicom(path, spec));
            const kg::Radiograph shown = kg::loadRadiograph(path);
            QCOMPARE(shown.channels, 3);
            QCOMPARE(int(shown.row(1)[3]), 200);
            QCOMPARE(int(shown.row(1)[4]), 100);
            QCOMPARE(int(shown.row(1)[5]), 50);
            const cv::Mat model = kg::decodeRadiographForModel(path);
            QCOMPARE(model.type(), CV_8UC3);
            QCOMPARE(model.at<cv::Vec3b>(0, 0), cv::Vec3b(50, 100, 200));  // BGR
        }
        {
            DicomSpec spec;
            spec.pixelRepresentation = 1;
            spec.bitsStored = 16;
            std::vector<int16_t> values(size_t(spec.rows * spec.cols));
            for (size_t i = 0; i < values.size(); ++i)
                values[i] = int16_t(-1000 + 40 * int(i));
            spec.pixels = asBytes(values);
            const std::string path = tempPath("signed.dcm");
            QVERIFY(writeDicom(path, spec));
            kg::RadiographInfo info;
            const cv::Mat native = kg::decodeRadiographNative(path, &info);
            QCOMPARE(native.type(), CV_16SC1);
            QVERIFY(info.isSigned);
            QCOMPARE(native.at<int16_t>(0, 0), int16_t(-1000));
            const cv::Mat model = kg::decodeRadiographForModel(path);
            QCOMPARE(int(model.at<uint8_t>(0, 0)), 0);
            QCOMPARE(int(model.at<uint8_t>(spec.rows - 1, spec.cols - 1)), 255);
        }
        {
            // 10 bits stored in 16 with junk (e.g. an overlay) in the unused high bits.
            DicomSpec spec;
            spec.bitsStored = 10;
            std::vector<uint16_t> values(size_t(spec.rows * spec.cols), uint16_t(0xF000 | 512));
            values[0] = 0xF000 | 3;
            spec.pixels = asBytes(values);
            const std::string path = tempPath("junkbits.dcm");
            QVERIFY(writeDicom(path, spec));
            const cv::Mat native = kg::decodeRadiographNative(path);
            QCOMPARE(native.at<uint16_t>(0, 0), uint16_t(3));
            QCOMPARE(native.at<uint16_t>(0, 1), uint16_t(512));
        }
    }

    void dicomPaletteColour()
    {
        DicomSpec spec;
        spec.bitsAllocated = spec.bitsStored = 8;
        spec.photometric = "PALETTE COLOR";
        spec.palette = true;
        spec.pixels.resize(size_t(spec.rows * spec.cols));
        for (size_t i = 0; i < spec.pixels.size(); ++i)
            spec.pixels[i] = char(i * 5);
        const std::string path = tempPath("palette.dcm");
        QVERIFY(writeDicom(path, spec));
        const kg::Radiograph shown = kg::loadRadiograph(path);
        QCOMPARE(shown.channels, 3);
        QCOMPARE(QString::fromStdString(shown.info.photometric), QStringLiteral("PALETTE COLOR"));
        const uint8_t* pixel = shown.row(0) + 3 * 2;  // index 10
        QCOMPARE(int(pixel[0]), 10);
        QCOMPARE(int(pixel[1]), 245);
        QCOMPARE(int(pixel[2]), 64);
    }

    void dicomIdentityHygiene()
    {
        DicomSpec spec;
        spec.pixels.assign(size_t(spec.rows * spec.cols * 2), char(7));
        const std::string path = tempPath("identity.dcm");
        QVERIFY(writeDicom(path, spec));
        const kg::Radiograph shown = kg::loadRadiograph(path);
        QVERIFY(!shown.info.patient);
        const std::string dump = nlohmann::json(shown.info).dump();
        for (const char* identifier : {"Doe", "KG-TEST-0042", "19500101", "ACC98765"})
            QVERIFY2(dump.find(identifier) == std::string::npos, identifier);
        kg::RadiographLoadOptions options;
        options.includePatientIdentity = true;
        const kg::Radiograph identified = kg::loadRadiograph(path, options);
        QVERIFY(identified.info.patient);
        QCOMPARE(QString::fromStdString(identified.info.patient->id), QStringLiteral("KG-TEST-0042"));
        QCOMPARE(QString::fromStdString(identified.info.patient->name), QStringLiteral("Doe^Jane"));
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

        const std::string viaLoad = expectError(path, [&] { kg::loadRadiograph(path); });
        QVERIFY2(QString::fromStdString(viaLoad).contains(expected), viaLoad.c_str());
        const std::string viaModel = expectError(path, [&] { kg::decodeRadiographForModel(path); });
        QCOMPARE(QString::fromStdString(viaModel), QString::fromStdString(viaLoad));
        const std::string viaNative = expectError(path, [&] { kg::decodeRadiographNative(path); });
        QCOMPARE(QString::fromStdString(viaNative), QString::fromStdString(viaLoad));
    }

    void dicomWithoutImage()
    {
        // A valid DICOM file that holds no image (a structured report, say).
        gdcm::Writer writer;
        gdcm::File& file = writer.GetFile();
        file.GetHeader().SetDataSetTransferSyntax(gdcm::TransferSyntax::ExplicitVRLittleEndian);
        gdcm::DataSet& ds = file.GetDataSet();
        putString(ds, 0x0008, 0x0016, gdcm::VR::UI, "1.2.840.10008.5.1.4.1.1.88.11");  // Basic Text SR
        putString(ds, 0x0008, 0x0018, gdcm::VR::UI, "1.2.826.0.1.3680043.2.1125.1.1");
        putString(ds, 0x0008, 0x0060, gdcm::VR::CS, "SR");
        const std::string path = tempPath("report.dcm");
        writer.SetFileName(path.c_str());
        QVERIFY(writer.Write());
        const std::string message = expectError(path, [&] { kg::loadRadiograph(path); });
        QVERIFY2(message.find("without an image") != std::string::npos, message.c_str());
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
