// fuzz_write_seeds RADIOGRAPH_DIR CHECKPOINT_DIR: writes the OpenCV-made image seeds and the
// checkpoint seeds of SeedFiles.h (scripts/make-fuzz-corpus.sh calls it).
#include "SeedFiles.h"

#include "core/util/Error.h"

#include <cstdio>
#include <exception>
#include <fstream>

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s RADIOGRAPH_DIR CHECKPOINT_DIR\n", argv[0]);
        return 2;
    }
    try {
        int count = 0;
        for (const kgfuzz::SeedFile& seed : kgfuzz::rasterSeeds()) {
            std::ofstream out(std::string(argv[1]) + "/" + seed.name, std::ios::binary);
            out.write(reinterpret_cast<const char*>(seed.bytes.data()), std::streamsize(seed.bytes.size()));
            if (!out)
                throw kg::Error(seed.name, "cannot write the seed");
            ++count;
        }
        const auto checkpoints = kgfuzz::writeCheckpointSeeds(argv[2]);
        std::printf("fuzz_write_seeds: %d image seeds in %s, %zu checkpoints in %s\n", count, argv[1],
                    checkpoints.size(), argv[2]);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "fuzz_write_seeds: %s\n", e.what());
        return 1;
    }
    return 0;
}
