#include "core/imaging/DicomWrite.h"

#include "core/util/Error.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <vector>

namespace kg {

void writeDicomImage(const std::string& path, const cv::Mat& image, const DicomWriteOptions& options)
{
    if (image.empty() || image.channels() != 1 || (image.depth() != CV_8U && image.depth() != CV_16U))
        throw Error(path, "cannot write DICOM: expected an 8- or 16-bit gray image");
    const bool wide = image.depth() == CV_16U;
    const int frames = std::max(1, options.numberOfFrames);
    DcmFileFormat file;
    DcmDataset& ds = *file.getDataset();
    char uid[100];
    ds.putAndInsertString(DCM_SOPClassUID, UID_DigitalXRayImageStorageForPresentation);
    ds.putAndInsertString(DCM_SOPInstanceUID, dcmGenerateUniqueIdentifier(uid, SITE_INSTANCE_UID_ROOT));
    ds.putAndInsertString(DCM_StudyInstanceUID, dcmGenerateUniqueIdentifier(uid, SITE_STUDY_UID_ROOT));
    ds.putAndInsertString(DCM_SeriesInstanceUID, dcmGenerateUniqueIdentifier(uid, SITE_SERIES_UID_ROOT));
    ds.putAndInsertString(DCM_Modality, options.modality.c_str());
    ds.putAndInsertString(DCM_PatientName, "PHANTOM^SYNTHETIC");
    ds.putAndInsertString(DCM_PatientID, "SYNTH");
    if (!options.bodyPart.empty())
        ds.putAndInsertString(DCM_BodyPartExamined, options.bodyPart.c_str());
    if (!options.viewPosition.empty())
        ds.putAndInsertString(DCM_ViewPosition, options.viewPosition.c_str());
    if (!options.laterality.empty())
        ds.putAndInsertString(DCM_ImageLaterality, options.laterality.c_str());
    if (!options.patientOrientation.empty())
        ds.putAndInsertString(DCM_PatientOrientation, options.patientOrientation.c_str());
    if (options.pixelSpacingMm > 0) {
        const std::string spacing = std::to_string(options.pixelSpacingMm) + "\\" + std::to_string(options.pixelSpacingMm);
        ds.putAndInsertString(DCM_PixelSpacing, spacing.c_str());
        ds.putAndInsertString(DCM_ImagerPixelSpacing, spacing.c_str());
    }
    ds.putAndInsertString(DCM_PresentationIntentType, "FOR PRESENTATION");
    ds.putAndInsertUint16(DCM_SamplesPerPixel, 1);
    ds.putAndInsertString(DCM_PhotometricInterpretation, options.monochrome1 ? "MONOCHROME1" : "MONOCHROME2");
    ds.putAndInsertUint16(DCM_Rows, Uint16(image.rows));
    ds.putAndInsertUint16(DCM_Columns, Uint16(image.cols));
    const int bitsStored = wide ? options.bitsStored : 8;
    ds.putAndInsertUint16(DCM_BitsAllocated, wide ? 16 : 8);
    ds.putAndInsertUint16(DCM_BitsStored, Uint16(bitsStored));
    ds.putAndInsertUint16(DCM_HighBit, Uint16(bitsStored - 1));
    ds.putAndInsertUint16(DCM_PixelRepresentation, 0);
    if (frames > 1)
        ds.putAndInsertString(DCM_NumberOfFrames, std::to_string(frames).c_str());

    const cv::Mat continuous = image.isContinuous() ? image : image.clone();
    const std::size_t frameBytes = continuous.total() * continuous.elemSize();
    std::vector<std::uint8_t> pixels(frameBytes * std::size_t(frames));
    for (int f = 0; f < frames; ++f)
        std::copy(continuous.data, continuous.data + frameBytes, pixels.begin() + std::ptrdiff_t(frameBytes) * f);
    if (options.monochrome1) {
        const int top = (1 << bitsStored) - 1;
        if (wide)
            for (std::size_t i = 0; i < pixels.size() / 2; ++i) {
                auto* v = reinterpret_cast<std::uint16_t*>(pixels.data()) + i;
                *v = std::uint16_t(top - std::min<int>(*v, top));
            }
        else
            for (auto& v : pixels)
                v = std::uint8_t(255 - v);
    }
    const OFCondition put = wide ? ds.putAndInsertUint16Array(DCM_PixelData, reinterpret_cast<const Uint16*>(pixels.data()),
                                                              static_cast<unsigned long>(pixels.size() / 2))
                                 : ds.putAndInsertUint8Array(DCM_PixelData, pixels.data(), static_cast<unsigned long>(pixels.size()));
    const OFCondition saved = put.good() ? file.saveFile(path.c_str(), EXS_LittleEndianExplicit) : put;
    if (saved.bad())
        throw Error(path, std::string("cannot write DICOM: ") + saved.text());
}

} // namespace kg
