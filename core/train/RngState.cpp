#include "core/train/RngState.h"

#include "core/util/TorchInclude.h"

#include <cstdint>
#include <cstring>
#include <mutex>

namespace kg {

std::string cpuRngState()
{
    auto generator = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(generator.mutex());
    const torch::Tensor state = generator.get_state().contiguous();
    return {reinterpret_cast<const char*>(state.data_ptr<std::uint8_t>()), static_cast<size_t>(state.numel())};
}

void setCpuRngState(const std::string& bytes)
{
    auto generator = at::detail::getDefaultCPUGenerator();
    torch::Tensor state = torch::empty({static_cast<std::int64_t>(bytes.size())}, torch::kUInt8);
    std::memcpy(state.data_ptr<std::uint8_t>(), bytes.data(), bytes.size());
    std::lock_guard<std::mutex> lock(generator.mutex());
    generator.set_state(state);
}

} // namespace kg
