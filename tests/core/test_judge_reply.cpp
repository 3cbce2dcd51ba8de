#include "judge/ChatReply.h"
#include "judge/Choice.h"
#include "judge/Prompt.h"

#include <catch2/catch.hpp>

#include <QJsonArray>
#include <QJsonObject>

using namespace rlthf;
using namespace rlthf::judge;

TEST_CASE("the verdict parser reads the usual answer shapes", "[judge]") {
    const std::pair<const char*, char> cases[] = {
        {"A", 'a'},
        {"B", 'b'},
        {"b", 'b'},
        {"  a.\n", 'a'},
        {"Response A", 'a'},
        {"response b is better.", 'b'},
        {"**B**", 'b'},
        {"[[A]]", 'a'},
        {"After comparing both, my final verdict is [[B]].", 'b'},
        {"Answer: B", 'b'},
        {"answer: a", 'a'},
        {"Final verdict: **Response A**", 'a'},
        {"The answer is B", 'b'},
        {R"({"choice": "A"})", 'a'},
        {R"({"verdict":"Response B","reason":"more precise"})", 'b'},
        {"```json\n{\"choice\": \"b\"}\n```", 'b'},
        {"Output (a)", 'a'},
        {"Output (b) is better.", 'b'},
        {"A. It answers the question and cites the tolerance.", 'a'},
        {"B\n\nExplanation: Response A ignores the safety rule.", 'b'},
        {"A - it is more precise", 'a'},
        {"Both are fluent, but Response B is better because it is correct.", 'b'},
        {"Comparing the two, B is the better one.", 'b'},
        {"I prefer Response A.", 'a'},
        {"The better response is B.", 'b'},
        {"<think>Response A is shorter, but B is more accurate.</think>\nA", 'a'},
    };
    for (const auto& [reply, expected] : cases) {
        INFO(reply);
        const auto choice = parseChoice(reply);
        REQUIRE(choice.has_value());
        CHECK(*choice == expected);
    }
}

TEST_CASE("replies that name no choice are unparseable", "[judge]") {
    for (const char* reply : {"", "   ", "Tie", "Both responses are equally good.", "C",
                              "I cannot decide between them.", "The answer is a bit long.",
                              "<think>A seems better", R"({"choice": "tie"})"}) {
        INFO(reply);
        CHECK_FALSE(parseChoice(reply).has_value());
    }
}

TEST_CASE("a chat completion gives its text and token usage", "[judge]") {
    auto reply = parseChatCompletion(
        R"({"choices":[{"index":0,"message":{"role":"assistant","content":"B"}}],)"
        R"("usage":{"prompt_tokens":321,"completion_tokens":4,"total_tokens":325}})");
    REQUIRE(reply);
    CHECK(reply->content == "B");
    CHECK(reply->promptTokens == 321);
    CHECK(reply->completionTokens == 4);

    auto noUsage = parseChatCompletion(R"({"choices":[{"message":{"content":"A"}}]})");
    REQUIRE(noUsage);
    CHECK(noUsage->promptTokens == 0);
    auto nullContent = parseChatCompletion(R"({"choices":[{"message":{"content":null}}]})");
    REQUIRE(nullContent);
    CHECK(nullContent->content.empty());

    CHECK_FALSE(parseChatCompletion("{\"choices\": [{\"message\": {\"content\": \"A\""));
    CHECK_FALSE(parseChatCompletion("<html>Bad gateway</html>"));
    CHECK_FALSE(parseChatCompletion(R"({"choices":[]})"));
    CHECK_FALSE(parseChatCompletion(R"({"object":"error"})"));
}

TEST_CASE("the prompt carries the criteria and shows the pair in the order asked", "[judge]") {
    const PairText pair{"Is 0.07 mm within ±0.05?", "No, it is out of tolerance.", "Yes."};
    const auto ab = chatRequest("qwen2.5", "Prefer answers that follow the drawing.", pair, Order::AB);
    CHECK(ab["model"].toString() == "qwen2.5");
    CHECK(ab["temperature"].toInt() == 0);
    CHECK(ab["stream"].toBool() == false);
    const auto messages = ab["messages"].toArray();
    REQUIRE(messages.size() == 2);
    CHECK(messages[0].toObject()["role"].toString() == "system");
    CHECK(messages[0].toObject()["content"].toString().contains("Prefer answers that follow the drawing."));
    const QString user = messages[1].toObject()["content"].toString();
    CHECK(user.contains(QString::fromUtf8("Is 0.07 mm within ±0.05?")));
    CHECK(user.indexOf("out of tolerance") < user.indexOf("Yes."));

    const auto ba = chatRequest("qwen2.5", "c", pair, Order::BA);
    const QString swapped = ba["messages"].toArray()[1].toObject()["content"].toString();
    CHECK(swapped.indexOf("Yes.") < swapped.indexOf("out of tolerance"));

    CHECK(pairSide('a', Order::AB) == 'a');
    CHECK(pairSide('a', Order::BA) == 'b');
    CHECK(pairSide('b', Order::BA) == 'a');
    CHECK(std::string(orderName(Order::BA)) == "ba");
}

TEST_CASE("excerpts are cut on a character boundary", "[judge]") {
    CHECK(excerpt("short", 10) == "short");
    CHECK(excerpt("abcdef", 3) == "abc…");
    CHECK(excerpt("日本語のテキスト", 3) == "日本語…");
}
