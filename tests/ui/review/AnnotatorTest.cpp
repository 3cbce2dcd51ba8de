#include "ReviewTestSupport.h"

#include "loop/Review.h"
#include "ui/review/AnnotatorPrompt.h"
#include "loop/Agreement.h"

#include <QApplication>
#include <QInputDialog>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>

using rlthf::loop::Verdict;
using rlthf::test::EventReader;
namespace review = rlthf::ui::review;

namespace {

std::int64_t verdict(rlthf::store::Database& db, std::int64_t pair, Verdict v,
                     const std::string& who) {
    auto recorded = rlthf::loop::recordVerdict(db, {pair, v, who, std::nullopt});
    if (!recorded)
        FAIL("verdict failed: " << recorded.message());
    return recorded->eventId;
}

const rlthf::loop::AnnotatorCount* find(const rlthf::loop::Agreement& stats, const char* name) {
    for (const auto& count : stats.annotators)
        if (count.annotator == name)
            return &count;
    return nullptr;
}

// Answers the next input dialog: with `text`, or cancels it when text is null.
void answerDialog(const QString& text) {
    auto* timer = new QTimer;
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, [timer, text] {
        auto* dialog = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        timer->stop();
        timer->deleteLater();
        if (text.isNull()) {
            dialog->reject();
        } else {
            dialog->setTextValue(text);
            dialog->accept();
        }
    });
    timer->start();
}

} // namespace

TEST_CASE("Agreement counts verdicts, and a settlement is the lead's own event and the label",
          "[review][stats]") {
    QTemporaryDir dir;
    auto project = rlthf::test::createProject(dir.filePath(QStringLiteral("s.rlthf")).toStdString());
    auto& db = project.db();
    for (int id = 1; id <= 8; ++id)
        rlthf::test::insertPair(db, id, "p", "a" + std::to_string(id), "b" + std::to_string(id));

    verdict(db, 1, Verdict::A, "alice");
    verdict(db, 1, Verdict::A, "bob"); // agree
    verdict(db, 2, Verdict::A, "alice");
    verdict(db, 2, Verdict::B, "bob"); // disagree
    verdict(db, 3, Verdict::B, "alice");
    verdict(db, 3, Verdict::B, "bob");
    verdict(db, 3, Verdict::B, "carol"); // agree, three annotators
    verdict(db, 4, Verdict::A, "alice"); // alone
    verdict(db, 5, Verdict::A, "alice");
    const auto bobOn5 = verdict(db, 5, Verdict::B, "bob");
    REQUIRE(rlthf::loop::revokeEvent(db, bobOn5, "bob")); // revoked: alice alone
    verdict(db, 6, Verdict::B, "bob");
    verdict(db, 6, Verdict::A, "bob"); // bob changed his mind: his latest is A
    verdict(db, 6, Verdict::A, "alice"); // agree
    verdict(db, 7, Verdict::Skip, "carol"); // a skip is no verdict

    auto stats = rlthf::loop::annotatorAgreement(db);
    REQUIRE(stats);
    REQUIRE(stats->annotators.size() == 3);
    CHECK(stats->annotators[0].annotator == "alice");
    const auto* alice = find(*stats, "alice");
    const auto* bob = find(*stats, "bob");
    const auto* carol = find(*stats, "carol");
    REQUIRE(alice);
    REQUIRE(bob);
    REQUIRE(carol);
    CHECK(alice->verdicts == 6);
    CHECK(alice->a == 5);
    CHECK(alice->b == 1);
    CHECK(bob->verdicts == 5);
    CHECK(bob->a == 2);
    CHECK(bob->b == 3);
    CHECK(carol->verdicts == 1);
    CHECK(stats->sharedPairs == 4); // 1, 2, 3, 6
    CHECK(stats->agreeingPairs == 3);
    REQUIRE(stats->agreement);
    CHECK(*stats->agreement == Approx(0.75));
    CHECK(stats->disagreeingPairs == std::vector<std::int64_t>{2});
    CHECK(stats->unsettledPairs == std::vector<std::int64_t>{2});

    // The lead settles pair 2.
    CHECK_FALSE(rlthf::loop::settle(db, 2, 'x', "lead"));
    CHECK_FALSE(rlthf::loop::settle(db, 2, 'b', "")); // a settlement needs the lead's name
    auto settled = rlthf::loop::settle(db, 2, 'b', "Lead Sato");
    REQUIRE(settled);
    CHECK(settled->value == std::optional<char>('b'));
    EventReader file(project.path());
    CHECK(file.currentLabel(2) == std::optional<std::string>("b"));
    const auto rows = file.after(settled->eventId - 1);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].source == "settled");
    CHECK(rows[0].annotator == std::optional<std::string>("Lead Sato"));
    CHECK_FALSE(rows[0].comment.has_value());

    stats = rlthf::loop::annotatorAgreement(db);
    REQUIRE(stats);
    CHECK(stats->disagreeingPairs == std::vector<std::int64_t>{2}); // experts still disagreed
    CHECK(stats->unsettledPairs.empty());
    CHECK(stats->settlementDisputes.empty());
    CHECK(stats->sharedPairs == 4);
    const auto* lead = find(*stats, "Lead Sato");
    REQUIRE(lead);
    CHECK(lead->verdicts == 1);
    CHECK(lead->settled == 1);

    // A later expert verdict is kept, but the settlement stays the label; the verdict is
    // listed as disagreeing with it.
    verdict(db, 2, Verdict::A, "carol");
    verdict(db, 2, Verdict::B, "dan"); // agrees with the settlement: not listed
    CHECK(file.currentLabel(2) == std::optional<std::string>("b"));
    stats = rlthf::loop::annotatorAgreement(db);
    REQUIRE(stats);
    CHECK(stats->unsettledPairs.empty());
    REQUIRE(stats->settlementDisputes.size() == 1);
    CHECK(stats->settlementDisputes[0].pairId == 2);
    CHECK(stats->settlementDisputes[0].settled == 'b');
    CHECK(stats->settlementDisputes[0].annotator == "carol");
    CHECK(stats->settlementDisputes[0].verdict == 'a');

    // A later settlement replaces the first; carol now agrees with it.
    REQUIRE(rlthf::loop::settle(db, 2, 'a', "Lead Sato"));
    CHECK(file.currentLabel(2) == std::optional<std::string>("a"));
    stats = rlthf::loop::annotatorAgreement(db);
    REQUIRE(stats);
    CHECK(stats->settlementDisputes.empty()); // dan's verdict came before this settlement

    SECTION("an empty project has no agreement figure") {
        QTemporaryDir other;
        auto empty = rlthf::test::createProject(other.filePath(QStringLiteral("e.rlthf")).toStdString());
        auto none = rlthf::loop::annotatorAgreement(empty.db());
        REQUIRE(none);
        CHECK(none->annotators.empty());
        CHECK(none->sharedPairs == 0);
        CHECK_FALSE(none->agreement);
    }
}

TEST_CASE("Annotator name from settings, asked once", "[review][annotator]") {
    review::setAnnotatorName(QString());
    CHECK(review::annotatorName(nullptr, false).isEmpty());

    review::setAnnotatorName(QStringLiteral("  Kenji  "));
    CHECK(review::annotatorName(nullptr, false) == QStringLiteral("Kenji"));
    CHECK(QSettings().value(QStringLiteral("review/annotator")).toString() ==
          QStringLiteral("Kenji"));
    // Stored: no dialog even when asking is allowed.
    CHECK(review::annotatorName(nullptr, true) == QStringLiteral("Kenji"));

    review::setAnnotatorName(QString());
    answerDialog(QString()); // cancelled
    CHECK(review::annotatorName(nullptr, true).isEmpty());
    CHECK_FALSE(QSettings().contains(QStringLiteral("review/annotator")));

    answerDialog(QStringLiteral(" Aiko "));
    CHECK(review::annotatorName(nullptr, true) == QStringLiteral("Aiko"));
    CHECK(review::annotatorName(nullptr, false) == QStringLiteral("Aiko"));
    review::setAnnotatorName(QString());
}
