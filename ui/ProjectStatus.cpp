#include "ui/ProjectStatus.h"

#include "loop/Review.h"
#include "store/Database.h"

namespace rlthf::ui {

std::optional<ProjectStatus> readProjectStatus(store::Database& db) {
    ProjectStatus s;
    auto count = [&](const char* sql) -> std::optional<std::int64_t> {
        auto v = db.scalar(sql);
        if (!v)
            return std::nullopt;
        return v->value_or(0);
    };
    const auto pairs = count("SELECT count(*) FROM pairs");
    const auto reviewed = count("SELECT count(DISTINCT pair_id) FROM active_labels WHERE source = 'human'");
    const auto flipped = count("SELECT count(*) FROM active_labels WHERE source = 'flipped'");
    if (!pairs || !reviewed || !flipped)
        return std::nullopt;
    s.pairs = *pairs;
    s.reviewed = *reviewed;
    s.autoFlipped = *flipped;
    auto queue = loop::openQueue(db, 1 << 30);
    if (queue)
        s.toReview = static_cast<std::int64_t>(queue->size());
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
