#include "core/locate/detail/LocaliserFile.h"

#include "core/util/AtomicFile.h"
#include "core/util/Error.h"
#include "core/util/RegularFile.h"

#include <zlib.h>

#include <cstring>
#include <map>

namespace kg::locate {

namespace {

constexpr char kMagic[16] = {'K', 'N', 'E', 'E', 'G', 'R', 'A', 'D', 'E', '-', 'K', 'G', 'L', 'O', 'C', '\n'};
constexpr char kTrailer[8] = {'K', 'G', 'E', 'N', 'D', '\0', '\0', '\0'};
constexpr std::uint32_t kFormatVersion = 1;
constexpr std::uint64_t kMaxFileBytes = 64ull << 20;   // the shipped file is ~0.6 MB
constexpr std::uint32_t kMaxTensors = 512;
constexpr std::uint32_t kMaxNameLength = 256;
constexpr std::uint32_t kMaxRank = 4;

void append(std::string& buffer, const void* data, std::size_t size)
{
    buffer.append(static_cast<const char*>(data), size);
}

template <typename T>
void appendPod(std::string& buffer, T value)
{
    append(buffer, &value, sizeof value);
}

/// Reads fields from the file's bytes, with a named error for every overrun.
class Cursor {
public:
    Cursor(const std::string& path, const std::string& bytes, std::size_t end) : path_(path), bytes_(bytes), end_(end) {}
    void read(void* data, std::size_t size, const char* what)
    {
        if (size > end_ - offset_)
            throw Error(path_, "damaged localiser weights: " + std::string(what) + " needs " + std::to_string(size) +
                                   " bytes at offset " + std::to_string(offset_) + ", past the end of the data");
        std::memcpy(data, bytes_.data() + offset_, size);
        offset_ += size;
    }
    template <typename T>
    T pod(const char* what)
    {
        T value{};
        read(&value, sizeof value, what);
        return value;
    }
    std::size_t remaining() const { return end_ - offset_; }

private:
    const std::string& path_;
    const std::string& bytes_;
    std::size_t end_;
    std::size_t offset_ = 0;
};

std::string readWholeFile(const std::string& path)
{
    RegularFile file(path, "localiser weights file");
    if (file.size() > kMaxFileBytes)
        throw Error(path, "is " + std::to_string(file.size() >> 20) + " MiB, far larger than localiser weights "
                          "(a .kgloc file is under 1 MB): not a localiser weights file");
    std::string bytes(static_cast<std::size_t>(file.size()), '\0');
    const std::size_t got = file.read(bytes.data(), bytes.size());
    bytes.resize(got);
    return bytes;
}

} // namespace

void saveLocaliserFile(const std::string& path, LocaliserNetImpl& net, const nlohmann::json& meta)
{
    nlohmann::json header;
    header["network"] = net.config;
    header["training"] = meta;
    header["kneegrade_version"] = KNEEGRADE_VERSION;
    const std::string text = header.dump();

    std::string buffer;
    append(buffer, kMagic, sizeof kMagic);
    appendPod(buffer, kFormatVersion);
    appendPod(buffer, static_cast<std::uint64_t>(text.size()));
    append(buffer, text.data(), text.size());
    const auto tensors = net.stateTensors();
    appendPod(buffer, static_cast<std::uint32_t>(tensors.size()));
    for (const auto& [name, tensor] : tensors) {
        const auto t = tensor.detach().to(torch::kCPU, torch::kFloat32).contiguous();
        appendPod(buffer, static_cast<std::uint32_t>(name.size()));
        append(buffer, name.data(), name.size());
        appendPod(buffer, static_cast<std::uint32_t>(t.dim()));
        for (const auto d : t.sizes())
            appendPod(buffer, static_cast<std::int64_t>(d));
        const auto bytes = static_cast<std::uint64_t>(t.numel()) * sizeof(float);
        appendPod(buffer, bytes);
        append(buffer, t.data_ptr<float>(), bytes);
    }
    const auto crc = static_cast<std::uint32_t>(
        crc32_z(crc32_z(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(buffer.data()), buffer.size()));
    appendPod(buffer, crc);
    append(buffer, kTrailer, sizeof kTrailer);
    writeFileAtomically(path, buffer);
}

LoadedLocaliser loadLocaliserFile(const std::string& path)
{
    const std::string bytes = readWholeFile(path);
    if (bytes.empty())
        throw Error(path, "empty file, not localiser weights (.kgloc)");
    if (bytes.size() < sizeof kMagic || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) {
        const bool checkpoint = bytes.compare(0, 15, "KNEEGRADE-CKPT\n") == 0;
        throw Error(path, std::string("not KneeGrade localiser weights (.kgloc)") +
                              (checkpoint ? ": it is a classifier checkpoint (.kgckpt)" : ""));
    }
    const std::size_t tail = sizeof(std::uint32_t) + sizeof kTrailer;
    if (bytes.size() < sizeof kMagic + 4 + 8 + 4 + tail ||
        std::memcmp(bytes.data() + bytes.size() - sizeof kTrailer, kTrailer, sizeof kTrailer) != 0)
        throw Error(path, "truncated localiser weights: the file ends before its end marker "
                          "(was the copy or the save interrupted?)");
    const std::size_t end = bytes.size() - tail;
    std::uint32_t storedCrc = 0;
    std::memcpy(&storedCrc, bytes.data() + end, sizeof storedCrc);
    const auto crc = static_cast<std::uint32_t>(
        crc32_z(crc32_z(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(bytes.data()), end));
    if (crc != storedCrc)
        throw Error(path, "damaged localiser weights: checksum mismatch");

    Cursor cursor(path, bytes, end);
    char magic[sizeof kMagic];
    cursor.read(magic, sizeof magic, "magic");
    const auto version = cursor.pod<std::uint32_t>("format version");
    if (version != kFormatVersion)
        throw Error(path, "localiser weights format version " + std::to_string(version) +
                              " is not supported by KneeGrade " KNEEGRADE_VERSION " (supports " +
                              std::to_string(kFormatVersion) + ")");
    const auto length = cursor.pod<std::uint64_t>("header length");
    if (length > cursor.remaining())
        throw Error(path, "damaged localiser weights: the header claims " + std::to_string(length) + " bytes");
    std::string text(static_cast<std::size_t>(length), '\0');
    cursor.read(text.data(), text.size(), "header");

    LoadedLocaliser loaded;
    LocaliserNetConfig config;
    try {
        const auto header = nlohmann::json::parse(text);
        config = header.at("network").get<LocaliserNetConfig>();
        loaded.meta = header.value("training", nlohmann::json::object());
    } catch (const nlohmann::json::exception& e) {
        throw Error(path, std::string("damaged localiser weights header: ") + e.what());
    } catch (const Error& e) {
        throw Error(path, e.what());
    }
    config.validate(path);
    loaded.net = LocaliserNet(config);

    std::map<std::string, torch::Tensor> expected;
    for (auto& [name, tensor] : loaded.net->stateTensors())
        expected.emplace(name, tensor);
    const auto count = cursor.pod<std::uint32_t>("tensor count");
    if (count != expected.size() || count > kMaxTensors)
        throw Error(path, "localiser weights hold " + std::to_string(count) + " tensors; the network they describe has " +
                              std::to_string(expected.size()));
    torch::NoGradGuard noGrad;
    for (std::uint32_t i = 0; i < count; ++i) {
        const auto nameLength = cursor.pod<std::uint32_t>("tensor name length");
        if (nameLength > kMaxNameLength)
            throw Error(path, "damaged localiser weights: a tensor name of " + std::to_string(nameLength) + " bytes");
        std::string name(nameLength, '\0');
        cursor.read(name.data(), name.size(), "tensor name");
        const auto found = expected.find(name);
        if (found == expected.end())
            throw Error(path, "localiser weights hold a tensor '" + name + "' the network does not have");
        const auto rank = cursor.pod<std::uint32_t>("tensor rank");
        if (rank > kMaxRank)
            throw Error(path, "damaged localiser weights: tensor '" + name + "' has rank " + std::to_string(rank));
        std::vector<std::int64_t> dims(rank);
        for (auto& d : dims)
            d = cursor.pod<std::int64_t>("tensor dimension");
        if (torch::IntArrayRef(dims) != found->second.sizes())
            throw Error(path, "localiser weights: tensor '" + name + "' has the wrong shape for the network");
        const auto size = cursor.pod<std::uint64_t>("tensor size");
        if (size != static_cast<std::uint64_t>(found->second.numel()) * sizeof(float))
            throw Error(path, "damaged localiser weights: tensor '" + name + "' declares " + std::to_string(size) +
                                  " bytes");
        auto values = torch::empty(found->second.sizes(), torch::kFloat32);
        cursor.read(values.data_ptr<float>(), static_cast<std::size_t>(size), "tensor data");
        if (!torch::isfinite(values).all().item<bool>())
            throw Error(path, "localiser weights: tensor '" + name + "' holds values that are not finite");
        found->second.copy_(values);
        expected.erase(found);
    }
    if (cursor.remaining() != 0)
        throw Error(path, "damaged localiser weights: " + std::to_string(cursor.remaining()) +
                              " unexpected bytes after the tensors");
    loaded.net->eval();
    return loaded;
}

} // namespace kg::locate
