#include "data/Stats.h"

#include "store/Schema.h"

namespace rlthf::data {

namespace {

Status countBy(store::Database& db, const char* sql, std::map<std::string, std::int64_t>& out) {
    auto stmt = db.prepare(sql);
    if (!stmt)
        return stmt.error();
    return stmt->forEachRow([&](const store::Statement& row) { out[row.text(0)] = row.int64(1); });
}

Result<std::int64_t> count(store::Database& db, const char* sql) {
    auto value = db.scalar(sql);
    if (!value)
        return value.error();
    return value->value_or(0);
}

} // namespace

Result<ProjectStats> computeStats(store::Project& project) {
    auto& db = project.db();
    ProjectStats s;
    struct Count {
        std::int64_t* target;
        const char* sql;
    };
    const Count counts[] = {
        {&s.unlabelled, "SELECT count(*) FROM visible_pairs p WHERE NOT EXISTS "
                        "(SELECT 1 FROM active_labels x WHERE x.pair_id = p.id)"},
        {&s.awaitingAiLabel,
         "SELECT count(*) FROM visible_pairs p WHERE NOT EXISTS "
         "(SELECT 1 FROM active_labels x WHERE x.pair_id = p.id AND x.source = 'ai')"},
        {&s.uncertain, "SELECT count(*) FROM uncertain_pairs"},
        {&s.reviewed, "SELECT count(DISTINCT pair_id) FROM expert_labels"},
        {&s.skipped,
         "SELECT count(DISTINCT e.pair_id) FROM visible_label_events e WHERE e.action = 'skip' "
         "AND NOT EXISTS (SELECT 1 FROM visible_label_events r WHERE r.revokes = e.id) "
         "AND NOT EXISTS (SELECT 1 FROM expert_labels x WHERE x.pair_id = e.pair_id)"},
        {&s.iterations, "SELECT count(*) FROM iterations WHERE status = 'done'"},
        {&s.dropped, "SELECT count(*) FROM dropped_now"},
    };
    auto pairs = store::visiblePairCount(db);
    if (!pairs)
        return pairs.error();
    s.pairs = *pairs;
    for (const auto& c : counts) {
        auto value = count(db, c.sql);
        if (!value)
            return value.error();
        *c.target = *value;
    }
    s.unreviewed = s.pairs - s.reviewed - s.skipped;
    RLTHF_TRY(countBy(db, "SELECT source, count(*) FROM active_labels GROUP BY source",
                      s.labelsBySource));
    RLTHF_TRY(countBy(db, "SELECT source, count(*) FROM current_labels GROUP BY source",
                      s.currentBySource));
    auto revision = project.dataRevision();
    if (!revision)
        return revision.error();
    s.dataRevision = *revision;
    auto version = store::schemaVersion(db);
    if (!version)
        return version.error();
    s.schemaVersion = *version;
    return s;
}

} // namespace rlthf::data
