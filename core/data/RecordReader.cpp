#include "data/RecordReader.h"

#include "data/LineReader.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <optional>

namespace rlthf::data {

namespace {

bool isBlank(const std::string& line) {
    return line.find_first_not_of(" \t\r") == std::string::npos;
}

// The first C0 control character other than tab, line feed and carriage return, which a
// `pairs` line refuses too.
std::optional<unsigned> firstControlCharacter(const std::string& text) {
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 && c != '\t' && c != '\n' && c != '\r')
            return byte;
    }
    return std::nullopt;
}

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

class JsonLinesRecords final : public RecordReader {
  public:
    JsonLinesRecords(LineReader lines, Format format, LabelSource source)
        : m_lines(std::move(lines)), m_format(format), m_source(source) {}

    Outcome next(Record& record) override {
        for (;;) {
            switch (m_lines.next(m_line)) {
            case LineReader::Outcome::End:
                return Outcome::End;
            case LineReader::Outcome::Failed:
                m_reason = "cannot read: " + m_lines.error();
                m_failedAt = m_lines.lineNumber() + 1; // the line it could not read
                return Outcome::Failed;
            case LineReader::Outcome::TooLong:
                m_reason = fmt::format("line longer than the {} MiB record limit",
                                       kMaxRecordBytes >> 20);
                return Outcome::Bad;
            case LineReader::Outcome::Line:
                if (isBlank(m_line))
                    continue;
                auto parsed = parseRecord(m_format, m_line, m_source);
                if (!parsed) {
                    m_reason = parsed.message();
                    return Outcome::Bad;
                }
                record = std::move(*parsed);
                return Outcome::Record;
            }
        }
    }
    std::int64_t line() const override { return m_failedAt ? m_failedAt : m_lines.lineNumber(); }
    std::uint64_t bytesRead() const override { return m_lines.bytesRead(); }
    std::uint64_t fileSize() const override { return m_lines.fileSize(); }

  private:
    std::int64_t m_failedAt = 0;
    LineReader m_lines;
    Format m_format;
    LabelSource m_source;
    std::string m_line;
};

class CsvRecords final : public RecordReader {
  public:
    CsvRecords(CsvReader rows, const CsvOptions& options)
        : m_rows(std::move(rows)), m_options(options) {}

    Outcome next(Record& record) override {
        if (m_columns.empty())
            if (const Outcome header = readHeader(); header != Outcome::Record)
                return header;
        switch (m_rows.next(m_fields)) {
        case CsvReader::Outcome::End:
            return Outcome::End;
        case CsvReader::Outcome::Failed:
            m_reason = m_rows.error();
            return Outcome::Failed;
        case CsvReader::Outcome::Bad:
            m_reason = m_rows.error();
            return Outcome::Bad;
        case CsvReader::Outcome::Row:
            break;
        }
        if (m_fields.size() != m_header.size()) {
            m_reason = fmt::format("{} fields, but the header has {}", m_fields.size(),
                                   m_header.size());
            return Outcome::Bad;
        }
        auto parsed = pairsRecord();
        if (!parsed) {
            m_reason = parsed.message();
            return Outcome::Bad;
        }
        record = std::move(*parsed);
        return Outcome::Record;
    }
    std::int64_t line() const override { return m_rows.rowLine(); }
    TextEncoding encoding() const override { return m_rows.encoding(); }
    std::uint64_t bytesRead() const override { return m_rows.bytesRead(); }
    std::uint64_t fileSize() const override { return m_rows.fileSize(); }

  private:
    // The row as a native `pairs` record, through the same reader as a `pairs` line, so both
    // formats accept and refuse the same: its cells become a JSON object (an empty cell is an
    // absent field), labels are read in either case, iteration and margin as numbers and
    // meta as the JSON object it holds.
    Result<Record> pairsRecord() const {
        QJsonObject object;
        std::optional<std::string> meta;
        for (const auto& [field, index] : m_columns) {
            std::string value = unescapeFormula(m_fields[index]);
            const bool text = field == "prompt" || field == "response_a" || field == "response_b" ||
                              field == "annotator" || field == "station" || field == "comment";
            if (const auto bad = firstControlCharacter(value))
                return Error{fmt::format("column \"{}\" holds the control character U+{:04X}",
                                         headerOf(field), *bad)};
            if (!text)
                value = trimmed(value);
            if (value.empty() && field != "prompt" && field != "response_a" &&
                field != "response_b")
                continue;
            if (field == "ai_label" || field == "gold_label" || field == "label") {
                // Either case, and full-width as a Japanese input method types it (Ａ, ｂ).
                std::string side = value == "Ａ" || value == "ａ"   ? "a"
                                   : value == "Ｂ" || value == "ｂ" ? "b"
                                                                    : value;
                std::transform(side.begin(), side.end(), side.begin(),
                               [](unsigned char c) { return char(std::tolower(c)); });
                if (side != "a" && side != "b")
                    return Error{fmt::format("column \"{}\" must be a or b, not \"{}\"",
                                             headerOf(field), value)};
                value = side;
            }
            const QString key = QString::fromStdString(field);
            if (field == "iteration") {
                qint64 number = 0;
                const auto [end, ec] =
                    std::from_chars(value.data(), value.data() + value.size(), number);
                if (ec != std::errc{} || end != value.data() + value.size())
                    return Error{fmt::format("column \"{}\" must be a whole number, not \"{}\"",
                                             headerOf(field), value)};
                object.insert(key, number);
            } else if (field == "margin") {
                char* end = nullptr;
                const double number = std::strtod(value.c_str(), &end);
                if (end != value.c_str() + value.size() || !std::isfinite(number))
                    return Error{fmt::format("column \"{}\" must be a number, not \"{}\"",
                                             headerOf(field), value)};
                object.insert(key, number);
            } else if (field == "meta") {
                const auto document = QJsonDocument::fromJson(QByteArray::fromStdString(value));
                if (!document.isObject())
                    return Error{
                        fmt::format("column \"{}\" must hold a JSON object", headerOf(field))};
                meta = value;
            } else {
                object.insert(key, QString::fromStdString(value));
            }
        }
        std::string line = QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString();
        if (meta) // as written, so that the strict reading sees a key given twice
            line.insert(line.size() - 1, (object.isEmpty() ? "" : ",") + ("\"meta\":" + *meta));
        return parseRecord(Format::Pairs, line, LabelSource::Ai);
    }

    std::string headerOf(const std::string& field) const {
        for (const auto& [named, header] : m_options.columns)
            if (named == field)
                return header;
        return field;
    }

    // The first row names the columns; the required fields must be among them.
    Outcome readHeader() {
        const auto outcome = m_rows.next(m_header);
        if (outcome == CsvReader::Outcome::End) {
            m_reason = "no header row (the file is empty)";
            return Outcome::Failed;
        }
        if (outcome != CsvReader::Outcome::Row) {
            m_reason = "the header row: " + m_rows.error();
            return Outcome::Failed;
        }
        for (auto& name : m_header)
            name = trimmed(name);
        for (const auto& field : csvFields()) {
            const std::string wanted = headerOf(field);
            const auto at = wanted.empty() ? m_header.end()
                                           : std::find(m_header.begin(), m_header.end(), wanted);
            if (at != m_header.end()) {
                m_columns.emplace_back(field, std::size_t(at - m_header.begin()));
            } else if (field == "prompt" || field == "response_a" || field == "response_b") {
                if (wanted.empty()) {
                    m_reason = fmt::format("no column is chosen for {}", field);
                    return Outcome::Failed;
                }
                std::string names;
                for (const auto& name : m_header)
                    names += (names.empty() ? "\"" : ", \"") + name + "\"";
                m_reason = fmt::format("no column \"{}\" for {} (the header has {})", wanted,
                                       field, names);
                return Outcome::Failed;
            }
        }
        return Outcome::Record;
    }

    CsvReader m_rows;
    CsvOptions m_options;
    std::vector<std::string> m_header;
    std::vector<std::pair<std::string, std::size_t>> m_columns; // field → index in a row
    std::vector<std::string> m_fields;
};

} // namespace

const std::vector<std::string>& csvFields() {
    static const std::vector<std::string> fields = {
        "id",           "prompt",    "response_a", "response_b", "ai_label", "gold_label", "label",
        "label_source", "annotator", "station",    "iteration",  "margin",   "comment",    "meta"};
    return fields;
}

Result<std::vector<std::pair<std::string, std::string>>> parseCsvColumns(const std::string& spec) {
    std::vector<std::pair<std::string, std::string>> columns;
    std::size_t from = 0;
    while (from <= spec.size()) {
        const std::size_t comma = std::min(spec.find(',', from), spec.size());
        const std::string item = spec.substr(from, comma - from);
        from = comma + 1;
        const auto equals = item.find('=');
        if (equals == std::string::npos || equals == 0 || equals + 1 == item.size())
            return Error{fmt::format("--columns takes FIELD=COLUMN pairs, not \"{}\"", item)};
        const std::string field = item.substr(0, equals);
        if (std::find(csvFields().begin(), csvFields().end(), field) == csvFields().end())
            return Error{fmt::format("--columns: \"{}\" is not a field ({})", field,
                                     fmt::join(csvFields(), ", "))};
        for (const auto& [named, header] : columns)
            if (named == field)
                return Error{fmt::format("--columns names \"{}\" twice", field)};
        columns.emplace_back(field, item.substr(equals + 1));
    }
    return columns;
}

Result<std::unique_ptr<RecordReader>> RecordReader::open(const std::string& path, Format format,
                                                         LabelSource source,
                                                         const CsvOptions& csv) {
    if (format == Format::Csv) {
        auto rows = CsvReader::open(path, csv.encoding);
        if (!rows)
            return rows.error();
        return std::unique_ptr<RecordReader>(new CsvRecords(std::move(*rows), csv));
    }
    auto lines = LineReader::open(path);
    if (!lines)
        return lines.error();
    return std::unique_ptr<RecordReader>(new JsonLinesRecords(std::move(*lines), format, source));
}

CsvPreview previewCsv(const std::string& path, const CsvOptions& options, std::size_t rows) {
    CsvPreview preview;
    preview.encoding = options.encoding;
    auto header = CsvReader::open(path, options.encoding);
    if (!header) {
        preview.problem = header.message();
        return preview;
    }
    if (header->next(preview.header) != CsvReader::Outcome::Row) {
        preview.header.clear();
        preview.problem = header->error().empty() ? "no header row (the file is empty)"
                                                  : "the header row: " + header->error();
        return preview;
    }
    for (auto& name : preview.header)
        name = trimmed(name);
    preview.encoding = header->encoding();
    auto reader = RecordReader::open(path, Format::Csv, LabelSource::Ai, options);
    if (!reader) {
        preview.problem = reader.message();
        return preview;
    }
    Record record;
    while (preview.rows.size() < rows) {
        const auto outcome = (*reader)->next(record);
        if (outcome == RecordReader::Outcome::End)
            break;
        if (outcome == RecordReader::Outcome::Failed) {
            preview.problem = (*reader)->reason();
            break;
        }
        CsvPreview::Row row;
        row.line = (*reader)->line();
        if (outcome == RecordReader::Outcome::Record)
            row.record = record;
        else
            row.problem = (*reader)->reason();
        preview.rows.push_back(std::move(row));
    }
    if ((*reader)->encoding() != TextEncoding::Detect)
        preview.encoding = (*reader)->encoding();
    return preview;
}

} // namespace rlthf::data
