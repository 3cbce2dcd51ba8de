#pragma once
// A thin RAII layer over libpq, the PostgreSQL client library. Values are always sent as
// parameters, never spliced into SQL text. Connection settings follow libpq's conventions
// (a postgresql:// URI, PGPASSWORD, ~/.pgpass, sslmode); a password never appears in an
// error message (see redactedUri).

#include "common/Result.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct pg_conn;
struct pg_result;

namespace rlthf::team {

using PgParam = std::optional<std::string>; // NULL when empty

// libpq's release functions, for the owners below (defined where libpq is included).
struct PgClear {
    void operator()(pg_result* result) const;
};
struct PgFinish {
    void operator()(pg_conn* conn) const;
};

class PgResult {
  public:
    PgResult() = default;
    explicit PgResult(pg_result* result) : m_result(result) {}

    int rows() const;
    bool isNull(int row, int column) const;
    std::string text(int row, int column) const;
    std::optional<std::string> optionalText(int row, int column) const;
    std::int64_t int64(int row, int column) const;
    std::optional<std::int64_t> optionalInt64(int row, int column) const;

  private:
    std::unique_ptr<pg_result, PgClear> m_result;
};

// What the server enforces on this program's sessions. A station that vanishes mid-sync (its
// host off, its cable pulled) must not keep the locks of its open transaction: the server
// would wait on the silent client for about two hours (the system's TCP keepalive), and
// every other station's push would wait on the project's lock meanwhile.
struct SessionLimits {
    // A transaction left waiting on this program is ended, its locks released.
    std::chrono::milliseconds idleInTransaction{30'000};
    // A lock waited on longer fails the command; under the answer wait, so the server says why.
    std::chrono::milliseconds lockWait{30'000};
};

class PgConnection {
  public:
    // How long a command waits for the server's answer: one that gives none by then (a
    // server stopped or stalled while its host still answers the network) is given up, and
    // the connection with it. Commands are small (a sync sends and reads in chunks), so a
    // live server answers well within it, a lock wait included.
    static constexpr std::chrono::seconds kAnswerWait{60};

    // Connects within `timeoutSeconds`; the error names the server without its password.
    static Result<PgConnection> open(const std::string& uri, int timeoutSeconds = 5,
                                     std::chrono::milliseconds answerWait = kAnswerWait,
                                     SessionLimits limits = {});

    PgConnection() = default;

    // One statement with $1, $2, … bound to params, as text.
    Result<PgResult> query(std::string_view sql, const std::vector<PgParam>& params = {});
    Status execute(std::string_view sql, const std::vector<PgParam>& params = {});
    // Constant SQL, several statements allowed.
    Status script(const std::string& sql);

  private:
    PgConnection(pg_conn* conn, std::chrono::milliseconds answerWait)
        : m_conn(conn), m_answerWait(answerWait) {}
    // The answer to the command just sent: its last result, or the first error.
    Result<PgResult> answer();
    Status waitForInput(std::chrono::steady_clock::time_point deadline);
    Error giveUp(std::string reason);

    std::unique_ptr<pg_conn, PgFinish> m_conn;
    std::chrono::milliseconds m_answerWait = kAnswerWait;
};

// BEGIN on begin(); COMMIT on commit(); ROLLBACK on destruction otherwise.
class PgTransaction {
  public:
    static Result<PgTransaction> begin(PgConnection& conn);
    PgTransaction(PgTransaction&& other) noexcept;
    PgTransaction& operator=(PgTransaction&&) = delete;
    PgTransaction(const PgTransaction&) = delete;
    PgTransaction& operator=(const PgTransaction&) = delete;
    ~PgTransaction();
    Status commit();

  private:
    explicit PgTransaction(PgConnection& conn) : m_conn(&conn) {}
    PgConnection* m_conn = nullptr;
};

// The URI with any password replaced by "***" (for messages and for the project file).
std::string redactedUri(const std::string& uri);
// Whether the URI carries a password (the project file never stores one).
bool uriHasPassword(const std::string& uri);
// An error when it does: the password belongs in PGPASSWORD or ~/.pgpass.
Status refusePasswordIn(const std::string& uri);

} // namespace rlthf::team
