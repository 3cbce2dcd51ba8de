// Spreadsheet files: the CSV reader (quoting, line ends, encodings), the formula escape, and
// CSV import and export through a project, round trip included.
#include "Files.h"
#include "ImportFixtures.h"
#include "TempDir.h"
#include "data/CsvReader.h"
#include "data/Exporter.h"
#include "data/Importer.h"

#include <catch2/catch.hpp>

using namespace rlthf;
using namespace rlthf::data;
using Rows = std::vector<std::vector<std::string>>;

namespace {

struct ReadRows {
    Rows rows;
    std::vector<std::int64_t> lines; // where each row starts
    CsvReader::Outcome last = CsvReader::Outcome::End;
    std::string error;
    TextEncoding encoding = TextEncoding::Detect;
};

ReadRows readRows(const std::string& bytes, TextEncoding encoding = TextEncoding::Detect) {
    test::TempDir dir;
    const auto path = dir.file("in.csv");
    test::writeFile(path, bytes);
    auto reader = CsvReader::open(path, encoding);
    REQUIRE(reader);
    ReadRows out;
    std::vector<std::string> fields;
    for (;;) {
        out.last = reader->next(fields);
        if (out.last != CsvReader::Outcome::Row)
            break;
        out.rows.push_back(fields);
        out.lines.push_back(reader->rowLine());
    }
    out.error = reader->error();
    out.encoding = reader->encoding();
    return out;
}

store::Project projectAt(const std::string& path) {
    auto project = store::Project::open(path, store::OpenMode::OpenOrCreate);
    REQUIRE(project);
    return std::move(project).value();
}

ImportOptions csvImport(CsvOptions csv = {}, bool skipBad = false) {
    auto options = test::importAs(Format::Csv, LabelSource::Ai, skipBad);
    options.csv = std::move(csv);
    return options;
}

std::string pairsExport(store::Project& project, const std::string& path) {
    ExportOptions options;
    options.format = ExportFormat::Pairs;
    REQUIRE(exportProject(project, path, options));
    return test::readFile(path);
}

} // namespace

TEST_CASE("CSV rows are read as RFC 4180 quotes them", "[csv]") {
    const auto read = readRows("a,b,c\r\n"
                               "1,\"two, with a comma\",\"say \"\"hi\"\"\"\r\n"
                               "\r\n"
                               "\"spans\nlines\",,\"ends in CRLF\r\ninside\"\r\n"
                               "last, spaces kept ,x");
    CHECK(read.last == CsvReader::Outcome::End);
    REQUIRE(read.rows.size() == 4);
    CHECK(read.rows[0] == std::vector<std::string>{"a", "b", "c"});
    CHECK(read.rows[1] == std::vector<std::string>{"1", "two, with a comma", "say \"hi\""});
    CHECK(read.rows[2] == std::vector<std::string>{"spans\nlines", "", "ends in CRLF\r\ninside"});
    CHECK(read.rows[3] == std::vector<std::string>{"last", " spaces kept ", "x"});
    // A row's line is where it starts; blank lines are skipped but counted.
    CHECK(read.lines == std::vector<std::int64_t>{1, 2, 4, 7});
}

TEST_CASE("what the CSV writer writes reads back field for field", "[csv]") {
    const Rows rows = {
        {"id", "text"},
        {"1", "plain"},
        {"2", "a, comma"},
        {"3", "\"quoted\" words"},
        {"4", "two\nlines"},
        {"5", "windows\r\nline end"},
        {"6", " edge spaces "},
        {"7", ""},
        {"8", "寸法は１２．０５ｍｍ、公差±0.02"},
    };
    std::string bytes(kUtf8ByteOrderMark);
    for (const auto& row : rows)
        bytes += csvLine(row);
    const auto read = readRows(bytes);
    CHECK(read.last == CsvReader::Outcome::End);
    CHECK(read.rows == rows);
    CHECK(read.encoding == TextEncoding::Utf8);
}

TEST_CASE("the encoding is detected, or named", "[csv]") {
    const std::string text = "prompt,response_a\r\n\"検査ロットL1234の不良数は？\",５７個\r\n";
    SECTION("UTF-8 with a byte-order mark") {
        const auto read = readRows(std::string(kUtf8ByteOrderMark) + text);
        CHECK(read.encoding == TextEncoding::Utf8);
        REQUIRE(read.rows.size() == 2);
        CHECK(read.rows[0][0] == "prompt"); // the mark is not part of the first header
        CHECK(read.rows[1][1] == "５７個");
    }
    SECTION("UTF-8 without one") {
        const auto read = readRows(text);
        CHECK(read.encoding == TextEncoding::Utf8);
        CHECK(read.rows.at(1).at(0) == "検査ロットL1234の不良数は？");
    }
    SECTION("CP932 as Excel saves it, detected") {
        const auto read = readRows(test::toCp932(text));
        CHECK(read.encoding == TextEncoding::Cp932);
        REQUIRE(read.rows.size() == 2);
        CHECK(read.rows[1] == std::vector<std::string>{"検査ロットL1234の不良数は？", "５７個"});
    }
    SECTION("CP932 named") {
        const auto read = readRows(test::toCp932(text), TextEncoding::Cp932);
        CHECK(read.rows.at(1).at(1) == "５７個");
    }
    SECTION("CP932 read as UTF-8 is refused with a hint") {
        const auto read = readRows(test::toCp932(text), TextEncoding::Utf8);
        CHECK(read.last == CsvReader::Outcome::Bad);
        CHECK_THAT(read.error,
                   Catch::Contains("not valid UTF-8") && Catch::Contains("--encoding cp932"));
    }
    SECTION("UTF-8 that turns invalid after the line that decided is refused") {
        const auto read = readRows(text + "x,\xff\xfe\r\n");
        CHECK(read.rows.size() == 2);
        CHECK(read.last == CsvReader::Outcome::Bad);
        CHECK_THAT(read.error, Catch::Contains("not valid UTF-8"));
    }
}

TEST_CASE("malformed CSV rows are refused with a reason", "[csv]") {
    SECTION("text after a closing quote") {
        const auto read = readRows("a,b\r\n\"x\"y,z\r\n");
        CHECK(read.last == CsvReader::Outcome::Bad);
        CHECK_THAT(read.error, Catch::Contains("text after the closing quote of field 1"));
    }
    SECTION("a quote never closed") {
        const auto read = readRows("a,b\r\n1,\"never closed\r\nmore\r\n");
        CHECK(read.last == CsvReader::Outcome::Bad);
        CHECK_THAT(read.error, Catch::Contains("not closed before the end of the file"));
    }
}

TEST_CASE("the formula escape goes round and leaves plain text alone", "[csv]") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"=SUM(A1:A9)", "'=SUM(A1:A9)"},
        {"+81 3 1234", "'+81 3 1234"},
        {"-0.05 mm", "'-0.05 mm"},
        {"@user", "'@user"},
        {"\tindented", "'\tindented"},
        {"'=already escaped", "''=already escaped"},
        {"'quoted", "'quoted"},
        {"plain = text", "plain = text"},
        {"", ""},
        {"不良=3", "不良=3"},
    };
    for (const auto& [text, escaped] : cases) {
        CHECK(escapeFormula(text) == escaped);
        CHECK(unescapeFormula(escaped) == text);
    }
}

TEST_CASE("a CSV import names its columns and reads labels in either case", "[csv][import]") {
    test::TempDir dir;
    auto project = projectAt(dir.file("p.rlthf"));
    const auto input = dir.file("検査.csv");
    test::writeFile(
        input,
        test::toCp932("番号,質問,回答A,回答B,AI判定,備考\r\n"
                      "Q1,\"寸法12.05mmは公差内？\",不合格。ロットを隔離。,問題なし。,A,x\r\n"
                      "Q2,不良数は？,５７個,'=57,b,\r\n"
                      "Q3,full-width label,x,y,Ｂ,\r\n"));
    CsvOptions csv;
    csv.columns = {{"id", "番号"},
                   {"prompt", "質問"},
                   {"response_a", "回答A"},
                   {"response_b", "回答B"},
                   {"ai_label", "AI判定"}};
    auto report = importFiles(project, {input}, csvImport(csv));
    REQUIRE(report);
    CHECK(report->imported == 3);
    CHECK(report->labels == 3);
    const auto exported = pairsExport(project, dir.file("out.jsonl"));
    CHECK_THAT(exported, Catch::Contains(R"("ai_label":"a")") && Catch::Contains(R"("id":"Q1")") &&
                             Catch::Contains(R"("prompt":"寸法12.05mmは公差内？")") &&
                             Catch::Contains(R"("response_b":"=57")") &&
                             Catch::Contains(R"({"ai_label":"b","gold_label":null,"id":"Q3")"));

    SECTION("a missing column is named with the header it has") {
        auto other = projectAt(dir.file("q.rlthf"));
        auto refused = importFiles(other, {input}, csvImport());
        REQUIRE_FALSE(refused);
        CHECK_THAT(refused.message(),
                   Catch::Contains("no column \"prompt\"") && Catch::Contains("\"質問\""));
    }
}

TEST_CASE("a CSV export opens in Excel and imports back to the same pairs", "[csv][export]") {
    test::TempDir dir;
    auto source = projectAt(dir.file("a.rlthf"));
    const auto input = dir.file("in.jsonl");
    test::writeFile(
        input,
        R"j({"id":"f-1","prompt":"=HYPERLINK(\"http://x\")","response_a":"Reject, quarantine.\r\nThen 5-why.","response_b":"-0.05 is fine","ai_label":"a","gold_label":"b","meta":{"topic":"tolerance","difficulty":0.25}})j"
        "\n"
        R"j({"id":"f-2","prompt":"不良数は５７個、公差±０．０２ｍｍ","response_a":"  lead and trail  ","response_b":"'@home","ai_label":"b"})j"
        "\n"
        R"j({"prompt":"no id, no labels","response_a":"x","response_b":"y"})j"
        "\n");
    REQUIRE(importFiles(source, {input}, test::importAs(Format::Pairs, LabelSource::Ai)));
    test::addVerdictAndFlip(source, {.verdictPair = 1,
                                     .annotator = "佐藤",
                                     .comment = "+ misread, \"tolerance\"\nsee photo",
                                     .flipPair = 2,
                                     .margin = -0.1234567890123});
    const auto csvPath = dir.file("out.csv");
    ExportOptions options;
    options.format = ExportFormat::Csv;
    auto report = exportProject(source, csvPath, options);
    REQUIRE(report);
    CHECK(report->rows == 3);

    const std::string bytes = test::readFile(csvPath);
    CHECK(bytes.rfind(std::string(kUtf8ByteOrderMark) +
                          "id,prompt,response_a,response_b,ai_label,gold_label,label,"
                          "label_source,annotator,station,iteration,margin,comment,meta\r\n",
                      0) == 0);
    CHECK_THAT(bytes, Catch::Contains("\r\nf-1,\"'=HYPERLINK(\"\"http://x\"\")\",") &&
                          Catch::Contains(",'-0.05 is fine,") &&
                          Catch::Contains(",\"'+ misread, \"\"tolerance\"\"\nsee photo\",") &&
                          Catch::Contains(",''@home,"));
    // Every row ends in CRLF; line feeds inside quoted cells are the texts' own.
    const auto read = readRows(bytes);
    CHECK(read.rows.size() == 4);

    auto copy = projectAt(dir.file("b.rlthf"));
    auto imported = importFiles(copy, {csvPath}, csvImport());
    REQUIRE(imported);
    CHECK(imported->imported == 3);
    CHECK(pairsExport(copy, dir.file("b.jsonl")) == pairsExport(source, dir.file("a.jsonl")));
}

TEST_CASE("bad CSV rows are listed with skip-bad and the good ones imported", "[csv][import]") {
    test::TempDir dir;
    auto project = projectAt(dir.file("p.rlthf"));
    const auto input = dir.file("mixed.csv");
    test::writeFile(input, "prompt,response_a,response_b,ai_label,iteration,margin,meta\n"
                           "p1,a,b,A,,,\n"
                           "p2,a,b,c,,,\n"
                           "\"p3\nspans\",a,b\n"
                           "p4,a,b,b,two,,\n"
                           "p5,a,b,b,,1e999,\n"
                           "p6,a,b,b,,,[1]\n"
                           "p7,a,\"b\x01\",b,,,\n"
                           "p8,a,b,b,,,{\"k\":1}\n");
    auto report = importFiles(project, {input}, csvImport({}, true));
    REQUIRE(report);
    CHECK(report->imported == 2);
    std::vector<std::string> reasons;
    for (const auto& rejected : report->rejected)
        reasons.push_back(rejected.describe());
    REQUIRE(reasons.size() == 6);
    CHECK_THAT(reasons[0], Catch::StartsWith(input + ":3: column \"ai_label\" must be a or b"));
    CHECK_THAT(reasons[1], Catch::StartsWith(input + ":4: 3 fields, but the header has 7"));
    CHECK_THAT(reasons[2], Catch::StartsWith(input + ":6: column \"iteration\" must be a whole"));
    CHECK_THAT(reasons[3], Catch::StartsWith(input + ":7: column \"margin\" must be a number"));
    CHECK_THAT(reasons[4], Catch::StartsWith(input + ":8: column \"meta\" must hold a JSON"));
    CHECK_THAT(reasons[5],
               Catch::StartsWith(input + ":9: column \"response_b\" holds the control"));
}
