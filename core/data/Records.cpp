#include "data/Records.h"

#include "data/CompactJson.h"
#include "data/LineReader.h"
#include "data/StrictJson.h"
#include "data/WordScan.h"
#include "vocab/Vocabulary.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <cmath>
#include <cstring>
#include <fmt/format.h>

namespace rlthf::data {

namespace {

constexpr std::string_view kAssistantTurn = "\n\nAssistant:";

const char* typeName(const QJsonValue& v) {
    switch (v.type()) {
    case QJsonValue::Null:
        return "null";
    case QJsonValue::Bool:
        return "a boolean";
    case QJsonValue::Double:
        return "a number";
    case QJsonValue::String:
        return "a string";
    case QJsonValue::Array:
        return "an array";
    case QJsonValue::Object:
        return "an object";
    case QJsonValue::Undefined:
        break;
    }
    return "missing";
}

Result<std::string> requiredString(const QJsonObject& obj, const char* key) {
    const QJsonValue v = obj.value(QLatin1String(key));
    if (v.isUndefined())
        return Error{fmt::format("missing field \"{}\"", key)};
    if (!v.isString())
        return Error{fmt::format("field \"{}\" must be a string, not {}", key, typeName(v))};
    return v.toString().toStdString();
}

Result<std::optional<std::string>> optionalString(const QJsonObject& obj, const char* key) {
    const QJsonValue v = obj.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull())
        return std::optional<std::string>{};
    if (!v.isString())
        return Error{fmt::format("field \"{}\" must be a string, not {}", key, typeName(v))};
    return std::optional<std::string>(v.toString().toStdString());
}

Result<std::optional<char>> optionalSide(const QJsonObject& obj, const char* key) {
    auto text = optionalString(obj, key);
    if (!text)
        return text.error();
    if (!*text)
        return std::optional<char>{};
    if (**text != "a" && **text != "b")
        return Error{fmt::format("field \"{}\" must be \"a\" or \"b\", not \"{}\"", key, **text)};
    return std::optional<char>((**text)[0]);
}

Result<std::optional<std::int64_t>> optionalInteger(const QJsonObject& obj, const char* key) {
    const QJsonValue v = obj.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull())
        return std::optional<std::int64_t>{};
    const double d = v.toDouble();
    if (!v.isDouble() || d != std::trunc(d))
        return Error{fmt::format("field \"{}\" must be an integer, not {}", key, typeName(v))};
    // Checked before the conversion, which is undefined for values out of range.
    if (!(d >= -0x1p63 && d < 0x1p63))
        return Error{fmt::format("field \"{}\" is out of range ({})", key, d)};
    return std::optional<std::int64_t>(static_cast<std::int64_t>(d));
}

Result<QJsonObject> parseObject(std::string_view line) {
    if (auto bad = firstInvalidUtf8(line))
        return Error{fmt::format("invalid UTF-8 at byte {}", *bad + 1)};
    QJsonParseError parseError;
    const auto doc = QJsonDocument::fromJson(
        QByteArray::fromRawData(line.data(), static_cast<qsizetype>(line.size())), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error{fmt::format("invalid JSON: {} at byte {}",
                                 parseError.errorString().toStdString(), parseError.offset + 1)};
    if (!doc.isObject())
        return Error{"expected a JSON object"};
    RLTHF_TRY(checkStrictJson(line));
    return doc.object();
}

Result<Record> parseTrl(const QJsonObject& obj) {
    Record r;
    auto prompt = requiredString(obj, "prompt");
    auto chosen = requiredString(obj, "chosen");
    auto rejected = requiredString(obj, "rejected");
    for (auto* field : {&prompt, &chosen, &rejected})
        if (!*field)
            return field->error();
    r.prompt = std::move(*prompt);
    r.responseA = std::move(*chosen);
    r.responseB = std::move(*rejected);
    return r;
}

Result<Record> parseHh(const QJsonObject& obj) {
    auto chosen = requiredString(obj, "chosen");
    if (!chosen)
        return chosen.error();
    auto rejected = requiredString(obj, "rejected");
    if (!rejected)
        return rejected.error();
    auto good = splitTranscript(*chosen);
    if (!good)
        return Error{"\"chosen\" has no \"\\n\\nAssistant:\" turn"};
    auto bad = splitTranscript(*rejected);
    if (!bad)
        return Error{"\"rejected\" has no \"\\n\\nAssistant:\" turn"};
    if (good->prompt != bad->prompt)
        return Error{"\"chosen\" and \"rejected\" differ before their last "
                     "\"\\n\\nAssistant:\" turn (not the same dialogue)"};
    Record r;
    r.prompt = std::move(good->prompt);
    r.responseA = std::move(good->response);
    r.responseB = std::move(bad->response);
    return r;
}

Result<Record> parsePairs(const QJsonObject& obj) {
    Record r;
    r.keepOrder = true;
    const QJsonValue id = obj.value(QLatin1String("id"));
    if (id.isString())
        r.externalId = id.toString().toStdString();
    else if (id.isDouble())
        r.externalId = QString::number(id.toDouble(), 'g', 17).toStdString();
    else if (!id.isUndefined() && !id.isNull())
        return Error{
            fmt::format("field \"id\" must be a string or a number, not {}", typeName(id))};
    auto prompt = requiredString(obj, "prompt");
    auto a = requiredString(obj, "response_a");
    auto b = requiredString(obj, "response_b");
    for (auto* field : {&prompt, &a, &b})
        if (!*field)
            return field->error();
    r.prompt = std::move(*prompt);
    r.responseA = std::move(*a);
    r.responseB = std::move(*b);

    auto ai = optionalSide(obj, "ai_label");
    if (!ai)
        return ai.error();
    auto gold = optionalSide(obj, "gold_label");
    if (!gold)
        return gold.error();
    r.aiLabel = *ai;
    r.goldLabel = *gold;

    const QJsonValue meta = obj.value(QLatin1String("meta"));
    if (meta.isObject())
        r.meta = QJsonDocument(meta.toObject()).toJson(QJsonDocument::Compact).toStdString();
    else if (!meta.isUndefined() && !meta.isNull())
        return Error{fmt::format("field \"meta\" must be an object, not {}", typeName(meta))};

    // Engine or expert labels written by `rlthf export --format pairs`.
    auto source = optionalString(obj, "label_source");
    if (!source)
        return source.error();
    // AI and gold labels travel in their own fields (ai_label, gold_label).
    const auto carriedSource = *source ? parseId<rlthf::LabelSource>(**source) : std::nullopt;
    if (carriedSource && *carriedSource != rlthf::LabelSource::Ai &&
        *carriedSource != rlthf::LabelSource::Gold) {
        auto value = optionalSide(obj, "label");
        if (!value)
            return value.error();
        if (!*value)
            return Error{
                fmt::format("field \"label\" is required with label_source \"{}\"", **source)};
        CarriedLabel carried;
        carried.value = **value;
        carried.source = **source;
        auto annotator = optionalString(obj, "annotator");
        auto comment = optionalString(obj, "comment");
        auto iteration = optionalInteger(obj, "iteration");
        if (!annotator)
            return annotator.error();
        if (!comment)
            return comment.error();
        if (!iteration)
            return iteration.error();
        carried.annotator = *annotator;
        carried.comment = *comment;
        carried.iteration = *iteration;
        const QJsonValue margin = obj.value(QLatin1String("margin"));
        if (margin.isDouble())
            carried.margin = margin.toDouble();
        r.label = std::move(carried);
    } else if (*source && **source != "ai" && **source != "gold" &&
               **source != kDroppedLabelSource) {
        return Error{fmt::format("field \"label_source\" must be ai, gold, human, settled, "
                                 "flipped, propagated or dropped, not \"{}\"",
                                 **source)};
    } else if (!*source) {
        // A label that says not whose it is was dropped without a word; it may be a verdict.
        auto value = optionalSide(obj, "label");
        if (!value)
            return value.error();
        if (*value)
            return Error{"field \"label\" needs \"label_source\" to say whose label it is "
                         "(human, settled, flipped or propagated); an AI or gold label goes in "
                         "\"ai_label\" or \"gold_label\""};
    }
    return r;
}

} // namespace

std::optional<Format> parseFormat(std::string_view name) {
    if (name == "trl")
        return Format::Trl;
    if (name == "hh-rlhf")
        return Format::HhRlhf;
    if (name == "pairs")
        return Format::Pairs;
    if (name == "csv")
        return Format::Csv;
    return std::nullopt;
}

std::string_view formatName(Format format) {
    switch (format) {
    case Format::Trl:
        return "trl";
    case Format::HhRlhf:
        return "hh-rlhf";
    case Format::Pairs:
        return "pairs";
    case Format::Csv:
        return "csv";
    }
    return "?";
}

std::optional<std::size_t> firstInvalidUtf8(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        // ASCII, the most of most lines, eight bytes at a time.
        while (i + words::kSize <= n && !words::anyHighBit(words::load(s.data() + i)))
            i += words::kSize;
        if (i == n)
            break;
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        unsigned int min = 0;
        unsigned int cp = 0;
        if ((c & 0xE0) == 0xC0) {
            len = 2, min = 0x80, cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3, min = 0x800, cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4, min = 0x10000, cp = c & 0x07;
        } else {
            return i;
        }
        if (i + len > n)
            return i;
        for (std::size_t k = 1; k < len; ++k) {
            if ((p[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return std::nullopt;
}

std::optional<TranscriptSplit> splitTranscript(std::string_view transcript) {
    const auto at = transcript.rfind(kAssistantTurn);
    if (at == std::string_view::npos)
        return std::nullopt;
    std::string_view response = transcript.substr(at + kAssistantTurn.size());
    if (!response.empty() && response.front() == ' ')
        response.remove_prefix(1);
    return TranscriptSplit{std::string(transcript.substr(0, at)), std::string(response)};
}

Result<Format> sniffFormat(const std::string& path) {
    for (const char* csv : {".csv", ".CSV", ".csv.gz"})
        if (path.size() > std::strlen(csv) &&
            path.compare(path.size() - std::strlen(csv), std::strlen(csv), csv) == 0)
            return Format::Csv;
    auto reader = LineReader::open(path);
    if (!reader)
        return reader.error();
    std::string line;
    for (;;) {
        const auto outcome = reader->next(line);
        if (outcome == LineReader::Outcome::End || outcome == LineReader::Outcome::Failed)
            return Error{fmt::format("{}: no records to tell the format from", path)};
        if (outcome == LineReader::Outcome::Line &&
            line.find_first_not_of(" \t\r") != std::string::npos)
            break;
    }
    auto obj = parseObject(line);
    if (!obj)
        return Error{fmt::format("{}:{}: {}", path, reader->lineNumber(), obj.message())};
    if (obj->contains(QLatin1String("response_a")))
        return Format::Pairs;
    if (obj->contains(QLatin1String("prompt")) && obj->contains(QLatin1String("chosen")))
        return Format::Trl;
    if (obj->contains(QLatin1String("chosen")))
        return Format::HhRlhf;
    return Error{fmt::format("{}:{}: not a known preference format (expected response_a/"
                             "response_b, prompt/chosen/rejected or chosen/rejected)",
                             path, reader->lineNumber())};
}

namespace {

// A `meta` object as written, in the compact form Qt gives it; none when Qt refuses it.
std::optional<std::string> compactMeta(std::string_view object) {
    if (auto compact = compactFlatObject(object))
        return compact;
    QJsonParseError error;
    const auto meta = QJsonDocument::fromJson(
        QByteArray::fromRawData(object.data(), static_cast<qsizetype>(object.size())), &error);
    if (error.error != QJsonParseError::NoError || !meta.isObject())
        return std::nullopt;
    return meta.toJson(QJsonDocument::Compact).toStdString();
}

} // namespace

std::optional<Record> parsePairsQuickly(std::string_view line) {
    if (firstInvalidUtf8(line))
        return std::nullopt;
    auto members = strictObjectMembers(line);
    if (!members)
        return std::nullopt;
    using Kind = JsonMember::Kind;
    Record r;
    r.keepOrder = true;
    bool prompt = false, a = false, b = false;
    bool label = false, labelSource = false; // a label without its source: the full way says why
    const auto side = [](const JsonMember& m, std::optional<char>& out) {
        if (m.kind == Kind::Null)
            return true;
        if (m.kind != Kind::String || (m.text != "a" && m.text != "b"))
            return false;
        out = m.text[0];
        return true;
    };
    for (auto& [key, m] : *members) {
        // The strict pass does not check the syntax of numbers and literals: a line with any
        // (outside `meta`, which is parsed below) takes the full way.
        if (m.kind == Kind::Other || (m.kind == Kind::Object && key != "meta"))
            return std::nullopt;
        if (key == "prompt" || key == "response_a" || key == "response_b") {
            if (m.kind != Kind::String)
                return std::nullopt;
            std::string& field = key == "prompt" ? r.prompt : key == "response_a" ? r.responseA : r.responseB;
            (key == "prompt" ? prompt : key == "response_a" ? a : b) = true;
            field = std::move(m.text);
        } else if (key == "id") {
            if (m.kind == Kind::String)
                r.externalId = std::move(m.text);
            else if (m.kind != Kind::Null)
                return std::nullopt; // a number: the full way formats it
        } else if (key == "ai_label" || key == "gold_label") {
            if (!side(m, key == "ai_label" ? r.aiLabel : r.goldLabel))
                return std::nullopt;
        } else if (key == "label_source") {
            // AI and gold labels travel in their own fields; others are carried labels.
            if (m.kind != Kind::Null && !(m.kind == Kind::String && (m.text == "ai" || m.text == "gold")))
                return std::nullopt;
            labelSource = m.kind != Kind::Null;
        } else if (key == "label") {
            label = m.kind != Kind::Null;
        } else if (key == "meta") {
            if (m.kind == Kind::Object) {
                r.meta = compactMeta(m.text);
                if (!r.meta)
                    return std::nullopt;
            } else if (m.kind != Kind::Null) {
                return std::nullopt;
            }
        }
        // Other keys (strings or null) are not read by the full way either.
    }
    if (!prompt || !a || !b || (label && !labelSource))
        return std::nullopt;
    return r;
}

Result<Record> parseRecord(Format format, std::string_view line, LabelSource source) {
    if (format == Format::Pairs)
        if (auto quick = parsePairsQuickly(line))
            return std::move(*quick);
    return parseRecordInFull(format, line, source);
}

Result<Record> parseRecordInFull(Format format, std::string_view line, LabelSource source) {
    auto obj = parseObject(line);
    if (!obj)
        return obj.error();
    Result<Record> record = Error{};
    switch (format) {
    case Format::Trl:
        record = parseTrl(*obj);
        break;
    case Format::HhRlhf:
        record = parseHh(*obj);
        break;
    case Format::Pairs:
        record = parsePairs(*obj);
        break;
    case Format::Csv:
        return Error{"a CSV row is not a JSON line (CSV files are read by RecordReader)"};
    }
    if (record && format != Format::Pairs) {
        // The file's first response is the preferred one.
        (source == LabelSource::Ai ? record->aiLabel : record->goldLabel) = 'a';
    }
    return record;
}

} // namespace rlthf::data
