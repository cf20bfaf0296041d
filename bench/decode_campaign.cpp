// Reliability campaign for the decoders: mutated copies of the given files (cuts at many
// offsets, random byte flips in the header and in the data, fixed seed) decoded through
// loadRadiograph() as the application does, in isolated helpers. Counts how each ends:
// decoded, refused with an error, helper crashed (caught), helper timed out (caught). Files
// whose helper crashed are kept in --keep DIR for regression tests.
//   decode_campaign [--cuts N] [--flips N] [--seed S] [--keep DIR] [--verbose] file...
// The files themselves are decoded too (as given).
#include "core/imaging/DecodeIsolation.h"
#include "core/imaging/Radiograph.h"
#include "core/util/Error.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <unistd.h>

namespace fs = std::filesystem;

namespace {

std::vector<char> readBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const std::string& path, const std::vector<char>& bytes)
{
    std::ofstream(path, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
}

/// The error's kind: its first words after the file name, without numbers.
std::string kindOf(const std::string& message)
{
    std::string problem = message.substr(message.find("': ") == std::string::npos ? 0 : message.find("': ") + 3);
    const auto stop = problem.find_first_of(":(0123456789;");
    return problem.substr(0, std::min<std::size_t>(stop, 60));
}

struct Tally {
    int decoded = 0, refused = 0, crashed = 0, timedOut = 0;
    std::map<std::string, int> kinds;
};

} // namespace

int main(int argc, char** argv)
{
    int cuts = 120, flips = 120;
    unsigned seed = 1;
    std::string keep;
    bool verbose = false;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--cuts" && i + 1 < argc)
            cuts = std::atoi(argv[++i]);
        else if (arg == "--flips" && i + 1 < argc)
            flips = std::atoi(argv[++i]);
        else if (arg == "--seed" && i + 1 < argc)
            seed = unsigned(std::atoi(argv[++i]));
        else if (arg == "--verbose")
            verbose = true;
        else if (arg == "--keep" && i + 1 < argc)
            keep = argv[++i];
        else
            files.push_back(arg);
    }
    const fs::path work = fs::temp_directory_path() / ("kg-campaign-" + std::to_string(::getpid()));
    fs::create_directories(work);
    if (!keep.empty())
        fs::create_directories(keep);
    kg::RadiographLoadOptions options;
    options.limits.timeoutSeconds = 20;
    Tally total;
    std::mt19937 random(seed);
    for (const std::string& file : files) {
        const std::vector<char> original = readBytes(file);
        const std::string stem = fs::path(file).stem().string(), extension = fs::path(file).extension().string();
        std::vector<std::pair<std::string, std::vector<char>>> mutants{{"asis", original}};
        // Cuts: every 4th byte of the first 1 KiB (preamble, file meta, first elements), then
        // evenly over the rest.
        for (int c = 0; c < cuts; ++c) {
            const std::size_t at = c < cuts / 2 ? std::size_t(c) * 1024 / std::size_t(cuts / 2)
                                                : original.size() * std::size_t(c - cuts / 2) / std::size_t(cuts - cuts / 2);
            mutants.emplace_back("cut" + std::to_string(at), std::vector<char>(original.begin(), original.begin() + std::ptrdiff_t(at)));
        }
        for (int f = 0; f < flips; ++f) {
            std::vector<char> bytes = original;
            const int count = 1 + int(random() % 10);
            const std::size_t span = f % 2 ? bytes.size() : std::min<std::size_t>(bytes.size(), 4096);
            for (int k = 0; k < count; ++k)
                bytes[random() % span] ^= char(1 + random() % 255);
            mutants.emplace_back("flip" + std::to_string(f), std::move(bytes));
        }
        Tally tally;
        for (auto& [name, bytes] : mutants) {
            const std::string path = (work / (stem + "-" + name + extension)).string();
            writeBytes(path, bytes);
            try {
                kg::loadRadiograph(path, options);
                ++tally.decoded;
            } catch (const kg::Error& e) {
                const std::string message = e.what();
                if (verbose)
                    std::printf("%s\n", message.c_str());
                if (message.find("crashed on this file") != std::string::npos) {
                    ++tally.crashed;
                    const auto signal = message.find("(signal");
                    ++tally.kinds["helper crashed " + message.substr(signal, message.find(')', signal) - signal + 1)];
                    if (!keep.empty())
                        fs::copy_file(path, fs::path(keep) / fs::path(path).filename(), fs::copy_options::overwrite_existing);
                } else if (message.find("did not finish within") != std::string::npos) {
                    ++tally.timedOut;
                } else {
                    ++tally.refused;
                    ++tally.kinds[kindOf(message)];
                }
            }
            fs::remove(path);
        }
        std::printf("%-22s %4zu mutants: %4d decoded, %4d refused, %3d helper crashes caught, %d timeouts\n",
                    fs::path(file).filename().c_str(), mutants.size(), tally.decoded, tally.refused, tally.crashed,
                    tally.timedOut);
        total.decoded += tally.decoded, total.refused += tally.refused, total.crashed += tally.crashed,
            total.timedOut += tally.timedOut;
        for (const auto& [kind, count] : tally.kinds)
            total.kinds[kind] += count;
    }
    std::printf("total: %d decoded, %d refused, %d helper crashes caught, %d timeouts; the process never died\n",
                total.decoded, total.refused, total.crashed, total.timedOut);
    for (const auto& [kind, count] : total.kinds)
        std::printf("  %5d  %s\n", count, kind.c_str());
    const kg::DecoderPoolStats stats = kg::decoderPoolStats();
    std::printf("helpers started: %llu for %llu files\n", static_cast<unsigned long long>(stats.helpersStarted),
                static_cast<unsigned long long>(stats.requests));
    fs::remove_all(work);
    return 0;
}
