#pragma once
// Word-level difference of two texts, for highlighting what differs between two
// responses. Pure logic (QtCore only, no widgets).
//
// Words are maximal runs of non-whitespace characters; whitespace only separates them.
// The diff is a longest common subsequence on the word tokens, after the common
// prefix and suffix are stripped. The LCS table is capped (WordDiffOptions::maxCells):
// when the differing middle is too large for a word diff it falls back to a line diff
// (whole differing lines are marked), and when even that is too large nothing is
// compared (mode Skipped, no ranges), so 10k-word texts stay fast.

#include <QString>

#include <cstddef>
#include <vector>

namespace rlthf::ui::review {

// A range of characters in a QString (UTF-16 code units, as QTextCursor counts them).
struct TextRange {
    int start = 0;
    int length = 0;
    friend bool operator==(const TextRange&, const TextRange&) = default;
};

struct WordDiffOptions {
    // Largest LCS table (rows x columns of the differing middle) that is computed.
    std::size_t maxCells = 4'000'000;
};

struct WordDiff {
    enum class Mode {
        Words,   // word-level diff
        Lines,   // the word diff was too large: differing lines are marked
        Skipped, // both were too large: nothing is marked
    };
    Mode mode = Mode::Words;
    // Ranges of text A (B) that are not part of the common subsequence, ascending and
    // disjoint. Neighbouring differing words are merged into one range (which then covers
    // the whitespace between them).
    std::vector<TextRange> a;
    std::vector<TextRange> b;

    bool identical() const { return mode != Mode::Skipped && a.empty() && b.empty(); }
};

WordDiff wordDiff(const QString& a, const QString& b, const WordDiffOptions& options = {});

} // namespace rlthf::ui::review
