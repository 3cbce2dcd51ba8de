#include "ui/review/WordDiff.h"

#include <QHash>
#include <QStringView>

#include <algorithm>
#include <cstdint>
#include <optional>

namespace rlthf::ui::review {

namespace {

struct Token {
    int start = 0;
    int length = 0;
};

// Maximal runs of non-whitespace characters.
std::vector<Token> wordTokens(const QString& text) {
    std::vector<Token> tokens;
    const int size = static_cast<int>(text.size());
    int i = 0;
    while (i < size) {
        while (i < size && text.at(i).isSpace())
            ++i;
        if (i >= size)
            break;
        const int start = i;
        while (i < size && !text.at(i).isSpace())
            ++i;
        tokens.push_back({start, i - start});
    }
    return tokens;
}

// Non-blank lines, each as the span from its first to its last non-whitespace character.
std::vector<Token> lineTokens(const QString& text) {
    std::vector<Token> tokens;
    const int size = static_cast<int>(text.size());
    int lineStart = 0;
    while (lineStart <= size) {
        int lineEnd = static_cast<int>(text.indexOf(QLatin1Char('\n'), lineStart));
        if (lineEnd < 0)
            lineEnd = size;
        int first = lineStart;
        while (first < lineEnd && text.at(first).isSpace())
            ++first;
        int last = lineEnd;
        while (last > first && text.at(last - 1).isSpace())
            --last;
        if (last > first)
            tokens.push_back({first, last - first});
        lineStart = lineEnd + 1;
    }
    return tokens;
}

// Interns the tokens of both texts, so that comparing two tokens is comparing two integers.
void intern(const QString& a, const std::vector<Token>& ta, const QString& b,
            const std::vector<Token>& tb, std::vector<std::uint32_t>& ia,
            std::vector<std::uint32_t>& ib) {
    QHash<QStringView, std::uint32_t> ids;
    ids.reserve(static_cast<qsizetype>(ta.size() + tb.size()));
    auto idOf = [&ids](QStringView word) {
        auto it = ids.constFind(word);
        if (it != ids.constEnd())
            return it.value();
        const auto id = static_cast<std::uint32_t>(ids.size());
        ids.insert(word, id);
        return id;
    };
    ia.clear();
    ib.clear();
    ia.reserve(ta.size());
    ib.reserve(tb.size());
    for (const Token& t : ta)
        ia.push_back(idOf(QStringView(a).mid(t.start, t.length)));
    for (const Token& t : tb)
        ib.push_back(idOf(QStringView(b).mid(t.start, t.length)));
}

struct Changed {
    std::vector<bool> a;
    std::vector<bool> b;
};

// Which tokens are outside a longest common subsequence; nullopt when the table is too big.
std::optional<Changed> lcsDiff(const std::vector<std::uint32_t>& a,
                               const std::vector<std::uint32_t>& b, std::size_t maxCells) {
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    Changed changed{std::vector<bool>(n, false), std::vector<bool>(m, false)};

    std::size_t prefix = 0;
    while (prefix < n && prefix < m && a[prefix] == b[prefix])
        ++prefix;
    std::size_t suffix = 0;
    while (suffix < n - prefix && suffix < m - prefix && a[n - 1 - suffix] == b[m - 1 - suffix])
        ++suffix;
    const std::size_t rows = n - prefix - suffix;
    const std::size_t cols = m - prefix - suffix;
    if (rows == 0 || cols == 0) {
        for (std::size_t i = 0; i < rows; ++i)
            changed.a[prefix + i] = true;
        for (std::size_t j = 0; j < cols; ++j)
            changed.b[prefix + j] = true;
        return changed;
    }
    if (rows > maxCells / cols)
        return std::nullopt;

    // len[i][j]: LCS length of the middles' suffixes starting at i and j.
    const std::size_t stride = cols + 1;
    std::vector<std::uint32_t> len((rows + 1) * stride, 0);
    for (std::size_t i = rows; i-- > 0;) {
        for (std::size_t j = cols; j-- > 0;) {
            if (a[prefix + i] == b[prefix + j])
                len[i * stride + j] = len[(i + 1) * stride + j + 1] + 1;
            else
                len[i * stride + j] =
                    std::max(len[(i + 1) * stride + j], len[i * stride + j + 1]);
        }
    }
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < rows && j < cols) {
        if (a[prefix + i] == b[prefix + j]) {
            ++i;
            ++j;
        } else if (len[(i + 1) * stride + j] >= len[i * stride + j + 1]) {
            changed.a[prefix + i++] = true;
        } else {
            changed.b[prefix + j++] = true;
        }
    }
    for (; i < rows; ++i)
        changed.a[prefix + i] = true;
    for (; j < cols; ++j)
        changed.b[prefix + j] = true;
    return changed;
}

// Merges runs of neighbouring changed tokens into ranges.
std::vector<TextRange> ranges(const std::vector<Token>& tokens, const std::vector<bool>& changed) {
    std::vector<TextRange> out;
    std::size_t k = 0;
    while (k < tokens.size()) {
        if (!changed[k]) {
            ++k;
            continue;
        }
        const int start = tokens[k].start;
        int end = start + tokens[k].length;
        while (k + 1 < tokens.size() && changed[k + 1]) {
            ++k;
            end = tokens[k].start + tokens[k].length;
        }
        out.push_back({start, end - start});
        ++k;
    }
    return out;
}

std::optional<WordDiff> diffBy(const QString& a, const QString& b,
                               std::vector<Token> (*tokenize)(const QString&),
                               std::size_t maxCells) {
    const auto ta = tokenize(a);
    const auto tb = tokenize(b);
    std::vector<std::uint32_t> ia;
    std::vector<std::uint32_t> ib;
    intern(a, ta, b, tb, ia, ib);
    auto changed = lcsDiff(ia, ib, maxCells);
    if (!changed)
        return std::nullopt;
    WordDiff diff;
    diff.a = ranges(ta, changed->a);
    diff.b = ranges(tb, changed->b);
    return diff;
}

} // namespace

WordDiff wordDiff(const QString& a, const QString& b, const WordDiffOptions& options) {
    if (auto words = diffBy(a, b, &wordTokens, options.maxCells)) {
        words->mode = WordDiff::Mode::Words;
        return std::move(*words);
    }
    if (auto lines = diffBy(a, b, &lineTokens, options.maxCells)) {
        lines->mode = WordDiff::Mode::Lines;
        return std::move(*lines);
    }
    WordDiff skipped;
    skipped.mode = WordDiff::Mode::Skipped;
    return skipped;
}

} // namespace rlthf::ui::review
