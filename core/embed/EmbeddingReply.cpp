#include "embed/EmbeddingReply.h"

#include <fmt/format.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace rlthf::embed {

Result<EmbeddingReply> parseEmbeddings(const QByteArray& body, std::size_t expected) {
    QJsonParseError error{};
    const auto doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return Error{"the reply is not a JSON object"};
    const QJsonObject root = doc.object();
    const QJsonArray data = root.value(QStringLiteral("data")).toArray();
    if (static_cast<std::size_t>(data.size()) != expected)
        return Error{fmt::format("the reply holds {} vectors for {} texts", data.size(), expected)};
    EmbeddingReply reply;
    reply.vectors.resize(expected);
    for (qsizetype i = 0; i < data.size(); ++i) {
        const QJsonObject item = data.at(i).toObject();
        const QJsonValue index = item.value(QStringLiteral("index"));
        const qint64 at = index.isDouble() ? index.toInteger(-1) : i;
        if (at < 0 || static_cast<std::size_t>(at) >= expected || !reply.vectors[static_cast<std::size_t>(at)].empty())
            return Error{fmt::format("the reply's data[{}].index is out of place", i)};
        const QJsonArray values = item.value(QStringLiteral("embedding")).toArray();
        if (values.isEmpty())
            return Error{fmt::format("the reply's data[{}] has no \"embedding\" list of numbers", i)};
        std::vector<float>& vector = reply.vectors[static_cast<std::size_t>(at)];
        vector.reserve(static_cast<std::size_t>(values.size()));
        for (const QJsonValue& v : values) {
            if (!v.isDouble())
                return Error{fmt::format("the reply's data[{}].embedding holds a non-number", i)};
            vector.push_back(static_cast<float>(v.toDouble()));
        }
        if (vector.size() != reply.vectors.front().size() && !reply.vectors.front().empty())
            return Error{"the reply's vectors differ in length"};
    }
    for (const auto& vector : reply.vectors)
        if (vector.size() != reply.vectors.front().size())
            return Error{"the reply's vectors differ in length"};
    const QJsonObject usage = root.value(QStringLiteral("usage")).toObject();
    reply.promptTokens = usage.value(QStringLiteral("prompt_tokens")).toInteger();
    if (reply.promptTokens == 0)
        reply.promptTokens = usage.value(QStringLiteral("total_tokens")).toInteger();
    return reply;
}

} // namespace rlthf::embed
