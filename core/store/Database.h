#pragma once
// A thin RAII layer over the sqlite3 C API. Statements finalize themselves,
// values are always bound as parameters, never spliced into SQL text.

#include "common/Result.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace rlthf::store {

struct Null {};

class Statement {
  public:
    Statement() = default;
    Statement(sqlite3* db, sqlite3_stmt* stmt) : m_db(db), m_stmt(stmt) {}
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    // Binding: 1-based parameter index, as in sqlite3_bind_*.
    void bind(int index, std::int64_t value);
    void bind(int index, int value) { bind(index, static_cast<std::int64_t>(value)); }
    void bind(int index, double value);
    void bind(int index, std::string_view text);
    void bind(int index, const char* text) { bind(index, std::string_view(text)); }
    void bind(int index, const std::string& text) { bind(index, std::string_view(text)); }
    void bind(int index, Null);
    // Binds text that SQLite reads in place instead of copying (a bulk load's large texts):
    // it must stay valid and unchanged until reset().
    void bindInPlace(int index, std::string_view text);
    void bindBlob(int index, const void* data, int size);
    template <class T> void bind(int index, const std::optional<T>& value) {
        if (value)
            bind(index, *value);
        else
            bind(index, Null{});
    }
    template <class... Args> void bindAll(const Args&... args) {
        int index = 0;
        (bind(++index, args), ...);
    }

    // Advances one row: true when a row is available, false when done.
    Result<bool> step();
    // Steps until done (for statements that return no rows).
    Status run();
    // Calls onRow(*this) for every row; stops at the first error.
    template <class OnRow> Status forEachRow(OnRow&& onRow) {
        for (;;) {
            auto row = step();
            if (!row)
                return row.error();
            if (!*row)
                return {};
            // A callback that returns a Status stops the walk at its first error.
            if constexpr (std::is_same_v<std::invoke_result_t<OnRow&, Statement&>, Status>) {
                if (Status status = onRow(*this); !status)
                    return status;
            } else {
                onRow(*this);
            }
        }
    }
    void reset();

    bool isNull(int column) const;
    std::int64_t int64(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    std::optional<std::string> optionalText(int column) const;
    std::optional<std::int64_t> optionalInt64(int column) const;
    std::string blob(int column) const;

  private:
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
};

class Database {
  public:
    // Snapshot: the file as it is on disk, read without locks and without a -wal or -shm
    // (SQLite's immutable open); ReadOnly and ReadWrite become it for a file this user may
    // not write that no program has open.
    enum class Mode { ReadOnly, ReadWrite, Create, Snapshot };

    Database() = default;
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    // Opens a connection; does not read or write the file yet.
    static Result<Database> open(const std::string& path, Mode mode);

    bool isOpen() const { return m_db != nullptr; }
    // True while a transaction is open on this connection.
    bool inTransaction() const;
    // True when the file was opened as a snapshot of what is on disk (a file this user may
    // not write, which no program had open): it does not follow later changes to the file.
    bool isSnapshot() const;
    const std::string& path() const { return m_path; }

    Result<Statement> prepare(std::string_view sql);
    template <class... Args> Result<Statement> prepare(std::string_view sql, const Args&... args) {
        auto stmt = prepare(sql);
        if (stmt)
            stmt->bindAll(args...);
        return stmt;
    }
    // Runs one statement with bound arguments, discarding any rows.
    template <class... Args> Status execute(std::string_view sql, const Args&... args) {
        auto stmt = prepare(sql, args...);
        if (!stmt)
            return stmt.error();
        return stmt->run();
    }
    // Runs a script of constant SQL (no parameters).
    Status executeScript(const std::string& sql);
    // The statement standing on the query's first row; nullopt when there is no row.
    template <class... Args>
    Result<std::optional<Statement>> firstRow(std::string_view sql, const Args&... args) {
        auto stmt = prepare(sql, args...);
        if (!stmt)
            return stmt.error();
        auto row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            return std::optional<Statement>{};
        return std::optional<Statement>(std::move(*stmt));
    }
    // First column of the first row as an integer (nullopt when no row or NULL).
    template <class... Args>
    Result<std::optional<std::int64_t>> scalar(std::string_view sql, const Args&... args) {
        auto row = firstRow(sql, args...);
        if (!row)
            return row.error();
        if (!*row)
            return std::optional<std::int64_t>{};
        return (*row)->optionalInt64(0);
    }

    // The file's 100-byte SQLite header, read through this connection's own file handle:
    // opening a second descriptor of the file and closing it would drop every POSIX lock
    // this process holds on it, the locks of its other connections included.
    using FileHeader = std::array<unsigned char, 100>;
    Result<FileHeader> fileHeader();
    // How every SQLite database file begins (with the string's terminating zero: 16 bytes).
    static constexpr char kMagic[] = "SQLite format 3";

    // Copies this database, as one consistent snapshot, into `dest` with SQLite's online
    // backup API; others may go on reading and writing meanwhile.
    Status copyInto(Database& dest);

    // Syncs the write-ahead log through SQLite's own handle (no descriptor is opened), so a
    // later commit that syncs has only its own pages left to write. Nothing without a log.
    Status syncLog();

    // Whether the database file this connection opened has since been replaced or removed
    // (renamed over, deleted) by another program.
    bool fileHasMoved();
    // Closing this connection leaves its log as it is, even as the file's last user: for a
    // connection whose log another program removed, whose pages must not go into the file.
    Status keepLogOnClose();

    std::int64_t lastInsertId() const;
    int changes() const;
    std::string lastError() const;
    void interrupt();

  private:
    explicit Database(sqlite3* db, std::string path) : m_db(db), m_path(std::move(path)) {}
    sqlite3* m_db = nullptr;
    std::string m_path;
};

// Commits on commit(); rolls back on destruction otherwise.
class Transaction {
  public:
    static Result<Transaction> begin(Database& db);
    Transaction(Transaction&& other) noexcept : m_db(other.m_db) { other.m_db = nullptr; }
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    ~Transaction();
    Status commit();

  private:
    explicit Transaction(Database& db) : m_db(&db) {}
    Database* m_db;
};

// A read transaction (deferred BEGIN): every query inside sees one revision of the project.
// It takes no write lock; it ends at destruction. Inside a transaction already open it does
// nothing (that one already gives a single revision).
class ReadTransaction {
  public:
    static Result<ReadTransaction> begin(Database& db);
    ReadTransaction(ReadTransaction&& other) noexcept : m_db(other.m_db) { other.m_db = nullptr; }
    ReadTransaction& operator=(ReadTransaction&&) = delete;
    ReadTransaction(const ReadTransaction&) = delete;
    ~ReadTransaction();

  private:
    explicit ReadTransaction(Database* db) : m_db(db) {}
    Database* m_db;
};

} // namespace rlthf::store
