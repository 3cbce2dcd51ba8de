#include "TempDir.h"
#include "bench/Bench.h"
#include "demo/FactoryGenerator.h"

#include <catch2/catch.hpp>

#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>

#include <filesystem>

using namespace rlthf;

namespace {

QGuiApplication& guiApp() {
    static int argc = 1;
    static char name[] = "test_bench";
    static char* argv[] = {name, nullptr};
    static QGuiApplication app(argc, argv); // the curve PNG needs fonts
    return app;
}

} // namespace

TEST_CASE("the benchmark runs every method and writes its report", "[bench]") {
    guiApp();
    test::TempDir dir;
    const auto data = dir.file("factory.jsonl");
    demo::FactoryOptions options;
    options.pairs = 700;
    REQUIRE(demo::writeFactoryPairs(options, data));

    bench::BenchConfig config;
    config.dataPath = data;
    config.format = data::Format::Pairs;
    config.judge = bench::Judge::File;
    config.folds = 2;
    config.iterations = 2;
    config.outDir = dir.file("out");
    config.engine.train.maxEpochs = 6;
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

    QFile json(QString::fromStdString(config.outDir + "/bench.json"));
    REQUIRE(json.open(QIODevice::ReadOnly));
    const auto root = QJsonDocument::fromJson(json.readAll()).object();
    CHECK(root["pairs"].toInt() == 700);
    CHECK(root.contains("judge_agreement"));
    CHECK(root["number_grounding"].toBool());
    CHECK(root["flip_below_probability"].toDouble() == Approx(0.2));
    const auto rlthf = root["methods"].toObject()["rlthf"].toObject();
    for (const char* key : {"test_accuracy", "test_accuracy_se", "curated_label_accuracy",
                            "queue_precision", "flip_precision", "flips", "human_labels", "roi"})
        CHECK(rlthf.contains(QLatin1String(key)));
    if (rlthf["flips"].toDouble() == 0)
        CHECK(rlthf["flip_precision"].isNull());
    CHECK(std::filesystem::file_size(config.outDir + "/iterations.csv") > 200);
    QFile table(QString::fromStdString(config.outDir + "/table.md"));
    REQUIRE(table.open(QIODevice::ReadOnly));
    const QString header = QString::fromUtf8(table.readLine());
    CHECK(header.contains(QStringLiteral("budget 6%")));
    CHECK(header.contains(QStringLiteral("features ngrams + number grounding")));
    CHECK(header.contains(QStringLiteral("flips below σ(Δ) 0.2")));
    QImage png(QString::fromStdString(config.outDir + "/curve.png"));
    CHECK(png.width() == 1200);
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
