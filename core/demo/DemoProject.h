#pragma once
// The bundled demo: a generated factory-QA project, configured so that a first session
// shows the whole loop.

#include "common/Result.h"
#include "demo/FactoryGenerator.h"
#include "loop/LoopSettings.h"
#include "loop/ProjectLoop.h"

#include <string>

namespace rlthf::demo {

struct DemoOptions {
    std::size_t pairs = 2000;
    std::uint64_t seed = FactoryOptions{}.seed;
    DemoLanguage language = DemoLanguage::English; // the pairs' language
};

// The demo's own loop settings. With the defaults, its 500-pair active shard gets 6-pair
// batches with no flip check, so a first session never sees a flip. Here batches are about
// ten pairs, a third of them flip checks: about twenty verdicts and two retrains answer the
// five flip checks the flip gate needs (the gate itself is the default one). A real
// project keeps the defaults.
loop::LoopSettings demoLoopSettings();

// Writes the generated pairs beside `path` (its name with ".jsonl", a sample of the native
// format), imports them into a new project at `path` with the demo's settings and runs the
// first iteration, so the queue and the charts have something to show. The project
// appears whole, or not at all.
struct DemoSummary {
    std::int64_t pairs = 0;      // stored
    std::int64_t duplicates = 0; // generated lines whose content was generated before
    loop::IterationSummary first;
};
Result<DemoSummary> createDemoProject(const std::string& path, const DemoOptions& options = {});

} // namespace rlthf::demo
