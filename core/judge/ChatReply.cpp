#include "judge/ChatReply.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace rlthf::judge {

Result<ChatReply> parseChatCompletion(const QByteArray& body) {
    QJsonParseError error{};
    const auto doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return Error{"the reply is not a JSON object (" +
                     (doc.isNull() ? error.errorString().toStdString() : std::string("not an object")) +
                     ")"};
    const QJsonObject root = doc.object();
    const QJsonArray choices = root.value(QStringLiteral("choices")).toArray();
    if (choices.isEmpty())
        return Error{"the reply has no \"choices\""};
    const QJsonValue message = choices.at(0).toObject().value(QStringLiteral("message"));
    const QJsonValue content = message.toObject().value(QStringLiteral("content"));
    // A null content is an answer without text (e.g. all of it went to reasoning): unreadable,
    // not a broken reply.
    if (!message.isObject() || !(content.isString() || content.isNull()))
        return Error{"the reply has no choices[0].message.content"};
    ChatReply reply;
    reply.content = content.toString().toStdString();
    const QJsonObject usage = root.value(QStringLiteral("usage")).toObject();
    reply.promptTokens = usage.value(QStringLiteral("prompt_tokens")).toInteger();
    reply.completionTokens = usage.value(QStringLiteral("completion_tokens")).toInteger();
    return reply;
}

std::string excerpt(const std::string& text, int maxChars) {
    const QString full = QString::fromStdString(text);
    if (full.size() <= maxChars)
        return text;
    qsizetype cut = maxChars;
    if (cut > 0 && full.at(cut - 1).isHighSurrogate())
        --cut;
    return full.left(cut).toStdString() + "…";
}

} // namespace rlthf::judge
