#pragma once
// The queue side of the window: a filter (to review, auto-flipped, kept, reviewed by whom)
// over the paged queue table.

#include "ui/QueueModel.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QTableView;

namespace rlthf::document {
class ProjectDocument;
}

namespace rlthf::ui {

class QueuePanel : public QWidget {
    Q_OBJECT

public:
    explicit QueuePanel(QWidget* parent = nullptr);

    // nullptr detaches the panel (no project open).
    void setDocument(document::ProjectDocument* document);
    void reload();
    void setBlind(bool blind);
    void selectPair(std::int64_t pairId);

    QueueModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QComboBox* filterBox() const { return m_filter; }
    QComboBox* annotatorBox() const { return m_annotator; }

Q_SIGNALS:
    void pairActivated(qint64 pairId);
    void filterChanged();

protected:
    void changeEvent(QEvent* event) override; // language change: texts again

private:
    void applyFilter();
    void retranslate();
    void fitColumns();
    void refreshAnnotators();

    document::ProjectDocument* m_document = nullptr;
    QueueModel* m_model = nullptr;
    QLabel* m_showLabel = nullptr;
    QComboBox* m_filter = nullptr;
    QComboBox* m_annotator = nullptr;
    QTableView* m_view = nullptr;
    bool m_blind = true;
};

} // namespace rlthf::ui
