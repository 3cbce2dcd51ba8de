#include "document/VerdictCommand.h"

namespace rlthf::document {

VerdictCommand::VerdictCommand(loop::VerdictRequest request, const loop::RecordedVerdict& recorded,
                               QUndoCommand* parent)
    : QUndoCommand(parent), m_request(std::move(request)), m_eventId(recorded.eventId),
      m_value(recorded.value), m_previous(recorded.previous) {
    updateText();
}

QString VerdictCommand::verdictName(loop::Verdict verdict) {
    switch (verdict) {
    case loop::Verdict::A:
        return tr("A better");
    case loop::Verdict::B:
        return tr("B better");
    case loop::Verdict::Confirm:
        return tr("AI confirmed");
    case loop::Verdict::Flip:
        return tr("AI flipped");
    case loop::Verdict::Skip:
        return tr("Skipped");
    case loop::Verdict::SettleA:
        return tr("Settled: A better");
    case loop::Verdict::SettleB:
        return tr("Settled: B better");
    }
    return {};
}

void VerdictCommand::updateText() {
    QString text = tr("Pair %1: %2").arg(m_request.pairId).arg(verdictName(m_request.verdict));
    if (m_value &&
        (m_request.verdict == loop::Verdict::Confirm || m_request.verdict == loop::Verdict::Flip))
        text += QStringLiteral(" (%1)").arg(QChar(*m_value).toUpper());
    setText(text);
}

VerdictWrite VerdictCommand::nextWrite() const {
    if (m_eventId)
        return VerdictWrite::revokeOf(*m_eventId, m_request.annotator);
    loop::VerdictRequest again = m_request;
    // Confirm and flip were resolved against the AI label the first time: append that
    // same label, not whatever the AI label is now.
    if (m_value && again.verdict != loop::Verdict::SettleA &&
        again.verdict != loop::Verdict::SettleB)
        again.verdict = *m_value == 'a' ? loop::Verdict::A : loop::Verdict::B;
    return VerdictWrite::recordOf(std::move(again));
}

void VerdictCommand::follow(const WriteOutcome& outcome) {
    if (outcome.revokeEvent) {
        m_revokeId = outcome.revokeEvent;
        m_eventId.reset();
    } else if (outcome.recorded) {
        m_eventId = outcome.recorded->eventId;
        m_previous = outcome.recorded->previous;
        m_revokeId.reset();
        ++m_applied;
    }
}

// The stack only follows writes already made (see the header).
void VerdictCommand::redo() {}
void VerdictCommand::undo() {}

} // namespace rlthf::document
