#include "ui/ProjectStatus.h"

#include "document/ProjectQueries.h"

namespace rlthf::ui {

std::optional<ProjectStatus> readProjectStatus(store::Database& db, std::int64_t pairs) {
    auto counts = document::reviewCounts(db);
    if (!counts)
        return std::nullopt;
    ProjectStatus s;
    s.pairs = pairs;
    s.toReview = counts->toReview;
    s.reviewed = counts->reviewed;
    s.autoFlipped = counts->autoFlipped;
    s.modelVersion = counts->latestIteration;
    if (!counts->latestFinishedAt.empty())
        s.lastRescored = QDateTime::fromString(QString::fromStdString(counts->latestFinishedAt),
                                               Qt::ISODateWithMs);
    return s;
}

} // namespace rlthf::ui
