#pragma once
// Notices what other connections (another `rlthf` process, another window, the window's
// own worker threads) committed to the open project, and says what kind of change it was:
// new pairs published, labels or verdicts added, an iteration finished. The window
// refreshes only what changed.
//
// Each poll asks SQLite's `PRAGMA data_version` (a read of the shared-memory index, no
// file I/O); only when it moved are three indexed maxima read.

#include "common/Result.h"

#include <QObject>
#include <chrono>
#include <cstdint>
#include <string>

class QTimer;

namespace rlthf::store {
class Database;
}

namespace rlthf::document {

struct ProjectRevision {
    std::int64_t lastEvent = 0;        // newest visible label event
    std::int64_t publishedImports = 0; // newest published import batch
    std::int64_t lastIteration = 0;    // newest finished iteration
    bool operator==(const ProjectRevision&) const = default;
};
Result<ProjectRevision> readRevision(store::Database& db);

class ProjectChanges : public QObject {
    Q_OBJECT

  public:
    // Polls `db` every `interval` once started; `db` must outlive this object.
    ProjectChanges(store::Database& db, std::chrono::milliseconds interval,
                   QObject* parent = nullptr);
    void start();
    void stop();
    // Takes the project as it is now as seen, without signals: for a caller that has just
    // re-read everything (after the window's own task finished).
    void acknowledge();
    // Checks now and emits what changed since the last check.
    void poll();

  Q_SIGNALS:
    void pairsChanged();
    void labelsChanged();
    void iterationsChanged();
    // The file of a snapshot (store::Database::isSnapshot) changed on disk: what the window
    // shows is out of date until the project is opened again. Emitted once.
    void snapshotOutdated();

  private:
    store::Database& m_db;
    QTimer* m_timer;
    std::int64_t m_dataVersion = -1;
    std::string m_snapshotStamp; // a snapshot's file size and modification time when opened
    ProjectRevision m_seen;
};

} // namespace rlthf::document
