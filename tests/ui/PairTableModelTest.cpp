#include "TempDir.h"
#include "UiFixtures.h"

#include "document/Pages.h"
#include "vocab/Vocabulary.h"
#include "store/Project.h"
#include "ui/PairTableModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

using rlthf::test::TempDir;
using rlthf::ui::PairTableModel;

namespace {

QString cell(const PairTableModel& model, int row, int column) {
    return model.data(model.index(row, column)).toString();
}

} // namespace

TEST_CASE("PairTableModel pages through 1,000 pairs in steps of 256", "[ui][model]") {
    TempDir tmp;
    auto project = rlthf::test::createProject(tmp.file("model.rlthf"));
    rlthf::test::fillStandardPairs(project.db(), 1000);

    auto document = rlthf::test::openDocument(project.path());
    PairTableModel model(*document);
    REQUIRE(model.columnCount() == 5);
    REQUIRE(model.rowCount() == 0);
    REQUIRE(model.canFetchMore({}));

    // The tester checks the model after every change; it also calls fetchMore() itself.
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    std::vector<int> counts{model.rowCount()};
    while (model.canFetchMore({})) {
        model.fetchMore({});
        counts.push_back(model.rowCount());
        REQUIRE(counts.size() <= 10);
    }
    // Every fetch added one page of 256 rows, the last one the remaining 232.
    const std::vector<int> pages{256, 512, 768, 1000};
    REQUIRE(counts.back() == 1000);
    REQUIRE(counts.size() <= pages.size());
    CHECK(std::equal(counts.begin(), counts.end(), pages.end() - counts.size()));
    REQUIRE(inserted.count() == 4);
    for (int i = 0; i < 4; ++i) {
        CHECK(inserted.at(i).at(1).toInt() == 256 * i);                        // first
        CHECK(inserted.at(i).at(2).toInt() == std::min(256 * (i + 1), 1000) - 1); // last
    }
    CHECK_FALSE(model.canFetchMore({}));
    CHECK(model.lastError().isEmpty());

    // A further fetchMore at the end is a no-op.
    model.fetchMore({});
    CHECK(model.rowCount() == 1000);

    for (int row = 0; row < 1000; ++row)
        REQUIRE(model.pairIdAt(row) == row + 1);
    CHECK(model.pairIdAt(-1) == -1);
    CHECK(model.pairIdAt(1000) == -1);
    CHECK(model.rowOfPair(600) == 599);
    CHECK(model.rowOfPair(5000) == -1);

    SECTION("row data matches the inserted pair") {
        const int row = 41; // pair 42: AI label, no human label
        CHECK(model.data(model.index(row, PairTableModel::IdColumn)).toLongLong() == 42);
        CHECK(cell(model, row, PairTableModel::PromptColumn) ==
              QStringLiteral("Prompt 42: which answer is better? \u2026"));
        CHECK(cell(model, row, PairTableModel::LabelColumn) == QStringLiteral("a"));
        CHECK(cell(model, row, PairTableModel::SourceColumn) == rlthf::labelOf(rlthf::LabelSource::Ai));
        CHECK(model.data(model.index(row, PairTableModel::ShardColumn)).toInt() == 42);
        CHECK(model.data(model.index(row, 0), PairTableModel::PairIdRole).toLongLong() == 42);
        CHECK(model.headerData(PairTableModel::PromptColumn, Qt::Horizontal).toString() ==
              QStringLiteral("Prompt"));
    }
    SECTION("a pair without labels shows an empty label") {
        CHECK(cell(model, 0, PairTableModel::LabelColumn).isEmpty());
        CHECK(cell(model, 0, PairTableModel::SourceColumn).isEmpty());
    }
    SECTION("the human label wins over a later AI label") {
        const int row = 14; // pair 15: human 'b' first, then AI 'a'
        CHECK(cell(model, row, PairTableModel::LabelColumn) == QStringLiteral("b"));
        CHECK(cell(model, row, PairTableModel::SourceColumn) == rlthf::labelOf(rlthf::LabelSource::Human));
        // Pair 10: human only.
        CHECK(cell(model, 9, PairTableModel::LabelColumn) == QStringLiteral("b"));
        CHECK(cell(model, 9, PairTableModel::SourceColumn) == rlthf::labelOf(rlthf::LabelSource::Human));
    }
    SECTION("a revoked human label falls back to the AI label") {
        const int row = 29; // pair 30: human 'b' revoked, AI 'a'
        CHECK(cell(model, row, PairTableModel::LabelColumn) == QStringLiteral("a"));
        CHECK(cell(model, row, PairTableModel::SourceColumn) == rlthf::labelOf(rlthf::LabelSource::Ai));
    }
    SECTION("reload() starts again and sees new pairs") {
        rlthf::test::insertPair(project.db(), 1001, "new pair", "x", "y", 7);
        rlthf::test::insertLabel(project.db(), 1001, "gold", "b");
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.reload();
        CHECK(reset.count() == 1);
        CHECK(model.rowCount() == 0);
        CHECK(model.canFetchMore({}));
        while (model.canFetchMore({}))
            model.fetchMore({});
        REQUIRE(model.rowCount() == 1001);
        CHECK(cell(model, 1000, PairTableModel::PromptColumn) == QStringLiteral("new pair"));
        CHECK(cell(model, 1000, PairTableModel::LabelColumn) == QStringLiteral("b"));
        CHECK(cell(model, 1000, PairTableModel::SourceColumn) == rlthf::labelOf(rlthf::LabelSource::Gold));
    }
}

TEST_CASE("PairTableModel on an empty project has no rows", "[ui][model]") {
    TempDir tmp;
    auto project = rlthf::test::createProject(tmp.file("empty.rlthf"));
    auto document = rlthf::test::openDocument(project.path());
    PairTableModel model(*document);
    REQUIRE(model.canFetchMore({}));
    model.fetchMore({});
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    CHECK(model.rowCount() == 0);
    CHECK_FALSE(model.canFetchMore({}));
}

TEST_CASE("PairTableModel follows ids with gaps and exact page multiples", "[ui][model]") {
    TempDir tmp;
    auto project = rlthf::test::createProject(tmp.file("gaps.rlthf"));
    // 512 pairs with ids 10, 20, ...: exactly two pages.
    for (int i = 1; i <= 512; ++i)
        rlthf::test::insertPair(project.db(), i * 10, "p" + std::to_string(i), "a", "b");
    auto document = rlthf::test::openDocument(project.path());
    PairTableModel model(*document);
    model.fetchMore({});
    CHECK(model.rowCount() == 256);
    CHECK(model.canFetchMore({}));
    model.fetchMore({});
    CHECK(model.rowCount() == 512);
    // A page of exactly 256 rows that ends the table leaves nothing to fetch.
    CHECK_FALSE(model.canFetchMore({}));
    CHECK(model.pairIdAt(256) == 2570);
    CHECK(model.pairIdAt(511) == 5120);
}

TEST_CASE("PairTableModel shows the first prompt line, elided, as plain text", "[ui][model]") {
    using rlthf::ui::PairTableModel;
    CHECK(PairTableModel::promptSummary(QStringLiteral("  one line  ")) == QStringLiteral("one line"));
    CHECK(PairTableModel::promptSummary(QStringLiteral("first\nsecond")) ==
          QStringLiteral("first \u2026"));
    CHECK(PairTableModel::promptSummary(QStringLiteral("a\tb")) == QStringLiteral("a b"));
    const QString longLine(300, QLatin1Char('x'));
    const QString summary = PairTableModel::promptSummary(longLine);
    CHECK(summary.size() == PairTableModel::PromptMaxChars);
    CHECK(summary.endsWith(QChar(0x2026)));

    TempDir tmp;
    auto project = rlthf::test::createProject(tmp.file("html.rlthf"));
    rlthf::test::insertPair(project.db(), 1, "<b>bold</b> & <i>it</i>", "a", "b");
    auto document = rlthf::test::openDocument(project.path());
    PairTableModel model(*document);
    model.fetchMore({});
    REQUIRE(model.rowCount() == 1);
    CHECK(cell(model, 0, PairTableModel::PromptColumn) == QStringLiteral("<b>bold</b> & <i>it</i>"));
}

TEST_CASE("PairTableModel reads a page by id range, never by scanning all pairs", "[ui][model]") {
    TempDir tmp;
    auto project = rlthf::test::createProject(tmp.file("big.rlthf"));
    auto& db = project.db();
    REQUIRE(db.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
        "INSERT INTO pairs(id, prompt, response_a, response_b, content_hash, shard, created_at) "
        "SELECT i, 'prompt ' || i, 'a', 'b', 'h' || i, i % 100, '2024-01-01T00:00:00.000Z' FROM n"));
    REQUIRE(db.execute(
        "WITH RECURSIVE n(i) AS (SELECT 7 UNION ALL SELECT i + 7 FROM n WHERE i < 19990) "
        "INSERT INTO label_events(pair_id, source, action, value, created_at) "
        "SELECT i, 'ai', 'label', 'a', '2024-01-01T00:00:00.000Z' FROM n"));
    REQUIRE(db.executeScript("ANALYZE"));

    // The cost of a page must not grow with the project: the plan may search pairs by
    // its primary key and label_events by index, but must not scan either table.
    auto plan = db.prepare(std::string("EXPLAIN QUERY PLAN ") + rlthf::document::pairPageSql(),
                           std::int64_t{5000}, std::int64_t{257});
    REQUIRE(plan);
    std::string steps;
    while (plan->step().value())
        steps += plan->text(3) + "\n";
    INFO(steps);
    // (visible_pairs is flattened into the query, so the plan names the table itself.)
    CHECK_THAT(steps, Catch::Contains("SEARCH pairs USING INTEGER PRIMARY KEY (rowid>?)"));
    CHECK_THAT(steps, !Catch::Contains("SCAN p") && !Catch::Contains("SCAN e") &&
                          !Catch::Contains("SCAN x") && !Catch::Contains("SCAN label_events") &&
                          !Catch::Contains("SCAN pairs"));

    auto document = rlthf::test::openDocument(project.path());
    PairTableModel model(*document);
    for (int page = 0; page < 20; ++page)
        model.fetchMore({});
    CHECK(model.rowCount() == 20 * 256);
    CHECK(model.canFetchMore({}));
    CHECK(model.data(model.index(6, PairTableModel::LabelColumn)).toString() == QStringLiteral("a"));
}
