#include "data/ContentHash.h"

#include <algorithm>
#include <array>
#include <memory>
#include <openssl/evp.h>

namespace rlthf::data {

namespace {

struct DigestContextFree {
    void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};
using DigestContext = std::unique_ptr<EVP_MD_CTX, DigestContextFree>;

void addField(EVP_MD_CTX* context, std::string_view field) {
    // Length-prefixed, so field boundaries cannot be forged by the text itself.
    const std::uint64_t size = field.size();
    unsigned char prefix[8];
    for (int i = 0; i < 8; ++i)
        prefix[i] = static_cast<unsigned char>((size >> (8 * i)) & 0xFF);
    EVP_DigestUpdate(context, prefix, sizeof prefix);
    EVP_DigestUpdate(context, field.data(), field.size());
}

std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

} // namespace

std::string contentHash(std::string_view prompt, std::string_view a, std::string_view b) {
    // OpenSSL's SHA-256 uses the processor's SHA instructions: about five times faster than
    // QCryptographicHash, which an import of a million pairs noticed.
    thread_local const DigestContext context(EVP_MD_CTX_new());
    EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr);
    addField(context.get(), prompt);
    addField(context.get(), std::min(a, b));
    addField(context.get(), std::max(a, b));
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    EVP_DigestFinal_ex(context.get(), digest.data(), &length);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(2 * length);
    for (unsigned int i = 0; i < length; ++i) {
        hex.push_back(kHex[digest[i] >> 4]);
        hex.push_back(kHex[digest[i] & 0x0F]);
    }
    return hex;
}

Placement placementFor(const std::string& contentHash, std::uint64_t seed) {
    const std::uint64_t key = std::stoull(contentHash.substr(0, 16), nullptr, 16);
    const std::uint64_t mixed = splitmix64(key ^ splitmix64(seed));
    return Placement{(mixed & 1u) != 0, static_cast<int>((mixed >> 1) % 100)};
}

} // namespace rlthf::data
