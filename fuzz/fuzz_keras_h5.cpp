// libFuzzer target: the Keras .h5 weight reader (kg::importKerasWeights) on any bytes, into
// one small ResNetV2 built once (resnetv2:1,1,1,1:4 with a 16-unit head: the seeds that
// scripts/make-fuzz-corpus.sh writes fit it, so valid files reach the tensor reads). HDF5
// reads from a path, so each input is written to a scratch file on tmpfs.
#include "FuzzSupport.h"

#include "core/model/KerasWeights.h"
#include "core/model/Model.h"

#include <cstddef>
#include <cstdint>

namespace {

kg::Model& model()
{
    static kg::Model instance = [] {
        kg::ModelOptions options;
        options.backbone = kg::parseArchitecture("resnetv2:1,1,1,1:4");
        options.head.hiddenUnits = {16};
        return kg::Model(options);
    }();
    return instance;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static kgfuzz::ScratchFile scratch(".h5");
    const std::string& path = scratch.write(data, size);
    kg::Model& net = model();
    kgfuzz::expectResultOrError("importKerasWeights", [&] {
        kg::KerasImportOptions strict;
        (void)kg::importKerasWeights(net, path, strict);
    });
    kgfuzz::expectResultOrError("importKerasWeights (lenient)", [&] {
        kg::KerasImportOptions lenient;
        lenient.allowMissingLayers = true;
        lenient.allowUnusedLayers = true;
        lenient.recogniseOfficial = false;
        (void)kg::importKerasWeights(net, path, lenient);
    });
    return 0;
}
