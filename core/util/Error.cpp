#include "core/util/Error.h"

namespace kg {

std::string describeError(const std::exception& error)
{
    // LibTorch's c10::Error appends the C++ backtrace after this line; the user needs the
    // message only. Matched on the text so that kneegrade::util does not link torch.
    std::string text = error.what();
    const auto backtrace = text.find("\nException raised from ");
    if (backtrace != std::string::npos)
        text.erase(backtrace);
    return text;
}

} // namespace kg
