#pragma once
// A scripted OpenAI-style embeddings server's answers. For tests that link rlthf_test_server.

#include "ScriptedServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace rlthf::test {

// `dim` values per text: 1 for GOOD, -1 for poor, 0 otherwise; then the text's length / 100,
// then 1/i for dimension i.
inline QJsonArray vectorFor(const QString& text, int dim) {
    QJsonArray v;
    v.append(text.contains(QLatin1String("GOOD")) ? 1.0 : text.contains(QLatin1String("poor")) ? -1.0 : 0.0);
    for (int i = 1; i < dim; ++i)
        v.append(i == 1 ? text.size() / 100.0 : 1.0 / i);
    return v;
}

inline QStringList inputsOf(const HttpRequest& request) {
    QStringList texts;
    for (const QJsonValue& v : QJsonDocument::fromJson(request.body).object()["input"].toArray())
        texts.append(v.toString());
    return texts;
}

inline HttpResponse embeddings(const HttpRequest& request, int dim = 4) {
    QJsonArray data;
    const QStringList texts = inputsOf(request);
    // Listed backwards with their index, as servers may.
    for (qsizetype i = texts.size() - 1; i >= 0; --i)
        data.append(QJsonObject{{"object", "embedding"}, {"index", i}, {"embedding", vectorFor(texts[i], dim)}});
    QJsonObject usage{{"prompt_tokens", 3 * texts.size()}, {"total_tokens", 3 * texts.size()}};
    return {200,
            QJsonDocument(QJsonObject{{"object", "list"}, {"data", data}, {"usage", usage}})
                .toJson(QJsonDocument::Compact),
            {}};
}

} // namespace rlthf::test
