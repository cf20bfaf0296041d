#pragma once
// Internal (torch): the .kgloc weights file of the knee localiser.
//
// Layout (little-endian):
//   magic "KNEEGRADE-KGLOC\n" | u32 format version
//   u64 length | JSON {"network": LocaliserNetConfig, "training": …, "kneegrade_version": …}
//   u32 tensor count | per tensor: u32 length, name | u32 rank, i64 dims… | u64 bytes, float32 data
//   u32 CRC-32 of everything before it | "KGEND\0\0\0"
// No time stamp: the same training run writes the same bytes. Loading checks everything it
// reads (sizes, checksum, names and shapes against the network the JSON describes) and
// throws kg::Error naming the file, never a LibTorch error.
#include "core/locate/detail/LocaliserNet.h"

#include <nlohmann/json.hpp>

#include <string>

namespace kg::locate {

/// Writes `net` atomically to `path`; `meta` is stored under "training" (any JSON).
void saveLocaliserFile(const std::string& path, LocaliserNetImpl& net, const nlohmann::json& meta);

struct LoadedLocaliser {
    LocaliserNet net{nullptr};   ///< in eval mode, on the CPU
    nlohmann::json meta;         ///< what was stored under "training"
};

/// Reads a file saveLocaliserFile wrote. Throws kg::Error naming the file for anything else
/// (missing, a folder, a foreign file, truncated, damaged, tensors that do not fit).
LoadedLocaliser loadLocaliserFile(const std::string& path);

} // namespace kg::locate
