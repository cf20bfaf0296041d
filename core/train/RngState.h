#pragma once
// Internal (trainer; the header is torch-free): the default CPU generator's state as bytes,
// for the checkpoint blob "rng_cpu": a resumed run continues the stream an uninterrupted one
// would have drawn from.
#include <string>

namespace kg {

std::string cpuRngState();
void setCpuRngState(const std::string& bytes);

} // namespace kg
