#pragma once
// The team server's tables, created and upgraded by the program in numbered steps, like the
// project file's schema (the version is kept in rlthf_team_schema).

#include "common/Result.h"
#include "team/PgConnection.h"

namespace rlthf::team {

int latestServerSchemaVersion();
// The SQL of one step (what a server of that version was set up with; for tests of upgrades).
const char* serverMigrationSql(int version);
// Brings the server's schema to the latest version; several programs may call it at once
// (an advisory lock orders them). A server written by a newer version is refused.
Status migrateServer(PgConnection& conn);

} // namespace rlthf::team
