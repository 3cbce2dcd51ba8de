#include "CliSupport.h"
#include "StopOnSignal.h"
#include "TerminalProgress.h"
#include "embed/EmbedRun.h"
#include "embed/EmbedSettings.h"
#include "loop/LoopSettings.h"
#include "store/Project.h"
#include "store/TaskLock.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <optional>

namespace rlthf::cli {

namespace {

Result<embed::EmbedSettings> settingsFrom(const Args& args) {
    embed::EmbedSettings s;
    s.endpoint = args.value("endpoint", s.endpoint);
    s.model = args.value("model", s.model);
    s.apiKeyEnv = args.value("api-key-env", s.apiKeyEnv);
    auto concurrency = args.integer("concurrency", s.concurrency);
    if (!concurrency)
        return concurrency.error();
    s.concurrency = static_cast<int>(*concurrency);
    auto batch = args.integer("batch", s.batch);
    if (!batch)
        return batch.error();
    s.batch = static_cast<int>(*batch);
    auto timeout = args.integer("timeout", s.timeout.count() / 1000);
    if (!timeout)
        return timeout.error();
    if (args.has("timeout"))
        s.timeout = std::chrono::seconds(*timeout);
    RLTHF_TRY(embed::validate(s));
    return s;
}

std::string progressDetail(const embed::EmbedProgress& p) {
    std::string line = fmt::format("failed {}, retries {}", p.failed, p.retries);
    if (!p.lastProblem.empty())
        line += "; last problem: " + p.lastProblem;
    return line;
}

// --features: the loop's reward model reads these vectors from now on.
Status useInLoop(store::Project& project, reward::FeatureSet set, const std::string& model) {
    auto settings = loop::loadLoopSettings(project);
    if (!settings)
        return settings.error();
    settings->engine.train.features.set = set;
    settings->engine.train.features.embeddingModel = model;
    return loop::saveLoopSettings(project, *settings);
}

} // namespace

int cmdEmbed(Context& ctx, const Args& args) {
    auto dbPath = args.required("db");
    if (!dbPath)
        return usage(ctx, dbPath.message());
    auto settings = settingsFrom(args);
    if (!settings)
        return usage(ctx, settings.message());
    std::optional<reward::FeatureSet> use;
    if (args.has("features")) {
        use = reward::parseFeatureSet(args.value("features"));
        if (!use)
            return usage(ctx, "--features must be ngrams, embeddings or both");
    }
    if (!QCoreApplication::instance())
        return fail(ctx, "embedding needs the program's Qt event loop");
    const auto lock = store::TaskLock::acquire(*dbPath, "embed");
    if (!lock)
        return fail(ctx, lock.message());
    auto project = store::Project::open(*dbPath);
    if (!project)
        return fail(ctx, project.message());
    auto connection = project->openConnection();
    if (!connection)
        return fail(ctx, connection.message());

    const bool keySet = !qgetenv(settings->apiKeyEnv.c_str()).isEmpty();
    fmt::print(ctx.err, "embed: model {} at {}, {} texts a request, {} requests at a time, {}\n",
               settings->model, settings->endpoint, settings->batch, settings->concurrency,
               keySet ? fmt::format("API key from ${}", settings->apiKeyEnv)
                      : fmt::format("no API key (${} is not set)", settings->apiKeyEnv));

    embed::EmbedRun run(std::move(*connection), *settings);
    TerminalProgress progress(ctx, "embed", args.has("quiet"));
    QEventLoop loop;
    QObject::connect(&run, &embed::EmbedRun::progressed, &loop, [&](const embed::EmbedProgress& p) {
        progress.update(p.embedded + p.failed,
                        p.totalTexts ? double(p.embedded + p.failed) / double(p.totalTexts) : 0.0,
                        "texts", progressDetail(p));
    });
    QObject::connect(&run, &embed::EmbedRun::finished, &loop, &QEventLoop::quit);
    const StopOnSignal stopper([&run] { run.stop(); });
    run.start();
    loop.exec();
    progress.hide();

    const auto& p = run.progress();
    fmt::print(ctx.out,
               "embedded {} texts with {} ({} dimensions), {} failed (of {} not yet cached); "
               "{} requests, {} retries; tokens: {}\n",
               p.embedded, settings->model, p.dimension, p.failed, p.totalTexts, p.requests,
               p.retries, p.promptTokens);
    if (!run.outcome())
        return fail(ctx, run.outcome().message() +
                             "\nthe vectors received so far are kept; the next run continues");
    if (stopper.stopped())
        return fail(ctx, "stopped; the vectors received so far are kept; the next run continues");
    if (p.failed > 0)
        fmt::print(ctx.out, "{} texts got no vector this time; run `rlthf embed` again for them\n",
                   p.failed);
    if (use) {
        if (auto saved = useInLoop(*project, *use, settings->model); !saved)
            return fail(ctx, saved.message());
        fmt::print(ctx.out, "the loop's reward model now reads features: {}{}\n",
                   reward::featureSetName(*use),
                   *use == reward::FeatureSet::Ngrams ? "" : " (" + settings->model + ")");
    }
    return kOk;
}

} // namespace rlthf::cli
