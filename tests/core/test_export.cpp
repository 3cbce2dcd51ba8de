#include "Files.h"
#include "ImportFixtures.h"
#include "TempDir.h"
#include "data/Exporter.h"
#include "data/Importer.h"
#include "store/PairWriter.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

using namespace rlthf;
using namespace rlthf::data;

namespace {

store::Project openProject(const std::string& path) {
    auto project = store::Project::open(path, store::OpenMode::OpenOrCreate);
    REQUIRE(project);
    return std::move(project).value();
}

// Every pair as "content hash | response A | current label@source", sorted.
std::multiset<std::string> snapshot(store::Project& project, bool withSource = true) {
    std::multiset<std::string> rows;
    auto stmt = project.db().prepare(
        "SELECT p.content_hash, p.response_a, ifnull(c.value, '-'), ifnull(c.source, '-'), "
        "ifnull(c.annotator, '-'), ifnull(c.iteration, -1), "
        "ifnull((SELECT group_concat(x.source || x.value) FROM active_labels x "
        "        WHERE x.pair_id = p.id), '') "
        "FROM pairs p LEFT JOIN current_labels c ON c.pair_id = p.id");
    REQUIRE(stmt);
    while (stmt->step().value()) {
        std::string row = stmt->text(0) + "|" + stmt->text(1) + "|" + stmt->text(2);
        if (withSource)
            row += "@" + stmt->text(3) + "|" + stmt->text(4) + "|" + stmt->text(5) + "|" +
                   stmt->text(6);
        rows.insert(row);
    }
    return rows;
}

} // namespace

TEST_CASE("shard paths are numbered, keep the extension and share one folder", "[export]") {
    CHECK(shardPaths("out/trl.jsonl", 1) == std::vector<std::string>{"out/trl.jsonl"});
    CHECK(shardPaths("out/trl.jsonl.gz", 2) ==
          std::vector<std::string>{"out/trl/trl-00001-of-00002.jsonl.gz",
                                   "out/trl/trl-00002-of-00002.jsonl.gz"});
    CHECK(shardFolder("out/trl.jsonl.gz") == "out/trl");
}

TEST_CASE("a pairs export round-trips pairs, labels and provenance", "[export]") {
    test::TempDir dir;
    auto source = openProject(dir.file("a.rlthf"));
    const auto input = dir.file("in.jsonl");
    std::string text;
    for (int i = 0; i < 40; ++i)
        text += test::pairsLine(i, i % 3 ? "a" : "b", i % 4 ? "b" : "");
    test::writeFile(input, text);
    REQUIRE(importFiles(source, {input}, {}));
    test::addVerdictAndFlip(source);
    const auto out = dir.file("export/pairs.jsonl.gz");
    std::filesystem::create_directories(dir.file("export"));
    auto report = exportProject(source, out, {ExportFormat::Pairs, 1});
    REQUIRE(report);
    CHECK(report->rows == 40);
    CHECK(std::filesystem::exists(out));
    CHECK_THAT(test::readGzip(out), Catch::Contains("\"annotator\":\"Sato\""));

    auto copy = openProject(dir.file("b.rlthf"));
    REQUIRE(importFiles(copy, {out}, {}));
    CHECK(snapshot(copy) == snapshot(source));
}

TEST_CASE("a sharded trl export re-imports to the same pairs and labels", "[export]") {
    test::TempDir dir;
    auto source = openProject(dir.file("a.rlthf"));
    const auto input = dir.file("in.jsonl");
    std::string text;
    for (int i = 0; i < 101; ++i)
        text += test::trlLine(i);
    test::writeFile(input, text);
    REQUIRE(importFiles(source, {input}, test::importAs(Format::Trl, LabelSource::Gold)));

    auto report = exportProject(source, dir.file("trl.jsonl"), {ExportFormat::Trl, 4});
    REQUIRE(report);
    REQUIRE(report->files.size() == 4);
    std::int64_t lines = 0;
    for (const auto& file : report->files) {
        const auto content = test::readFile(file);
        lines += std::count(content.begin(), content.end(), '\n');
        CHECK_THAT(content, Catch::Contains("\"label_source\":\"gold\""));
    }
    CHECK(lines == 101);

    auto copy = openProject(dir.file("b.rlthf"));
    auto reimport =
        importFiles(copy, report->files, test::importAs(Format::Trl, LabelSource::Gold));
    REQUIRE(reimport);
    CHECK(reimport->imported == 101);
    CHECK(snapshot(copy) == snapshot(source));
}

TEST_CASE("trl export leaves out pairs without a label", "[export]") {
    test::TempDir dir;
    auto project = openProject(dir.file("a.rlthf"));
    const auto input = dir.file("in.jsonl");
    test::writeFile(input, test::pairsLine(1, "a", "") + test::pairsLine(2, "", ""));
    REQUIRE(importFiles(project, {input}, {}));
    auto report = exportProject(project, dir.file("out.jsonl"), {ExportFormat::Trl, 1});
    REQUIRE(report);
    CHECK(report->rows == 1);
    CHECK(report->unlabelled == 1);
}

TEST_CASE("a sharded export refuses a folder holding other files and leaves nothing", "[export]") {
    test::TempDir dir;
    auto project = openProject(dir.file("a.rlthf"));
    const auto input = dir.file("in.jsonl");
    test::writeFile(input, test::trlLine(1) + test::trlLine(2));
    REQUIRE(importFiles(project, {input}, test::importAs(Format::Trl, LabelSource::Ai)));
    std::filesystem::create_directories(dir.file("o"));
    test::writeFile(dir.file("o/notes.txt"), "keep me");
    auto report = exportProject(project, dir.file("o.jsonl"), {ExportFormat::Trl, 2});
    REQUIRE_FALSE(report);
    CHECK_THAT(report.message(), Catch::Contains("not an earlier export"));
    CHECK(test::readFile(dir.file("o/notes.txt")) == "keep me");
    for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
        CHECK(entry.path().string().find(".tmp-") == std::string::npos);
}

TEST_CASE("a sharded export replaces an earlier one whole", "[export]") {
    test::TempDir dir;
    auto project = openProject(dir.file("a.rlthf"));
    const auto input = dir.file("in.jsonl");
    test::writeFile(input, test::trlLine(1) + test::trlLine(2) + test::trlLine(3));
    REQUIRE(importFiles(project, {input}, test::importAs(Format::Trl, LabelSource::Ai)));
    REQUIRE(exportProject(project, dir.file("o.jsonl"), {ExportFormat::Trl, 3}));
    // A stage left by a killed export of a process that is gone is cleared on the next run.
    std::filesystem::create_directories(dir.file("o.tmp-999999999"));
    test::writeFile(dir.file("o.tmp-999999999/o-00001-of-00002.jsonl"), "{");

    auto report = exportProject(project, dir.file("o.jsonl"), {ExportFormat::Trl, 2});
    REQUIRE(report);
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir.file("o")))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"o-00001-of-00002.jsonl", "o-00002-of-00002.jsonl"});
    for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
        CHECK(entry.path().string().find(".tmp-") == std::string::npos);
}
