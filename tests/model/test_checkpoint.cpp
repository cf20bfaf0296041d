// Checkpoints: bit-exact round trips, metadata, blobs, atomic writes, clear errors for
// truncated, corrupt and foreign files.
#include "core/model/Checkpoint.h"
#include "core/model/ModelImpl.h"
#include "core/util/AtomicFile.h"
#include "core/util/Error.h"

#include "NamedPipe.h"

#include <QtTest>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>

using namespace kg;

namespace {

Model trainedLookingModel()
{
    ModelOptions options;
    options.backbone = parseArchitecture("resnetv2:1,1,1,1:4");
    options.head.hiddenUnits = {16};
    Model model(options);
    // Non-trivial BN statistics and biases, as after training.
    torch::NoGradGuard noGrad;
    torch::manual_seed(3);
    for (auto& [name, t] : modelStateTensors(model.impl().net)) {
        if (name.find("running_var") != std::string::npos)
            t.copy_(torch::rand_like(t) + 0.5);
        else if (name.find("running_mean") != std::string::npos || name.find("bias") != std::string::npos)
            t.copy_(torch::randn_like(t) * 0.1);
    }
    return model;
}

torch::Tensor logitsOf(Model& model, const torch::Tensor& input)
{
    torch::NoGradGuard noGrad;
    model.impl().net->eval();
    return model.impl().net->forward(model.impl().prepareInput(input)).logits;
}

std::string readAll(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void writeAll(const std::string& path, const std::string& bytes)
{
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string errorOf(const std::string& path)
{
    try {
        loadCheckpoint(path);
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

} // namespace

class TestCheckpoint : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    std::string path(const char* name) const { return (dir_.path() + "/" + name).toStdString(); }

private slots:
    void round_trip_reproduces_outputs_bit_for_bit()
    {
        Model model = trainedLookingModel();
        CheckpointMeta meta;
        meta.preprocessing.imageSize = 48;
        meta.temperature = 1.7;
        meta.trainingOptions = {{"learning_rate", 1e-3}, {"mode", "finetune"}};
        meta.state = {{"epoch", 12}};
        meta.datasetManifestHash = "abc123";
        const std::string file = path("model.kgckpt");
        const std::string sha = saveCheckpoint(file, model, meta, {{"optimizer", std::string("\0\1\2state", 8)}});

        LoadedCheckpoint loaded = loadCheckpoint(file);
        torch::manual_seed(11);
        const torch::Tensor input = torch::randn({3, 3, 48, 48});
        QVERIFY(torch::equal(logitsOf(model, input), logitsOf(loaded.model, input)));
        QCOMPARE(loaded.weightsSha256, sha);
        QCOMPARE(loaded.weightsSha256.size(), size_t(64));
        QCOMPARE(loaded.meta.preprocessing.imageSize, 48);
        QCOMPARE(loaded.meta.temperature, 1.7);
        QCOMPARE(loaded.meta.trainingOptions["mode"].get<std::string>(), std::string("finetune"));
        QCOMPARE(loaded.meta.state["epoch"].get<int>(), 12);
        QCOMPARE(loaded.meta.datasetManifestHash, std::string("abc123"));
        QCOMPARE(loaded.meta.classNames.size(), size_t(5));
        QVERIFY(!loaded.meta.createdUtc.empty());
        QCOMPARE(architectureName(loaded.meta.model.backbone), std::string("resnetv2:1,1,1,1:4"));
        QCOMPARE(loaded.meta.model.head.hiddenUnits, std::vector<int>{16});
        QCOMPARE(loaded.blobs.at("optimizer"), std::string("\0\1\2state", 8));
        QCOMPARE(readCheckpointMeta(file).temperature, 1.7);

        // Saving the loaded model again gives the same weights hash.
        QCOMPARE(saveCheckpoint(path("again.kgckpt"), loaded.model, loaded.meta), sha);
    }

    void truncated_files_give_clear_errors_data()
    {
        QTest::addColumn<double>("fraction");
        for (double f : {0.0, 0.001, 0.01, 0.3, 0.9, 0.999})
            QTest::addRow("%.3f", f) << f;
    }

    void truncated_files_give_clear_errors()
    {
        QFETCH(double, fraction);
        const std::string file = path("full.kgckpt");
        saveCheckpoint(file, trainedLookingModel(), {});
        const std::string bytes = readAll(file);
        const std::string cut = path("cut.kgckpt");
        writeAll(cut, bytes.substr(0, static_cast<size_t>(fraction * bytes.size())));
        const std::string error = errorOf(cut);
        QVERIFY2(error.find(cut) != std::string::npos, error.c_str());
        QVERIFY2(error.find("truncated") != std::string::npos || error.find("empty") != std::string::npos ||
                     error.find("too short") != std::string::npos,
                 error.c_str());
    }

    void corrupted_byte_is_detected()
    {
        const std::string file = path("flip.kgckpt");
        saveCheckpoint(file, trainedLookingModel(), {});
        std::string bytes = readAll(file);
        bytes[bytes.size() / 2] ^= 0x40;
        writeAll(file, bytes);
        const std::string error = errorOf(file);
        QVERIFY2(error.find("checksum") != std::string::npos, error.c_str());
    }

    void foreign_files_are_refused_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("hint");
        QTest::newRow("zip") << QByteArray("PK\x03\x04 this is a zip archive........", 36) << "zip";
        QTest::newRow("hdf5") << QByteArray("\x89HDF\r\n\x1a\n and more bytes for the header", 38) << "HDF5";
        QTest::newRow("text") << QByteArray("hello, this is not a checkpoint at all\n") << "not a KneeGrade checkpoint";
        QTest::newRow("empty") << QByteArray() << "empty";
    }

    void foreign_files_are_refused()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, hint);
        const std::string file = path("foreign.bin");
        writeAll(file, content.toStdString());
        const std::string error = errorOf(file);
        QVERIFY2(error.find(hint.toStdString()) != std::string::npos, error.c_str());
    }

    void missing_file_names_the_path()
    {
        const std::string error = errorOf(path("does-not-exist.kgckpt"));
        QVERIFY2(error.find("does-not-exist.kgckpt") != std::string::npos, error.c_str());
    }

    void folder_is_refused_with_advice()
    {
        const std::string folder = path("run-folder");
        std::filesystem::create_directories(folder);
        const std::string error = errorOf(folder);
        QVERIFY2(error.find("'" + folder + "': is a folder, not a checkpoint file") == 0, error.c_str());
        QVERIFY2(error.find("best.kgckpt") != std::string::npos, error.c_str());  // what to pass instead
        QVERIFY_THROWS_EXCEPTION(Error, readCheckpointMeta(folder));
    }

    void named_pipe_is_refused_at_once()
    {
        const std::string fifo = path("pipe.kgckpt");
        QVERIFY(kgtest::makeNamedPipe(fifo));
        for (const auto& read : {std::function<void()>([&] { loadCheckpoint(fifo); }),
                                 std::function<void()>([&] { readCheckpointMeta(fifo); })}) {
            const kgtest::PipeOutcome outcome = kgtest::readNamedPipe(read, fifo);
            QVERIFY2(!outcome.blocked, "reading a FIFO blocked until a writer appeared");
            QVERIFY2(outcome.error.find("'" + fifo + "': is a named pipe (FIFO), not a checkpoint file") == 0,
                     outcome.error.c_str());
        }
    }

    void architecture_mismatch_is_refused()
    {
        // Metadata says one architecture, weights belong to another: edit the header's JSON.
        const std::string file = path("mismatch.kgckpt");
        saveCheckpoint(file, trainedLookingModel(), {});
        std::string bytes = readAll(file);
        const auto at = bytes.find("resnetv2:1,1,1,1:4");
        QVERIFY(at != std::string::npos);
        bytes.replace(at, 18, "resnetv2:1,1,1,1:8");
        writeAll(file, bytes);
        const std::string error = errorOf(file);
        QVERIFY2(error.find("do not fit the architecture") != std::string::npos, error.c_str());
    }

    void atomic_write_keeps_the_old_file_on_failure()
    {
        const std::string file = path("atomic.txt");
        writeFileAtomically(file, std::string_view("old content"));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, writeFileAtomically(file, [](std::ostream& out) {
            out << "half of the new";
            throw std::runtime_error("interrupted");
        }));
        QCOMPARE(readAll(file), std::string("old content"));
        int files = 0;
        for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir_.path().toStdString()))
            ++files;
        const auto leftovers = std::count_if(std::filesystem::directory_iterator(dir_.path().toStdString()), {},
                                             [](const auto& e) { return e.path().filename().string().find(".tmp-") != std::string::npos; });
        QCOMPARE(leftovers, 0);
        QVERIFY(files > 0);
    }

    void stale_temporary_files_are_removed()
    {
        // What a kill -9 mid-write leaves: "." + name + ".tmp-" + digits, beside the file.
        QTemporaryDir dir;
        const std::string target = (dir.path() + "/last.kgckpt").toStdString();
        writeFileAtomically(target, std::string_view("whole"));
        const QStringList stale{".last.kgckpt.tmp-0", ".last.kgckpt.tmp-4294967295"};
        const QStringList others{".last.kgckpt.tmp-", ".last.kgckpt.tmp-1x", "last.kgckpt.tmp-1", ".best.kgckpt.tmp-1",
                                 "x.last.kgckpt.tmp-1", ".last.kgckpt.tmp-1.part"};
        for (const QString& name : stale + others)
            writeAll((dir.path() + "/" + name).toStdString(), "partial");
        QVERIFY(QDir(dir.path()).mkdir(".last.kgckpt.tmp-5"));
        QVERIFY(QFile::link(dir.path() + "/last.kgckpt", dir.path() + "/.last.kgckpt.tmp-6"));

        std::vector<std::string> removed = removeStaleTemporaryFiles(target);
        std::sort(removed.begin(), removed.end());
        QCOMPARE(removed, (std::vector<std::string>{(dir.path() + "/" + stale[0]).toStdString(),
                                                    (dir.path() + "/" + stale[1]).toStdString()}));
        for (const QString& name : others)
            QVERIFY2(QFileInfo::exists(dir.path() + "/" + name), qPrintable(name));
        QVERIFY(QFileInfo(dir.path() + "/.last.kgckpt.tmp-5").isDir());
        QVERIFY(QFileInfo(dir.path() + "/.last.kgckpt.tmp-6").isSymLink());
        QCOMPARE(readAll(target), std::string("whole"));
        QVERIFY(removeStaleTemporaryFiles((dir.path() + "/no-such-folder/x").toStdString()).empty());
    }
};

QTEST_GUILESS_MAIN(TestCheckpoint)
#include "test_checkpoint.moc"
