#include "ui/ProjectStatus.h"

#include "loop/Review.h"
#include "store/Database.h"

namespace rlthf::ui {

std::optional<ProjectStatus> readProjectStatus(store::Database& db, std::int64_t pairs) {
    ProjectStatus s;
    s.pairs = pairs;
    auto count = [&](const char* sql) -> std::optional<std::int64_t> {
        auto v = db.scalar(sql);
        if (!v)
            return std::nullopt;
        return v->value_or(0);
    };
    const auto reviewed = count("SELECT count(DISTINCT pair_id) FROM active_labels WHERE source = 'human'");
    const auto flipped = count("SELECT count(*) FROM active_labels WHERE source = 'flipped'");
    if (!reviewed || !flipped)
        return std::nullopt;
    s.reviewed = *reviewed;
    s.autoFlipped = *flipped;
    auto queue = loop::openQueueSize(db);
    if (queue)
        s.toReview = *queue;
    auto last = db.prepare("SELECT id, finished_at FROM iterations WHERE status = 'done' "
                           "ORDER BY id DESC LIMIT 1");
    if (last) {
        auto row = last->step();
        if (row && *row) {
            s.modelVersion = last->int64(0);
            s.lastRescored = QDateTime::fromString(QString::fromStdString(last->text(1)), Qt::ISODateWithMs);
        }
    }
    return s;
}

} // namespace rlthf::ui
