#include "ui/PairTableModel.h"

#include "store/Database.h"
#include "ui/PageReader.h"

#include <QScopedValueRollback>

#include <algorithm>
#include <limits>

namespace rlthf::ui {

namespace {

// One page of pairs after a given id. The current label is looked up through a
// correlated scalar subquery: a LEFT JOIN on the current_labels view would make
// SQLite materialise the view over every pair for each page.
constexpr const char* kPageSql =
    "SELECT p.id, substr(p.prompt, 1, 512), p.shard, e.value, e.source "
    "FROM visible_pairs p "
    "LEFT JOIN label_events e "
    "  ON e.id = (SELECT c.event_id FROM current_labels c WHERE c.pair_id = p.id) "
    "WHERE p.id > ? ORDER BY p.id LIMIT ?";

QString toQString(const std::string& text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace

const char* PairTableModel::pageSql() { return kPageSql; }

PairTableModel::PairTableModel(store::Database& db, QObject* parent)
    : QAbstractTableModel(parent), m_db(db) {}

int PairTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int PairTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PairTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[index.row()];
    if (role == PairIdRole)
        return QVariant::fromValue<qint64>(row.id);
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case IdColumn: return QVariant::fromValue<qint64>(row.id);
        case PromptColumn: return row.prompt;
        case LabelColumn: return row.label;
        case SourceColumn: return row.source;
        case ShardColumn: return row.shard;
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case IdColumn:
        case ShardColumn: return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        case LabelColumn: return QVariant(Qt::AlignCenter);
        default: return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
        }
    }
    return {};
}

QVariant PairTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn: return tr("#");
    case PromptColumn: return tr("Prompt");
    case LabelColumn: return tr("Label");
    case SourceColumn: return tr("Source");
    case ShardColumn: return tr("Shard");
    default: return {};
    }
}

bool PairTableModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && !m_atEnd;
}

void PairTableModel::fetchMore(const QModelIndex& parent) {
    // Views and testers may call fetchMore() from a rowsInserted or modelReset handler;
    // the change being signalled must finish first.
    if (parent.isValid() || m_atEnd || m_fetching)
        return;
    const QScopedValueRollback<bool> fetching(m_fetching, true);
    // One row more than a page tells whether another page follows.
    auto stmt = m_db.prepare(kPageSql, m_lastId, static_cast<std::int64_t>(PageSize + 1));
    if (!stmt) {
        m_atEnd = true;
        m_lastError = toQString(stmt.message());
        Q_EMIT fetchFailed(m_lastError);
        return;
    }
    auto page = readPage<Row>(*stmt, PageSize, [](const store::Statement& row) {
        Row r;
        r.id = row.int64(0);
        r.prompt = promptSummary(toQString(row.text(1)));
        r.shard = static_cast<int>(row.int64(2));
        r.label = toQString(row.optionalText(3).value_or(std::string()));
        r.source = toQString(row.optionalText(4).value_or(std::string()));
        return r;
    });
    if (!page) {
        m_atEnd = true;
        m_lastError = toQString(page.message());
        Q_EMIT fetchFailed(m_lastError);
        return;
    }
    m_atEnd = !page->more;
    QVector<Row>& rows = page->rows;
    if (rows.isEmpty())
        return;
    const qsizetype available = std::numeric_limits<int>::max() - m_rows.size();
    if (rows.size() > available) {
        rows.resize(available);
        m_atEnd = true;
    }
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(rows.size()) - 1);
    m_lastId = rows.back().id;
    m_rows.append(std::move(rows));
    endInsertRows();
}

void PairTableModel::reload() {
    const QScopedValueRollback<bool> resetting(m_fetching, true);
    beginResetModel();
    m_rows.clear();
    m_rows.squeeze();
    m_lastId = 0;
    m_atEnd = false;
    m_lastError.clear();
    endResetModel();
}

std::int64_t PairTableModel::pairIdAt(int row) const {
    if (row < 0 || row >= m_rows.size())
        return -1;
    return m_rows[row].id;
}

int PairTableModel::rowOfPair(std::int64_t pairId) const {
    // Rows are loaded in ascending id order.
    auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), pairId,
                               [](const Row& row, std::int64_t id) { return row.id < id; });
    if (it == m_rows.cend() || it->id != pairId)
        return -1;
    return static_cast<int>(it - m_rows.cbegin());
}

QString PairTableModel::promptSummary(const QString& text, int maxChars) {
    const QString trimmed = text.trimmed();
    const qsizetype newline = trimmed.indexOf(QLatin1Char('\n'));
    QString line = (newline >= 0 ? trimmed.left(newline) : trimmed).trimmed();
    // Tabs and other control characters would break the one-line layout.
    for (QChar& ch : line) {
        if (ch.category() == QChar::Other_Control)
            ch = QLatin1Char(' ');
    }
    if (line.size() > maxChars) {
        line.truncate(maxChars - 1);
        // Do not split a surrogate pair.
        if (!line.isEmpty() && line.back().isHighSurrogate())
            line.chop(1);
        return line + QChar(0x2026);
    }
    if (newline >= 0) // more lines follow
        return line + QStringLiteral(" ") + QChar(0x2026);
    return line;
}

} // namespace rlthf::ui
