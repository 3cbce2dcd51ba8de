#include "ProjectOpening.h"

namespace rlthf::cli {

Result<OpenedProject> openWithSettings(const Args& args, const char* longTask) {
    auto db = args.required("db");
    if (!db)
        return db.error();
    std::optional<store::TaskLock> lock;
    if (longTask) {
        auto acquired = store::TaskLock::acquire(*db, longTask);
        if (!acquired)
            return acquired.error();
        lock.emplace(std::move(acquired).value());
    }
    auto project = store::Project::open(*db);
    if (!project)
        return project.error();
    auto settings = loop::loadLoopSettings(*project);
    if (!settings)
        return settings.error();
    return OpenedProject{std::move(lock), std::move(*project), *settings};
}

} // namespace rlthf::cli
