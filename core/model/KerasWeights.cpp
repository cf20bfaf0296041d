#include "core/model/KerasWeights.h"

#include "core/model/Hdf5File.h"
#include "core/model/ModelImpl.h"
#include "core/util/Error.h"
#include "core/util/Hash.h"
#include "core/util/RegularFile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <map>
#include <optional>
#include <regex>

namespace kg {
namespace {

using hdf5::Handle;
using hdf5::childNames;
using hdf5::datasetShape;
using hdf5::hasAttribute;
using hdf5::isGroup;
using hdf5::openGroup;
using hdf5::readScalarString;
using hdf5::readStrings;
using hdf5::withDetail;

/// Keras splits attributes larger than the HDF5 header limit into name0, name1, …
/// (load_attributes_from_hdf5_group). nullopt when neither form exists.
std::optional<std::vector<std::string>> readKerasList(const std::string& path, hid_t object, const std::string& name)
{
    if (hasAttribute(object, name))
        return readStrings(path, object, name);
    if (!hasAttribute(object, name + "0"))
        return std::nullopt;
    std::vector<std::string> all;
    for (int chunk = 0; hasAttribute(object, name + std::to_string(chunk)); ++chunk) {
        auto part = readStrings(path, object, name + std::to_string(chunk));
        all.insert(all.end(), part.begin(), part.end());
    }
    return all;
}

// ---------------------------------------------------------------------------------------
// What the file holds, by layer name.
// ---------------------------------------------------------------------------------------

struct FileWeight {
    std::string name;     // as the file spells it, for messages: "conv1_conv/kernel:0", "conv1_conv/vars/0"
    std::string key;      // "kernel", "bias", "gamma", …; the index ("0", "1") in Keras 3 files
    std::string dataset;  // absolute HDF5 path
    std::vector<int64_t> shape;
};

struct FileLayer {
    std::string name;
    std::vector<FileWeight> weights;
};

struct FileIndex {
    std::string layout;
    std::string kerasVersion;
    std::string backend;
    bool indexedWeights = false;  // Keras 3 .weights.h5: weights known by position within a layer
    std::vector<FileLayer> layers;
    std::map<std::string, size_t> byName;

    FileLayer& layer(const std::string& name)
    {
        auto [it, inserted] = byName.emplace(name, layers.size());
        if (inserted)
            layers.push_back({name, {}});
        return layers[it->second];
    }
    const FileLayer* find(const std::string& name) const
    {
        const auto it = byName.find(name);
        return it == byName.end() ? nullptr : &layers[it->second];
    }
};


/// "conv1_conv/kernel:0" → layer "conv1_conv", key "kernel". A nested model's group
/// ("resnet152v2") lists its layers' weights with their own layer names, so the owner is the
/// component before the weight's own name, falling back to the group's name.
std::pair<std::string, std::string> splitWeightName(const std::string& weightName, const std::string& groupName)
{
    std::vector<std::string> parts;
    size_t start = 0;
    for (size_t slash; (slash = weightName.find('/', start)) != std::string::npos; start = slash + 1)
        parts.push_back(weightName.substr(start, slash - start));
    parts.push_back(weightName.substr(start));
    std::string key = parts.back();
    if (const size_t colon = key.rfind(':'); colon != std::string::npos)
        key.resize(colon);  // TF variable suffix ":0"
    const std::string owner = parts.size() >= 2 && !parts[parts.size() - 2].empty() ? parts[parts.size() - 2] : groupName;
    return {owner, key};
}

void indexLegacy(const std::string& path, hid_t file, const std::string& root, FileIndex& index)
{
    Handle group = openGroup(file, root);
    if (!group.valid())
        throw Error(path, withDetail("cannot open the group " + root));
    const auto layerNames = readKerasList(path, group.get(), "layer_names");
    index.kerasVersion = readScalarString(path, group.get(), "keras_version");
    index.backend = readScalarString(path, group.get(), "backend");
    const std::string prefix = root == "/" ? "/" : root + "/";
    for (const auto& layerName : *layerNames) {
        if (!isGroup(group.get(), layerName))
            throw Error(path, "layer_names lists '" + layerName + "' but the file has no group for it: the file is damaged");
        Handle layerGroup = openGroup(group.get(), layerName);
        const auto weightNames = readKerasList(path, layerGroup.get(), "weight_names");
        if (!weightNames)
            throw Error(path, "the layer group '" + layerName + "' has no weight_names attribute: not a Keras weights file");
        for (const auto& weightName : *weightNames) {
            auto [owner, key] = splitWeightName(weightName, layerName);
            FileLayer& layer = index.layer(owner);
            for (const auto& existing : layer.weights)
                if (existing.key == key)
                    throw Error(path, "the file holds " + owner + "/" + key + " twice (" + existing.name + " and " +
                                          weightName + "); which one to load is ambiguous");
            FileWeight weight{weightName, key, prefix + layerName + "/" + weightName, {}};
            weight.shape = datasetShape(path, file, weight.dataset, weightName);
            layer.weights.push_back(std::move(weight));
        }
    }
}

/// Keras 3 saving_lib: <container>/layers/<layer name>/vars/<index>, recursing into nested models.
void indexKeras3(const std::string& path, hid_t file, const std::string& container, FileIndex& index)
{
    Handle layers = openGroup(file, container + "/layers");
    if (!layers.valid())
        return;
    for (const auto& name : childNames(layers.get())) {
        const std::string layerPath = container + "/layers/" + name;
        if (!isGroup(layers.get(), name))
            continue;
        Handle layerGroup = openGroup(layers.get(), name);
        if (isGroup(layerGroup.get(), "vars")) {
            Handle vars = openGroup(layerGroup.get(), "vars");
            std::vector<std::pair<long, std::string>> numbered;
            for (const auto& var : childNames(vars.get())) {
                char* end = nullptr;
                const long number = std::strtol(var.c_str(), &end, 10);
                if (end == var.c_str() || *end != '\0')
                    throw Error(path, layerPath + "/vars/" + var + " is not a numbered variable: not a Keras 3 weights file");
                numbered.emplace_back(number, var);
            }
            std::sort(numbered.begin(), numbered.end());
            if (!numbered.empty()) {
                if (index.find(name))
                    throw Error(path, "the file holds the layer '" + name + "' twice; which one to load is ambiguous");
                FileLayer& layer = index.layer(name);
                for (const auto& [number, var] : numbered) {
                    FileWeight weight{name + "/vars/" + var, std::to_string(number), layerPath + "/vars/" + var, {}};
                    weight.shape = datasetShape(path, file, weight.dataset, weight.name);
                    layer.weights.push_back(std::move(weight));
                }
            }
        }
        indexKeras3(path, file, layerPath, index);
    }
}

FileIndex indexFile(const std::string& path, hid_t file)
{
    FileIndex index;
    auto hasList = [&](hid_t object) { return hasAttribute(object, "layer_names") || hasAttribute(object, "layer_names0"); };
    Handle root = openGroup(file, "/");
    if (hasList(root.get())) {
        index.layout = "legacy h5 (save_weights)";
        indexLegacy(path, file, "/", index);
    } else if (isGroup(root.get(), "model_weights") && hasList(openGroup(root.get(), "model_weights").get())) {
        index.layout = "legacy h5 (model.save)";
        indexLegacy(path, file, "/model_weights", index);
        if (index.kerasVersion.empty())
            index.kerasVersion = readScalarString(path, root.get(), "keras_version");
        if (index.backend.empty())
            index.backend = readScalarString(path, root.get(), "backend");
    } else if (isGroup(root.get(), "layers")) {
        index.layout = "Keras 3 .weights.h5";
        index.indexedWeights = true;
        indexKeras3(path, file, "", index);
    } else {
        throw Error(path, "is an HDF5 file but holds no Keras weights (no layer_names attribute, no model_weights or "
                          "layers group)");
    }
    // Layers without weights (input, padding, activations) say nothing about the architecture.
    index.layers.erase(std::remove_if(index.layers.begin(), index.layers.end(),
                                      [](const FileLayer& layer) { return layer.weights.empty(); }),
                       index.layers.end());
    index.byName.clear();
    for (size_t i = 0; i < index.layers.size(); ++i)
        index.byName[index.layers[i].name] = i;
    return index;
}

/// Names the ResNet the file's layer names and shapes describe, or "" when they describe none.
std::string describeArchitecture(const FileIndex& index)
{
    static const std::regex blockName("conv([2-5])_block([0-9]+)_.*");
    std::vector<int> blocks(4, 0);
    for (const auto& layer : index.layers) {
        std::smatch match;
        if (std::regex_match(layer.name, match, blockName)) {
            const int stack = std::stoi(match[1]) - 2;
            blocks[stack] = std::max(blocks[stack], std::stoi(match[2]));
        }
    }
    if (std::count(blocks.begin(), blocks.end(), 0) > 0)
        return {};
    const bool v1 = index.find("conv1_bn") != nullptr;
    // The stem's width: 64 in every Keras ResNet, the base width of KneeGrade's small variants.
    int64_t filters = 0;
    if (const FileLayer* stem = index.find("conv1_conv"))
        for (const auto& weight : stem->weights)
            if ((weight.key == "kernel" || weight.key == "0") && weight.shape.size() == 4)
                filters = weight.shape[3];
    const std::string suffix = v1 ? "" : "v2";
    if (filters == 64) {
        if (blocks == std::vector<int>{3, 4, 6, 3}) return "resnet50" + suffix;
        if (blocks == std::vector<int>{3, 4, 23, 3}) return "resnet101" + suffix;
        if (blocks == std::vector<int>{3, 8, 36, 3}) return "resnet152" + suffix;
    }
    std::string name = v1 ? "resnet (v1):" : "resnetv2:";
    for (size_t i = 0; i < blocks.size(); ++i)
        name += (i ? "," : "") + std::to_string(blocks[i]);
    return name + ":" + std::to_string(filters);
}

// ---------------------------------------------------------------------------------------
// What the model expects, in Keras terms.
// ---------------------------------------------------------------------------------------

enum class Layout { Conv, Dense, Vector };

struct ModelWeight {
    std::string key;  // Keras weight name: kernel, bias, gamma, beta, moving_mean, moving_variance
    torch::Tensor target;
    Layout layout = Layout::Vector;

    /// The shape Keras stores: HWIO for conv kernels, (in, out) for Dense kernels.
    std::vector<int64_t> kerasShape() const
    {
        const auto s = target.sizes();
        switch (layout) {
        case Layout::Conv: return {s[2], s[3], s[1], s[0]};
        case Layout::Dense: return {s[1], s[0]};
        case Layout::Vector: break;
        }
        return s.vec();
    }
};

struct ModelLayer {
    std::string name;
    bool head = false;
    std::vector<ModelWeight> weights;
};

std::vector<ModelLayer> modelLayers(nn::KneeClassifier& net)
{
    std::vector<ModelLayer> layers;
    for (const auto& item : net->named_modules("", /*include_self=*/false)) {
        ModelLayer layer{nn::kerasLayerName(item.key()), item.key().rfind("head.", 0) == 0, {}};
        if (auto* conv = item.value()->as<torch::nn::Conv2dImpl>()) {
            layer.weights.push_back({"kernel", conv->weight, Layout::Conv});
            if (conv->bias.defined())
                layer.weights.push_back({"bias", conv->bias, Layout::Vector});
        } else if (auto* norm = item.value()->as<torch::nn::BatchNorm2dImpl>()) {
            layer.weights.push_back({"gamma", norm->weight, Layout::Vector});
            layer.weights.push_back({"beta", norm->bias, Layout::Vector});
            layer.weights.push_back({"moving_mean", norm->running_mean, Layout::Vector});
            layer.weights.push_back({"moving_variance", norm->running_var, Layout::Vector});
        } else if (auto* dense = item.value()->as<torch::nn::LinearImpl>()) {
            layer.weights.push_back({"kernel", dense->weight, Layout::Dense});
            layer.weights.push_back({"bias", dense->bias, Layout::Vector});
        } else {
            continue;
        }
        layers.push_back(std::move(layer));
    }
    return layers;
}

std::string shapeText(const std::vector<int64_t>& shape)
{
    if (shape.empty())
        return "scalar";
    std::string text;
    for (size_t i = 0; i < shape.size(); ++i)
        text += (i ? "×" : "") + std::to_string(shape[i]);
    return text;
}

std::string joined(const std::vector<std::string>& items, const std::string& separator = ", ")
{
    std::string text;
    for (size_t i = 0; i < items.size(); ++i)
        text += (i ? separator : "") + items[i];
    return text;
}

// ---------------------------------------------------------------------------------------
// Reading one tensor.
// ---------------------------------------------------------------------------------------

torch::Tensor readTensor(const std::string& path, hid_t file, const FileWeight& weight)
{
    const Handle data = hdf5::openDataset(file, weight.dataset);
    if (!data.valid())
        throw Error(path, withDetail("cannot open " + weight.name));
    if (!hdf5::holdsFloats(data.get()))
        throw Error(path, weight.name + " is not stored as floating-point numbers: not a Keras weights file");
    torch::Tensor values = torch::empty(weight.shape, torch::kFloat32);
    if (values.numel() > 0 && !hdf5::readFloats(data.get(), values.data_ptr<float>()))
        throw Error(path, withDetail("cannot read " + weight.name + ": the file is damaged or truncated"));
    // A plain loop: two torch ops per tensor would start ~1600 tiny OpenMP regions.
    const float* begin = values.data_ptr<float>();
    if (!std::all_of(begin, begin + values.numel(), [](float v) { return std::isfinite(v); }))
        throw Error(path, weight.name + " holds NaN or infinite values: the weights are broken");
    return values;
}

/// Keras' default names for Dense layers: the tutorial's head is dense, dense_1, …
bool isDenseName(const std::string& name)
{
    static const std::regex dense("dense(_[0-9]+)?");
    return std::regex_match(name, dense);
}

struct Planned {
    const FileWeight* source = nullptr;
    const ModelWeight* target = nullptr;
};

std::string officialHint(const OfficialKerasWeights& official)
{
    return "this is Keras' official " + official.architecture + (official.hasTop ? " file with top (" : " notop file (") +
           official.fileName + ")";
}

} // namespace

// ---------------------------------------------------------------------------------------
// Public API.
// ---------------------------------------------------------------------------------------

const std::vector<OfficialKerasWeights>& officialKerasWeights()
{
    // keras/src/applications/resnet.py, WEIGHTS_HASHES: (with top, notop) per model.
    static const std::vector<OfficialKerasWeights> files = [] {
        struct Row {
            const char* architecture;
            const char* top;
            const char* notop;
        };
        const Row rows[] = {
            {"resnet50v2", "3ef43a0b657b3be2300d5770ece849e0", "fac2f116257151a9d068a22e544a4917"},
            {"resnet101v2", "6343647c601c52e1368623803854d971", "c0ed64b8031c3730f411d2eb4eea35b5"},
            {"resnet152v2", "a49b44d1979771252814e80f8ec446f9", "ed17cf2e0169df9d443503ef94b23b33"},
        };
        std::vector<OfficialKerasWeights> list;
        for (const Row& row : rows) {
            const std::string base = std::string(row.architecture) + "_weights_tf_dim_ordering_tf_kernels";
            list.push_back({base + ".h5", row.architecture, true, row.top});
            list.push_back({base + "_notop.h5", row.architecture, false, row.notop});
        }
        return list;
    }();
    return files;
}

const OfficialKerasWeights* findOfficialKerasWeights(const std::string& md5)
{
    std::string lower = md5;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    for (const auto& file : officialKerasWeights())
        if (file.md5 == lower)
            return &file;
    return nullptr;
}

namespace {

/// The first bytes: an empty file or a zip (a Keras 3 .keras model) get their own message.
void refuseEmptyOrZip(RegularFile& file)
{
    char magic[8] = {};
    const size_t got = file.read(magic, sizeof magic);
    if (got == 0)
        throw Error(file.path(), "the weights file is empty");
    if (got >= 4 && std::memcmp(magic, "PK\x03\x04", 4) == 0)
        throw Error(file.path(), "is a zip archive (a Keras 3 .keras model?), not an HDF5 file: extract its "
                                 "model.weights.h5 and import that");
}

/// Opens the checked file (through its descriptor: HDF5 takes only a path) read-only.
Handle openHdf5(const RegularFile& checked)
{
    const std::string& path = checked.path();
    const std::string hdf5Path = checked.descriptorPath();
    if (!hdf5::isHdf5File(hdf5Path)) {
        hdf5::errorDetail();  // clears the stack
        throw Error(path, "is not an HDF5 file; Keras weights are .h5 files written by model.save_weights() or "
                          "downloaded by keras.applications");
    }
    Handle file = hdf5::openReadOnly(hdf5Path);
    if (!file.valid())
        throw Error(path, withDetail("cannot open the HDF5 file: it is damaged or truncated — an interrupted download?"));
    return file;
}

} // namespace

KerasImportReport importKerasWeights(Model& model, const std::string& path, const KerasImportOptions& options)
{
    KerasImportReport report;
    report.path = path;
    RegularFile checked(path, "weights", "pass the .h5 file inside it");
    refuseEmptyOrZip(checked);
    const OfficialKerasWeights* official = nullptr;
    if (options.recogniseOfficial) {
        report.md5 = md5FileHex(checked.descriptorPath());
        official = findOfficialKerasWeights(report.md5);
        if (official)
            report.officialName = official->fileName;
    }

    hdf5::SilenceErrors silence;
    const Handle file = openHdf5(checked);

    const FileIndex index = indexFile(path, file.get());
    report.layout = index.layout;
    report.kerasVersion = index.kerasVersion;
    report.backend = index.backend;
    report.fileArchitecture = describeArchitecture(index);
    report.fileHasTop = index.find("predictions") != nullptr;
    report.fileLayers = static_cast<int>(index.layers.size());

    auto& impl = model.impl();
    const ModelOptions& modelOptions = impl.options;
    const std::string modelArchitecture = architectureName(modelOptions.backbone);
    const std::string hint = [&]() -> std::string {
        if (official)
            return official->architecture == modelArchitecture && official->hasTop == modelOptions.backbone.imagenetTop
                       ? std::string()
                       : " — " + officialHint(*official) + "; the model is a " + modelArchitecture +
                             (modelOptions.backbone.imagenetTop ? " with top" : " without top");
        if (!report.fileArchitecture.empty() && report.fileArchitecture != modelArchitecture)
            return " — is this a " + report.fileArchitecture + " file? The model is a " + modelArchitecture;
        return {};
    }();

    // Plan every copy and check every shape before touching the model.
    const std::vector<ModelLayer> layers = modelLayers(impl.net);
    std::vector<Planned> plan;
    std::map<std::string, bool> used;
    for (const ModelLayer& layer : layers) {
        const FileLayer* fileLayer = index.find(layer.name);
        if (!fileLayer) {
            if (options.allowMissingLayers || (layer.head && options.allowMissingHead)) {
                report.missingModelLayers.push_back(layer.name);
                continue;
            }
            std::string why = "the file has no layer '" + layer.name + "', which the model needs";
            if (layer.name == "predictions" && !report.fileHasTop)
                why += " (the 1000-class ImageNet top: this file has none; build the model without top)";
            throw Error(path, why + hint);
        }
        used[layer.name] = true;
        std::vector<bool> matched(fileLayer->weights.size(), false);
        for (size_t w = 0; w < layer.weights.size(); ++w) {
            const ModelWeight& expected = layer.weights[w];
            const std::string key = index.indexedWeights ? std::to_string(w) : expected.key;
            size_t found = fileLayer->weights.size();
            for (size_t f = 0; f < fileLayer->weights.size(); ++f)
                if (fileLayer->weights[f].key == key)
                    found = f;
            if (found == fileLayer->weights.size()) {
                std::vector<std::string> present;
                for (const auto& weight : fileLayer->weights)
                    present.push_back(weight.name);
                throw Error(path, "the layer '" + layer.name + "' in the file has no " + expected.key + " (it holds " +
                                      joined(present) + ")" + hint);
            }
            const FileWeight& source = fileLayer->weights[found];
            const auto want = expected.kerasShape();
            if (source.shape != want)
                throw Error(path, source.name + " has shape " + shapeText(source.shape) +
                                      " in the file but the model expects " + shapeText(want) + hint);
            matched[found] = true;
            plan.push_back({&source, &expected});
        }
        for (size_t f = 0; f < matched.size(); ++f)
            if (!matched[f])
                throw Error(path, "the file holds " + fileLayer->weights[f].name + ", which the model's layer '" +
                                      layer.name + "' has not" + hint);
        ++report.layersLoaded;
    }
    for (const FileLayer& fileLayer : index.layers) {
        if (used.count(fileLayer.name))
            continue;
        // A file's top or classifier head is expected to go unused by a model built without one.
        const bool imagenetTop = fileLayer.name == "predictions" && !modelOptions.backbone.imagenetTop;
        const bool head = isDenseName(fileLayer.name) && !impl.net->hasHead();
        if (!imagenetTop && !head && !options.allowUnusedLayers)
            throw Error(path, "the file has the layer '" + fileLayer.name + "', which the model (" + modelArchitecture +
                                  ") has not" + hint);
        report.unusedFileLayers.push_back(fileLayer.name);
    }

    // Read everything, then copy: a damaged dataset leaves the model as it was.
    std::vector<torch::Tensor> staged;
    staged.reserve(plan.size());
    for (const Planned& step : plan) {
        torch::Tensor values = readTensor(path, file.get(), *step.source);
        switch (step.target->layout) {
        case Layout::Conv: values = values.permute({3, 2, 0, 1}); break;  // HWIO → OIHW
        case Layout::Dense: values = values.t(); break;                    // (in, out) → (out, in)
        case Layout::Vector: break;
        }
        staged.push_back(values);
    }
    torch::NoGradGuard noGrad;
    for (size_t i = 0; i < plan.size(); ++i) {
        // copy_ keeps the target's device, dtype and memory format (channels-last on CPU).
        torch::Tensor target = plan[i].target->target;
        target.copy_(staged[i]);
        ++report.tensorsLoaded;
        report.valuesLoaded += target.numel();
    }
    return report;
}

std::string describe(const KerasImportReport& report)
{
    std::string text = "weights: " + report.path + "\n";
    if (!report.md5.empty()) {
        text += "MD5: " + report.md5 + " — ";
        if (const OfficialKerasWeights* official = findOfficialKerasWeights(report.md5))
            text += "official Keras file " + official->fileName + " (ImageNet, " +
                    (official->hasTop ? "with top" : "without top") + ")\n";
        else
            text += "not one of Keras' official ResNetV2 ImageNet files\n";
    }
    text += "layout: " + report.layout;
    if (!report.kerasVersion.empty())
        text += ", Keras " + report.kerasVersion;
    if (!report.backend.empty())
        text += ", backend " + report.backend;
    text += "\nfile holds: " + (report.fileArchitecture.empty() ? std::string("an unrecognised network") : report.fileArchitecture) +
            (report.fileHasTop ? " with top" : " without top") + ", " + std::to_string(report.fileLayers) +
            " layers with weights\n";
    text += "loaded: " + std::to_string(report.layersLoaded) + " layers, " + std::to_string(report.tensorsLoaded) +
            " tensors, " + std::to_string(report.valuesLoaded) + " values\n";
    if (!report.unusedFileLayers.empty()) {
        text += "not used from the file: " + joined(report.unusedFileLayers);
        if (report.unusedFileLayers == std::vector<std::string>{"predictions"})
            text += " (the ImageNet top; the model has none)";
        text += "\n";
    }
    if (!report.missingModelLayers.empty())
        text += "not in the file, kept as initialised: " + joined(report.missingModelLayers) + "\n";
    return text;
}

void to_json(nlohmann::json& json, const KerasImportOptions& options)
{
    json = nlohmann::json{{"allow_missing_head", options.allowMissingHead},
                          {"allow_missing_layers", options.allowMissingLayers},
                          {"allow_unused_layers", options.allowUnusedLayers},
                          {"recognise_official", options.recogniseOfficial}};
}

void from_json(const nlohmann::json& json, KerasImportOptions& options)
{
    const KerasImportOptions defaults;
    options.allowMissingHead = json.value("allow_missing_head", defaults.allowMissingHead);
    options.allowMissingLayers = json.value("allow_missing_layers", defaults.allowMissingLayers);
    options.allowUnusedLayers = json.value("allow_unused_layers", defaults.allowUnusedLayers);
    options.recogniseOfficial = json.value("recognise_official", defaults.recogniseOfficial);
}

void to_json(nlohmann::json& json, const KerasImportReport& report)
{
    json = nlohmann::json{{"path", report.path},
                          {"md5", report.md5},
                          {"official_name", report.officialName},
                          {"layout", report.layout},
                          {"keras_version", report.kerasVersion},
                          {"backend", report.backend},
                          {"file_architecture", report.fileArchitecture},
                          {"file_has_top", report.fileHasTop},
                          {"file_layers", report.fileLayers},
                          {"layers_loaded", report.layersLoaded},
                          {"tensors_loaded", report.tensorsLoaded},
                          {"values_loaded", report.valuesLoaded},
                          {"unused_file_layers", report.unusedFileLayers},
                          {"missing_model_layers", report.missingModelLayers}};
}

} // namespace kg
