// The settings JSON readers: the judge's ("judge" key of a project) and the loop's ("loop").
// The first byte picks the reader; the rest is the stored JSON text. Settings that are
// read must survive a write and a second read unchanged.

#include "FuzzSupport.h"
#include "judge/JudgeSettings.h"
#include "loop/LoopSettings.h"

#include <QByteArray>
#include <QJsonDocument>

using namespace rlthf;

namespace {

template <class Settings, class Read> void roundTrip(const Result<Settings>& first, Read read) {
    if (!first) {
        fuzz::require(!first.message().empty(), "refused settings have no reason");
        return;
    }
    const QJsonObject written = toJson(first.value());
    // Through text, as the project stores them.
    const auto text = QJsonDocument(written).toJson(QJsonDocument::Compact);
    const auto again = read(QJsonDocument::fromJson(text).object());
    fuzz::require(again.ok(), "settings that were read cannot be read back after writing");
    fuzz::require(toJson(again.value()) == written, "settings change on a write and a read");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1)
        return 0;
    const auto text = QByteArray::fromRawData(reinterpret_cast<const char*>(data + 1),
                                              static_cast<qsizetype>(size - 1));
    const auto doc = QJsonDocument::fromJson(text);
    if (!doc.isObject())
        return 0; // loadJudgeSettings/loadLoopSettings refuse these before reading
    if (data[0] & 1) {
        const auto settings = loop::loopSettingsFromJson(doc.object());
        roundTrip(settings, loop::loopSettingsFromJson);
    } else {
        const auto settings = judge::judgeSettingsFromJson(doc.object());
        if (settings)
            (void)judge::validate(settings.value());
        roundTrip(settings, judge::judgeSettingsFromJson);
    }
    return 0;
}
