// Link seams for the GPU bench build (bench/gpu), which compiles core/train unchanged but
// not the translation units that need OpenCV (core/data/Loader.cpp, core/data/Augment.cpp)
// or HDF5 (core/model/KerasWeights.cpp). Functions that need those libraries throw.
#include "core/data/Loader.h"
#include "core/model/KerasWeights.h"
#include "core/util/Error.h"

namespace kg {
namespace {

[[noreturn]] void notInThisBuild(const std::string& what)
{
    throw Error(what + " is not part of the GPU bench build (it needs OpenCV or HDF5); "
                       "train_gpu feeds the trainer in-memory tensors instead");
}

} // namespace

// ---- seams: the image loader (OpenCV) ----------------------------------------------------

struct DataLoader::Impl {};

DataLoader::DataLoader(std::vector<DatasetItem>, LoaderOptions, PreprocessOptions, ImageDecoder)
{
    notInThisBuild("DataLoader (reading a dataset folder)");
}
DataLoader::~DataLoader() = default;
std::int64_t DataLoader::size() const { notInThisBuild("DataLoader::size"); }
void DataLoader::startEpoch(int) { notInThisBuild("DataLoader::startEpoch"); }
std::optional<Batch> DataLoader::next() { notInThisBuild("DataLoader::next"); }
const LoaderOptions& DataLoader::options() const { notInThisBuild("DataLoader::options"); }
std::vector<SkippedPath> DataLoader::skippedFiles() const { notInThisBuild("DataLoader::skippedFiles"); }

// ---- seams: Keras .h5 import (HDF5) ------------------------------------------------------

KerasImportReport importKerasWeights(Model&, const std::string& path, const KerasImportOptions&)
{
    notInThisBuild("importKerasWeights('" + path + "')");
}

std::string describe(const KerasImportReport&) { notInThisBuild("describe(KerasImportReport)"); }

} // namespace kg
