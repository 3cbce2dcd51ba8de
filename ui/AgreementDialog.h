#pragma once
// Per-annotator counts, agreement where several annotators judged one pair, and the
// lead's way to settle a disputed pair.

#include <QDialog>

class QLabel;
class QListWidget;
class QTableWidget;

namespace rlthf::store {
class Database;
}

namespace rlthf::ui {

class AgreementDialog : public QDialog {
    Q_OBJECT

public:
    AgreementDialog(store::Database& db, QString leadName, QWidget* parent = nullptr);

    QTableWidget* countsTable() const { return m_counts; }
    QListWidget* disputedList() const { return m_disputed; }
    QListWidget* contradictedList() const { return m_contradicted; }
    // Records the lead's verdict on the selected disputed pair.
    bool settleSelected(char value);

Q_SIGNALS:
    void pairChosen(qint64 pairId); // the lead wants to read the pair
    void settled(qint64 pairId);

private:
    void reload();

    store::Database& m_db;
    QString m_lead;
    QLabel* m_summary = nullptr;
    QTableWidget* m_counts = nullptr;
    QListWidget* m_disputed = nullptr;
    QListWidget* m_contradicted = nullptr;
};

} // namespace rlthf::ui
