// Input that lies about itself is refused whole: a gzip file cut short, a device or FIFO
// that never ends, a project's own file given as data, and nothing of it is imported.
#include "Files.h"
#include "ImportFixtures.h"
#include "TempDir.h"
#include "data/Exporter.h"
#include "data/Importer.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

using namespace rlthf;
using namespace rlthf::data;
namespace fs = std::filesystem;

namespace {

struct GzipWithCuts {
    std::string bytes;
    std::size_t afterLine400 = 0; // compressed size at which exactly 400 whole lines are readable
};

// 1,000 trl lines, gzip-compressed with a full flush after line 400, so that the stream
// can be cut where what it inflates to ends exactly at a line boundary.
GzipWithCuts thousandLines() {
    z_stream z{};
    REQUIRE(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    GzipWithCuts out;
    std::string chunk(1 << 16, '\0');
    auto feed = [&](const std::string& text, int flush) {
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
        z.avail_in = static_cast<uInt>(text.size());
        do {
            z.next_out = reinterpret_cast<Bytef*>(chunk.data());
            z.avail_out = static_cast<uInt>(chunk.size());
            deflate(&z, flush);
            out.bytes.append(chunk.data(), chunk.size() - z.avail_out);
        } while (z.avail_out == 0);
    };
    std::string first, rest;
    for (int i = 0; i < 1000; ++i)
        (i < 400 ? first : rest) += test::trlLine(i);
    feed(first, Z_FULL_FLUSH);
    out.afterLine400 = out.bytes.size();
    feed(rest, Z_FINISH);
    deflateEnd(&z);
    return out;
}

store::Project projectAt(const std::string& path) {
    auto project = store::Project::open(path, store::OpenMode::OpenOrCreate);
    REQUIRE(project);
    return std::move(project).value();
}

std::int64_t pairCount(store::Project& project) {
    return project.db().scalar("SELECT count(*) FROM pairs").value().value_or(-1);
}

} // namespace

TEST_CASE("a gzip file cut short is refused and nothing of it imported", "[import][lying]") {
    test::TempDir dir;
    auto project = projectAt(dir.file("p.rlthf"));
    const auto gz = thousandLines();
    const auto input = dir.file("cut.jsonl.gz");

    test::writeFile(dir.file("whole.jsonl.gz"), gz.bytes);
    {
        test::TempDir other;
        auto fresh = projectAt(other.file("whole.rlthf"));
        REQUIRE(importFiles(fresh, {dir.file("whole.jsonl.gz")},
                            test::importAs(Format::Trl, LabelSource::Ai)));
        CHECK(pairCount(fresh) == 1000);
    }

    for (bool skipBad : {false, true}) {
        for (const std::size_t cut : {gz.afterLine400, gz.bytes.size() / 2, gz.bytes.size() - 4}) {
            CAPTURE(skipBad, cut);
            test::writeFile(input, gz.bytes.substr(0, cut));
            auto report = importFiles(project, {input},
                                      test::importAs(Format::Trl, LabelSource::Ai, skipBad));
            REQUIRE_FALSE(report);
            CHECK_THAT(report.message(),
                       Catch::StartsWith(input + ":") && Catch::Contains("cut short (truncated"));
            CHECK(pairCount(project) == 0);
        }
    }
}

TEST_CASE("inputs that never end are refused before reading", "[import][lying]") {
    test::TempDir dir;
    auto project = projectAt(dir.file("p.rlthf"));

    SECTION("a device") {
        auto report =
            importFiles(project, {"/dev/zero"}, test::importAs(Format::Trl, LabelSource::Ai));
        REQUIRE_FALSE(report);
        CHECK_THAT(report.message(), Catch::Contains("/dev/zero: not a regular file"));
    }
    SECTION("a FIFO with no writer") {
        const auto fifo = dir.file("pipe.jsonl");
        REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
        auto report = importFiles(project, {fifo}, test::importAs(Format::Trl, LabelSource::Ai));
        REQUIRE_FALSE(report);
        CHECK_THAT(report.message(), Catch::Contains("not a regular file"));
    }
    CHECK(pairCount(project) == 0);
}

TEST_CASE("a project's own files are neither imported nor exported over", "[import][export]") {
    test::TempDir dir;
    const auto path = dir.file("p.rlthf");
    auto project = projectAt(path);
    test::writeFile(dir.file("in.jsonl"), test::trlLine(1));
    REQUIRE(
        importFiles(project, {dir.file("in.jsonl")}, test::importAs(Format::Trl, LabelSource::Ai)));
    const auto walBefore = fs::exists(path + "-wal");

    for (const std::string& self : {path, path + "-wal", path + "-shm"}) {
        auto imported = importFiles(project, {self}, test::importAs(Format::Trl, LabelSource::Ai));
        REQUIRE_FALSE(imported);
        CHECK_THAT(imported.message(), Catch::Contains("the project's own file"));
        auto exported = exportProject(project, self, {});
        REQUIRE_FALSE(exported);
        CHECK_THAT(exported.message(), Catch::Contains("the project's own file"));
    }
    CHECK(fs::exists(path + "-wal") == walBefore);
    CHECK(pairCount(project) == 1);
}

TEST_CASE("an export leaves no temporary files, and removes those a killed one left", "[export]") {
    test::TempDir dir;
    auto project = projectAt(dir.file("p.rlthf"));
    test::writeFile(dir.file("in.jsonl"), test::trlLine(1) + test::trlLine(2));
    REQUIRE(
        importFiles(project, {dir.file("in.jsonl")}, test::importAs(Format::Trl, LabelSource::Ai)));

    const pid_t gone = ::fork();
    if (gone == 0)
        ::_exit(0);
    ::waitpid(gone, nullptr, 0);
    const auto out = dir.file("out.jsonl");
    const auto stale = out + ".tmp-" + std::to_string(gone);
    const auto running = out + ".tmp-" + std::to_string(::getppid()); // a live process's
    test::writeFile(stale, "half an export");
    test::writeFile(running, "another export in progress");

    auto report = exportProject(project, out, {});
    REQUIRE(report);
    CHECK(report->rows == 2);
    CHECK_FALSE(fs::exists(stale));
    CHECK(fs::exists(running));
    fs::remove(running);
    for (const auto& entry : fs::directory_iterator(dir.path()))
        CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);
    CHECK(test::readFile(out).find("Reject lot 1") != std::string::npos);
}
