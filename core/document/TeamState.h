#pragma once
// What the window shows of a project's team: whether it is a member, how its last sync went
// and how many of its verdicts the server does not have yet.

#include "team/TeamSetup.h"

#include <QDateTime>
#include <QString>
#include <cstdint>

namespace rlthf::store {
class Database;
}

namespace rlthf::document {

struct TeamState {
    bool member = false;
    bool station = false;      // a station (else the lead)
    QString name;              // the team project's name
    bool reachable = false;    // the last sync reached the server
    QDateTime lastSynced;      // UTC, of the last sync that reached it; invalid if never
    std::int64_t waiting = 0;  // label events recorded here, not yet on the server
    QString error;             // why the last sync failed (no password in it)
    bool queueChanged = false; // the sync brought claims, a queue or others' verdicts
};

// Publishes the project at `path` as a new team project (for a worker thread); an empty
// string on success, else why not.
QString publishTeamProject(const std::string& path, const team::PublishOptions& options);
// Joins a team project as a station into options.out (for a worker thread).
QString joinTeamProject(const team::JoinOptions& options);

// Syncs the project at `path` through a connection of its own (for a worker thread);
// `leaving`: a station's expert stops reviewing (see team::SyncOptions::leaving).
TeamState syncTeam(const std::string& path, bool leaving = false);
// The team part of the state without syncing: membership and the verdicts waiting.
TeamState readTeamState(store::Database& db);

} // namespace rlthf::document
