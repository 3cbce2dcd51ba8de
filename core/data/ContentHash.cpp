#include "data/ContentHash.h"

#include <QByteArray>
#include <QCryptographicHash>

#include <algorithm>

namespace rlthf::data {

namespace {

void addField(QCryptographicHash& hash, std::string_view field) {
    // Length-prefixed, so field boundaries cannot be forged by the text itself.
    const std::uint64_t size = field.size();
    char prefix[8];
    for (int i = 0; i < 8; ++i)
        prefix[i] = static_cast<char>((size >> (8 * i)) & 0xFF);
    hash.addData(QByteArrayView(prefix, 8));
    hash.addData(QByteArrayView(field.data(), static_cast<qsizetype>(field.size())));
}

std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

} // namespace

std::string contentHash(std::string_view prompt, std::string_view a, std::string_view b) {
    QCryptographicHash hash(QCryptographicHash::Sha256);
    addField(hash, prompt);
    addField(hash, std::min(a, b));
    addField(hash, std::max(a, b));
    return hash.result().toHex().toStdString();
}

Placement placementFor(const std::string& contentHash, std::uint64_t seed) {
    const std::uint64_t key = std::stoull(contentHash.substr(0, 16), nullptr, 16);
    const std::uint64_t mixed = splitmix64(key ^ splitmix64(seed));
    return Placement{(mixed & 1u) != 0, static_cast<int>((mixed >> 1) % 100)};
}

} // namespace rlthf::data
