#include "CliRunner.h"
#include "Files.h"
#include "TempDir.h"
#include "store/Project.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <memory>
#include <sstream>
#include <sys/wait.h>

using namespace rlthf;
using test::runCli;
using test::statsJson;

namespace {

std::string hhRecord(const std::string& human, const std::string& good, const std::string& bad) {
    return "{\"chosen\":\"\\n\\nHuman: " + human + "\\n\\nAssistant: " + good +
           "\",\"rejected\":\"\\n\\nHuman: " + human + "\\n\\nAssistant: " + bad + "\"}\n";
}

} // namespace

TEST_CASE("usage errors exit with 2 and say what is wrong", "[cli]") {
    CHECK(runCli({}).code == 2);
    auto unknown = runCli({"frobnicate"});
    CHECK(unknown.code == 2);
    CHECK_THAT(unknown.err, Catch::Contains("unknown command \"frobnicate\""));
    auto noDb = runCli({"import", "--format", "trl", "x.jsonl"});
    CHECK(noDb.code == 2);
    CHECK_THAT(noDb.err, Catch::Contains("--db is required"));
    auto badFormat = runCli({"import", "--db", "x.rlthf", "--format", "xlsx", "x"});
    CHECK(badFormat.code == 2);
    CHECK_THAT(badFormat.err, Catch::Contains("--format must be trl, hh-rlhf, pairs or csv"));
    auto csvOnly =
        runCli({"import", "--db", "x.rlthf", "--format", "trl", "--encoding", "cp932", "x"});
    CHECK(csvOnly.code == 2);
    CHECK_THAT(csvOnly.err, Catch::Contains("--encoding and --columns are for --format csv"));
    auto badColumns =
        runCli({"import", "--db", "x.rlthf", "--format", "csv", "--columns", "question=Q", "x"});
    CHECK(badColumns.code == 2);
    CHECK_THAT(badColumns.err, Catch::Contains("\"question\" is not a field"));
    auto badOption = runCli({"stats", "--db", "x", "--verbose"});
    CHECK_THAT(badOption.err, Catch::Contains("unknown option --verbose"));
    for (const char* flipBelow : {"0.5", "-0.1", "often"}) {
        auto badFlip =
            runCli({"bench", "--data", "x.jsonl", "--out", "o", "--flip-below", flipBelow});
        CHECK(badFlip.code == 2);
        CHECK_THAT(badFlip.err, Catch::Contains("--flip-below"));
    }
    CHECK(runCli({"help"}).code == 0);
}

TEST_CASE("rlthf answers --version, and --help or -h for every command", "[cli]") {
    auto version = runCli({"--version"});
    CHECK(version.code == 0);
    CHECK_THAT(version.out, Catch::StartsWith("rlthf " RLTHF_TEST_VERSION "\nLicense GPLv3+"));
    for (const char* command :
         {"import", "export", "stats", "backup", "demo", "generate", "label", "embed", "retrain",
          "queue", "annotate", "propagate", "curve", "bench"}) {
        INFO(command);
        for (const char* flag : {"--help", "-h"}) {
            auto help = runCli({command, flag});
            CHECK(help.code == 0);
            CHECK_THAT(help.out, Catch::StartsWith(std::string("usage: rlthf ") + command + " "));
            // The command's own entry: its options, and not the next command's.
            CHECK(std::count(help.out.begin(), help.out.end(), '\n') >= 2);
            bool nextEntry = false; // a line indented by two: another command's entry
            for (std::size_t at = help.out.find("\n  "); at != std::string::npos;
                 at = help.out.find("\n  ", at + 1))
                nextEntry = nextEntry || (at + 3 < help.out.size() && help.out[at + 3] != ' ');
            CHECK_FALSE(nextEntry);
        }
        CHECK(runCli({"help", command}).out == runCli({command, "--help"}).out);
    }
    CHECK_THAT(runCli({"import", "-h"}).out, Catch::Contains("--skip-bad"));
    // Help wins over missing options: nothing runs.
    CHECK(runCli({"retrain", "--db", "missing.rlthf", "--help"}).code == 0);
}

namespace {

// `text` without Markdown's code quotes, and with its escaped table bars as bars.
std::string plainMarkdown(std::string text) {
    text.erase(std::remove(text.begin(), text.end(), '`'), text.end());
    for (std::size_t at = text.find("\\|"); at != std::string::npos; at = text.find("\\|", at))
        text.erase(at, 1);
    return text;
}

} // namespace

TEST_CASE("the README's table and the bash completion name each command as rlthf help does",
          "[cli]") {
    const std::string readme = test::readFile(RLTHF_SOURCE_DIR "/README.md");
    const std::string completion = test::readFile(RLTHF_SOURCE_DIR "/resources/completion/rlthf");
    for (const auto& command : cli::commandSummaries()) {
        INFO(command.name);
        const std::string start = "\n| `rlthf " + command.name + " ";
        const auto at = readme.find(start);
        REQUIRE(at != std::string::npos);
        const std::string row = readme.substr(at + 3, readme.find('\n', at + 1) - at - 3);
        const auto bar = row.find("` | ");
        REQUIRE(bar != std::string::npos);
        CHECK(plainMarkdown(row.substr(0, bar)) ==
              "rlthf " + command.name + " " + command.synopsis);
        CHECK_THAT(plainMarkdown(row.substr(bar + 4)), Catch::StartsWith(command.summary));

        const std::string entry = "\n    " + command.name + ") options=\"";
        const auto listed = completion.find(entry);
        REQUIRE(listed != std::string::npos);
        const std::string options =
            completion.substr(listed + entry.size(),
                              completion.find('"', listed + entry.size()) - listed - entry.size());
        std::istringstream words(options);
        std::vector<std::string> completed;
        for (std::string word; words >> word;)
            if (word.rfind("--", 0) == 0)
                completed.push_back(word);
        auto expected = command.options;
        std::sort(expected.begin(), expected.end());
        std::sort(completed.begin(), completed.end());
        CHECK(completed == expected);
    }
}

TEST_CASE("import, stats and export work end to end", "[cli]") {
    test::TempDir dir;
    const auto db = dir.file("p.rlthf");
    const auto input = dir.file("hh.jsonl.gz");
    test::writeGzip(input,
                    hhRecord("q1", "safe answer", "unsafe answer") +
                        "{\"chosen\":\"\\n\\nHuman: a\\n\\nAssistant: x\",\"rejected\":\"\\n\\n"
                        "Human: b\\n\\nAssistant: y\"}\n" +
                        hhRecord("q2", "no", "yes") + hhRecord("q2", "no", "yes"));

    SECTION("without --skip-bad the import fails and changes nothing") {
        auto run =
            runCli({"import", "--db", db, "--format", "hh-rlhf", "--label-source", "gold", input});
        CHECK(run.code == 1);
        CHECK_THAT(run.err, Catch::Contains(input + ":2: \"chosen\" and \"rejected\" differ"));
        CHECK_THAT(run.err, Catch::Contains("no project was created"));
        CHECK_FALSE(std::filesystem::exists(db));

        // An existing project keeps its bytes.
        const auto good = dir.file("good.jsonl");
        test::writeFile(good, hhRecord("q9", "fine", "bad"));
        REQUIRE(runCli({"import", "--db", db, "--format", "hh-rlhf", good}).code == 0);
        const auto before = test::readFile(db);
        auto again = runCli({"import", "--db", db, "--format", "hh-rlhf", input});
        CHECK(again.code == 1);
        CHECK_THAT(again.err, Catch::Contains("the project is unchanged"));
        CHECK(statsJson(db)["pairs"].toInt() == 1);
        CHECK(test::readFile(db) == before);
    }
    SECTION("with --skip-bad the rest is imported and the bad line listed") {
        auto run = runCli({"import", "--db", db, "--format", "hh-rlhf", "--label-source", "gold",
                           "--skip-bad", input});
        REQUIRE(run.code == 0);
        CHECK_THAT(run.out, Catch::Contains("imported 2 pairs (2 labels), 1 duplicates skipped, "
                                            "1 lines rejected"));
        CHECK_THAT(run.out, Catch::Contains("rejected " + input + ":2: "));
        const auto stats = statsJson(db);
        CHECK(stats["pairs"].toInt() == 2);
        CHECK(stats["labels"].toObject()["gold"].toInt() == 2);
        CHECK(stats["awaiting_ai_label"].toInt() == 2);

        auto exported = runCli({"export", "--db", db, "--out", dir.file("out.jsonl"), "--format",
                                "trl", "--shards", "2"});
        REQUIRE(exported.code == 0);
        CHECK_THAT(exported.out, Catch::Contains("exported 2 pairs to 2 file(s)"));
        const auto copy = dir.file("copy.rlthf");
        auto reimport = runCli({"import", "--db", copy, "--format", "trl", "--label-source", "gold",
                                dir.file("out/out-00001-of-00002.jsonl"),
                                dir.file("out/out-00002-of-00002.jsonl")});
        REQUIRE(reimport.code == 0);
        CHECK(statsJson(copy)["pairs"].toInt() == 2);

        auto text = runCli({"stats", "--db", db});
        CHECK_THAT(text.out, Catch::Contains("pairs        2"));
    }
}

TEST_CASE("commands on a file that is not a project fail without touching it", "[cli]") {
    test::TempDir dir;
    const auto bogus = dir.file("notes.rlthf");
    test::writeFile(bogus, "shift notes, not a project");
    auto run = runCli({"stats", "--db", bogus});
    CHECK(run.code == 1);
    CHECK_THAT(run.err, Catch::Contains("not an RLTHF project"));
    auto import = runCli({"import", "--db", bogus, "--format", "trl", bogus});
    CHECK(import.code == 1);
    CHECK(test::readFile(bogus) == "shift notes, not a project");
}

TEST_CASE("generate factory writes an importable demo set", "[cli]") {
    test::TempDir dir;
    const auto out = dir.file("factory.jsonl");
    auto gen = runCli({"generate", "factory", "--pairs", "120", "--out", out});
    REQUIRE(gen.code == 0);
    auto imp = runCli({"import", "--db", dir.file("demo.rlthf"), "--format", "pairs", out});
    REQUIRE(imp.code == 0);
    const auto stats = statsJson(dir.file("demo.rlthf"));
    CHECK(stats["pairs"].toInt() == 120);
    CHECK(stats["labels"].toObject()["ai"].toInt() == 120);
    CHECK(stats["labels"].toObject()["gold"].toInt() == 120);
}

TEST_CASE("demo says how many pairs its project holds", "[cli]") {
    test::TempDir dir;
    const auto project = dir.file("demo.rlthf");
    auto run = runCli({"demo", "--out", project, "--pairs", "2000"});
    REQUIRE(run.code == 0);
    const int pairs = statsJson(project)["pairs"].toInt();
    CHECK(pairs < 2000); // the generator repeats a few contents
    CHECK_THAT(run.out, Catch::Contains(fmt::format(": {} pairs (2000 generated, {} repeated)",
                                                    pairs, 2000 - pairs)));
}

TEST_CASE("generate and export never write over another project", "[cli][safety]") {
    test::TempDir dir;
    const auto data = dir.file("factory.jsonl");
    REQUIRE(runCli({"generate", "factory", "--pairs", "20", "--out", data}).code == 0);
    const auto source = dir.file("source.rlthf");
    REQUIRE(runCli({"import", "--db", source, "--format", "pairs", data}).code == 0);
    // Another team's project, named like anything: its bytes must survive both commands.
    const auto other = dir.file("line4.dat");
    REQUIRE(runCli({"import", "--db", other, "--format", "pairs", data}).code == 0);
    const std::string before = test::readFile(other);

    for (const std::string& target : {other, other + "-wal"}) {
        INFO(target);
        auto gen = runCli({"generate", "factory", "--pairs", "5", "--out", target});
        CHECK(gen.code == 1);
        CHECK_THAT(gen.err, Catch::Contains("an SQLite database, perhaps a project"));
        auto exported =
            runCli({"export", "--db", source, "--out", target, "--format", "pairs", "--quiet"});
        CHECK(exported.code == 1);
        CHECK_THAT(exported.err, Catch::Contains("an SQLite database, perhaps a project"));
    }
    CHECK(test::readFile(other) == before);
    CHECK_FALSE(std::filesystem::exists(other + "-wal"));
    CHECK(statsJson(other)["pairs"].toInt() == 20);
}

TEST_CASE("the rlthf executable runs as a process", "[cli][e2e]") {
    test::TempDir dir;
    const std::string exe = std::string(RLTHF_BIN_DIR) + "/rlthf";
    const auto out = dir.file("f.jsonl");
    const auto db = dir.file("e2e.rlthf");
    auto sh = [](const std::string& cmd) {
        return std::system((cmd + " >/dev/null 2>&1").c_str());
    };
    REQUIRE(sh(exe + " generate factory --pairs 50 --out '" + out + "'") == 0);
    REQUIRE(sh(exe + " import --db '" + db + "' --format pairs '" + out + "'") == 0);
    const std::string cmd = exe + " stats --json --db '" + db + "'";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
    REQUIRE(pipe);
    std::string json;
    char buf[4096];
    while (std::size_t n = fread(buf, 1, sizeof buf, pipe.get()))
        json.append(buf, n);
    CHECK(QJsonDocument::fromJson(QByteArray::fromStdString(json)).object()["pairs"].toInt() == 50);
    CHECK(sh(exe + " import --db '" + db + "' --format trl /no/such/file.jsonl") != 0);
}

TEST_CASE("retrain, queue, annotate, curve and propagate work as processes", "[cli][e2e][loop]") {
    test::TempDir dir;
    const std::string exe = std::string(RLTHF_BIN_DIR) + "/rlthf";
    const auto data = dir.file("f.jsonl");
    const auto db = dir.file("loop.rlthf");
    auto capture = [](const std::string& cmd, int* code = nullptr) {
        std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen((cmd + " 2>/dev/null").c_str(), "r"),
                                                   pclose);
        std::string text;
        char buf[4096];
        while (std::size_t n = fread(buf, 1, sizeof buf, pipe.get()))
            text.append(buf, n);
        const int status = pclose(pipe.release());
        if (code)
            *code = WEXITSTATUS(status);
        return text;
    };
    int code = -1;
    capture(exe + " generate factory --pairs 1200 --out '" + data + "'", &code);
    REQUIRE(code == 0);
    capture(exe + " import --db '" + db + "' --format pairs '" + data + "'", &code);
    REQUIRE(code == 0);

    const auto retrain = capture(exe + " retrain --db '" + db + "' --threads 1", &code);
    INFO(retrain);
    REQUIRE(code == 0);
    CHECK_THAT(retrain, Catch::Contains("iteration 1:") && Catch::Contains("knee"));

    const auto queue = capture(exe + " queue --db '" + db + "' --json --limit 5", &code);
    REQUIRE(code == 0);
    const auto items = QJsonDocument::fromJson(QByteArray::fromStdString(queue)).array();
    REQUIRE(items.size() > 0);
    const auto first = items[0].toObject();
    const auto pair = std::to_string(first["pair"].toInteger());
    CHECK(first["priority"].toInt() == 0);

    const auto annotate = capture(exe + " annotate --db '" + db + "' --pair " + pair +
                                      " --verdict flip --annotator Sato --comment 'wrong band'",
                                  &code);
    REQUIRE(code == 0);
    CHECK_THAT(annotate, Catch::Contains("pair " + pair + ": Sato prefers"));
    const auto after = capture(exe + " queue --db '" + db + "' --json --limit 100");
    CHECK(after.find("\"pair\": " + pair + ",") == std::string::npos);
    capture(exe + " annotate --db '" + db + "' --pair 1 --verdict maybe --annotator Sato", &code);
    CHECK(code == 2);

    capture(exe + " curve --db '" + db + "' --out '" + dir.file("c.csv") + "'", &code);
    REQUIRE(code == 0);
    CHECK_THAT(test::readFile(dir.file("c.csv")),
               Catch::StartsWith("rank,pair_id,margin,zone") && Catch::Contains(",knee,"));
    capture(exe + " curve --db '" + db + "' --out '" + dir.file("c.png") + "'", &code);
    REQUIRE(code == 0);
    CHECK(test::readFile(dir.file("c.png")).substr(1, 3) == "PNG");

    const auto propagate = capture(exe + " propagate --db '" + db + "'", &code);
    REQUIRE(code == 0);
    CHECK_THAT(propagate, Catch::Contains("propagated labels to"));
    const auto stats = capture(exe + " stats --json --db '" + db + "'");
    const auto json =
        QJsonDocument::fromJson(QByteArray::fromStdString(stats.substr(stats.find('{')))).object();
    CHECK(json["labels"].toObject()["propagated"].toInt() > 600);
    CHECK(json["review"].toObject()["reviewed"].toInt() == 1);
}

TEST_CASE("a lead's settlement is its own verdict: the label, exported as 'settled'",
          "[cli][settle]") {
    test::TempDir dir;
    const auto data = dir.file("f.jsonl");
    const auto db = dir.file("s.rlthf");
    REQUIRE(runCli({"generate", "factory", "--pairs", "20", "--out", data}).code == 0);
    REQUIRE(runCli({"import", "--db", db, "--format", "pairs", data}).code == 0);
    auto annotate = [&](const char* verdict, const char* who) {
        return runCli(
            {"annotate", "--db", db, "--pair", "3", "--verdict", verdict, "--annotator", who});
    };
    REQUIRE(annotate("a", "alice").code == 0);
    REQUIRE(annotate("b", "bob").code == 0);
    const auto settled = annotate("settle-b", "Lead");
    REQUIRE(settled.code == 0);
    CHECK_THAT(settled.out, Catch::Contains("pair 3: Lead settles on B"));
    REQUIRE(annotate("a", "carol").code == 0); // kept, but the settlement stays the label
    CHECK(annotate("settle-x", "Lead").code == 2);

    const auto out = dir.file("out.jsonl");
    REQUIRE(runCli({"export", "--db", db, "--out", out, "--format", "pairs"}).code == 0);
    int settledLines = 0;
    std::istringstream lines(test::readFile(out));
    for (std::string line; std::getline(lines, line);) {
        const auto o = QJsonDocument::fromJson(QByteArray::fromStdString(line)).object();
        if (o["label_source"].toString() != QLatin1String("settled"))
            continue;
        ++settledLines;
        CHECK(o["label"].toString() == QLatin1String("b"));
        CHECK(o["annotator"].toString() == QLatin1String("Lead"));
    }
    CHECK(settledLines == 1);

    // The export carries the settlement into another project.
    const auto copy = dir.file("copy.rlthf");
    REQUIRE(runCli({"import", "--db", copy, "--format", "pairs", out}).code == 0);
    const auto stats = runCli({"stats", "--json", "--db", copy});
    const auto json = QJsonDocument::fromJson(QByteArray::fromStdString(stats.out)).object();
    CHECK(json["labels"].toObject()["settled"].toInt() == 1);
    CHECK(json["review"].toObject()["reviewed"].toInt() == 1);
}

TEST_CASE("settings lists, reads and writes the loop settings, and refuses bad ones", "[cli]") {
    test::TempDir dir;
    const auto db = dir.file("s.rlthf");
    REQUIRE(store::Project::open(db, store::OpenMode::OpenOrCreate));
    auto list = runCli({"settings", "--db", db});
    CHECK(list.code == 0);
    CHECK_THAT(list.out, Catch::Contains("batch_share = 0.012\n"));
    CHECK_THAT(list.out, Catch::Contains("flip_use_lower_bound = true\n"));

    auto set = runCli({"settings", "--db", db, "batch_share", "0.02"});
    CHECK(set.code == 0);
    CHECK(runCli({"settings", "--db", db, "batch_share"}).out == "0.02\n");
    CHECK(runCli({"settings", "--db", db, "flip_use_lower_bound", "false"}).code == 0);
    CHECK(runCli({"settings", "--db", db, "flip_use_lower_bound"}).out == "false\n");
    CHECK(runCli({"settings", "--db", db, "targeting"}).out == "learned\n");
    CHECK(runCli({"settings", "--db", db, "targeting", "margin"}).code == 0);
    CHECK(runCli({"settings", "--db", db, "targeting"}).out == "margin\n");
    CHECK(runCli({"settings", "--db", db, "wrong_labels"}).out == "flip\n");
    CHECK(runCli({"settings", "--db", db, "wrong_labels", "drop"}).code == 0);
    CHECK(runCli({"settings", "--db", db, "wrong_labels"}).out == "drop\n");

    // Refused, named, and nothing changes.
    const std::string before = runCli({"settings", "--db", db}).out;
    const struct {
        const char* key;
        const char* value;
        const char* why;
    } refused[] = {
        {"batch_size_typo", "3", "unknown setting \"batch_size_typo\""},
        {"batch_share", "lots", "\"batch_share\" must be a number"},
        {"shard_fraction", "1.5", "shard_fraction"},
        // The dialog's ranges: the same ones here.
        {"iterations", "0", "\"iterations\" must be from 1 to 1000"},
        {"audit_share", "1.5", "\"audit_share\" must be from 0 to 1"},
        {"out_of_fold", "yes", "\"out_of_fold\" must be true or false"},
        {"targeting", "smart", "\"targeting\" must be \"margin\" or \"learned\""},
        {"wrong_labels", "delete", "\"wrong_labels\" must be \"flip\" or \"drop\""},
    };
    for (const auto& bad : refused) {
        INFO(bad.key << " = " << bad.value);
        auto answer = runCli({"settings", "--db", db, bad.key, bad.value});
        CHECK(answer.code == 2);
        CHECK_THAT(answer.err, Catch::Contains(bad.why));
    }
    CHECK(runCli({"settings", "--db", db}).out == before);
}

namespace {

// What `rlthf ARGS` shows on a terminal (`script` gives it one and keeps what it shows).
std::string shownOnTerminal(const test::TempDir& dir, const std::string& args) {
    static int runs = 0;
    const auto shown = dir.file("shown-" + std::to_string(++runs) + ".txt");
    const std::string cmd = "script -qec \"" + std::string(RLTHF_BIN_DIR) + "/rlthf " + args +
                            "\" '" + shown + "' >/dev/null 2>&1";
    REQUIRE(std::system(cmd.c_str()) == 0);
    return test::readFile(shown);
}

// What stays on screen of the line that ends with `text`: what follows its last \r.
std::string screenLineWith(const std::string& shown, const std::string& text) {
    const auto at = shown.find(text);
    if (at == std::string::npos)
        return {};
    const auto start = shown.rfind('\r', at);
    const auto lineStart = shown.rfind('\n', at);
    const auto from =
        start == std::string::npos || (lineStart != std::string::npos && lineStart > start)
            ? (lineStart == std::string::npos ? 0 : lineStart + 1)
            : start + 1;
    return shown.substr(from, shown.find_first_of("\r\n", at) - from);
}

} // namespace

TEST_CASE("import shows its progress on a terminal, and not with --quiet or into a file",
          "[cli][e2e]") {
    test::TempDir dir;
    const std::string exe = std::string(RLTHF_BIN_DIR) + "/rlthf";
    const auto pairs = dir.file("f.jsonl");
    REQUIRE(std::system((exe + " generate factory --pairs 4000 --out '" + pairs + "' >/dev/null")
                            .c_str()) == 0);
    auto onTerminal = [&](const std::string& db, const std::string& extra) {
        return shownOnTerminal(dir, "import --db '" + dir.file(db) + "' --format pairs " + extra +
                                        " '" + pairs + "'");
    };
    const std::string shown = onTerminal("a.rlthf", "");
    CHECK_THAT(shown, Catch::Contains("import: ") && Catch::Contains(" lines"));
    // The result line is not written over the progress line.
    CHECK_THAT(screenLineWith(shown, "duplicates skipped"), Catch::StartsWith("imported "));
    CHECK_THAT(onTerminal("b.rlthf", "--quiet"), !Catch::Contains("import: "));
    const auto log = dir.file("c.log");
    REQUIRE(std::system((exe + " import --db '" + dir.file("c.rlthf") + "' --format pairs '" +
                         pairs + "' 2>'" + log + "' >/dev/null")
                            .c_str()) == 0);
    CHECK(test::readFile(log).empty());
}

TEST_CASE("retrain, propagate, export and bench show their progress on a terminal, not with "
          "--quiet nor into a file",
          "[cli][e2e][loop]") {
    test::TempDir dir;
    const std::string exe = std::string(RLTHF_BIN_DIR) + "/rlthf";
    const auto pairs = dir.file("f.jsonl");
    const auto db = dir.file("p.rlthf");
    REQUIRE(std::system((exe + " generate factory --pairs 4000 --out '" + pairs +
                         "' >/dev/null && " + exe + " import --quiet --db '" + db +
                         "' --format pairs '" + pairs + "' >/dev/null")
                            .c_str()) == 0);
    struct Long {
        std::string args;
        std::string task;   // the progress line's name
        std::string result; // a piece of the result line on stdout
    };
    const Long commands[] = {
        {"retrain --db '" + db + "'", "retrain: ", "pairs on the curve"},
        {"propagate --db '" + db + "'", "propagate: ", "pairs outside the active shard"},
        {"export --db '" + db + "' --format pairs --out '" + dir.file("o.jsonl") + "'",
         "export: ", "file(s)"},
        {"bench --data '" + pairs +
             "' --format pairs --folds 2 --iterations 1 "
             "--methods ai_only,rlthf --out '" +
             dir.file("bench") + "'",
         "bench: ", "wrote "},
    };
    for (const auto& command : commands) {
        INFO(command.args);
        const std::string shown = shownOnTerminal(dir, command.args);
        CHECK_THAT(shown, Catch::Contains(command.task) && Catch::Contains("%"));
        CHECK_THAT(screenLineWith(shown, command.result), !Catch::Contains(command.task));
        CHECK_THAT(shownOnTerminal(dir, command.args + " --quiet"), !Catch::Contains(command.task));
        const auto log = dir.file("err.log");
        REQUIRE(std::system((exe + " " + command.args + " 2>'" + log + "' >/dev/null").c_str()) ==
                0);
        CHECK_THAT(test::readFile(log), !Catch::Contains(command.task));
    }
}
