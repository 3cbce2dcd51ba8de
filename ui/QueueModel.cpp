#include "ui/QueueModel.h"

#include "ui/PairTableModel.h"

#include "loop/Review.h"
#include "store/Database.h"
#include "ui/PageReader.h"

#include <QScopedValueRollback>

namespace rlthf::ui {

namespace {

// Each query returns: key (ascending), pair id, order text, reason, margin, prompt start.
// The open queue as core defines it, paged by priority.
const std::string& toReviewSql() {
    static const std::string sql = std::string(R"sql(
SELECT q.priority, q.pair_id, CASE WHEN q.iteration_id IS NOT NULL THEN q.priority END, q.reason,
       s.margin, substr(p.prompt, 1, 300)
FROM )sql") + loop::openQueuePageSource() + R"sql(
JOIN pairs p ON p.id = q.pair_id
LEFT JOIN model_runs m ON m.iteration_id = q.iteration_id
LEFT JOIN scores s ON s.model_run_id = m.id AND s.pair_id = q.pair_id
WHERE q.priority > ?1 AND ?3 IS NOT NULL ORDER BY q.priority LIMIT ?2)sql";
    return sql;
}

constexpr const char* kAutoFlippedSql = R"sql(
SELECT e.id, e.pair_id, e.iteration, 'flip', e.margin, substr(p.prompt, 1, 300)
FROM active_labels e JOIN pairs p ON p.id = e.pair_id
WHERE e.source = 'flipped' AND e.id > ?1 AND ?3 IS NOT NULL
ORDER BY e.id LIMIT ?2)sql";

constexpr const char* kKeptSql = R"sql(
SELECT s.rank, s.pair_id, s.rank, s.zone, s.margin, substr(p.prompt, 1, 300)
FROM scores s JOIN pairs p ON p.id = s.pair_id
WHERE s.model_run_id = (SELECT m.id FROM model_runs m JOIN iterations i ON i.id = m.iteration_id
                        WHERE i.status = 'done' ORDER BY m.id DESC LIMIT 1)
  AND s.zone = 'kept' AND s.rank > ?1 AND ?3 IS NOT NULL
ORDER BY s.rank LIMIT ?2)sql";

constexpr const char* kReviewedSql = R"sql(
SELECT e.id, e.pair_id, e.annotator, e.value, NULL, substr(p.prompt, 1, 300)
FROM active_labels e JOIN pairs p ON p.id = e.pair_id
WHERE e.source = 'human' AND e.id > ?1 AND (?3 = '' OR e.annotator = ?3)
ORDER BY e.id LIMIT ?2)sql";

QString toQString(const std::string& text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace

QString QueueModel::reasonText(const QString& reason) {
    if (reason == QLatin1String("zone"))
        return tr("zone");
    if (reason == QLatin1String("top_up"))
        return tr("top-up");
    if (reason == QLatin1String("audit"))
        return tr("audit");
    if (reason == QLatin1String("flip_check"))
        return tr("flip check");
    if (reason == QLatin1String("uncertain"))
        return tr("judge unsure");
    if (reason == QLatin1String("kept"))
        return tr("kept");
    if (reason == QLatin1String("flip"))
        return tr("flip");
    return reason; // a verdict (a, b) or an annotator's name
}

const char* QueueModel::pageSql(Filter filter) {
    switch (filter) {
    case Filter::ToReview: return toReviewSql().c_str();
    case Filter::AutoFlipped: return kAutoFlippedSql;
    case Filter::Kept: return kKeptSql;
    case Filter::Reviewed: return kReviewedSql;
    }
    return toReviewSql().c_str();
}

QueueModel::QueueModel(store::Database& db, QObject* parent) : QAbstractTableModel(parent), m_db(db) {}

int QueueModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int QueueModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueueModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[index.row()];
    if (role == Qt::UserRole)
        return QVariant::fromValue<qint64>(row.pairId);
    if (role == Qt::TextAlignmentRole)
        return index.column() == PromptColumn ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                              : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case PairColumn: return QVariant::fromValue<qint64>(row.pairId);
    case OrderColumn: return row.order;
    case ReasonColumn: return reasonText(row.reason);
    case MarginColumn:
        if (m_blind || !row.hasMargin)
            return QString();
        return QString::number(row.margin, 'f', 3);
    case PromptColumn: return row.prompt;
    default: return {};
    }
}

QVariant QueueModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PairColumn: return tr("Pair");
    case OrderColumn:
        switch (m_filter) {
        case Filter::ToReview: return tr("Priority");
        case Filter::AutoFlipped: return tr("Iteration");
        case Filter::Kept: return tr("Rank");
        case Filter::Reviewed: return tr("Annotator");
        }
        return {};
    case ReasonColumn: return m_filter == Filter::Reviewed ? tr("Verdict") : tr("Why");
    case MarginColumn: return tr("Margin");
    case PromptColumn: return tr("Prompt");
    default: return {};
    }
}

bool QueueModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && !m_atEnd;
}

void QueueModel::fetchMore(const QModelIndex& parent) {
    if (parent.isValid() || m_atEnd || m_fetching)
        return;
    const QScopedValueRollback<bool> fetching(m_fetching, true);
    auto stmt = m_db.prepare(pageSql(m_filter), m_lastKey, std::int64_t{PageSize + 1},
                             m_annotator.toStdString());
    if (!stmt) {
        m_atEnd = true;
        Q_EMIT fetchFailed(toQString(stmt.message()));
        return;
    }
    auto page = readPage<Row>(*stmt, PageSize, [](const store::Statement& row) {
        Row r;
        r.key = row.int64(0);
        r.pairId = row.int64(1);
        r.order = toQString(row.optionalText(2).value_or(std::string()));
        r.reason = toQString(row.optionalText(3).value_or(std::string()));
        r.hasMargin = !row.isNull(4);
        r.margin = r.hasMargin ? row.real(4) : 0.0;
        r.prompt = PairTableModel::promptSummary(toQString(row.text(5)));
        return r;
    });
    if (!page) {
        m_atEnd = true;
        Q_EMIT fetchFailed(toQString(page.message()));
        return;
    }
    m_atEnd = !page->more;
    if (page->rows.isEmpty())
        return;
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(page->rows.size()) - 1);
    m_lastKey = page->rows.back().key;
    m_rows.append(std::move(page->rows));
    endInsertRows();
}

void QueueModel::setFilter(Filter filter, const QString& annotator) {
    m_filter = filter;
    m_annotator = annotator;
    reload();
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

void QueueModel::setBlind(bool blind) {
    if (m_blind == blind)
        return;
    m_blind = blind;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, MarginColumn), index(rowCount() - 1, MarginColumn));
}

void QueueModel::reload() {
    const QScopedValueRollback<bool> resetting(m_fetching, true);
    beginResetModel();
    m_rows.clear();
    m_lastKey = std::numeric_limits<std::int64_t>::min();
    m_atEnd = false;
    endResetModel();
}

bool QueueModel::removePair(std::int64_t pairId) {
    const int row = rowOfPair(pairId);
    if (row < 0)
        return false;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    return true;
}

std::int64_t QueueModel::pairIdAt(int row) const {
    return row >= 0 && row < m_rows.size() ? m_rows[row].pairId : -1;
}

int QueueModel::rowOfPair(std::int64_t pairId) const {
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].pairId == pairId)
            return i;
    return -1;
}

std::vector<std::int64_t> QueueModel::pairIds(int limit) const {
    std::vector<std::int64_t> ids;
    auto stmt = m_db.prepare(pageSql(m_filter), std::int64_t{-1}, std::int64_t{limit},
                             m_annotator.toStdString());
    if (!stmt)
        return ids;
    while (true) {
        auto step = stmt->step();
        if (!step || !*step)
            break;
        ids.push_back(stmt->int64(1));
    }
    return ids;
}

} // namespace rlthf::ui
