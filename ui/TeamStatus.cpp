#include "ui/TeamStatus.h"

#include "document/ProjectDocument.h"

#include <QEvent>
#include <QLocale>
#include <QTimer>

namespace rlthf::ui {

namespace {
constexpr int kTickMs = 5000; // the label's "N s ago" moves on
constexpr qint64 kSyncEveryMs = 30000;
} // namespace

TeamStatus::TeamStatus(QWidget* parent) : QLabel(parent) {
    setObjectName(QStringLiteral("teamStatus"));
    setTextFormat(Qt::PlainText);
    hide();
    m_tick = new QTimer(this);
    m_tick->setInterval(kTickMs);
    connect(m_tick, &QTimer::timeout, this, [this] {
        if (m_sinceAttempt.isValid() && m_sinceAttempt.elapsed() >= kSyncEveryMs)
            syncNow();
        showState();
    });
}

void TeamStatus::setDocument(document::ProjectDocument* document) {
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    m_state = document ? document->teamState() : document::TeamState{};
    m_sinceAttempt.invalidate();
    if (!m_state.member) {
        m_tick->stop();
        hide();
        return;
    }
    connect(document, &document::ProjectDocument::teamSynced, this, &TeamStatus::onSynced);
    // Each verdict, undo or redo written here is one more event for the server.
    connect(document, &document::ProjectDocument::verdictWritten, this,
            [this](quint64, qint64, bool, const document::WriteOutcome& outcome) {
                if (outcome.ok()) {
                    ++m_state.waiting;
                    showState();
                }
            });
    m_tick->start();
    show();
    showState();
    syncNow();
}

void TeamStatus::syncNow() {
    if (!m_document || !m_state.member)
        return;
    m_sinceAttempt.start();
    m_document->syncTeam();
}

void TeamStatus::onSynced(const document::TeamState& state) {
    m_state = state;
    showState();
    if (state.queueChanged)
        Q_EMIT queueChanged();
}

void TeamStatus::showState() {
    if (!m_state.member)
        return;
    QString when;
    if (!m_state.lastSynced.isValid()) {
        when = tr("never synced");
    } else {
        const qint64 seconds =
            std::max<qint64>(0, m_state.lastSynced.secsTo(QDateTime::currentDateTimeUtc()));
        when = seconds < 120 ? tr("synced %1 s ago").arg(seconds)
                             : tr("synced %1 min ago").arg(seconds / 60);
    }
    QString text = m_state.reachable || !m_sinceAttempt.isValid()
                       ? tr("Team %1: %2").arg(m_state.name, when)
                       : tr("Team %1: offline, %2").arg(m_state.name, when);
    if (m_state.waiting > 0)
        text += QLatin1String(", ") +
                tr("%1 verdicts waiting").arg(QLocale().toString(m_state.waiting));
    setText(text);
    setToolTip(m_state.error);
}

void TeamStatus::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange)
        showState();
    QLabel::changeEvent(event);
}

} // namespace rlthf::ui
