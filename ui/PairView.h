#pragma once
// Shows one pair: the prompt on top, responses A and B side by side below, and
// the pair's current label. Everything is shown as plain text, never as HTML.

#include <QWidget>

#include <cstdint>

class QLabel;
class QPlainTextEdit;
class QSplitter;

namespace rlthf::store {
class Database;
}

namespace rlthf::ui {

class PairView : public QWidget {
    Q_OBJECT

public:
    explicit PairView(QWidget* parent = nullptr);

    // The database pairs are read from; nullptr clears the view.
    void setDatabase(store::Database* db);

    // Loads and shows the pair; false (and an empty view with a message) when it cannot.
    bool showPair(std::int64_t pairId);
    void clear();

    std::int64_t pairId() const { return m_pairId; }

    QPlainTextEdit* promptEdit() const { return m_prompt; }
    QPlainTextEdit* responseAEdit() const { return m_responseA; }
    QPlainTextEdit* responseBEdit() const { return m_responseB; }
    QSplitter* responseSplitter() const { return m_responses; }
    // The one-line summary: pair id, shard, current label and its source.
    QString labelLine() const;

private:
    store::Database* m_db = nullptr;
    std::int64_t m_pairId = -1;
    QLabel* m_title = nullptr;
    QLabel* m_label = nullptr;
    QPlainTextEdit* m_prompt = nullptr;
    QPlainTextEdit* m_responseA = nullptr;
    QPlainTextEdit* m_responseB = nullptr;
    QSplitter* m_responses = nullptr;
    QSplitter* m_vertical = nullptr;
};

} // namespace rlthf::ui
