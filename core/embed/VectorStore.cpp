#include "embed/VectorStore.h"

#include <QCryptographicHash>
#include <bit>
#include <cstring>
#include <fmt/format.h>
#include <unordered_set>

namespace rlthf::embed {

std::string textHash(std::string_view text) {
    return QCryptographicHash::hash(
               QByteArrayView(text.data(), static_cast<qsizetype>(text.size())),
               QCryptographicHash::Sha256)
        .toHex()
        .toStdString();
}

std::string packVector(const std::vector<float>& vector) {
    std::string out(vector.size() * 4, '\0');
    for (std::size_t i = 0; i < vector.size(); ++i) {
        const auto bits = std::bit_cast<std::uint32_t>(vector[i]);
        for (std::size_t b = 0; b < 4; ++b)
            out[4 * i + b] = static_cast<char>((bits >> (8 * b)) & 0xFF);
    }
    return out;
}

std::optional<std::vector<float>> unpackVector(const std::string& blob, int dim) {
    if (dim < 0 || blob.size() != static_cast<std::size_t>(dim) * 4)
        return std::nullopt;
    std::vector<float> out(static_cast<std::size_t>(dim));
    for (std::size_t i = 0; i < out.size(); ++i) {
        std::uint32_t bits = 0;
        for (std::size_t b = 0; b < 4; ++b)
            bits |= static_cast<std::uint32_t>(static_cast<unsigned char>(blob[4 * i + b]))
                    << (8 * b);
        out[i] = std::bit_cast<float>(bits);
    }
    return out;
}

Result<std::vector<PendingText>> pendingTexts(store::Database& db, const std::string& model) {
    std::unordered_set<std::string> seen;
    auto cached = db.prepare("SELECT text_hash FROM embeddings WHERE model = ?", model);
    if (!cached)
        return cached.error();
    RLTHF_TRY(cached->forEachRow([&](const store::Statement& row) { seen.insert(row.text(0)); }));
    auto texts = db.prepare("SELECT prompt, response_a, response_b FROM visible_pairs ORDER BY id");
    if (!texts)
        return texts.error();
    std::vector<PendingText> pending;
    RLTHF_TRY(texts->forEachRow([&](const store::Statement& row) {
        for (int column = 0; column < 3; ++column) {
            std::string text = row.text(column);
            std::string hash = textHash(text);
            if (seen.insert(hash).second)
                pending.push_back({std::move(hash), std::move(text)});
        }
    }));
    return pending;
}

Result<std::optional<int>> storedDimension(store::Database& db, const std::string& model) {
    auto dim = db.scalar("SELECT dim FROM embeddings WHERE model = ? LIMIT 1", model);
    if (!dim)
        return dim.error();
    if (!*dim)
        return std::optional<int>{};
    return std::optional<int>{static_cast<int>(**dim)};
}

Status storeVectors(store::Database& db, const std::string& model,
                    const std::vector<NewVector>& vectors) {
    if (vectors.empty())
        return {};
    auto tx = store::Transaction::begin(db);
    if (!tx)
        return tx.error();
    auto stored = storedDimension(db, model);
    if (!stored)
        return stored.error();
    const int dim = stored->value_or(static_cast<int>(vectors.front().vector.size()));
    for (const NewVector& v : vectors) {
        if (static_cast<int>(v.vector.size()) != dim)
            return Error{fmt::format(
                "the endpoint returned {}-dimensional vectors for model \"{}\", but the project "
                "holds {}-dimensional vectors for it; vectors of one model name must all have "
                "the same dimension",
                v.vector.size(), model, dim)};
    }
    auto insert = db.prepare("INSERT OR IGNORE INTO embeddings (text_hash, model, dim, vector) "
                             "VALUES (?, ?, ?, ?)");
    if (!insert)
        return insert.error();
    for (const NewVector& v : vectors) {
        const std::string blob = packVector(v.vector);
        insert->reset();
        insert->bind(1, v.hash);
        insert->bind(2, model);
        insert->bind(3, dim);
        insert->bindBlob(4, blob.data(), static_cast<int>(blob.size()));
        RLTHF_TRY(insert->run());
    }
    return tx->commit();
}

Result<VectorLookup> VectorLookup::open(store::Database& db, std::string model) {
    auto statement =
        db.prepare("SELECT dim, vector FROM embeddings WHERE text_hash = ? AND model = ?");
    if (!statement)
        return statement.error();
    return VectorLookup(std::move(statement).value(), std::move(model));
}

Result<std::optional<std::vector<float>>> VectorLookup::find(std::string_view text) {
    m_statement.reset();
    m_statement.bind(1, textHash(text));
    m_statement.bind(2, m_model);
    auto row = m_statement.step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<std::vector<float>>{};
    auto vector = unpackVector(m_statement.blob(1), static_cast<int>(m_statement.int64(0)));
    m_statement.reset(); // no read snapshot held between lookups: it would hold checkpoints back
    if (!vector)
        return Error{"a stored embedding vector does not match its dimension"};
    return std::optional<std::vector<float>>{std::move(*vector)};
}

} // namespace rlthf::embed
