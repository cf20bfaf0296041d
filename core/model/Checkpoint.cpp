#include "core/model/Checkpoint.h"
#include "core/util/Time.h"

#include "core/model/ModelImpl.h"
#include "core/util/AtomicFile.h"
#include "core/util/Error.h"
#include "core/util/Hash.h"
#include "core/util/RegularFile.h"

#include <zlib.h>

#include <chrono>
#include <ctime>

// File layout (little-endian):
//   magic "KNEEGRADE-CKPT\n\0" | u32 format version
//   u64 length | metadata JSON
//   u32 tensor count | per tensor: u32 length, name | u8 dtype | u32 rank, i64 dims… | u64 bytes, data
//   u32 blob count   | per blob:   u32 length, name | u64 bytes, data
//   u32 CRC-32 of everything before it | "KGEND\0\0\0"
// A plain format we control: bit-exact round trips, precise truncation/corruption errors,
// and metadata readable without materialising 230 MB of weights.

namespace kg {
namespace {

constexpr char kMagic[16] = {'K', 'N', 'E', 'E', 'G', 'R', 'A', 'D', 'E', '-', 'C', 'K', 'P', 'T', '\n', '\0'};
constexpr char kTrailer[8] = {'K', 'G', 'E', 'N', 'D', '\0', '\0', '\0'};
constexpr std::uint32_t kFormatVersion = 1;
enum class DType : std::uint8_t { Float32 = 0, Float64 = 1, Int64 = 2 };

DType dtypeOf(const torch::Tensor& t, const std::string& name)
{
    switch (t.scalar_type()) {
    case torch::kFloat32: return DType::Float32;
    case torch::kFloat64: return DType::Float64;
    case torch::kInt64: return DType::Int64;
    default: throw Error("checkpoint: tensor '" + name + "' has an unsupported dtype");
    }
}

torch::ScalarType scalarTypeOf(DType dtype)
{
    switch (dtype) {
    case DType::Float64: return torch::kFloat64;
    case DType::Int64: return torch::kInt64;
    case DType::Float32: break;
    }
    return torch::kFloat32;
}

/// Writes the file format to `out`, with its CRC; without a stream it only hashes (what
/// weightsSha256 needs).
class Writer {
public:
    explicit Writer(std::ostream* out) : out_(out) {}
    void bytes(const void* data, size_t size, Sha256* sha = nullptr)
    {
        if (out_) {
            out_->write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
            crc_ = crc32_z(crc_, static_cast<const Bytef*>(data), size);
        }
        if (sha)
            sha->update(data, size);
    }
    template <typename T>
    void pod(T value, Sha256* sha = nullptr) { bytes(&value, sizeof value, sha); }
    void string32(const std::string& s, Sha256* sha = nullptr)
    {
        pod(static_cast<std::uint32_t>(s.size()), sha);
        bytes(s.data(), s.size(), sha);
    }
    uLong crc() const { return crc_; }

private:
    std::ostream* out_ = nullptr;
    uLong crc_ = crc32_z(0L, Z_NULL, 0);
};

class Reader {
public:
    Reader(const std::string& path)
        : path_(path), file_(path, "checkpoint", "pass the .kgckpt file inside it (a training run folder holds "
                                                 "best.kgckpt and last.kgckpt)"),
          size_(file_.size())
    {
    }
    void bytes(void* data, size_t size, const char* what, Sha256* sha = nullptr)
    {
        if (offset_ + size > size_)
            throw Error(path_, "truncated checkpoint: " + std::string(what) + " needs " + std::to_string(size) +
                                   " bytes at offset " + std::to_string(offset_) + " but the file ends at " +
                                   std::to_string(size_) + " (was the copy or save interrupted?)");
        if (file_.read(data, size) != size)
            throw Error(path_, "read error in the checkpoint at offset " + std::to_string(offset_) +
                                   ": the file shrank while it was read");
        offset_ += size;
        crc_ = crc32_z(crc_, static_cast<const Bytef*>(data), size);
        if (sha)
            sha->update(data, size);
    }
    template <typename T>
    T pod(const char* what, Sha256* sha = nullptr)
    {
        T value{};
        bytes(&value, sizeof value, what, sha);
        return value;
    }
    std::string string32(const char* what, size_t limit, Sha256* sha = nullptr)
    {
        const auto length = pod<std::uint32_t>(what, sha);
        if (length > limit)
            throw Error(path_, "corrupt checkpoint: " + std::string(what) + " claims " + std::to_string(length) + " bytes");
        std::string s(length, '\0');
        bytes(s.data(), length, what, sha);
        return s;
    }
    void skip(std::uint64_t size, const char* what, Sha256* sha)
    {
        std::vector<char> buffer(1 << 16);
        while (size > 0) {
            const size_t chunk = static_cast<size_t>(std::min<std::uint64_t>(size, buffer.size()));
            bytes(buffer.data(), chunk, what, sha);
            size -= chunk;
        }
    }
    std::uint64_t remaining() const { return size_ - offset_; }
    uLong crc() const { return crc_; }
    const std::string& path() const { return path_; }

private:
    std::string path_;
    RegularFile file_;
    std::uint64_t size_ = 0;
    std::uint64_t offset_ = 0;
    uLong crc_ = crc32_z(0L, Z_NULL, 0);
};

CheckpointMeta readHeader(Reader& reader)
{
    char magic[sizeof kMagic];
    if (reader.remaining() < sizeof kMagic + 4)
        throw Error(reader.path(), reader.remaining() == 0 ? "empty file, not a KneeGrade checkpoint"
                                                           : "too short to be a KneeGrade checkpoint");
    reader.bytes(magic, sizeof magic, "magic");
    if (std::memcmp(magic, kMagic, sizeof kMagic) != 0) {
        const bool zip = magic[0] == 'P' && magic[1] == 'K';
        const bool hdf5 = magic[1] == 'H' && magic[2] == 'D' && magic[3] == 'F';
        throw Error(reader.path(), std::string("not a KneeGrade checkpoint") +
                                       (hdf5 ? " (it is an HDF5 file: load Keras .h5 weights with --weights)"
                                             : zip ? " (it is a zip archive, e.g. a PyTorch/TorchScript file)" : ""));
    }
    const auto version = reader.pod<std::uint32_t>("format version");
    if (version != kFormatVersion)
        throw Error(reader.path(), "checkpoint format version " + std::to_string(version) +
                                       " is not supported by KneeGrade " KNEEGRADE_VERSION " (supports " +
                                       std::to_string(kFormatVersion) + ")");
    const auto length = reader.pod<std::uint64_t>("metadata length");
    if (length > reader.remaining())
        throw Error(reader.path(), "truncated checkpoint: metadata announces " + std::to_string(length) +
                                       " bytes, only " + std::to_string(reader.remaining()) + " remain");
    std::string text(length, '\0');
    reader.bytes(text.data(), length, "metadata");
    try {
        return nlohmann::json::parse(text).get<CheckpointMeta>();
    } catch (const nlohmann::json::exception& e) {
        throw Error(reader.path(), std::string("corrupt checkpoint metadata: ") + e.what());
    } catch (const Error& e) {
        throw Error(reader.path(), std::string("checkpoint metadata: ") + e.what());
    }
}

} // namespace

void to_json(nlohmann::json& json, const CheckpointMeta& meta)
{
    json = nlohmann::json{{"model", meta.model},
                          {"preprocessing", meta.preprocessing},
                          {"class_names", meta.classNames},
                          {"temperature", meta.temperature},
                          {"training_options", meta.trainingOptions},
                          {"state", meta.state},
                          {"dataset_manifest_sha256", meta.datasetManifestHash},
                          {"app_version", meta.appVersion},
                          {"created_utc", meta.createdUtc}};
}

void from_json(const nlohmann::json& json, CheckpointMeta& meta)
{
    meta.model = json.at("model").get<ModelOptions>();
    meta.preprocessing = json.at("preprocessing").get<PreprocessOptions>();
    meta.classNames = json.at("class_names").get<std::vector<std::string>>();
    meta.temperature = json.value("temperature", 1.0);
    meta.trainingOptions = json.value("training_options", nlohmann::json::object());
    meta.state = json.value("state", nlohmann::json::object()).get<TrainingState>();
    meta.datasetManifestHash = json.value("dataset_manifest_sha256", std::string());
    meta.appVersion = json.value("app_version", std::string());
    meta.createdUtc = json.value("created_utc", std::string());
}

namespace {

using NamedTensors = std::vector<std::pair<std::string, torch::Tensor>>;

NamedTensors cpuTensors(const Model& model)
{
    NamedTensors tensors;
    for (auto& [name, tensor] : modelStateTensors(const_cast<Model&>(model).impl().net))
        tensors.emplace_back(name, tensor.detach().to(torch::kCPU).contiguous());
    return tensors;
}

/// The weights section: the count, then name, dtype, shape, byte size and bytes of every
/// tensor, all but the count hashed into `sha` (the weights' SHA-256).
void writeTensors(Writer& w, const NamedTensors& tensors, Sha256& sha)
{
    w.pod(static_cast<std::uint32_t>(tensors.size()));
    for (const auto& [name, t] : tensors) {
        w.string32(name, &sha);
        w.pod(static_cast<std::uint8_t>(dtypeOf(t, name)), &sha);
        w.pod(static_cast<std::uint32_t>(t.dim()), &sha);
        for (const auto d : t.sizes())
            w.pod(static_cast<std::int64_t>(d), &sha);
        const auto size = static_cast<std::uint64_t>(t.numel() * t.element_size());
        w.pod(size, &sha);
        w.bytes(t.data_ptr(), size, &sha);
    }
}

} // namespace

std::string weightsSha256(const Model& model)
{
    Sha256 sha;
    Writer hashOnly(nullptr);
    writeTensors(hashOnly, cpuTensors(model), sha);
    return sha.hexDigest();
}

std::string saveCheckpoint(const std::string& path, const Model& model, const CheckpointMeta& meta,
                           const CheckpointBlobs& blobs)
{
    CheckpointMeta stamped = meta;
    stamped.model = model.options();
    if (stamped.createdUtc.empty())
        stamped.createdUtc = utcTimestamp();
    const std::string metaText = nlohmann::json(stamped).dump();

    const auto tensors = cpuTensors(model);
    Sha256 weightsHash;
    writeFileAtomically(path, [&](std::ostream& out) {
        Writer w(&out);
        w.bytes(kMagic, sizeof kMagic);
        w.pod(kFormatVersion);
        w.pod(static_cast<std::uint64_t>(metaText.size()));
        w.bytes(metaText.data(), metaText.size());
        writeTensors(w, tensors, weightsHash);
        w.pod(static_cast<std::uint32_t>(blobs.size()));
        for (const auto& [name, data] : blobs) {
            w.string32(name);
            w.pod(static_cast<std::uint64_t>(data.size()));
            w.bytes(data.data(), data.size());
        }
        const auto crc = static_cast<std::uint32_t>(w.crc());
        out.write(reinterpret_cast<const char*>(&crc), sizeof crc);
        out.write(kTrailer, sizeof kTrailer);
    });
    return weightsHash.hexDigest();
}

CheckpointMeta readCheckpointMeta(const std::string& path)
{
    Reader reader(path);
    return readHeader(reader);
}

LoadedCheckpoint loadCheckpoint(const std::string& path)
{
    Reader reader(path);
    CheckpointMeta meta = readHeader(reader);
    Model model = [&] {
        try {
            return Model(meta.model);
        } catch (const Error& e) {
            throw Error(path, std::string("cannot build the checkpoint's model: ") + e.what());
        }
    }();

    std::map<std::string, torch::Tensor> targets;
    for (auto& [name, tensor] : modelStateTensors(model.impl().net))
        targets.emplace(name, tensor);

    Sha256 weightsHash;
    torch::NoGradGuard noGrad;
    const auto count = reader.pod<std::uint32_t>("tensor count");
    for (std::uint32_t i = 0; i < count; ++i) {
        const std::string name = reader.string32("tensor name", 4096, &weightsHash);
        const auto dtype = static_cast<DType>(reader.pod<std::uint8_t>("tensor dtype", &weightsHash));
        const auto rank = reader.pod<std::uint32_t>("tensor rank", &weightsHash);
        if (rank > 8)
            throw Error(path, "corrupt checkpoint: tensor '" + name + "' has rank " + std::to_string(rank));
        std::vector<int64_t> dims(rank);
        for (auto& d : dims)
            d = reader.pod<std::int64_t>("tensor shape", &weightsHash);
        const auto size = reader.pod<std::uint64_t>("tensor size", &weightsHash);
        const auto it = targets.find(name);
        if (it == targets.end())
            throw Error(path, "weights do not fit the architecture: the model has no tensor '" + name + "'");
        const torch::Tensor& target = it->second;
        if (target.sizes() != c10::IntArrayRef(dims) || target.scalar_type() != scalarTypeOf(dtype))
            throw Error(path, "weights do not fit the architecture: '" + name + "' has shape " +
                                  c10::str(c10::IntArrayRef(dims)) + " in the file, the model expects " +
                                  c10::str(target.sizes()));
        torch::Tensor buffer = torch::empty(dims, torch::TensorOptions().dtype(scalarTypeOf(dtype)));
        if (static_cast<std::uint64_t>(buffer.numel() * buffer.element_size()) != size)
            throw Error(path, "corrupt checkpoint: tensor '" + name + "' has an inconsistent byte size");
        reader.bytes(buffer.data_ptr(), size, "tensor data", &weightsHash);
        target.copy_(buffer);
        targets.erase(it);
    }
    if (!targets.empty())
        throw Error(path, "weights do not fit the architecture: the file lacks '" + targets.begin()->first + "'");

    LoadedCheckpoint loaded{std::move(model), std::move(meta), {}, weightsHash.hexDigest()};
    const auto blobCount = reader.pod<std::uint32_t>("blob count");
    for (std::uint32_t i = 0; i < blobCount; ++i) {
        std::string name = reader.string32("blob name", 4096);
        const auto size = reader.pod<std::uint64_t>("blob size");
        if (size > reader.remaining())
            throw Error(path, "truncated checkpoint: blob '" + name + "' announces " + std::to_string(size) +
                                  " bytes, only " + std::to_string(reader.remaining()) + " remain");
        std::string data(size, '\0');
        reader.bytes(data.data(), size, "blob data");
        loaded.blobs.emplace(std::move(name), std::move(data));
    }
    const auto expectedCrc = static_cast<std::uint32_t>(reader.crc());
    const auto storedCrc = reader.pod<std::uint32_t>("checksum");
    char trailer[sizeof kTrailer];
    reader.bytes(trailer, sizeof trailer, "end marker");
    if (storedCrc != expectedCrc || std::memcmp(trailer, kTrailer, sizeof kTrailer) != 0)
        throw Error(path, "corrupt checkpoint: checksum mismatch (the file was modified or damaged)");
    if (reader.remaining() != 0)
        throw Error(path, "corrupt checkpoint: " + std::to_string(reader.remaining()) + " unexpected bytes after the end");
    loaded.model.impl().moveTo(torch::kCPU);
    return loaded;
}

} // namespace kg
