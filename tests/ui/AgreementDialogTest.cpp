// The lead's agreement dialog: its settle buttons work only on a chosen disputed pair, signed
// with the lead's name, one settlement at a time.

#include "ui/AgreementDialog.h"

#include "UiFixtures.h"
#include "loop/Review.h"

#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

using rlthf::loop::Verdict;
using rlthf::ui::AgreementDialog;

namespace {

// Pair 2 disputed (alice A, bob B), pair 1 agreed on.
struct DisputedProject {
    QTemporaryDir dir;
    rlthf::store::Project project =
        rlthf::test::createProject(dir.filePath(QStringLiteral("a.rlthf")).toStdString());
    std::unique_ptr<rlthf::document::ProjectDocument> document;

    DisputedProject() {
        auto& db = project.db();
        for (int id = 1; id <= 3; ++id)
            rlthf::test::insertPair(db, id, "p", "a" + std::to_string(id),
                                    "b" + std::to_string(id));
        for (auto [pair, verdict, who] :
             {std::tuple{1, Verdict::A, "alice"}, std::tuple{1, Verdict::A, "bob"},
              std::tuple{2, Verdict::A, "alice"}, std::tuple{2, Verdict::B, "bob"}})
            REQUIRE(rlthf::loop::recordVerdict(db, {pair, verdict, who, std::nullopt}));
        document = rlthf::test::openDocument(project.path());
    }
};

} // namespace

TEST_CASE("The agreement dialog settles only a chosen disputed pair, signed by the lead",
          "[ui][agreement]") {
    DisputedProject fx;
    AgreementDialog dialog(*fx.document, QStringLiteral("Lead Sato"));
    REQUIRE(dialog.disputedList()->count() == 1);
    // Found by trying the dialog: both buttons were on with no pair chosen, and a click did
    // nothing, silently.
    CHECK_FALSE(dialog.settleButton('a')->isEnabled());
    CHECK_FALSE(dialog.settleButton('b')->isEnabled());
    CHECK(dialog.settleHint() == QStringLiteral("Choose a pair above to settle it."));
    CHECK_FALSE(dialog.settleSelected('b'));

    dialog.disputedList()->setCurrentRow(0);
    CHECK(dialog.settleButton('a')->isEnabled());
    CHECK(dialog.settleButton('b')->isEnabled());
    CHECK(dialog.settleHint().isEmpty());

    QSignalSpy settled(&dialog, &AgreementDialog::settled);
    dialog.settleButton('b')->click();
    // While it is written, a second settlement cannot start.
    CHECK_FALSE(dialog.settleButton('a')->isEnabled());
    CHECK_FALSE(dialog.settleSelected('a'));
    REQUIRE(settled.wait(10000));
    CHECK(settled.front().at(0).toLongLong() == 2);
    CHECK(dialog.disputedList()->count() == 0); // settled: no longer open
    CHECK_FALSE(dialog.settleButton('b')->isEnabled());

    auto label = fx.project.db().firstRow(
        "SELECT value, source, annotator FROM current_labels WHERE pair_id = 2");
    REQUIRE(label);
    REQUIRE(*label);
    CHECK((*label)->text(0) == "b");
    CHECK((*label)->text(1) == "settled");
    CHECK((*label)->text(2) == "Lead Sato");
}

TEST_CASE("The agreement dialog of a lead without a name says settling needs one",
          "[ui][agreement]") {
    DisputedProject fx;
    AgreementDialog dialog(*fx.document, QStringLiteral("  "));
    dialog.disputedList()->setCurrentRow(0);
    CHECK_FALSE(dialog.settleButton('a')->isEnabled());
    CHECK_FALSE(dialog.settleButton('b')->isEnabled());
    CHECK(dialog.settleHint().startsWith(QStringLiteral("Settling needs your name")));
    CHECK_FALSE(dialog.settleSelected('a'));
    auto settlements =
        fx.project.db().scalar("SELECT count(*) FROM label_events WHERE source = 'settled'");
    REQUIRE(settlements);
    CHECK(settlements->value_or(-1) == 0);
}
