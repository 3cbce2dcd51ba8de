#pragma once
// Streams lines from a plain or gzip-compressed file with bounded memory.
// A line longer than the limit is reported, and skipped without being buffered.

#include "common/Result.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace rlthf::data {

inline constexpr std::size_t kMaxRecordBytes = 8u << 20; // 8 MiB per JSON line

class LineReader {
public:
    static Result<LineReader> open(const std::string& path, std::size_t maxLine = kMaxRecordBytes);
    LineReader(LineReader&&) noexcept;
    LineReader& operator=(LineReader&&) noexcept;
    ~LineReader();

    enum class Outcome { Line, TooLong, End, Failed };
    // Reads the next line (without its '\n'; a trailing '\r' is dropped too, unless
    // keepCarriageReturns() was called: CSV keeps a "\r\n" inside a quoted field).
    Outcome next(std::string& line);
    void keepCarriageReturns() { m_keepCarriageReturns = true; }

    std::int64_t lineNumber() const { return m_lineNumber; } // 1-based number of the last line
    std::uint64_t bytesRead() const;                         // compressed bytes consumed so far
    std::uint64_t fileSize() const { return m_fileSize; }
    const std::string& error() const { return m_error; }

private:
    LineReader() = default;
    bool refill();

    struct GzFile;
    std::unique_ptr<GzFile> m_file;
    std::string m_buffer;
    std::size_t m_pos = 0;
    std::size_t m_maxLine = kMaxRecordBytes;
    bool m_keepCarriageReturns = false;
    std::int64_t m_lineNumber = 0;
    std::uint64_t m_fileSize = 0;
    bool m_eof = false;
    std::string m_error;
};

} // namespace rlthf::data
