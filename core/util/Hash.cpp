#include "core/util/Hash.h"

#include "core/util/Error.h"
#include "core/util/RegularFile.h"

#include <openssl/evp.h>

#include <array>
#include <memory>

namespace kg {
namespace {

using DigestContext = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

std::string toHex(const unsigned char* digest, unsigned int length)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex(length * 2, '0');
    for (unsigned int i = 0; i < length; ++i) {
        hex[2 * i] = kDigits[digest[i] >> 4];
        hex[2 * i + 1] = kDigits[digest[i] & 0xF];
    }
    return hex;
}

template <typename Feed>
std::string digestHex(const EVP_MD* algorithm, Feed&& feed)
{
    DigestContext context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!context || EVP_DigestInit_ex(context.get(), algorithm, nullptr) != 1)
        throw Error("cannot initialise the OpenSSL digest");
    feed([&](const void* data, size_t size) { EVP_DigestUpdate(context.get(), data, size); });
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    EVP_DigestFinal_ex(context.get(), digest.data(), &length);
    return toHex(digest.data(), length);
}

std::string fileDigestHex(const EVP_MD* algorithm, const std::string& path)
{
    RegularFile file(path, "");  // a FIFO or a device would never end (or never start)
    return digestHex(algorithm, [&](auto update) {
        std::array<char, 1 << 16> buffer{};
        for (size_t got = file.read(buffer.data(), buffer.size()); got > 0; got = file.read(buffer.data(), buffer.size()))
            update(buffer.data(), got);
    });
}

} // namespace

std::string sha256Hex(std::string_view bytes)
{
    return digestHex(EVP_sha256(), [&](auto update) { update(bytes.data(), bytes.size()); });
}

struct Sha256::State {
    DigestContext context{EVP_MD_CTX_new(), &EVP_MD_CTX_free};
};

Sha256::Sha256() : state_(std::make_unique<State>())
{
    if (!state_->context || EVP_DigestInit_ex(state_->context.get(), EVP_sha256(), nullptr) != 1)
        throw Error("cannot initialise the OpenSSL SHA-256 digest");
}

Sha256::~Sha256() = default;

void Sha256::update(const void* data, size_t size) { EVP_DigestUpdate(state_->context.get(), data, size); }

std::string Sha256::hexDigest()
{
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    EVP_DigestFinal_ex(state_->context.get(), digest.data(), &length);
    return toHex(digest.data(), length);
}

std::string sha256FileHex(const std::string& path) { return fileDigestHex(EVP_sha256(), path); }
std::string md5FileHex(const std::string& path) { return fileDigestHex(EVP_md5(), path); }

} // namespace kg
