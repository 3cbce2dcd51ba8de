#include "ui/AgreementDialog.h"

#include "document/ProjectDocument.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace rlthf::ui {

AgreementDialog::AgreementDialog(document::ProjectDocument& document, QString leadName,
                                 QWidget* parent)
    : QDialog(parent), m_document(document), m_lead(std::move(leadName)) {
    setWindowTitle(tr("Annotator Agreement"));
    m_summary = new QLabel(this);
    m_summary->setTextFormat(Qt::PlainText);
    m_counts = new QTableWidget(0, 4, this);
    m_counts->setHorizontalHeaderLabels({tr("Annotator"), tr("Verdicts"), tr("A / B"), tr("Settled")});
    m_counts->horizontalHeader()->setStretchLastSection(true);
    m_counts->verticalHeader()->setVisible(false);
    m_counts->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_disputed = new QListWidget(this);
    m_settleA = new QPushButton(tr("Settle: A better"), this);
    m_settleB = new QPushButton(tr("Settle: B better"), this);
    m_settleHint = new QLabel(this);
    m_settleHint->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* settleRow = new QHBoxLayout;
    settleRow->addWidget(m_settleA);
    settleRow->addWidget(m_settleB);
    settleRow->addWidget(m_settleHint, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_counts, 1);
    layout->addWidget(new QLabel(tr("Pairs the annotators disagree on (double-click to read):"), this));
    layout->addWidget(m_disputed, 1);
    layout->addLayout(settleRow);
    layout->addWidget(new QLabel(tr("Verdicts given after a settlement that disagree with it:"), this));
    m_contradicted = new QListWidget(this);
    layout->addWidget(m_contradicted, 1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_settleA, &QPushButton::clicked, this, [this] { settleSelected('a'); });
    connect(m_settleB, &QPushButton::clicked, this, [this] { settleSelected('b'); });
    connect(m_disputed, &QListWidget::currentItemChanged, this,
            &AgreementDialog::updateSettleButtons);
    for (QListWidget* list : {m_disputed, m_contradicted})
        connect(list, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem* item) {
            Q_EMIT pairChosen(item->data(Qt::UserRole).toLongLong());
        });
    connect(&m_document, &document::ProjectDocument::verdictWritten, this,
            [this](quint64 ticket, qint64 pairId, bool, const document::WriteOutcome& outcome) {
                onWritten(ticket, pairId, outcome);
            });
    reload();
    resize(560, 520);
}

void AgreementDialog::reload() {
    auto stats = m_document.agreement();
    m_counts->setRowCount(0);
    m_disputed->clear();
    m_contradicted->clear();
    if (!stats) {
        m_summary->setText(QString::fromStdString(stats.message()));
        return;
    }
    for (const auto& a : stats->annotators) {
        const int row = m_counts->rowCount();
        m_counts->insertRow(row);
        const QString name = QString::fromStdString(a.annotator);
        m_counts->setItem(row, 0, new QTableWidgetItem(name.isEmpty() ? tr("(unnamed)") : name));
        m_counts->setItem(row, 1, new QTableWidgetItem(QLocale().toString(a.verdicts)));
        m_counts->setItem(row, 2,
                          new QTableWidgetItem(QStringLiteral("%1 / %2").arg(
                              QLocale().toString(a.a), QLocale().toString(a.b))));
        m_counts->setItem(row, 3, new QTableWidgetItem(QLocale().toString(a.settled)));
    }
    m_summary->setText(stats->agreement
                           ? tr("%1 pairs were judged by several annotators; they agree on %2 (%3%).")
                                 .arg(stats->sharedPairs)
                                 .arg(stats->agreeingPairs)
                                 .arg(qRound(100 * *stats->agreement))
                           : tr("No pair has been judged by more than one annotator yet."));
    for (qint64 pair : stats->unsettledPairs) {
        auto* item = new QListWidgetItem(tr("Pair %1").arg(pair), m_disputed);
        item->setData(Qt::UserRole, pair);
    }
    for (const auto& d : stats->settlementDisputes) {
        auto* item = new QListWidgetItem(tr("Pair %1: settled %2, %3 says %4")
                                             .arg(d.pairId)
                                             .arg(QChar(d.settled).toUpper())
                                             .arg(QString::fromStdString(d.annotator))
                                             .arg(QChar(d.verdict).toUpper()),
                                         m_contradicted);
        item->setData(Qt::UserRole, qint64(d.pairId));
    }
    updateSettleButtons();
}

QString AgreementDialog::settleHint() const {
    if (m_lead.trimmed().isEmpty())
        return tr("Settling needs your name: Review \u25b8 Annotator Name\u2026");
    if (m_disputed->count() == 0)
        return {};
    if (!m_disputed->currentItem())
        return tr("Choose a pair above to settle it.");
    return {};
}

// A click without a pair chosen, or without a name to sign it, would do nothing: the buttons
// say so by being off, and the hint says why.
void AgreementDialog::updateSettleButtons() {
    const bool ready = canSettle();
    m_settleA->setEnabled(ready);
    m_settleB->setEnabled(ready);
    m_settleHint->setText(settleHint());
}

bool AgreementDialog::canSettle() const {
    return m_disputed->currentItem() && !m_lead.trimmed().isEmpty() && m_ticket == 0;
}

bool AgreementDialog::settleSelected(char value) {
    if (!canSettle())
        return false;
    loop::VerdictRequest request;
    request.pairId = m_disputed->currentItem()->data(Qt::UserRole).toLongLong();
    request.verdict = value == 'a' ? loop::Verdict::SettleA : loop::Verdict::SettleB;
    request.annotator = m_lead.trimmed().toStdString();
    m_ticket = m_document.record(std::move(request));
    updateSettleButtons(); // one settlement at a time
    return m_ticket != 0;
}

void AgreementDialog::onWritten(quint64 ticket, qint64 pairId,
                                const document::WriteOutcome& outcome) {
    if (ticket != m_ticket)
        return;
    m_ticket = 0;
    if (!outcome.ok()) {
        m_summary->setText(QString::fromStdString(outcome.error));
        updateSettleButtons();
        return;
    }
    reload();
    Q_EMIT settled(pairId);
}

} // namespace rlthf::ui
