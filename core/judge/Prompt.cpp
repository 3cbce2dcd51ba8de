#include "judge/Prompt.h"

#include "common/Labels.h"

#include <QJsonArray>

namespace rlthf::judge {

namespace {

// Pairwise-comparison wording in the style of the MT-Bench judge prompt; it asks for a
// bare letter so that small local models answer in a shape the parser reads.
constexpr const char* kSystem =
    "You are an impartial judge. You compare two responses an AI assistant gave to the same "
    "user prompt and decide which one is better according to these criteria:\n\n%1\n\n"
    "Do not let the order in which the responses are shown, their length or their tone "
    "sway you. Reply with the single letter A if Response A is better, or B if Response B "
    "is better. Always choose one.";

constexpr const char* kUser = "[User prompt]\n%1\n\n"
                              "[Response A]\n%2\n[End of Response A]\n\n"
                              "[Response B]\n%3\n[End of Response B]\n\n"
                              "Which response is better? Answer A or B.";

QJsonObject message(const char* role, const QString& content) {
    return QJsonObject{{QStringLiteral("role"), QLatin1String(role)},
                       {QStringLiteral("content"), content}};
}

} // namespace

const char* orderName(Order order) { return order == Order::AB ? "ab" : "ba"; }

char pairSide(char shown, Order order) { return order == Order::AB ? shown : otherSide(shown); }

QJsonObject chatRequest(const std::string& model, const std::string& criteria,
                        const PairText& pair, Order order) {
    const std::string& first = order == Order::AB ? pair.responseA : pair.responseB;
    const std::string& second = order == Order::AB ? pair.responseB : pair.responseA;
    const QString system = QString::fromLatin1(kSystem).arg(QString::fromStdString(criteria));
    const QString user = QString::fromLatin1(kUser).arg(QString::fromStdString(pair.prompt),
                                                        QString::fromStdString(first),
                                                        QString::fromStdString(second));
    return QJsonObject{
        {QStringLiteral("model"), QString::fromStdString(model)},
        {QStringLiteral("messages"),
         QJsonArray{message("system", system), message("user", user)}},
        {QStringLiteral("temperature"), 0},
        {QStringLiteral("stream"), false},
    };
}

} // namespace rlthf::judge
