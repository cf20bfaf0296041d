#include "core/imaging/Radiograph.h"

#include "core/imaging/RadiographDecode.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <cstring>

namespace kg {

Radiograph loadRadiograph(const std::string& path, const RadiographLoadOptions& options)
{
    const std::vector<std::uint8_t> bytes = readRadiographFile(path, options.limits.maxFileBytes);
    const DecodeOutput outputs = options.keepFullDepth ? DecodeOutput::EightBitAndFullDepth : DecodeOutput::EightBit;
    DecodedRadiograph decoded = decodeRadiographBuffer(path, bytes.data(), bytes.size(), outputs, options);
    const cv::Mat& image = decoded.eightBit;

    Radiograph radiograph;
    radiograph.width = image.cols;
    radiograph.height = image.rows;
    radiograph.channels = image.channels();
    radiograph.stride = (image.cols * image.channels() + 3) / 4 * 4;
    radiograph.nativeBitDepth = decoded.info.bitsAllocated;
    radiograph.pixels.assign(std::size_t(radiograph.stride) * std::size_t(image.rows), 0);
    for (int y = 0; y < image.rows; ++y) {
        const std::uint8_t* in = image.ptr<std::uint8_t>(y);
        std::uint8_t* out = radiograph.pixels.data() + std::size_t(y) * std::size_t(radiograph.stride);
        if (radiograph.channels == 1) {
            std::memcpy(out, in, std::size_t(image.cols));
        } else {
            for (int x = 0; x < image.cols; ++x) {  // OpenCV's BGR → RGB
                out[3 * x + 0] = in[3 * x + 2];
                out[3 * x + 1] = in[3 * x + 1];
                out[3 * x + 2] = in[3 * x + 0];
            }
        }
    }
    radiograph.info = std::move(decoded.info);
    radiograph.fullDepth = std::move(decoded.fullDepth);
    return radiograph;
}

RadiographInfo inspectRadiograph(const std::string& path, const RadiographLoadOptions& options)
{
    const std::vector<std::uint8_t> bytes = readRadiographFile(path, options.limits.maxFileBytes);
    return decodeRadiographBuffer(path, bytes.data(), bytes.size(), DecodeOutput::Native, options).info;
}

std::string bodyPartWarning(const RadiographInfo& info)
{
    std::string part;
    for (char c : info.bodyPart)
        if (c != ' ' && c != '_' && c != '-')
            part += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    // DICOM PS3.16 CID 4031 terms (and common free-text variants) that include the knee.
    static const char* const kKneeLike[] = {"KNEE", "LEG", "LOWERLEG", "LOWERLIMB", "EXTREMITY", "LOWEREXTREMITY",
                                            "LEXTREMITY", "FEMUR", "TIBIA", "PATELLA", "THIGH"};
    if (part.empty())
        return {};
    for (const char* term : kKneeLike)
        if (part == term)
            return {};
    return "The file says it shows the " + info.bodyPart +
           " (DICOM Body Part Examined), not a knee: a Kellgren–Lawrence grade of this image means nothing.";
}

std::string modalityRefusal(const RadiographInfo& info)
{
    struct Named {
        const char* code;
        const char* words;
    };
    // DICOM PS3.3 C.7.3.1.1.1 defined terms that are not projection radiographs.
    static const Named kNotRadiographs[] = {
        {"CT", "a CT image"}, {"MR", "an MR image"}, {"US", "an ultrasound image"}, {"NM", "a nuclear-medicine image"},
        {"PT", "a PET image"}, {"RTDOSE", "an RT dose distribution"}, {"RTIMAGE", "an RT portal image"},
        {"RTSTRUCT", "an RT structure set"}, {"RTPLAN", "an RT plan"}, {"SEG", "a segmentation"},
        {"SR", "a structured report"}, {"MG", "a mammogram"}, {"IO", "an intra-oral dental radiograph"},
        {"PX", "a panoramic dental radiograph"}, {"OP", "an ophthalmic photograph"}, {"OPT", "an ophthalmic OCT"},
        {"XC", "an external-camera photograph"}, {"ES", "an endoscopy image"}, {"SM", "a slide-microscopy image"},
        {"ECG", "an ECG"}, {"PR", "a presentation state"}, {"KO", "a key-object note"}, {"DOC", "a document"}};
    for (const Named& named : kNotRadiographs)
        if (info.modality == named.code)
            return std::string("the file is ") + named.words + " (DICOM Modality " + named.code +
                   "), not a knee radiograph: KneeGrade does not grade it";
    return {};
}

std::string viewPositionWarning(const RadiographInfo& info)
{
    std::string view;
    for (char c : info.viewPosition)
        view += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (view.empty() || view == "AP" || view == "PA")
        return {};
    const bool lateral = view == "LAT" || view == "LL" || view == "RL" || view == "LLD" || view == "RLD";
    return std::string("the file says it is ") + (lateral ? "a lateral view" : "a " + info.viewPosition + " view") +
           " (DICOM View Position " + info.viewPosition +
           "): Kellgren–Lawrence grades are defined on AP/PA views, so this grade is unreliable";
}

void to_json(nlohmann::json& json, const PatientIdentity& identity)
{
    json = {{"name", identity.name},
            {"id", identity.id},
            {"otherIds", identity.otherIds},
            {"birthDate", identity.birthDate},
            {"sex", identity.sex},
            {"accessionNumber", identity.accessionNumber},
            {"studyDate", identity.studyDate},
            {"institution", identity.institution}};
}

void to_json(nlohmann::json& json, const RadiographInfo& info)
{
    json = {{"format", info.format},
            {"width", info.width},
            {"height", info.height},
            {"channels", info.channels},
            {"bitsAllocated", info.bitsAllocated},
            {"bitsStored", info.bitsStored},
            {"signed", info.isSigned},
            {"isDicom", info.isDicom},
            {"frames", info.frames},
            {"windowCenter", info.windowCenter},
            {"windowWidth", info.windowWidth},
            {"windowSource", info.windowSource},
            {"inverted", info.inverted},
            {"warnings", info.warnings}};
    if (info.isDicom) {
        json["modality"] = info.modality;
        json["bodyPart"] = info.bodyPart;
        json["laterality"] = info.laterality;
        json["viewPosition"] = info.viewPosition;
        json["patientOrientation"] = info.patientOrientation;
        json["photometric"] = info.photometric;
        json["transferSyntax"] = info.transferSyntax;
        json["transferSyntaxName"] = info.transferSyntaxName;
        json["lossyCompression"] = info.lossyCompression;
        json["rescaleSlope"] = info.rescaleSlope;
        json["rescaleIntercept"] = info.rescaleIntercept;
        json["modalityLut"] = info.modalityLut;
    }
    if (info.patient)
        json["patient"] = *info.patient;
}

void from_json(const nlohmann::json& json, PatientIdentity& identity)
{
    identity.name = json.value("name", "");
    identity.id = json.value("id", "");
    identity.otherIds = json.value("otherIds", "");
    identity.birthDate = json.value("birthDate", "");
    identity.sex = json.value("sex", "");
    identity.accessionNumber = json.value("accessionNumber", "");
    identity.studyDate = json.value("studyDate", "");
    identity.institution = json.value("institution", "");
}

void from_json(const nlohmann::json& json, RadiographInfo& info)
{
    const RadiographInfo none;
    info.format = json.value("format", none.format);
    info.width = json.value("width", none.width);
    info.height = json.value("height", none.height);
    info.channels = json.value("channels", none.channels);
    info.bitsAllocated = json.value("bitsAllocated", none.bitsAllocated);
    info.bitsStored = json.value("bitsStored", none.bitsStored);
    info.isSigned = json.value("signed", none.isSigned);
    info.isDicom = json.value("isDicom", none.isDicom);
    info.frames = json.value("frames", none.frames);
    info.windowCenter = json.value("windowCenter", none.windowCenter);
    info.windowWidth = json.value("windowWidth", none.windowWidth);
    info.windowSource = json.value("windowSource", none.windowSource);
    info.inverted = json.value("inverted", none.inverted);
    info.warnings = json.value("warnings", none.warnings);
    info.modality = json.value("modality", none.modality);
    info.bodyPart = json.value("bodyPart", none.bodyPart);
    info.laterality = json.value("laterality", none.laterality);
    info.viewPosition = json.value("viewPosition", none.viewPosition);
    info.patientOrientation = json.value("patientOrientation", none.patientOrientation);
    info.photometric = json.value("photometric", none.photometric);
    info.transferSyntax = json.value("transferSyntax", none.transferSyntax);
    info.transferSyntaxName = json.value("transferSyntaxName", none.transferSyntaxName);
    info.lossyCompression = json.value("lossyCompression", none.lossyCompression);
    info.rescaleSlope = json.value("rescaleSlope", none.rescaleSlope);
    info.rescaleIntercept = json.value("rescaleIntercept", none.rescaleIntercept);
    info.modalityLut = json.value("modalityLut", none.modalityLut);
    if (json.contains("patient"))
        info.patient = json.at("patient").get<PatientIdentity>();
}

void to_json(nlohmann::json& json, const DecodeLimits& limits)
{
    json = {{"maxPixels", limits.maxPixels},
            {"maxFrames", limits.maxFrames},
            {"memoryBudgetBytes", limits.memoryBudgetBytes},
            {"maxFileBytes", limits.maxFileBytes},
            {"timeoutSeconds", limits.timeoutSeconds}};
}

void from_json(const nlohmann::json& json, DecodeLimits& limits)
{
    const DecodeLimits defaults;
    limits.maxPixels = json.value("maxPixels", defaults.maxPixels);
    limits.maxFrames = json.value("maxFrames", defaults.maxFrames);
    limits.memoryBudgetBytes = json.value("memoryBudgetBytes", defaults.memoryBudgetBytes);
    limits.maxFileBytes = json.value("maxFileBytes", defaults.maxFileBytes);
    limits.timeoutSeconds = json.value("timeoutSeconds", defaults.timeoutSeconds);
}

void to_json(nlohmann::json& json, const RadiographLoadOptions& options)
{
    json = {{"includePatientIdentity", options.includePatientIdentity},
            {"keepFullDepth", options.keepFullDepth},
            {"limits", options.limits}};
}

void from_json(const nlohmann::json& json, RadiographLoadOptions& options)
{
    const RadiographLoadOptions defaults;
    options.includePatientIdentity = json.value("includePatientIdentity", defaults.includePatientIdentity);
    options.keepFullDepth = json.value("keepFullDepth", defaults.keepFullDepth);
    options.limits = json.value("limits", defaults.limits);
}

} // namespace kg
