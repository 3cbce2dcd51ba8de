#pragma once
// Where the LLM judge is and how to ask it. Stored in the project (settings key "judge")
// so a resumed run and the workstation reuse it; the API key is never stored, only the
// name of the environment variable that holds it.

#include "common/Result.h"

#include <QJsonObject>
#include <QUrl>

#include <chrono>
#include <string>

namespace rlthf::store {
class Database;
class Project;
} // namespace rlthf::store

namespace rlthf::judge {

inline constexpr const char* kDefaultApiKeyEnv = "RLTHF_API_KEY";

struct JudgeSettings {
    std::string endpoint; // OpenAI-style base URL, e.g. http://127.0.0.1:8080/v1
    std::string model;
    std::string criteria; // the alignment criteria every prompt carries; empty: the default
    std::string apiKeyEnv = kDefaultApiKeyEnv;
    int concurrency = 4;  // requests in flight
    std::chrono::milliseconds timeout{180'000}; // per request, without a byte from the server
};

// The language of a project's texts, which picks the built-in criteria.
enum class TextLanguage { English, Japanese };
// Japanese when most of the first pairs' prompts hold kana; else English.
Result<TextLanguage> detectTextLanguage(store::Database& db);

// The criteria used when the project names none, in the project's language.
const std::string& defaultCriteria(TextLanguage language = TextLanguage::English);
// The settings' criteria, or the default ones when empty.
const std::string& effectiveCriteria(const JudgeSettings& settings,
                                     TextLanguage language = TextLanguage::English);

QJsonObject toJson(const JudgeSettings& settings);
// Missing keys keep their defaults; wrong types are errors naming the key.
Result<JudgeSettings> judgeSettingsFromJson(const QJsonObject& json);

Result<JudgeSettings> loadJudgeSettings(store::Project& project);
Status saveJudgeSettings(store::Project& project, const JudgeSettings& settings);

// Says what is missing or out of range, naming the setting.
Status validate(const JudgeSettings& settings);

// {endpoint}/chat/completions; a trailing slash on the endpoint is tolerated.
QUrl chatCompletionsUrl(const std::string& endpoint);
// {endpoint}/{path} for any service of an OpenAI-style base URL (e.g. "embeddings").
QUrl serviceUrl(const std::string& endpoint, const char* path);

} // namespace rlthf::judge
