#include "Files.h"
#include "ImportFixtures.h"
#include "TempDir.h"
#include "data/CompactJson.h"
#include "data/ContentHash.h"
#include "data/Importer.h"
#include "data/SeenContent.h"
#include "data/Stats.h"
#include "data/StrictJson.h"
#include "data/WordScan.h"
#include "store/StagedProject.h"

#include <QJsonDocument>
#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <random>

using namespace rlthf;
using namespace rlthf::data;
using namespace std::string_literals;

namespace {

store::Project newProject(const test::TempDir& dir) {
    auto project = store::Project::open(dir.file("p.rlthf"), store::OpenMode::OpenOrCreate);
    REQUIRE(project);
    return std::move(project).value();
}

std::int64_t count(store::Project& project, const char* sql) {
    return project.db().scalar(sql).value().value_or(-1);
}

std::string manyTrl(int n) {
    std::string text;
    for (int i = 0; i < n; ++i)
        text += test::trlLine(i);
    return text;
}

} // namespace

TEST_CASE("trl files import with the preferred side shuffled between A and B", "[import]") {
    test::TempDir dir;
    auto project = newProject(dir);
    const auto input = dir.file("in.jsonl");
    test::writeFile(input, manyTrl(200));
    ImportOptions options = test::importAs(Format::Trl, LabelSource::Ai);
    auto report = importFiles(project, {input}, options);
    REQUIRE(report);
    CHECK(report->imported == 200);
    CHECK(report->labels == 200);
    CHECK(count(project, "SELECT count(*) FROM label_events WHERE source = 'ai'") == 200);
    // The chosen text ("Reject lot ...") is wherever the AI label points.
    CHECK(count(project, "SELECT count(*) FROM pairs p JOIN current_labels c ON c.pair_id = p.id "
                         "WHERE (c.value = 'a' AND p.response_a LIKE 'Reject%') "
                         "OR (c.value = 'b' AND p.response_b LIKE 'Reject%')") == 200);
    const auto aShare = count(project, "SELECT count(*) FROM current_labels WHERE value = 'a'");
    CHECK(aShare > 60);
    CHECK(aShare < 140);
    CHECK(count(project, "SELECT count(DISTINCT shard) FROM pairs") > 50);
}

TEST_CASE("the A/B order is the same in every project with the same seed", "[import]") {
    test::TempDir dir1, dir2;
    auto p1 = newProject(dir1);
    auto p2 = newProject(dir2);
    const auto input = dir1.file("in.jsonl");
    test::writeFile(input, manyTrl(50));
    ImportOptions options = test::importAs(Format::Trl, LabelSource::Gold);
    REQUIRE(importFiles(p1, {input}, options));
    REQUIRE(importFiles(p2, {input}, options));
    auto orders = [](store::Project& p) {
        std::string s;
        auto stmt = p.db().prepare("SELECT response_a, shard FROM pairs ORDER BY content_hash");
        while (stmt->step().value())
            s += stmt->text(0) + std::to_string(stmt->int64(1));
        return s;
    };
    CHECK(orders(p1) == orders(p2));
}

TEST_CASE("hh-rlhf transcripts split at the last Assistant turn, also from gzip", "[import]") {
    test::TempDir dir;
    auto project = newProject(dir);
    const auto input = dir.file("hh.jsonl.gz");
    const std::string dialogue = "\n\nHuman: Hi\n\nAssistant: Hello\n\nHuman: How do I fix a burr?";
    test::writeGzip(input, test::hhLine(dialogue, "Deburr with a file.", "Ignore it.") +
                               test::hhLine("\n\nHuman: Second", "Yes.", "No."));
    auto report = importFiles(project, {input}, test::importAs(Format::HhRlhf, LabelSource::Gold));
    REQUIRE(report);
    CHECK(report->imported == 2);
    auto stmt = project.db().prepare(
        "SELECT p.prompt, CASE c.value WHEN 'a' THEN p.response_a ELSE p.response_b END, c.source "
        "FROM pairs p JOIN current_labels c ON c.pair_id = p.id ORDER BY p.id");
    REQUIRE(stmt->step().value());
    CHECK(stmt->text(0) == dialogue);
    CHECK(stmt->text(1) == "Deburr with a file.");
    CHECK(stmt->text(2) == "gold");
}

TEST_CASE("pairs files keep A/B, both labels, ids and meta", "[import]") {
    test::TempDir dir;
    auto project = newProject(dir);
    const auto input = dir.file("pairs.jsonl");
    test::writeFile(input, test::pairsLine(1, "a", "b") + test::pairsLine(2, "", "a") +
                               test::pairsLine(3, "", ""));
    auto report = importFiles(project, {input}, {});
    REQUIRE(report);
    CHECK(report->imported == 3);
    CHECK(report->labels == 3);
    CHECK(count(project, "SELECT count(*) FROM pairs WHERE response_a LIKE 'Open issues%'") == 3);
    CHECK(count(project, "SELECT count(*) FROM pairs WHERE external_id = 'q-1' AND "
                         "json_extract(meta, '$.topic') = 'handover'") == 1);
    auto stats = computeStats(project);
    REQUIRE(stats);
    CHECK(stats->awaitingAiLabel == 2);
    CHECK(stats->unlabelled == 1);
    CHECK(stats->labelsBySource.at("gold") == 2);
}

TEST_CASE("duplicates are skipped and counted, also with A and B swapped", "[import]") {
    test::TempDir dir;
    auto project = newProject(dir);
    const auto input = dir.file("dup.jsonl");
    test::writeFile(input,
                    test::trlLine(1) + test::trlLine(1) +
                        "{\"prompt\":\"Is bore 1 in tolerance?\",\"chosen\":\"Probably fine 1.\","
                        "\"rejected\":\"Reject lot 1, quarantine it.\"}\n");
    auto report = importFiles(project, {input}, test::importAs(Format::Trl, LabelSource::Ai));
    REQUIRE(report);
    CHECK(report->imported == 1);
    CHECK(report->duplicates == 2);
    auto again = importFiles(project, {input}, test::importAs(Format::Trl, LabelSource::Ai));
    REQUIRE(again);
    CHECK(again->imported == 0);
    CHECK(again->duplicates == 3);
}

TEST_CASE("bad input gives its error and leaves the project unchanged", "[import]") {
    struct BadCase {
        const char* name;
        Format format;
        std::string text;
        std::int64_t line;
        const char* reason;
    };
    const std::string good = test::trlLine(1);
    const std::string bigLine = "{\"prompt\":\"" + std::string(10u << 20, 'x') +
                                "\",\"chosen\":\"a\",\"rejected\":\"b\"}\n";
    const std::vector<BadCase> cases = {
        {"truncated JSON", Format::Trl, good + "{\"prompt\":\"p\",\"chosen\":\"a\",\"rej\n", 2,
         "invalid JSON"},
        {"wrong type", Format::Trl, good + "{\"prompt\":\"p\",\"chosen\":5,\"rejected\":\"b\"}\n",
         2, "field \"chosen\" must be a string, not a number"},
        {"missing field", Format::Trl, good + "{\"prompt\":\"p\",\"chosen\":\"a\"}\n", 2,
         "missing field \"rejected\""},
        {"invalid UTF-8", Format::Trl,
         good + "{\"prompt\":\"p\xff\xfe\",\"chosen\":\"a\",\"rejected\":\"b\"}\n", 2,
         "invalid UTF-8 at byte 13"},
        {"empty file", Format::Trl, "", 0, "no records (the file is empty)"},
        {"a 10 MB line", Format::Trl, good + bigLine, 2, "longer than the 8 MiB record limit"},
        {"mismatched HH-RLHF prefixes", Format::HhRlhf,
         test::hhLine("\n\nHuman: x", "a", "b") +
             "{\"chosen\":\"\\n\\nHuman: one\\n\\nAssistant: a\",\"rejected\":\"\\n\\nHuman: "
             "two\\n\\nAssistant: b\"}\n",
         2, "differ before their last"},
        {"not JSON at all", Format::Trl, "Lorem ipsum dolor sit amet\n", 1, "invalid JSON"},
        // Text a lenient reader would store altered, or read differently from other readers.
        {"a lone surrogate", Format::Trl,
         good + "{\"prompt\":\"p\\ud800\",\"chosen\":\"a\",\"rejected\":\"b\"}\n", 2,
         "lone surrogate \\ud800 inside a string at byte 13"},
        {"a lone low surrogate", Format::Trl,
         good + "{\"prompt\":\"p\",\"chosen\":\"\\udc00a\",\"rejected\":\"b\"}\n", 2,
         "lone surrogate \\udc00"},
        {"an escaped NUL", Format::Trl,
         good + "{\"prompt\":\"p\\u0000\",\"chosen\":\"a\",\"rejected\":\"b\"}\n", 2,
         "control character U+0000"},
        {"a raw NUL", Format::Trl,
         good + "{\"prompt\":\"p\0q\",\"chosen\":\"a\",\"rejected\":\"b\"}\n"s, 2, "U+0000"},
        {"a raw control character", Format::Trl,
         good + "{\"prompt\":\"p\x01\",\"chosen\":\"a\",\"rejected\":\"b\"}\n", 2, "U+0001"},
        {"a duplicate key", Format::Trl,
         good + "{\"prompt\":\"p\",\"chosen\":\"a\",\"rejected\":\"b\",\"chosen\":\"c\"}\n", 2,
         "duplicate key \"chosen\""},
        {"an iteration no integer can hold", Format::Pairs,
         "{\"prompt\":\"p\",\"response_a\":\"a\",\"response_b\":\"b\",\"label\":\"b\","
         "\"label_source\":\"flipped\",\"iteration\":1e300}\n",
         1, "field \"iteration\" is out of range"},
        {"a duplicate key inside meta", Format::Pairs,
         "{\"prompt\":\"p\",\"response_a\":\"a\",\"response_b\":\"b\",\"meta\":{\"k\":1,\"k\":2}}"
         "\n",
         1, "duplicate key \"k\""},
        {"a JSON array, not an object", Format::Trl, good + "[1, 2]\n", 2,
         "expected a JSON object"},
        {"CSV: a row short of fields", Format::Csv, "prompt,response_a,response_b\np,a\n", 2,
         "2 fields, but the header has 3"},
        {"CSV: a quote never closed", Format::Csv, "prompt,response_a,response_b\np,\"a,b\nq,c,d\n",
         2, "not closed before the end"},
        {"CSV: no prompt column", Format::Csv, "question,response_a,response_b\np,a,b\n", 1,
         "no column \"prompt\""},
        {"CSV: not UTF-8 after UTF-8 lines", Format::Csv,
         "prompt,response_a,response_b\n検査,a,b\nx,\xff,b\n", 3, "not valid UTF-8"},
        {"CSV: an empty file", Format::Csv, "", 0, "no header row"},
        {"CSV: a bad label", Format::Csv, "prompt,response_a,response_b,ai_label\np,a,b,yes\n", 2,
         "column \"ai_label\" must be a or b"},
        {"a label that says not whose it is", Format::Pairs,
         "{\"prompt\":\"p\",\"response_a\":\"a\",\"response_b\":\"b\",\"label\":\"a\"}\n", 1,
         "field \"label\" needs \"label_source\""},
        {"CSV: a label column without label_source", Format::Csv,
         "prompt,response_a,response_b,label\np,a,b,a\n", 2,
         "field \"label\" needs \"label_source\""},
        {"a bad label value", Format::Pairs,
         "{\"prompt\":\"p\",\"response_a\":\"a\",\"response_b\":\"b\",\"ai_label\":\"c\"}\n", 1,
         "field \"ai_label\" must be \"a\" or \"b\""},
    };
    for (const auto& c : cases) {
        DYNAMIC_SECTION(c.name) {
            test::TempDir dir;
            auto project = newProject(dir);
            // The project already holds data that must survive the failed import.
            const auto seedFile = dir.file("seed.jsonl");
            test::writeFile(seedFile, test::trlLine(1000));
            REQUIRE(importFiles(project, {seedFile}, test::importAs(Format::Trl, LabelSource::Ai)));
            REQUIRE(project.db().executeScript("PRAGMA wal_checkpoint(TRUNCATE)"));
            const auto before = test::readFile(dir.file("p.rlthf"));

            const auto input = dir.file("bad.jsonl");
            test::writeFile(input, c.text);
            auto report = importFiles(project, {input}, test::importAs(c.format, LabelSource::Ai));
            REQUIRE_FALSE(report);
            const std::string where =
                c.line > 0 ? input + ":" + std::to_string(c.line) + ": " : input + ": ";
            CHECK_THAT(report.message(), Catch::StartsWith(where) && Catch::Contains(c.reason));
            CHECK(count(project, "SELECT count(*) FROM pairs") == 1);
            REQUIRE(project.db().executeScript("PRAGMA wal_checkpoint(TRUNCATE)"));
            CHECK(test::readFile(dir.file("p.rlthf")) == before);
        }
    }
}

TEST_CASE("with skip-bad the good lines are imported and every bad one listed", "[import]") {
    test::TempDir dir;
    auto project = newProject(dir);
    const auto input = dir.file("mixed.jsonl");
    test::writeFile(input, test::trlLine(1) + "oops\n" + test::trlLine(2) + "\n" +
                               "{\"prompt\":1}\n" + test::trlLine(3));
    auto report = importFiles(project, {input}, test::importAs(Format::Trl, LabelSource::Ai, true));
    REQUIRE(report);
    CHECK(report->imported == 3);
    REQUIRE(report->rejected.size() == 2);
    CHECK(report->rejected[0].line == 2);
    CHECK(report->rejected[1].line == 5);
    CHECK_THAT(report->rejected[0].describe(), Catch::StartsWith(input + ":2: invalid JSON"));
    CHECK_THAT(report->rejected[1].describe(),
               Catch::Contains("field \"prompt\" must be a string"));
}

TEST_CASE("several inputs import in one transaction", "[import]") {
    test::TempDir dir;
    auto project = newProject(dir);
    const auto good = dir.file("good.jsonl");
    const auto bad = dir.file("bad.jsonl");
    test::writeFile(good, manyTrl(10));
    test::writeFile(bad, "not json\n");
    auto report = importFiles(project, {good, bad}, test::importAs(Format::Trl, LabelSource::Ai));
    REQUIRE_FALSE(report);
    CHECK(count(project, "SELECT count(*) FROM pairs") == 0);
}

TEST_CASE("an import can be cancelled through its progress callback", "[import]") {
    test::TempDir dir;
    auto project = newProject(dir);
    const auto input = dir.file("big.jsonl");
    test::writeFile(input, manyTrl(3000));
    int calls = 0;
    auto report = importFiles(project, {input}, test::importAs(Format::Trl, LabelSource::Ai),
                              [&](const ImportProgress& p) {
                                  CHECK(p.bytesRead <= p.totalBytes);
                                  return ++calls < 2;
                              });
    REQUIRE_FALSE(report);
    CHECK_THAT(report.message(), Catch::Contains("cancelled"));
    CHECK(calls == 2);
    CHECK(count(project, "SELECT count(*) FROM pairs") == 0);
}

TEST_CASE("the format of a dropped file is told from its first record", "[import]") {
    test::TempDir dir;
    const auto pairs = dir.file("p.jsonl");
    const auto trl = dir.file("t.jsonl.gz");
    const auto hh = dir.file("h.jsonl");
    const auto other = dir.file("o.jsonl");
    test::writeFile(pairs, "\n" + test::pairsLine(1, "a", ""));
    test::writeGzip(trl, test::trlLine(1));
    test::writeFile(hh, test::hhLine("\n\nHuman: x", "a", "b"));
    test::writeFile(other, "{\"question\":\"q\"}\n");
    CHECK(sniffFormat(pairs).value() == Format::Pairs);
    CHECK(sniffFormat(trl).value() == Format::Trl);
    CHECK(sniffFormat(hh).value() == Format::HhRlhf);
    auto unknown = sniffFormat(other);
    REQUIRE_FALSE(unknown);
    CHECK_THAT(unknown.message(), Catch::StartsWith(other + ":1: not a known preference format"));
}

TEST_CASE("an import that fails after committing chunks leaves no row of it behind", "[import]") {
    test::TempDir dir;
    auto project = newProject(dir);
    const auto seedFile = dir.file("seed.jsonl");
    test::writeFile(seedFile, test::trlLine(100000));
    REQUIRE(importFiles(project, {seedFile}, test::importAs(Format::Trl, LabelSource::Ai)));

    // Enough records for many short transactions, then a bad last line.
    std::string text;
    for (int i = 0; i < 6000; ++i)
        text += test::trlLine(i);
    const auto input = dir.file("big.jsonl");
    test::writeFile(input, text + "{\"prompt\": \n");
    auto report = importFiles(project, {input}, test::importAs(Format::Trl, LabelSource::Ai));
    REQUIRE_FALSE(report);
    CHECK_THAT(report.message(), Catch::StartsWith(input + ":6001: "));
    CHECK(count(project, "SELECT count(*) FROM pairs") == 1);
    CHECK(count(project, "SELECT count(*) FROM label_events") == 1);
    CHECK(count(project, "SELECT count(*) FROM write_batches WHERE status = 'staging'") == 0);

    test::writeFile(input, text);
    report = importFiles(project, {input}, test::importAs(Format::Trl, LabelSource::Ai));
    REQUIRE(report);
    CHECK(report->imported == 6000);
    CHECK(report->transactions > 1);
    CHECK(count(project, "SELECT count(*) FROM visible_pairs") == 6001);
}

TEST_CASE("the quick reading of pairs lines gives what the full one gives, or steps aside",
          "[import][records]") {
    using rlthf::data::Format;
    using rlthf::data::LabelSource;
    const std::string base =
        R"("prompt":"p \"q\"\n\u00e9\ud83d\ude00","response_a":"a","response_b":"b")";
    // Read quickly, and the same as the full way.
    for (const std::string& line :
         {"{" + base + "}", "{" + base + R"(,"id":"x-1","ai_label":"b","gold_label":null})",
          "{ " + base + R"(, "meta": {"z": 1, "a": [true, null, 2.50]}, "label_source": "ai" } )",
          "{" + base + R"(,"note":"ignored","other":null})"}) {
        INFO(line);
        const auto quick = rlthf::data::parsePairsQuickly(line);
        const auto full = rlthf::data::parseRecordInFull(Format::Pairs, line, LabelSource::Ai);
        REQUIRE(quick);
        REQUIRE(full);
        CHECK(quick->prompt == full->prompt);
        CHECK(quick->prompt == "p \"q\"\n\xc3\xa9\xf0\x9f\x98\x80");
        CHECK(quick->responseA == full->responseA);
        CHECK(quick->externalId == full->externalId);
        CHECK(quick->aiLabel == full->aiLabel);
        CHECK(quick->goldLabel == full->goldLabel);
        CHECK(quick->meta == full->meta);
    }
    // Left to the full way: numbers, carried labels, other values outside meta, and errors,
    // which the full way words (and refuses, for the broken ones).
    for (const std::string& line :
         {"{" + base + R"(,"id":7})", "{" + base + R"(,"label_source":"human","label":"a"})",
          "{" + base + R"(,"x":tru})", "{" + base + R"(,"x":{"y":tru}})",
          "{" + base + R"(,"meta":{"y":01}})", "{" + base + R"(,"ai_label":"c"})",
          std::string(R"({"prompt":"p","response_a":"a"})"), "{" + base + "} x",
          "{" + base + R"(,"prompt":"again"})", std::string("[1]")}) {
        INFO(line);
        CHECK_FALSE(rlthf::data::parsePairsQuickly(line));
    }
    CHECK_FALSE(
        rlthf::data::parseRecord(Format::Pairs, "{" + base + R"(,"x":tru})", LabelSource::Ai));
    CHECK_FALSE(rlthf::data::parseRecord(Format::Pairs, "{" + base + R"(,"x":{"y":tru}})",
                                         LabelSource::Ai));
    CHECK(rlthf::data::parseRecord(Format::Pairs, "{" + base + R"(,"id":7})", LabelSource::Ai)
              ->externalId == std::optional<std::string>("7"));
}

TEST_CASE("the content hash is SHA-256 of the prompt and the ordered responses, length-prefixed",
          "[import]") {
    // Pinned: projects made earlier hold this value, and duplicates are found by it.
    const std::string expected = "32e70871c4144d318fd25f39bf416f1d85967356bc1ebde8e67b72dce5aee93e";
    CHECK(contentHash("Is the lot in tolerance?", "Yes", "No — reject it") == expected);
    CHECK(contentHash("Is the lot in tolerance?", "No — reject it", "Yes") == expected);
}

TEST_CASE("a content hash is seen once, however many are held", "[import]") {
    SeenContent seen;
    std::vector<std::string> hashes;
    for (int i = 0; i < 100000; ++i) // past several doublings of the table
        hashes.push_back(contentHash(std::to_string(i), "a", "b"));
    for (const auto& hash : hashes)
        REQUIRE(seen.insert(hash));
    for (const auto& hash : hashes)
        REQUIRE_FALSE(seen.insert(hash));
    CHECK(seen.size() == hashes.size());
    // Digests that share their first word, and the all-zero one an empty slot looks like.
    const std::string zero(64, '0');
    const std::string sameStart = std::string(16, '0') + std::string(47, '0') + "1";
    CHECK(seen.insert(zero));
    CHECK_FALSE(seen.insert(zero));
    CHECK(seen.insert(sameStart));
    CHECK_FALSE(seen.insert(sameStart));
    CHECK_THROWS(seen.insert("not a hash"));
    CHECK_THROWS(seen.insert(std::string(64, 'G')));
}

TEST_CASE("an import into a new project gives what an import into an open one gives", "[import]") {
    test::TempDir dir;
    std::string text;
    for (int i = 0; i < 1500; ++i)
        text += test::pairsLine(i % 1400, i % 3 ? "a" : "b", i % 5 ? "" : "b");
    const auto input = dir.file("in.jsonl");
    test::writeFile(input, text);

    auto shared = newProject(dir);
    auto sharedReport = importFiles(shared, {input}, {});
    REQUIRE(sharedReport);

    // A new path is loaded alone, its duplicates found as the lines are read and its content
    // hash's unique index built after the rows.
    auto stage = store::StagedProject::create(dir.file("new.rlthf"));
    REQUIRE(stage);
    ImportOptions alone;
    alone.sharing = store::Sharing::Alone;
    std::vector<std::int64_t> hashIndexWhileLoading;
    auto aloneReport = importFiles(stage->project(), {input}, alone, [&](const ImportProgress&) {
        hashIndexWhileLoading.push_back(
            count(stage->project(),
                  "SELECT count(*) FROM sqlite_schema WHERE name = 'pairs_content_hash'"));
        return true;
    });
    REQUIRE(aloneReport);
    CHECK(hashIndexWhileLoading == std::vector<std::int64_t>(hashIndexWhileLoading.size(), 0));
    CHECK(hashIndexWhileLoading.size() >= 2);
    CHECK(count(stage->project(),
                "SELECT count(*) FROM sqlite_schema WHERE name = 'pairs_content_hash'") == 1);
    // The stage is loaded without looking up its references; they are enforced again after.
    CHECK(stage->project().db().scalar("PRAGMA foreign_keys").value() == 1);
    auto created = stage->publish();
    REQUIRE(created);

    CHECK(aloneReport->imported == 1400);
    CHECK(aloneReport->duplicates == 100);
    CHECK(aloneReport->imported == sharedReport->imported);
    CHECK(aloneReport->labels == sharedReport->labels);
    auto rows = [](store::Project& p, const char* sql, int columns) {
        std::string out;
        auto stmt = p.db().prepare(sql);
        REQUIRE(stmt);
        while (stmt->step().value())
            for (int c = 0; c < columns; ++c)
                out += stmt->text(c) + "|";
        return out;
    };
    const char* pairs = "SELECT id, external_id, prompt, response_a, response_b, content_hash, "
                        "shard, meta FROM visible_pairs ORDER BY id";
    const char* labels = "SELECT id, pair_id, source, action, value FROM visible_label_events "
                         "ORDER BY id";
    const char* indexes = "SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name";
    CHECK(rows(*created, pairs, 8) == rows(shared, pairs, 8));
    CHECK(rows(*created, labels, 5) == rows(shared, labels, 5));
    CHECK(rows(*created, indexes, 2) == rows(shared, indexes, 2));
    CHECK(rows(*created, "PRAGMA integrity_check", 1) == "ok|");
    CHECK(rows(*created, "PRAGMA foreign_key_check", 4).empty());
    CHECK(rows(*created, "EXPLAIN QUERY PLAN SELECT * FROM pairs WHERE shard = 3", 4)
              .find("pairs_shard") != std::string::npos);
}

TEST_CASE("the word-at-a-time tests agree with a byte-by-byte look", "[import]") {
    std::mt19937_64 random(11);
    // Bytes next to the edges the tests draw: the quote, the backslash, control characters,
    // the top of ASCII.
    const unsigned char edges[] = {0x00, 0x01, 0x1F, 0x20, 0x21, '"',  '#',  '[',
                                   '\\', ']',  0x7F, 0x80, 0x81, 0xC3, 0xFE, 0xFF};
    for (int round = 0; round < 200000; ++round) {
        unsigned char bytes[words::kSize];
        for (auto& byte : bytes)
            byte = random() % 2 ? edges[random() % std::size(edges)]
                                : static_cast<unsigned char>(0x20 + random() % 0x5F);
        std::uint64_t word;
        std::memcpy(&word, bytes, sizeof word);
        bool high = false, control = false, quote = false, backslash = false;
        for (const auto byte : bytes) {
            high = high || byte >= 0x80;
            control = control || byte < 0x20;
            quote = quote || byte == '"';
            backslash = backslash || byte == '\\';
        }
        REQUIRE(words::anyHighBit(word) == high);
        REQUIRE(words::anyBelow(word, 0x20) == control);
        REQUIRE(words::anyEqual(word, '"') == quote);
        REQUIRE(words::anyEqual(word, '\\') == backslash);
    }
}

TEST_CASE("invalid UTF-8 and strict JSON are found at every offset of a long line", "[import]") {
    for (std::size_t at = 0; at < 40; ++at) {
        std::string text(48, 'x');
        text[at] = '\xFF';
        REQUIRE(firstInvalidUtf8(text) == at);
        const std::string json = "{\"k\":\"" + std::string(at, 'y') + "\x01\"}";
        const auto checked = checkStrictJson(json);
        REQUIRE_FALSE(checked);
        CHECK_THAT(checked.message(),
                   Catch::Contains(fmt::format("U+0001 inside a string at byte {}", 7 + at)));
    }
    // Past the first sixteen keys of an object a key given twice is still found.
    std::string keys;
    for (int k = 0; k < 20; ++k)
        keys += fmt::format("\"k{}\":{},", k, k);
    CHECK(checkStrictJson("{" + keys + "\"last\":0}"));
    CHECK_THAT(checkStrictJson("{" + keys + "\"k17\":0}").message(),
               Catch::Contains("duplicate key \"k17\""));
    CHECK_THAT(checkStrictJson("{" + keys + "\"k3\":0}").message(),
               Catch::Contains("duplicate key \"k3\""));
}

TEST_CASE("a flat meta object is made compact exactly as Qt makes it, or left to Qt", "[import]") {
    const auto qtCompact = [](const std::string& text) {
        return QJsonDocument::fromJson(QByteArray::fromStdString(text))
            .toJson(QJsonDocument::Compact)
            .toStdString();
    };
    // The generated factory set's meta, the common case, takes the short way.
    const std::string factory =
        R"({"topic":"tolerance","difficulty":0.79,"rule":"numbers_correct","judge_error":null})";
    REQUIRE(compactFlatObject(factory) == qtCompact(factory));

    std::mt19937_64 random(5);
    const std::vector<std::string> keys = {"a",     "b",      "B", "_",       "a1", "topic",
                                           "Topic", "z z",    "",  "\\u0041", "k/", "\\u00e9",
                                           "q\\\"", "tab\\t", "~", "0"};
    const std::vector<std::string> values = {"null",
                                             "true",
                                             "false",
                                             "0",
                                             "-0",
                                             "7",
                                             "-3",
                                             "100",
                                             "123456789012345",
                                             "1234567890123456",
                                             "9007199254740993",
                                             "12345678901234567890",
                                             "0.79",
                                             "-0.5",
                                             "1.50",
                                             "3.0",
                                             "0.001",
                                             "0.00123",
                                             "0.0001",
                                             "0.000123",
                                             "1e2",
                                             "1E-3",
                                             "-0.0",
                                             "1234.5678",
                                             "12345678901234.5",
                                             "123456789012345.6",
                                             "0.1234567890123456",
                                             "0.123456789012345",
                                             "99999999999999.9",
                                             "\"text\"",
                                             "\"a/b\"",
                                             "\"tab\\there\"",
                                             "\"\\u00e9\"",
                                             "\"\\u007f\"",
                                             "\"quote\\\"\"",
                                             "\"\"",
                                             "\"~\"",
                                             "[]",
                                             "[1,2]",
                                             "{}",
                                             "{\"x\":1}"};
    int shortWay = 0, qtWay = 0;
    for (int round = 0; round < 20000; ++round) {
        std::vector<std::string> chosen = keys;
        std::shuffle(chosen.begin(), chosen.end(), random);
        chosen.resize(random() % 6);
        std::string text = "{";
        for (const auto& key : chosen) {
            if (text.size() > 1)
                text += random() % 2 ? "," : " , ";
            text +=
                "\"" + key + "\"" + (random() % 2 ? ":" : " : ") + values[random() % values.size()];
        }
        text += "}";
        INFO(text);
        if (const auto compact = compactFlatObject(text)) {
            ++shortWay;
            REQUIRE(*compact == qtCompact(text));
        } else {
            ++qtWay;
        }
    }
    // Both ways are taken often, so the comparison above means something.
    CHECK(shortWay > 2000);
    CHECK(qtWay > 2000);
}

TEST_CASE("queued labels are written in the order given, many per statement, the rest on flush",
          "[import]") {
    test::TempDir dir;
    auto project = newProject(dir);
    auto writer = store::PairWriter::create(project.db());
    REQUIRE(writer);
    auto tx = store::Transaction::begin(project.db());
    REQUIRE(tx);
    std::vector<std::string> expected;
    for (int i = 0; i < 700; ++i) {
        store::NewPair pair;
        pair.prompt = "prompt " + std::to_string(i);
        pair.responseA = "a";
        pair.responseB = "b";
        pair.contentHash = "hash" + std::to_string(i);
        auto id = writer->insertPair(pair);
        REQUIRE(id);
        REQUIRE(*id);
        std::vector<store::NewLabelEvent> labels(2);
        labels[0].source = "gold";
        labels[0].value = "a";
        labels[1].source = "ai";
        labels[1].value = "b";
        if (i % 7 == 0) { // a verdict with its annotator: written at once, after those queued
            auto& verdict = labels.emplace_back();
            verdict.source = "human";
            verdict.value = "a";
            verdict.annotator = "Sato";
        }
        for (auto& label : labels) {
            label.pairId = **id;
            expected.push_back(std::to_string(**id) + label.source + *label.value);
        }
        REQUIRE(writer->queueLabels(labels));
    }
    CHECK(count(project, "SELECT count(*) FROM label_events") < std::ssize(expected));
    REQUIRE(writer->flushLabels());
    REQUIRE(tx->commit());
    std::vector<std::string> stored;
    auto rows = project.db().prepare("SELECT pair_id || source || value FROM label_events "
                                     "ORDER BY id");
    REQUIRE(rows);
    REQUIRE(rows->forEachRow([&](const store::Statement& row) { stored.push_back(row.text(0)); }));
    CHECK(stored == expected);
    CHECK(count(project, "SELECT count(*) FROM label_events WHERE annotator = 'Sato'") == 100);
}
