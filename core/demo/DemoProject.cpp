#include "demo/DemoProject.h"

#include "data/Importer.h"
#include "store/ProjectFiles.h"
#include "store/StagedProject.h"

#include <filesystem>

namespace rlthf::demo {

loop::LoopSettings demoLoopSettings() {
    loop::LoopSettings settings;
    settings.engine.batchShare = 0.02;
    settings.engine.flipCheckShare = 0.3;
    return settings;
}

Result<DemoSummary> createDemoProject(const std::string& path, const DemoOptions& options) {
    const std::string jsonl = std::filesystem::path(path).replace_extension(".jsonl").string();
    FactoryOptions factory;
    factory.pairs = options.pairs;
    factory.seed = options.seed;
    factory.language = options.language;
    RLTHF_TRY(store::refuseReplacingDatabase(jsonl));
    RLTHF_TRY(writeFactoryPairs(factory, jsonl));

    // Built where nobody can open it, and renamed into place when complete.
    auto stage = store::StagedProject::create(path);
    if (!stage)
        return stage.error();
    data::ImportOptions import;
    import.sharing = store::Sharing::Alone;
    auto imported = data::importFiles(stage->project(), {jsonl}, import);
    if (!imported)
        return imported.error();
    const loop::LoopSettings settings = demoLoopSettings();
    RLTHF_TRY(loop::saveLoopSettings(stage->project(), settings));
    auto first = loop::runProjectIteration(stage->project().db(), settings);
    if (!first)
        return first.error();
    auto published = stage->publish();
    if (!published)
        return published.error();
    return DemoSummary{imported->imported, imported->duplicates, std::move(*first)};
}

} // namespace rlthf::demo
