#pragma once
// The records of one input file, one at a time, whatever its format: JSON lines (trl,
// hh-rlhf, pairs) or CSV. Each record keeps the line it starts on, for FILE:LINE errors.

#include "common/Result.h"
#include "data/CsvReader.h"
#include "data/Records.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rlthf::data {

// How a CSV file is read: its encoding, and which header names hold the native fields (a
// field not named here is read from the column of its own name).
struct CsvOptions {
    TextEncoding encoding = TextEncoding::Detect;
    std::vector<std::pair<std::string, std::string>> columns; // field → header name
    // (an empty header name: the field is not read, even from a column of its own name)
};
// The native fields a CSV file may hold, as `rlthf export --format csv` writes them: id,
// prompt, response_a, response_b, ai_label, gold_label, then the label in force with its
// provenance (label, label_source, annotator, iteration, margin, comment) and meta. Only
// prompt, response_a and response_b are required.
const std::vector<std::string>& csvFields();
// "prompt=Question,response_a=Answer 1": each field once, each a native field.
Result<std::vector<std::pair<std::string, std::string>>> parseCsvColumns(const std::string& spec);

class RecordReader {
  public:
    static Result<std::unique_ptr<RecordReader>> open(const std::string& path, Format format,
                                                      LabelSource source, const CsvOptions& csv);
    virtual ~RecordReader() = default;

    enum class Outcome { Record, Bad, End, Failed };
    // Record: the next record. Bad: the next one cannot be read (reason() says why; reading
    // goes on after it). Failed: the file cannot be read on (reason()).
    virtual Outcome next(Record& record) = 0;
    virtual std::int64_t line() const = 0; // where the last record (or problem) starts
    virtual std::uint64_t bytesRead() const = 0;
    virtual std::uint64_t fileSize() const = 0;
    // CSV: the encoding named, or the one detected so far; JSON lines are UTF-8.
    virtual TextEncoding encoding() const { return TextEncoding::Utf8; }
    const std::string& reason() const { return m_reason; }

  protected:
    std::string m_reason;
};

// The first rows of a CSV file as an import would read them, for the import dialog.
struct CsvPreview {
    std::vector<std::string> header;              // the header row as written (empty if unreadable)
    TextEncoding encoding = TextEncoding::Detect; // as named, or as detected so far
    struct Row {
        std::int64_t line = 0;
        std::optional<Record> record; // absent: the row is refused, for `problem`
        std::string problem;
    };
    std::vector<Row> rows;
    std::string problem; // the file as a whole cannot be imported (a column is missing, ...)
};
CsvPreview previewCsv(const std::string& path, const CsvOptions& options, std::size_t rows);

} // namespace rlthf::data
