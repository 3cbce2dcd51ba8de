// The embeddings reply reader. The first byte is the number of texts asked for (0-7); the
// rest is the reply body.

#include "FuzzSupport.h"
#include "embed/EmbeddingReply.h"

using namespace rlthf;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1)
        return 0;
    const std::size_t expected = data[0] % 8;
    const auto body = QByteArray::fromRawData(reinterpret_cast<const char*>(data + 1),
                                              static_cast<qsizetype>(size - 1));
    const auto reply = embed::parseEmbeddings(body, expected);
    if (!reply) {
        fuzz::require(!reply.message().empty(), "a refused reply has no reason");
        return 0;
    }
    // What the header promises of an accepted reply.
    fuzz::require(reply->vectors.size() == expected, "not one vector per text");
    for (const auto& vector : reply->vectors) {
        fuzz::require(!vector.empty(), "an empty vector was accepted");
        fuzz::require(vector.size() == reply->vectors.front().size(), "vectors differ in length");
    }
    return 0;
}
