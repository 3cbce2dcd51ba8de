#include "ui/review/VerdictCommand.h"

#include "store/Database.h"

namespace rlthf::ui::review {

VerdictCommand::VerdictCommand(store::Database& db, QString annotator, qint64 pairId,
                               loop::Verdict verdict, QString comment, QUndoCommand* parent)
    : QUndoCommand(parent), m_db(db), m_annotator(std::move(annotator)), m_pairId(pairId),
      m_verdict(verdict), m_comment(std::move(comment)) {
    updateText();
}

QString VerdictCommand::verdictName(loop::Verdict verdict) {
    switch (verdict) {
    case loop::Verdict::A: return tr("A better");
    case loop::Verdict::B: return tr("B better");
    case loop::Verdict::Confirm: return tr("AI confirmed");
    case loop::Verdict::Flip: return tr("AI flipped");
    case loop::Verdict::Skip: return tr("Skipped");
    case loop::Verdict::SettleA: return tr("Settled: A better");
    case loop::Verdict::SettleB: return tr("Settled: B better");
    }
    return {};
}

void VerdictCommand::updateText() {
    QString text = tr("Pair %1: %2").arg(m_pairId).arg(verdictName(m_verdict));
    if (m_value && (m_verdict == loop::Verdict::Confirm || m_verdict == loop::Verdict::Flip))
        text += QStringLiteral(" (%1)").arg(QChar(*m_value).toUpper());
    setText(text);
}

void VerdictCommand::fail(const std::string& message) {
    m_failed = true;
    m_error = QString::fromStdString(message);
    setObsolete(true);
}

void VerdictCommand::notify(Step step) {
    if (m_observer)
        m_observer(*this, step);
}

void VerdictCommand::redo() {
    m_failed = false;
    m_error.clear();
    if (m_eventId) { // already in force; nothing to append
        notify(Step::Redo);
        return;
    }
    loop::VerdictRequest request;
    request.pairId = m_pairId;
    request.verdict = m_verdict;
    // After an undo, append the same label again (confirm/flip resolved the first time).
    if (m_applied > 0 && m_value)
        request.verdict = *m_value == 'a' ? loop::Verdict::A : loop::Verdict::B;
    request.annotator = m_annotator.toStdString();
    if (!m_comment.isEmpty())
        request.comment = m_comment.toStdString();
    auto recorded = loop::recordVerdict(m_db, request);
    if (!recorded) {
        fail(recorded.message());
    } else {
        m_eventId = recorded->eventId;
        m_revokeId.reset();
        if (m_applied == 0)
            m_value = recorded->value;
        m_previous = recorded->previous;
        ++m_applied;
        updateText();
    }
    notify(Step::Redo);
}

void VerdictCommand::undo() {
    m_failed = false;
    m_error.clear();
    if (!m_eventId) {
        fail(tr("Pair %1: there is no verdict to undo").arg(m_pairId).toStdString());
        notify(Step::Undo);
        return;
    }
    auto revoked = loop::revokeEvent(m_db, *m_eventId, m_annotator.toStdString());
    if (!revoked) {
        fail(revoked.message());
    } else {
        m_revokeId = *revoked;
        m_eventId.reset();
    }
    notify(Step::Undo);
}

} // namespace rlthf::ui::review
