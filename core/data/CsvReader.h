#pragma once
// Rows of a CSV file as spreadsheets write it: RFC 4180 quoting (a quoted field may hold
// commas, quotes as "" and line breaks), UTF-8 with or without a byte-order mark, or CP932
// (Shift_JIS as Excel writes it in Japan), plain or gzip-compressed. Each row is decoded to
// UTF-8 and keeps the number of the line it starts on, for FILE:LINE errors.

#include "common/Result.h"
#include "data/LineReader.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rlthf::data {

enum class TextEncoding {
    Detect, // a byte-order mark means UTF-8; else the first line with a non-ASCII byte decides
    Utf8,
    Cp932,
};
std::optional<TextEncoding> parseTextEncoding(const std::string& name); // utf-8, cp932
std::string textEncodingName(TextEncoding encoding);

class CsvReader {
  public:
    static Result<CsvReader> open(const std::string& path, TextEncoding encoding);
    CsvReader(CsvReader&&) noexcept;
    CsvReader& operator=(CsvReader&&) noexcept;
    ~CsvReader();

    enum class Outcome { Row, End, Bad, Failed };
    // Row: `fields` holds the next row (blank lines are skipped). Bad: the row cannot be read
    // (error() says why; the reader goes on after it). Failed: the file cannot be read on.
    Outcome next(std::vector<std::string>& fields);

    std::int64_t rowLine() const { return m_rowLine; } // the line the last row started on
    std::uint64_t bytesRead() const { return m_lines.bytesRead(); }
    std::uint64_t fileSize() const { return m_lines.fileSize(); }
    TextEncoding encoding() const { return m_encoding; } // Detect until a non-ASCII line
    const std::string& error() const { return m_error; }

  private:
    explicit CsvReader(LineReader lines, TextEncoding encoding);
    // The next physical line, without the byte-order mark at the start of the file; false at
    // the end or on an error (m_error says which).
    bool nextLine(std::string& line, bool& failed);
    bool decode(std::string& line);

    struct Converter;
    LineReader m_lines;
    TextEncoding m_encoding;
    std::unique_ptr<Converter> m_cp932;
    std::int64_t m_rowLine = 0;
    bool m_first = true;
    std::string m_error;
};

// Excel runs a cell that starts with = + - @ (or a tab or carriage return) as a formula. A
// text cell written for a spreadsheet gets one more leading apostrophe when it starts with
// apostrophes followed by one of those; reading takes it off again, so text goes round
// unchanged.
std::string escapeFormula(const std::string& cell);
std::string unescapeFormula(const std::string& cell);

// One CSV field: quoted when it holds a comma, a quote, a line break or edge spaces.
std::string csvField(const std::string& text);
// One row: the fields joined by commas, ended by CRLF (as spreadsheets write it).
std::string csvLine(const std::vector<std::string>& fields);

inline constexpr std::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";

} // namespace rlthf::data
