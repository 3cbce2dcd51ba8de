// The CSV reader and the CSV records: the fuzz bytes, written to a file, read as CSV rows
// and as pairs. The first byte: bits 0-1 name the encoding (detect, UTF-8, CP932).
// Rows read must be valid UTF-8, and the rows written back by csvLine must read back the
// same (the writer and the reader agree on quoting and line ends). Records read from the
// rows must hold valid UTF-8 and labels a or b; a refused row has a reason.

#include "FuzzSupport.h"
#include "data/CsvReader.h"
#include "data/RecordReader.h"
#include "data/Records.h"

#include <string>
#include <vector>

using namespace rlthf;

namespace {

using Rows = std::vector<std::vector<std::string>>;

// The rows of a file and whether reading reached its end; a bad row ends the reading.
Rows readRows(const std::string& path, data::TextEncoding encoding, bool& whole) {
    auto reader = data::CsvReader::open(path, encoding);
    fuzz::require(reader.ok(), "CsvReader cannot open an existing file");
    Rows rows;
    std::vector<std::string> fields;
    for (;;) {
        const auto outcome = reader->next(fields);
        if (outcome == data::CsvReader::Outcome::Row) {
            fuzz::require(!fields.empty(), "a row without fields");
            for (const auto& field : fields)
                fuzz::require(!data::firstInvalidUtf8(field), "a field is not valid UTF-8");
            rows.push_back(fields);
            continue;
        }
        whole = outcome == data::CsvReader::Outcome::End;
        if (!whole)
            fuzz::require(!reader->error().empty(), "a refused row has no reason");
        return rows;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1)
        return 0;
    static const fuzz::ScratchDir dir("csv");
    const std::string path = dir.file("input.csv");
    static constexpr data::TextEncoding kEncodings[] = {
        data::TextEncoding::Detect, data::TextEncoding::Utf8, data::TextEncoding::Cp932,
        data::TextEncoding::Detect};
    const auto encoding = kEncodings[data[0] & 3];
    fuzz::writeFile(path, fuzz::bytes(data + 1, size - 1));

    bool whole = false;
    const Rows rows = readRows(path, encoding, whole);

    // What was read, written again as UTF-8, reads back the same. A row of one empty field
    // is a blank line, which the reader skips, so it is left out of both.
    Rows kept;
    std::string written(data::kUtf8ByteOrderMark);
    for (const auto& row : rows) {
        if (row.size() == 1 && row[0].find_first_not_of(" \t\r") == std::string::npos)
            continue;
        kept.push_back(row);
        written += data::csvLine(row);
    }
    const std::string again = dir.file("again.csv");
    fuzz::writeFile(again, written);
    bool wholeAgain = false;
    fuzz::require(readRows(again, data::TextEncoding::Detect, wholeAgain) == kept && wholeAgain,
                  "rows written by csvLine read back differently");

    for (const auto& row : kept)
        for (const auto& field : row)
            fuzz::require(data::unescapeFormula(data::escapeFormula(field)) == field,
                          "the formula escape does not go round");

    auto records = data::RecordReader::open(path, data::Format::Csv, data::LabelSource::Ai,
                                            data::CsvOptions{encoding, {}});
    fuzz::require(records.ok(), "RecordReader cannot open an existing file");
    data::Record record;
    for (int n = 0; n < 10000; ++n) {
        const auto outcome = (*records)->next(record);
        if (outcome == data::RecordReader::Outcome::End)
            break;
        if (outcome != data::RecordReader::Outcome::Record) {
            fuzz::require(!(*records)->reason().empty(), "a refused record has no reason");
            if (outcome == data::RecordReader::Outcome::Failed)
                break;
            continue;
        }
        for (const std::string* text : {&record.prompt, &record.responseA, &record.responseB})
            fuzz::require(!data::firstInvalidUtf8(*text), "a record's text is not valid UTF-8");
        for (const auto& side : {record.aiLabel, record.goldLabel})
            fuzz::require(!side || *side == 'a' || *side == 'b', "a label is neither a nor b");
        fuzz::require(record.keepOrder, "a CSV record lost its A/B order");
    }
    return 0;
}
