#include "data/CsvReader.h"

#include "data/Records.h"

#include <fmt/format.h>

#include <cerrno>
#include <iconv.h>

namespace rlthf::data {

namespace {

bool hasNonAscii(const std::string& line) {
    for (const char c : line)
        if (static_cast<unsigned char>(c) >= 0x80)
            return true;
    return false;
}

bool startsWithFormula(const std::string& cell, std::size_t from) {
    std::size_t at = from;
    while (at < cell.size() && cell[at] == '\'')
        ++at;
    return at < cell.size() && std::string_view("=+-@\t\r").find(cell[at]) != std::string::npos;
}

} // namespace

std::optional<TextEncoding> parseTextEncoding(const std::string& name) {
    if (name == "utf-8" || name == "utf8")
        return TextEncoding::Utf8;
    if (name == "cp932" || name == "shift_jis" || name == "sjis")
        return TextEncoding::Cp932;
    return std::nullopt;
}

std::string textEncodingName(TextEncoding encoding) {
    switch (encoding) {
    case TextEncoding::Detect:
        return "detect";
    case TextEncoding::Utf8:
        return "utf-8";
    case TextEncoding::Cp932:
        return "cp932";
    }
    return "?";
}

// CP932 to UTF-8 through the C library's iconv. CP932 is stateless and never uses the byte
// '\n' inside a character, so each line converts on its own.
struct CsvReader::Converter {
    iconv_t handle = reinterpret_cast<iconv_t>(-1);
    Converter() : handle(iconv_open("UTF-8", "CP932")) {}
    ~Converter() {
        if (handle != reinterpret_cast<iconv_t>(-1))
            iconv_close(handle);
    }
    Converter(const Converter&) = delete;
    Converter& operator=(const Converter&) = delete;

    bool convert(std::string& text) {
        if (handle == reinterpret_cast<iconv_t>(-1))
            return false;
        iconv(handle, nullptr, nullptr, nullptr, nullptr);
        std::string out(text.size() * 3 / 2 + 16, '\0');
        char* in = text.data();
        std::size_t inLeft = text.size();
        std::size_t done = 0;
        while (inLeft > 0) {
            char* to = out.data() + done;
            std::size_t outLeft = out.size() - done;
            const std::size_t result = iconv(handle, &in, &inLeft, &to, &outLeft);
            done = out.size() - outLeft;
            if (result != static_cast<std::size_t>(-1))
                break;
            if (errno != E2BIG)
                return false; // an invalid or incomplete sequence
            out.resize(out.size() * 2);
        }
        out.resize(done);
        text = std::move(out);
        return true;
    }
};

Result<CsvReader> CsvReader::open(const std::string& path, TextEncoding encoding) {
    auto lines = LineReader::open(path);
    if (!lines)
        return lines.error();
    lines->keepCarriageReturns(); // a row ends at "\r\n" or "\n"; inside quotes both are text
    CsvReader reader(std::move(*lines), encoding);
    if (encoding != TextEncoding::Utf8 &&
        reader.m_cp932->handle == reinterpret_cast<iconv_t>(-1))
        return Error{"this system cannot convert CP932 (Shift_JIS) text"};
    return reader;
}

CsvReader::CsvReader(LineReader lines, TextEncoding encoding)
    : m_lines(std::move(lines)), m_encoding(encoding), m_cp932(std::make_unique<Converter>()) {}
CsvReader::CsvReader(CsvReader&&) noexcept = default;
CsvReader& CsvReader::operator=(CsvReader&&) noexcept = default;
CsvReader::~CsvReader() = default;

bool CsvReader::decode(std::string& line) {
    if (!hasNonAscii(line))
        return true; // the same in UTF-8 and CP932
    if (m_encoding == TextEncoding::Detect)
        m_encoding = firstInvalidUtf8(line) ? TextEncoding::Cp932 : TextEncoding::Utf8;
    if (m_encoding == TextEncoding::Utf8) {
        if (firstInvalidUtf8(line)) {
            m_error = "not valid UTF-8 (if the file is from Excel in Japanese, name its "
                      "encoding: --encoding cp932)";
            return false;
        }
        return true;
    }
    if (!m_cp932->convert(line)) {
        m_error = "not valid CP932 (Shift_JIS) text (name the encoding: --encoding utf-8)";
        return false;
    }
    return true;
}

bool CsvReader::nextLine(std::string& line, bool& failed) {
    failed = false;
    switch (m_lines.next(line)) {
    case LineReader::Outcome::Line:
        if (m_first) {
            m_first = false;
            if (line.compare(0, kUtf8ByteOrderMark.size(), kUtf8ByteOrderMark) == 0) {
                line.erase(0, kUtf8ByteOrderMark.size());
                if (m_encoding == TextEncoding::Detect)
                    m_encoding = TextEncoding::Utf8;
            }
        }
        return true;
    case LineReader::Outcome::TooLong:
        m_error = fmt::format("line longer than the {} MiB record limit", kMaxRecordBytes >> 20);
        failed = true;
        return false;
    case LineReader::Outcome::End:
        return false;
    case LineReader::Outcome::Failed:
        m_error = "cannot read: " + m_lines.error();
        failed = true;
        return false;
    }
    return false;
}

CsvReader::Outcome CsvReader::next(std::vector<std::string>& fields) {
    fields.clear();
    std::string line;
    bool failed = false;
    do {
        if (!nextLine(line, failed))
            return failed ? Outcome::Failed : Outcome::End;
    } while (line.find_first_not_of(" \t\r") == std::string::npos);
    m_rowLine = m_lines.lineNumber();
    if (!decode(line))
        return Outcome::Bad;

    // RFC 4180 by character: a field is quoted when it starts with '"'; inside, "" is a quote
    // and a line break continues the field on the next line.
    std::string field;
    bool quoted = false;    // inside a quoted field
    bool wasQuoted = false; // the current field was quoted (and is closed)
    std::size_t recordBytes = line.size();
    std::size_t i = 0;
    for (;;) {
        const bool rowEnd = !quoted && i + 1 == line.size() && line[i] == '\r';
        if (i == line.size() || rowEnd) {
            if (!quoted)
                break;
            if (!nextLine(line, failed)) {
                m_error = failed ? m_error
                                 : "a quoted field is not closed before the end of the file";
                return failed ? Outcome::Failed : Outcome::Bad;
            }
            recordBytes += line.size() + 1;
            if (recordBytes > kMaxRecordBytes) {
                m_error = fmt::format("row longer than the {} MiB record limit",
                                      kMaxRecordBytes >> 20);
                return Outcome::Bad;
            }
            if (!decode(line))
                return Outcome::Bad;
            field.push_back('\n');
            i = 0;
            continue;
        }
        const char c = line[i++];
        if (quoted) {
            if (c != '"') {
                field.push_back(c);
            } else if (i < line.size() && line[i] == '"') {
                field.push_back('"');
                ++i;
            } else {
                quoted = false;
                wasQuoted = true;
            }
        } else if (c == ',') {
            fields.push_back(std::move(field));
            field.clear();
            wasQuoted = false;
        } else if (wasQuoted) {
            m_error = fmt::format("text after the closing quote of field {}", fields.size() + 1);
            return Outcome::Bad;
        } else if (c == '"' && field.empty()) {
            quoted = true;
        } else {
            field.push_back(c);
        }
    }
    fields.push_back(std::move(field));
    return Outcome::Row;
}

std::string escapeFormula(const std::string& cell) {
    return startsWithFormula(cell, 0) ? "'" + cell : cell;
}

std::string unescapeFormula(const std::string& cell) {
    return !cell.empty() && cell[0] == '\'' && startsWithFormula(cell, 1) ? cell.substr(1) : cell;
}

std::string csvField(const std::string& text) {
    const bool plain = text.find_first_of(",\"\r\n") == std::string::npos &&
                       (text.empty() || (text.front() != ' ' && text.back() != ' '));
    if (plain)
        return text;
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"')
            out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

std::string csvLine(const std::vector<std::string>& fields) {
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0)
            line.push_back(',');
        line += csvField(fields[i]);
    }
    line += "\r\n";
    return line;
}

} // namespace rlthf::data
