#include "ReviewTestSupport.h"

#include "ui/review/VerdictCommand.h"

#include <QTemporaryDir>
#include <QUndoStack>

using rlthf::loop::Verdict;
using rlthf::test::EventReader;
using rlthf::ui::review::VerdictCommand;

namespace {

struct CommandFixture {
    QTemporaryDir dir;
    rlthf::store::Project project =
        rlthf::test::createProject(dir.filePath(QStringLiteral("cmd.rlthf")).toStdString());
    CommandFixture() {
        REQUIRE(dir.isValid());
        rlthf::test::fillStandardPairs(project.db(), 10); // pair 3, 6, 9: AI label 'a'
    }
};

} // namespace

TEST_CASE("VerdictCommand appends on redo and revokes on undo", "[review][command]") {
    CommandFixture fx;
    EventReader file(fx.project.path());
    const auto start = file.maxId();
    const auto countBefore = file.count();

    QUndoStack stack;
    auto* command = new VerdictCommand(fx.project.db(), QStringLiteral("Aiko"), 2, Verdict::B,
                                       QStringLiteral("dims checked"));
    CHECK(command->text() == QStringLiteral("Pair 2: B better"));
    std::vector<std::pair<VerdictCommand::Step, bool>> steps;
    command->setObserver([&](const VerdictCommand& cmd, VerdictCommand::Step step) {
        steps.emplace_back(step, cmd.failed());
    });
    stack.push(command);
    REQUIRE(stack.count() == 1);
    CHECK_FALSE(command->failed());
    CHECK_FALSE(command->isObsolete());
    REQUIRE(command->eventId());
    CHECK(command->value() == std::optional<char>('b'));
    CHECK(command->timesApplied() == 1);
    auto rows = file.after(start);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].id == *command->eventId());
    CHECK(rows[0].value == std::optional<std::string>("b"));
    CHECK(rows[0].comment == std::optional<std::string>("dims checked"));
    CHECK(rows[0].annotator == std::optional<std::string>("Aiko"));

    stack.undo();
    rows = file.after(start);
    REQUIRE(rows.size() == 2);
    CHECK(rows[1].action == "revoke");
    CHECK(rows[1].revokes == std::optional<std::int64_t>(rows[0].id));
    CHECK(command->revokeEventId() == std::optional<qint64>(rows[1].id));
    CHECK_FALSE(command->eventId());

    stack.redo();
    rows = file.after(start);
    REQUIRE(rows.size() == 3);
    CHECK(rows[2].action == "label");
    CHECK(rows[2].value == rows[0].value);
    CHECK(rows[2].comment == rows[0].comment);
    CHECK(rows[2].id != rows[0].id);
    CHECK(command->eventId() == std::optional<qint64>(rows[2].id));
    CHECK(command->timesApplied() == 2);
    CHECK(file.count() == countBefore + 3);
    CHECK(file.currentLabel(2) == std::optional<std::string>("b"));

    REQUIRE(steps.size() == 3);
    CHECK(steps[0] == std::make_pair(VerdictCommand::Step::Redo, false));
    CHECK(steps[1] == std::make_pair(VerdictCommand::Step::Undo, false));
    CHECK(steps[2] == std::make_pair(VerdictCommand::Step::Redo, false));
}

TEST_CASE("VerdictCommand resolves confirm and flip against the AI label", "[review][command]") {
    CommandFixture fx;
    QUndoStack stack;
    auto* confirm = new VerdictCommand(fx.project.db(), QStringLiteral("Aiko"), 3, Verdict::Confirm);
    stack.push(confirm);
    CHECK(confirm->value() == std::optional<char>('a'));
    CHECK(confirm->text() == QStringLiteral("Pair 3: AI confirmed (A)"));
    auto* flip = new VerdictCommand(fx.project.db(), QStringLiteral("Aiko"), 6, Verdict::Flip);
    stack.push(flip);
    CHECK(flip->value() == std::optional<char>('b'));
    CHECK(flip->text() == QStringLiteral("Pair 6: AI flipped (B)"));
    // Undo then redo appends the same resolved value again.
    stack.undo();
    stack.redo();
    EventReader file(fx.project.path());
    CHECK(file.currentLabel(6) == std::optional<std::string>("b"));
    CHECK(stack.count() == 2);
}

TEST_CASE("VerdictCommand failure: recorded, obsolete, no event", "[review][command]") {
    CommandFixture fx;
    EventReader file(fx.project.path());
    const auto before = file.count();

    SECTION("a pair that does not exist, outside a stack") {
        VerdictCommand command(fx.project.db(), QStringLiteral("Aiko"), 424242, Verdict::A);
        command.redo();
        CHECK(command.failed());
        CHECK(command.isObsolete());
        CHECK(command.error().contains(QStringLiteral("424242")));
        CHECK_FALSE(command.eventId());
        CHECK(file.count() == before);
    }
    SECTION("pushed on a stack: dropped, observer told") {
        QUndoStack stack;
        auto* command = new VerdictCommand(fx.project.db(), QStringLiteral("Aiko"), 424242,
                                           Verdict::B);
        bool failed = false;
        QString error;
        command->setObserver([&](const VerdictCommand& cmd, VerdictCommand::Step) {
            failed = cmd.failed();
            error = cmd.error();
        });
        stack.push(command); // deleted by the stack: obsolete after redo()
        CHECK(failed);
        CHECK_FALSE(error.isEmpty());
        CHECK(stack.count() == 0);
        CHECK_FALSE(stack.canUndo());
        CHECK(file.count() == before);
    }
    SECTION("confirm without any label") {
        fx.project.db().execute(
            "INSERT INTO pairs(id, prompt, response_a, response_b, content_hash, shard, "
            "created_at) VALUES (77, 'p', 'a', 'b', 'h77', 0, '2024-01-01T00:00:00.000Z')").ok();
        VerdictCommand command(fx.project.db(), QStringLiteral("Aiko"), 77, Verdict::Confirm);
        command.redo();
        CHECK(command.failed());
        CHECK(command.isObsolete());
        CHECK(file.count() == before);
    }
    SECTION("no annotator") {
        VerdictCommand command(fx.project.db(), QString(), 2, Verdict::A);
        command.redo();
        CHECK(command.failed());
        CHECK(file.count() == before);
    }
}
