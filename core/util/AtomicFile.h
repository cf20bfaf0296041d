#pragma once
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace kg {

/// Writes `path` so that readers see either the old file or the complete new one, never
/// a partial write: the content goes to a temporary file in the same folder, is flushed
/// to disk (fsync), then renamed over `path`. Throws kg::Error naming the file on failure
/// and leaves no temporary file behind.
void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write);
void writeFileAtomically(const std::string& path, std::string_view content);

/// Removes what interrupted writeFileAtomically(path) calls left behind (a process killed
/// mid-write cannot clean up): the regular files beside `path` named "." + its file name +
/// ".tmp-" + digits, and nothing else. Returns the paths it removed. Never throws; call it
/// only when no other process can be writing `path`.
std::vector<std::string> removeStaleTemporaryFiles(const std::string& path);

} // namespace kg
