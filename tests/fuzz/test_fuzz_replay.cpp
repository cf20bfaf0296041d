// Fuzz replay (docs/RELIABILITY.md, "Fuzzing"): every seed of the fuzz corpus, every input the
// fuzzers found (tests/fuzz/regressions/) and mutated copies of every real radiograph in
// ../shared/data/radiographs go through the public readers, and each must give a result or a
// kg::Error: no other exception, no process death.
//   images:      loadRadiograph + inspectRadiograph (DICOM and TIFF through the isolated
//                decoder pool: a decoder that aborts must cost the file, not the process)
//   checkpoints: readCheckpointMeta + loadCheckpoint
//   Keras .h5:   importKerasWeights into the small model fuzz_keras_h5 uses
//
// The inputs run in a child process (this program with --replay), a batch at a time: when an
// input kills the child, the parent records which one (BEGIN without END) and goes on with
// the next, so one run lists every input that kills the process instead of stopping at the
// first. Regression files under regressions/<kind>/known/ are crashes inside a third-party
// library that KneeGrade cannot fix in place (docs/RELIABILITY.md): their deaths are reported
// as warnings, not failures.
//
// Seeds are generated here (fuzz/SeedFiles.cpp, scripts/make-fuzz-corpus.py), none are
// checked in. Mutations use fixed seeds; KNEEGRADE_FUZZ_REPLAY_FLIPS sets the byte-flip
// copies per real file (default 4).
#include "SeedFiles.h"
#include "TestPaths.h"

#include "core/imaging/Radiograph.h"
#include "core/model/Checkpoint.h"
#include "core/model/KerasWeights.h"
#include "core/model/Model.h"
#include "core/util/Error.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <typeinfo>

namespace {

std::string str(const QString& text) { return text.toStdString(); }

std::vector<std::uint8_t> readBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const std::string& path, const std::uint8_t* data, std::size_t size)
{
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
}

QStringList filesIn(const QString& dir)
{
    QStringList files;
    for (const QFileInfo& info : QDir(dir).entryInfoList(QDir::Files | QDir::NoDotAndDotDot, QDir::Name))
        if (info.suffix() != "md" && info.suffix() != "txt")
            files << info.absoluteFilePath();
    return files;
}

/// End of the file meta information (after group 0002), or 0 when there is none.
std::size_t metaEnd(const std::vector<std::uint8_t>& bytes)
{
    if (bytes.size() < 144 || std::memcmp(bytes.data() + 128, "DICM", 4) != 0)
        return 0;
    if (bytes[132] != 0x02 || bytes[133] != 0x00 || bytes[134] != 0x00 || bytes[135] != 0x00)
        return 0;  // (0002,0000) must come first
    std::uint32_t length = 0;
    std::memcpy(&length, bytes.data() + 140, 4);
    return std::min<std::size_t>(bytes.size(), 144 + std::size_t(length));
}

/// Position of the top-level (7FE0,0010) Pixel Data header (explicit OB/OW preferred), or 0.
std::size_t pixelDataOffset(const std::vector<std::uint8_t>& bytes, std::size_t from)
{
    static const std::uint8_t tag[4] = {0xE0, 0x7F, 0x10, 0x00};
    std::size_t fallback = 0;
    for (std::size_t i = from; i + 12 <= bytes.size(); ++i) {
        if (std::memcmp(bytes.data() + i, tag, 4) != 0)
            continue;
        if (bytes[i + 4] == 'O' && (bytes[i + 5] == 'B' || bytes[i + 5] == 'W') && bytes[i + 6] == 0 && bytes[i + 7] == 0)
            return i;
        if (!fallback)
            fallback = i;
    }
    return fallback;
}

// ---------------------------------------------------------------------------------------
// One input, as the child runs it. A spec line is "file PATH", "cut OFFSET PATH" (the first
// OFFSET bytes of PATH) or "flip SEED FROM TO PATH" (1-4 random bits flipped in [FROM, TO)).
// ---------------------------------------------------------------------------------------

std::vector<std::uint8_t> materialise(const std::string& spec, std::string& source)
{
    std::istringstream in(spec);
    std::string op;
    in >> op;
    if (op == "cut") {
        std::size_t offset = 0;
        in >> offset >> std::ws;
        std::getline(in, source);
        std::vector<std::uint8_t> bytes = readBytes(source);
        bytes.resize(std::min(offset, bytes.size()));
        return bytes;
    }
    if (op == "flip") {
        std::uint32_t seed = 0;
        std::size_t from = 0, to = 0;
        in >> seed >> from >> to >> std::ws;
        std::getline(in, source);
        std::vector<std::uint8_t> bytes = readBytes(source);
        to = std::min(to, bytes.size());
        std::mt19937 random(seed);
        if (from < to) {
            std::uniform_int_distribution<std::size_t> where(from, to - 1);
            const int count = 1 + int(random() % 4);
            for (int k = 0; k < count; ++k)
                bytes[where(random)] ^= std::uint8_t(1u << (random() % 8));
        }
        return bytes;
    }
    in >> std::ws;
    std::getline(in, source);
    return {};
}

kg::Model& kerasModel()
{
    static kg::Model model = [] {
        kg::ModelOptions options;
        options.backbone = kg::parseArchitecture("resnetv2:1,1,1,1:4");
        options.head.hiddenUnits = {16};
        return kg::Model(options);
    }();
    return model;
}

/// Runs one reader; returns "result", "error <message>" or "violation <what>".
std::string runOne(const std::string& kind, const std::string& path)
{
    auto oneLine = [](std::string text) {
        std::replace(text.begin(), text.end(), '\n', ' ');
        return text;
    };
    try {
        if (kind == "image") {
            kg::RadiographLoadOptions options;
            options.keepFullDepth = true;
            options.includePatientIdentity = true;
            const kg::Radiograph image = kg::loadRadiograph(path, options);
            if (image.width <= 0 || image.height <= 0 || image.pixels.size() < std::size_t(image.height) * image.stride)
                return "violation loadRadiograph returned an inconsistent image";
            (void)kg::inspectRadiograph(path);
        } else if (kind == "checkpoint") {
            std::string metaError;
            try {
                (void)kg::readCheckpointMeta(path);
            } catch (const kg::Error& e) {
                metaError = e.what();
            }
            (void)kg::loadCheckpoint(path).model.parameterCounts();
            if (!metaError.empty())
                return "violation loadCheckpoint read a file whose metadata readCheckpointMeta refused: " + oneLine(metaError);
        } else if (kind == "keras") {
            std::string strictError;
            try {
                (void)kg::importKerasWeights(kerasModel(), path);
            } catch (const kg::Error& e) {
                strictError = e.what();
            }
            kg::KerasImportOptions lenient;
            lenient.allowMissingLayers = lenient.allowUnusedLayers = true;
            lenient.recogniseOfficial = false;
            (void)kg::importKerasWeights(kerasModel(), path, lenient);
            if (!strictError.empty())
                return "error " + oneLine(strictError);
        } else {
            return "violation unknown kind " + kind;
        }
        return "result";
    } catch (const kg::Error& e) {
        const std::string message = oneLine(e.what());
        return message.empty() ? "violation kg::Error without a message" : "error " + message;
    } catch (const std::exception& e) {
        return std::string("violation threw ") + typeid(e).name() + " instead of kg::Error: " + oneLine(kg::describeError(e));
    } catch (...) {
        return "violation threw a non-std exception";
    }
}

/// Child mode: test_fuzz_replay --replay KIND LISTFILE. Prints "BEGIN i" before and
/// "END i <outcome>" after input i, flushed, so the parent knows which input killed it.
int replayChild(const std::string& kind, const std::string& listFile)
{
    std::ifstream list(listFile);
    const std::string scratch = QDir::tempPath().toStdString() + "/kg-replay-" + std::to_string(::getpid());
    int index = 0;
    for (std::string spec; std::getline(list, spec); ++index) {
        std::string source;
        const std::vector<std::uint8_t> bytes = materialise(spec, source);
        std::string path = source;
        if (spec.rfind("file ", 0) != 0) {
            const std::string name = QFileInfo(QString::fromStdString(source)).fileName().toStdString();
            path = scratch + "-" + name;  // keeps the extension: .dcm, .kgckpt, .h5
            writeBytes(path, bytes.data(), bytes.size());
        }
        std::printf("BEGIN %d\n", index);
        std::fflush(stdout);
        const std::string outcome = runOne(kind, path);
        std::printf("END %d %s\n", index, outcome.c_str());
        std::fflush(stdout);
        if (path != source)
            std::remove(path.c_str());
    }
    return 0;
}

// ---------------------------------------------------------------------------------------
// The parent side.
// ---------------------------------------------------------------------------------------

struct Outcomes {
    int results = 0;
    int errors = 0;
    QStringList violations;  ///< wrong exception type, inconsistent result
    QStringList deaths;      ///< the process died (signal, abort, exit)
    QStringList knownDeaths; ///< deaths of regressions/<kind>/known/ files
    std::map<QString, int> errorKinds;

    void report(const char* what) const
    {
        qInfo("%s: %d results, %d kg::Error, %d violations, %d process deaths (+%d known)", what, results, errors,
              int(violations.size()), int(deaths.size()), int(knownDeaths.size()));
        for (const auto& [words, count] : errorKinds)
            qInfo("  %4d × %s…", count, qPrintable(words));
        for (const QString& death : knownDeaths)
            qWarning("known library crash (see tests/fuzz/regressions/README.md): %s", qPrintable(death));
    }
    QString failures() const { return (violations + deaths).join("\n"); }
};

/// Runs `specs` in child processes, restarting after each death; an input that runs longer
/// than `hangSeconds` counts as a death (the child is killed).
Outcomes replay(const QString& kind, const QStringList& specs, const QString& scratchDir, int hangSeconds = 60)
{
    Outcomes outcomes;
    int next = 0;
    int children = 0;
    while (next < specs.size()) {
        const QString listFile = scratchDir + "/specs-" + kind + "-" + QString::number(children++) + ".txt";
        {
            QFile list(listFile);
            if (!list.open(QIODevice::WriteOnly)) {
                outcomes.violations << "cannot write " + listFile;
                return outcomes;
            }
            for (int i = next; i < specs.size(); ++i)
                list.write((specs[i] + "\n").toUtf8());
        }
        QProcess child;
        child.start(QCoreApplication::applicationFilePath(), {"--replay", kind, listFile});
        if (!child.waitForStarted(30000)) {
            outcomes.violations << "cannot start the replay child: " + child.errorString();
            return outcomes;
        }
        int begun = -1;
        QElapsedTimer sinceBegin;
        QByteArray pending;
        bool hung = false;
        auto parse = [&] {
            pending += child.readAllStandardOutput();
            int newline;
            while ((newline = pending.indexOf('\n')) >= 0) {
                const QByteArray line = pending.left(newline);
                pending.remove(0, newline + 1);
                if (line.startsWith("BEGIN ")) {
                    begun = line.mid(6).toInt();
                    sinceBegin.start();
                } else if (line.startsWith("END ")) {
                    const int space = line.indexOf(' ', 4);
                    const int index = line.mid(4, space - 4).toInt();
                    const QString outcome = QString::fromUtf8(line.mid(space + 1));
                    const QString& spec = specs[next + index];
                    if (outcome == "result") {
                        ++outcomes.results;
                    } else if (outcome.startsWith("error ")) {
                        ++outcomes.errors;
                        // "'path': problem words…" → its first three words
                        const QString message = outcome.mid(6);
                        const int quote = message.indexOf("': ");
                        const QStringList words = message.mid(quote < 0 ? 0 : quote + 3).split(' ');
                        ++outcomes.errorKinds[words.mid(0, 3).join(' ')];
                    } else {
                        outcomes.violations << spec + ": " + outcome.mid(outcome.indexOf(' ') + 1);
                    }
                    begun = -1;
                }
            }
        };
        while (!child.waitForFinished(100)) {
            parse();
            // known/ holds a library hang: do not wait a minute for it on every run
            const int limit = begun >= 0 && specs[next + begun].contains("/known/") ? 10 : hangSeconds;
            if (begun >= 0 && sinceBegin.elapsed() > limit * 1000) {
                hung = true;
                child.kill();
                child.waitForFinished(-1);
                break;
            }
        }
        parse();
        const bool died = hung || child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0;
        if (!died && begun < 0)
            break;  // every spec done
        if (begun < 0) {
            outcomes.violations << QString("the replay child exited with code %1 between inputs: %2")
                                       .arg(child.exitCode())
                                       .arg(QString::fromUtf8(child.readAllStandardError().right(2000)));
            return outcomes;
        }
        const QString& spec = specs[next + begun];
        const QString how = hung ? QString("hung, killed after %1 s").arg(sinceBegin.elapsed() / 1000)
                            : child.exitStatus() == QProcess::CrashExit ? QString("crashed")
                                                                         : QString("exit code %1").arg(child.exitCode());
        const QString death = spec + ": the process died (" + how + "): " +
                              QString::fromUtf8(child.readAllStandardError().right(600)).simplified();
        (spec.contains("/known/") ? outcomes.knownDeaths : outcomes.deaths) << death;
        next += begun + 1;
    }
    return outcomes;
}

QStringList fileSpecs(const QStringList& files)
{
    QStringList specs;
    for (const QString& file : files)
        specs << "file " + file;
    return specs;
}

/// Truncations at `cuts` and `flips` bit-flip copies of `source` in [from, to).
void addMutations(QStringList& specs, const QString& source, const std::vector<std::size_t>& cuts, std::size_t size,
                  int flips, std::size_t from, std::size_t to, std::uint32_t seed)
{
    std::set<std::size_t> done;
    for (std::size_t cut : cuts)
        if (cut > 0 && cut < size && done.insert(cut).second)
            specs << QString("cut %1 %2").arg(cut).arg(source);
    to = std::min(to, size);
    for (int i = 0; i < flips && from < to; ++i)
        specs << QString("flip %1 %2 %3 %4").arg(seed * 1000 + std::uint32_t(i)).arg(from).arg(to).arg(source);
}

int envInt(const char* name, int fallback)
{
    bool ok = false;
    const int parsed = qEnvironmentVariable(name).toInt(&ok);
    return ok ? parsed : fallback;
}

} // namespace

class TestFuzzReplay : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    QString seeds_;
    const QString regressions_ = kgtest::sourceDir() + "/tests/fuzz/regressions";

    QStringList regressionFiles(const QString& kind) const
    {
        return filesIn(regressions_ + "/" + kind) + filesIn(regressions_ + "/" + kind + "/known");
    }

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        seeds_ = dir_.path() + "/seeds";
        QVERIFY(QDir().mkpath(seeds_ + "/radiograph") && QDir().mkpath(seeds_ + "/checkpoint") &&
                QDir().mkpath(seeds_ + "/keras_h5"));
        QElapsedTimer timer;
        timer.start();
        for (const kgfuzz::SeedFile& seed : kgfuzz::rasterSeeds())
            writeBytes(str(seeds_ + "/radiograph/") + seed.name, seed.bytes.data(), seed.bytes.size());
        kgfuzz::writeCheckpointSeeds(str(seeds_ + "/checkpoint"));
        QProcess python;
        python.setProcessChannelMode(QProcess::MergedChannels);
        python.start(kgtest::python(), {kgtest::sourceDir() + "/scripts/make-fuzz-corpus.py", "--out", seeds_, "--shared",
                                        kgtest::radiographsDir()});
        QVERIFY2(python.waitForFinished(180000), "make-fuzz-corpus.py did not finish");
        const QString output = QString::fromUtf8(python.readAll());
        QVERIFY2(python.exitStatus() == QProcess::NormalExit && python.exitCode() == 0, qPrintable(output));
        qInfo("seeds written in %.1f s: %s", timer.elapsed() / 1000.0, qPrintable(output.trimmed()));
    }

    /// Checkpoint seeds (complete tiny checkpoints, odd headers), the checkpoint regressions,
    /// and truncated and bit-flipped copies of a complete checkpoint.
    void checkpoints()
    {
        const QStringList seeds = filesIn(seeds_ + "/checkpoint");
        QVERIFY(seeds.size() >= 8);
        QStringList specs = fileSpecs(seeds + regressionFiles("checkpoint"));
        const QString complete = seeds_ + "/checkpoint/tiny_head_blobs.kgckpt";
        const std::size_t size = std::size_t(QFileInfo(complete).size());
        std::vector<std::size_t> cuts = {1, 8, 16, 19, 20, 27, 28, 40, 100, 300};
        for (std::size_t i = 1; i < 24; ++i)
            cuts.push_back(size * i / 24);
        cuts.insert(cuts.end(), {size - 13, size - 12, size - 9, size - 8, size - 1});
        addMutations(specs, complete, cuts, size, 24, 0, size, 7);
        const Outcomes outcomes = replay("checkpoint", specs, dir_.path());
        outcomes.report("checkpoints");
        QVERIFY2(outcomes.failures().isEmpty(), qPrintable(outcomes.failures()));
        QVERIFY(outcomes.results >= 4);  // the complete seeds load
    }

    /// Keras .h5 seeds in every layout, the .h5 regressions, and truncated and bit-flipped
    /// copies of one legacy file.
    void kerasWeights()
    {
        const QStringList seeds = filesIn(seeds_ + "/keras_h5");
        QVERIFY(seeds.size() >= 10);
        QStringList specs = fileSpecs(seeds + regressionFiles("keras_h5"));
        const QString legacy = seeds_ + "/keras_h5/legacy.h5";
        const std::size_t size = std::size_t(QFileInfo(legacy).size());
        std::vector<std::size_t> cuts = {1, 8, 100, 512, 2048};
        for (std::size_t i = 1; i < 12; ++i)
            cuts.push_back(size * i / 12);
        cuts.push_back(size - 1);
        addMutations(specs, legacy, cuts, size, 16, 0, size, 11);
        const Outcomes outcomes = replay("keras", specs, dir_.path());
        outcomes.report("Keras .h5");
        QVERIFY2(outcomes.failures().isEmpty(), qPrintable(outcomes.failures()));
        QVERIFY(outcomes.results >= 6);  // the valid layouts import
    }

    /// PNG/JPEG/TIFF/BMP and DICOM seeds (synthetic, gdcmconv-encoded, real headers with
    /// small pixels) and the image regressions through loadRadiograph and inspectRadiograph.
    void imageSeedsAndRegressions()
    {
        const QStringList seeds = filesIn(seeds_ + "/radiograph");
        QVERIFY2(seeds.size() >= 40, qPrintable(QString("only %1 image seeds").arg(seeds.size())));
        const QStringList regressions = regressionFiles("radiograph");
        const Outcomes outcomes = replay("image", fileSpecs(seeds + regressions), dir_.path());
        qInfo("%d seeds, %d regression files", int(seeds.size()), int(regressions.size()));
        outcomes.report("image seeds and regressions");
        QVERIFY2(outcomes.failures().isEmpty(), qPrintable(outcomes.failures()));
        QVERIFY2(outcomes.results > outcomes.errors, "most seeds are valid images and must decode");
    }

    /// Every real file in ../shared/data/radiographs, truncated inside the preamble, inside and
    /// right after the file meta header, inside the data set, at and right after the (7FE0,0010)
    /// Pixel Data header, inside the first fragments and near the end; and with random bits
    /// flipped (fixed seeds) in the header and anywhere.
    void realFileMutations()
    {
        const QStringList files = filesIn(kgtest::radiographsDir()).filter(QRegularExpression("\\.dcm$"));
        if (files.isEmpty())
            QSKIP("no real radiographs in ../shared/data/radiographs");
        const int flips = envInt("KNEEGRADE_FUZZ_REPLAY_FLIPS", 4);
        QStringList specs;
        std::uint32_t seed = 20240601;
        for (const QString& file : files) {
            const std::vector<std::uint8_t> bytes = readBytes(str(file));
            const std::size_t size = bytes.size();
            const std::size_t meta = metaEnd(bytes);
            const std::size_t pixels = pixelDataOffset(bytes, meta ? meta : 132);
            std::vector<std::size_t> cuts = {1, 64, 128, 131, 132, 136, 140, 144, 150, 160, 200};
            if (meta)
                cuts.insert(cuts.end(), {meta - 1, meta, meta + 4, meta + 8, meta + 64, (meta + pixels) / 2});
            if (pixels)
                cuts.insert(cuts.end(), {pixels, pixels + 4, pixels + 8, pixels + 11, pixels + 12, pixels + 16,
                                         pixels + 20, pixels + 24, pixels + 64, pixels + 1024});
            cuts.insert(cuts.end(), {size / 2, size - 10, size - 2, size - 1});
            const std::size_t header = pixels ? pixels + 24 : std::min<std::size_t>(size, 4096);
            addMutations(specs, file, cuts, size, (flips + 1) / 2, 128, header, seed++);  // header flips
            addMutations(specs, file, {}, size, flips / 2, header, size, seed++);         // anywhere after it
        }
        QElapsedTimer timer;
        timer.start();
        const Outcomes outcomes = replay("image", specs, dir_.path());
        outcomes.report("real-file mutations");
        qInfo("%d real files, %d mutated copies, %.1f s", int(files.size()), int(specs.size()), timer.elapsed() / 1000.0);
        QVERIFY2(outcomes.failures().isEmpty(), qPrintable(outcomes.failures()));
    }
};

int main(int argc, char** argv)
{
    if (argc == 4 && std::strcmp(argv[1], "--replay") == 0)
        return replayChild(argv[2], argv[3]);
    QCoreApplication app(argc, argv);
    TestFuzzReplay test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_fuzz_replay.moc"
