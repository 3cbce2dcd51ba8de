#include "ui/PairView.h"

#include "store/Database.h"

#include <QFont>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QVBoxLayout>

namespace rlthf::ui {

namespace {

QString toQString(const std::string& text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QLabel* makeHeader(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

QPlainTextEdit* makeTextPane(const QString& objectName, QWidget* parent) {
    auto* edit = new QPlainTextEdit(parent);
    edit->setObjectName(objectName);
    edit->setReadOnly(true);
    edit->setUndoRedoEnabled(false);
    edit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    edit->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    edit->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return edit;
}

// A header above a text pane, as one widget for a splitter.
QWidget* titled(const QString& title, QPlainTextEdit* edit, QWidget* parent) {
    auto* box = new QWidget(parent);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(makeHeader(title, box));
    edit->setParent(box);
    layout->addWidget(edit, 1);
    return box;
}

QString sourceName(const QString& source) {
    if (source == QLatin1String("ai"))
        return PairView::tr("AI");
    if (source == QLatin1String("gold"))
        return PairView::tr("gold");
    if (source == QLatin1String("human"))
        return PairView::tr("human");
    if (source == QLatin1String("flipped"))
        return PairView::tr("flipped");
    if (source == QLatin1String("propagated"))
        return PairView::tr("propagated");
    return source;
}

} // namespace

PairView::PairView(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);

    auto* headerRow = new QHBoxLayout;
    headerRow->setSpacing(12);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("pairTitle"));
    m_title->setTextFormat(Qt::PlainText);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("pairLabel"));
    m_label->setTextFormat(Qt::PlainText);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    headerRow->addWidget(m_title);
    headerRow->addWidget(m_label, 1);
    layout->addLayout(headerRow);

    m_prompt = makeTextPane(QStringLiteral("promptEdit"), this);
    m_responseA = makeTextPane(QStringLiteral("responseAEdit"), this);
    m_responseB = makeTextPane(QStringLiteral("responseBEdit"), this);

    m_vertical = new QSplitter(Qt::Vertical, this);
    m_vertical->setChildrenCollapsible(false);
    m_vertical->addWidget(titled(tr("Prompt"), m_prompt, m_vertical));

    m_responses = new QSplitter(Qt::Horizontal, m_vertical);
    m_responses->setChildrenCollapsible(false);
    m_responses->addWidget(titled(tr("Response A"), m_responseA, m_responses));
    m_responses->addWidget(titled(tr("Response B"), m_responseB, m_responses));
    m_responses->setStretchFactor(0, 1);
    m_responses->setStretchFactor(1, 1);
    m_vertical->addWidget(m_responses);
    m_vertical->setStretchFactor(0, 1);
    m_vertical->setStretchFactor(1, 4);
    m_vertical->setSizes({150, 600});
    layout->addWidget(m_vertical, 1);

    clear();
}

void PairView::setDatabase(store::Database* db) {
    m_db = db;
    clear();
}

void PairView::clear() {
    m_pairId = -1;
    m_title->setText(tr("No pair selected"));
    m_label->clear();
    m_prompt->clear();
    m_responseA->clear();
    m_responseB->clear();
}

bool PairView::showPair(std::int64_t pairId) {
    clear();
    if (!m_db) {
        m_label->setText(tr("No project is open."));
        return false;
    }
    auto pair = m_db->prepare(
        "SELECT prompt, response_a, response_b, external_id, shard FROM pairs WHERE id = ?",
        pairId);
    auto found = pair ? pair->step() : Result<bool>(pair.error());
    if (!found || !*found) {
        m_title->setText(tr("Pair #%1").arg(pairId));
        m_label->setText(found ? tr("This pair no longer exists.")
                               : tr("Cannot read the pair: %1").arg(toQString(found.message())));
        return false;
    }
    m_pairId = pairId;
    const auto externalId = pair->optionalText(3);
    QString title = tr("Pair #%1").arg(pairId);
    if (externalId && !externalId->empty())
        title += QStringLiteral(" (%1)").arg(toQString(*externalId));
    title += QStringLiteral("  \u00b7  ") + tr("shard %1").arg(pair->int64(4));
    m_title->setText(title);
    m_prompt->setPlainText(toQString(pair->text(0)));
    m_responseA->setPlainText(toQString(pair->text(1)));
    m_responseB->setPlainText(toQString(pair->text(2)));

    auto label = m_db->prepare(
        "SELECT value, source, annotator FROM current_labels WHERE pair_id = ?", pairId);
    auto hasLabel = label ? label->step() : Result<bool>(label.error());
    if (!hasLabel) {
        m_label->setText(tr("Label: unknown (%1)").arg(toQString(hasLabel.message())));
    } else if (!*hasLabel) {
        m_label->setText(tr("Label: none"));
    } else {
        const QString value = toQString(label->text(0)).toUpper();
        QString line = tr("Label: %1 preferred  \u00b7  source: %2")
                           .arg(value, sourceName(toQString(label->text(1))));
        const auto annotator = label->optionalText(2);
        if (annotator && !annotator->empty())
            line += QStringLiteral("  \u00b7  ") + tr("annotator: %1").arg(toQString(*annotator));
        m_label->setText(line);
    }
    return true;
}

QString PairView::labelLine() const {
    return m_title->text() + QStringLiteral("  \u00b7  ") + m_label->text();
}

} // namespace rlthf::ui
