#include "embed/EmbedSettings.h"

#include <fmt/format.h>

#include <QJsonArray>

namespace rlthf::embed {

namespace {
constexpr int kMaxConcurrency = 256;
constexpr int kMaxBatch = 2048;
} // namespace

Status validate(const EmbedSettings& s) {
    if (s.endpoint.empty())
        return Error{"no embedding endpoint: give its base URL, e.g. http://127.0.0.1:8080/v1"};
    const QUrl url(QString::fromStdString(s.endpoint), QUrl::StrictMode);
    if (!url.isValid() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
        url.host().isEmpty())
        return Error{fmt::format("the embedding endpoint \"{}\" is not an http:// or https:// URL",
                                 s.endpoint)};
    if (s.model.empty())
        return Error{"no embedding model: give the model name the endpoint serves"};
    if (s.apiKeyEnv.empty())
        return Error{"the name of the API key's environment variable is empty"};
    if (s.concurrency < 1 || s.concurrency > kMaxConcurrency)
        return Error{fmt::format("the embedding concurrency must be between 1 and {}",
                                 kMaxConcurrency)};
    if (s.batch < 1 || s.batch > kMaxBatch)
        return Error{fmt::format("the embedding batch must be between 1 and {} texts", kMaxBatch)};
    if (s.timeout.count() < 1)
        return Error{"the embedding request timeout must be positive"};
    return {};
}

QUrl embeddingsUrl(const std::string& endpoint) { return judge::serviceUrl(endpoint, "embeddings"); }

QJsonObject embeddingsRequest(const std::string& model, const std::vector<std::string>& texts) {
    QJsonArray input;
    for (const std::string& text : texts)
        input.append(QString::fromStdString(text));
    return QJsonObject{{QStringLiteral("model"), QString::fromStdString(model)},
                       {QStringLiteral("input"), input}};
}

} // namespace rlthf::embed
