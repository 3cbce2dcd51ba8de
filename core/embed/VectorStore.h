#pragma once
// Embedding vectors in the project (table embeddings), keyed by the SHA-256 of the text and
// the model name. Vectors are stored as little-endian float32; every vector of one model
// has the same dimension.

#include "common/Result.h"
#include "store/Database.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rlthf::embed {

// SHA-256 (hex) of the text's UTF-8 bytes.
std::string textHash(std::string_view text);

std::string packVector(const std::vector<float>& vector);
// nullopt when the blob's size is not 4·dim.
std::optional<std::vector<float>> unpackVector(const std::string& blob, int dim);

struct PendingText {
    std::string hash;
    std::string text;
};

// The distinct prompts and responses of the project with no vector for `model` yet, in
// the order of the pairs.
Result<std::vector<PendingText>> pendingTexts(store::Database& db, const std::string& model);

// The dimension of the model's stored vectors; nullopt when none is stored.
Result<std::optional<int>> storedDimension(store::Database& db, const std::string& model);

struct NewVector {
    std::string hash;
    std::vector<float> vector;
};

// Stores the vectors in one transaction (a hash stored before keeps its vector). Refuses,
// naming both, vectors whose dimension differs from the one stored for the model.
Status storeVectors(store::Database& db, const std::string& model,
                    const std::vector<NewVector>& vectors);

// Reads stored vectors of one model by text.
class VectorLookup {
public:
    static Result<VectorLookup> open(store::Database& db, std::string model);
    // The text's vector; nullopt when none is stored.
    Result<std::optional<std::vector<float>>> find(std::string_view text);

private:
    VectorLookup(store::Statement statement, std::string model)
        : m_statement(std::move(statement)), m_model(std::move(model)) {}
    store::Statement m_statement;
    std::string m_model;
};

} // namespace rlthf::embed
