#pragma once
// What makes a project part of a team: the server (its URI without a password), the team
// project's name, this station's id and role, and how far it has synced. Kept in the
// project's settings (key "team"); a project without it is a project of its own.

#include "common/Result.h"

#include <cstdint>
#include <optional>
#include <string>

namespace rlthf::store {
class Database;
}

namespace rlthf::team {

enum class TeamRole {
    Lead,    // published the project: its loop makes the queues, it may settle disputes
    Station, // joined it: reviews the items it claims
};

struct Membership {
    std::string server;  // libpq URI, never with a password
    std::string name;    // the team project's name on the server
    std::string station; // this station's id (a UUID)
    TeamRole role = TeamRole::Station;
    std::int64_t pulledSeq = 0;          // the server's events are pulled up to this seq
    std::int64_t publishedIteration = 0; // lead: the last iteration published; station: mirrored
    // Every local label event up to this id is visible and has its global id: the next sync
    // looks for events without one only above it.
    std::int64_t assignedThrough = 0;
    std::optional<std::string> lastSync; // UTC, the last sync that reached the server
};

Result<std::optional<Membership>> readMembership(store::Database& db);
// True for a project that joined a team as a station: its lead retrains, and keeps the
// reward model, its scores and the curve.
Result<bool> isStation(store::Database& db);
// Refuses a server URI with a password in it: passwords come from PGPASSWORD or ~/.pgpass.
// Inside the caller's transaction.
Status writeMembership(store::Database& db, const Membership& membership);
// The same in a transaction of its own.
Status saveMembership(store::Database& db, const Membership& membership);
// Makes the project one of its own again (its events and their global ids stay).
Status forgetMembership(store::Database& db);
// A new membership of `server`'s team project `name`, under a new station id.
Membership newMembership(const std::string& server, const std::string& name, TeamRole role);

// A random (version 4) UUID.
std::string newUuid();

} // namespace rlthf::team
