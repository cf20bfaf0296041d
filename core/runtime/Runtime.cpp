#include "core/runtime/Runtime.h"

#include "core/util/Error.h"
#include "core/util/TorchCompat.h"


#include <fstream>
#include <thread>

namespace kg {
namespace {

// The BLAS that actually got loaded decides whether a matrix product runs at 3 or
// 200 GFLOP/s here (netlib reference vs OpenBLAS), so report it from the process map.
std::string loadedBlas()
{
    std::ifstream maps("/proc/self/maps");
    std::string line;
    std::string found;
    while (std::getline(maps, line)) {
        if (line.find("libopenblas") != std::string::npos) {
            if (line.find("pthread") != std::string::npos)
                return "OpenBLAS (pthread)";
            if (line.find("openmp") != std::string::npos)
                return "OpenBLAS (OpenMP)";
            found = "OpenBLAS";
        } else if (line.find("libmkl") != std::string::npos) {
            return "Intel MKL";
        } else if (found.empty() && line.find("libblas.so") != std::string::npos) {
            found = "reference BLAS (slow: install libopenblas0-pthread)";
        }
    }
    return found.empty() ? "built into LibTorch" : found;
}

} // namespace

std::string toString(DevicePreference preference)
{
    switch (preference) {
    case DevicePreference::Cpu: return "cpu";
    case DevicePreference::Cuda: return "cuda";
    case DevicePreference::Auto: break;
    }
    return "auto";
}

DevicePreference parseDevicePreference(const std::string& text)
{
    if (text == "auto") return DevicePreference::Auto;
    if (text == "cpu") return DevicePreference::Cpu;
    if (text == "cuda" || text == "gpu") return DevicePreference::Cuda;
    throw Error("unknown device '" + text + "': use auto, cpu or cuda");
}

bool resolvesToCuda(DevicePreference preference)
{
    if (preference == DevicePreference::Cpu)
        return false;
    const bool available = torch::cuda::is_available();
    if (preference == DevicePreference::Cuda && !available)
        throw Error("CUDA was requested but no usable GPU is present; use --device cpu or auto");
    return available;
}

RuntimeInfo configureRuntime(const RuntimeOptions& options)
{
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const int threads = options.threads > 0 ? options.threads : cores;
    if (torch::get_num_threads() != threads)
        torch::set_num_threads(threads);
    return describeRuntime(options.device);
}

RuntimeInfo describeRuntime(DevicePreference device)
{
    RuntimeInfo info;
    info.kneegradeVersion = KNEEGRADE_VERSION;
    info.torchVersion = compat::torchVersion();
    info.cudaAvailable = torch::cuda::is_available();
    info.cudaDeviceCount = info.cudaAvailable ? static_cast<int>(torch::cuda::device_count()) : 0;
    info.threads = torch::get_num_threads();
    info.blas = loadedBlas();
    const bool cuda = device != DevicePreference::Cpu && info.cudaAvailable;
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    info.deviceName = cuda ? "CUDA GPU (" + std::to_string(info.cudaDeviceCount) + " device(s))"
                           : "CPU (" + std::to_string(cores) + " cores)";
    info.channelsLast = !cuda;
    return info;
}

} // namespace kg
