#pragma once
// The controller between a queue of pair ids, the review panel and the project document.
//
// A verdict from the panel goes to the document's writer thread; the next item is shown
// only once the verdict is durable (a failure emits error() and the expert stays on the
// item). While a write is in flight, further verdict, undo and redo keys are ignored, and
// the panel says so: a key is never applied to an item the expert has not seen. Undo
// (Ctrl+Z) revokes the verdict and returns to the undone item; redo (Ctrl+Shift+Z)
// appends the verdict again and moves on. The next item is the first one after the judged
// item that has no verdict from this session yet (then the first such from the top); when
// none is left the panel is cleared, current() is -1 and queueFinished() is emitted.
//
// Lifetime: the document must outlive the session.

#include "loop/Review.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <set>
#include <vector>

class QAction;
class QUndoStack;

namespace rlthf::document {
class ProjectDocument;
struct WriteOutcome;
} // namespace rlthf::document

namespace rlthf::ui::review {

class ReviewPanel;

class ReviewSession : public QObject {
    Q_OBJECT

  public:
    // Sets the panel's document; the panel is not owned.
    ReviewSession(document::ProjectDocument& document, ReviewPanel* panel,
                  QObject* parent = nullptr);
    ~ReviewSession() override;

    void setAnnotator(const QString& name);
    const QString& annotator() const { return m_annotator; }

    // Replaces the queue (a retrain, a propagate or another station refreshing it). The pair
    // in front of the expert stays there, unanswered, even when the new list lacks it: it
    // leads the new list until the expert gives a verdict on it or skips it. When pairs the
    // expert had not reached left the list, queueRefreshed() says how many.
    void setQueue(std::vector<qint64> pairIds);
    const std::vector<qint64>& queue() const { return m_queue; }

    // The pair in front of the expert, or -1 (empty or finished queue).
    qint64 current() const;
    int currentIndex() const { return m_index; }
    // Pairs whose verdict (or skip) from this session is in force.
    const std::set<qint64>& decided() const { return m_decided; }
    // A verdict, undo or redo of this session is on its way to disk.
    bool isWriting() const;

    ReviewPanel* panel() const { return m_panel.data(); }
    QUndoStack* undoStack() const;
    // Shortcuts QKeySequence::Undo and Ctrl+Shift+Z, context Qt::WidgetWithChildrenShortcut,
    // already added to the panel; enabled while the stack can undo / redo.
    QAction* undoAction() const { return m_undo; }
    QAction* redoAction() const { return m_redo; }
    void undo();
    void redo();

  Q_SIGNALS:
    void currentChanged(qint64 pairId);
    void verdictCommitted(qint64 pairId);
    void queueFinished();
    void error(QString message);
    // A key pressed while the previous write was still in flight, and not applied.
    void keyIgnored(QString message);
    // The queue was replaced while a pair was on screen; `message` says what changed.
    void queueRefreshed(QString message);
    // What a durable verdict, undo or redo did ("Pair 12: B better — undo with Ctrl+Z").
    void notice(QString message);

  private:
    void onVerdictRequested(qint64 pairId, loop::Verdict verdict, const QString& comment);
    void onWritten(quint64 ticket, qint64 pairId, bool undone,
                   const document::WriteOutcome& outcome);
    bool refuseWhileWriting();
    // Why a verdict cannot be recorded at all (a read-only project, no annotator), or empty.
    QString whyNotRecorded() const;
    void updateActions();
    int indexOf(qint64 pairId) const;
    int nextOpenIndex(int after) const;
    void show(int index, bool finishedIfNone);

    document::ProjectDocument& m_document;
    QPointer<ReviewPanel> m_panel;
    QString m_annotator;
    std::vector<qint64> m_queue;
    int m_index = -1;
    std::set<qint64> m_decided;
    quint64 m_ticket = 0; // this session's write in flight
    QAction* m_undo = nullptr;
    QAction* m_redo = nullptr;
};

} // namespace rlthf::ui::review
