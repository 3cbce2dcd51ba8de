#include "bench/BenchOutput.h"

#include "plot/CurvePlot.h"

#include <fmt/format.h>
#include <fmt/os.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <filesystem>

namespace rlthf::bench {

namespace {

QJsonValue optional(const std::optional<double>& v) { return v ? QJsonValue(*v) : QJsonValue(); }

QJsonObject methodJson(const MethodSummary& s) {
    QJsonObject o;
    o.insert(QStringLiteral("test_accuracy"), s.testAccuracy.mean);
    o.insert(QStringLiteral("test_accuracy_se"), s.testAccuracy.se);
    o.insert(QStringLiteral("curated_label_accuracy"), s.curatedLabelAccuracy.mean);
    o.insert(QStringLiteral("curated_label_accuracy_se"), s.curatedLabelAccuracy.se);
    o.insert(QStringLiteral("queue_precision"),
             optional(s.queuePrecision ? std::optional(s.queuePrecision->mean) : std::nullopt));
    o.insert(QStringLiteral("queue_precision_se"),
             optional(s.queuePrecision ? std::optional(s.queuePrecision->se) : std::nullopt));
    o.insert(QStringLiteral("flip_precision"),
             optional(s.flipPrecision ? std::optional(s.flipPrecision->mean) : std::nullopt));
    o.insert(QStringLiteral("flips"), s.flips.mean);
    o.insert(QStringLiteral("human_labels"), s.humanLabels.mean);
    if (s.droppedShare)
        o.insert(QStringLiteral("dropped_share"), s.droppedShare->mean);
    o.insert(QStringLiteral("roi"), optional(s.roi));
    o.insert(QStringLiteral("audit_judge_error"),
             optional(s.auditJudgeError ? std::optional(s.auditJudgeError->mean) : std::nullopt));
    // Observable without gold labels: how much more often the queue finds errors than the audit.
    if (s.queuePrecision && s.auditJudgeError && s.auditJudgeError->mean > 0)
        o.insert(QStringLiteral("targeting_lift"), s.queuePrecision->mean / s.auditJudgeError->mean);
    if (!s.lastFlipDecision.empty())
        o.insert(QStringLiteral("flip_decision"), QString::fromStdString(s.lastFlipDecision));
    o.insert(QStringLiteral("runs"), s.testAccuracy.runs);
    return o;
}

Status writeText(const std::string& path, const QByteArray& bytes) {
    QSaveFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error{fmt::format("{}: cannot write", path)};
    return {};
}

std::string cell(const std::optional<double>& v) { return v ? fmt::format("{:.4f}", *v) : ""; }

std::string meanSe(const Stat& s) { return fmt::format("{:.3f} ± {:.3f}", s.mean, s.se); }
std::string meanSe(const std::optional<Stat>& s) { return s ? meanSe(*s) : "—"; }

bool numberGrounded(const BenchConfig& config) {
    const reward::FeatureConfig& features = config.engine.train.features;
    return reward::usesNgrams(features) && features.numberGrounding;
}

// The results as a Markdown table, as the README shows them.
std::string markdownTable(const BenchConfig& config, const BenchReport& report) {
    std::string md = fmt::format(
        "{} pairs, judge `{}` (agreement {:.3f}{}), budget {:g}%, {} iterations, {}×{}-fold{}, "
        "features {}{}, flips below σ(Δ) {:g}, {:.0f} s\n\n"
        "| method | test accuracy | curated-label accuracy | queue precision | flip precision | "
        "flips | human labels | ROI | audit: judge error | targeting lift | dropped |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|\n",
        report.pairs, judgeName(config.judge), report.judgeAgreement,
        report.judgeOrdersDisagree
            ? fmt::format("; its two orders disagree on {:.1f}%", 100 * *report.judgeOrdersDisagree)
            : std::string(),
        100 * config.budget, config.iterations, config.repeats, config.folds,
        config.groupByPrompt ? " grouped by prompt" : "",
        reward::describe(config.engine.train.features),
        numberGrounded(config) ? " + number grounding, " +
                                     reward::tokenizerName(config.engine.train.features.tokenizer)
                               : std::string(),
        config.engine.curve.flipBelowProbability, report.seconds);
    for (const auto& name : config.methods) {
        const auto it = report.methods.find(name);
        if (it == report.methods.end())
            continue;
        const MethodSummary& s = it->second;
        const bool lift = s.queuePrecision && s.auditJudgeError && s.auditJudgeError->mean > 0;
        md += fmt::format(
            "| {} | {} | {} | {} | {} | {:.0f} | {:.0f} | {} | {} | {} | {} |\n", name,
            meanSe(s.testAccuracy), meanSe(s.curatedLabelAccuracy), meanSe(s.queuePrecision),
            meanSe(s.flipPrecision), s.flips.mean, s.humanLabels.mean,
            s.roi ? fmt::format("{:.1f}×", *s.roi) : "—",
            s.auditJudgeError ? fmt::format("{:.3f}", s.auditJudgeError->mean) : "—",
            lift ? fmt::format("{:.2f}", s.queuePrecision->mean / s.auditJudgeError->mean) : "—",
            s.droppedShare ? fmt::format("{:.1f}%", 100 * s.droppedShare->mean) : "—");
    }
    return md;
}

} // namespace

Status writeBenchOutputs(const BenchConfig& config, const BenchReport& report,
                         const std::vector<IterationRow>& rows,
                         const std::optional<CurveSnapshot>& curve) {
    std::error_code ec;
    std::filesystem::create_directories(config.outDir, ec);
    if (ec)
        return Error{fmt::format("{}: cannot create: {}", config.outDir, ec.message())};
    const auto out = [&](const char* name) { return (std::filesystem::path(config.outDir) / name).string(); };

    QJsonObject root;
    root.insert(QStringLiteral("data"), QString::fromStdString(config.dataPath));
    root.insert(QStringLiteral("pairs"), static_cast<qint64>(report.pairs));
    root.insert(QStringLiteral("judge"), QString::fromStdString(judgeName(config.judge)));
    root.insert(QStringLiteral("judge_agreement"), report.judgeAgreement);
    if (report.judgeOrdersDisagree)
        root.insert(QStringLiteral("judge_orders_disagree"), *report.judgeOrdersDisagree);
    root.insert(QStringLiteral("default_method"), QString::fromStdString(defaultMethod()));
    root.insert(QStringLiteral("budget"), config.budget);
    root.insert(QStringLiteral("iterations"), config.iterations);
    root.insert(QStringLiteral("folds"), config.folds);
    root.insert(QStringLiteral("repeats"), config.repeats);
    root.insert(QStringLiteral("seed"), static_cast<qint64>(config.seed));
    // Which features the runs' reward models read: "ngrams", "embeddings" or "both".
    const reward::FeatureConfig& features = config.engine.train.features;
    root.insert(QStringLiteral("features"), QString::fromStdString(reward::featureSetName(features.set)));
    if (reward::usesNgrams(features))
        root.insert(QStringLiteral("ngram_features"),
                    QStringLiteral("hashed word uni%1-grams, 2^%2")
                        .arg(features.bigrams ? QStringLiteral("+bi") : QString())
                        .arg(features.hashBits));
    if (reward::usesNgrams(features)) {
        root.insert(QStringLiteral("number_grounding"), features.numberGrounding);
        root.insert(QStringLiteral("tokenizer"),
                    QString::fromStdString(reward::tokenizerName(features.tokenizer)));
    }
    root.insert(QStringLiteral("group_by"),
                config.groupByPrompt ? QStringLiteral("prompt") : QStringLiteral("none"));
    if (reward::usesEmbeddings(features))
        root.insert(QStringLiteral("embedding_model"), QString::fromStdString(features.embeddingModel));
    root.insert(QStringLiteral("flip_below_probability"), config.engine.curve.flipBelowProbability);
    root.insert(QStringLiteral("model"),
                QString::fromStdString(reward::modelKindName(config.engine.train.kind)));
    root.insert(QStringLiteral("seconds"), report.seconds);
    QJsonObject methods;
    for (const auto& [name, summary] : report.methods)
        methods.insert(QString::fromStdString(name), methodJson(summary));
    root.insert(QStringLiteral("methods"), methods);
    RLTHF_TRY(writeText(out("bench.json"), QJsonDocument(root).toJson(QJsonDocument::Indented)));

    std::string csv =
        "repeat,fold,method,iteration,alpha,beta,training_pairs,curve_pairs,elbow,knee,"
        "reflection,flips,flips_applied,batch,judge_error_estimate,"
        "queue_precision_estimate,flip_precision_estimate,random_review_share,"
        "test_accuracy\n";
    for (const auto& r : rows)
        csv += fmt::format("{},{},{},{},{:.3f},{:.3f},{},{},{},{},{},{},{},{},{},{},{},{:.3f},"
                           "{:.4f}\n",
                           r.repeat + 1, r.fold + 1, r.method, r.iteration, r.alpha, r.beta,
                           r.trainingPairs, r.curvePairs, r.elbow, r.knee,
                           r.reflection ? std::to_string(*r.reflection) : std::string(), r.flips,
                           r.flipsApplied ? 1 : 0, r.batch, cell(r.judgeErrorEstimate),
                           cell(r.queuePrecisionEstimate), cell(r.flipPrecisionEstimate),
                           r.randomReviewShare, r.testAccuracy);
    RLTHF_TRY(writeText(out("iterations.csv"), QByteArray::fromStdString(csv)));
    RLTHF_TRY(writeText(out("table.md"), QByteArray::fromStdString(markdownTable(config, report))));

    if (curve) {
        std::string points = "rank,margin,ai_label_correct\n";
        for (std::size_t k = 0; k < curve->margins.size(); ++k)
            points += fmt::format("{},{:.6f},{}\n", k, curve->margins[k], curve->aiCorrect[k] ? 1 : 0);
        RLTHF_TRY(writeText(out("curve.csv"), QByteArray::fromStdString(points)));
        plot::CurvePlot p;
        p.title = fmt::format("{} — judge {}: sorted reward margins, first RLTHF iteration",
                              std::filesystem::path(config.dataPath).filename().string(),
                              judgeName(config.judge));
        p.margins = curve->margins;
        p.landmarks = curve->landmarks;
        p.beta = config.engine.schedule.betaStart;
        p.windowAccuracy = plot::windowShares(curve->aiCorrect, 10);
        RLTHF_TRY(plot::writeCurvePng(p, out("curve.png")));
    }
    return {};
}

} // namespace rlthf::bench
