#pragma once
// Public (plain C++): the image libraries this build decodes with, for the CLI `info` and
// the About dialog.
#include <string>

namespace kg {

struct ImagingLibraries {
    std::string opencv;  ///< OpenCV (PNG, JPEG, TIFF, resizing)
    std::string gdcm;    ///< GDCM (DICOM pixel data, compressed transfer syntaxes)
    std::string dcmtk;   ///< DCMTK (DICOM header checks and writing)
};

ImagingLibraries imagingLibraries();

} // namespace kg
