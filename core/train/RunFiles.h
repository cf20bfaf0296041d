#pragma once
// Public (plain C++): the files of a run directory besides the checkpoints — history.csv
// (one row per finished epoch, rewritten whole and atomically, so it never has a gap or a
// duplicate) and train.log (plain text lines the trainer appends).
#include "core/train/Trainer.h"

#include <array>
#include <fstream>
#include <string>
#include <vector>

namespace kg {

/// File names inside a run directory.
struct RunFiles {
    static constexpr const char* kBestCheckpoint = "best.kgckpt";
    static constexpr const char* kLastCheckpoint = "last.kgckpt";
    static constexpr const char* kEarlyStoppingBest = "early-stopping-best.kgckpt";
    static constexpr const char* kHistory = "history.csv";
    static constexpr const char* kOptions = "options.json";
    static constexpr const char* kLog = "train.log";
    /// The files the trainer replaces atomically (writeFileAtomically): a run killed while
    /// saving one of them leaves its temporary file behind.
    static constexpr std::array<const char*, 5> kSavedAtomically = {kBestCheckpoint, kLastCheckpoint, kEarlyStoppingBest,
                                                                    kHistory, kOptions};
    /// runDir + "/" + name.
    static std::string path(const std::string& runDir, const char* name);
};

/// Removes the temporary files that interrupted saves of RunFiles::kSavedAtomically left in
/// `runDir` (see removeStaleTemporaryFiles) and returns their paths. Call it only while no
/// other process trains in `runDir`.
std::vector<std::string> removeInterruptedSaves(const std::string& runDir);

/// "epoch,loss,accuracy,val_loss,val_accuracy,lr,seconds" and one line per record.
std::string historyCsv(const std::vector<EpochRecord>& history);
/// Writes historyCsv() atomically. Throws kg::Error naming the file.
void writeHistoryCsv(const std::string& path, const std::vector<EpochRecord>& history);
/// Parses a history.csv. Throws kg::Error naming the file and line when it is malformed.
std::vector<EpochRecord> readHistoryCsv(const std::string& path);

/// Appends timestamped lines to a text file, flushed line by line (survives kill -9).
/// Not thread-safe; the trainer writes from its own thread only.
class TrainLog {
public:
    TrainLog() = default;
    /// Opens `path` for appending; throws kg::Error naming the file when it cannot.
    explicit TrainLog(const std::string& path);
    void line(const std::string& text);

private:
    std::ofstream out_;
};

} // namespace kg
