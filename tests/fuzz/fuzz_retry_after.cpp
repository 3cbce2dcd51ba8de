// The Retry-After header of a server's reply (delta-seconds or an HTTP date), read against a
// fixed clock: any value gives no delay or a delay that is not negative, without overflow.

#include "FuzzSupport.h"
#include "judge/RetryPolicy.h"

#include <QDateTime>

using namespace rlthf;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const QDateTime now =
        QDateTime::fromString(QStringLiteral("2026-01-02T03:04:05Z"), Qt::ISODate);
    const auto value =
        QByteArray::fromRawData(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const auto delay = judge::parseRetryAfter(value, now);
    fuzz::require(!delay || delay->count() >= 0, "a negative Retry-After delay");
    return 0;
}
