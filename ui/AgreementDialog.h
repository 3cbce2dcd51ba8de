#pragma once
// Per-annotator counts, agreement where several annotators judged one pair, and the
// lead's way to settle a disputed pair.

#include <QDialog>

class QLabel;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace rlthf::document {
class ProjectDocument;
struct WriteOutcome;
} // namespace rlthf::document

namespace rlthf::ui {

class AgreementDialog : public QDialog {
    Q_OBJECT

public:
    AgreementDialog(document::ProjectDocument& document, QString leadName,
                    QWidget* parent = nullptr);

    QTableWidget* countsTable() const { return m_counts; }
    QListWidget* disputedList() const { return m_disputed; }
    QListWidget* contradictedList() const { return m_contradicted; }
    QPushButton* settleButton(char value) const { return value == 'a' ? m_settleA : m_settleB; }
    // Why the settle buttons are off (no pair selected, no name), or empty.
    QString settleHint() const;
    // Sends the lead's verdict on the selected disputed pair to be written; settled()
    // follows once it is durable. False when nothing is selected, the lead has no name or a
    // write is in flight.
    bool settleSelected(char value);

Q_SIGNALS:
    void pairChosen(qint64 pairId); // the lead wants to read the pair
    void settled(qint64 pairId);

private:
    void reload();
    // A disputed pair chosen, a name to sign with, no settlement being written.
    bool canSettle() const;
    void updateSettleButtons();
    void onWritten(quint64 ticket, qint64 pairId, const document::WriteOutcome& outcome);

    document::ProjectDocument& m_document;
    quint64 m_ticket = 0;
    QString m_lead;
    QLabel* m_summary = nullptr;
    QTableWidget* m_counts = nullptr;
    QListWidget* m_disputed = nullptr;
    QListWidget* m_contradicted = nullptr;
    QPushButton* m_settleA = nullptr;
    QPushButton* m_settleB = nullptr;
    QLabel* m_settleHint = nullptr;
};

} // namespace rlthf::ui
