#include "ui/review/ReviewSession.h"

#include "store/Database.h"
#include "ui/review/ReviewPanel.h"
#include "ui/review/VerdictCommand.h"

#include <QAction>
#include <QKeySequence>
#include <QList>
#include <QPointer>
#include <QUndoStack>

#include <algorithm>

namespace rlthf::ui::review {

ReviewSession::ReviewSession(store::Database& db, ReviewPanel* panel, QUndoStack* stack,
                             QObject* parent)
    : QObject(parent), m_db(db), m_panel(panel), m_stack(stack) {
    Q_ASSERT(panel && stack);
    m_panel->setDatabase(&m_db);
    connect(m_panel, &ReviewPanel::verdictRequested, this, &ReviewSession::onVerdictRequested);

    m_undo = m_stack->createUndoAction(this, tr("Undo"));
    m_undo->setObjectName(QStringLiteral("reviewUndo"));
    m_undo->setShortcuts(QKeySequence::Undo);
    m_undo->setShortcutContext(Qt::WidgetWithChildrenShortcut);

    m_redo = m_stack->createRedoAction(this, tr("Redo"));
    m_redo->setObjectName(QStringLiteral("reviewRedo"));
    QList<QKeySequence> redoKeys{QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)};
    for (const QKeySequence& key : QKeySequence::keyBindings(QKeySequence::Redo))
        if (!redoKeys.contains(key))
            redoKeys.push_back(key);
    m_redo->setShortcuts(redoKeys);
    m_redo->setShortcutContext(Qt::WidgetWithChildrenShortcut);

    m_panel->addAction(m_undo);
    m_panel->addAction(m_redo);
}

ReviewSession::~ReviewSession() {
    if (m_panel) {
        m_panel->removeAction(m_undo);
        m_panel->removeAction(m_redo);
    }
}

void ReviewSession::setAnnotator(const QString& name) { m_annotator = name.trimmed(); }

qint64 ReviewSession::current() const {
    if (m_index < 0 || m_index >= static_cast<int>(m_queue.size()))
        return -1;
    return m_queue[static_cast<std::size_t>(m_index)];
}

int ReviewSession::indexOf(qint64 pairId) const {
    const auto it = std::find(m_queue.begin(), m_queue.end(), pairId);
    return it == m_queue.end() ? -1 : static_cast<int>(it - m_queue.begin());
}

int ReviewSession::nextOpenIndex(int after) const {
    const int size = static_cast<int>(m_queue.size());
    for (int i = after + 1; i < size; ++i)
        if (!m_decided.contains(m_queue[static_cast<std::size_t>(i)]))
            return i;
    for (int i = 0; i <= std::min(after, size - 1); ++i)
        if (!m_decided.contains(m_queue[static_cast<std::size_t>(i)]))
            return i;
    return -1;
}

void ReviewSession::show(int index, bool finishedIfNone) {
    if (!m_panel)
        return;
    const qint64 before = current();
    if (index >= 0 && index < static_cast<int>(m_queue.size())) {
        m_index = index;
        m_panel->showPair(m_queue[static_cast<std::size_t>(index)]);
    } else {
        m_index = -1;
        m_panel->clear();
    }
    if (current() != before)
        Q_EMIT currentChanged(current());
    if (m_index < 0 && finishedIfNone)
        Q_EMIT queueFinished();
}

void ReviewSession::setQueue(std::vector<qint64> pairIds) {
    const qint64 shown = current();
    m_queue = std::move(pairIds);
    const int kept = shown >= 0 ? indexOf(shown) : -1;
    if (kept >= 0) {
        m_index = kept; // the same pair stays in front of the expert, comment and all
        return;
    }
    show(nextOpenIndex(-1), false);
}

void ReviewSession::onVerdictRequested(qint64 pairId, loop::Verdict verdict,
                                       const QString& comment) {
    if (!m_panel)
        return;
    if (m_annotator.isEmpty()) {
        const QString message = tr("Set your annotator name before recording verdicts.");
        m_panel->setStatusMessage(message);
        Q_EMIT error(message);
        return;
    }
    auto* command = new VerdictCommand(m_db, m_annotator, pairId, verdict, comment);
    QPointer<ReviewSession> self(this);
    command->setObserver([self](const VerdictCommand& cmd, VerdictCommand::Step step) {
        if (self)
            self->onApplied(cmd.pairId(), cmd.failed(), cmd.error(),
                            step == VerdictCommand::Step::Undo);
    });
    // push() runs redo(); the observer moves on, or reports the error. A failed command
    // is obsolete and the stack deletes it at once.
    m_stack->push(command);
}

void ReviewSession::onApplied(qint64 pairId, bool failed, const QString& message, bool wasUndo) {
    if (!m_panel)
        return;
    if (failed) {
        const QString text = wasUndo ? tr("Could not undo the verdict on pair %1: %2")
                                           .arg(pairId)
                                           .arg(message)
                                     : tr("Could not record the verdict on pair %1: %2")
                                           .arg(pairId)
                                           .arg(message);
        m_panel->setStatusMessage(text);
        Q_EMIT error(text);
        return;
    }
    if (wasUndo) {
        m_decided.erase(pairId);
        int index = indexOf(pairId);
        if (index < 0) { // no longer in the queue: put it back in front of the expert
            index = m_index >= 0 ? m_index : static_cast<int>(m_queue.size());
            m_queue.insert(m_queue.begin() + index, pairId);
        }
        show(index, false);
        return;
    }
    m_decided.insert(pairId);
    Q_EMIT verdictCommitted(pairId);
    const int index = indexOf(pairId);
    if (index < 0 && current() >= 0 && !m_decided.contains(current()))
        return; // judged from elsewhere: stay on the current item
    show(nextOpenIndex(index >= 0 ? index : m_index), true);
}

} // namespace rlthf::ui::review
