// Checkpoints: bit-exact round trips, metadata, blobs, atomic writes, clear errors for
// truncated, corrupt and foreign files.
#include "core/model/Checkpoint.h"
#include "core/model/ModelImpl.h"
#include "core/util/AtomicFile.h"
#include "core/util/Error.h"

#include "NamedPipe.h"

#include <QtTest>

#include <algorithm>
#include <cstring>
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

/// CRC-32 (zlib's polynomial), to rewrite a checkpoint's metadata as an older version wrote it.
std::uint32_t crc32Of(const std::string& bytes)
{
    std::uint32_t crc = 0xFFFFFFFFu;
    for (const unsigned char c : bytes) {
        crc ^= c;
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

/// `file` with its metadata JSON replaced by `meta` (checksum recomputed): a checkpoint as
/// a version that wrote this metadata would have saved it.
void replaceMetadata(const std::string& file, const nlohmann::json& meta)
{
    const std::string bytes = readAll(file);
    constexpr size_t header = 16 + 4;  // magic, format version
    std::uint64_t length = 0;
    std::memcpy(&length, bytes.data() + header, sizeof length);
    const std::string text = meta.dump();
    const std::uint64_t newLength = text.size();
    std::string out = bytes.substr(0, header);
    out.append(reinterpret_cast<const char*>(&newLength), sizeof newLength);
    out += text;
    out += bytes.substr(header + sizeof length + length, bytes.size() - 12 - (header + sizeof length + length));
    const std::uint32_t crc = crc32Of(out);
    out.append(reinterpret_cast<const char*>(&crc), sizeof crc);
    out += bytes.substr(bytes.size() - 8);
    writeAll(file, out);
}

/// The "state" object as the trainer wrote it before TrainingState existed (string status
/// and phase, callbacks as nested objects), with the records evaluation adds and a key no
/// version knows.
nlohmann::json oldTrainerState()
{
    return nlohmann::json::parse(R"({
        "epoch": 2, "status": "early_stopped", "phase": "unfrozen", "learning_rate": 2e-05, "seed": 7,
        "history": [
            {"epoch": 1, "loss": 1.5, "accuracy": 0.25, "val_loss": 1.25, "val_accuracy": 0.3, "lr": 0.0001, "seconds": 3.5},
            {"epoch": 2, "loss": 1.0, "accuracy": 0.5, "val_loss": 1.125, "val_accuracy": 0.4, "lr": 2e-05, "seconds": 3.25}],
        "callbacks": {"reduce_lr": {"best": 1.125, "wait": 0, "cooldown_counter": 1},
                      "early_stopping": {"best": 1.125, "best_epoch": 2, "wait": 0, "stopped_epoch": 2},
                      "model_checkpoint": {"best": 1.125, "best_epoch": 2}},
        "val_loss": 1.125, "val_accuracy": 0.4,
        "ood_gate": {"threshold": 12.5, "manifest_sha256": "abc"},
        "calibration": {"temperature": 1.3, "split": "val"},
        "notes": {"by": "a later version"}
    })");
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
        meta.state.epoch = 12;
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
        QCOMPARE(loaded.meta.state.epoch, 12);
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

    void old_training_state_loads_and_saves_with_the_same_keys()
    {
        // A checkpoint whose metadata an older version wrote: every key of its state is read
        // into TrainingState, and written back under the same names with the same values.
        const std::string file = path("old-state.kgckpt");
        saveCheckpoint(file, trainedLookingModel(), {});
        nlohmann::json meta = nlohmann::json::parse(nlohmann::json(readCheckpointMeta(file)).dump());
        meta["state"] = oldTrainerState();
        replaceMetadata(file, meta);

        const LoadedCheckpoint loaded = loadCheckpoint(file);
        const TrainingState& state = loaded.meta.state;
        QVERIFY(state.hasRun());
        QCOMPARE(state.epoch, 2);
        QVERIFY(state.status == RunStatus::EarlyStopped);
        QVERIFY(state.phase == TrainingPhase::Unfrozen);
        QCOMPARE(state.learningRate, 2e-05);
        QCOMPARE(state.seed, std::uint64_t{7});
        QCOMPARE(state.history.size(), size_t{2});
        QCOMPARE(state.history[1].epoch, 2);
        QCOMPARE(state.history[1].valLoss, 1.125);
        QCOMPARE(state.history[0].learningRate, 1e-4);
        QCOMPARE(state.history[0].durationSeconds, 3.5);
        QCOMPARE(state.callbacks.earlyStopping.at("stopped_epoch").get<int>(), 2);
        QCOMPARE(state.callbacks.reduceLr.at("cooldown_counter").get<int>(), 1);
        QCOMPARE(state.callbacks.modelCheckpoint.at("best_epoch").get<int>(), 2);
        QCOMPARE(state.valLoss.value_or(0.0), 1.125);
        QCOMPARE(state.valAccuracy.value_or(0.0), 0.4);
        QVERIFY(state.oodGate.has_value());
        QCOMPARE(state.oodGate->at("threshold").get<double>(), 12.5);
        QVERIFY(state.calibration.has_value());
        QCOMPARE(state.calibration->at("temperature").get<double>(), 1.3);
        QCOMPARE(state.extensions.at("notes").at("by").get<std::string>(), std::string("a later version"));
        QCOMPARE(nlohmann::json(state).dump(), oldTrainerState().dump());

        // Saved again, the file holds the same state object.
        const std::string again = path("old-state-again.kgckpt");
        saveCheckpoint(again, loaded.model, loaded.meta);
        QCOMPARE(nlohmann::json(readCheckpointMeta(again).state).dump(), oldTrainerState().dump());
    }

    void training_state_defaults_fill_missing_keys()
    {
        // No state (an imported model): nothing of a run, and nothing written back.
        const TrainingState none = nlohmann::json::object().get<TrainingState>();
        QVERIFY(!none.hasRun());
        QCOMPARE(nlohmann::json(none).dump(), std::string("{}"));
        // Only some keys, as a hand-edited or older file may have: the rest are defaults.
        const TrainingState some = nlohmann::json{{"epoch", 3}, {"status", "completed"}}.get<TrainingState>();
        QCOMPARE(some.epoch, 3);
        QVERIFY(some.status == RunStatus::Completed);
        QVERIFY(some.phase == TrainingPhase::WarmUp);
        QVERIFY(some.history.empty());
        QVERIFY(some.callbacks.reduceLr.is_null());
        QVERIFY(!some.valLoss && !some.oodGate && !some.calibration);
        // Only evaluation's records: kept, and still no run.
        const TrainingState gateOnly = nlohmann::json{{"ood_gate", {{"threshold", 1.0}}}}.get<TrainingState>();
        QVERIFY(!gateOnly.hasRun());
        QCOMPARE(nlohmann::json(gateOnly).dump(), std::string(R"({"ood_gate":{"threshold":1.0}})"));
        // An unknown status is an error naming it.
        try {
            nlohmann::json{{"epoch", 1}, {"status", "paused"}}.get<TrainingState>();
            QFAIL("an unknown status was accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("paused") != std::string::npos, e.what());
        }
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
