#include "ui/review/WordDiff.h"

#include <catch2/catch.hpp>

#include <QStringList>

using rlthf::ui::review::TextRange;
using rlthf::ui::review::WordDiff;
using rlthf::ui::review::WordDiffOptions;
using rlthf::ui::review::wordDiff;

namespace {

QStringList pieces(const QString& text, const std::vector<TextRange>& ranges) {
    QStringList out;
    for (const TextRange& r : ranges)
        out << text.mid(r.start, r.length);
    return out;
}

} // namespace

TEST_CASE("WordDiff marks the words that differ", "[review][worddiff]") {
    const QString a = QStringLiteral("the quick brown fox");
    const QString b = QStringLiteral("the slow brown dog");
    const WordDiff diff = wordDiff(a, b);
    CHECK(diff.mode == WordDiff::Mode::Words);
    CHECK(diff.a == std::vector<TextRange>{{4, 5}, {16, 3}});
    CHECK(diff.b == std::vector<TextRange>{{4, 4}, {15, 3}});
    CHECK(pieces(a, diff.a) == QStringList{QStringLiteral("quick"), QStringLiteral("fox")});
    CHECK(pieces(b, diff.b) == QStringList{QStringLiteral("slow"), QStringLiteral("dog")});
    CHECK_FALSE(diff.identical());
}

TEST_CASE("WordDiff ignores whitespace and merges neighbouring words", "[review][worddiff]") {
    SECTION("identical words, different spacing") {
        const WordDiff diff = wordDiff(QStringLiteral("Reject  the lot.\n"),
                                       QStringLiteral("Reject the\tlot."));
        CHECK(diff.identical());
    }
    SECTION("insertion of a run of words") {
        const QString a = QStringLiteral("Quarantine the lot and verify.");
        const QString b = QStringLiteral("Quarantine the lot, run a 5-why and verify.");
        const WordDiff diff = wordDiff(a, b);
        CHECK(pieces(a, diff.a) == QStringList{QStringLiteral("lot")});
        // "lot," "run" "a" "5-why" are neighbours: one range
        CHECK(pieces(b, diff.b) == QStringList{QStringLiteral("lot, run a 5-why")});
    }
    SECTION("one side empty") {
        const QString b = QStringLiteral("  all new  ");
        const WordDiff diff = wordDiff(QString(), b);
        CHECK(diff.a.empty());
        CHECK(pieces(b, diff.b) == QStringList{QStringLiteral("all new")});
    }
    SECTION("both empty") {
        CHECK(wordDiff(QString(), QString()).identical());
    }
    SECTION("non-ASCII text: ranges count UTF-16 units") {
        const QString a = QStringLiteral("20.00 ± 0.05 mm, measured 20.07 µm");
        const QString b = QStringLiteral("20.00 ± 0.05 mm, measured 20.03 µm");
        const WordDiff diff = wordDiff(a, b);
        CHECK(pieces(a, diff.a) == QStringList{QStringLiteral("20.07")});
        CHECK(pieces(b, diff.b) == QStringList{QStringLiteral("20.03")});
    }
}

TEST_CASE("WordDiff stays fast on 10k-word texts", "[review][worddiff]") {
    auto words = [](int count, int salt) {
        QStringList list;
        for (int i = 0; i < count; ++i) {
            list << QStringLiteral("w%1x%2").arg((i * 7919) % 5003).arg(salt);
            if (i % 20 == 19)
                list.back() += QLatin1Char('\n');
        }
        return list.join(QLatin1Char(' '));
    };
    SECTION("a small edit in the middle of long texts is a word diff") {
        const QString a = words(10000, 0);
        QString b = a;
        const int at = static_cast<int>(b.indexOf(QLatin1Char(' '), b.size() / 2));
        b.insert(at, QStringLiteral(" inserted"));
        const WordDiff diff = wordDiff(a, b);
        CHECK(diff.mode == WordDiff::Mode::Words);
        CHECK(diff.a.empty());
        CHECK(pieces(b, diff.b) == QStringList{QStringLiteral("inserted")});
    }
    SECTION("wholly different long texts fall back to lines") {
        const QString a = words(10000, 1);
        const QString b = words(10000, 2);
        const WordDiff diff = wordDiff(a, b);
        CHECK(diff.mode == WordDiff::Mode::Lines);
        REQUIRE_FALSE(diff.a.empty());
        REQUIRE_FALSE(diff.b.empty());
        CHECK(diff.a.front().start == 0);
    }
    SECTION("too large even for lines: skipped") {
        WordDiffOptions tiny;
        tiny.maxCells = 10;
        const WordDiff diff = wordDiff(words(200, 1), words(200, 2), tiny);
        CHECK(diff.mode == WordDiff::Mode::Skipped);
        CHECK(diff.a.empty());
        CHECK(diff.b.empty());
        CHECK_FALSE(diff.identical());
    }
}
