#include "team/PgConnection.h"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <regex>
#include <utility>

namespace rlthf::team {

PgResult::PgResult(PgResult&& other) noexcept : m_result(std::exchange(other.m_result, nullptr)) {}
PgResult& PgResult::operator=(PgResult&& other) noexcept {
    if (this != &other) {
        if (m_result)
            PQclear(m_result);
        m_result = std::exchange(other.m_result, nullptr);
    }
    return *this;
}
PgResult::~PgResult() {
    if (m_result)
        PQclear(m_result);
}

int PgResult::rows() const {
    return m_result ? PQntuples(m_result) : 0;
}
bool PgResult::isNull(int row, int column) const {
    return PQgetisnull(m_result, row, column) != 0;
}
std::string PgResult::text(int row, int column) const {
    return std::string(PQgetvalue(m_result, row, column),
                       static_cast<std::size_t>(PQgetlength(m_result, row, column)));
}
std::optional<std::string> PgResult::optionalText(int row, int column) const {
    if (isNull(row, column))
        return std::nullopt;
    return text(row, column);
}
std::int64_t PgResult::int64(int row, int column) const {
    return std::stoll(PQgetvalue(m_result, row, column));
}
std::optional<std::int64_t> PgResult::optionalInt64(int row, int column) const {
    if (isNull(row, column))
        return std::nullopt;
    return int64(row, column);
}

namespace {

std::string connectionError(pg_conn* conn) {
    std::string message = conn ? PQerrorMessage(conn) : "out of memory";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
        message.pop_back();
    return message;
}

} // namespace

Result<PgConnection> PgConnection::open(const std::string& uri, int timeoutSeconds) {
    const std::string timeout = std::to_string(timeoutSeconds);
    const char* keywords[] = {"dbname", "connect_timeout", "application_name", nullptr};
    const char* values[] = {uri.c_str(), timeout.c_str(), "rlthf", nullptr};
    pg_conn* conn = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
    if (!conn || PQstatus(conn) != CONNECTION_OK) {
        const std::string why = connectionError(conn);
        if (conn)
            PQfinish(conn);
        return Error{fmt::format("cannot reach the team server {}: {}", redactedUri(uri), why)};
    }
    PgConnection connection(conn);
    // Quiet notices (e.g. "relation already exists, skipping") stay off stderr.
    PQsetNoticeProcessor(
        conn, [](void*, const char*) {}, nullptr);
    return connection;
}

PgConnection::PgConnection(PgConnection&& other) noexcept
    : m_conn(std::exchange(other.m_conn, nullptr)) {}
PgConnection& PgConnection::operator=(PgConnection&& other) noexcept {
    if (this != &other) {
        if (m_conn)
            PQfinish(m_conn);
        m_conn = std::exchange(other.m_conn, nullptr);
    }
    return *this;
}
PgConnection::~PgConnection() {
    if (m_conn)
        PQfinish(m_conn);
}

namespace {

// The result when the command succeeded, else the server's message.
Result<PgResult> checked(pg_conn* conn, pg_result* raw) {
    PgResult result(raw);
    const ExecStatusType status = PQresultStatus(raw);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
        return result;
    std::string message = raw ? PQresultErrorMessage(raw) : connectionError(conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
        message.pop_back();
    return Error{"team server: " + (message.empty() ? connectionError(conn) : message)};
}

} // namespace

Result<PgResult> PgConnection::query(std::string_view sql, const std::vector<PgParam>& params) {
    if (!m_conn)
        return Error{"not connected to the team server"};
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const PgParam& p : params)
        values.push_back(p ? p->c_str() : nullptr);
    const std::string text(sql);
    return checked(m_conn, PQexecParams(m_conn, text.c_str(), static_cast<int>(values.size()),
                                        nullptr, values.data(), nullptr, nullptr, 0));
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
    auto result = checked(m_conn, PQexec(m_conn, sql.c_str()));
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
