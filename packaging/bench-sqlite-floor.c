/* SQLite's own cost of the rows an import writes, with nothing read, parsed or hashed while
 * it is timed: the floor under `rlthf import`'s writing thread on this machine.
 *   bench-sqlite-floor ROWS.db OUT.db [--unique-after] [--labels-in-pair]
 * ROWS.db holds a table rows(external_id, prompt, response_a, response_b, content_hash,
 * shard, meta) (packaging/bench-sqlite-floor.sh makes it from a project). Every row is read
 * into memory first; then, in one transaction, journal in memory and no syncs as an import
 * into a new project runs, each pair is inserted (ON CONFLICT on the unique content hash)
 * with two label events, and the six secondary indexes are built. Prints the phases.
 * --unique-after: the content hash's unique index is built with the others, after the rows
 * (what the load would cost if duplicates were found another way).
 * --labels-in-pair: a file format this project does not have, measured to size one: the
 * pair's AI and gold labels in two columns of its own row instead of two label events, so a
 * pair is one row and the label events' four indexes have nothing to index. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void check(int rc, sqlite3* db, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
        exit(1);
    }
}

static void exec(sqlite3* db, const char* sql) {
    check(sqlite3_exec(db, sql, 0, 0, 0), db, sql);
}

typedef struct {
    char* text[7]; /* external_id, prompt, response_a, response_b, content_hash, shard, meta */
} Row;

int main(int argc, char** argv) {
    int uniqueAfter = 0, labelsInPair = 0, unknown = 0;
    for (int a = 3; a < argc; ++a) {
        if (strcmp(argv[a], "--unique-after") == 0)
            uniqueAfter = 1;
        else if (strcmp(argv[a], "--labels-in-pair") == 0)
            labelsInPair = 1;
        else
            unknown = 1;
    }
    if (argc < 3 || unknown) {
        fprintf(stderr, "usage: %s ROWS.db OUT.db [--unique-after] [--labels-in-pair]\n",
                argv[0]);
        return 2;
    }
    /* As the import: no memory statistics (a global lock on every allocation). */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3* src;
    check(sqlite3_open_v2(argv[1], &src, SQLITE_OPEN_READONLY, 0), src, argv[1]);
    sqlite3_stmt* read;
    check(sqlite3_prepare_v2(src, "SELECT count(*) FROM rows", -1, &read, 0), src, "count");
    sqlite3_step(read);
    const int count = sqlite3_column_int(read, 0);
    sqlite3_finalize(read);
    Row* rows = calloc(count, sizeof(Row));
    check(sqlite3_prepare_v2(src,
                             "SELECT external_id, prompt, response_a, response_b, content_hash, "
                             "shard, meta FROM rows ORDER BY rowid",
                             -1, &read, 0),
          src, "read");
    for (int i = 0; i < count && sqlite3_step(read) == SQLITE_ROW; ++i)
        for (int c = 0; c < 7; ++c)
            rows[i].text[c] = strdup((const char*)sqlite3_column_text(read, c));
    sqlite3_finalize(read);
    sqlite3_close(src);

    remove(argv[2]);
    sqlite3* db;
    check(sqlite3_open_v2(argv[2], &db,
                          SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, 0),
          db, argv[2]);
    /* The project's own tables (schema 12), loaded as an import into a new project loads
     * them: secondary indexes built afterwards, the unique content hash kept. */
    char pairsTable[512];
    snprintf(pairsTable, sizeof pairsTable,
             "CREATE TABLE pairs (id INTEGER PRIMARY KEY, external_id TEXT, prompt TEXT NOT "
             "NULL, response_a TEXT NOT NULL, response_b TEXT NOT NULL, content_hash TEXT NOT "
             "NULL %s, shard INTEGER NOT NULL CHECK (shard BETWEEN 0 AND 99), meta TEXT, "
             "created_at TEXT NOT NULL, batch_id INTEGER REFERENCES write_batches(id)%s)",
             uniqueAfter ? "" : "UNIQUE",
             labelsInPair ? ", ai_label TEXT CHECK (ai_label IN ('a', 'b')), gold_label TEXT "
                            "CHECK (gold_label IN ('a', 'b'))"
                          : "");
    exec(db, "PRAGMA page_size = 16384"); /* a new project's pages (core/store/Project.cpp) */
    exec(db, pairsTable);
    exec(db, "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; "
             "PRAGMA cache_size = -262144;"
             "CREATE TABLE write_batches(id INTEGER PRIMARY KEY);"
             "CREATE TABLE label_events (id INTEGER PRIMARY KEY, pair_id INTEGER NOT NULL "
             "REFERENCES pairs(id), source TEXT NOT NULL CHECK (source = 'ai' OR source = "
             "'gold' OR source = 'human' OR source = 'settled' OR source = 'flipped' OR "
             "source = 'propagated'), action TEXT NOT NULL DEFAULT 'label' CHECK (action = "
             "'label' OR action = 'skip' OR action = 'revoke'), value TEXT CHECK (value IN "
             "('a', 'b')), previous TEXT CHECK (previous IN ('a', 'b')), annotator TEXT, "
             "created_at TEXT NOT NULL, iteration INTEGER, comment TEXT, margin REAL, revokes "
             "INTEGER REFERENCES label_events(id), batch_id INTEGER REFERENCES "
             "write_batches(id), CHECK ((action = 'label') = (value IS NOT NULL)), CHECK "
             "((action = 'revoke') = (revokes IS NOT NULL)));"
             "INSERT INTO write_batches VALUES (1)");
    sqlite3_stmt *pair, *label;
    char insertPair[512];
    snprintf(insertPair, sizeof insertPair,
             "INSERT INTO pairs(external_id, prompt, response_a, response_b, content_hash, "
             "shard, meta, created_at, batch_id%s) VALUES (?,?,?,?,?,?,?,?,1%s)%s",
             labelsInPair ? ", ai_label, gold_label" : "", labelsInPair ? ",'a','a'" : "",
             uniqueAfter ? "" : " ON CONFLICT(content_hash) DO NOTHING");
    check(sqlite3_prepare_v2(db, insertPair, -1, &pair, 0), db, "pair");
    check(sqlite3_prepare_v2(db,
                             "INSERT INTO label_events(pair_id, source, action, value, previous, "
                             "annotator, iteration, comment, margin, revokes, created_at, "
                             "batch_id) VALUES (?,?,'label',?,NULL,NULL,NULL,NULL,NULL,NULL,?,1)",
                             -1, &label, 0),
          db, "label");
    const char* stamp = "2026-12-03T14:00:00.000Z";
    const double start = now();
    exec(db, "BEGIN");
    int inserted = 0;
    for (int i = 0; i < count; ++i) {
        sqlite3_reset(pair);
        for (int c = 0; c < 7; ++c)
            if (c == 5)
                sqlite3_bind_int(pair, c + 1, atoi(rows[i].text[c]));
            else
                sqlite3_bind_text(pair, c + 1, rows[i].text[c], -1, SQLITE_STATIC);
        sqlite3_bind_text(pair, 8, stamp, -1, SQLITE_STATIC);
        check(sqlite3_step(pair), db, "insert pair");
        if (sqlite3_changes(db) == 0)
            continue;
        ++inserted;
        const sqlite3_int64 id = sqlite3_last_insert_rowid(db);
        for (int l = 0; l < (labelsInPair ? 0 : 2); ++l) {
            sqlite3_reset(label);
            sqlite3_bind_int64(label, 1, id);
            sqlite3_bind_text(label, 2, l ? "ai" : "gold", -1, SQLITE_STATIC);
            sqlite3_bind_text(label, 3, "a", -1, SQLITE_STATIC);
            sqlite3_bind_text(label, 4, stamp, -1, SQLITE_STATIC);
            check(sqlite3_step(label), db, "insert label");
        }
    }
    const double rowsDone = now();
    if (uniqueAfter)
        exec(db, "CREATE UNIQUE INDEX pairs_content_hash ON pairs(content_hash)");
    exec(db, "CREATE INDEX pairs_shard ON pairs(shard);"
             "CREATE INDEX pairs_batch ON pairs(batch_id);");
    if (!labelsInPair)
        exec(db, "CREATE INDEX label_events_pair ON label_events(pair_id, source);"
             "CREATE INDEX label_events_revokes ON label_events(revokes) WHERE revokes IS NOT "
             "NULL;"
             "CREATE INDEX label_events_source ON label_events(source);"
             "CREATE INDEX label_events_batch ON label_events(batch_id) WHERE batch_id IS NOT "
             "NULL;");
    const double indexed = now();
    exec(db, "COMMIT");
    const double committed = now();
    printf("%d pairs inserted (%d rows read): rows %.2f s, indexes %.2f s, commit %.2f s; "
           "total %.2f s, %.0f pairs/s\n",
           inserted, count, rowsDone - start, indexed - rowsDone, committed - indexed,
           committed - start, inserted / (committed - start));
    sqlite3_finalize(pair);
    sqlite3_finalize(label);
    sqlite3_close(db);
    return 0;
}
