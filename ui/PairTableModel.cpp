#include "ui/PairTableModel.h"

#include "document/ProjectDocument.h"
#include "vocab/Vocabulary.h"

#include <QScopedValueRollback>
#include <algorithm>
#include <limits>

namespace rlthf::ui {

namespace {

QString toQString(const std::string& text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace

PairTableModel::PairTableModel(document::ProjectDocument& document, QObject* parent)
    : QAbstractTableModel(parent), m_document(document) {}

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
        case IdColumn:
            return QVariant::fromValue<qint64>(row.id);
        case PromptColumn:
            return row.prompt;
        case LabelColumn:
            return row.label;
        case SourceColumn:
            return row.source ? labelOf(*row.source) : row.unknownSource;
        case ShardColumn:
            return row.shard;
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case IdColumn:
        case ShardColumn:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        case LabelColumn:
            return QVariant(Qt::AlignCenter);
        default:
            return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
        }
    }
    return {};
}

QVariant PairTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return tr("#");
    case PromptColumn:
        return tr("Prompt");
    case LabelColumn:
        return tr("Label");
    case SourceColumn:
        return tr("Source");
    case ShardColumn:
        return tr("Shard");
    default:
        return {};
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
    auto page = m_document.pairPage(m_lastId, PageSize);
    if (!page) {
        m_atEnd = true;
        m_lastError = toQString(page.message());
        Q_EMIT fetchFailed(m_lastError);
        return;
    }
    m_atEnd = !page->more;
    QVector<Row> rows;
    rows.reserve(static_cast<qsizetype>(page->rows.size()));
    for (const document::PairRow& row : page->rows) {
        Row r;
        r.id = row.id;
        r.prompt = promptSummary(toQString(row.promptStart));
        r.shard = row.shard;
        r.label = toQString(row.label.value_or(std::string()));
        r.source = row.source ? parseId<LabelSource>(*row.source) : std::nullopt;
        if (!r.source)
            r.unknownSource = toQString(row.source.value_or(std::string()));
        rows.push_back(std::move(r));
    }
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
