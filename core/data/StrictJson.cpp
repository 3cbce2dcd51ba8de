#include "data/StrictJson.h"

#include "data/WordScan.h"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <string>
#include <unordered_set>

namespace rlthf::data {

namespace {

// The keys of one object so far: a short list, as a record has few; a set once there are
// more, so that an object of thousands of keys is not checked in quadratic time.
class SeenKeys {
  public:
    // False when the key was already there.
    bool insert(const std::string& key) {
        if (m_set.empty()) {
            const auto end = m_list.begin() + static_cast<std::ptrdiff_t>(m_listed);
            if (std::find(m_list.begin(), end, key) != end)
                return false;
            if (m_listed < m_list.size()) {
                m_list[m_listed++] = key;
                return true;
            }
            m_set.insert(m_list.begin(), m_list.end()); // the list is full: the set takes over
        }
        return m_set.insert(key).second;
    }

  private:
    std::array<std::string, 16> m_list;
    std::size_t m_listed = 0;
    std::unordered_set<std::string> m_set;
};

class StrictScanner {
  public:
    explicit StrictScanner(std::string_view text,
                           std::vector<std::pair<std::string, JsonMember>>* members = nullptr)
        : m_text(text), m_members(members) {}

    Status run() {
        skipSpace();
        if (m_members && peek() != '{')
            return fail("expected a JSON object");
        RLTHF_TRY(value(0));
        skipSpace();
        if (m_pos != m_text.size())
            return fail("text after the JSON value");
        return {};
    }

  private:
    Error fail(const std::string& what) const {
        return Error{fmt::format("{} at byte {}", what, m_pos + 1)};
    }
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }
    void skipSpace() {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
            ++m_pos;
    }

    Status value(int depth) {
        if (depth > kMaxJsonDepth)
            return fail(fmt::format("nesting deeper than {} levels", kMaxJsonDepth));
        switch (peek()) {
        case '{':
            return object(depth + 1);
        case '[':
            return array(depth + 1);
        case '"':
            return string(nullptr);
        default:
            return scalar();
        }
    }

    Status object(int depth) {
        ++m_pos; // '{'
        SeenKeys keys;
        skipSpace();
        if (peek() == '}') {
            ++m_pos;
            return {};
        }
        for (;;) {
            skipSpace();
            if (peek() != '"')
                return fail("expected a key");
            const std::size_t keyAt = m_pos;
            std::string key;
            RLTHF_TRY(string(&key));
            if (!keys.insert(key)) {
                m_pos = keyAt;
                return fail(fmt::format("duplicate key \"{}\"", key));
            }
            skipSpace();
            if (peek() != ':')
                return fail("expected ':'");
            ++m_pos;
            skipSpace();
            if (m_members && depth == 1)
                RLTHF_TRY(member(std::move(key)));
            else
                RLTHF_TRY(value(depth));
            auto more = next('}');
            if (!more)
                return more.error();
            if (!*more)
                return {};
        }
    }

    // A top-level member's value, kept for the caller.
    Status member(std::string key) {
        JsonMember out;
        const std::size_t start = m_pos;
        if (peek() == '"') {
            out.kind = JsonMember::Kind::String;
            RLTHF_TRY(string(&out.text));
        } else {
            RLTHF_TRY(value(1));
            const std::string_view written = m_text.substr(start, m_pos - start);
            if (written == "null")
                out.kind = JsonMember::Kind::Null;
            else
                out = {written.front() == '{' ? JsonMember::Kind::Object : JsonMember::Kind::Other,
                       std::string(written)};
        }
        m_members->emplace_back(std::move(key), std::move(out));
        return {};
    }

    Status array(int depth) {
        ++m_pos; // '['
        skipSpace();
        if (peek() == ']') {
            ++m_pos;
            return {};
        }
        for (;;) {
            skipSpace();
            RLTHF_TRY(value(depth));
            auto more = next(']');
            if (!more)
                return more.error();
            if (!*more)
                return {};
        }
    }

    // After a member or element: true at ',' (another follows), false at `close`.
    Result<bool> next(char close) {
        skipSpace();
        const char c = peek();
        if (c != ',' && c != close)
            return fail(fmt::format("expected ',' or '{}'", close));
        ++m_pos;
        return c == ',';
    }

    // Literals and numbers: a run of the characters they are made of.
    Status scalar() {
        const std::size_t start = m_pos;
        while (!atEnd()) {
            const char c = peek();
            const bool part = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-' ||
                              c == '+' || c == '.' || c == 'E';
            if (!part)
                break;
            ++m_pos;
        }
        if (m_pos == start)
            return fail("expected a value");
        return {};
    }

    Result<unsigned> hex4() {
        if (m_pos + 4 > m_text.size())
            return fail("short \\u escape");
        unsigned code = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = m_text[m_pos++];
            code <<= 4;
            if (c >= '0' && c <= '9')
                code |= static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f')
                code |= static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                code |= static_cast<unsigned>(c - 'A' + 10);
            else
                return fail("bad \\u escape");
        }
        return code;
    }

    static bool allowedControl(unsigned code) {
        return code == '\t' || code == '\n' || code == '\r';
    }

    static void appendUtf8(std::string& out, unsigned code) {
        if (code < 0x80) {
            out += static_cast<char>(code);
        } else if (code < 0x800) {
            out += static_cast<char>(0xC0 | (code >> 6));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else if (code < 0x10000) {
            out += static_cast<char>(0xE0 | (code >> 12));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (code >> 18));
            out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        }
    }

    // A string from its opening quote; `decoded`, when given, receives its value.
    Status string(std::string* decoded) {
        ++m_pos; // '"'
        for (;;) {
            if (atEnd())
                return fail("unterminated string");
            const auto c = static_cast<unsigned char>(m_text[m_pos]);
            if (c == '"') {
                ++m_pos;
                return {};
            }
            if (c < 0x20)
                return fail(fmt::format("control character U+{:04X} inside a string", c));
            if (c != '\\') {
                // A run of plain characters, copied at once; found a word at a time first.
                const std::size_t start = m_pos;
                while (m_pos + words::kSize <= m_text.size()) {
                    const auto word = words::load(m_text.data() + m_pos);
                    if (words::anyEqual(word, '"') || words::anyEqual(word, '\\') ||
                        words::anyBelow(word, 0x20))
                        break;
                    m_pos += words::kSize;
                }
                while (m_pos < m_text.size()) {
                    const auto d = static_cast<unsigned char>(m_text[m_pos]);
                    if (d == '"' || d == '\\' || d < 0x20)
                        break;
                    ++m_pos;
                }
                if (decoded)
                    decoded->append(m_text.data() + start, m_pos - start);
                continue;
            }
            const std::size_t escapeAt = m_pos;
            ++m_pos;
            if (atEnd())
                return fail("unterminated string");
            const char e = m_text[m_pos++];
            unsigned code = 0;
            switch (e) {
            case '"':
                code = '"';
                break;
            case '\\':
                code = '\\';
                break;
            case '/':
                code = '/';
                break;
            case 'b':
                code = '\b';
                break;
            case 'f':
                code = '\f';
                break;
            case 'n':
                code = '\n';
                break;
            case 'r':
                code = '\r';
                break;
            case 't':
                code = '\t';
                break;
            case 'u': {
                auto unit = hex4();
                if (!unit)
                    return unit.error();
                code = *unit;
                if (code >= 0xDC00 && code <= 0xDFFF) {
                    m_pos = escapeAt;
                    return fail(fmt::format("lone surrogate \\u{:04x} inside a string", code));
                }
                if (code >= 0xD800 && code <= 0xDBFF) {
                    const bool pairFollows = m_pos + 6 <= m_text.size() && m_text[m_pos] == '\\' &&
                                             m_text[m_pos + 1] == 'u';
                    unsigned low = 0;
                    if (pairFollows) {
                        m_pos += 2;
                        auto next = hex4();
                        if (!next)
                            return next.error();
                        low = *next;
                    }
                    if (low < 0xDC00 || low > 0xDFFF) {
                        m_pos = escapeAt;
                        return fail(fmt::format("lone surrogate \\u{:04x} inside a string", code));
                    }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                }
                break;
            }
            default:
                m_pos = escapeAt;
                return fail("bad escape inside a string");
            }
            if (code < 0x20 && !allowedControl(code)) {
                m_pos = escapeAt;
                return fail(fmt::format("control character U+{:04X} inside a string", code));
            }
            if (decoded)
                appendUtf8(*decoded, code);
        }
    }

    std::string_view m_text;
    std::vector<std::pair<std::string, JsonMember>>* m_members;
    std::size_t m_pos = 0;
};

} // namespace

Status checkStrictJson(std::string_view text) {
    return StrictScanner(text).run();
}

Result<std::vector<std::pair<std::string, JsonMember>>> strictObjectMembers(std::string_view text) {
    std::vector<std::pair<std::string, JsonMember>> members;
    RLTHF_TRY(StrictScanner(text, &members).run());
    return members;
}

} // namespace rlthf::data
