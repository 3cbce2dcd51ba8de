#pragma once
// The status bar's team part. A team member's project is synced with its server in the
// background (at once, then every 30 seconds, and when a station's expert runs out of
// claimed items); the label says how it went: "Team line3: synced 12 s ago, 3 verdicts
// waiting", or offline, with the reason in its tooltip. Hidden for a project of its own.

#include "document/TeamState.h"

#include <QElapsedTimer>
#include <QLabel>

class QTimer;

namespace rlthf::document {
class ProjectDocument;
}

namespace rlthf::ui {

class TeamStatus : public QLabel {
    Q_OBJECT

  public:
    explicit TeamStatus(QWidget* parent = nullptr);

    // nullptr: no project open.
    void setDocument(document::ProjectDocument* document);
    void syncNow();
    const document::TeamState& state() const { return m_state; }

  Q_SIGNALS:
    // A sync brought claims, a queue or other stations' verdicts: the queue may differ.
    void queueChanged();

  protected:
    void changeEvent(QEvent* event) override;

  private:
    void onSynced(const document::TeamState& state);
    void showState();

    document::ProjectDocument* m_document = nullptr;
    QTimer* m_tick = nullptr;
    QElapsedTimer m_sinceAttempt;
    document::TeamState m_state;
};

} // namespace rlthf::ui
