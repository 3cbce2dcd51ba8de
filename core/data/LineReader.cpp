#include "data/LineReader.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <zlib.h>

namespace rlthf::data {

namespace {
constexpr std::size_t kChunk = 1u << 16;
}

struct LineReader::GzFile {
    gzFile handle = nullptr;
    ~GzFile() {
        if (handle)
            gzclose(handle);
    }
};

LineReader::LineReader(LineReader&&) noexcept = default;
LineReader& LineReader::operator=(LineReader&&) noexcept = default;
LineReader::~LineReader() = default;

Result<LineReader> LineReader::open(const std::string& path, std::size_t maxLine) {
    // Only regular files: a device such as /dev/zero never ends, and opening a FIFO that
    // has no writer waits forever.
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec)
        return Error{fmt::format("{}: cannot open: {}", path, ec.message())};
    if (std::filesystem::is_directory(status))
        return Error{fmt::format("{}: is a directory, not a data file", path)};
    if (!std::filesystem::is_regular_file(status))
        return Error{fmt::format("{}: not a regular file (a device, pipe or socket); save the "
                                 "data to a file and import that",
                                 path)};
    LineReader reader;
    reader.m_file = std::make_unique<GzFile>();
    // gzopen reads plain files transparently, so one path serves .jsonl and .jsonl.gz.
    reader.m_file->handle = gzopen(path.c_str(), "rb");
    if (!reader.m_file->handle)
        return Error{fmt::format("{}: cannot open: {}", path, std::strerror(errno))};
    gzbuffer(reader.m_file->handle, 1u << 17);
    reader.m_maxLine = maxLine;
    reader.m_fileSize = std::filesystem::file_size(path, ec);
    return reader;
}

std::uint64_t LineReader::bytesRead() const {
    return m_file && m_file->handle ? static_cast<std::uint64_t>(gzoffset(m_file->handle)) : 0;
}

bool LineReader::refill() {
    if (m_eof)
        return false;
    m_buffer.erase(0, m_pos);
    m_pos = 0;
    const std::size_t old = m_buffer.size();
    m_buffer.resize(old + kChunk);
    const int n = gzread(m_file->handle, m_buffer.data() + old, kChunk);
    if (n < 0) {
        int code = 0;
        m_error = gzerror(m_file->handle, &code);
        m_buffer.resize(old);
        m_eof = true;
        return false;
    }
    m_buffer.resize(old + static_cast<std::size_t>(n));
    if (n == 0) {
        m_eof = true;
        // zlib reports a stream that stops before its end marker only through gzerror,
        // and still hands out what it could inflate: that must not pass for the whole file.
        int code = Z_OK;
        gzerror(m_file->handle, &code);
        if (code == Z_BUF_ERROR)
            m_error = "the compressed file is cut short (truncated before its end)";
    }
    return n > 0;
}

LineReader::Outcome LineReader::next(std::string& line) {
    bool tooLong = false;
    std::size_t scanned = 0; // bytes after m_pos already known to hold no newline
    for (;;) {
        const auto newline = m_buffer.find('\n', m_pos + scanned);
        if (newline != std::string::npos) {
            ++m_lineNumber;
            if (tooLong) {
                m_pos = newline + 1;
                return Outcome::TooLong;
            }
            if (newline - m_pos > m_maxLine) {
                m_pos = newline + 1;
                return Outcome::TooLong;
            }
            line.assign(m_buffer, m_pos, newline - m_pos);
            m_pos = newline + 1;
            if (!m_keepCarriageReturns && !line.empty() && line.back() == '\r')
                line.pop_back();
            return Outcome::Line;
        }
        if (m_buffer.size() - m_pos > m_maxLine) {
            // Drop what we have of an over-long line and keep scanning for its end.
            tooLong = true;
            m_buffer.clear();
            m_pos = 0;
        }
        scanned = m_buffer.size() - m_pos;
        if (!refill()) {
            if (!m_error.empty())
                return Outcome::Failed;
            if (m_pos >= m_buffer.size() && !tooLong)
                return Outcome::End;
            ++m_lineNumber; // last line without a trailing newline
            if (tooLong) {
                m_buffer.clear();
                m_pos = 0;
                return Outcome::TooLong;
            }
            line.assign(m_buffer, m_pos);
            m_pos = m_buffer.size();
            if (!m_keepCarriageReturns && !line.empty() && line.back() == '\r')
                line.pop_back();
            return Outcome::Line;
        }
    }
}

} // namespace rlthf::data
