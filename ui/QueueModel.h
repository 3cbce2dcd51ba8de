#pragma once
// The review queue and its neighbours as a paged table: pairs to review (engine priority),
// auto-flipped, kept, and reviewed (optionally by one annotator). Pages are read by key
// ranges, so a project with a million pairs opens and scrolls at once.

#include "document/Pages.h"

#include <QAbstractTableModel>
#include <QString>
#include <QVector>

#include <cstdint>
#include <limits>

namespace rlthf::document {
class ProjectDocument;
}

namespace rlthf::ui {

class QueueModel : public QAbstractTableModel {
    Q_OBJECT

public:
    using Filter = document::QueueFilter;
    enum Column { PairColumn, OrderColumn, ReasonColumn, MarginColumn, PromptColumn, ColumnCount };
    static constexpr int PageSize = 256;

    explicit QueueModel(document::ProjectDocument& document, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    void setFilter(Filter filter, const QString& annotator = {});
    Filter filter() const { return m_filter; }
    QString annotator() const { return m_annotator; }
    // Blind mode hides the margins, so the queue does not anchor the expert either.
    void setBlind(bool blind);

    void reload();
    // Drops a pair that got its verdict, without re-reading the queue.
    bool removePair(std::int64_t pairId);
    std::int64_t pairIdAt(int row) const;
    int rowOfPair(std::int64_t pairId) const;
    // All pair ids of the filter, in order (for the review session), up to a limit.
    std::vector<std::int64_t> pairIds(int limit) const;

    // Why a pair is listed, in words ("zone", "audit", "flip check", ...).
    static QString reasonText(const QString& reason);

Q_SIGNALS:
    void fetchFailed(const QString& message);

private:
    struct Row {
        std::int64_t key = 0;
        std::int64_t pairId = 0;
        QString order;
        QString reason;
        double margin = 0.0;
        bool hasMargin = false;
        QString prompt;
    };

    document::ProjectDocument& m_document;
    Filter m_filter = Filter::ToReview;
    QString m_annotator;
    bool m_blind = true;
    QVector<Row> m_rows;
    // Before every key: uncertain pairs have negative priorities.
    std::int64_t m_lastKey = std::numeric_limits<std::int64_t>::min();
    bool m_atEnd = false;
    bool m_fetching = false;
};

} // namespace rlthf::ui
