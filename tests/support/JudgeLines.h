#pragma once
// Native pairs lines for judge tests: pair i has one response marked GOOD, on side A for
// even i and on side B for odd i, and no labels.

#include <QJsonDocument>
#include <QJsonObject>

#include <string>

namespace rlthf::test {

inline std::string judgePairLines(int pairs) {
    std::string lines;
    for (int i = 1; i <= pairs; ++i) {
        const std::string good = "reply " + std::to_string(i) + " GOOD";
        const std::string poor = "reply " + std::to_string(i) + " poor";
        QJsonObject record{{"prompt", QString::fromStdString("question " + std::to_string(i))},
                           {"response_a", QString::fromStdString(i % 2 == 0 ? good : poor)},
                           {"response_b", QString::fromStdString(i % 2 == 0 ? poor : good)}};
        lines += QJsonDocument(record).toJson(QJsonDocument::Compact).toStdString() + "\n";
    }
    return lines;
}

} // namespace rlthf::test
