#include "store/Database.h"

#include <chrono>
#include <filesystem>
#include <fmt/format.h>
#include <sqlite3.h>
#include <thread>
#include <unistd.h>
#include <utility>

namespace rlthf::store {

namespace {

// True for a connection opened as a snapshot (Database::Mode::Snapshot).
bool isImmutable(sqlite3* db) {
    return db && sqlite3_uri_boolean(sqlite3_db_filename(db, "main"), "immutable", 0);
}

// SQLite's texts for a full disk ("database or disk is full") and a file it may not write
// ("attempt to write a readonly database") say neither that nothing of the statement was
// kept nor what to do; the people reading them need to know both.
std::string describe(sqlite3* db, const char* message) {
    const int code = db ? sqlite3_extended_errcode(db) & 0xff : SQLITE_OK;
    // A snapshot reads pages as they are on disk now, mixed with those it read before the
    // owner's program changed the file: the file is sound, the snapshot is out of date.
    if (code == SQLITE_CORRUPT && isImmutable(db))
        return fmt::format("the project changed on disk since it was opened here to be read "
                           "only; open it again to see it as it is now (the file itself is "
                           "sound) ({})",
                           message);
    if (code == SQLITE_FULL)
        return fmt::format("the disk is full, so nothing was saved ({})", message);
    if (code == SQLITE_READONLY)
        return fmt::format("the project may only be read here (its file, or the folder for its "
                           "-wal and -shm, is not writable for this user, or the disk is "
                           "read-only), so nothing was saved ({})",
                           message);
    return message;
}

Error sqliteError(sqlite3* db, std::string_view what) {
    return Error{
        fmt::format("{}: {}", what, db ? describe(db, sqlite3_errmsg(db)) : "out of memory")};
}

// How long a statement waits for another connection's lock before it fails.
constexpr std::chrono::milliseconds kBusyTimeout{5000};
// How often it tries meanwhile. SQLite's own busy timeout sleeps longer and longer (1, 2, 5,
// 10, 15, 20, 25 … 100 ms): a verdict that found a long task's chunk holding the write lock
// a few times in a row slept through the gaps between the next chunks, and waited up to
// tens of milliseconds for a lock that was free most of the time.
constexpr std::chrono::microseconds kBusyPoll{500};

// SQLite's busy handler: true to try again. `tries` is 0 at the first wait for a lock, so
// that wait's start is kept per thread (a connection is used by one thread at a time).
int waitForLock(void*, int tries) {
    using Clock = std::chrono::steady_clock;
    thread_local Clock::time_point since;
    if (tries == 0)
        since = Clock::now();
    else if (Clock::now() - since >= kBusyTimeout)
        return 0;
    std::this_thread::sleep_for(kBusyPoll);
    return 1;
}

// A file this user may not write, which no program has open: no -shm beside it, since the
// last connection to close removes it. Asked of the path, no descriptor opened.
bool readOnlyAndClosed(const std::string& path) {
    std::error_code ec;
    return ::access(path.c_str(), W_OK) != 0 && std::filesystem::exists(path, ec) &&
           !std::filesystem::exists(path + "-shm", ec);
}

// The file as a URI that SQLite reads without locks and without making a -wal or -shm.
std::string immutableUri(const std::string& path) {
    // An absolute path after an empty authority, so that one starting with // stays a path.
    std::string uri = path.starts_with('/') ? "file://" : "file:";
    for (const char c : path) {
        if (c == '%' || c == '?' || c == '#')
            uri += fmt::format("%{:02X}", static_cast<unsigned char>(c));
        else
            uri += c;
    }
    return uri + "?immutable=1";
}

} // namespace

Statement::Statement(Statement&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_stmt(std::exchange(other.m_stmt, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_db = std::exchange(other.m_db, nullptr);
        m_stmt = std::exchange(other.m_stmt, nullptr);
    }
    return *this;
}

Statement::~Statement() {
    sqlite3_finalize(m_stmt);
}

void Statement::bind(int index, std::int64_t value) {
    sqlite3_bind_int64(m_stmt, index, value);
}
void Statement::bind(int index, double value) {
    sqlite3_bind_double(m_stmt, index, value);
}
void Statement::bind(int index, std::string_view text) {
    sqlite3_bind_text64(m_stmt, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}
void Statement::bindInPlace(int index, std::string_view text) {
    sqlite3_bind_text64(m_stmt, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8);
}
void Statement::bind(int index, Null) {
    sqlite3_bind_null(m_stmt, index);
}
void Statement::bindBlob(int index, const void* data, int size) {
    sqlite3_bind_blob(m_stmt, index, data, size, SQLITE_TRANSIENT);
}

Result<bool> Statement::step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    return sqliteError(m_db, "database error");
}

Status Statement::run() {
    for (;;) {
        auto row = step();
        if (!row)
            return row.error();
        if (!*row)
            return {};
    }
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

bool Statement::isNull(int column) const {
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}
std::int64_t Statement::int64(int column) const {
    return sqlite3_column_int64(m_stmt, column);
}
double Statement::real(int column) const {
    return sqlite3_column_double(m_stmt, column);
}
std::string Statement::text(int column) const {
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    return data ? std::string(data, sqlite3_column_bytes(m_stmt, column)) : std::string();
}
std::optional<std::string> Statement::optionalText(int column) const {
    if (isNull(column))
        return std::nullopt;
    return text(column);
}
std::optional<std::int64_t> Statement::optionalInt64(int column) const {
    if (isNull(column))
        return std::nullopt;
    return int64(column);
}
std::string Statement::blob(int column) const {
    const auto* data = static_cast<const char*>(sqlite3_column_blob(m_stmt, column));
    return data ? std::string(data, sqlite3_column_bytes(m_stmt, column)) : std::string();
}

Database::Database(Database&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_path(std::move(other.m_path)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        sqlite3_close_v2(m_db);
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
    }
    return *this;
}

Database::~Database() {
    sqlite3_close_v2(m_db);
}

Result<Database> Database::open(const std::string& path, Mode mode) {
    // SQLite's memory statistics take a global lock on every allocation, and nothing here
    // reads them. Without them, importing 1,080,000 generated lines into a new project took
    // 14.99, 13.99, 12.85 s against 17.78, 14.76, 13.64 s (runs taken in turn). It must be
    // set before SQLite's first use; later calls are refused and change nothing.
    static const bool configured = [] {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return true;
    }();
    (void)configured;
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    switch (mode) {
    case Mode::ReadOnly:
        flags |= SQLITE_OPEN_READONLY;
        break;
    case Mode::ReadWrite:
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case Mode::Create:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    case Mode::Snapshot:
        flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
        break;
    }
    // Opened as usual, SQLite would make a -wal and -shm beside such a file, owned by this
    // user and not writable by the owner, whose programs could then no longer save a verdict
    // (found: a colleague's read-only `rlthf stats`). It is read as it is on disk instead;
    // changes made after opening are not seen until it is opened again.
    if (mode != Mode::Create && mode != Mode::Snapshot && readOnlyAndClosed(path))
        return open(path, Mode::Snapshot);
    const std::string name = mode == Mode::Snapshot ? immutableUri(path) : path;
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(name.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        Error error = sqliteError(db, fmt::format("cannot open {}", path));
        sqlite3_close_v2(db);
        return error;
    }
    sqlite3_busy_handler(db, waitForLock, nullptr);
    sqlite3_extended_result_codes(db, 1);
    return Database(db, path);
}

Result<Statement> Database::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    const int rc =
        sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()), 0, &stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return sqliteError(m_db, "database error");
    }
    return Statement(m_db, stmt);
}

Status Database::executeScript(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        Error error{fmt::format("database error: {}",
                                describe(m_db, message ? message : sqlite3_errmsg(m_db)))};
        sqlite3_free(message);
        return error;
    }
    return {};
}

Result<Database::FileHeader> Database::fileHeader() {
    sqlite3_file* file = nullptr;
    if (sqlite3_file_control(m_db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK ||
        !file || !file->pMethods)
        return Error{fmt::format("{}: cannot read the file", m_path)};
    FileHeader header{};
    const int rc = file->pMethods->xRead(file, header.data(), static_cast<int>(header.size()), 0);
    // A short read fills the rest with zeros; the caller judges what it got.
    if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ)
        return Error{fmt::format("{}: cannot read the file (SQLite error {})", m_path, rc)};
    return header;
}

bool Database::isSnapshot() const {
    return isImmutable(m_db);
}

bool Database::inTransaction() const { return m_db && sqlite3_get_autocommit(m_db) == 0; }

Status Database::syncLog() {
    sqlite3_file* log = nullptr;
    if (sqlite3_file_control(m_db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &log) != SQLITE_OK ||
        !log || !log->pMethods)
        return {};
    const int rc = log->pMethods->xSync(log, SQLITE_SYNC_NORMAL);
    if (rc != SQLITE_OK)
        return Error{fmt::format("{}: cannot sync the log (SQLite error {})", m_path, rc)};
    return {};
}

bool Database::fileHasMoved() {
    int moved = 0;
    return sqlite3_file_control(m_db, "main", SQLITE_FCNTL_HAS_MOVED, &moved) == SQLITE_OK &&
           moved != 0;
}

Status Database::keepLogOnClose() {
    if (sqlite3_db_config(m_db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr) != SQLITE_OK)
        return sqliteError(m_db, "cannot keep the log on closing");
    return {};
}

Status Database::copyInto(Database& dest) {
    sqlite3_backup* backup = sqlite3_backup_init(dest.m_db, "main", m_db, "main");
    if (!backup)
        return sqliteError(dest.m_db, "backup failed");
    int rc = SQLITE_OK;
    int busyTries = 0;
    constexpr int kMaxBusyTries = 500; // 20 ms apart: give up after about 10 s
    do {
        rc = sqlite3_backup_step(backup, -1);
        if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ++busyTries < kMaxBusyTries)
            sqlite3_sleep(20);
        else if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            break;
    } while (rc != SQLITE_DONE && (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED));
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE)
        return Error{fmt::format("backup failed: {}", sqlite3_errstr(rc))};
    return {};
}

std::int64_t Database::lastInsertId() const {
    return sqlite3_last_insert_rowid(m_db);
}
int Database::changes() const {
    return sqlite3_changes(m_db);
}
std::string Database::lastError() const {
    return sqlite3_errmsg(m_db);
}
void Database::interrupt() {
    sqlite3_interrupt(m_db);
}

Result<ReadTransaction> ReadTransaction::begin(Database& db) {
    if (db.inTransaction())
        return ReadTransaction(nullptr);
    RLTHF_TRY(db.executeScript("BEGIN"));
    return ReadTransaction(&db);
}

ReadTransaction::~ReadTransaction() {
    if (m_db)
        (void)m_db->executeScript("COMMIT");
}

Result<Transaction> Transaction::begin(Database& db) {
    RLTHF_TRY(db.executeScript("BEGIN IMMEDIATE"));
    return Transaction(db);
}

Transaction::~Transaction() {
    if (m_db)
        (void)m_db->executeScript("ROLLBACK");
}

Status Transaction::commit() {
    Database* db = std::exchange(m_db, nullptr);
    auto status = db->executeScript("COMMIT");
    if (!status)
        (void)db->executeScript("ROLLBACK");
    return status;
}

} // namespace rlthf::store
