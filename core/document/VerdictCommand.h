#pragma once
// One expert verdict on the undo stack. Nothing is ever deleted from the project, and the
// stack only records what is already durable: the document writes first (on its writer
// thread) and moves the stack when the write has committed.
//   the first redo() (inside push) records the verdict event the document appended;
//   undo() follows a durable 'revoke' event for it;
//   a later redo() follows a durable NEW, equal verdict event.
// So move the stack only through ProjectDocument::undo()/redo(), never directly.

#include "document/VerdictWrite.h"
#include "loop/Review.h"

#include <QCoreApplication>
#include <QString>
#include <QUndoCommand>
#include <optional>

namespace rlthf::document {

class VerdictCommand : public QUndoCommand {
    Q_DECLARE_TR_FUNCTIONS(VerdictCommand)

  public:
    // `recorded` is the durable event of the verdict as first given.
    VerdictCommand(loop::VerdictRequest request, const loop::RecordedVerdict& recorded,
                   QUndoCommand* parent = nullptr);

    void redo() override;
    void undo() override;

    // The write that undo (when in force) or redo (when undone) needs made durable first.
    VerdictWrite nextWrite() const;
    // Takes the committed outcome of nextWrite(); the stack's undo()/redo() follows.
    void follow(const WriteOutcome& outcome);

    qint64 pairId() const { return m_request.pairId; }
    loop::Verdict verdict() const { return m_request.verdict; }
    QString annotator() const { return QString::fromStdString(m_request.annotator); }
    QString comment() const { return QString::fromStdString(m_request.comment.value_or("")); }

    // The verdict event in force, else nullopt (after an undo).
    std::optional<qint64> eventId() const { return m_eventId; }
    // The revoke event of the last undo.
    std::optional<qint64> revokeEventId() const { return m_revokeId; }
    // The label the verdict gave ('a'/'b'; none for a skip) and the pair's label before.
    std::optional<char> value() const { return m_value; }
    std::optional<char> previous() const { return m_previous; }
    // How many verdict events this command stands for so far.
    int timesApplied() const { return m_applied; }

    // "A better", "B better", "AI confirmed", "AI flipped", "Skipped".
    static QString verdictName(loop::Verdict verdict);

  private:
    void updateText();

    loop::VerdictRequest m_request;
    std::optional<qint64> m_eventId;
    std::optional<qint64> m_revokeId;
    std::optional<char> m_value;
    std::optional<char> m_previous;
    int m_applied = 1;
};

} // namespace rlthf::document
