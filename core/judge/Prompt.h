#pragma once
// The request the judge gets for one pair shown in one order: the alignment criteria, the
// user's prompt and the two responses labelled A and B, at temperature 0.

#include <QJsonObject>

#include <string>

namespace rlthf::judge {

// The order the pair's responses are shown in: AB shows response_a as "A".
enum class Order { AB, BA };

const char* orderName(Order order); // "ab" or "ba", as stored
// The pair's own side ('a' or 'b') for the side shown as `shown` ('a' = "A") in `order`.
char pairSide(char shown, Order order);

struct PairText {
    std::string prompt;
    std::string responseA;
    std::string responseB;
};

// The body of POST {base}/chat/completions.
QJsonObject chatRequest(const std::string& model, const std::string& criteria,
                        const PairText& pair, Order order);

} // namespace rlthf::judge
