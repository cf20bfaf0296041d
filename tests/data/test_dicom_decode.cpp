// Synthetic DICOM written with GDCM, decoded as the application decodes it: multi-frame,
// RLE/JPEG/JPEG-LS/JPEG 2000 transfer syntaxes, MONOCHROME1 with rescale and default window,
// explicit windows, colour, palette colour, signed pixels and junk high bits, patient-identity
// hygiene, and a DICOM file without an image. Real files: test_radiograph_decode.
#include "ErrorNaming.h"

#include "core/imaging/Radiograph.h"
#include "core/imaging/RadiographDecode.h"
#include "core/util/Error.h"

#include <gdcmImage.h>
#include <gdcmImageChangeTransferSyntax.h>
#include <gdcmImageWriter.h>
#include <gdcmLookupTable.h>
#include <gdcmWriter.h>

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <optional>

namespace {

std::string str(const QString& text) { return text.toStdString(); }

/// A DICOM image to write: geometry, pixel format, photometric, rescale, window, syntax.
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

class TestDicomDecode : public QObject {
    Q_OBJECT

private:
    QTemporaryDir temp_;
    std::string tempPath(const char* name) const { return str(temp_.filePath(name)); }

private slots:
    void initTestCase() { QVERIFY(temp_.isValid()); }


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
        const std::string message = kgtest::expectErrorNaming(path, [&] { kg::loadRadiograph(path); });
        QVERIFY2(message.find("without an image") != std::string::npos, message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestDicomDecode)
#include "test_dicom_decode.moc"
