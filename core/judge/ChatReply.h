#pragma once
// The parts of an OpenAI-style chat completion the judge needs: the reply text and the
// token usage.

#include "common/Result.h"

#include <QByteArray>

#include <cstdint>
#include <string>

namespace rlthf::judge {

struct ChatReply {
    std::string content;
    std::int64_t promptTokens = 0;     // 0 when the server reports no usage
    std::int64_t completionTokens = 0;
};

// An error when the body is not JSON or has no choices[0].message.content.
Result<ChatReply> parseChatCompletion(const QByteArray& body);

// At most `maxChars` characters of `text`, cut on a character boundary, for storing and
// for messages.
std::string excerpt(const std::string& text, int maxChars);

} // namespace rlthf::judge
