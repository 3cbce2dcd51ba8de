#include "team/ServerSchema.h"

#include <fmt/format.h>
#include <iterator>

namespace rlthf::team {

namespace {

// Version 1: team projects, their pairs, the stations, the queues the lead published, the
// stations' claims on queue items and the append-only log of label events.
constexpr const char* kServerV1 = R"sql(
CREATE TABLE team_projects (
    id            bigserial PRIMARY KEY,
    name          text NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    lead_station  uuid NOT NULL,
    overlap_share double precision NOT NULL DEFAULT 0.05
                  CHECK (overlap_share >= 0 AND overlap_share <= 1),
    lease_seconds integer NOT NULL DEFAULT 3600 CHECK (lease_seconds > 0)
);
CREATE TABLE team_stations (
    id         uuid PRIMARY KEY,
    project_id bigint NOT NULL REFERENCES team_projects(id),
    name       text NOT NULL,
    joined_at  timestamptz NOT NULL DEFAULT now(),
    last_seen  timestamptz
);
CREATE TABLE team_pairs (
    project_id   bigint NOT NULL REFERENCES team_projects(id),
    pair_id      bigint NOT NULL,
    external_id  text,
    prompt       text NOT NULL,
    response_a   text NOT NULL,
    response_b   text NOT NULL,
    content_hash text NOT NULL,
    shard        integer NOT NULL,
    meta         text,
    created_at   text NOT NULL,
    PRIMARY KEY (project_id, pair_id),
    UNIQUE (project_id, content_hash)
);
CREATE TABLE team_iterations (
    project_id   bigint NOT NULL REFERENCES team_projects(id),
    iteration    integer NOT NULL,
    published_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, iteration)
);
-- copies: 2 for the overlap share, which two experts review on purpose.
CREATE TABLE team_queue (
    project_id bigint NOT NULL,
    iteration  integer NOT NULL,
    pair_id    bigint NOT NULL,
    priority   bigint NOT NULL,
    reason     text NOT NULL,
    copies     smallint NOT NULL CHECK (copies IN (1, 2)),
    PRIMARY KEY (project_id, iteration, pair_id),
    FOREIGN KEY (project_id, iteration) REFERENCES team_iterations(project_id, iteration),
    FOREIGN KEY (project_id, pair_id) REFERENCES team_pairs(project_id, pair_id)
);
CREATE INDEX team_queue_priority ON team_queue(project_id, iteration, priority);
-- done: the station pushed a verdict on the pair under this claim; never handed out again.
CREATE TABLE team_claims (
    project_id  bigint NOT NULL,
    iteration   integer NOT NULL,
    pair_id     bigint NOT NULL,
    station     uuid NOT NULL REFERENCES team_stations(id),
    claimed_at  timestamptz NOT NULL DEFAULT now(),
    lease_until timestamptz NOT NULL,
    done        boolean NOT NULL DEFAULT false,
    PRIMARY KEY (project_id, iteration, pair_id, station),
    FOREIGN KEY (project_id, iteration, pair_id)
        REFERENCES team_queue(project_id, iteration, pair_id)
);
CREATE INDEX team_claims_station ON team_claims(station, project_id, iteration);
-- seq is the server's order of arrival: "latest" among stations means the highest seq.
CREATE TABLE team_events (
    seq         bigserial PRIMARY KEY,
    project_id  bigint NOT NULL REFERENCES team_projects(id),
    uuid        uuid NOT NULL UNIQUE,
    pair_id     bigint NOT NULL,
    source      text NOT NULL,
    action      text NOT NULL,
    value       text,
    previous    text,
    annotator   text,
    station     uuid NOT NULL REFERENCES team_stations(id),
    created_at  text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    iteration   bigint,
    comment     text,
    margin      double precision,
    revokes     uuid REFERENCES team_events(uuid),
    FOREIGN KEY (project_id, pair_id) REFERENCES team_pairs(project_id, pair_id)
);
CREATE INDEX team_events_project ON team_events(project_id, seq);
CREATE FUNCTION team_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'team_events is append-only'; END $$;
CREATE TRIGGER team_events_no_change BEFORE UPDATE OR DELETE ON team_events
FOR EACH ROW EXECUTE FUNCTION team_events_append_only();
)sql";

// Version 2: a claim is a slot, one row per copy of a queue item, which the lead makes when
// it publishes the queue. A station takes free slots with SELECT … FOR UPDATE SKIP LOCKED:
// stations claiming at once pass over each other's rows instead of waiting, and a slot has
// one holder at a time. Changed in place, so that the grants on the table stay. Conflicts
// are now read from the log (verdicts by more stations than copies), which keeps every
// verdict even where no slot remembers it.
constexpr const char* kServerV2 = R"sql(
ALTER TABLE team_claims DROP CONSTRAINT team_claims_pkey;
ALTER TABLE team_claims ADD COLUMN copy smallint;
UPDATE team_claims c SET copy = o.copy
FROM (SELECT project_id, iteration, pair_id, station, row_number() OVER (
          PARTITION BY project_id, iteration, pair_id ORDER BY done DESC, claimed_at) AS copy
      FROM team_claims) o
WHERE (c.project_id, c.iteration, c.pair_id, c.station) =
      (o.project_id, o.iteration, o.pair_id, o.station);
DELETE FROM team_claims c USING team_queue q
WHERE (c.project_id, c.iteration, c.pair_id) = (q.project_id, q.iteration, q.pair_id)
  AND c.copy > q.copies;
ALTER TABLE team_claims ALTER COLUMN copy SET NOT NULL,
    ADD CHECK (copy IN (1, 2)),
    ADD PRIMARY KEY (project_id, iteration, pair_id, copy),
    ALTER COLUMN station DROP NOT NULL,
    ALTER COLUMN claimed_at DROP NOT NULL,
    ALTER COLUMN claimed_at DROP DEFAULT,
    ALTER COLUMN lease_until DROP NOT NULL;
INSERT INTO team_claims (project_id, iteration, pair_id, copy)
SELECT q.project_id, q.iteration, q.pair_id, c FROM team_queue q, generate_series(1, q.copies) c
ON CONFLICT DO NOTHING;
CREATE INDEX team_events_verdicts ON team_events(project_id, iteration, pair_id)
    WHERE source = 'human' AND action = 'label';
CREATE INDEX team_events_revokes ON team_events(revokes) WHERE revokes IS NOT NULL;
)sql";

struct ServerMigration {
    int version;
    const char* sql;
};
constexpr ServerMigration kServerMigrations[] = {{1, kServerV1}, {2, kServerV2}};

// Any constant: the key of the advisory lock that orders concurrent migrations.
constexpr const char* kMigrationLock = "SELECT pg_advisory_xact_lock(7217340123)";

} // namespace

int latestServerSchemaVersion() {
    return kServerMigrations[std::size(kServerMigrations) - 1].version;
}

const char* serverMigrationSql(int version) {
    for (const ServerMigration& step : kServerMigrations)
        if (step.version == version)
            return step.sql;
    return "";
}

namespace {

// The schema's version; 0 when the server has no RLTHF tables yet. Reads only, so a
// station's role, which may not create tables, gets through when nothing is to be done.
Result<int> serverSchemaVersion(PgConnection& conn) {
    auto exists = conn.query("SELECT to_regclass('rlthf_team_schema') IS NOT NULL");
    if (!exists)
        return exists.error();
    if (exists->text(0, 0) != "t")
        return 0;
    auto current = conn.query("SELECT max(version) FROM rlthf_team_schema");
    if (!current)
        return current.error();
    return static_cast<int>(current->optionalInt64(0, 0).value_or(0));
}

} // namespace

Status migrateServer(PgConnection& conn) {
    auto before = serverSchemaVersion(conn);
    if (!before)
        return before.error();
    if (*before == latestServerSchemaVersion())
        return {};
    if (*before > 0) {
        // Only the tables' owner may change them: a station's role would fail halfway with
        // PostgreSQL's "must be owner", which says nothing of what to do.
        auto owner = conn.query("SELECT tableowner, pg_has_role(current_user, tableowner, "
                                "'MEMBER') FROM pg_tables WHERE tablename = 'team_events'");
        if (!owner)
            return owner.error();
        if (owner->rows() == 1 && owner->text(0, 1) != "t" && *before < latestServerSchemaVersion())
            return Error{fmt::format(
                "the team server's tables are at schema {} and this program needs {}; only "
                "their owner ({}) can upgrade them, which the lead's next sync or publish does",
                *before, latestServerSchemaVersion(), owner->text(0, 0))};
    }
    auto tx = PgTransaction::begin(conn);
    if (!tx)
        return tx.error();
    RLTHF_TRY(conn.script(kMigrationLock));
    RLTHF_TRY(
        conn.script("CREATE TABLE IF NOT EXISTS rlthf_team_schema (version integer NOT NULL)"));
    auto current = conn.query("SELECT max(version) FROM rlthf_team_schema");
    if (!current)
        return current.error();
    const int version = static_cast<int>(current->optionalInt64(0, 0).value_or(0));
    if (version > latestServerSchemaVersion())
        return Error{fmt::format("the team server was set up by a newer version of RLTHF Studio "
                                 "(schema {}, this one knows up to {}); update this program",
                                 version, latestServerSchemaVersion())};
    for (const ServerMigration& step : kServerMigrations) {
        if (step.version <= version)
            continue;
        if (Status applied = conn.script(step.sql); !applied)
            return Error{fmt::format("setting up the team server's schema {} failed: {}",
                                     step.version, applied.message())};
        RLTHF_TRY(conn.execute("INSERT INTO rlthf_team_schema (version) VALUES ($1)",
                               {std::to_string(step.version)}));
    }
    return tx->commit();
}

} // namespace rlthf::team
