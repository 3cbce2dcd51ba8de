#pragma once
// The controller between a queue of pair ids, the review panel and an undo stack.
//
// A verdict from the panel becomes a VerdictCommand pushed on the stack; the next item
// is shown only after the command committed (a failure emits error() and the expert
// stays on the item). Undo (Ctrl+Z) revokes the verdict and returns to the undone item;
// redo (Ctrl+Shift+Z) appends the verdict again and moves on. The next item is the
// first one after the judged item that has no verdict from this session yet (then the
// first such from the top); when none is left the panel is cleared, current() is -1
// and queueFinished() is emitted.
//
// Lifetime: the database must outlive the session and every command on the stack —
// clear (or delete) the stack before the project is closed.

#include "loop/Review.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <set>
#include <vector>

class QAction;
class QUndoStack;

namespace rlthf::store {
class Database;
}

namespace rlthf::ui::review {

class ReviewPanel;

class ReviewSession : public QObject {
    Q_OBJECT

public:
    // Sets the panel's database to db; the panel and the stack are not owned.
    ReviewSession(store::Database& db, ReviewPanel* panel, QUndoStack* stack,
                  QObject* parent = nullptr);
    ~ReviewSession() override;

    void setAnnotator(const QString& name);
    const QString& annotator() const { return m_annotator; }

    // Replaces the queue; keeps the item in front of the expert when it is still in the
    // new list (a retrain refreshing the queue), else shows the first open item.
    void setQueue(std::vector<qint64> pairIds);
    const std::vector<qint64>& queue() const { return m_queue; }

    // The pair in front of the expert, or -1 (empty or finished queue).
    qint64 current() const;
    int currentIndex() const { return m_index; }
    // Pairs whose verdict (or skip) from this session is in force.
    const std::set<qint64>& decided() const { return m_decided; }

    ReviewPanel* panel() const { return m_panel.data(); }
    QUndoStack* undoStack() const { return m_stack; }
    // From the stack; shortcuts QKeySequence::Undo and Ctrl+Shift+Z, context
    // Qt::WidgetWithChildrenShortcut, already added to the panel.
    QAction* undoAction() const { return m_undo; }
    QAction* redoAction() const { return m_redo; }

Q_SIGNALS:
    void currentChanged(qint64 pairId);
    void verdictCommitted(qint64 pairId);
    void queueFinished();
    void error(QString message);

private:
    void onVerdictRequested(qint64 pairId, loop::Verdict verdict, const QString& comment);
    void onApplied(qint64 pairId, bool failed, const QString& message, bool wasUndo);
    int indexOf(qint64 pairId) const;
    int nextOpenIndex(int after) const;
    void show(int index, bool finishedIfNone);

    store::Database& m_db;
    QPointer<ReviewPanel> m_panel;
    QUndoStack* m_stack;
    QString m_annotator;
    std::vector<qint64> m_queue;
    int m_index = -1;
    std::set<qint64> m_decided;
    QAction* m_undo = nullptr;
    QAction* m_redo = nullptr;
};

} // namespace rlthf::ui::review
