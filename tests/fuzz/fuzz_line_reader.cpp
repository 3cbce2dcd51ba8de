// gzip framing and line splitting: LineReader on the fuzz bytes written to a file.
// The first byte: bit 7 writes the rest gzip-compressed here (otherwise as it is: plain
// text, or gzip framing the fuzzer mutates directly); bit 6, with bit 7, cuts the compressed
// file short; bits 0-5 are the line limit (63: the real 8 MiB one).
// Plain text and whole compressed text must come back exactly: their lines joined by '\n'
// are the input, less the '\r' before each newline. A compressed file cut short must end
// in an error, never pass for a whole file.

#include "FuzzSupport.h"
#include "data/LineReader.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>
#include <zlib.h>

using namespace rlthf;

namespace {

// Writes `content` compressed; with `cut`, drops the last 1-32 bytes of the compressed file.
// Returns the size of what was kept.
std::size_t writeGzip(const std::string& path, std::string_view content, bool cut) {
    gzFile out = gzopen(path.c_str(), "wb");
    fuzz::require(out != nullptr, "cannot create the scratch gzip file");
    if (!content.empty())
        fuzz::require(gzwrite(out, content.data(), static_cast<unsigned>(content.size())) ==
                          static_cast<int>(content.size()),
                      "cannot write the scratch gzip file");
    fuzz::require(gzclose(out) == Z_OK, "cannot close the scratch gzip file");
    std::string whole = fuzz::readFile(path);
    if (cut) {
        whole.resize(whole.size() - std::min(whole.size(), 1 + content.size() % 32));
        fuzz::writeFile(path, whole);
    }
    return whole.size();
}

// The lines a reader must give for plain text (lines longer than maxLine marked by an
// empty optional).
std::vector<std::optional<std::string>> expectedLines(std::string_view text, std::size_t maxLine) {
    std::vector<std::optional<std::string>> lines;
    while (!text.empty()) {
        const auto newline = text.find('\n');
        std::string_view line = text.substr(0, newline);
        text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
        if (line.size() > maxLine) {
            lines.emplace_back();
            continue;
        }
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        lines.emplace_back(std::string(line));
    }
    return lines;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1)
        return 0;
    static const fuzz::ScratchDir dir("line-reader");
    const std::string path = dir.file("input.jsonl.gz");
    const std::string_view content = fuzz::bytes(data + 1, size - 1);
    const bool compress = data[0] & 0x80;
    const bool cut = compress && (data[0] & 0x40);
    // Small limits exercise the over-long line path.
    const std::size_t maxLine =
        (data[0] & 0x3f) == 0x3f ? data::kMaxRecordBytes : (data[0] & 0x3f) + 1;
    std::size_t written = content.size();
    if (compress)
        written = writeGzip(path, content, cut);
    else
        fuzz::writeFile(path, content);

    auto reader = data::LineReader::open(path, maxLine);
    fuzz::require(reader.ok(), "LineReader cannot open an existing file");
    std::vector<std::optional<std::string>> lines;
    std::string line;
    bool failed = false;
    for (;;) {
        const auto outcome = reader->next(line);
        if (outcome == data::LineReader::Outcome::End)
            break;
        if (outcome == data::LineReader::Outcome::Failed) {
            fuzz::require(!reader->error().empty(), "a failed read has no reason");
            failed = true;
            break;
        }
        fuzz::require(reader->lineNumber() == static_cast<std::int64_t>(lines.size()) + 1,
                      "line numbers do not count the lines");
        fuzz::require(lines.size() <= content.size() * 1100 + 1, "more lines than input allows");
        if (outcome == data::LineReader::Outcome::TooLong) {
            lines.emplace_back();
            continue;
        }
        fuzz::require(line.find('\n') == std::string::npos, "a line holds a newline");
        fuzz::require(line.size() <= maxLine, "a line is longer than the limit");
        lines.emplace_back(line);
    }
    const bool gzipMagic = content.size() >= 2 && static_cast<unsigned char>(content[0]) == 0x1f &&
                           static_cast<unsigned char>(content[1]) == 0x8b;
    if (cut) {
        // Two bytes are enough for zlib to take the file for gzip.
        if (written >= 2)
            fuzz::require(failed, "a gzip file cut short read as a whole file");
        return 0;
    }
    if (compress || !gzipMagic) {
        // Text this process wrote itself (plain, or compressed whole) reads back exactly.
        fuzz::require(!failed, "a whole file failed to read");
        fuzz::require(lines == expectedLines(content, maxLine),
                      "the lines read differ from the lines written");
    }
    return 0;
}
