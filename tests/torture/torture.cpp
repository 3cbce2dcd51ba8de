// Crash torture: starts the real `rlthf` doing one long or writing command, SIGKILLs it at a
// random moment, and checks what is left: the file's integrity, every acknowledged verdict
// exactly once, no partial import, no half-written iteration or propagation, exports whole
// or absent (all shards or none), and that running the killed command again completes.
//
//   rlthf_torture [--kills N] [--seed S] [--kinds K1,K2,...] [--workdir DIR] [--bin DIR]
//                 [--delay-ms MS] [--keep]
//
// Kinds: import (into an existing project), import-new (into a new path), annotate (a burst
// of sequential verdicts), retrain, propagate, export, export-shards, label (against a
// loopback scripted judge). One line per kill; the last line is `torture: N passed, M failed`.
// A failed round keeps its directory and prints its path, the reason and how to replay it.

#include "JudgeLines.h"
#include "ScriptedServer.h"
#include "Spawn.h"
#include "data/ContentHash.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <optional>
#include <random>
#include <sqlite3.h>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <tuple>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

// ---------------------------------------------------------------------------------------------
// Options

const std::vector<std::string> kAllKinds = {"import",    "import-new", "annotate",      "retrain",
                                            "propagate", "export",     "export-shards", "label"};

struct Options {
    int kills = 25;
    std::uint64_t seed = 0;
    bool seedGiven = false;
    std::vector<std::string> kinds = kAllKinds;
    std::string workdir;
    std::string binDir = RLTHF_BIN_DIR;
    std::optional<int> delayMs;
    bool keep = false;
    int pairs = 1200;      // the prepared project
    int extraPairs = 3000; // the file imported into it
    int judgePairs = 60;   // the project `label` works on
    int burst = 8;         // annotate calls per burst
    int shards = 4;
};

[[noreturn]] void usageError(const std::string& message) {
    std::fprintf(stderr,
                 "rlthf_torture: %s\nusage: rlthf_torture [--kills N] [--seed S] [--kinds "
                 "K1,K2,...] [--workdir DIR] [--bin DIR] [--delay-ms MS] [--keep]\n",
                 message.c_str());
    std::exit(2);
}

std::vector<std::string> split(const std::string& text, char sep) {
    std::vector<std::string> parts;
    std::stringstream in(text);
    std::string part;
    while (std::getline(in, part, sep))
        if (!part.empty())
            parts.push_back(part);
    return parts;
}

Options parseOptions(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc)
                usageError(arg + " needs a value");
            return argv[++i];
        };
        try {
            if (arg == "--kills")
                o.kills = std::stoi(value());
            else if (arg == "--seed") {
                o.seed = std::stoull(value());
                o.seedGiven = true;
            } else if (arg == "--kinds") {
                o.kinds = split(value(), ',');
                for (const auto& k : o.kinds)
                    if (std::find(kAllKinds.begin(), kAllKinds.end(), k) == kAllKinds.end())
                        usageError("unknown kind " + k);
            } else if (arg == "--workdir")
                o.workdir = value();
            else if (arg == "--bin")
                o.binDir = value();
            else if (arg == "--delay-ms")
                o.delayMs = std::stoi(value());
            else if (arg == "--keep")
                o.keep = true;
            else
                usageError("unknown option " + arg);
        } catch (const std::logic_error&) {
            usageError("bad value for " + arg);
        }
    }
    if (o.kills < 0 || o.kinds.empty())
        usageError("nothing to do");
    if (!o.seedGiven)
        o.seed = static_cast<std::uint64_t>(
            std::chrono::system_clock::now().time_since_epoch().count() % 1000000007);
    return o;
}

// ---------------------------------------------------------------------------------------------
// Files

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeFile(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
    if (!out)
        throw std::runtime_error("cannot write " + path);
}

std::vector<std::string> listDir(const std::string& dir) {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

// `name` is `target.tmp-PID`: what an export stages under before its rename.
bool isStaleStage(const std::string& name, const std::string& target) {
    const std::string prefix = target + ".tmp-";
    return name.size() > prefix.size() && name.compare(0, prefix.size(), prefix) == 0 &&
           name.find_first_not_of("0123456789", prefix.size()) == std::string::npos;
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names)
        out += (out.empty() ? "" : ", ") + n;
    return out.empty() ? "(none)" : out;
}

// Every line of a JSON-lines file is one JSON object; returns the count, or an error.
struct WholeFile {
    bool ok = false;
    std::int64_t rows = 0;
    std::string problem;
};

WholeFile checkJsonLines(const std::string& path) {
    WholeFile w;
    const std::string bytes = readFile(path);
    if (bytes.empty()) {
        w.problem = "empty file";
        return w;
    }
    if (bytes.back() != '\n') {
        w.problem = "the last line has no newline (cut short)";
        return w;
    }
    std::size_t start = 0;
    while (start < bytes.size()) {
        const std::size_t end = bytes.find('\n', start);
        const QByteArray line = QByteArray::fromStdString(bytes.substr(start, end - start));
        QJsonParseError error;
        const auto doc = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject()) {
            w.problem = fmt::format("line {} is not a JSON object", w.rows + 1);
            return w;
        }
        ++w.rows;
        start = end + 1;
    }
    w.ok = true;
    return w;
}

// ---------------------------------------------------------------------------------------------
// SQLite, read-only, for the checks (and the backup API for copies)

class Db {
  public:
    explicit Db(const std::string& path, bool readOnly = true) {
        const int flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
        if (sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr) != SQLITE_OK) {
            const std::string message = m_db ? sqlite3_errmsg(m_db) : "out of memory";
            sqlite3_close(m_db);
            m_db = nullptr;
            throw std::runtime_error(path + ": cannot open: " + message);
        }
        sqlite3_busy_timeout(m_db, 10000);
    }
    ~Db() { sqlite3_close(m_db); }
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    // Calls onRow for every row of `sql` (parameters bound as text or integers).
    void forEach(const std::string& sql, const std::function<void(sqlite3_stmt*)>& onRow,
                 const std::vector<std::string>& params = {}) {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(m_db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
            throw std::runtime_error(fmt::format("{}: {}", sql, sqlite3_errmsg(m_db)));
        for (std::size_t i = 0; i < params.size(); ++i)
            sqlite3_bind_text(stmt, static_cast<int>(i + 1), params[i].c_str(), -1,
                              SQLITE_TRANSIENT);
        int rc;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
            onRow(stmt);
        sqlite3_finalize(stmt);
        if (rc != SQLITE_DONE)
            throw std::runtime_error(fmt::format("{}: {}", sql, sqlite3_errmsg(m_db)));
    }
    std::int64_t scalar(const std::string& sql, const std::vector<std::string>& params = {}) {
        std::int64_t value = 0;
        forEach(
            sql, [&](sqlite3_stmt* s) { value = sqlite3_column_int64(s, 0); }, params);
        return value;
    }
    std::vector<std::string> texts(const std::string& sql) {
        std::vector<std::string> out;
        forEach(sql, [&](sqlite3_stmt* s) {
            const auto* t = sqlite3_column_text(s, 0);
            out.emplace_back(t ? reinterpret_cast<const char*>(t) : "");
        });
        return out;
    }
    sqlite3* handle() { return m_db; }

  private:
    sqlite3* m_db = nullptr;
};

// A copy of `from` at `to` through SQLite's online backup API (the -wal included).
void backupCopy(const std::string& from, const std::string& to) {
    Db source(from);
    sqlite3* dest = nullptr;
    if (sqlite3_open_v2(to.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
        sqlite3_close(dest);
        throw std::runtime_error("cannot create " + to);
    }
    sqlite3_backup* backup = sqlite3_backup_init(dest, "main", source.handle(), "main");
    const int rc = backup ? sqlite3_backup_step(backup, -1) : SQLITE_ERROR;
    sqlite3_backup_finish(backup);
    const std::string message = sqlite3_errmsg(dest);
    sqlite3_close(dest);
    if (rc != SQLITE_DONE)
        throw std::runtime_error(fmt::format("backup of {} to {} failed: {}", from, to, message));
}

// ---------------------------------------------------------------------------------------------
// Processes

struct Exit {
    bool killed = false; // by our SIGKILL
    int code = -1;       // the exit code when it exited by itself
    int signal = 0;      // a signal that ended it other than ours
    double seconds = 0;
};

class Runner {
  public:
    explicit Runner(std::string binDir) : m_rlthf(std::move(binDir) + "/rlthf") {}
    const std::string& rlthf() const { return m_rlthf; }

    // Starts `rlthf ARGS...` with stdout and stderr going to LOG.out and LOG.err.
    pid_t start(const std::vector<std::string>& args, const std::string& log) const {
        const pid_t pid = rlthf::test::spawnLogged(m_rlthf, args, log);
        if (pid < 0)
            throw std::runtime_error(
                fmt::format("cannot start {}: {}", m_rlthf, std::strerror(errno)));
        return pid;
    }

    // Waits for `pid`, SIGKILLing it once `killAt` passes (if given).
    static Exit wait(pid_t pid, Clock::time_point started,
                     std::optional<Clock::time_point> killAt) {
        Exit e;
        int status = 0;
        bool armed = killAt.has_value();
        const Clock::time_point deadline = killAt.value_or(started);
        for (;;) {
            const pid_t done = waitpid(pid, &status, armed ? WNOHANG : 0);
            if (done == pid)
                break;
            if (done < 0 && errno != EINTR)
                throw std::runtime_error(fmt::format("waitpid: {}", std::strerror(errno)));
            if (armed && Clock::now() >= deadline) {
                ::kill(pid, SIGKILL);
                e.killed = true;
                armed = false;
                continue;
            }
            if (armed)
                std::this_thread::sleep_for(std::min<Clock::duration>(
                    500us, std::max<Clock::duration>(deadline - Clock::now(), 0us)));
        }
        e.seconds = std::chrono::duration<double>(Clock::now() - started).count();
        if (WIFEXITED(status)) {
            e.killed = false; // it finished before the signal landed
            e.code = WEXITSTATUS(status);
        } else if (WIFSIGNALED(status) && WTERMSIG(status) != SIGKILL) {
            e.killed = false;
            e.signal = WTERMSIG(status);
        }
        return e;
    }

    // Runs to the end; throws with the log when it does not exit 0 and `mustPass`.
    Exit run(const std::vector<std::string>& args, const std::string& log,
             bool mustPass = true) const {
        const auto started = Clock::now();
        const Exit e = wait(start(args, log), started, std::nullopt);
        if (mustPass && (e.code != 0 || e.signal != 0))
            throw std::runtime_error(fmt::format("`rlthf {}` failed ({}): {}", joinArgs(args),
                                                 describe(e), tail(log + ".err")));
        return e;
    }

    static std::string describe(const Exit& e) {
        if (e.killed)
            return "killed";
        if (e.signal)
            return fmt::format("died of signal {}", e.signal);
        return fmt::format("exit {}", e.code);
    }
    static std::string tail(const std::string& path) {
        std::string text = readFile(path);
        if (text.size() > 600)
            text = "..." + text.substr(text.size() - 600);
        std::replace(text.begin(), text.end(), '\n', ' ');
        return text;
    }
    static std::string joinArgs(const std::vector<std::string>& args) {
        std::string out;
        for (const auto& a : args)
            out += (out.empty() ? "" : " ") + a;
        return out;
    }

  private:
    std::string m_rlthf;
};

// ---------------------------------------------------------------------------------------------
// What a project holds, read straight from the file

using PairText = std::tuple<std::string, std::string, std::string>; // prompt, a, b

std::string column(sqlite3_stmt* s, int i) {
    const auto* t = sqlite3_column_text(s, i);
    return t ? reinterpret_cast<const char*>(t) : "";
}

// Each pair's texts and how often they occur. A clean import stores every input line once,
// less the lines the importer itself counts as duplicates of an earlier one.
std::map<PairText, int> pairTexts(Db& db) {
    std::map<PairText, int> texts;
    db.forEach("SELECT prompt, response_a, response_b FROM visible_pairs", [&](sqlite3_stmt* s) {
        ++texts[{column(s, 0), column(s, 1), column(s, 2)}];
    });
    return texts;
}

void require(bool ok, const std::string& what);

// The content hash of every record of a JSON-lines file in the `pairs` format.
std::vector<std::string> inputHashes(const std::string& jsonl) {
    std::vector<std::string> out;
    std::istringstream in(readFile(jsonl));
    std::string line;
    while (std::getline(in, line)) {
        const auto o = QJsonDocument::fromJson(QByteArray::fromStdString(line)).object();
        out.push_back(rlthf::data::contentHash(o["prompt"].toString().toStdString(),
                                               o["response_a"].toString().toStdString(),
                                               o["response_b"].toString().toStdString()));
    }
    return out;
}

// Every input record is in the project exactly once (by the importer's own identity).
void checkEveryInputOnce(Db& db, const std::vector<std::string>& hashes) {
    std::map<std::string, int> stored;
    db.forEach("SELECT content_hash FROM visible_pairs",
               [&](sqlite3_stmt* s) { ++stored[column(s, 0)]; });
    std::size_t line = 0;
    for (const auto& h : hashes) {
        ++line;
        const auto it = stored.find(h);
        require(it != stored.end() && it->second == 1,
                fmt::format("input line {} is in the project {} times", line,
                            it == stored.end() ? 0 : it->second));
    }
}

struct Counts {
    std::int64_t pairs = 0;
    std::int64_t events = 0;
    std::int64_t doneIterations = 0;
    std::int64_t propagated = 0;
    bool operator==(const Counts&) const = default;
};

Counts counts(Db& db) {
    Counts c;
    // What a reader sees: rows of a long task that has not published are hidden.
    c.pairs = db.scalar("SELECT count(*) FROM visible_pairs");
    c.events = db.scalar("SELECT count(*) FROM visible_label_events");
    c.doneIterations = db.scalar("SELECT count(*) FROM iterations WHERE status = 'done'");
    c.propagated =
        db.scalar("SELECT count(*) FROM visible_label_events WHERE source = 'propagated'");
    return c;
}

std::string show(const Counts& c) {
    return fmt::format("{} pairs, {} label events, {} iterations, {} propagated", c.pairs, c.events,
                       c.doneIterations, c.propagated);
}

// ---------------------------------------------------------------------------------------------
// One round

struct Failure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

void require(bool ok, const std::string& what) {
    if (!ok)
        throw Failure(what);
}

// Integrity of the file as SQLite sees it, and the schema's own references.
void checkIntegrity(Db& db) {
    const auto rows = db.texts("PRAGMA integrity_check");
    require(rows.size() == 1 && rows[0] == "ok",
            "integrity_check: " + (rows.empty() ? std::string("no answer") : rows[0]));
    const auto fk = db.scalar("SELECT count(*) FROM pragma_foreign_key_check");
    require(fk == 0, fmt::format("foreign_key_check: {} rows point nowhere", fk));
}

// Nothing a killed long task wrote is left once the next one has run: no staging batch, no
// unfinished iteration.
void checkNothingAbandoned(Db& db) {
    const auto staging =
        db.scalar("SELECT count(*) FROM write_batches WHERE status <> 'published'");
    const auto unfinished = db.scalar("SELECT count(*) FROM iterations WHERE status <> 'done'");
    require(staging == 0 && unfinished == 0,
            fmt::format("after the rerun {} staging batch(es) and {} unfinished iteration(s) are "
                        "left",
                        staging, unfinished));
}

// No half-written iteration: every iteration a reader can see (status 'done') is complete.
// An unfinished one a kill left is invisible to every reader and removed by the next task.
void checkIterations(Db& db) {
    struct It {
        std::int64_t id;
        QJsonObject metrics;
    };
    std::vector<It> its;
    db.forEach("SELECT id, metrics FROM iterations WHERE status = 'done' ORDER BY id",
               [&](sqlite3_stmt* s) {
                   its.push_back(
                       {sqlite3_column_int64(s, 0),
                        QJsonDocument::fromJson(QByteArray::fromStdString(column(s, 1))).object()});
               });
    for (const auto& it : its) {
        const std::string id = std::to_string(it.id);
        const auto runs = db.scalar(
            "SELECT count(*) FROM model_runs m WHERE m.iteration_id = ? AND (length(m.weights) > 0 "
            "OR EXISTS (SELECT 1 FROM model_weight_parts p WHERE p.model_run_id = m.id))",
            {id});
        require(runs == 1, fmt::format("iteration {} has {} model runs with weights", id, runs));
        require(it.metrics.contains("pairs") && it.metrics.contains("queued"),
                fmt::format("iteration {} has no metrics", id));
        const auto scores = db.scalar("SELECT count(*) FROM scores s JOIN model_runs m ON "
                                      "m.id = s.model_run_id WHERE m.iteration_id = ?",
                                      {id});
        require(scores == it.metrics["pairs"].toInteger(),
                fmt::format("iteration {}: {} scores for {} pairs", id, scores,
                            it.metrics["pairs"].toInteger()));
        const auto ranked = db.scalar("SELECT count(*) FROM scores s JOIN model_runs m ON "
                                      "m.id = s.model_run_id WHERE m.iteration_id = ? AND "
                                      "s.rank IS NOT NULL",
                                      {id});
        require(ranked == it.metrics["curve_pairs"].toInteger(),
                fmt::format("iteration {}: {} ranked scores for a curve of {}", id, ranked,
                            it.metrics["curve_pairs"].toInteger()));
        const auto queued = db.scalar("SELECT count(*) FROM queue WHERE iteration_id = ?", {id});
        require(queued == it.metrics["queued"].toInteger(),
                fmt::format("iteration {}: {} queue rows, {} queued", id, queued,
                            it.metrics["queued"].toInteger()));
    }
    const auto orphans = db.scalar(
        "SELECT (SELECT count(*) FROM queue WHERE iteration_id NOT IN (SELECT id FROM iterations))"
        " + (SELECT count(*) FROM model_runs WHERE iteration_id NOT IN (SELECT id FROM iterations))"
        " + (SELECT count(*) FROM label_events WHERE source = 'flipped' AND iteration NOT IN "
        "(SELECT id FROM iterations))");
    require(orphans == 0,
            fmt::format("{} queue rows, model runs or flips of no iteration", orphans));
}

// How long each command takes from start to exit, as last seen: the median of its recent
// whole runs (the machine's load changes during a run, so the first measure goes stale).
class Durations {
  public:
    void add(const std::string& kind, double seconds) {
        auto& seen = m_seen[kind];
        seen.push_back(seconds);
        if (seen.size() > 7)
            seen.erase(seen.begin());
    }
    double typical(const std::string& kind) const {
        const auto it = m_seen.find(kind);
        if (it == m_seen.end() || it->second.empty())
            return 1.0;
        auto seen = it->second;
        std::nth_element(seen.begin(), seen.begin() + seen.size() / 2, seen.end());
        return seen[seen.size() / 2];
    }

  private:
    std::map<std::string, std::vector<double>> m_seen;
};

struct Prepared {
    std::string dir;
    std::string baseJsonl, extraJsonl, judgeJsonl;
    std::string base;  // imported and retrained once
    std::string judge; // pairs without labels
    std::vector<std::string> baseHashes, extraHashes;
    Counts importedCounts; // the base file imported into a new project
    std::map<PairText, int> baseTexts;
    Counts baseCounts; // ... and retrained once
    Counts afterExtra; // base + extra imported cleanly
    std::map<PairText, int> afterExtraTexts;
    std::int64_t propagatedPerRun = 0;
    std::int64_t exportRows = 0;
    std::vector<std::int64_t> shardRows;
    // Per kind; "annotate" is one verdict, "startup" a short read (`rlthf help`, `rlthf stats`).
    Durations timing;
};

class Torture {
  public:
    Torture(Options options, const Runner& runner, rlthf::test::ScriptedServer& server)
        : m_o(std::move(options)), m_run(runner), m_server(server) {}

    void prepare(const std::string& dir);
    // Returns the empty string when every check passed, else why not.
    std::string round(int index, const std::string& kind, std::mt19937_64& rng,
                      const std::string& dir, std::string& line);
    int lastDelayMs() const { return m_lastDelayMs; }

  private:
    std::vector<std::string> command(const std::string& kind, const std::string& dir) const;
    std::string judgeEndpoint() const { return m_server.baseUrl().toStdString(); }
    std::string checkAfter(const std::string& kind, const std::string& dir, const Exit& exit,
                           const std::vector<std::string>& args);

    Options m_o;
    const Runner& m_run;
    rlthf::test::ScriptedServer& m_server;
    Prepared m_p;
    int m_lastDelayMs = 0;

    // The annotate burst of the current round.
    struct Verdict {
        std::string token;
        std::string pair;
        std::vector<std::string> args;
        std::optional<Exit> exit;
    };
    std::vector<Verdict> m_burst;
};

bool wants(const Options& o, std::initializer_list<const char*> kinds) {
    for (const char* k : kinds)
        if (std::find(o.kinds.begin(), o.kinds.end(), k) != o.kinds.end())
            return true;
    return false;
}

void Torture::prepare(const std::string& dir) {
    m_p.dir = dir;
    fs::create_directories(dir);
    auto path = [&](const std::string& name) { return dir + "/" + name; };
    auto timed = [&](const std::string& kind, const std::vector<std::string>& args) {
        const Exit e = m_run.run(args, path("calibrate-" + kind));
        m_p.timing.add(kind, e.seconds);
        return e;
    };
    m_p.timing.add("startup", m_run.run({"help"}, path("calibrate-startup")).seconds);
    m_p.baseJsonl = path("base.jsonl");
    m_p.extraJsonl = path("extra.jsonl");
    m_p.base = path("base.rlthf");
    if (wants(m_o, {"import", "import-new", "annotate", "retrain", "propagate", "export",
                    "export-shards"})) {
        m_run.run({"generate", "factory", "--pairs", std::to_string(m_o.pairs), "--seed", "11",
                   "--out", m_p.baseJsonl},
                  path("generate-base"));
        m_p.baseHashes = inputHashes(m_p.baseJsonl);
        timed("import-new", {"import", "--db", m_p.base, "--format", "pairs", m_p.baseJsonl});
        {
            Db db(m_p.base);
            m_p.importedCounts = counts(db);
            m_p.baseTexts = pairTexts(db);
        }
        timed("retrain", {"retrain", "--db", m_p.base});
        Db db(m_p.base);
        m_p.baseCounts = counts(db);
    }

    if (wants(m_o, {"import"})) {
        m_run.run({"generate", "factory", "--pairs", std::to_string(m_o.extraPairs), "--seed", "12",
                   "--out", m_p.extraJsonl},
                  path("generate-extra"));
        m_p.extraHashes = inputHashes(m_p.extraJsonl);
        const auto ref = path("ref-import.rlthf");
        backupCopy(m_p.base, ref);
        timed("import", {"import", "--db", ref, "--format", "pairs", m_p.extraJsonl});
        Db db(ref);
        m_p.afterExtra = counts(db);
        m_p.afterExtraTexts = pairTexts(db);
    }
    if (wants(m_o, {"retrain"})) {
        const auto ref = path("ref-retrain.rlthf");
        backupCopy(m_p.base, ref);
        timed("retrain", {"retrain", "--db", ref});
    }
    if (wants(m_o, {"propagate"})) {
        const auto ref = path("ref-propagate.rlthf");
        backupCopy(m_p.base, ref);
        timed("propagate", {"propagate", "--db", ref});
        Db db(ref);
        m_p.propagatedPerRun = counts(db).propagated;
        if (m_p.propagatedPerRun == 0)
            throw std::runtime_error("propagate labelled nothing in the prepared project");
    }
    if (wants(m_o, {"annotate"})) {
        const auto ref = path("ref-annotate.rlthf");
        backupCopy(m_p.base, ref);
        timed("annotate", {"annotate", "--db", ref, "--pair", "1", "--verdict", "a", "--annotator",
                           "calibration", "--comment", "calibration"});
    }
    if (wants(m_o, {"export"})) {
        fs::create_directories(path("ref-export"));
        timed("export", {"export", "--db", m_p.base, "--format", "pairs", "--out",
                         path("ref-export/export.jsonl")});
        const auto whole = checkJsonLines(path("ref-export/export.jsonl"));
        if (!whole.ok)
            throw std::runtime_error("the reference export is not whole: " + whole.problem);
        m_p.exportRows = whole.rows;
    }
    if (wants(m_o, {"export-shards"})) {
        fs::create_directories(path("ref-shards"));
        timed("export-shards",
              {"export", "--db", m_p.base, "--format", "pairs", "--shards",
               std::to_string(m_o.shards), "--out", path("ref-shards/export.jsonl")});
        for (const auto& name : listDir(path("ref-shards/export"))) {
            const auto whole = checkJsonLines(path("ref-shards/export/" + name));
            if (!whole.ok)
                throw std::runtime_error("the reference shard export is not whole");
            m_p.shardRows.push_back(whole.rows);
        }
        if (static_cast<int>(m_p.shardRows.size()) != m_o.shards)
            throw std::runtime_error("the reference shard export wrote " +
                                     joined(listDir(path("ref-shards/export"))));
    }
    if (wants(m_o, {"label"})) {
        m_p.judgeJsonl = path("judge.jsonl");
        m_p.judge = path("judge.rlthf");
        writeFile(m_p.judgeJsonl, rlthf::test::judgePairLines(m_o.judgePairs));
        m_run.run({"import", "--db", m_p.judge, "--format", "pairs", m_p.judgeJsonl},
                  path("import-judge"));
        const auto ref = path("ref-label.rlthf");
        backupCopy(m_p.judge, ref);
        timed("label", {"label", "--db", ref, "--endpoint", judgeEndpoint(), "--model",
                        "torture-judge", "--concurrency", "2"});
        Db db(ref);
        if (db.scalar("SELECT count(*) FROM label_events WHERE source = 'ai'") != m_o.judgePairs)
            throw std::runtime_error("the reference label run did not label every pair");
    }
}

std::vector<std::string> Torture::command(const std::string& kind, const std::string& dir) const {
    const std::string db = dir + "/project.rlthf";
    if (kind == "import")
        return {"import", "--db", db, "--format", "pairs", m_p.extraJsonl};
    if (kind == "import-new")
        return {"import", "--db", dir + "/new.rlthf", "--format", "pairs", m_p.baseJsonl};
    if (kind == "retrain")
        return {"retrain", "--db", db};
    if (kind == "propagate")
        return {"propagate", "--db", db};
    if (kind == "export")
        return {"export", "--db", db, "--format", "pairs", "--out", dir + "/out/export.jsonl"};
    if (kind == "export-shards")
        return {"export",
                "--db",
                db,
                "--format",
                "pairs",
                "--shards",
                std::to_string(m_o.shards),
                "--out",
                dir + "/out/export.jsonl"};
    if (kind == "label")
        return {"label",         "--db",          db, "--endpoint", judgeEndpoint(), "--model",
                "torture-judge", "--concurrency", "2"};
    throw std::logic_error("no single command for " + kind);
}

std::string Torture::round(int index, const std::string& kind, std::mt19937_64& rng,
                           const std::string& dir, std::string& line) {
    fs::create_directories(dir + "/out");
    const std::string db = dir + "/project.rlthf";
    if (kind == "label")
        backupCopy(m_p.judge, db);
    else if (kind != "import-new")
        backupCopy(m_p.base, db);

    // Most kills land after the program has loaded (its libraries take most of a short
    // command's time), the rest anywhere from the start.
    const double typical = m_p.timing.typical(kind) * (kind == "annotate" ? m_o.burst : 1);
    const double loaded =
        kind == "annotate" ? 0.0 : std::min(0.8 * m_p.timing.typical("startup"), 0.7 * typical);
    const double from = std::bernoulli_distribution(0.8)(rng) ? loaded : 0.0;
    const double delay = m_o.delayMs ? *m_o.delayMs / 1000.0
                                     : std::uniform_real_distribution<double>(from, typical)(rng);
    m_lastDelayMs = static_cast<int>(std::lround(delay * 1000));
    line = fmt::format("kill {:>4} {:<13} at {:>6} ms of ~{:.0f} ms: ", index, kind, m_lastDelayMs,
                       typical * 1000);

    Exit exit;
    std::vector<std::string> args;
    const auto started = Clock::now();
    const auto deadline = started + std::chrono::microseconds(static_cast<long>(delay * 1e6));
    if (kind == "annotate") {
        m_burst.clear();
        std::uniform_int_distribution<int> pick(1, m_o.pairs);
        const char* verdicts[] = {"a", "b", "confirm", "flip", "skip"};
        for (int i = 0; i < m_o.burst; ++i) {
            Verdict v;
            v.token = fmt::format("torture-{}-{}-{}", m_o.seed, index, i);
            v.pair = std::to_string(pick(rng));
            v.args = {
                "annotate",          "--db",        db,        "--pair",    v.pair, "--verdict",
                verdicts[rng() % 5], "--annotator", "torture", "--comment", v.token};
            m_burst.push_back(std::move(v));
        }
        for (int i = 0; i < m_o.burst; ++i) {
            auto& v = m_burst[static_cast<std::size_t>(i)];
            const auto began = Clock::now();
            v.exit = Runner::wait(m_run.start(v.args, fmt::format("{}/annotate-{}", dir, i)), began,
                                  deadline);
            if (v.exit->killed || v.exit->code != 0 || v.exit->signal) {
                exit = *v.exit;
                args = v.args;
                break;
            }
            m_p.timing.add("annotate", v.exit->seconds);
            exit = *v.exit;
        }
        exit.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    } else {
        args = command(kind, dir);
        exit = Runner::wait(m_run.start(args, dir + "/killed"), started, deadline);
        if (!exit.killed && exit.code == 0)
            m_p.timing.add(kind, exit.seconds);
    }
    line += exit.killed ? "killed" : fmt::format("finished first ({})", Runner::describe(exit));
    try {
        return checkAfter(kind, dir, exit, args);
    } catch (const Failure& f) {
        return f.what();
    } catch (const std::exception& e) {
        return std::string("harness error: ") + e.what();
    }
}

std::string Torture::checkAfter(const std::string& kind, const std::string& dir, const Exit& exit,
                                const std::vector<std::string>& args) {
    const std::string db = dir + "/project.rlthf";
    require(exit.killed || exit.code == 0 || (kind == "annotate" && exit.code == 0),
            fmt::format("`rlthf {}` ended by itself with {}: {}", Runner::joinArgs(args),
                        Runner::describe(exit), Runner::tail(dir + "/killed.err")));
    auto rerun = [&](const std::vector<std::string>& again) {
        const auto started = Clock::now();
        const auto limit =
            std::chrono::duration<double>(std::max(120.0, 20 * m_p.timing.typical(kind)));
        const Exit e = Runner::wait(m_run.start(again, dir + "/rerun"), started,
                                    started + std::chrono::duration_cast<Clock::duration>(limit));
        require(!e.killed, fmt::format("the rerun `rlthf {}` did not finish in {:.0f} s",
                                       Runner::joinArgs(again), limit.count()));
        require(e.code == 0 && e.signal == 0,
                fmt::format("the rerun `rlthf {}` did not complete ({}): {}",
                            Runner::joinArgs(again), Runner::describe(e),
                            Runner::tail(dir + "/rerun.err")));
        if (kind != "label") // a label run goes on where the killed one stopped
            m_p.timing.add(kind, e.seconds);
        if (kind != "export" && kind != "export-shards") {
            Db d(kind == "import-new" ? dir + "/new.rlthf" : dir + "/project.rlthf");
            checkNothingAbandoned(d);
        }
    };
    // The product itself reads the project after the kill and the rerun.
    auto productReads = [&](const std::string& path, const Counts& truth) {
        const Exit e = m_run.run({"stats", "--db", path, "--json"}, dir + "/stats", false);
        m_p.timing.add("startup", e.seconds);
        require(e.code == 0,
                "`rlthf stats` cannot read the project: " + Runner::tail(dir + "/stats.err"));
        const auto stats =
            QJsonDocument::fromJson(QByteArray::fromStdString(readFile(dir + "/stats.out")))
                .object();
        require(stats["pairs"].toInteger() == truth.pairs &&
                    stats["iterations"].toInteger() == truth.doneIterations,
                fmt::format("`rlthf stats` shows {} pairs and {} iterations; the file holds {}",
                            stats["pairs"].toInteger(), stats["iterations"].toInteger(),
                            show(truth)));
    };

    if (kind == "import-new") {
        const std::string path = dir + "/new.rlthf";
        if (fs::exists(path)) {
            Db d(path);
            checkIntegrity(d);
            const auto c = counts(d);
            require(c.pairs == m_p.importedCounts.pairs && c.events == m_p.importedCounts.events,
                    fmt::format("partial import visible at the new path: {} (a clean import: {})",
                                show(c), show(m_p.importedCounts)));
        }
        rerun(args);
        Db d(path);
        checkIntegrity(d);
        checkEveryInputOnce(d, m_p.baseHashes);
        require(pairTexts(d) == m_p.baseTexts,
                "after the rerun the pairs differ from those of a clean import");
        const auto c = counts(d);
        require(c.pairs == m_p.importedCounts.pairs && c.events == m_p.importedCounts.events,
                fmt::format("after the rerun: {} (a clean import: {})", show(c),
                            show(m_p.importedCounts)));
        const auto names = listDir(dir);
        for (const auto& n : names)
            require(n.find(".tmp") == std::string::npos && n.find("new.rlthf.") != 0 &&
                        n.find(".new.rlthf") != 0,
                    "left behind next to the new project: " + n);
        productReads(path, c);
        return {};
    }

    if (kind == "export" || kind == "export-shards") {
        // A kill between naming the temporary file (or staging folder) and its rename leaves
        // it behind; that is allowed, as it is never taken for the export and the rerun below
        // must remove it. Anything else temporary is not.
        std::vector<std::string> names;
        for (const auto& n : listDir(dir + "/out")) {
            if (n.find(".tmp") == std::string::npos)
                names.push_back(n);
            else
                require(isStaleStage(n, kind == "export" ? "export.jsonl" : "export"),
                        "a temporary file is left after the kill: " + n);
        }
        if (kind == "export") {
            require(names.empty() || (names.size() == 1 && names[0] == "export.jsonl"),
                    "unexpected files after the kill: " + joined(names));
            if (!names.empty()) {
                const auto whole = checkJsonLines(dir + "/out/export.jsonl");
                require(whole.ok && whole.rows == m_p.exportRows,
                        fmt::format("a partial export is visible: {} rows of {}{}", whole.rows,
                                    m_p.exportRows,
                                    whole.problem.empty() ? "" : "; " + whole.problem));
            }
        } else {
            // The shards appear together as the folder out/export, or not at all.
            require(names.empty() || (names.size() == 1 && names[0] == "export"),
                    "unexpected files after the kill: " + joined(names));
            const auto shards = names.empty() ? names : listDir(dir + "/out/export");
            require(names.empty() || static_cast<int>(shards.size()) == m_o.shards,
                    fmt::format("{} of {} shard files after the kill: {}", shards.size(),
                                m_o.shards, joined(shards)));
            for (std::size_t i = 0; i < shards.size(); ++i) {
                const auto whole = checkJsonLines(dir + "/out/export/" + shards[i]);
                require(whole.ok && whole.rows == m_p.shardRows[i],
                        fmt::format("shard {} is partial: {} rows of {}{}", shards[i], whole.rows,
                                    m_p.shardRows[i],
                                    whole.problem.empty() ? "" : "; " + whole.problem));
            }
        }
        {
            Db d(db);
            checkIntegrity(d);
            require(counts(d) == m_p.baseCounts,
                    "an export changed the project: " + show(counts(d)));
        }
        rerun(args);
        const std::string outDir = kind == "export" ? dir + "/out" : dir + "/out/export";
        require(listDir(dir + "/out").size() == 1,
                "after the rerun the output folder holds " + joined(listDir(dir + "/out")));
        const auto after = listDir(outDir);
        require(static_cast<int>(after.size()) == (kind == "export" ? 1 : m_o.shards),
                "after the rerun the output folder holds " + joined(after));
        for (std::size_t i = 0; i < after.size(); ++i) {
            const auto whole = checkJsonLines(outDir + "/" + after[i]);
            const auto expected = kind == "export" ? m_p.exportRows : m_p.shardRows[i];
            require(whole.ok && whole.rows == expected,
                    fmt::format("after the rerun {} has {} rows of {}", after[i], whole.rows,
                                expected));
        }
        productReads(db, m_p.baseCounts);
        return {};
    }

    if (kind == "import") {
        Counts killed;
        {
            Db d(db);
            checkIntegrity(d);
            killed = counts(d);
            require(killed == m_p.baseCounts || killed == m_p.afterExtra,
                    fmt::format("partial import visible: {} (before: {}; after a whole import: {})",
                                show(killed), show(m_p.baseCounts), show(m_p.afterExtra)));
            checkIterations(d);
        }
        rerun(args);
        Db d(db);
        checkIntegrity(d);
        const auto c = counts(d);
        require(c == m_p.afterExtra,
                fmt::format("after the rerun: {} (expected {})", show(c), show(m_p.afterExtra)));
        const auto texts = pairTexts(d);
        checkEveryInputOnce(d, m_p.extraHashes);
        checkEveryInputOnce(d, m_p.baseHashes);
        require(texts == m_p.afterExtraTexts,
                "after the rerun the pairs differ from those of a clean import");
        productReads(db, c);
        return {};
    }

    if (kind == "retrain") {
        Counts killed;
        {
            Db d(db);
            checkIntegrity(d);
            checkIterations(d);
            killed = counts(d);
            require(killed.doneIterations == m_p.baseCounts.doneIterations ||
                        killed.doneIterations == m_p.baseCounts.doneIterations + 1,
                    "iterations after the kill: " + show(killed));
            require(killed.pairs == m_p.baseCounts.pairs, "pairs changed: " + show(killed));
        }
        rerun(args);
        Db d(db);
        checkIntegrity(d);
        checkIterations(d);
        const auto c = counts(d);
        require(c.doneIterations == killed.doneIterations + 1,
                fmt::format("the rerun left {} iterations (after the kill: {})", c.doneIterations,
                            killed.doneIterations));
        productReads(db, c);
        const Exit q = m_run.run({"queue", "--db", db, "--json"}, dir + "/queue", false);
        require(q.code == 0, "`rlthf queue` fails: " + Runner::tail(dir + "/queue.err"));
        return {};
    }

    if (kind == "propagate") {
        Counts killed;
        {
            Db d(db);
            checkIntegrity(d);
            checkIterations(d);
            killed = counts(d);
            require(killed.propagated == 0 || killed.propagated == m_p.propagatedPerRun,
                    fmt::format("a partial propagation is visible: {} of {} labels",
                                killed.propagated, m_p.propagatedPerRun));
            require(killed.events - killed.propagated == m_p.baseCounts.events,
                    "other label events changed: " + show(killed));
        }
        rerun(args);
        Db d(db);
        checkIntegrity(d);
        const auto c = counts(d);
        require(c.propagated == killed.propagated + m_p.propagatedPerRun,
                fmt::format("the rerun left {} propagated labels (after the kill {}; one run "
                            "writes {})",
                            c.propagated, killed.propagated, m_p.propagatedPerRun));
        productReads(db, c);
        return {};
    }

    if (kind == "annotate") {
        Counts killed;
        {
            Db d(db);
            checkIntegrity(d);
            killed = counts(d);
            for (const auto& v : m_burst) {
                const auto n =
                    d.scalar("SELECT count(*) FROM label_events WHERE comment = ?", {v.token});
                const bool acknowledged = v.exit && !v.exit->killed && v.exit->code == 0;
                if (acknowledged) {
                    require(n == 1,
                            fmt::format("acknowledged verdict {} is present {} times", v.token, n));
                    const auto right = d.scalar("SELECT count(*) FROM label_events WHERE "
                                                "comment = ? AND pair_id = ? AND source = 'human' "
                                                "AND annotator = 'torture'",
                                                {v.token, v.pair});
                    require(right == 1,
                            "acknowledged verdict " + v.token + " is on the wrong pair");
                } else {
                    require(n <= 1, fmt::format("verdict {} (not acknowledged) is present {} "
                                                "times",
                                                v.token, n));
                }
            }
            require(killed.pairs == m_p.baseCounts.pairs, "pairs changed: " + show(killed));
        }
        if (!exit.killed)
            return {}; // the whole burst finished before the kill
        std::int64_t before = 0;
        {
            Db d(db);
            before = d.scalar("SELECT count(*) FROM label_events WHERE comment = ?", {args.back()});
        }
        rerun(args);
        Db d(db);
        checkIntegrity(d);
        const auto n =
            d.scalar("SELECT count(*) FROM label_events WHERE comment = ?", {args.back()});
        require(n == before + 1,
                fmt::format("the rerun verdict {} is present {} times (before it {})", args.back(),
                            n, before));
        productReads(db, counts(d));
        return {};
    }

    if (kind == "label") {
        const int pairs = m_o.judgePairs;
        auto checkLabels = [&](Db& d, bool complete) {
            checkIntegrity(d);
            const auto answers = d.scalar("SELECT count(*) FROM judge_answers");
            const auto ai =
                d.scalar("SELECT count(*) FROM visible_label_events WHERE source = 'ai'");
            const auto distinctAi = d.scalar(
                "SELECT count(DISTINCT pair_id) FROM visible_label_events WHERE source = 'ai'");
            require(ai == distinctAi,
                    fmt::format("{} AI labels on {} pairs: some pair has two", ai, distinctAi));
            const auto wrong =
                d.scalar("SELECT count(*) FROM label_events e JOIN pairs p ON p.id = e.pair_id "
                         "WHERE e.source = 'ai' AND e.value <> CASE WHEN CAST(substr(p.prompt, 10) "
                         "AS INTEGER) % 2 = 0 THEN 'a' ELSE 'b' END");
            require(wrong == 0,
                    fmt::format("{} AI labels disagree with the judge's answers", wrong));
            const auto unbacked =
                d.scalar("SELECT count(*) FROM label_events e WHERE e.source = 'ai' AND "
                         "(SELECT count(*) FROM judge_answers j WHERE j.pair_id = e.pair_id) <> 2");
            require(unbacked == 0,
                    fmt::format("{} AI labels without both of the judge's answers", unbacked));
            require(d.scalar("SELECT count(*) FROM pairs") == pairs, "the pairs changed");
            if (complete)
                require(answers == 2 * pairs && ai == pairs,
                        fmt::format("after the rerun: {} answers and {} AI labels for {} pairs",
                                    answers, ai, pairs));
        };
        {
            Db d(db);
            checkLabels(d, false);
        }
        rerun(args);
        Db d(db);
        checkLabels(d, true);
        productReads(db, counts(d));
        return {};
    }
    throw std::logic_error("unknown kind " + kind);
}

std::string tempWorkdir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/rlthf-torture-XXXXXX";
    if (!mkdtemp(pattern.data()))
        throw std::runtime_error("cannot create a work folder under /tmp");
    return pattern;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv); // the scripted judge's server thread needs it
    const Options options = parseOptions(argc, argv);
    const auto started = Clock::now();
    try {
        const std::string work = options.workdir.empty() ? tempWorkdir() : options.workdir;
        fs::create_directories(work);
        std::printf("torture: seed %llu, %d kills of %s, rlthf from %s, work in %s\n",
                    static_cast<unsigned long long>(options.seed), options.kills,
                    joined(options.kinds).c_str(), options.binDir.c_str(), work.c_str());
        std::fflush(stdout);
        if (!fs::exists(options.binDir + "/rlthf"))
            throw std::runtime_error(options.binDir + "/rlthf does not exist; build it first");
        // A private copy, so a rebuild during the run does not change the programs under test:
        // `rlthf` and the model engine it starts, at the same place relative to it.
        for (const std::string program : {"rlthf", RLTHF_ENGINE_FROM_BINDIR "/rlthf-engine"}) {
            const fs::path copy = fs::path(work + "/bin/" + program).lexically_normal();
            fs::create_directories(copy.parent_path());
            fs::copy_file(options.binDir + "/" + program, copy,
                          fs::copy_options::overwrite_existing);
        }

        // The judge answers like a fair judge, a little slowly, so a kill lands mid-run.
        rlthf::test::ScriptedServer server([](const rlthf::test::HttpRequest& request) {
            const QString text = QJsonDocument::fromJson(request.body)
                                     .object()["messages"]
                                     .toArray()
                                     .last()
                                     .toObject()["content"]
                                     .toString();
            const bool goodFirst =
                text.indexOf(QLatin1String("GOOD")) < text.indexOf(QLatin1String("poor"));
            QJsonObject message{{"role", "assistant"}, {"content", goodFirst ? "A" : "B"}};
            QJsonObject choice{{"index", 0}, {"message", message}, {"finish_reason", "stop"}};
            QJsonObject usage{
                {"prompt_tokens", 100}, {"completion_tokens", 2}, {"total_tokens", 102}};
            rlthf::test::HttpResponse response;
            response.body = QJsonDocument(QJsonObject{{"object", "chat.completion"},
                                                      {"choices", QJsonArray{choice}},
                                                      {"usage", usage}})
                                .toJson(QJsonDocument::Compact);
            response.delay = 15ms;
            return response;
        });

        const Runner runner(work + "/bin");
        Torture torture(options, runner, server);
        torture.prepare(work + "/prepared");
        const double prepSeconds = std::chrono::duration<double>(Clock::now() - started).count();
        std::printf("torture: prepared in %.1f s\n", prepSeconds);
        std::fflush(stdout);

        std::mt19937_64 order(options.seed);
        const auto offset = static_cast<std::size_t>(order() % options.kinds.size());
        int passed = 0, failed = 0, killed = 0;
        for (int i = 0; i < options.kills; ++i) {
            const std::string& kind =
                options.kinds[(offset + static_cast<std::size_t>(i)) % options.kinds.size()];
            // Each round has its own generator, so one round replays alone.
            std::mt19937_64 rng(options.seed * 1000003u + static_cast<std::uint64_t>(i));
            const std::string dir = fmt::format("{}/round-{:04d}-{}", work, i, kind);
            std::string line;
            std::string reason;
            try {
                reason = torture.round(i, kind, rng, dir, line);
            } catch (const std::exception& e) {
                reason = std::string("harness error: ") + e.what();
            }
            killed += line.find(": killed") != std::string::npos ? 1 : 0;
            if (reason.empty()) {
                ++passed;
                std::printf("%s; ok\n", line.c_str());
                if (!options.keep)
                    fs::remove_all(dir);
            } else {
                ++failed;
                std::printf("%s; FAILED: %s\n    kept: %s\n    replay: rlthf_torture --kinds %s "
                            "--kills 1 --delay-ms %d\n",
                            line.c_str(), reason.c_str(), dir.c_str(), kind.c_str(),
                            torture.lastDelayMs());
            }
            std::fflush(stdout);
        }
        const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
        std::printf("torture: %d of %d rounds killed the command mid-run; seed %llu; %.0f s\n",
                    killed, options.kills, static_cast<unsigned long long>(options.seed), seconds);
        if (failed == 0 && !options.keep && options.workdir.empty())
            fs::remove_all(work);
        else
            std::printf("torture: work folder kept: %s\n", work.c_str());
        std::printf("torture: %d passed, %d failed\n", passed, failed);
        return failed == 0 ? 0 : 1;
    } catch (const std::exception& e) {
        std::printf("torture: cannot run: %s\n", e.what());
        std::printf("torture: 0 passed, %d failed\n", options.kills);
        return 1;
    }
}
