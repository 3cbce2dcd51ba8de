#include "ui/QueueModel.h"

#include "document/ProjectDocument.h"
#include "ui/PairTableModel.h"
#include "vocab/Vocabulary.h"

#include <QLocale>
#include <QScopedValueRollback>
#include <limits>

namespace rlthf::ui {

namespace {

QString toQString(const std::string& text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace

QString QueueModel::reasonText(const QString& reason) {
    const std::string id = reason.toStdString();
    if (const auto queued = parseId<QueueReason>(id))
        return labelOf(*queued);
    if (const auto zone = parseId<Zone>(id))
        return labelOf(*zone);
    if (reason == QLatin1String("uncertain"))
        return tr("judge unsure");
    return reason; // a verdict (a, b) or an annotator's name
}

QueueModel::QueueModel(document::ProjectDocument& document, QObject* parent)
    : QAbstractTableModel(parent), m_document(document) {}

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
    // The column is narrow: the prompt's start in full, wrapped, on hovering.
    if (role == Qt::ToolTipRole && index.column() == PromptColumn)
        return QStringLiteral("<p>%1</p>").arg(row.prompt.toHtmlEscaped());
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case PairColumn: return QVariant::fromValue<qint64>(row.pairId);
    case OrderColumn: return row.order;
    case ReasonColumn: return reasonText(row.reason);
    case MarginColumn:
        if (m_blind || !row.hasMargin)
            return QString();
        return QLocale().toString(row.margin, 'f', 3);
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
    auto page = m_document.queuePage(m_filter, m_lastKey, PageSize, m_annotator.toStdString());
    if (!page) {
        m_atEnd = true;
        Q_EMIT fetchFailed(toQString(page.message()));
        return;
    }
    m_atEnd = !page->more;
    if (page->rows.empty())
        return;
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(page->rows.size()) - 1);
    m_lastKey = page->rows.back().key;
    for (const document::QueueRow& row : page->rows) {
        Row r;
        r.key = row.key;
        r.pairId = row.pairId;
        r.order = toQString(row.order.value_or(std::string()));
        r.reason = toQString(row.reason.value_or(std::string()));
        r.hasMargin = row.margin.has_value();
        r.margin = row.margin.value_or(0.0);
        r.prompt = PairTableModel::promptSummary(toQString(row.promptStart));
        m_rows.append(std::move(r));
    }
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
    auto page = m_document.queuePage(m_filter, std::numeric_limits<std::int64_t>::min(),
                                    limit, m_annotator.toStdString());
    if (!page)
        return ids;
    for (const auto& row : page->rows)
        ids.push_back(row.pairId);
    return ids;
}

} // namespace rlthf::ui
