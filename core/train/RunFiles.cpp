#include "core/train/RunFiles.h"

#include "core/util/AtomicFile.h"
#include "core/util/Error.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <sstream>

namespace kg {

std::string RunFiles::path(const std::string& runDir, const char* name)
{
    return runDir.empty() || runDir.back() == '/' ? runDir + name : runDir + "/" + name;
}

std::vector<std::string> removeInterruptedSaves(const std::string& runDir)
{
    std::vector<std::string> removed;
    for (const char* name : RunFiles::kSavedAtomically)
        for (std::string& path : removeStaleTemporaryFiles(RunFiles::path(runDir, name)))
            removed.push_back(std::move(path));
    return removed;
}

std::string historyCsv(const std::vector<EpochRecord>& history)
{
    std::string text = "epoch,loss,accuracy,val_loss,val_accuracy,lr,seconds\n";
    char line[256];
    for (const EpochRecord& r : history) {
        // 9 significant digits: float32 values round-trip exactly.
        std::snprintf(line, sizeof line, "%d,%.9g,%.9g,%.9g,%.9g,%.9g,%.3f\n", r.epoch, r.loss, r.accuracy, r.valLoss,
                      r.valAccuracy, r.learningRate, r.durationSeconds);
        text += line;
    }
    return text;
}

void writeHistoryCsv(const std::string& path, const std::vector<EpochRecord>& history)
{
    writeFileAtomically(path, historyCsv(history));
}

std::vector<EpochRecord> readHistoryCsv(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw Error(path, "cannot open the training history");
    std::vector<EpochRecord> history;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (number == 1 || line.empty())
            continue;
        EpochRecord r;
        if (std::sscanf(line.c_str(), "%d,%lf,%lf,%lf,%lf,%lf,%lf", &r.epoch, &r.loss, &r.accuracy, &r.valLoss,
                        &r.valAccuracy, &r.learningRate, &r.durationSeconds) != 7)
            throw Error(path, "line " + std::to_string(number) + " is not an epoch record: '" + line + "'");
        history.push_back(r);
    }
    return history;
}

TrainLog::TrainLog(const std::string& path) : out_(path, std::ios::app)
{
    if (!out_)
        throw Error(path, "cannot open the training log for writing");
}

void TrainLog::line(const std::string& text)
{
    if (!out_.is_open())
        return;
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    localtime_r(&now, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &tm);
    out_ << stamp << "  " << text << '\n';
    out_.flush();
}

} // namespace kg
