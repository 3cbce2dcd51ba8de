// The JSON-lines record readers (trl, hh-rlhf, pairs). The first byte picks the format and
// the label source; the rest, up to the first newline, is the line as the importer passes it.

#include "FuzzSupport.h"
#include "data/Records.h"

#include <QByteArray>
#include <QJsonDocument>

using namespace rlthf;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2)
        return 0;
    static constexpr data::Format kFormats[] = {data::Format::Trl, data::Format::HhRlhf,
                                                data::Format::Pairs};
    const data::Format format = kFormats[(data[0] & 0x7f) % 3];
    const auto source = (data[0] & 0x80) ? data::LabelSource::Gold : data::LabelSource::Ai;
    std::string_view line = fuzz::bytes(data + 1, size - 1);
    line = line.substr(0, line.find('\n'));
    if (line.empty())
        return 0;

    const auto record = data::parseRecord(format, line, source);
    if (format == data::Format::Pairs) {
        // The quick way gives a record only where the full way gives the same one.
        const auto full = data::parseRecordInFull(format, line, source);
        fuzz::require(bool(record) == bool(full), "the quick and the full way disagree");
        if (record) {
            const data::Record &q = record.value(), &f = full.value();
            fuzz::require(q.externalId == f.externalId && q.prompt == f.prompt &&
                              q.responseA == f.responseA && q.responseB == f.responseB &&
                              q.aiLabel == f.aiLabel && q.goldLabel == f.goldLabel &&
                              q.meta == f.meta && bool(q.label) == bool(f.label),
                          "the quick and the full way read different records");
        }
    }
    if (!record) {
        fuzz::require(!record.message().empty(), "a refused record has no reason");
        return 0;
    }
    const data::Record& r = record.value();
    for (const std::string* text : {&r.prompt, &r.responseA, &r.responseB})
        fuzz::require(!data::firstInvalidUtf8(*text), "a parsed text is not valid UTF-8");
    fuzz::require(r.keepOrder == (format == data::Format::Pairs), "keepOrder differs from format");
    for (const auto& side : {r.aiLabel, r.goldLabel})
        fuzz::require(!side || *side == 'a' || *side == 'b', "a label is neither a nor b");
    if (r.label)
        fuzz::require(r.label->value == 'a' || r.label->value == 'b',
                      "a carried label is neither a nor b");
    if (r.meta)
        fuzz::require(QJsonDocument::fromJson(QByteArray::fromStdString(*r.meta)).isObject(),
                      "meta is not a JSON object");
    if (format != data::Format::Pairs) {
        // The file's first response is the preferred one, by the label source named.
        const auto& preferred = source == data::LabelSource::Ai ? r.aiLabel : r.goldLabel;
        const auto& other = source == data::LabelSource::Ai ? r.goldLabel : r.aiLabel;
        fuzz::require(preferred == 'a' && !other, "a trl/hh-rlhf record has the wrong labels");
        fuzz::require(!r.externalId && !r.label && !r.meta,
                      "a trl/hh-rlhf record carries pairs-only fields");
    }
    return 0;
}
