// Untrusted files never take the process down: DICOM and TIFF are decoded in helper
// processes whose crashes and hangs become per-file errors; declared sizes are checked
// against DecodeLimits before decoding; FIFOs are refused without blocking; damaged JPEG
// data is refused instead of graded; a DICOM preamble that looks like TIFF is still DICOM.
#include "TestPaths.h"

#include "core/imaging/DecodeIsolation.h"
#include "core/imaging/DicomWrite.h"
#include "core/imaging/Radiograph.h"
#include "core/imaging/RadiographDecode.h"
#include "core/util/Error.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <fstream>
#include <thread>

#include <sys/stat.h>
#include <unistd.h>

namespace {

std::string str(const QString& text) { return text.toStdString(); }
std::string realFile(const char* name) { return str(kgtest::radiographsDir() + "/" + name); }

std::vector<char> readBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const std::string& path, const std::vector<char>& bytes)
{
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), std::streamsize(bytes.size()));
}

/// The error decoding `path` gives (naming the file), or a marker saying what happened instead.
std::string errorOf(const std::string& path, const kg::RadiographLoadOptions& options = {})
{
    try {
        kg::loadRadiograph(path, options);
    } catch (const kg::Error& e) {
        if (e.path() != path)
            return std::string("ERROR WITHOUT THE FILE: ") + e.what();
        return e.what();
    } catch (const std::exception& e) {
        return std::string("NOT A kg::Error: ") + e.what();
    }
    return "NO ERROR";
}

/// Big-endian 32-bit value into a byte vector.
void putBigEndian32(std::vector<char>& bytes, std::size_t at, std::uint32_t value)
{
    for (int i = 0; i < 4; ++i)
        bytes[at + std::size_t(i)] = char((value >> (24 - 8 * i)) & 0xFF);
}

const char* const kRealFiles[] = {"RG3_J2KR.dcm", "RG3_J2KI.dcm", "RG1_J2KI.dcm", "RG2_JPLL.dcm", "RG2_JLSN.dcm",
                                  "RG2_JPLY.dcm", "RG2_JPLY_fixed.dcm", "966.dcm", "vlut_04.dcm", "mlut_18.dcm",
                                  "NIH_CXR_DX_8bit.dcm"};

} // namespace

class TestDecodeIsolation : public QObject {
    Q_OBJECT

private:
    QTemporaryDir temp_;
    std::string tempPath(const std::string& name) const { return str(temp_.filePath(QString::fromStdString(name))); }

    /// A stand-in helper: a shell script that behaves as a broken decoder would.
    std::string fakeHelper(const std::string& name, const std::string& body)
    {
        const std::string path = tempPath(name);
        std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
        ::chmod(path.c_str(), 0755);
        return path;
    }

    static void useDefaultDecoding() { kg::configureRadiographDecoding({}); }

private slots:
    void initTestCase()
    {
        QVERIFY(temp_.isValid());
        QVERIFY2(!kg::decoderHelperPath().empty(), "kneegrade-decoder not found (KNEEGRADE_DECODER is set by ctest)");
    }

    void cleanup() { useDefaultDecoding(); }

    void isolatedDecodingEqualsInProcess()
    {
        for (const char* name : kRealFiles) {
            const std::string path = realFile(name);
            const std::vector<std::uint8_t> bytes = kg::readRadiographFile(path);
            std::string inProcessError, isolatedError;
            kg::DecodedRadiograph local, remote;
            const auto outputs = kg::DecodeOutput::Both;
            try {
                local = kg::decodeRadiographBufferInProcess(path, bytes.data(), bytes.size(), outputs);
            } catch (const kg::Error& e) {
                inProcessError = e.what();
            }
            try {
                remote = kg::decodeRadiographBuffer(path, bytes.data(), bytes.size(), outputs);
            } catch (const kg::Error& e) {
                isolatedError = e.what();
            }
            QCOMPARE(QString::fromStdString(isolatedError), QString::fromStdString(inProcessError));
            if (!inProcessError.empty())
                continue;
            QCOMPARE(remote.eightBit.size(), local.eightBit.size());
            QCOMPARE(remote.native.type(), local.native.type());
            QCOMPARE(cv::norm(remote.eightBit, local.eightBit, cv::NORM_INF), 0.0);
            QCOMPARE(cv::norm(remote.native, local.native, cv::NORM_INF), 0.0);
            QCOMPARE(nlohmann::json(remote.info).dump(), nlohmann::json(local.info).dump());
        }
        QVERIFY(kg::decoderPoolStats().requests >= std::size(kRealFiles));
    }

    void fullDepthCrossesTheProcessBoundary()
    {
        kg::RadiographLoadOptions options;
        options.keepFullDepth = true;
        const kg::Radiograph isolated = kg::loadRadiograph(realFile("RG3_J2KR.dcm"), options);
        kg::configureRadiographDecoding({kg::DecodeIsolation::InProcess, 0, {}});
        const kg::Radiograph local = kg::loadRadiograph(realFile("RG3_J2KR.dcm"), options);
        QVERIFY(!isolated.fullDepth.empty());
        QVERIFY(isolated.fullDepth.values == local.fullDepth.values);
        QCOMPARE(isolated.fullDepth.scale, local.fullDepth.scale);
        QCOMPARE(isolated.fullDepth.offset, local.fullDepth.offset);
    }

    void crashingDecoderCostsOneFile()
    {
        const kg::DecoderPoolStats before = kg::decoderPoolStats();
        kg::configureRadiographDecoding({kg::DecodeIsolation::UntrustedFormats, 1, fakeHelper("abort.sh", "kill -ABRT $$")});
        const std::string path = realFile("NIH_CXR_DX_8bit.dcm");
        const std::string message = errorOf(path);
        QVERIFY2(message.find("the DICOM decoder crashed on this file (signal 6, SIGABRT") != std::string::npos,
                 message.c_str());
        QVERIFY2(message.find("NIH_CXR_DX_8bit.dcm") != std::string::npos, message.c_str());
        QVERIFY(kg::decoderPoolStats().crashes > before.crashes);
        // PNG is decoded in this process: unaffected by a broken helper.
        const std::string png = tempPath("fine.png");
        cv::imwrite(png, cv::Mat(16, 16, CV_8UC1, cv::Scalar(7)));
        QCOMPARE(kg::loadRadiograph(png).width, 16);
        // And the real helper decodes the same file again.
        useDefaultDecoding();
        QCOMPARE(kg::loadRadiograph(path).width, 1024);
    }

    void hangingDecoderIsStopped()
    {
        kg::configureRadiographDecoding({kg::DecodeIsolation::UntrustedFormats, 1, fakeHelper("hang.sh", "exec sleep 600")});
        kg::RadiographLoadOptions options;
        options.limits.timeoutSeconds = 0.5;
        const kg::DecoderPoolStats before = kg::decoderPoolStats();
        const std::string message = errorOf(realFile("NIH_CXR_DX_8bit.dcm"), options);
        QVERIFY2(message.find("did not finish within 0.5 s") != std::string::npos, message.c_str());
        QCOMPARE(kg::decoderPoolStats().timeouts, before.timeouts + 1);
    }

    void helperKilledBetweenFilesIsReplaced()
    {
        const std::string path = realFile("NIH_CXR_DX_8bit.dcm");
        QCOMPARE(kg::loadRadiograph(path).width, 1024);
        // Kill every helper of this process, as an OOM killer or a user might.
        const pid_t self = ::getpid();
        for (const QString& entry : QDir("/proc").entryList(QDir::Dirs)) {
            QFile stat("/proc/" + entry + "/stat");
            if (!stat.open(QIODevice::ReadOnly))
                continue;
            const QList<QByteArray> fields = stat.readAll().split(' ');
            if (fields.size() > 3 && fields[1] == "(kneegrade-decod)" && fields[3].toInt() == self)
                ::kill(entry.toInt(), SIGKILL);
        }
        QCOMPARE(kg::loadRadiograph(path).width, 1024);
    }

    void everyFileIsAnsweredUnderConcurrency()
    {
        std::vector<std::thread> threads;
        std::atomic<int> decoded{0}, refused{0}, other{0};
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&] {
                for (const char* name : kRealFiles) {
                    try {
                        kg::decodeRadiographForModel(realFile(name));
                        ++decoded;
                    } catch (const kg::Error&) {
                        ++refused;
                    } catch (...) {
                        ++other;
                    }
                }
            });
        for (auto& thread : threads)
            thread.join();
        QCOMPARE(other.load(), 0);
        QCOMPARE(decoded.load() + refused.load(), 4 * int(std::size(kRealFiles)));
        QCOMPARE(refused.load(), 4);  // 966.dcm, four times
    }

    // File names and DICOM strings are bytes, often Latin-1: they cross to the helper and back.
    void nonUtf8NamesAndTagsCrossTheBoundary()
    {
        const std::string path = tempPath("genou-\xe9t\xe9.dcm");  // Latin-1 "é" in the name
        kg::DicomWriteOptions options;
        options.bodyPart = "GENOU \xc9";                             // and in Body Part Examined
        kg::writeDicomImage(path, cv::Mat(32, 32, CV_16UC1, cv::Scalar(300)), options);
        const kg::Radiograph radiograph = kg::loadRadiograph(path);
        QCOMPARE(radiograph.width, 32);
        QVERIFY(radiograph.info.bodyPart.rfind("GENOU ", 0) == 0);
        const std::string missing = tempPath("absent-\xe9.dcm");
        QVERIFY(errorOf(missing).find("does not exist") != std::string::npos);
    }

    // Fuzz findings (tests/fuzz/regressions) as a user meets them: one clear error each.
    void fuzzFindingsGiveClearErrors_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expected");
        QTest::newRow("DCMTK 4 GiB pixel data") << "dicom-dcmtk-4gib-pixel-data.dcm" << "declares more data than the memory budget";
        QTest::newRow("DCMTK 4 GiB element, no file meta") << "dicom-dcmtk-4gib-element.dcm" << "not a valid DICOM file";
        QTest::newRow("GDCM JPEG 2000 heap overflow") << "dicom-j2k-gdcm-heap-overflow.dcm" << "crashed on this file (signal";
        QTest::newRow("deflated data set") << "dicom-deflated-gdcm-assert.dcm" << "";  // decodes since it is inflated
    }

    void fuzzFindingsGiveClearErrors()
    {
        QFETCH(QString, file);
        QFETCH(QString, expected);
        const std::string path = str(kgtest::sourceDir() + "/tests/fuzz/regressions/radiograph/" + file);
        const std::string message = errorOf(path);
        if (expected.isEmpty())
            QCOMPARE(QString::fromStdString(message), QString("NO ERROR"));
        else
            QVERIFY2(QString::fromStdString(message).contains(expected), message.c_str());
    }

    // ---- limits from declared sizes -------------------------------------------------------

    void declaredSizeOverTheLimit_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        QTest::newRow("PNG 32768 x 32768") << "huge.png" << "32768 × 32768 pixels (1073.7 MP), more than the limit";
        QTest::newRow("JPEG 65000 x 65000") << "huge.jpg" << "65000 × 65000 pixels";
        QTest::newRow("BMP 100000 x 100000") << "huge.bmp" << "more than the limit";
        QTest::newRow("TIFF 100000 x 100000") << "huge.tif" << "more than the limit";
        QTest::newRow("DICOM 3000 frames") << "frames.dcm" << "3000 frames, more than the limit of 64";
        QTest::newRow("DICOM 60000 x 60000") << "rows.dcm" << "60000 × 60000 pixels";
    }

    void declaredSizeOverTheLimit()
    {
        QFETCH(QString, name);
        QFETCH(QString, expected);
        const std::string path = tempPath(str(name));
        const cv::Mat small(8, 8, CV_8UC1, cv::Scalar(100));
        std::vector<uchar> encoded;
        if (name == "huge.png") {
            cv::imencode(".png", small, encoded);
            std::vector<char> png(encoded.begin(), encoded.end());
            putBigEndian32(png, 16, 32768);  // IHDR width, height (its CRC is then wrong too)
            putBigEndian32(png, 20, 32768);
            writeBytes(path, png);
        } else if (name == "huge.jpg") {
            cv::imencode(".jpg", small, encoded);
            std::vector<char> jpg(encoded.begin(), encoded.end());
            for (std::size_t i = 2; i + 9 < jpg.size(); ++i)
                if (std::uint8_t(jpg[i]) == 0xFF && std::uint8_t(jpg[i + 1]) == 0xC0) {
                    jpg[i + 5] = char(0xFD), jpg[i + 6] = char(0xE8), jpg[i + 7] = char(0xFD), jpg[i + 8] = char(0xE8);
                    break;
                }
            writeBytes(path, jpg);
        } else if (name == "huge.bmp") {
            cv::imencode(".bmp", small, encoded);
            std::vector<char> bmp(encoded.begin(), encoded.end());
            for (std::size_t at : {18, 22})
                for (int i = 0; i < 4; ++i)
                    bmp[at + std::size_t(i)] = char((100000u >> (8 * i)) & 0xFF);
            writeBytes(path, bmp);
        } else if (name == "huge.tif") {
            // Little-endian TIFF, one directory: width, length as LONG 100000, 8-bit gray.
            std::vector<char> tif = {'I', 'I', 42, 0, 8, 0, 0, 0, 3, 0};
            auto entry = [&](std::uint16_t tag, std::uint16_t type, std::uint32_t value) {
                const std::uint8_t e[12] = {std::uint8_t(tag), std::uint8_t(tag >> 8), std::uint8_t(type), 0, 1, 0, 0, 0,
                                            std::uint8_t(value), std::uint8_t(value >> 8), std::uint8_t(value >> 16),
                                            std::uint8_t(value >> 24)};
                tif.insert(tif.end(), e, e + 12);
            };
            entry(256, 4, 100000);
            entry(257, 4, 100000);
            entry(258, 3, 8);
            tif.insert(tif.end(), {0, 0, 0, 0});
            writeBytes(path, tif);
        } else if (name == "frames.dcm") {
            kg::DicomWriteOptions options;
            options.numberOfFrames = 3000;
            kg::writeDicomImage(path, cv::Mat(16, 16, CV_16UC1, cv::Scalar(100)), options);
        } else if (name == "rows.dcm") {
            kg::writeDicomImage(path, cv::Mat(16, 16, CV_16UC1, cv::Scalar(100)));
            std::vector<char> dcm = readBytes(path);
            // Rows (0028,0010) and Columns (0028,0011), explicit VR "US", length 2.
            for (const std::uint8_t element : {0x10, 0x11}) {
                const char tag[8] = {0x28, 0x00, char(element), 0x00, 'U', 'S', 2, 0};
                const auto at = std::search(dcm.begin(), dcm.end(), tag, tag + 8);
                QVERIFY(at != dcm.end());
                at[8] = char(60000 & 0xFF);
                at[9] = char(60000 >> 8);
            }
            writeBytes(path, dcm);
        }
        const std::string message = errorOf(path);
        QVERIFY2(QString::fromStdString(message).contains(expected), message.c_str());
    }

    void limitsAreConfigurable()
    {
        const std::string path = tempPath("small.png");
        cv::imwrite(path, cv::Mat(64, 64, CV_8UC1, cv::Scalar(1)));
        kg::RadiographLoadOptions tight;
        tight.limits.maxPixels = 1000;
        QVERIFY(errorOf(path, tight).find("more than the limit of 0.0 MP") != std::string::npos);
        QCOMPARE(kg::loadRadiograph(path).width, 64);
        const std::string dicom = tempPath("small.dcm");
        kg::writeDicomImage(dicom, cv::Mat(64, 64, CV_16UC1, cv::Scalar(1)));
        tight.limits.maxPixels = 64'000'000;
        tight.limits.memoryBudgetBytes = 4096;
        QVERIFY2(errorOf(dicom, tight).find("more than the budget") != std::string::npos, errorOf(dicom, tight).c_str());
        QCOMPARE(kg::loadRadiograph(dicom).width, 64);
    }

    // ---- what the campaign found ----------------------------------------------------------

    void fifoIsRefusedWithoutBlocking()
    {
        const std::string path = tempPath("pipe.png");
        QCOMPARE(::mkfifo(path.c_str(), 0600), 0);
        const std::string message = errorOf(path);
        QVERIFY2(message.find("not a regular file (a FIFO)") != std::string::npos, message.c_str());
    }

    void dicomPreambleThatLooksLikeTiff()
    {
        std::vector<char> dcm = readBytes(realFile("NIH_CXR_DX_8bit.dcm"));
        const char tiff[4] = {'I', 'I', 42, 0};
        std::copy(tiff, tiff + 4, dcm.begin());  // the standard allows any preamble
        const std::string path = tempPath("dual.dcm");
        writeBytes(path, dcm);
        const kg::Radiograph radiograph = kg::loadRadiograph(path);
        QCOMPARE(QString::fromStdString(radiograph.info.format), QString("DICOM"));
        QCOMPARE(radiograph.width, 1024);
    }

    void damagedJpegIsRefused_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::newRow("headers and EOI, no scan data") << "noscan";
        QTest::newRow("scan data cut, EOI appended") << "cutscan";
    }

    void damagedJpegIsRefused()
    {
        QFETCH(QString, damage);
        cv::Mat gray(128, 128, CV_8UC1);
        cv::randu(gray, 0, 255);
        std::vector<uchar> encoded;
        cv::imencode(".jpg", gray, encoded);
        std::vector<char> jpg(encoded.begin(), encoded.end());
        std::size_t scan = 0;  // first byte after the SOS segment
        for (std::size_t i = 2; i + 3 < jpg.size(); ++i)
            if (std::uint8_t(jpg[i]) == 0xFF && std::uint8_t(jpg[i + 1]) == 0xDA) {
                scan = i + 2 + std::size_t(std::uint8_t(jpg[i + 2]) << 8 | std::uint8_t(jpg[i + 3]));
                break;
            }
        QVERIFY(scan > 0);
        const std::vector<char> eoi = {char(0xFF), char(0xD9)};
        if (damage == "noscan")
            jpg.resize(scan);
        else
            jpg.resize(scan + (jpg.size() - scan) / 3);
        jpg.insert(jpg.end(), eoi.begin(), eoi.end());
        const std::string path = tempPath(str(damage) + ".jpg");
        writeBytes(path, jpg);
        const std::string message = errorOf(path);
        QVERIFY2(message.find("damaged JPEG") != std::string::npos, message.c_str());
    }

    void damagedJpegLosslessDicomIsRefused_data()
    {
        QTest::addColumn<int>("start");  // fifths of the file
        QTest::addColumn<int>("step");   // bytes between the ten flipped bytes
        QTest::newRow("middle, 1000 apart") << 2 << 1000;
        QTest::newRow("later, 777 apart") << 3 << 777;
        QTest::newRow("near the end, 1500 apart") << 4 << 1500;
    }

    // Ten flipped bytes in the entropy-coded data of a JPEG-lossless CR: GDCM's libjpeg
    // only prints "Corrupt JPEG data" and returns guessed pixels; the helper reads that line.
    void damagedJpegLosslessDicomIsRefused()
    {
        QFETCH(int, start);
        QFETCH(int, step);
        std::vector<char> dcm = readBytes(realFile("RG2_JPLL.dcm"));
        for (std::size_t k = 0; k < 10; ++k)
            dcm[dcm.size() * std::size_t(start) / 5 + k * std::size_t(step)] ^= 0x55;
        const std::string path = tempPath("jpll-flipped.dcm");
        writeBytes(path, dcm);
        const std::string message = errorOf(path);
        QVERIFY2(message.find("damaged JPEG data in the pixel data (libjpeg: Corrupt JPEG data") != std::string::npos,
                 message.c_str());
    }

    void intactJpegStillDecodes()
    {
        cv::Mat gray(64, 48, CV_8UC1);
        cv::randu(gray, 0, 255);
        const std::string path = tempPath("intact.jpg");
        cv::imwrite(path, gray, {cv::IMWRITE_JPEG_QUALITY, 100});
        const kg::Radiograph radiograph = kg::loadRadiograph(path);
        QCOMPARE(radiograph.width, 48);
        QCOMPARE(radiograph.height, 64);
        const cv::Mat viaOpenCv = cv::imread(path, cv::IMREAD_GRAYSCALE);
        const cv::Mat ours(64, 48, CV_8UC1, const_cast<std::uint8_t*>(radiograph.pixels.data()), std::size_t(radiograph.stride));
        QCOMPARE(cv::norm(ours, viaOpenCv, cv::NORM_INF), 0.0);  // same libjpeg, same pixels
    }
};

QTEST_GUILESS_MAIN(TestDecodeIsolation)
#include "test_decode_isolation.moc"
