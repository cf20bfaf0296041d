#include "Args.h"
#include "Commands.h"

#include "core/imaging/DecodeIsolation.h"
#include "core/imaging/LibraryVersions.h"
#include "core/model/Checkpoint.h"
#include "core/model/KerasWeights.h"
#include "core/model/Model.h"
#include "core/runtime/Runtime.h"

#include <iomanip>
#include <ostream>
#include <sstream>

namespace kgcli {

int runInfo(const Argv& argv, std::ostream& out, std::ostream& err)
{
    Args args(argv, {"arch", "weights", "checkpoint", "image-size", "pooling"}, {"help", "no-head", "top", "partial"});
    if (args.flag("help")) {
        out << "usage: kneegrade-cli info [--arch resnet152v2] [--image-size 224] [--pooling avg|max|none]\n"
               "                          [--no-head] [--top] [--weights FILE.h5 [--partial]] [--checkpoint FILE]\n"
               "  --weights FILE.h5   import Keras weights (e.g. resnet152v2_weights_tf_dim_ordering_tf_kernels_notop.h5)\n"
               "                      by layer name and print the import report\n"
               "  --partial           with --weights: accept files that lack model layers or hold extra ones\n";
        return 0;
    }
    const kg::RuntimeInfo runtime = kg::configureRuntime({});
    kg::ModelOptions options;
    options.backbone = kg::parseArchitecture(args.value("arch", "resnet152v2"));
    options.backbone.pooling = kg::parsePooling(args.value("pooling", "avg"));
    options.backbone.imagenetTop = args.flag("top");
    options.head.enabled = !args.flag("no-head") && !args.flag("top");
    int imageSize = args.intValue("image-size", 224);
    std::string checkpointReport;
    kg::Model model = [&] {
        const auto checkpoint = args.value("checkpoint");
        if (!checkpoint)
            return kg::Model(options);
        // The checkpoint alone defines the network: its architecture overrides --arch.
        kg::LoadedCheckpoint loaded = kg::loadCheckpoint(*checkpoint);
        options = loaded.meta.model;
        if (!args.has("image-size"))
            imageSize = loaded.meta.preprocessing.imageSize;
        std::ostringstream text;
        text << "checkpoint: " << *checkpoint << "\n"
             << "  created: " << loaded.meta.createdUtc << " by KneeGrade " << loaded.meta.appVersion << "\n"
             << "  image size: " << loaded.meta.preprocessing.imageSize << " · temperature: " << loaded.meta.temperature
             << "\n  classes:";
        for (const auto& name : loaded.meta.classNames)
            text << " " << name;
        text << "\n  weights SHA-256: " << loaded.weightsSha256 << "\n";
        if (!loaded.meta.datasetManifestHash.empty())
            text << "  dataset manifest SHA-256: " << loaded.meta.datasetManifestHash << "\n";
        if (loaded.meta.state.hasRun())
            text << "  state: " << nlohmann::json(loaded.meta.state).dump() << "\n";
        checkpointReport = text.str();
        return std::move(loaded.model);
    }();
    std::string weightsReport;
    if (const auto weights = args.value("weights")) {
        kg::KerasImportOptions importOptions;
        importOptions.allowMissingLayers = args.flag("partial");
        importOptions.allowUnusedLayers = args.flag("partial");
        weightsReport = kg::describe(kg::importKerasWeights(model, *weights, importOptions));
    }

    out << "KneeGrade " << runtime.kneegradeVersion << " · LibTorch " << runtime.torchVersion << " · OpenCV "
        << kg::imagingLibraries().opencv << "\n"
        << "device: " << runtime.deviceName << " · threads: " << runtime.threads << " · BLAS: " << runtime.blas << "\n";
    const std::string decoder = kg::decoderHelperPath();
    out << "isolated decoder (DICOM, TIFF): " << (decoder.empty() ? "NOT FOUND: DICOM and TIFF files will be refused" : decoder)
        << "\n\n";
    out << "architecture: " << kg::architectureName(options.backbone) << "\n";
    out << std::left << std::setw(16) << "layer" << std::setw(26) << "type" << std::setw(18) << "output" << std::right
        << std::setw(12) << "params" << "\n";
    for (const auto& row : model.summary(imageSize)) {
        std::string shape;
        for (size_t i = 0; i < row.outputShape.size(); ++i)
            shape += (i ? "×" : "") + std::to_string(row.outputShape[i]);
        out << std::left << std::setw(16) << row.name << std::setw(26) << row.kind << std::setw(18) << shape << std::right
            << std::setw(12) << row.parameters << "\n";
    }
    const auto counts = model.parameterCounts();
    const auto shape = model.featureMapShape(imageSize);
    out << "\npost_relu output: " << shape[0] << "×" << shape[1] << "×" << shape[2] << " for " << imageSize << "×"
        << imageSize << " input\n"
        << "weighted layers: " << model.weightedLayerCount() << "\n"
        << "total params: " << counts.total() << "\n"
        << "trainable params: " << counts.trainable << " (backbone " << counts.backboneTrainable << ", head "
        << counts.headTrainable << ")\n"
        << "BN moving statistics (non-trainable): " << counts.bnStatistics << "\n";
    if (!checkpointReport.empty())
        out << "\n" << checkpointReport;
    if (!weightsReport.empty())
        out << "\n" << weightsReport;
    return 0;
}

} // namespace kgcli
