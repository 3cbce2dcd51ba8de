#pragma once
// The project schema: ordered migrations tracked by PRAGMA user_version.

#include "common/Result.h"
#include "store/Database.h"

#include <cstdint>
#include <span>

namespace rlthf::store {

struct Migration {
    int version;     // user_version after this migration
    const char* sql; // script applied inside the migration's transaction
    // Instead of `sql`, for a step that depends on what the project holds.
    Status (*apply)(Database&) = nullptr;
};

// 'RLTH': marks a SQLite file as an RLTHF project.
inline constexpr int kApplicationId = 0x524C5448;

std::span<const Migration> migrations();
int latestSchemaVersion();

Result<int> schemaVersion(Database& db);

// Pairs visible to readers (view visible_pairs: published imports only).
Result<std::int64_t> visiblePairCount(Database& db);
// The visible pairs in shards `firstShard` to 99.
Result<std::int64_t> visiblePairCountFromShard(Database& db, std::int64_t firstShard);

// Applies every migration newer than the file's version, each in its own
// transaction together with its user_version bump; a failure rolls that step back.
Status migrate(Database& db, std::span<const Migration> steps);

} // namespace rlthf::store
