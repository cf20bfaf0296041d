// libFuzzer target: the checkpoint reader (kg::readCheckpointMeta, then kg::loadCheckpoint)
// on any bytes. The readers take a path, so each input is written to a scratch file on tmpfs.
// A checkpoint names its own architecture: an input can ask for any ResNetV2, which is then
// built (that is what the real reader does).
#include "FuzzSupport.h"

#include "core/model/Checkpoint.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static kgfuzz::ScratchFile scratch(".kgckpt");
    const std::string& path = scratch.write(data, size);
    kgfuzz::expectResultOrError("readCheckpointMeta", [&] { (void)kg::readCheckpointMeta(path); });
    kgfuzz::expectResultOrError("loadCheckpoint", [&] {
        const kg::LoadedCheckpoint loaded = kg::loadCheckpoint(path);
        (void)loaded.model.parameterCounts();
    });
    return 0;
}
