#include "CliSupport.h"
#include "StopOnSignal.h"
#include "TerminalProgress.h"
#include "judge/JudgeSettings.h"
#include "judge/LabelRun.h"
#include "store/Project.h"
#include "store/ProjectFiles.h"
#include "store/TaskLock.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <fstream>
#include <iterator>

namespace rlthf::cli {

namespace {

// The stored judge settings with what the command line gives laid over them.
Result<judge::JudgeSettings> withArgs(judge::JudgeSettings s, const Args& args) {
    s.endpoint = args.value("endpoint", s.endpoint);
    s.model = args.value("model", s.model);
    s.apiKeyEnv = args.value("api-key-env", s.apiKeyEnv);
    if (args.has("criteria")) {
        const std::string path = args.value("criteria");
        std::ifstream in(path, std::ios::binary);
        if (!in)
            return Error{fmt::format("{}: cannot read the criteria file", path)};
        s.criteria.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        if (s.criteria.find_first_not_of(" \t\r\n") == std::string::npos)
            return Error{fmt::format("{}: the criteria file is empty", path)};
    }
    auto concurrency = args.integer("concurrency", s.concurrency);
    if (!concurrency)
        return concurrency.error();
    s.concurrency = static_cast<int>(*concurrency);
    auto timeout = args.integer("timeout", s.timeout.count() / 1000);
    if (!timeout)
        return timeout.error();
    if (args.has("timeout"))
        s.timeout = std::chrono::seconds(*timeout);
    RLTHF_TRY(judge::validate(s));
    return s;
}

std::string progressDetail(const judge::LabelProgress& p) {
    std::string line =
        fmt::format("labelled {}, uncertain {}, unparseable {}, failed {}, retries {}", p.labelled,
                    p.uncertain, p.unparseable, p.failed, p.retries);
    if (!p.lastProblem.empty())
        line += "; last problem: " + p.lastProblem;
    return line;
}

} // namespace

int cmdLabel(Context& ctx, const Args& args) {
    auto dbPath = args.required("db");
    if (!dbPath)
        return usage(ctx, dbPath.message());
    auto limit = args.integer("limit", -1);
    if (!limit)
        return usage(ctx, limit.message());
    if (args.has("limit") && *limit < 0)
        return usage(ctx, "--limit must be 0 or more");
    if (!QCoreApplication::instance())
        return fail(ctx, "labelling needs the program's Qt event loop");

    const auto lock = store::TaskLock::acquire(*dbPath, "label");
    if (!lock)
        return fail(ctx, lock.message());
    auto project = store::Project::open(*dbPath);
    if (!project)
        return fail(ctx, project.message());
    auto stored = judge::loadJudgeSettings(*project);
    if (!stored)
        return fail(ctx, stored.message());
    // Read through its own descriptor, the project's file would lose SQLite's locks.
    if (args.has("criteria")) {
        auto own =
            store::refuseProjectFile(args.value("criteria"), *dbPath, "it is not a criteria file");
        if (!own)
            return fail(ctx, own.message());
    }
    auto settings = withArgs(*stored, args);
    if (!settings)
        return usage(ctx, settings.message());
    // Saved before the first request, so a run stopped anywhere resumes with the same judge.
    if (auto saved = judge::saveJudgeSettings(*project, *settings); !saved)
        return fail(ctx, saved.message());
    auto connection = project->openConnection();
    if (!connection)
        return fail(ctx, connection.message());

    judge::RunOptions options;
    if (*limit >= 0)
        options.limit = *limit;
    options.retryUnparseable = args.has("retry-unparseable");
    const bool keySet = !qgetenv(settings->apiKeyEnv.c_str()).isEmpty();
    fmt::print(ctx.err, "label: judge {} at {}, {} requests at a time, {}\n", settings->model,
               settings->endpoint, settings->concurrency,
               keySet ? fmt::format("API key from ${}", settings->apiKeyEnv)
                      : fmt::format("no API key (${} is not set)", settings->apiKeyEnv));

    judge::LabelRun run(std::move(*connection), *settings, options);
    TerminalProgress progress(ctx, "label", args.has("quiet"));
    QEventLoop loop;
    QObject::connect(&run, &judge::LabelRun::progressed, &loop, [&](const judge::LabelProgress& p) {
        progress.update(p.settled(),
                        p.totalPairs ? double(p.settled()) / double(p.totalPairs) : 0.0, "pairs",
                        progressDetail(p));
    });
    QObject::connect(&run, &judge::LabelRun::finished, &loop, &QEventLoop::quit);
    const StopOnSignal stopper([&run] { run.stop(); });
    run.start();
    loop.exec();
    progress.hide();

    const auto& p = run.progress();
    fmt::print(ctx.out,
               "labelled {} pairs, {} uncertain, {} unparseable, {} failed (of {} asked about); "
               "{} requests, {} retries; tokens: {} prompt + {} completion\n",
               p.labelled, p.uncertain, p.unparseable, p.failed, p.totalPairs, p.requests,
               p.retries, p.promptTokens, p.completionTokens);
    if (!run.outcome())
        return fail(ctx, run.outcome().message() +
                             "\nthe answers received so far are kept; the next run continues");
    if (stopper.stopped())
        return fail(ctx, "stopped; the answers received so far are kept; the next run continues");
    if (p.failed > 0)
        fmt::print(ctx.out, "{} pairs got no answer this time; run `rlthf label` again for them\n",
                   p.failed);
    return kOk;
}

} // namespace rlthf::cli
