#include "team/PgConnection.h"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <libpq-fe.h>
#include <poll.h>
#include <regex>
#include <utility>

namespace rlthf::team {

void PgClear::operator()(pg_result* result) const {
    PQclear(result);
}
void PgFinish::operator()(pg_conn* conn) const {
    PQfinish(conn);
}

int PgResult::rows() const {
    return m_result ? PQntuples(m_result.get()) : 0;
}
bool PgResult::isNull(int row, int column) const {
    return PQgetisnull(m_result.get(), row, column) != 0;
}
std::string PgResult::text(int row, int column) const {
    return std::string(PQgetvalue(m_result.get(), row, column),
                       static_cast<std::size_t>(PQgetlength(m_result.get(), row, column)));
}
std::optional<std::string> PgResult::optionalText(int row, int column) const {
    if (isNull(row, column))
        return std::nullopt;
    return text(row, column);
}
std::int64_t PgResult::int64(int row, int column) const {
    return std::stoll(PQgetvalue(m_result.get(), row, column));
}
std::optional<std::int64_t> PgResult::optionalInt64(int row, int column) const {
    if (isNull(row, column))
        return std::nullopt;
    return int64(row, column);
}

namespace {

// libpq's messages end in a line break.
std::string withoutTrailingSpace(std::string message) {
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
        message.pop_back();
    return message;
}

std::string connectionError(pg_conn* conn) {
    return withoutTrailingSpace(conn ? PQerrorMessage(conn) : "out of memory");
}

} // namespace

Result<PgConnection> PgConnection::open(const std::string& uri, int timeoutSeconds,
                                        std::chrono::milliseconds answerWait,
                                        SessionLimits limits) {
    const std::string timeout = std::to_string(timeoutSeconds);
    // A network that goes silent mid-sync (a cable pulled, Wi-Fi gone) is noticed within
    // about 30 s instead of the 15 minutes or so TCP retries by itself: meanwhile the window's
    // next syncs wait, and a closing window's program stays behind. Before the URI, so that
    // the URI can set them otherwise; they do not apply to a Unix socket.
    const char* keywords[] = {
        "keepalives_idle", "keepalives_interval", "keepalives_count", "tcp_user_timeout",
        "dbname",          "connect_timeout",     "application_name", nullptr};
    const char* values[] = {"10",    "5",    "3", "30000", uri.c_str(), timeout.c_str(),
                            "rlthf", nullptr};
    PgConnection connection(PQconnectdbParams(keywords, values, /*expand_dbname=*/1), answerWait);
    pg_conn* conn = connection.m_conn.get();
    if (!conn || PQstatus(conn) != CONNECTION_OK)
        return Error{fmt::format("cannot reach the team server {}: {}", redactedUri(uri),
                                 connectionError(conn))};
    // Quiet notices (e.g. "relation already exists, skipping") stay off stderr.
    PQsetNoticeProcessor(
        conn, [](void*, const char*) {}, nullptr);
    // The server's side of the same: it probes a silent station as the station probes it
    // (over TCP; a Unix socket ignores these), and ends what the station left open.
    RLTHF_TRY(connection.execute("SELECT set_config('tcp_keepalives_idle', '10', false), "
                                 "set_config('tcp_keepalives_interval', '5', false), "
                                 "set_config('tcp_keepalives_count', '3', false), "
                                 "set_config('tcp_user_timeout', '30000', false), "
                                 "set_config('idle_in_transaction_session_timeout', $1, false), "
                                 "set_config('lock_timeout', $2, false)",
                                 {std::to_string(limits.idleInTransaction.count()),
                                  std::to_string(limits.lockWait.count())}));
    return connection;
}

namespace {

// SQLSTATE lock_not_available: a lock waited on past lock_timeout.
constexpr std::string_view kLockNotAvailable = "55P03";

// The result when the command succeeded, else the server's message.
Result<PgResult> checked(pg_conn* conn, pg_result* raw) {
    PgResult result(raw);
    const ExecStatusType status = PQresultStatus(raw);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
        return result;
    const char* state = raw ? PQresultErrorField(raw, PG_DIAG_SQLSTATE) : nullptr;
    if (state && std::string_view(state) == kLockNotAvailable)
        return Error{"team server: another connection kept the project locked too long (a "
                     "station's sync still running, or one cut off mid-sync); try again"};
    const std::string message =
        raw ? withoutTrailingSpace(PQresultErrorMessage(raw)) : connectionError(conn);
    return Error{"team server: " + (message.empty() ? connectionError(conn) : message)};
}

} // namespace

Error PgConnection::giveUp(std::string reason) {
    // Closing sends the server a farewell; it must not wait on a full socket either.
    PQsetnonblocking(m_conn.get(), 1);
    m_conn.reset();
    return Error{"team server: " + std::move(reason)};
}

Status PgConnection::waitForInput(std::chrono::steady_clock::time_point deadline) {
    using namespace std::chrono;
    while (PQisBusy(m_conn.get())) {
        const auto left = duration_cast<milliseconds>(deadline - steady_clock::now());
        if (left.count() <= 0)
            return giveUp(fmt::format("no answer within {} s; the connection is closed (the "
                                      "server may be stopped or overloaded)",
                                      duration_cast<seconds>(m_answerWait).count()));
        pollfd socket{PQsocket(m_conn.get()), POLLIN, 0};
        const int ready = ::poll(&socket, 1, static_cast<int>(left.count()));
        if (ready < 0 && errno != EINTR)
            return giveUp(fmt::format("waiting for its answer failed: {}", std::strerror(errno)));
        if (ready > 0 && !PQconsumeInput(m_conn.get()))
            return giveUp(connectionError(m_conn.get()));
    }
    return {};
}

Result<PgResult> PgConnection::answer() {
    const auto deadline = std::chrono::steady_clock::now() + m_answerWait;
    std::optional<Error> firstError;
    PgResult last;
    for (;;) {
        RLTHF_TRY(waitForInput(deadline));
        pg_result* raw = PQgetResult(m_conn.get());
        if (!raw)
            break;
        auto result = checked(m_conn.get(), raw);
        if (!result && !firstError)
            firstError = result.error();
        else if (result)
            last = std::move(*result);
    }
    if (firstError)
        return *firstError;
    return last;
}

Result<PgResult> PgConnection::query(std::string_view sql, const std::vector<PgParam>& params) {
    if (!m_conn)
        return Error{"not connected to the team server"};
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const PgParam& p : params)
        values.push_back(p ? p->c_str() : nullptr);
    const std::string text(sql);
    if (!PQsendQueryParams(m_conn.get(), text.c_str(), static_cast<int>(values.size()), nullptr,
                           values.data(), nullptr, nullptr, 0))
        return Error{"team server: " + connectionError(m_conn.get())};
    return answer();
}

Status PgConnection::execute(std::string_view sql, const std::vector<PgParam>& params) {
    auto result = query(sql, params);
    if (!result)
        return result.error();
    return {};
}

Status PgConnection::script(const std::string& sql) {
    if (!m_conn)
        return Error{"not connected to the team server"};
    if (!PQsendQuery(m_conn.get(), sql.c_str()))
        return Error{"team server: " + connectionError(m_conn.get())};
    auto result = answer();
    if (!result)
        return result.error();
    return {};
}

Result<PgTransaction> PgTransaction::begin(PgConnection& conn) {
    RLTHF_TRY(conn.script("BEGIN"));
    return PgTransaction(conn);
}
PgTransaction::PgTransaction(PgTransaction&& other) noexcept
    : m_conn(std::exchange(other.m_conn, nullptr)) {}
PgTransaction::~PgTransaction() {
    if (m_conn)
        (void)m_conn->script("ROLLBACK");
}
Status PgTransaction::commit() {
    PgConnection* conn = std::exchange(m_conn, nullptr);
    return conn ? conn->script("COMMIT") : Status(Error{"the transaction has ended"});
}

namespace {
// userinfo of a URI: postgresql://user:password@host/… ; and password=… in its query.
const std::regex kUserinfoPassword(R"(^(postgres(?:ql)?://[^:/@?#]*):([^@/?#]*)@)");
const std::regex kQueryPassword(R"(([?&]password=)[^&#]*)");
} // namespace

std::string redactedUri(const std::string& uri) {
    std::string out = std::regex_replace(uri, kUserinfoPassword, "$1:***@");
    return std::regex_replace(out, kQueryPassword, "$1***");
}

bool uriHasPassword(const std::string& uri) {
    return redactedUri(uri) != uri;
}

Status refusePasswordIn(const std::string& uri) {
    if (uriHasPassword(uri))
        return Error{"the server URI carries a password; give it in PGPASSWORD or ~/.pgpass "
                     "instead, so that it is never written to a project file"};
    return {};
}

} // namespace rlthf::team
