#pragma once
// Where the embedding endpoint is and how to ask it. The API key is read from the
// environment variable named here when a run begins, and never stored.

#include "common/Result.h"
#include "judge/JudgeSettings.h"

#include <QJsonObject>
#include <QUrl>

#include <chrono>
#include <string>
#include <vector>

namespace rlthf::embed {

struct EmbedSettings {
    std::string endpoint; // OpenAI-style base URL, e.g. http://127.0.0.1:8080/v1
    std::string model;
    std::string apiKeyEnv = judge::kDefaultApiKeyEnv;
    int concurrency = 4; // requests in flight
    int batch = 64;      // texts per request
    std::chrono::milliseconds timeout{120'000}; // per request, without a byte from the server
};

// Says what is missing or out of range, naming the setting.
Status validate(const EmbedSettings& settings);

// {endpoint}/embeddings
QUrl embeddingsUrl(const std::string& endpoint);

// The body of POST {base}/embeddings.
QJsonObject embeddingsRequest(const std::string& model, const std::vector<std::string>& texts);

} // namespace rlthf::embed
