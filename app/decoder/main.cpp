// kneegrade-decoder: the isolated decoding helper. KneeGrade starts a few of these and sends
// them untrusted files (DICOM, TIFF) over a socket, so a decoder that aborts or hangs on a
// malformed file takes down this helper only. Not meant to be started by hand.
#include "core/imaging/DecoderPool.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

int main(int argc, char** argv)
{
    int fd = -1;
    for (int i = 1; i < argc; ++i)
        if (std::strncmp(argv[i], "--fd=", 5) == 0)
            fd = std::atoi(argv[i] + 5);
    if (fd < 0) {
        std::fprintf(stderr, "kneegrade-decoder: KneeGrade's isolated image decoder; it is started by KneeGrade "
                             "(usage: kneegrade-decoder --fd=N)\n");
        return 2;
    }
    return kg::runDecoderHelper(fd);
}
