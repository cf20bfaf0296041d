#pragma once
#include <string>

namespace kg {

/// The current UTC time as ISO 8601 ("2026-11-26T03:17:52Z"), for checkpoints and audits.
std::string utcTimestamp();

} // namespace kg
