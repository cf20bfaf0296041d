#include "Args.h"
#include "Commands.h"

#include "core/data/DatasetReport.h"
#include "core/data/DatasetScan.h"

#include <nlohmann/json.hpp>

#include <ostream>

namespace kgcli {

int runDataset(const Argv& argv, std::ostream& out, std::ostream& err)
{
    Args args(argv, {"seed", "val-fraction", "threads", "max-listed"}, {"help", "json", "no-decode", "no-duplicates"});
    if (args.flag("help")) {
        out << "usage: kneegrade-cli dataset DIR [--seed S] [--val-fraction F] [--json] [--no-decode]\n"
               "                                 [--no-duplicates] [--threads N] [--max-listed N]\n\n"
               "Scans DIR (train/ val/ test/ [auto_test/], one folder per grade 0..4) and reports counts per split\n"
               "and grade, imbalance, unreadable files, identical images across splits, patients in more than one\n"
               "split, image sizes and bit depths. Without val/, a seeded split of train grouped by patient is used.\n\n"
               "  --seed S           seed of the val split taken from train (default 42)\n"
               "  --val-fraction F   share of train held out when there is no val/ (default 0.125)\n"
               "  --json             print the report as JSON\n"
               "  --no-decode        do not decode images (faster; no unreadable-file, size or bit-depth check)\n"
               "  --no-duplicates    do not hash files for identical images\n"
               "  --threads N        decoding threads (default: one per core)\n"
               "  --max-listed N     entries per problem list in the text report (default 20)\n\n"
               "Exit status: 0 when a report was printed (even if it lists bad files), 1 when DIR is not a\n"
               "dataset, 2 on a usage error.\n";
        return 0;
    }
    if (args.positionals().size() != 1)
        throw UsageError("expects exactly one dataset folder (see --help)");

    kg::ScanOptions scan;
    if (const auto seed = args.value("seed")) {
        try {
            size_t used = 0;
            scan.seed = std::stoull(*seed, &used);
            if (used != seed->size())
                throw std::invalid_argument("trailing characters");
        } catch (const std::exception&) {
            throw UsageError("--seed expects a non-negative whole number, got '" + *seed + "'");
        }
    }
    scan.valFraction = args.doubleValue("val-fraction", scan.valFraction);
    if (!(scan.valFraction >= 0.0 && scan.valFraction < 1.0))
        throw UsageError("--val-fraction must be in [0, 1)");
    kg::ReportOptions options;
    options.decodeImages = !args.flag("no-decode");
    options.findDuplicates = !args.flag("no-duplicates");
    options.threads = args.intValue("threads", 0);
    const int maxListed = args.intValue("max-listed", 20);

    const kg::DatasetSplits splits = kg::scanDataset(args.positionals()[0], scan);  // kg::Error → exit 1
    const kg::DatasetReport report = kg::buildDatasetReport(splits, options);
    if (args.flag("json"))
        out << nlohmann::json(report).dump(2) << "\n";
    else
        out << report.toText(maxListed);
    (void)err;
    return 0;
}

} // namespace kgcli
