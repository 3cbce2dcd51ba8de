// The chat completion reply reader, and the excerpt of its content kept for messages.

#include "FuzzSupport.h"
#include "judge/ChatReply.h"

#include <QUtf8StringView>

using namespace rlthf;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto body =
        QByteArray::fromRawData(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const auto reply = judge::parseChatCompletion(body);
    if (!reply) {
        fuzz::require(!reply.message().empty(), "a refused reply has no reason");
        return 0;
    }
    fuzz::require(QUtf8StringView(reply->content).isValidUtf8(), "the content is not UTF-8");
    // The cut must land on a character boundary, whatever the length.
    const int maxChars = size > 0 ? data[size - 1] % 64 : 0;
    const std::string cut = judge::excerpt(reply->content, maxChars);
    fuzz::require(QUtf8StringView(cut).isValidUtf8(), "the excerpt is not valid UTF-8");
    return 0;
}
