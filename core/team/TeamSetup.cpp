#include "team/TeamSetup.h"

#include "store/Database.h"
#include "store/StagedProject.h"
#include "team/Membership.h"
#include "team/PgConnection.h"
#include "team/ServerSchema.h"

#include <fmt/format.h>

namespace rlthf::team {

namespace {

// A connection to a server whose tables are at this program's schema: the tables' owner (the
// lead) upgrades them, on its next publish or sync; anyone else is told so.
Result<PgConnection> connect(const std::string& server) {
    RLTHF_TRY(refusePasswordIn(server));
    auto conn = PgConnection::open(server);
    if (!conn)
        return conn.error();
    RLTHF_TRY(migrateServer(*conn));
    return conn;
}

Status registerStation(PgConnection& conn, const std::string& station, const std::string& project,
                       const std::string& name) {
    return conn.execute(
        "INSERT INTO team_stations (id, project_id, name) VALUES ($1::uuid, $2, $3)",
        {station, project, name});
}

} // namespace

Result<SyncReport> publishProject(store::Database& db, const PublishOptions& options) {
    auto existing = readMembership(db);
    if (!existing)
        return existing.error();
    if (*existing)
        return Error{fmt::format("the project is already part of the team project \"{}\" on {}",
                                 (*existing)->name, (*existing)->server)};
    if (options.name.empty())
        return Error{"a team project needs a name"};
    auto conn = connect(options.server);
    if (!conn)
        return conn.error();
    Membership m = newMembership(options.server, options.name, TeamRole::Lead);
    {
        auto tx = PgTransaction::begin(*conn);
        if (!tx)
            return tx.error();
        auto taken = conn->query("SELECT 1 FROM team_projects WHERE name = $1", {options.name});
        if (!taken)
            return taken.error();
        if (taken->rows() > 0)
            return Error{
                fmt::format("the team server already has a project named \"{}\"", options.name)};
        auto created = conn->query(
            "INSERT INTO team_projects (name, lead_station, overlap_share, lease_seconds) "
            "VALUES ($1, $2::uuid, $3, $4) RETURNING id",
            {options.name, m.station, fmt::format("{}", options.overlapShare),
             std::to_string(options.leaseSeconds)});
        if (!created)
            return created.error();
        RLTHF_TRY(registerStation(*conn, m.station, created->text(0, 0), options.stationName));
        RLTHF_TRY(tx->commit());
    }
    // From here on the project is the lead; what the first sync does not finish, the next
    // one does.
    RLTHF_TRY(saveMembership(db, m));
    auto report = syncProject(db, *conn, m);
    if (!report)
        return Error{fmt::format("the project is published as \"{}\", but sending it stopped: "
                                 "{}; `rlthf team sync` sends the rest",
                                 options.name, report.message())};
    return report;
}

Result<SyncReport> joinProject(const JoinOptions& options) {
    // First, so that a name already taken is refused before the server is asked anything.
    auto staged = store::StagedProject::create(options.out);
    if (!staged)
        return staged.error();
    auto conn = connect(options.server);
    if (!conn)
        return conn.error();
    auto project = findTeamProject(*conn, options.name);
    if (!project)
        return project.error();
    Membership m = newMembership(options.server, options.name, TeamRole::Station);
    RLTHF_TRY(registerStation(*conn, m.station, std::to_string(project->id),
                              options.stationName.empty() ? std::string("station")
                                                          : options.stationName));
    store::Database& db = staged->project().db();
    RLTHF_TRY(saveMembership(db, m));
    auto report = syncProject(db, *conn, m);
    if (!report)
        return report.error();
    auto published = staged->publish();
    if (!published)
        return published.error();
    return report;
}

Result<SyncReport> syncMember(store::Database& db, const SyncOptions& options) {
    auto m = readMembership(db);
    if (!m)
        return m.error();
    if (!*m)
        return Error{"the project is not part of a team: publish it (`rlthf team publish`) or "
                     "join one (`rlthf team join`)"};
    auto conn = connect((*m)->server);
    if (!conn)
        return conn.error();
    return syncProject(db, *conn, **m, options);
}

} // namespace rlthf::team
