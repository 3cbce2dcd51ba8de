#include "document/TeamState.h"

#include "store/Project.h"
#include "team/Membership.h"
#include "team/Sync.h"
#include "team/TeamSetup.h"

namespace rlthf::document {

// Membership, last sync and waiting verdicts as the project holds them.
TeamState readTeamState(store::Database& db) {
    TeamState state;
    auto membership = team::readMembership(db);
    if (!membership || !*membership)
        return state;
    const team::Membership& m = **membership;
    state.member = true;
    state.station = m.role == team::TeamRole::Station;
    state.name = QString::fromStdString(m.name);
    if (m.lastSync)
        state.lastSynced = QDateTime::fromString(QString::fromStdString(*m.lastSync), Qt::ISODate);
    if (auto waiting = team::eventsWaiting(db))
        state.waiting = *waiting;
    return state;
}

QString publishTeamProject(const std::string& path, const team::PublishOptions& options) {
    auto project = store::Project::open(path);
    if (!project)
        return QString::fromStdString(project.message());
    auto report = team::publishProject(project->db(), options);
    return report ? QString() : QString::fromStdString(report.message());
}

QString joinTeamProject(const team::JoinOptions& options) {
    auto report = team::joinProject(options);
    return report ? QString() : QString::fromStdString(report.message());
}

TeamState syncTeam(const std::string& path, bool leaving) {
    auto project = store::Project::open(path);
    if (!project) {
        TeamState state;
        state.error = QString::fromStdString(project.message());
        return state;
    }
    team::SyncOptions options;
    options.leaving = leaving;
    auto report = team::syncMember(project->db(), options);
    // Read after the sync: its time and what still waits.
    TeamState state = readTeamState(project->db());
    if (!state.member)
        return state;
    if (report) {
        state.reachable = true;
        state.queueChanged = report->claimed > 0 || report->droppedClaims > 0 ||
                             report->receivedIteration || report->pulledEvents > 0 ||
                             report->pulledPairs > 0;
    } else {
        state.error = QString::fromStdString(report.message());
    }
    return state;
}

} // namespace rlthf::document
