#include "judge/JudgeSettings.h"

#include "store/Database.h"
#include "store/Project.h"

#include <QJsonDocument>
#include <fmt/format.h>

namespace rlthf::judge {

namespace {

constexpr const char* kSettingsKey = "judge";
constexpr int kMaxConcurrency = 256;

Status readString(const QJsonObject& json, const char* key, std::string& field) {
    const QJsonValue v = json.value(QLatin1String(key));
    if (v.isUndefined())
        return {};
    if (!v.isString())
        return Error{fmt::format("judge setting \"{}\" must be text", key)};
    field = v.toString().toStdString();
    return {};
}

Status readNumber(const QJsonObject& json, const char* key, double& field) {
    const QJsonValue v = json.value(QLatin1String(key));
    if (v.isUndefined())
        return {};
    if (!v.isDouble())
        return Error{fmt::format("judge setting \"{}\" must be a number", key)};
    field = v.toDouble();
    return {};
}

} // namespace

const std::string& defaultCriteria(TextLanguage language) {
    static const std::string english =
        "Prefer the response that is more helpful, honest and harmless. A better response "
        "answers what was actually asked, correctly and completely, in clear language; says "
        "so when it is unsure instead of making things up; and declines requests that could "
        "cause harm, politely and with a reason. Length and style matter only where they "
        "help the reader.";
    static const std::string japanese =
        "より役に立ち、正直で、害のない応答を選んでください。良い応答は、実際に尋ねられたことに"
        "正確に漏れなく、分かりやすい言葉で答えます。確かでないことは作り話をせずにそう述べ、"
        "害を及ぼしうる依頼には理由を添えて丁寧に断ります。長さや文体は、読み手の役に立つ場合に"
        "限って考慮してください。";
    return language == TextLanguage::Japanese ? japanese : english;
}

const std::string& effectiveCriteria(const JudgeSettings& settings, TextLanguage language) {
    return settings.criteria.empty() ? defaultCriteria(language) : settings.criteria;
}

Result<TextLanguage> detectTextLanguage(store::Database& db) {
    // Kana (U+3040-U+30FF, UTF-8 E3 81 80 - E3 83 BF) is Japanese alone; Han is shared with
    // Chinese, and Latin letters appear in Japanese text too.
    constexpr int kSample = 200;
    auto stmt = db.prepare("SELECT prompt FROM visible_pairs ORDER BY id LIMIT ?1");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, kSample);
    int prompts = 0, japanese = 0;
    for (;;) {
        auto row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        const std::string text = stmt->text(0);
        ++prompts;
        for (std::size_t i = 0; i + 1 < text.size(); ++i)
            if (static_cast<unsigned char>(text[i]) == 0xE3 &&
                static_cast<unsigned char>(text[i + 1]) >= 0x81 &&
                static_cast<unsigned char>(text[i + 1]) <= 0x83) {
                ++japanese;
                break;
            }
    }
    return prompts > 0 && 2 * japanese > prompts ? TextLanguage::Japanese : TextLanguage::English;
}

QJsonObject toJson(const JudgeSettings& s) {
    QJsonObject o;
    o.insert(QStringLiteral("endpoint"), QString::fromStdString(s.endpoint));
    o.insert(QStringLiteral("model"), QString::fromStdString(s.model));
    o.insert(QStringLiteral("criteria"), QString::fromStdString(s.criteria));
    o.insert(QStringLiteral("api_key_env"), QString::fromStdString(s.apiKeyEnv));
    o.insert(QStringLiteral("concurrency"), s.concurrency);
    o.insert(QStringLiteral("timeout_s"), static_cast<double>(s.timeout.count()) / 1000.0);
    return o;
}

Result<JudgeSettings> judgeSettingsFromJson(const QJsonObject& json) {
    JudgeSettings s;
    double concurrency = s.concurrency;
    double timeoutSeconds = static_cast<double>(s.timeout.count()) / 1000.0;
    RLTHF_TRY(readString(json, "endpoint", s.endpoint));
    RLTHF_TRY(readString(json, "model", s.model));
    RLTHF_TRY(readString(json, "criteria", s.criteria));
    RLTHF_TRY(readString(json, "api_key_env", s.apiKeyEnv));
    RLTHF_TRY(readNumber(json, "concurrency", concurrency));
    RLTHF_TRY(readNumber(json, "timeout_s", timeoutSeconds));
    // Out-of-range numbers would overflow the conversions below.
    if (!(concurrency > -1e9 && concurrency < 1e9))
        return Error{"judge setting \"concurrency\" is out of range"};
    if (!(timeoutSeconds > -1e12 && timeoutSeconds < 1e12))
        return Error{"judge setting \"timeout_s\" is out of range"};
    s.concurrency = static_cast<int>(concurrency);
    s.timeout = std::chrono::milliseconds(static_cast<long long>(timeoutSeconds * 1000.0));
    return s;
}

Result<JudgeSettings> loadJudgeSettings(store::Project& project) {
    auto stored = project.setting(kSettingsKey);
    if (!stored)
        return stored.error();
    if (!*stored)
        return JudgeSettings{};
    const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(**stored));
    if (!doc.isObject())
        return Error{"the project's judge settings are not a JSON object"};
    return judgeSettingsFromJson(doc.object());
}

Status saveJudgeSettings(store::Project& project, const JudgeSettings& settings) {
    return project.setSetting(
        kSettingsKey, QJsonDocument(toJson(settings)).toJson(QJsonDocument::Compact).toStdString());
}

Status validate(const JudgeSettings& s) {
    if (s.endpoint.empty())
        return Error{"no judge endpoint: give its base URL, e.g. http://127.0.0.1:8080/v1"};
    const QUrl url(QString::fromStdString(s.endpoint), QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("http") &&
                           url.scheme() != QLatin1String("https")) || url.host().isEmpty())
        return Error{fmt::format("the judge endpoint \"{}\" is not an http:// or https:// URL",
                                 s.endpoint)};
    if (s.model.empty())
        return Error{"no judge model: give the model name the endpoint serves"};
    if (s.apiKeyEnv.empty())
        return Error{"the name of the API key's environment variable is empty"};
    if (s.concurrency < 1 || s.concurrency > kMaxConcurrency)
        return Error{fmt::format("the judge concurrency must be between 1 and {}", kMaxConcurrency)};
    if (s.timeout.count() < 1)
        return Error{"the judge request timeout must be positive"};
    return {};
}

QUrl chatCompletionsUrl(const std::string& endpoint) {
    return serviceUrl(endpoint, "chat/completions");
}

QUrl serviceUrl(const std::string& endpoint, const char* path) {
    QString base = QString::fromStdString(endpoint).trimmed();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return QUrl(base + QLatin1Char('/') + QLatin1String(path));
}

} // namespace rlthf::judge
