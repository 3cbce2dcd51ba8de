#include "judge/Choice.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <vector>

namespace rlthf::judge {

namespace {

using Re = QRegularExpression;

// "Response A", "Output (b)", "Assistant A": a letter with a name, any case.
#define RLTHF_NAMED R"((?:response|output|assistant)\s*\(?([ab])\)?)"
// A bare capital letter; a lowercase bare "a" is too often the article.
#define RLTHF_CAPITAL R"(\(?((?-i:[AB]))\)?)"
#define RLTHF_NO_WORD_AFTER R"((?!\w))"
#define RLTHF_DECORATION R"([\s*_"'`\[(#>]*)"

// Rules from the most explicit to the least; the first that matches decides.
const std::vector<Re>& rules() {
    static const std::vector<Re> list = [] {
        const char* patterns[] = {
            // [[A]]: the MT-Bench convention.
            R"(\[\[\s*([ab])\s*\]\])",
            // "Answer: b", "Final verdict: **Response A**".
            R"((?:answer|verdict|choice|decision|winner|preference)\s*[:=])" RLTHF_DECORATION
            R"((?:(?:response|output|assistant)\s*)?\(?([ab])\)?)" RLTHF_NO_WORD_AFTER,
            // "The answer is B", "my choice is Response a".
            R"((?:answer|verdict|choice)\s+is)" RLTHF_DECORATION "(?:" RLTHF_NAMED "|"
            RLTHF_CAPITAL ")" RLTHF_NO_WORD_AFTER,
            // The reply opens with the choice: "Response A ...", "Output (a)".
            "^" RLTHF_DECORATION RLTHF_NAMED RLTHF_NO_WORD_AFTER,
            // ... or with the bare letter: "A", "**B**", "a.", "B\n\nBecause", "A - since".
            "^" RLTHF_DECORATION R"(([ab])\s*(?:$|[).:,;!\]*_"'`]|\n|\s[-–—]))",
            // "... so Response B is better", "A is the better one".
            "(?:" RLTHF_NAMED R"(|\b)" RLTHF_CAPITAL
            R"()\s+is\s+(?:the\s+)?(?:better|preferred|superior|stronger))",
            // "I prefer Output (a)".
            R"((?:prefer|choose|pick|select)\s+)" RLTHF_NAMED RLTHF_NO_WORD_AFTER,
            // "The better response is B".
            R"((?:better|preferred|stronger)\s+(?:response|output|answer|one)\s+is\s*:?)"
            RLTHF_DECORATION "(?:" RLTHF_NAMED "|" RLTHF_CAPITAL ")" RLTHF_NO_WORD_AFTER,
        };
        std::vector<Re> compiled;
        for (const char* pattern : patterns)
            compiled.emplace_back(QString::fromUtf8(pattern), Re::CaseInsensitiveOption);
        return compiled;
    }();
    return list;
}

#undef RLTHF_NAMED
#undef RLTHF_CAPITAL
#undef RLTHF_NO_WORD_AFTER
#undef RLTHF_DECORATION

std::optional<char> letter(const QString& text) {
    for (const Re& re : rules()) {
        const auto match = re.match(text);
        if (!match.hasMatch())
            continue;
        for (int group = 1; group <= re.captureCount(); ++group)
            if (match.hasCaptured(group) && !match.captured(group).isEmpty())
                return match.captured(group).toLower().at(0).toLatin1();
    }
    return std::nullopt;
}

// {"choice": "A"} and the like: the value of the first key that names a choice.
std::optional<QString> jsonChoice(const QString& text) {
    const QString trimmed = text.trimmed();
    const qsizetype open = trimmed.indexOf(QLatin1Char('{'));
    const qsizetype close = trimmed.lastIndexOf(QLatin1Char('}'));
    if (open < 0 || close <= open)
        return std::nullopt;
    const auto doc = QJsonDocument::fromJson(trimmed.mid(open, close - open + 1).toUtf8());
    if (!doc.isObject())
        return std::nullopt;
    for (const char* key : {"choice", "verdict", "answer", "winner", "better", "preferred",
                            "preference", "decision", "result"}) {
        const QJsonValue value = doc.object().value(QLatin1String(key));
        if (value.isString())
            return value.toString();
    }
    return std::nullopt;
}

} // namespace

std::optional<char> parseChoice(std::string_view reply) {
    QString text = QString::fromUtf8(reply.data(), static_cast<qsizetype>(reply.size()));
    // Reasoning models think aloud first; only what follows the thinking is the answer.
    static const Re thinking(R"(<think>.*?(</think>|$))",
                             Re::DotMatchesEverythingOption | Re::CaseInsensitiveOption);
    text.remove(thinking);
    if (auto value = jsonChoice(text))
        return letter(*value);
    return letter(text.trimmed());
}

} // namespace rlthf::judge
