#pragma once
// One expert verdict as an undoable command. Nothing is ever deleted from the project:
//   redo() appends the verdict as a 'human' label event (the first time, and again after
//          an undo: a redo after an undo appends a NEW, equal verdict event);
//   undo() appends a compensating 'revoke' event for the event redo() appended.
// When a database call fails the command records the error (failed(), error()) and
// makes itself obsolete, so QUndoStack drops (deletes) it right away. Because the stack
// may delete it inside push()/undo()/redo(), observe the outcome through setObserver().

#include "loop/Review.h"

#include <QCoreApplication>
#include <QString>
#include <QUndoCommand>

#include <functional>
#include <optional>

namespace rlthf::store {
class Database;
}

namespace rlthf::ui::review {

class VerdictCommand : public QUndoCommand {
    Q_DECLARE_TR_FUNCTIONS(VerdictCommand)

public:
    enum class Step { Redo, Undo };
    // Called at the end of every redo()/undo(), success or failure, before the stack
    // may delete the command.
    using Observer = std::function<void(const VerdictCommand& command, Step step)>;

    // The database must outlive the command (clear the undo stack before closing it).
    VerdictCommand(store::Database& db, QString annotator, qint64 pairId, loop::Verdict verdict,
                   QString comment = {}, QUndoCommand* parent = nullptr);

    void redo() override;
    void undo() override;

    void setObserver(Observer observer) { m_observer = std::move(observer); }

    qint64 pairId() const { return m_pairId; }
    loop::Verdict verdict() const { return m_verdict; }
    const QString& annotator() const { return m_annotator; }
    const QString& comment() const { return m_comment; }

    // Whether the last redo()/undo() failed, and why.
    bool failed() const { return m_failed; }
    const QString& error() const { return m_error; }
    // The verdict event in force (after a successful redo), else nullopt.
    std::optional<qint64> eventId() const { return m_eventId; }
    // The revoke event the last successful undo appended.
    std::optional<qint64> revokeEventId() const { return m_revokeId; }
    // The label the verdict gave ('a'/'b'; none for a skip) and the pair's label before.
    std::optional<char> value() const { return m_value; }
    std::optional<char> previous() const { return m_previous; }
    // How many verdict events this command has appended so far.
    int timesApplied() const { return m_applied; }

    // "A better", "B better", "AI confirmed", "AI flipped", "Skipped".
    static QString verdictName(loop::Verdict verdict);

private:
    void fail(const std::string& message);
    void notify(Step step);
    void updateText();

    store::Database& m_db;
    QString m_annotator;
    qint64 m_pairId;
    loop::Verdict m_verdict;
    QString m_comment;

    bool m_failed = false;
    QString m_error;
    std::optional<qint64> m_eventId;
    std::optional<qint64> m_revokeId;
    std::optional<char> m_value;
    std::optional<char> m_previous;
    int m_applied = 0;
    Observer m_observer;
};

} // namespace rlthf::ui::review
