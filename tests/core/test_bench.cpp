#include "TempDir.h"
#include "bench/Bench.h"
#include "bench/BenchData.h"
#include "demo/FactoryGenerator.h"

#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <random>

using namespace rlthf;

namespace {

QGuiApplication& guiApp() {
    static int argc = 1;
    static char name[] = "test_bench";
    static char* argv[] = {name, nullptr};
    static QGuiApplication app(argc, argv); // the curve PNG needs fonts
    return app;
}

// A short run on a pairs file whose AI labels are the judge's.
bench::BenchConfig shortRun(const std::string& data, int folds, int iterations, int maxEpochs) {
    bench::BenchConfig config;
    config.dataPath = data;
    config.format = data::Format::Pairs;
    config.judge = bench::Judge::File;
    config.folds = folds;
    config.iterations = iterations;
    config.engine.train.maxEpochs = maxEpochs;
    return config;
}

// The better response is the shorter one in most pairs and says so only faintly; the
// verbose judge picks the longer one half of the time, so its errors are learnable.
void writeLengthBiasedPairs(const std::string& data, int pairs) {
    std::mt19937_64 rng(17);
    std::ofstream out(data);
    const char* words[] = {"valve", "torque", "seal", "gauge", "bolt", "panel", "motor", "belt"};
    auto text = [&](int length, bool faintlyGood) {
        std::string t = faintlyGood && rng() % 3 == 0 ? "checked" : "noted";
        for (int w = 0; w < length; ++w)
            t += std::string(" ") + words[rng() % 8];
        return t;
    };
    for (int i = 0; i < pairs; ++i) {
        const bool betterIsShorter = rng() % 10 < 7;
        const int shortLength = 3 + int(rng() % 4), longLength = 14 + int(rng() % 10);
        const std::string better = text(betterIsShorter ? shortLength : longLength, true);
        const std::string worse = text(betterIsShorter ? longLength : shortLength, false);
        out << fmt::format(R"({{"id":"p{}","prompt":"inspection {}","response_a":"{}",)"
                           R"("response_b":"{}","gold_label":"a"}})",
                           i, i, better, worse)
            << '\n';
    }
}

// 900 such pairs under the verbosity judge, 2 folds.
bench::BenchConfig lengthBiasedRun(const test::TempDir& dir, int iterations) {
    const auto data = dir.file("verbose.jsonl");
    writeLengthBiasedPairs(data, 900);
    bench::BenchConfig config = shortRun(data, 2, iterations, 6);
    config.judge = bench::Judge::Verbose;
    return config;
}

} // namespace

TEST_CASE("the benchmark runs every method and writes its report", "[bench]") {
    guiApp();
    test::TempDir dir;
    const auto data = dir.file("factory.jsonl");
    demo::FactoryOptions options;
    options.pairs = 700;
    REQUIRE(demo::writeFactoryPairs(options, data));

    bench::BenchConfig config = shortRun(data, 2, 2, 6);
    config.outDir = dir.file("out");
    auto report = bench::runBench(config);
    REQUIRE(report);
    CHECK(report->pairs == 700);
    CHECK(report->judgeAgreement > 0.65);
    CHECK(report->judgeAgreement < 0.85);

    const auto& m = report->methods;
    REQUIRE(m.size() == bench::allMethods().size());
    const double budget = 0.06 * 350; // per fold: 6% of the training half
    CHECK(m.at("random").humanLabels.mean == Approx(budget).margin(1));
    CHECK(m.at("confident").humanLabels.mean == Approx(budget).margin(1));
    CHECK(m.at("rlthf").humanLabels.mean <= budget + 2);
    CHECK(m.at("rlthf_zero_human").humanLabels.mean == 0);
    CHECK(m.at("full_human").curatedLabelAccuracy.mean == 1.0);
    CHECK(m.at("ai_only").curatedLabelAccuracy.mean == Approx(report->judgeAgreement).margin(0.05));
    // Targeting finds the judge's errors more often than random sampling on this set.
    CHECK(m.at("rlthf").queuePrecision->mean > m.at("random").queuePrecision->mean);
    CHECK(m.at("rlthf").curatedLabelAccuracy.mean > m.at("ai_only").curatedLabelAccuracy.mean);
    // Dropping instead of flipping changes only the curated data: the loop decides alike.
    const auto& drop = m.at("rlthf_drop");
    const auto& learned = m.at("rlthf_learned");
    CHECK(drop.flips.mean == learned.flips.mean);
    CHECK(drop.humanLabels.mean == learned.humanLabels.mean);
    REQUIRE(drop.droppedShare);
    CHECK(drop.droppedShare->mean == Approx(drop.flips.mean / 350).epsilon(0.05)); // folds vary
    CHECK_FALSE(learned.droppedShare);

    QFile json(QString::fromStdString(config.outDir + "/bench.json"));
    REQUIRE(json.open(QIODevice::ReadOnly));
    const auto root = QJsonDocument::fromJson(json.readAll()).object();
    CHECK(root["pairs"].toInt() == 700);
    CHECK(root.contains("judge_agreement"));
    CHECK(root["number_grounding"].toBool());
    CHECK(root["tokenizer"].toString() == QStringLiteral("cjk-bigrams"));
    CHECK(root["group_by"].toString() == QStringLiteral("prompt"));
    CHECK(root["flip_below_probability"].toDouble() == Approx(0.2));
    const auto rlthf = root["methods"].toObject()["rlthf"].toObject();
    for (const char* key : {"test_accuracy", "test_accuracy_se", "curated_label_accuracy",
                            "queue_precision", "flip_precision", "flips", "human_labels", "roi"})
        CHECK(rlthf.contains(QLatin1String(key)));
    if (rlthf["flips"].toDouble() == 0)
        CHECK(rlthf["flip_precision"].isNull());
    CHECK_FALSE(rlthf.contains(QLatin1String("dropped_share")));
    CHECK(root["methods"].toObject()["rlthf_drop"].toObject().contains(
        QLatin1String("dropped_share")));
    CHECK(std::filesystem::file_size(config.outDir + "/iterations.csv") > 200);
    QFile table(QString::fromStdString(config.outDir + "/table.md"));
    REQUIRE(table.open(QIODevice::ReadOnly));
    const QString header = QString::fromUtf8(table.readLine());
    CHECK(header.contains(QStringLiteral("budget 6%")));
    CHECK(header.contains(QStringLiteral("features ngrams + number grounding, cjk-bigrams")));
    CHECK(header.contains(QStringLiteral("1×2-fold grouped by prompt")));
    CHECK(header.contains(QStringLiteral("flips below σ(Δ) 0.2")));
    QImage png(QString::fromStdString(config.outDir + "/curve.png"));
    CHECK(png.width() == 1200);
}

TEST_CASE("the benchmark keeps pairs of one prompt on one side of every split", "[bench]") {
    test::TempDir dir;
    // 40 prompts with 3 to 7 pairs each; the responses repeat with their prompt.
    const auto data = dir.file("repeated.jsonl");
    {
        std::ofstream file(data);
        for (int prompt = 0; prompt < 40; ++prompt)
            for (int k = 0; k < 3 + prompt % 5; ++k)
                file << fmt::format(R"({{"prompt": "question {0}", "response_a": "answer {0} {1} )"
                                    R"(right", "response_b": "answer {0} {1} wrong", )"
                                    R"("ai_label": "{2}", "gold_label": "a"}})",
                                    prompt, k, k % 4 == 0 ? 'b' : 'a')
                     << '\n';
    }
    std::vector<std::string> lines;
    bench::BenchConfig config = shortRun(data, 3, 1, 2);
    config.methods = {"full_human"};
    config.log = [&](const std::string& line) { lines.push_back(line); };
    for (const bool grouped : {true, false}) {
        INFO(grouped);
        config.groupByPrompt = grouped;
        config.outDir = dir.file(grouped ? "grouped" : "ungrouped");
        lines.clear();
        REQUIRE(bench::runBench(config));
        const bool saysGroups =
            std::any_of(lines.begin(), lines.end(), [](const std::string& line) {
                return line.find("40 groups of pairs") != std::string::npos;
            });
        CHECK(saysGroups == grouped);
    }

    auto loaded = bench::loadBenchData(data, data::Format::Pairs);
    REQUIRE(loaded);
    const auto groups = bench::groupsByPrompt(*loaded);
    REQUIRE(groups.size() == 40);
    const auto foldOf = bench::assignFolds(groups, 3, 7);
    std::vector<std::size_t> size(3, 0);
    for (const auto& group : groups) {
        for (const std::int32_t i : group) {
            CHECK(loaded->pairs[std::size_t(i)].prompt ==
                  loaded->pairs[std::size_t(group[0])].prompt);
            CHECK(foldOf[std::size_t(i)] == foldOf[std::size_t(group[0])]); // never split
        }
        size[std::size_t(foldOf[std::size_t(group[0])])] += group.size();
    }
    // Balanced to within the largest group (7 pairs).
    CHECK(*std::max_element(size.begin(), size.end()) -
              *std::min_element(size.begin(), size.end()) <=
          7);
    CHECK(bench::assignFolds(groups, 3, 7) == foldOf); // seeded
    CHECK(bench::assignFolds(groups, 3, 8) != foldOf);

    // Single pairs are dealt round: fold sizes differ by at most one.
    const auto dealt = bench::assignFolds(bench::singletons(101), 5, 3);
    for (int fold = 0; fold < 5; ++fold) {
        const auto count = std::count(dealt.begin(), dealt.end(), fold);
        CHECK((count == 20 || count == 21));
    }
}

TEST_CASE("the benchmark refuses bad settings with a clear message", "[bench]") {
    bench::BenchConfig config;
    config.dataPath = "/no/such/file.jsonl";
    config.methods = {"rlthf", "magic"};
    auto report = bench::runBench(config);
    REQUIRE_FALSE(report);
    CHECK_THAT(report.message(), Catch::Contains("unknown method \"magic\""));
    config.methods = {"rlthf"};
    report = bench::runBench(config);
    REQUIRE_FALSE(report);
    CHECK_THAT(report.message(), Catch::Contains("/no/such/file.jsonl"));
}

TEST_CASE("learned targeting finds a length-biased judge's errors that the margin rule misses",
          "[bench]") {
    guiApp();
    test::TempDir dir;
    bench::BenchConfig config = lengthBiasedRun(dir, 4);
    config.budget = 0.12;
    config.methods = {"random", "rlthf", "rlthf_learned"};
    config.outDir = dir.file("out");
    auto report = bench::runBench(config);
    REQUIRE(report);
    const auto precision = [&](const char* method) {
        return report->methods.at(method).queuePrecision->mean;
    };
    INFO(fmt::format("queue precision: random {:.3f}, rlthf {:.3f}, rlthf_learned {:.3f}",
                     precision("random"), precision("rlthf"), precision("rlthf_learned")));
    CHECK(precision("rlthf") < precision("random"));
    CHECK(precision("rlthf_learned") > precision("random"));
    CHECK(precision("rlthf_learned") > precision("rlthf") + 0.1);

    QFile json(QString::fromStdString(config.outDir + "/bench.json"));
    REQUIRE(json.open(QIODevice::ReadOnly));
    CHECK(QJsonDocument::fromJson(json.readAll()).object()["default_method"].toString() ==
          QStringLiteral("rlthf_learned"));
}

TEST_CASE("once the audit shows the margin rule finding errors less often than chance, the "
          "queue reviews at random",
          "[bench]") {
    guiApp();
    test::TempDir dir;
    // A large audit share gathers the evidence within a few iterations of a small set.
    bench::BenchConfig config = lengthBiasedRun(dir, 5);
    config.budget = 0.3;
    config.engine.auditShare = 0.3;
    config.methods = {"random", "rlthf"};
    const auto run = [&](double maxRandomShare, const char* out) {
        config.engine.targetingPolicy.maxRandomShare = maxRandomShare;
        config.outDir = dir.file(out);
        auto report = bench::runBench(config);
        REQUIRE(report);
        return std::pair(report->methods.at("random").queuePrecision->mean,
                         report->methods.at("rlthf").queuePrecision->mean);
    };
    const auto [random, targetedOnly] = run(0.0, "off");
    const auto [random2, guarded] = run(0.9, "on");
    INFO(fmt::format("queue precision: random {:.3f}, margin rule {:.3f}, with random review "
                     "{:.3f}",
                     random, targetedOnly, guarded));
    CHECK(random == random2);
    CHECK(targetedOnly < random);
    CHECK(guarded > targetedOnly + 0.1);

    // The iterations that followed the evidence drew part of their batch at random.
    QFile rows(QString::fromStdString(config.outDir + "/iterations.csv"));
    REQUIRE(rows.open(QIODevice::ReadOnly));
    const QStringList header = QString::fromUtf8(rows.readLine()).trimmed().split(',');
    const auto column = header.indexOf(QStringLiteral("random_review_share"));
    REQUIRE(column >= 0);
    double largest = 0.0;
    while (!rows.atEnd()) {
        const QStringList row = QString::fromUtf8(rows.readLine()).trimmed().split(',');
        if (row.value(header.indexOf(QStringLiteral("method"))) == QStringLiteral("rlthf"))
            largest = std::max(largest, row.value(column).toDouble());
    }
    CHECK(largest > 0.3);
}

TEST_CASE(
    "the position judge answers the first response shown on the pairs a gold model finds close",
    "[bench]") {
    // |margins| 0.1 .. 0.9: the third closest to zero are pairs 0, 4 and 8 (0.1, 0.2, 0.3).
    const std::vector<double> margins = {0.1, 0.9, -0.8, 0.7, -0.2, 0.6, 0.5, 0.4, 0.3};
    const auto close = bench::closePairs(margins);
    CHECK(close == std::vector<bool>{true, false, false, false, true, false, false, false, true});

    bench::BenchData data;
    for (int i = 0; i < 300; ++i)
        data.pairs.push_back({"p", "a" + std::to_string(i), "b", 'b', std::nullopt});
    std::vector<bool> closeData(300, false);
    for (int i = 0; i < 100; ++i)
        closeData[static_cast<std::size_t>(3 * i)] = true;
    auto labels = bench::simulateJudge(data, bench::Judge::Position, 7, &closeData);
    REQUIRE(labels);
    int farRight = 0;
    for (std::size_t i = 0; i < labels->size(); ++i) {
        if (closeData[i])
            CHECK((*labels)[i] == 'a'); // the response shown first, wrong against gold 'b'
        else
            farRight += (*labels)[i] == 'b' ? 1 : 0;
    }
    CHECK(farRight > 160);                                              // 90% of 200 elsewhere
    CHECK_FALSE(bench::simulateJudge(data, bench::Judge::Position, 7)); // needs the close pairs
    CHECK(bench::parseJudge("position") == bench::Judge::Position);
}
