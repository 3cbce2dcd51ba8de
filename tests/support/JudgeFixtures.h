#pragma once
// Pairs waiting for the LLM judge, and scripted judges that answer about them over HTTP.
// Pair number i has the prompt "question i"; one response carries the word GOOD, the other
// the word poor; GOOD is response_a for even i and response_b for odd i.
// For tests that link rlthf_data and rlthf_test_server.

#include "Files.h"
#include "JudgeLines.h"
#include "ScriptedServer.h"
#include "data/Importer.h"
#include "store/Project.h"

#include <catch2/catch.hpp>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <string>

namespace rlthf::test {

// The project at `path` with `pairs` pairs and no labels at all.
inline store::Project makeJudgeProject(const std::string& path, int pairs) {
    writeFile(path + ".jsonl", judgePairLines(pairs));
    auto project = store::Project::open(path, store::OpenMode::OpenOrCreate);
    if (!project)
        FAIL("cannot create " << path << ": " << project.message());
    auto report = data::importFiles(*project, {path + ".jsonl"}, {});
    if (!report)
        FAIL("import failed: " << report.message());
    REQUIRE(report->imported == pairs);
    return std::move(project).value();
}

// The pair's own label that the judge should give: 'a' for even pair numbers.
inline char goodSide(int pair) { return pair % 2 == 0 ? 'a' : 'b'; }

inline QString userMessage(const HttpRequest& request) {
    const auto messages = QJsonDocument::fromJson(request.body).object()["messages"].toArray();
    return messages.isEmpty() ? QString() : messages.last().toObject()["content"].toString();
}

// Which pair a request asks about, and in which order ("ab": response_a shown first).
struct AskedAbout {
    int pair = 0;
    std::string order;
    bool operator<(const AskedAbout& o) const {
        return pair != o.pair ? pair < o.pair : order < o.order;
    }
};

inline bool goodShownFirst(const HttpRequest& request) {
    const QString text = userMessage(request);
    return text.indexOf(QLatin1String("GOOD")) < text.indexOf(QLatin1String("poor"));
}

inline AskedAbout askedAbout(const HttpRequest& request) {
    static const QRegularExpression number(QStringLiteral("question (\\d+)"));
    const int pair = number.match(userMessage(request)).captured(1).toInt();
    const bool aFirst = goodShownFirst(request) == (goodSide(pair) == 'a');
    return {pair, aFirst ? "ab" : "ba"};
}

inline QByteArray completion(const QString& content, int promptTokens = 100,
                             int completionTokens = 2) {
    return judge::chatCompletion(content, promptTokens, completionTokens);
}

inline HttpResponse answer(const QString& content) { return {200, completion(content), {}}; }

// A judge that prefers the GOOD response in either order.
inline HttpResponse fairJudge(const HttpRequest& request) {
    return answer(goodShownFirst(request) ? QStringLiteral("A") : QStringLiteral("B"));
}

// The fair judge, taking `delay` over each answer.
inline ScriptedServer::Script slowFairJudge(std::chrono::milliseconds delay) {
    return [delay](const HttpRequest& request) {
        HttpResponse slow = fairJudge(request);
        slow.delay = delay;
        return slow;
    };
}

// A judge that always prefers the response shown first.
inline HttpResponse firstShownJudge(const HttpRequest&) { return answer(QStringLiteral("A")); }

} // namespace rlthf::test
