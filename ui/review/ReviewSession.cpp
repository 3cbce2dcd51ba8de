#include "ui/review/ReviewSession.h"

#include "document/ProjectDocument.h"
#include "ui/review/ReviewPanel.h"

#include <QAction>
#include <QKeySequence>
#include <QList>
#include <QUndoStack>
#include <algorithm>

namespace rlthf::ui::review {

ReviewSession::ReviewSession(document::ProjectDocument& document, ReviewPanel* panel,
                             QObject* parent)
    : QObject(parent), m_document(document), m_panel(panel) {
    Q_ASSERT(panel);
    m_panel->setDocument(&m_document);
    connect(m_panel, &ReviewPanel::verdictRequested, this, &ReviewSession::onVerdictRequested);
    connect(&m_document, &document::ProjectDocument::verdictWritten, this,
            &ReviewSession::onWritten);

    m_undo = new QAction(tr("Undo"), this);
    m_undo->setObjectName(QStringLiteral("reviewUndo"));
    m_undo->setShortcuts(QKeySequence::Undo);
    m_undo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_undo, &QAction::triggered, this, &ReviewSession::undo);

    m_redo = new QAction(tr("Redo"), this);
    m_redo->setObjectName(QStringLiteral("reviewRedo"));
    QList<QKeySequence> redoKeys{QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)};
    for (const QKeySequence& key : QKeySequence::keyBindings(QKeySequence::Redo))
        if (!redoKeys.contains(key))
            redoKeys.push_back(key);
    m_redo->setShortcuts(redoKeys);
    m_redo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_redo, &QAction::triggered, this, &ReviewSession::redo);

    QUndoStack* stack = m_document.undoStack();
    connect(stack, &QUndoStack::indexChanged, this, &ReviewSession::updateActions);
    updateActions();

    m_panel->addAction(m_undo);
    m_panel->addAction(m_redo);
}

ReviewSession::~ReviewSession() {
    if (m_panel) {
        m_panel->removeAction(m_undo);
        m_panel->removeAction(m_redo);
    }
}

QUndoStack* ReviewSession::undoStack() const {
    return m_document.undoStack();
}

bool ReviewSession::isWriting() const {
    return m_ticket != 0;
}

void ReviewSession::updateActions() {
    QUndoStack* stack = m_document.undoStack();
    // Kept enabled while a write is in flight, so that the key is seen and refused aloud.
    m_undo->setEnabled(stack->canUndo());
    m_redo->setEnabled(stack->canRedo());
    m_undo->setText(stack->canUndo() ? tr("Undo %1").arg(stack->undoText()) : tr("Undo"));
    m_redo->setText(stack->canRedo() ? tr("Redo %1").arg(stack->redoText()) : tr("Redo"));
}

void ReviewSession::setAnnotator(const QString& name) {
    m_annotator = name.trimmed();
}

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
    if (shown < 0) {
        m_queue = std::move(pairIds);
        show(nextOpenIndex(-1), false);
        return;
    }
    // Pairs still ahead of the expert in the old list that the new one drops.
    const std::set<qint64> incoming(pairIds.begin(), pairIds.end());
    int left = 0;
    for (qint64 id : m_queue)
        if (id != shown && !m_decided.contains(id) && !incoming.contains(id))
            ++left;
    m_queue = std::move(pairIds);
    int kept = indexOf(shown);
    if (kept < 0) { // the pair on screen stays, unanswered, ahead of the new list
        m_queue.insert(m_queue.begin(), shown);
        kept = 0;
    }
    m_index = kept; // the same pair stays in front of the expert, comment and all
    if (left > 0)
        Q_EMIT queueRefreshed(
            (left == 1 ? tr("The queue was refreshed: 1 pair you had not reached left the batch.")
                       : tr("The queue was refreshed: %1 pairs you had not reached left the "
                            "batch.")
                             .arg(left)) +
            QLatin1Char(' ') + tr("The pair on screen stays until you answer it."));
}

bool ReviewSession::refuseWhileWriting() {
    if (!m_document.isWriting())
        return false;
    const QString message = tr("Key ignored: the previous verdict is still being saved.");
    if (m_panel)
        m_panel->setStatusMessage(message);
    Q_EMIT keyIgnored(message);
    return true;
}

QString ReviewSession::whyNotRecorded() const {
    if (m_document.readOnly())
        return tr("Not recorded: this project may only be read here (its file is not writable "
                  "for you). Ask whoever keeps it for access.");
    if (m_annotator.isEmpty())
        return tr("Set your annotator name before recording verdicts.");
    return {};
}

void ReviewSession::onVerdictRequested(qint64 pairId, loop::Verdict verdict,
                                       const QString& comment) {
    if (!m_panel || refuseWhileWriting())
        return;
    if (const QString refused = whyNotRecorded(); !refused.isEmpty()) {
        m_panel->setStatusMessage(refused);
        Q_EMIT error(refused);
        return;
    }
    loop::VerdictRequest request;
    request.pairId = pairId; // the pair on screen when the key was pressed
    request.verdict = verdict;
    request.annotator = m_annotator.toStdString();
    if (!comment.isEmpty())
        request.comment = comment.toStdString();
    m_ticket = m_document.record(std::move(request));
}

void ReviewSession::undo() {
    if (!refuseWhileWriting())
        m_ticket = m_document.undo();
}

void ReviewSession::redo() {
    if (!refuseWhileWriting())
        m_ticket = m_document.redo();
}

void ReviewSession::onWritten(quint64 ticket, qint64 pairId, bool undone,
                              const document::WriteOutcome& outcome) {
    if (ticket != m_ticket)
        return; // another part's write (a lead's settlement)
    m_ticket = 0;
    if (!m_panel)
        return;
    if (!outcome.ok()) {
        const QString reason = QString::fromStdString(outcome.error);
        const QString text =
            undone ? tr("Could not undo the verdict on pair %1: %2").arg(pairId).arg(reason)
                   : tr("Could not record the verdict on pair %1: %2").arg(pairId).arg(reason);
        m_panel->setStatusMessage(text);
        Q_EMIT error(text);
        return;
    }
    QUndoStack* stack = m_document.undoStack();
    if (undone) {
        Q_EMIT notice(tr("Undone: %1 (redo with Ctrl+Shift+Z)")
                          .arg(stack->command(stack->index())->text()));
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
    Q_EMIT notice(tr("%1 (undo with Ctrl+Z)").arg(stack->command(stack->index() - 1)->text()));
    Q_EMIT verdictCommitted(pairId);
    const int index = indexOf(pairId);
    if (index < 0 && current() >= 0 && !m_decided.contains(current()))
        return; // judged from elsewhere: stay on the current item
    show(nextOpenIndex(index >= 0 ? index : m_index), true);
}

} // namespace rlthf::ui::review
