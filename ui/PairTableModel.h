#pragma once
// A paged, read-only table of the pairs in one project database.
//
// Rows are loaded PageSize at a time with keyset pagination (id > last id), so
// the model stays responsive on millions of pairs: it never counts the table to
// size itself and never uses OFFSET. rowCount() is the number of rows loaded so
// far; views call canFetchMore()/fetchMore() as the user scrolls.

#include "vocab/Vocabulary.h"

#include <QAbstractTableModel>
#include <QString>
#include <QVector>
#include <cstdint>
#include <optional>

namespace rlthf::document {
class ProjectDocument;
}

namespace rlthf::ui {

class PairTableModel : public QAbstractTableModel {
    Q_OBJECT

  public:
    enum Column { IdColumn = 0, PromptColumn, LabelColumn, SourceColumn, ShardColumn, ColumnCount };
    enum Role { PairIdRole = Qt::UserRole + 1 };

    static constexpr int PageSize = 256;
    static constexpr int PromptMaxChars = 120;

    explicit PairTableModel(document::ProjectDocument& document, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    // Drops every loaded row; the next fetchMore() starts again from the first pair.
    void reload();

    // The pair id shown in `row`, or -1 when the row is out of range.
    std::int64_t pairIdAt(int row) const;
    // The row showing `pairId` if it is loaded, else -1.
    int rowOfPair(std::int64_t pairId) const;

    // The last database error met while fetching, empty when none.
    QString lastError() const { return m_lastError; }

    // First line of `text`, trimmed and elided to `maxChars` characters.
    static QString promptSummary(const QString& text, int maxChars = PromptMaxChars);

  Q_SIGNALS:
    void fetchFailed(const QString& message);

  private:
    struct Row {
        std::int64_t id = 0;
        QString prompt;
        QString label;
        std::optional<LabelSource> source; // named in the current language when shown
        QString unknownSource;             // a source this version does not know, as stored
        int shard = 0;
    };

    document::ProjectDocument& m_document;
    QVector<Row> m_rows;
    std::int64_t m_lastId = 0;
    bool m_atEnd = false;
    bool m_fetching = false; // inside fetchMore() or reload()
    QString m_lastError;
};

} // namespace rlthf::ui
