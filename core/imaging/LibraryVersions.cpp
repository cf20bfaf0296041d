#include "core/imaging/LibraryVersions.h"

#include <dcmtk/dcmdata/dcuid.h>
#include <gdcmVersion.h>
#include <opencv2/core/version.hpp>

namespace kg {

ImagingLibraries imagingLibraries()
{
    return {CV_VERSION, gdcm::Version::GetVersion(), OFFIS_DCMTK_VERSION_STRING};
}

} // namespace kg
