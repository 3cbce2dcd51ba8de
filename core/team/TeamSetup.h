#pragma once
// Publishing a project to a team server, joining one as a station, and syncing a member.

#include "common/Result.h"
#include "team/Sync.h"

#include <string>

namespace rlthf::store {
class Database;
}

namespace rlthf::team {

struct PublishOptions {
    std::string server; // libpq URI, without a password
    std::string name;   // the team project's name on the server, unique there
    std::string stationName = "lead";
    double overlapShare = 0.05; // queue items reviewed by two experts on purpose
    int leaseSeconds = 3600;    // how long a station holds a claim between syncs
};
// Makes `db` the lead station of a new team project and sends its pairs, labels and queue.
Result<SyncReport> publishProject(store::Database& db, const PublishOptions& options);

struct JoinOptions {
    std::string server;
    std::string name;
    std::string out; // the station's new project; appears whole or not at all
    std::string stationName;
};
Result<SyncReport> joinProject(const JoinOptions& options);

// Syncs a member project with its server (see syncProject); an error when it is none.
Result<SyncReport> syncMember(store::Database& db, const SyncOptions& options = {});

} // namespace rlthf::team
