#include "judge/RetryPolicy.h"

#include <fmt/format.h>

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace rlthf::judge {

namespace {

using std::chrono::milliseconds;

// A server asking for more than this is treated as asking for this much.
constexpr milliseconds kMaxRetryAfter{10 * 60 * 1000};
constexpr int kBodyExcerptChars = 300;

// The server's own explanation: error.message of an OpenAI-style error body, else the text.
std::string serverSays(const QByteArray& body) {
    const auto doc = QJsonDocument::fromJson(body);
    const QJsonValue error = doc.object().value(QStringLiteral("error"));
    QString text;
    if (error.isObject())
        text = error.toObject().value(QStringLiteral("message")).toString();
    else if (error.isString())
        text = error.toString();
    if (text.isEmpty())
        text = QString::fromUtf8(body).simplified();
    return excerpt(text.toStdString(), kBodyExcerptChars);
}

std::string httpProblem(const std::string& what, const HttpOutcome& outcome) {
    const std::string says = serverSays(outcome.body);
    return says.empty() ? fmt::format("{} (HTTP {})", what, outcome.status)
                        : fmt::format("{} (HTTP {}: {})", what, outcome.status, says);
}

Disposition make(Disposition::Kind kind, std::string problem) {
    Disposition d;
    d.kind = kind;
    d.problem = std::move(problem);
    return d;
}

Disposition classifyHttpStatus(const HttpOutcome& outcome, const RequestContext& c) {
    const int status = outcome.status;
    if (status == 429 || status >= 500) {
        Disposition d = make(Disposition::Retry,
                             httpProblem(status == 429 ? "the endpoint is limiting the request rate"
                                                       : "the endpoint failed",
                                         outcome));
        d.retryAfter = parseRetryAfter(outcome.retryAfter, QDateTime::currentDateTimeUtc());
        return d;
    }
    if (status == 401 || status == 403) {
        if (c.apiKey.isEmpty())
            return make(Disposition::Fatal,
                        httpProblem(fmt::format("the endpoint needs an API key; put it in the "
                                                "environment variable {}",
                                                c.apiKeyEnv),
                                    outcome));
        return make(Disposition::Fatal,
                    httpProblem(fmt::format("the endpoint refused the API key from ${}",
                                            c.apiKeyEnv),
                                outcome));
    }
    if (status == 404)
        return make(Disposition::Fatal,
                    httpProblem(fmt::format("the endpoint has no {} at {} or does "
                                            "not serve the model \"{}\"",
                                            c.service, c.url, c.model),
                                outcome));
    // A request the server finds malformed is this pair's problem (say, too long for the
    // model's context) once other pairs have gone through; before that, it is everyone's.
    if ((status == 400 || status == 413 || status == 422) && c.answeredBefore)
        return make(Disposition::SkipPair,
                    httpProblem("the endpoint rejected the request for this pair", outcome));
    return make(Disposition::Fatal, httpProblem("the endpoint rejected the request", outcome));
}

Disposition classifyUnread(const HttpOutcome& outcome, const RequestContext& context) {
    if (outcome.status == 0)
        return make(Disposition::Retry,
                    fmt::format("no answer from {}: {}", context.url, outcome.transportError));
    if (outcome.status < 200 || outcome.status >= 300)
        return classifyHttpStatus(outcome, context);
    return make(Disposition::Answer, {});
}

Disposition classifyRaw(const HttpOutcome& outcome, const RequestContext& context) {
    Disposition unread = classifyUnread(outcome, context);
    if (unread.kind != Disposition::Answer)
        return unread;
    auto reply = parseChatCompletion(outcome.body);
    if (!reply)
        return make(Disposition::Retry,
                    fmt::format("the endpoint's reply is not a chat completion: {}",
                                reply.message()));
    Disposition d = make(Disposition::Answer, {});
    d.reply = std::move(reply).value();
    return d;
}

} // namespace

Disposition classify(const HttpOutcome& outcome, const RequestContext& context) {
    Disposition d = classifyRaw(outcome, context);
    d.problem = redact(std::move(d.problem), context.apiKey);
    return d;
}

Disposition classifyStatus(const HttpOutcome& outcome, const RequestContext& context) {
    Disposition d = classifyUnread(outcome, context);
    d.problem = redact(std::move(d.problem), context.apiKey);
    return d;
}

std::optional<milliseconds> parseRetryAfter(const QByteArray& value, const QDateTime& now) {
    const QByteArray text = value.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool isNumber = false;
    const double seconds = text.toDouble(&isNumber);
    if (isNumber && seconds >= 0 && std::isfinite(seconds)) {
        // Capped before the conversion: a huge value would overflow it.
        const double capped = std::min(seconds * 1000.0, static_cast<double>(kMaxRetryAfter.count()));
        return milliseconds(static_cast<long long>(capped));
    }
    // HTTP dates end in "GMT", which Qt's RFC 2822 reader wants as an offset.
    QString date = QString::fromLatin1(text);
    if (date.endsWith(QLatin1String(" GMT")))
        date = date.chopped(4) + QLatin1String(" +0000");
    const QDateTime when = QDateTime::fromString(date, Qt::RFC2822Date);
    if (!when.isValid())
        return std::nullopt;
    return std::clamp(milliseconds(now.msecsTo(when)), milliseconds(0), kMaxRetryAfter);
}

milliseconds retryDelay(int attempt, const Backoff& backoff, std::optional<milliseconds> retryAfter,
                        std::mt19937_64& random) {
    const int doublings = std::clamp(attempt - 1, 0, 30);
    const double grown = std::min(static_cast<double>(backoff.base.count()) * std::ldexp(1.0, doublings),
                                  static_cast<double>(backoff.max.count()));
    std::uniform_real_distribution<double> share(0.0, backoff.jitter);
    const milliseconds delay(static_cast<long long>(grown * (1.0 + share(random))));
    return retryAfter ? std::max(delay, *retryAfter) : delay;
}

std::string redact(std::string text, const QByteArray& secret) {
    if (secret.isEmpty())
        return text;
    const std::string needle = secret.toStdString();
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 3))
        text.replace(at, needle.size(), "***");
    return text;
}

} // namespace rlthf::judge
