#pragma once
#include <string>

namespace kg {

/// Where tensors live. Auto picks CUDA when a GPU is usable, else the CPU.
enum class DevicePreference { Auto, Cpu, Cuda };

std::string toString(DevicePreference preference);
/// Parses "auto" | "cpu" | "cuda"; throws kg::Error naming the bad value.
DevicePreference parseDevicePreference(const std::string& text);

struct RuntimeOptions {
    int threads = 0;                                    ///< intra-op CPU threads; 0 = every core
    DevicePreference device = DevicePreference::Auto;   ///< where models run
};

/// What the engine will run on, for the CLI `info`, the About dialog and report audits.
struct RuntimeInfo {
    std::string kneegradeVersion;
    std::string torchVersion;
    std::string deviceName;     ///< "CPU (2 cores)" or the GPU's name
    bool cudaAvailable = false;
    int cudaDeviceCount = 0;
    int threads = 0;            ///< intra-op threads now in use
    std::string blas;           ///< BLAS library the process loaded, e.g. "OpenBLAS (pthread)"
    bool channelsLast = false;  ///< CPU convolutions use the channels-last layout
};

/// Applies `options` to the process (thread count) once, before any model runs. LibTorch
/// starts with one thread on Debian; this is what makes training use every core.
/// Not thread-safe: call it from main() before starting workers.
RuntimeInfo configureRuntime(const RuntimeOptions& options = {});

/// Describes the current runtime without changing it.
RuntimeInfo describeRuntime(DevicePreference device = DevicePreference::Auto);

/// True when `preference` resolves to a CUDA device on this machine.
bool resolvesToCuda(DevicePreference preference);

} // namespace kg
