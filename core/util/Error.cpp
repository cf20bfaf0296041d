#include "core/util/Error.h"

#include "core/util/TorchInclude.h"

namespace kg {

std::string describeError(const std::exception& error)
{
    if (const auto* torchError = dynamic_cast<const c10::Error*>(&error))
        return torchError->what_without_backtrace();
    return error.what();
}

} // namespace kg
