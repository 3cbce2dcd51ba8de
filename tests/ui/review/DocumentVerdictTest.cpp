// The project document's verdict writes: each is durable before the undo stack moves;
// undo appends a revoke, redo a new equal verdict; a failed write leaves the stack alone.

#include "ReviewTestSupport.h"
#include "document/VerdictCommand.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>

using rlthf::document::ProjectDocument;
using rlthf::document::VerdictCommand;
using rlthf::document::WriteOutcome;
using rlthf::loop::Verdict;
using rlthf::test::EventReader;

namespace {

struct DocumentFixture {
    QTemporaryDir dir;
    rlthf::store::Project project =
        rlthf::test::createProject(dir.filePath(QStringLiteral("cmd.rlthf")).toStdString());
    std::unique_ptr<ProjectDocument> document;
    DocumentFixture() {
        REQUIRE(dir.isValid());
        rlthf::test::fillStandardPairs(project.db(), 10); // pair 3, 6, 9: AI label 'a'
        document = rlthf::test::openDocument(project.path());
    }

    rlthf::loop::VerdictRequest request(qint64 pair, Verdict verdict, std::string comment = {}) {
        rlthf::loop::VerdictRequest r;
        r.pairId = pair;
        r.verdict = verdict;
        r.annotator = "Aiko";
        if (!comment.empty())
            r.comment = comment;
        return r;
    }

    // Runs one write and returns what the document reported for it.
    WriteOutcome written(quint64 ticket) {
        REQUIRE(ticket != 0);
        QSignalSpy spy(document.get(), &ProjectDocument::verdictWritten);
        REQUIRE(document->isWriting());
        REQUIRE(spy.wait(10000));
        REQUIRE(spy.at(0).at(0).value<quint64>() == ticket);
        return spy.at(0).at(3).value<WriteOutcome>();
    }

    const VerdictCommand* top() const {
        QUndoStack* stack = document->undoStack();
        return static_cast<const VerdictCommand*>(stack->command(stack->count() - 1));
    }
};

} // namespace

TEST_CASE("ProjectDocument appends a verdict, revokes it on undo, appends it again on redo",
          "[review][document]") {
    DocumentFixture fx;
    EventReader file(fx.project.path());
    const auto start = file.maxId();
    const auto countBefore = file.count();
    QUndoStack* stack = fx.document->undoStack();

    auto outcome = fx.written(fx.document->record(fx.request(2, Verdict::B, "dims checked")));
    REQUIRE(outcome.ok());
    REQUIRE(stack->count() == 1);
    const VerdictCommand* command = fx.top();
    CHECK(command->text() == QStringLiteral("Pair 2: B better"));
    REQUIRE(command->eventId());
    CHECK(command->value() == std::optional<char>('b'));
    CHECK(command->timesApplied() == 1);
    auto rows = file.after(start);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].id == *command->eventId());
    CHECK(rows[0].value == std::optional<std::string>("b"));
    CHECK(rows[0].comment == std::optional<std::string>("dims checked"));
    CHECK(rows[0].annotator == std::optional<std::string>("Aiko"));

    // One write at a time: a second request while the first is in flight is refused.
    const quint64 undoTicket = fx.document->undo();
    CHECK(fx.document->redo() == 0);
    CHECK(fx.document->record(fx.request(4, Verdict::A)) == 0);
    CHECK(stack->index() == 1); // the stack moves only once the revoke is durable
    outcome = fx.written(undoTicket);
    REQUIRE(outcome.ok());
    CHECK(stack->index() == 0);
    rows = file.after(start);
    REQUIRE(rows.size() == 2);
    CHECK(rows[1].action == "revoke");
    CHECK(rows[1].revokes == std::optional<std::int64_t>(rows[0].id));
    CHECK(command->revokeEventId() == std::optional<qint64>(rows[1].id));
    CHECK_FALSE(command->eventId());

    outcome = fx.written(fx.document->redo());
    REQUIRE(outcome.ok());
    CHECK(stack->index() == 1);
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
    CHECK(fx.document->redo() == 0); // nothing left to redo
}

TEST_CASE("ProjectDocument: a verdict refused while another is in flight leaves that one alone",
          "[review][document]") {
    DocumentFixture fx;
    const quint64 first = fx.document->record(fx.request(2, Verdict::B, "first"));
    // A second part of the window (a settlement, say) asks while the first is on its way.
    CHECK(fx.document->record(fx.request(4, Verdict::A, "second")) == 0);
    REQUIRE(fx.written(first).ok());
    REQUIRE(fx.document->undoStack()->count() == 1);
    CHECK(fx.top()->pairId() == 2);
    CHECK(fx.top()->verdict() == Verdict::B);
    CHECK(fx.top()->comment() == QStringLiteral("first"));
}

TEST_CASE("ProjectDocument resolves confirm and flip against the AI label once",
          "[review][document]") {
    DocumentFixture fx;
    REQUIRE(fx.written(fx.document->record(fx.request(3, Verdict::Confirm))).ok());
    CHECK(fx.top()->value() == std::optional<char>('a'));
    CHECK(fx.top()->text() == QStringLiteral("Pair 3: AI confirmed (A)"));
    REQUIRE(fx.written(fx.document->record(fx.request(6, Verdict::Flip))).ok());
    CHECK(fx.top()->value() == std::optional<char>('b'));
    CHECK(fx.top()->text() == QStringLiteral("Pair 6: AI flipped (B)"));
    // The AI label changes meanwhile; undo then redo appends the value first resolved.
    rlthf::test::insertLabel(fx.project.db(), 6, "ai", "b");
    REQUIRE(fx.written(fx.document->undo()).ok());
    REQUIRE(fx.written(fx.document->redo()).ok());
    EventReader file(fx.project.path());
    CHECK(file.currentLabel(6) == std::optional<std::string>("b"));
    CHECK(fx.document->undoStack()->count() == 2);
}

TEST_CASE("ProjectDocument: a failed write adds nothing to the file or the stack",
          "[review][document]") {
    DocumentFixture fx;
    EventReader file(fx.project.path());
    const auto before = file.count();
    rlthf::loop::VerdictRequest request;
    SECTION("a pair that does not exist") {
        request = fx.request(424242, Verdict::A);
    }
    SECTION("confirm without any label") {
        rlthf::test::insertPair(fx.project.db(), 77, "p", "a", "b");
        request = fx.request(77, Verdict::Confirm);
    }
    SECTION("no annotator") {
        request = fx.request(2, Verdict::A);
        request.annotator.clear();
    }
    const auto outcome = fx.written(fx.document->record(request));
    CHECK_FALSE(outcome.ok());
    CHECK_FALSE(outcome.recorded);
    CHECK(fx.document->undoStack()->count() == 0);
    CHECK_FALSE(fx.document->isWriting());
    CHECK(file.count() == before);
}
