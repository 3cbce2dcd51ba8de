#include "document/ProjectChanges.h"

#include "store/Database.h"

#include <QTimer>
#include <filesystem>
#include <fmt/format.h>

namespace rlthf::document {

namespace {

// Asked of the path: no descriptor of the project file is opened.
std::string fileStamp(const std::string& path) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    const auto time = std::filesystem::last_write_time(path, ec);
    return ec ? std::string() : fmt::format("{}:{}", size, time.time_since_epoch().count());
}

} // namespace

Result<ProjectRevision> readRevision(store::Database& db) {
    auto read = store::ReadTransaction::begin(db);
    if (!read)
        return read.error();
    auto row = db.firstRow(R"sql(
SELECT (SELECT ifnull(max(id), 0) FROM visible_label_events),
       (SELECT ifnull(max(id), 0) FROM write_batches WHERE kind = 'import' AND status = 'published'),
       (SELECT ifnull(max(id), 0) FROM iterations WHERE status = 'done'))sql");
    if (!row)
        return row.error();
    ProjectRevision revision;
    if (*row) {
        revision.lastEvent = (*row)->int64(0);
        revision.publishedImports = (*row)->int64(1);
        revision.lastIteration = (*row)->int64(2);
    }
    return revision;
}

ProjectChanges::ProjectChanges(store::Database& db, std::chrono::milliseconds interval,
                               QObject* parent)
    : QObject(parent), m_db(db), m_timer(new QTimer(this)) {
    m_timer->setInterval(interval);
    connect(m_timer, &QTimer::timeout, this, &ProjectChanges::poll);
}

void ProjectChanges::start() {
    if (m_db.isSnapshot())
        m_snapshotStamp = fileStamp(m_db.path());
    acknowledge();
    m_timer->start();
}

void ProjectChanges::acknowledge() {
    if (auto version = m_db.scalar("PRAGMA data_version"))
        m_dataVersion = version->value_or(0);
    if (auto revision = readRevision(m_db))
        m_seen = *revision;
}

void ProjectChanges::stop() {
    m_timer->stop();
}

void ProjectChanges::poll() {
    // A snapshot's data_version never moves; its file's size and time do.
    if (m_db.isSnapshot()) {
        if (!m_snapshotStamp.empty() && fileStamp(m_db.path()) != m_snapshotStamp) {
            m_snapshotStamp.clear(); // said once
            Q_EMIT snapshotOutdated();
        }
        return;
    }
    auto version = m_db.scalar("PRAGMA data_version");
    if (!version || version->value_or(0) == m_dataVersion)
        return;
    m_dataVersion = version->value_or(0);
    auto revision = readRevision(m_db);
    if (!revision || *revision == m_seen)
        return;
    const ProjectRevision before = m_seen;
    m_seen = *revision;
    if (revision->publishedImports != before.publishedImports)
        Q_EMIT pairsChanged();
    if (revision->lastEvent != before.lastEvent)
        Q_EMIT labelsChanged();
    if (revision->lastIteration != before.lastIteration)
        Q_EMIT iterationsChanged();
}

} // namespace rlthf::document
