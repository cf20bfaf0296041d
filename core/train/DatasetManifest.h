#pragma once
// Public (plain C++): a fingerprint of the files a run trained on, stored in every
// checkpoint and in options.json, so a report can say which data produced a model and a
// resumed run can refuse a dataset that changed under it.
#include "core/data/Dataset.h"

#include <string>
#include <vector>

namespace kg {

/// One line per item of every split: "split/grade/path-relative-to-root<TAB>bytes", sorted.
/// A file that cannot be read counts as size -1.
std::vector<std::string> datasetManifestLines(const DatasetSplits& splits);

/// SHA-256 (lower-case hex) over the manifest lines, each followed by '\n'.
std::string datasetManifestHash(const DatasetSplits& splits);

} // namespace kg
