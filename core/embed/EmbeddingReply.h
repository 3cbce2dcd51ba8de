#pragma once
// The parts of an OpenAI-style embeddings reply the workstation needs: one vector per
// input text, in input order, and the token usage.

#include "common/Result.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace rlthf::embed {

struct EmbeddingReply {
    std::vector<std::vector<float>> vectors; // vectors[i] embeds input i
    std::int64_t promptTokens = 0;           // 0 when the server reports no usage
};

// An error when the body is not JSON, holds other than `expected` vectors, a vector that
// is empty or not all numbers, or vectors of different lengths. data[i].index, where
// given, places the vector; otherwise the order of data is the input order.
Result<EmbeddingReply> parseEmbeddings(const QByteArray& body, std::size_t expected);

} // namespace rlthf::embed
