#include "CliSupport.h"
#include "TerminalProgress.h"
#include "data/Exporter.h"
#include "data/Importer.h"
#include "data/Stats.h"
#include "demo/FactoryGenerator.h"
#include "store/Project.h"
#include "store/ProjectFiles.h"
#include "store/StagedProject.h"
#include "store/TaskLock.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <filesystem>
#include <map>
#include <optional>

namespace rlthf::cli {

namespace {

QJsonObject toJson(const std::map<std::string, std::int64_t>& counts) {
    QJsonObject obj;
    for (const auto& [key, value] : counts)
        obj.insert(QString::fromStdString(key), static_cast<qint64>(value));
    return obj;
}

} // namespace

int cmdImport(Context& ctx, const Args& args) {
    auto dbPath = args.required("db");
    if (!dbPath)
        return usage(ctx, dbPath.message());
    const auto format = data::parseFormat(args.value("format"));
    if (!format)
        return usage(ctx, "--format must be trl, hh-rlhf, pairs or csv");
    data::ImportOptions options;
    options.format = *format;
    if ((args.has("encoding") || args.has("columns")) && *format != data::Format::Csv)
        return usage(ctx, "--encoding and --columns are for --format csv");
    if (args.has("encoding")) {
        const auto encoding = data::parseTextEncoding(args.value("encoding"));
        if (!encoding)
            return usage(ctx, "--encoding must be utf-8 or cp932");
        options.csv.encoding = *encoding;
    }
    if (args.has("columns")) {
        auto columns = data::parseCsvColumns(args.value("columns"));
        if (!columns)
            return usage(ctx, columns.message());
        options.csv.columns = std::move(*columns);
    }
    options.skipBad = args.has("skip-bad");
    const std::string source = args.value("label-source", "ai");
    if (source != "ai" && source != "gold")
        return usage(ctx, "--label-source must be ai or gold");
    options.labelSource = source == "gold" ? data::LabelSource::Gold : data::LabelSource::Ai;
    if (args.positional().empty())
        return usage(ctx, "import needs at least one INPUT file");

    const auto lock = store::TaskLock::acquire(*dbPath, "import");
    if (!lock)
        return fail(ctx, lock.message());
    // A new project is built beside its path and moved there only once the import is
    // complete, so a failed or killed import leaves no empty project behind.
    std::optional<store::StagedProject> staged;
    std::optional<store::Project> existing;
    if (std::filesystem::exists(*dbPath)) {
        auto opened = store::Project::open(*dbPath);
        if (!opened)
            return fail(ctx, opened.message());
        existing.emplace(std::move(opened).value());
    } else {
        auto created = store::StagedProject::create(*dbPath);
        if (!created)
            return fail(ctx, created.message());
        staged.emplace(std::move(created).value());
    }
    store::Project& project = staged ? staged->project() : *existing;
    options.sharing = staged ? store::Sharing::Alone : store::Sharing::Shared;
    TerminalProgress progress(ctx, "import", args.has("quiet"));
    auto report = data::importFiles(
        project, args.positional(), options, [&progress](const data::ImportProgress& p) {
            progress.update(p.records,
                            p.totalBytes ? double(p.bytesRead) / double(p.totalBytes) : 0.0,
                            "lines");
            return true;
        });
    progress.hide();
    if (!report)
        return fail(ctx, report.message() +
                             (staged ? "\nnothing was imported; no project was created"
                                     : "\nnothing was imported; the project is unchanged"));
    if (staged) {
        auto published = staged->publish();
        if (!published)
            return fail(ctx, published.message() + "\nno project was created");
    }
    fmt::print(ctx.out, "imported {} pairs ({} labels), {} duplicates skipped, {} lines rejected\n",
               report->imported, report->labels, report->duplicates, report->rejected.size());
    for (const auto& rejected : report->rejected)
        fmt::print(ctx.out, "rejected {}\n", rejected.describe());
    if (!staged)
        printWriteSharing(ctx, report->transactions, report->longestTransaction);
    return kOk;
}

int cmdExport(Context& ctx, const Args& args) {
    auto dbPath = args.required("db");
    if (!dbPath)
        return usage(ctx, dbPath.message());
    auto out = args.required("out");
    if (!out)
        return usage(ctx, out.message());
    const std::string format = args.value("format", "trl");
    if (format != "trl" && format != "pairs" && format != "csv")
        return usage(ctx, "--format must be trl, pairs or csv");
    auto shards = args.integer("shards", 1);
    if (!shards)
        return usage(ctx, shards.message());
    data::ExportOptions options;
    options.format = format == "trl"     ? data::ExportFormat::Trl
                     : format == "pairs" ? data::ExportFormat::Pairs
                                         : data::ExportFormat::Csv;
    options.shards = static_cast<int>(*shards);

    auto project = store::Project::open(*dbPath);
    if (!project)
        return fail(ctx, project.message());
    TerminalProgress progress(ctx, "export", args.has("quiet"));
    auto report = data::exportProject(
        *project, *out, options, [&progress](std::int64_t read, std::int64_t total) {
            progress.update(read, total ? double(read) / double(total) : 0.0, "pairs");
            return true;
        });
    progress.hide();
    if (!report)
        return fail(ctx, report.message());
    fmt::print(ctx.out, "exported {} pairs to {} file(s)", report->rows, report->files.size());
    if (report->unlabelled > 0)
        fmt::print(ctx.out, "; {} pairs without a label left out", report->unlabelled);
    if (report->dropped > 0)
        fmt::print(ctx.out, "; {} dropped pairs left out", report->dropped);
    fmt::print(ctx.out, "\n");
    for (const auto& file : report->files)
        fmt::print(ctx.out, "  {}\n", file);
    return kOk;
}

int cmdBackup(Context& ctx, const Args& args) {
    auto dbPath = args.required("db");
    if (!dbPath)
        return usage(ctx, dbPath.message());
    auto out = args.required("out");
    if (!out)
        return usage(ctx, out.message());
    if (std::filesystem::exists(*out))
        return fail(ctx, fmt::format("{}: already exists; choose another name or remove it", *out));
    auto project = store::Project::open(*dbPath);
    if (!project)
        return fail(ctx, project.message());
    auto copied = project->backup(*out);
    if (!copied)
        return fail(ctx, copied.message());
    fmt::print(ctx.out, "copied {} to {}\n", *dbPath, *out);
    return kOk;
}

int cmdStats(Context& ctx, const Args& args) {
    auto dbPath = args.required("db");
    if (!dbPath)
        return usage(ctx, dbPath.message());
    auto project = store::Project::open(*dbPath);
    if (!project)
        return fail(ctx, project.message());
    auto stats = data::computeStats(*project);
    if (!stats)
        return fail(ctx, stats.message());
    const auto& s = *stats;
    if (args.has("json")) {
        QJsonObject review;
        review.insert(QStringLiteral("reviewed"), static_cast<qint64>(s.reviewed));
        review.insert(QStringLiteral("skipped"), static_cast<qint64>(s.skipped));
        review.insert(QStringLiteral("unreviewed"), static_cast<qint64>(s.unreviewed));
        QJsonObject obj;
        obj.insert(QStringLiteral("pairs"), static_cast<qint64>(s.pairs));
        obj.insert(QStringLiteral("labels"), toJson(s.labelsBySource));
        obj.insert(QStringLiteral("current_label_source"), toJson(s.currentBySource));
        obj.insert(QStringLiteral("unlabelled"), static_cast<qint64>(s.unlabelled));
        obj.insert(QStringLiteral("awaiting_ai_label"), static_cast<qint64>(s.awaitingAiLabel));
        obj.insert(QStringLiteral("uncertain"), static_cast<qint64>(s.uncertain));
        obj.insert(QStringLiteral("review"), review);
        obj.insert(QStringLiteral("dropped"), static_cast<qint64>(s.dropped));
        obj.insert(QStringLiteral("iterations"), static_cast<qint64>(s.iterations));
        obj.insert(QStringLiteral("data_revision"), static_cast<qint64>(s.dataRevision));
        obj.insert(QStringLiteral("schema_version"), s.schemaVersion);
        ctx.out << QJsonDocument(obj).toJson(QJsonDocument::Indented).toStdString();
        return kOk;
    }
    fmt::print(ctx.out, "project      {}\n", *dbPath);
    fmt::print(ctx.out, "pairs        {}\n", s.pairs);
    fmt::print(ctx.out, "labels       ");
    const char* sep = "";
    for (const auto& [source, n] : s.labelsBySource) {
        fmt::print(ctx.out, "{}{} {}", sep, source, n);
        sep = ", ";
    }
    fmt::print(ctx.out, "{}\n", s.labelsBySource.empty() ? "none" : "");
    fmt::print(ctx.out, "unlabelled   {} (awaiting AI label: {})\n", s.unlabelled,
               s.awaitingAiLabel);
    fmt::print(ctx.out, "uncertain    {} (the LLM judge could not decide; experts first)\n",
               s.uncertain);
    fmt::print(ctx.out, "review       {} reviewed, {} skipped, {} unreviewed\n", s.reviewed,
               s.skipped, s.unreviewed);
    if (s.dropped > 0)
        fmt::print(ctx.out, "dropped      {} (found wrong; left out of the curated data)\n",
                   s.dropped);
    fmt::print(ctx.out, "iterations   {}\n", s.iterations);
    return kOk;
}

int cmdGenerate(Context& ctx, const Args& args) {
    if (args.positional().size() != 1 || args.positional()[0] != "factory")
        return usage(ctx, "generate needs the set to generate: `rlthf generate factory ...`");
    auto out = args.required("out");
    if (!out)
        return usage(ctx, out.message());
    auto pairs = args.integer("pairs", 600);
    if (!pairs)
        return usage(ctx, pairs.message());
    if (*pairs < 1)
        return usage(ctx, "--pairs must be at least 1");
    demo::FactoryOptions options;
    options.pairs = static_cast<std::size_t>(*pairs);
    auto seed = args.integer("seed", static_cast<long long>(options.seed));
    if (!seed)
        return usage(ctx, seed.message());
    options.seed = static_cast<std::uint64_t>(*seed);
    options.labels = !args.has("unlabelled");
    const std::string language = args.value("language", "en");
    const auto parsed = demo::parseDemoLanguage(language);
    if (!parsed)
        return usage(ctx, fmt::format("--language must be en or ja, not '{}'", language));
    options.language = *parsed;
    if (auto database = store::refuseReplacingDatabase(*out); !database)
        return fail(ctx, database.message());
    auto written = demo::writeFactoryPairs(options, *out);
    if (!written)
        return fail(ctx, written.message());
    fmt::print(ctx.out, "wrote {} factory-QA pairs{} to {}\n", options.pairs,
               options.language == demo::DemoLanguage::Japanese ? " in Japanese" : "", *out);
    return kOk;
}

} // namespace rlthf::cli
