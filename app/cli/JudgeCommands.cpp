#include "CliSupport.h"
#include "StopOnSignal.h"
#include "judge/JudgeSettings.h"
#include "judge/LabelRun.h"
#include "store/Project.h"
#include "store/ProjectFiles.h"
#include "store/TaskLock.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <fstream>
#include <iterator>
#include <unistd.h>

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

std::string progressLine(const judge::LabelProgress& p) {
    std::string line =
        fmt::format("label: {}/{} pairs (labelled {}, uncertain {}, unparseable {}, failed {}); "
                    "{} requests, {} retries; tokens {} prompt + {} completion",
                    p.settled(), p.totalPairs, p.labelled, p.uncertain, p.unparseable, p.failed,
                    p.requests, p.retries, p.promptTokens, p.completionTokens);
    if (!p.lastProblem.empty())
        line += "; last problem: " + p.lastProblem;
    return line;
}

// Progress on stderr: one line rewritten in place on a terminal, a line a second otherwise.
class ProgressPrinter {
  public:
    explicit ProgressPrinter(std::ostream& err) : m_err(err), m_tty(isatty(STDERR_FILENO) != 0) {
        m_clock.start();
    }
    void show(const judge::LabelProgress& p, bool last = false) {
        if (!last && m_shown && m_clock.elapsed() < 1000)
            return;
        m_clock.restart();
        m_shown = true;
        if (m_tty)
            m_err << '\r' << progressLine(p) << "\x1b[K" << (last ? "\n" : "");
        else
            m_err << progressLine(p) << '\n';
        m_err.flush();
    }

  private:
    std::ostream& m_err;
    bool m_tty;
    bool m_shown = false;
    QElapsedTimer m_clock;
};

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
    if (args.has("criteria") && store::isProjectFile(args.value("criteria"), *dbPath))
        return fail(ctx, fmt::format("{}: is the project's own file, not a criteria file",
                                     args.value("criteria")));
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
    ProgressPrinter printer(ctx.err);
    QEventLoop loop;
    QObject::connect(&run, &judge::LabelRun::progressed, &loop,
                     [&](const judge::LabelProgress& p) { printer.show(p); });
    QObject::connect(&run, &judge::LabelRun::finished, &loop, &QEventLoop::quit);
    const StopOnSignal stopper([&run] { run.stop(); });
    run.start();
    loop.exec();

    const auto& p = run.progress();
    printer.show(p, true);
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
