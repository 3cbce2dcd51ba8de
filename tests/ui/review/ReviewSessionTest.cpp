// A keyboard-only review session of 20 items on a temporary factory project: every
// key is checked against the label_events rows in the project file.

#include "ui/review/ReviewSession.h"

#include "ReviewTestSupport.h"
#include "ui/review/ReviewPanel.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using rlthf::test::EventReader;
using rlthf::test::EventRow;
using rlthf::ui::review::ReviewPanel;
using rlthf::ui::review::ReviewSession;

namespace {

std::string other(const std::string& side) {
    return side == "a" ? "b" : "a";
}

struct SessionFixture {
    QTemporaryDir dir;
    rlthf::store::Project project;
    std::vector<qint64> queue;
    std::unique_ptr<rlthf::document::ProjectDocument> document;
    QUndoStack& stack;
    ReviewPanel panel;
    ReviewSession session;

    SessionFixture()
        : project(rlthf::test::createFactoryProject(dir, 60)),
          queue(rlthf::test::pairIds(project.db(), 20)),
          document(rlthf::test::openDocument(project.path())), stack(*document->undoStack()),
          session(*document, &panel) {
        REQUIRE(queue.size() == 20);
        session.setAnnotator(QStringLiteral("Kenji"));
    }

    void showAndFocus() {
        panel.resize(1000, 700);
        panel.show();
        REQUIRE(QTest::qWaitForWindowActive(&panel));
        panel.setFocus();
        REQUIRE(QApplication::focusWidget() == &panel);
    }
};

} // namespace

TEST_CASE("Keyboard-only review session of 20 items", "[review][session]") {
    SessionFixture fx;
    auto& panel = fx.panel;
    auto& session = fx.session;
    const auto& q = fx.queue;
    EventReader file(fx.project.path());

    // The item in front of the expert, and what the file held when it changed.
    std::vector<std::pair<qint64, std::int64_t>> changes; // (pair, events in file)
    QObject::connect(&session, &ReviewSession::currentChanged,
                     [&](qint64 id) { changes.emplace_back(id, file.count()); });
    QSignalSpy committed(&session, &ReviewSession::verdictCommitted);
    QSignalSpy finished(&session, &ReviewSession::queueFinished);
    QSignalSpy errors(&session, &ReviewSession::error);

    fx.session.setQueue(q);
    REQUIRE(session.current() == q[0]);
    REQUIRE(panel.pairId() == q[0]);
    fx.showAndFocus();

    // Blind by default: no margin, no AI choice.
    CHECK(panel.blindMode());
    CHECK(panel.modelInfoLabel()->isHidden());

    std::int64_t seen = file.maxId();
    std::int64_t total = file.count();
    // Presses a key on the panel and returns the events it appended to the file.
    auto press = [&](Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
        QTest::keyClick(&panel, key, modifiers);
        rlthf::test::waitForWrites(*fx.document);
        auto rows = file.after(seen);
        if (!rows.empty())
            seen = rows.back().id;
        const auto now = file.count();
        CHECK(now == total + static_cast<std::int64_t>(rows.size())); // nothing deleted
        total = now;
        return rows;
    };
    auto checkVerdict = [&](const EventRow& e, qint64 pair, const std::string& value,
                            const std::optional<std::string>& previous,
                            const std::optional<std::string>& comment = std::nullopt) {
        CHECK(e.pairId == pair);
        CHECK(e.source == "human");
        CHECK(e.action == "label");
        CHECK(e.value == std::optional<std::string>(value));
        CHECK(e.annotator == std::optional<std::string>("Kenji"));
        CHECK(e.comment == comment);
        CHECK(e.previous == previous);
        CHECK_FALSE(e.revokes);
    };
    // Before a verdict the pair's label is the AI label (factory pairs carry one).
    auto ai = [&](qint64 pair) {
        auto value = file.aiLabel(pair);
        REQUIRE(value);
        return *value;
    };
    // The panel moved to `next` only after the verdict on `pair` was in the file.
    auto checkMovedAfterCommit = [&](qint64 next, std::int64_t eventsAfterCommit) {
        REQUIRE_FALSE(changes.empty());
        CHECK(changes.back().first == next);
        CHECK(changes.back().second == eventsAfterCommit);
        CHECK(session.current() == next);
        CHECK(panel.pairId() == next);
    };

    QSignalSpy notices(&session, &ReviewSession::notice);
    // 1 -> A
    auto rows = press(Qt::Key_1);
    REQUIRE(notices.count() == 1);
    CHECK(notices.last().at(0).toString() ==
          QStringLiteral("Pair %1: A better (undo with Ctrl+Z)").arg(q[0]));
    REQUIRE(rows.size() == 1);
    checkVerdict(rows[0], q[0], "a", ai(q[0]));
    checkMovedAfterCommit(q[1], total);
    CHECK(committed.count() == 1);
    CHECK(committed.last().at(0).toLongLong() == q[0]);

    // 2 -> B
    rows = press(Qt::Key_2);
    REQUIRE(rows.size() == 1);
    checkVerdict(rows[0], q[1], "b", ai(q[1]));
    checkMovedAfterCommit(q[2], total);

    // Left -> A, Right -> B
    rows = press(Qt::Key_Left);
    REQUIRE(rows.size() == 1);
    checkVerdict(rows[0], q[2], "a", ai(q[2]));
    checkMovedAfterCommit(q[3], total);
    rows = press(Qt::Key_Right);
    REQUIRE(rows.size() == 1);
    checkVerdict(rows[0], q[3], "b", ai(q[3]));
    checkMovedAfterCommit(q[4], total);

    // Blind mode (the default): Enter and F would confirm or flip a choice the expert
    // cannot see, so they record nothing, and the panel says why.
    CHECK(press(Qt::Key_Return).empty());
    CHECK(press(Qt::Key_F).empty());
    CHECK(session.current() == q[4]);
    CHECK(panel.statusMessage().contains(QStringLiteral("The AI's choice is hidden")));
    panel.setBlindMode(false);

    // Enter -> confirm the AI label (recorded relative to the AI label)
    rows = press(Qt::Key_Return);
    REQUIRE(rows.size() == 1);
    checkVerdict(rows[0], q[4], ai(q[4]), ai(q[4]));
    checkMovedAfterCommit(q[5], total);

    // F -> flip the AI label
    rows = press(Qt::Key_F);
    REQUIRE(rows.size() == 1);
    checkVerdict(rows[0], q[5], other(ai(q[5])), ai(q[5]));
    checkMovedAfterCommit(q[6], total);
    panel.setBlindMode(true);

    // S -> skip: a 'skip' event without a value
    rows = press(Qt::Key_S);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].pairId == q[6]);
    CHECK(rows[0].source == "human");
    CHECK(rows[0].action == "skip");
    CHECK_FALSE(rows[0].value);
    CHECK(rows[0].annotator == std::optional<std::string>("Kenji"));
    const auto skipEvent = rows[0].id;
    checkMovedAfterCommit(q[7], total);

    // C, then a comment typed into the focused field: no events, no moving on.
    rows = press(Qt::Key_C);
    CHECK(rows.empty());
    REQUIRE(QApplication::focusWidget() == panel.commentEdit());
    const QString comment = QStringLiteral("burr on edge 2, see F/S sheet");
    // Typed on the panel: with the comment field focused, 1/2/F/S/arrows type into it.
    QTest::keyClicks(&panel, comment);
    CHECK(file.count() == total);
    CHECK(session.current() == q[7]);
    CHECK(panel.comment() == comment);
    for (Qt::Key key : {Qt::Key_Left, Qt::Key_Right, Qt::Key_1, Qt::Key_BracketRight})
        CHECK(press(key).empty());
    CHECK(panel.comment() == comment + QStringLiteral("1]"));
    QTest::keyClick(&panel, Qt::Key_Backspace);
    QTest::keyClick(&panel, Qt::Key_Backspace);
    CHECK(panel.comment() == comment);
    CHECK(QApplication::focusWidget() == panel.commentEdit());
    rows = press(Qt::Key_Return); // back to the panel, no verdict
    CHECK(rows.empty());
    REQUIRE(QApplication::focusWidget() == &panel);
    CHECK(file.count() == total);
    CHECK(session.current() == q[7]);

    rows = press(Qt::Key_2);
    REQUIRE(rows.size() == 1);
    checkVerdict(rows[0], q[7], "b", ai(q[7]), comment.toStdString());
    const auto commentedEvent = rows[0].id;
    checkMovedAfterCommit(q[8], total);
    CHECK(panel.comment().isEmpty());

    // Ctrl+Z: a revoke event for it, and back to the undone item.
    rows = press(Qt::Key_Z, Qt::ControlModifier);
    CHECK(notices.last().at(0).toString() ==
          QStringLiteral("Undone: Pair %1: B better (redo with Ctrl+Shift+Z)").arg(q[7]));
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].pairId == q[7]);
    CHECK(rows[0].action == "revoke");
    CHECK(rows[0].source == "human");
    CHECK(rows[0].revokes == std::optional<std::int64_t>(commentedEvent));
    CHECK(rows[0].annotator == std::optional<std::string>("Kenji"));
    CHECK(rows[0].previous == std::optional<std::string>("b"));
    checkMovedAfterCommit(q[7], total);
    CHECK(file.currentLabel(q[7]) == std::optional<std::string>(ai(q[7])));

    // Ctrl+Shift+Z: a NEW equal verdict event, and on to the next item.
    rows = press(Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    REQUIRE(rows.size() == 1);
    checkVerdict(rows[0], q[7], "b", ai(q[7]), comment.toStdString());
    CHECK(rows[0].id > commentedEvent);
    const auto redoneEvent = rows[0].id;
    checkMovedAfterCommit(q[8], total);
    CHECK(file.currentLabel(q[7]) == std::optional<std::string>("b"));

    // Two undos: q[7]'s redone verdict, then q[6]'s skip.
    rows = press(Qt::Key_Z, Qt::ControlModifier);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].revokes == std::optional<std::int64_t>(redoneEvent));
    checkMovedAfterCommit(q[7], total);
    rows = press(Qt::Key_Z, Qt::ControlModifier);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].pairId == q[6]);
    CHECK(rows[0].action == "revoke");
    CHECK(rows[0].revokes == std::optional<std::int64_t>(skipEvent));
    checkMovedAfterCommit(q[6], total);

    // A new verdict on q[6] drops the redo branch; q[7] (undone) comes next.
    rows = press(Qt::Key_1);
    REQUIRE(rows.size() == 1);
    checkVerdict(rows[0], q[6], "a", ai(q[6]));
    checkMovedAfterCommit(q[7], total);
    CHECK_FALSE(fx.stack.canRedo());
    rows = press(Qt::Key_Left);
    REQUIRE(rows.size() == 1);
    checkVerdict(rows[0], q[7], "a", ai(q[7]));
    checkMovedAfterCommit(q[8], total);

    // Items 8..18 with a rotation of keys, the AI's choice shown.
    panel.setBlindMode(false);
    const Qt::Key keys[] = {Qt::Key_1, Qt::Key_2, Qt::Key_Return, Qt::Key_F, Qt::Key_Right};
    for (std::size_t i = 8; i < 19; ++i) {
        const Qt::Key key = keys[i % std::size(keys)];
        rows = press(key);
        REQUIRE(rows.size() == 1);
        std::string expected;
        switch (key) {
        case Qt::Key_1:
            expected = "a";
            break;
        case Qt::Key_2:
        case Qt::Key_Right:
            expected = "b";
            break;
        case Qt::Key_Return:
            expected = ai(q[i]);
            break;
        default:
            expected = other(ai(q[i]));
            break;
        }
        checkVerdict(rows[0], q[i], expected, ai(q[i]));
        checkMovedAfterCommit(q[i + 1], total);
    }

    panel.setBlindMode(true);

    // The last item: switching blind mode off shows the AI's choice.
    CHECK(panel.modelInfoLabel()->isHidden());
    panel.setBlindMode(false);
    CHECK(panel.modelInfoLabel()->isVisibleTo(&panel));
    CHECK(panel.modelInfoLabel()->text().contains(
        QStringLiteral("AI prefers %1").arg(QString::fromStdString(ai(q[19])).toUpper())));
    panel.setBlindMode(true);
    CHECK(panel.modelInfoLabel()->isHidden());

    CHECK(finished.count() == 0);
    rows = press(Qt::Key_2);
    REQUIRE(rows.size() == 1);
    checkVerdict(rows[0], q[19], "b", ai(q[19]));
    CHECK(finished.count() == 1);
    CHECK(session.current() == -1);
    CHECK(panel.pairId() == -1);
    CHECK(changes.back().first == -1);
    CHECK(errors.count() == 0);

    // Keys on a finished queue write nothing; undo still brings the last item back.
    rows = press(Qt::Key_1);
    CHECK(rows.empty());
    rows = press(Qt::Key_Z, Qt::ControlModifier);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].action == "revoke");
    CHECK(rows[0].pairId == q[19]);
    CHECK(session.current() == q[19]);
    CHECK(panel.pairId() == q[19]);

    // Every verdict of the session is still in the file: nothing was deleted.
    auto all = file.after(0);
    CHECK(std::count_if(all.begin(), all.end(),
                        [](const EventRow& e) { return e.source == "human"; }) == 27);
    CHECK(std::count_if(all.begin(), all.end(),
                        [](const EventRow& e) { return e.action == "revoke"; }) == 4);
}

TEST_CASE("ReviewSession keeps the shown item when the queue is refreshed", "[review][session]") {
    SessionFixture fx;
    const auto& q = fx.queue;
    QSignalSpy changed(&fx.session, &ReviewSession::currentChanged);
    fx.session.setQueue({q[0], q[1], q[2]});
    CHECK(fx.session.current() == q[0]);
    CHECK(changed.count() == 1);
    fx.panel.setComment(QStringLiteral("half typed"));

    // Still in the new list (at another place): it stays, with its comment.
    fx.session.setQueue({q[5], q[0], q[6]});
    CHECK(fx.session.current() == q[0]);
    CHECK(fx.session.currentIndex() == 1);
    CHECK(fx.panel.pairId() == q[0]);
    CHECK(fx.panel.comment() == QStringLiteral("half typed"));
    CHECK(changed.count() == 1);

    // Gone from the new list (a retrain picked another batch): it stays on screen,
    // unanswered, ahead of the new list, and the window says what changed.
    QSignalSpy refreshed(&fx.session, &ReviewSession::queueRefreshed);
    fx.session.setQueue({q[8], q[9]});
    CHECK(fx.session.current() == q[0]);
    CHECK(fx.panel.pairId() == q[0]);
    CHECK(fx.panel.comment() == QStringLiteral("half typed"));
    CHECK(changed.count() == 1);
    REQUIRE(refreshed.count() == 1); // q[5] and q[6] were ahead and left
    CHECK_THAT(refreshed.at(0).at(0).toString().toStdString(),
               Catch::Contains("2 pairs you had not reached left the batch"));

    // The next key lands on the pair on screen, then the new list follows.
    fx.showAndFocus();
    EventReader file(fx.project.path());
    QTest::keyClick(&fx.panel, Qt::Key_2);
    rlthf::test::waitForWrites(*fx.document);
    const auto rows = file.after(0);
    REQUIRE_FALSE(rows.empty());
    CHECK(rows.back().pairId == q[0]);
    CHECK(rows.back().value == std::optional<std::string>("b"));
    CHECK(fx.session.current() == q[8]);

    // An empty new list: the pair on screen still stays until it is answered.
    fx.session.setQueue({});
    CHECK(fx.session.current() == q[8]);
    QTest::keyClick(&fx.panel, Qt::Key_S);
    rlthf::test::waitForWrites(*fx.document);
    CHECK(fx.session.current() == -1);
    CHECK(fx.panel.pairId() == -1);
}

TEST_CASE("ReviewSession stays on the item when the verdict cannot be recorded",
          "[review][session]") {
    SessionFixture fx;
    const auto& q = fx.queue;
    EventReader file(fx.project.path());
    const auto before = file.count();

    SECTION("no annotator name") {
        fx.session.setAnnotator(QString());
        fx.session.setQueue(q);
        QSignalSpy errors(&fx.session, &ReviewSession::error);
        fx.showAndFocus();
        QTest::keyClick(&fx.panel, Qt::Key_1);
        CHECK(errors.count() == 1);
        CHECK(fx.session.current() == q[0]);
        CHECK(fx.panel.pairId() == q[0]);
        CHECK(file.count() == before);
        CHECK_FALSE(fx.panel.statusMessage().isEmpty());
    }

    SECTION("the database refuses the write") {
        // A trigger in the file refuses every new label event, whoever writes it.
        REQUIRE(fx.project.db().executeScript(
            "CREATE TRIGGER refuse_events BEFORE INSERT ON label_events "
            "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"));
        fx.session.setQueue(q);
        QSignalSpy errors(&fx.session, &ReviewSession::error);
        QSignalSpy committed(&fx.session, &ReviewSession::verdictCommitted);
        fx.showAndFocus();
        QTest::keyClick(&fx.panel, Qt::Key_2);
        rlthf::test::waitForWrites(*fx.document);
        REQUIRE(errors.count() == 1);
        CHECK_THAT(errors.at(0).at(0).toString().toStdString(),
                   Catch::Contains("refused by the test"));
        CHECK(committed.count() == 0);
        CHECK(fx.session.current() == q[0]);
        CHECK(fx.panel.pairId() == q[0]);
        CHECK(fx.stack.count() == 0); // nothing durable, nothing to undo
        CHECK(file.count() == before);
        CHECK_THAT(fx.panel.statusMessage().toStdString(), Catch::Contains("refused by the test"));
    }
}

TEST_CASE("A project this user may only read refuses a verdict in words before trying to save it",
          "[review][session]") {
    QTemporaryDir dir;
    std::string path;
    std::vector<qint64> queue;
    {
        auto project = rlthf::test::createFactoryProject(dir, 20);
        path = project.path();
        queue = rlthf::test::pairIds(project.db(), 5);
    } // closed: no -wal or -shm stays beside it
    // Read only for this user: by its mode, or for root (who may write any file) by the
    // immutable attribute where the file system has one.
    const rlthf::test::ReadOnlyFile readOnly(path);
    if (!readOnly) {
        WARN("skipped: cannot make a file read only for this user here");
        return;
    }
    auto document = rlthf::test::openDocument(path);
    REQUIRE(document->readOnly());
    ReviewPanel panel;
    ReviewSession session(*document, &panel);
    session.setAnnotator(QStringLiteral("Kenji"));
    session.setQueue(queue);
    QSignalSpy errors(&session, &ReviewSession::error);
    panel.resize(1000, 700);
    panel.show();
    REQUIRE(QTest::qWaitForWindowActive(&panel));
    panel.setFocus();
    QTest::keyClick(&panel, Qt::Key_1);
    CHECK_FALSE(document->isWriting()); // nothing was sent to be saved
    REQUIRE(errors.count() == 1);
    CHECK_THAT(errors.at(0).at(0).toString().toStdString(),
               Catch::Contains("Not recorded: this project may only be read here"));
    CHECK(panel.statusMessage() == errors.at(0).at(0).toString());
    CHECK(session.current() == queue[0]);
    CHECK(document->undoStack()->count() == 0);
}

TEST_CASE("ReviewSession ignores keys, visibly, while a verdict is being written",
          "[review][session]") {
    SessionFixture fx;
    const auto& q = fx.queue;
    EventReader file(fx.project.path());
    const auto before = file.count();
    fx.session.setQueue(q);
    QSignalSpy ignored(&fx.session, &ReviewSession::keyIgnored);
    fx.showAndFocus();

    // Another process holds the write lock: the first verdict waits on the writer thread,
    // and the window stays responsive.
    auto other = rlthf::store::Database::open(fx.project.path(), rlthf::store::Database::Mode::ReadWrite);
    REQUIRE(other);
    REQUIRE(other->executeScript("BEGIN IMMEDIATE"));
    QTest::keyClick(&fx.panel, Qt::Key_1);
    CHECK(fx.session.isWriting());
    CHECK(fx.session.current() == q[0]); // not before the verdict is durable

    // Keys pressed meanwhile are not applied to an item the expert has not seen.
    for (Qt::Key key : {Qt::Key_2, Qt::Key_S, Qt::Key_Left})
        QTest::keyClick(&fx.panel, key);
    CHECK(ignored.count() == 3);
    CHECK_THAT(fx.panel.statusMessage().toStdString(), Catch::Contains("Key ignored"));
    CHECK(fx.session.current() == q[0]);

    REQUIRE(other->executeScript("COMMIT"));
    rlthf::test::waitForWrites(*fx.document);
    CHECK(fx.session.current() == q[1]);
    CHECK(file.count() == before + 1); // the first key only
    const auto rows = file.after(0);
    CHECK(rows.back().pairId == q[0]);
    CHECK(rows.back().value == std::optional<std::string>("a"));
}
