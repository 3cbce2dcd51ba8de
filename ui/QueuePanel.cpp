#include "ui/QueuePanel.h"

#include "document/ProjectDocument.h"
#include "ui/i18n/TranslatedTexts.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace rlthf::ui {

QueuePanel::QueuePanel(QWidget* parent) : QWidget(parent) {
    m_filter = new QComboBox(this);
    m_filter->setObjectName(QStringLiteral("queueFilter"));
    for (const auto filter : {QueueModel::Filter::ToReview, QueueModel::Filter::AutoFlipped,
                              QueueModel::Filter::Kept, QueueModel::Filter::Reviewed})
        m_filter->addItem(QString(), static_cast<int>(filter));
    m_annotator = new QComboBox(this);
    m_annotator->setObjectName(QStringLiteral("annotatorFilter"));
    m_annotator->setEnabled(false);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("queueTable"));
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setVisible(false);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    // The review panel owns the keys; the queue is for the mouse and for looking.
    m_view->setFocusPolicy(Qt::ClickFocus);

    auto* filters = new QHBoxLayout;
    m_showLabel = new QLabel(this);
    filters->addWidget(m_showLabel);
    filters->addWidget(m_filter, 1);
    filters->addWidget(m_annotator, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);

    connect(m_filter, &QComboBox::currentIndexChanged, this, &QueuePanel::applyFilter);
    connect(m_annotator, &QComboBox::currentIndexChanged, this, &QueuePanel::applyFilter);
    retranslate();
}

void QueuePanel::retranslate() {
    m_showLabel->setText(tr("Show"));
    const QString filters[] = {tr("To review"), tr("Auto-flipped"), tr("Kept"), tr("Reviewed")};
    for (int i = 0; i < m_filter->count(); ++i)
        m_filter->setItemText(i, filters[i]);
    if (m_annotator->count() > 0)
        m_annotator->setItemText(0, tr("All annotators"));
    if (m_model)
        retranslateModel(*m_model);
}

void QueuePanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void QueuePanel::setDocument(document::ProjectDocument* document) {
    m_document = document;
    QItemSelectionModel* oldSelection = m_view->selectionModel();
    QueueModel* oldModel = m_model;
    m_model = document ? new QueueModel(*document, this) : nullptr;
    m_view->setModel(m_model);
    delete oldSelection;
    delete oldModel;
    if (!m_model)
        return;
    m_model->setBlind(m_blind);
    QHeaderView* header = m_view->horizontalHeader();
    header->setStretchLastSection(true);
    header->setSectionResizeMode(QHeaderView::Interactive);
    // The short columns follow what they show (a header in Japanese, a longer reason); the
    // prompt takes the rest, elided, in full in its tooltip.
    connect(m_model, &QAbstractItemModel::modelReset, this, &QueuePanel::fitColumns);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &QueuePanel::fitColumns);
    connect(m_model, &QAbstractItemModel::headerDataChanged, this, &QueuePanel::fitColumns);
    // A new model shows every column: blind review hides the margin's again.
    m_view->setColumnHidden(QueueModel::MarginColumn, m_blind);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    Q_EMIT pairActivated(m_model->pairIdAt(current.row()));
            });
    refreshAnnotators();
    applyFilter();
}

void QueuePanel::fitColumns() {
    for (const int column : {QueueModel::PairColumn, QueueModel::OrderColumn,
                             QueueModel::ReasonColumn, QueueModel::MarginColumn})
        m_view->resizeColumnToContents(column);
}

void QueuePanel::refreshAnnotators() {
    const QSignalBlocker blocker(m_annotator);
    const QString current = m_annotator->currentData().toString();
    m_annotator->clear();
    m_annotator->addItem(tr("All annotators"), QString());
    if (m_document) {
        auto names = m_document->annotatorNames();
        for (const std::string& text : names ? *names : std::vector<std::string>{}) {
            const QString name = QString::fromStdString(text);
            m_annotator->addItem(name, name);
        }
    }
    const int index = m_annotator->findData(current);
    m_annotator->setCurrentIndex(index >= 0 ? index : 0);
}

void QueuePanel::applyFilter() {
    if (!m_model)
        return;
    const auto filter = static_cast<QueueModel::Filter>(m_filter->currentData().toInt());
    const bool byAnnotator = filter == QueueModel::Filter::Reviewed;
    m_annotator->setEnabled(byAnnotator);
    m_model->setFilter(filter, byAnnotator ? m_annotator->currentData().toString() : QString());
    if (m_model->canFetchMore({}))
        m_model->fetchMore({});
    Q_EMIT filterChanged();
}

void QueuePanel::reload() {
    if (!m_model)
        return;
    refreshAnnotators();
    m_model->reload();
    if (m_model->canFetchMore({}))
        m_model->fetchMore({});
}

void QueuePanel::setBlind(bool blind) {
    m_blind = blind;
    if (m_model)
        m_model->setBlind(blind);
    m_view->setColumnHidden(QueueModel::MarginColumn, blind);
}

void QueuePanel::selectPair(std::int64_t pairId) {
    if (!m_model)
        return;
    const int row = m_model->rowOfPair(pairId);
    const QSignalBlocker blocker(m_view->selectionModel());
    if (row >= 0)
        m_view->selectRow(row);
    else
        m_view->clearSelection();
}

} // namespace rlthf::ui
