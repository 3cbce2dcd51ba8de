#include "ui/review/ReviewPanel.h"

#include "document/ProjectDocument.h"
#include "ui/review/WordDiff.h"

#include <QAction>
#include <QCheckBox>
#include <QCoreApplication>
#include <QEvent>
#include <QFont>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QList>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTextCursor>
#include <QTextEdit>
#include <QVBoxLayout>
#include <algorithm>

namespace rlthf::ui::review {

namespace {

QString toQString(const std::string& text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QLabel* makeLabel(QWidget* parent, const char* objectName, bool bold = false) {
    auto* label = new QLabel(parent);
    label->setObjectName(QLatin1String(objectName));
    label->setTextFormat(Qt::PlainText);
    if (bold) {
        QFont font = label->font();
        font.setBold(true);
        label->setFont(font);
    }
    return label;
}

QPlainTextEdit* makeTextPane(QWidget* parent, const char* objectName) {
    auto* edit = new QPlainTextEdit(parent);
    edit->setObjectName(QLatin1String(objectName));
    edit->setReadOnly(true);
    edit->setUndoRedoEnabled(false);
    edit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    edit->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    edit->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    // Clicking in a pane to select text must not steal the review keys for long.
    edit->setFocusPolicy(Qt::ClickFocus);
    return edit;
}

// A header above a text pane, as one widget for a splitter.
QWidget* titled(QLabel* header, QPlainTextEdit* edit, QWidget* parent) {
    auto* box = new QWidget(parent);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    header->setParent(box);
    layout->addWidget(header);
    edit->setParent(box);
    layout->addWidget(edit, 1);
    return box;
}

QList<QTextEdit::ExtraSelection>
selections(QPlainTextEdit* edit, const std::vector<TextRange>& ranges, const QColor& colour) {
    QList<QTextEdit::ExtraSelection> out;
    out.reserve(static_cast<qsizetype>(ranges.size()));
    QTextDocument* document = edit->document();
    const int end = document->characterCount() - 1;
    for (const TextRange& range : ranges) {
        if (range.start >= end)
            break;
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(document);
        selection.cursor.setPosition(range.start);
        selection.cursor.setPosition(std::min(range.start + range.length, end),
                                     QTextCursor::KeepAnchor);
        selection.format.setBackground(colour);
        out.push_back(selection);
    }
    return out;
}

bool isEnterKey(int key) {
    return key == Qt::Key_Return || key == Qt::Key_Enter;
}

} // namespace

ReviewPanel::ReviewPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("reviewPanel"));
    // The panel itself holds the focus during a review, so its shortcuts apply.
    setFocusPolicy(Qt::StrongFocus);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);

    auto* headerRow = new QHBoxLayout;
    headerRow->setSpacing(12);
    m_title = makeLabel(this, "reviewTitle", true);
    // Wraps rather than widening the window: a long title (a hint, a long external id) made
    // the window wider than the screen, its right-hand dock cut off.
    m_title->setWordWrap(true);
    m_modelInfo = makeLabel(this, "modelInfo");
    m_modelInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_blindNote = makeLabel(this, "blindNote");
    m_diffBox = new QCheckBox(this);
    m_diffBox->setObjectName(QStringLiteral("diffHighlightBox"));
    m_diffBox->setFocusPolicy(Qt::NoFocus);
    headerRow->addWidget(m_title);
    headerRow->addWidget(m_modelInfo);
    headerRow->addWidget(m_blindNote);
    headerRow->addStretch(1);
    headerRow->addWidget(m_diffBox);
    layout->addLayout(headerRow);

    m_status = makeLabel(this, "reviewStatus");
    m_status->setWordWrap(true);
    m_status->setVisible(false);
    layout->addWidget(m_status);

    m_prompt = makeTextPane(this, "promptEdit");
    m_responseA = makeTextPane(this, "responseAEdit");
    m_responseB = makeTextPane(this, "responseBEdit");
    m_promptHeader = makeLabel(this, "promptHeader", true);
    m_headerA = makeLabel(this, "responseAHeader", true);
    m_headerB = makeLabel(this, "responseBHeader", true);

    m_vertical = new QSplitter(Qt::Vertical, this);
    m_vertical->setChildrenCollapsible(false);
    m_vertical->addWidget(titled(m_promptHeader, m_prompt, m_vertical));
    m_responses = new QSplitter(Qt::Horizontal, m_vertical);
    m_responses->setChildrenCollapsible(false);
    m_responses->addWidget(titled(m_headerA, m_responseA, m_responses));
    m_responses->addWidget(titled(m_headerB, m_responseB, m_responses));
    m_responses->setStretchFactor(0, 1);
    m_responses->setStretchFactor(1, 1);
    m_vertical->addWidget(m_responses);
    m_vertical->setStretchFactor(0, 1);
    m_vertical->setStretchFactor(1, 4);
    m_vertical->setSizes({150, 600});
    layout->addWidget(m_vertical, 1);

    m_comment = new QLineEdit(this);
    m_comment->setObjectName(QStringLiteral("commentEdit"));
    m_comment->setClearButtonEnabled(true);
    m_comment->installEventFilter(this);
    layout->addWidget(m_comment);

    auto makeAction = [this](const QList<QKeySequence>& keys, const char* objectName) {
        auto* action = new QAction(this);
        action->setObjectName(QLatin1String(objectName));
        action->setShortcuts(keys);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setAutoRepeat(false);
        addAction(action);
        return action;
    };
    m_aAction = makeAction({QKeySequence(Qt::Key_1), QKeySequence(Qt::Key_Left)}, "verdictA");
    m_bAction = makeAction({QKeySequence(Qt::Key_2), QKeySequence(Qt::Key_Right)}, "verdictB");
    m_confirmAction =
        makeAction({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)}, "verdictConfirm");
    m_flipAction = makeAction({QKeySequence(Qt::Key_F)}, "verdictFlip");
    m_skipAction = makeAction({QKeySequence(Qt::Key_S)}, "verdictSkip");
    m_commentAction = makeAction({QKeySequence(Qt::Key_C)}, "focusComment");
    m_diffAction = makeAction({QKeySequence(Qt::Key_D)}, "toggleDiff");
    m_diffAction->setCheckable(true);

    connect(m_aAction, &QAction::triggered, this, [this] { request(loop::Verdict::A); });
    connect(m_bAction, &QAction::triggered, this, [this] { request(loop::Verdict::B); });
    connect(m_confirmAction, &QAction::triggered, this,
            [this] { request(loop::Verdict::Confirm); });
    connect(m_flipAction, &QAction::triggered, this, [this] { request(loop::Verdict::Flip); });
    connect(m_skipAction, &QAction::triggered, this, [this] { request(loop::Verdict::Skip); });
    connect(m_commentAction, &QAction::triggered, this, [this] {
        m_comment->setFocus(Qt::ShortcutFocusReason);
        m_comment->selectAll();
    });
    connect(m_diffAction, &QAction::toggled, this, &ReviewPanel::setDiffHighlight);
    connect(m_diffBox, &QCheckBox::toggled, this, &ReviewPanel::setDiffHighlight);

    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(6);
    auto makeButton = [this, buttons](QAction* action, const char* objectName) {
        auto* button = new QPushButton(this);
        button->setObjectName(QLatin1String(objectName));
        // The keys are the keyboard path; a focused button must not swallow Enter.
        button->setFocusPolicy(Qt::NoFocus);
        connect(button, &QPushButton::clicked, action, &QAction::trigger);
        connect(action, &QAction::enabledChanged, button, &QPushButton::setEnabled);
        buttons->addWidget(button);
        return button;
    };
    m_aButton = makeButton(m_aAction, "buttonA");
    m_bButton = makeButton(m_bAction, "buttonB");
    m_confirmButton = makeButton(m_confirmAction, "buttonConfirm");
    m_flipButton = makeButton(m_flipAction, "buttonFlip");
    buttons->addStretch(1);
    m_skipButton = makeButton(m_skipAction, "buttonSkip");
    layout->addLayout(buttons);

    retranslate();
    setBlindMode(true);
    clear();
}

ReviewPanel::~ReviewPanel() = default;

void ReviewPanel::retranslate() {
    m_promptHeader->setText(tr("Prompt"));
    m_headerA->setText(tr("Response A"));
    m_headerB->setText(tr("Response B"));
    m_blindNote->setText(tr("Blind review: the AI's choice is hidden"));
    m_diffBox->setText(tr("Highlight differences (D)"));
    m_comment->setPlaceholderText(
        tr("Comment (optional, C to type; Enter returns to the verdict keys)"));
    m_aButton->setText(tr("A better (1)"));
    m_bButton->setText(tr("B better (2)"));
    m_confirmButton->setText(tr("Confirm AI (Enter)"));
    m_flipButton->setText(tr("Flip AI (F)"));
    m_skipButton->setText(tr("Skip (S)"));
    m_aAction->setText(tr("A better"));
    m_bAction->setText(tr("B better"));
    m_confirmAction->setText(tr("Confirm AI"));
    m_flipAction->setText(tr("Flip AI"));
    m_skipAction->setText(tr("Skip"));
    m_commentAction->setText(tr("Comment"));
    m_diffAction->setText(tr("Highlight differences"));
    updateTitle();
    updateModelInfo();
}

QString ReviewPanel::emptyTitle() const {
    // A new project's first step is to bring pairs in; the window takes dropped files too.
    if (m_document && m_document->pairCount() == 0)
        return tr("No pairs yet: File \u25b8 Import\u2026, or drop files on the window");
    return tr("No pair to review");
}

void ReviewPanel::updateTitle() {
    if (m_pairId < 0) {
        m_title->setText(emptyTitle());
        return;
    }
    QString title = tr("Pair #%1").arg(m_pairId);
    if (!m_externalId.isEmpty())
        title += QStringLiteral(" (%1)").arg(m_externalId);
    m_title->setText(title);
}

void ReviewPanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ReviewPanel::setDocument(document::ProjectDocument* document) {
    disconnect(m_pairsCounted); // safe also when that document is gone
    m_document = document;
    if (m_document) // an import's pairs are counted after it ends
        m_pairsCounted = connect(m_document, &document::ProjectDocument::pairsChanged, this,
                                 &ReviewPanel::updateTitle);
    clear();
}

void ReviewPanel::clear() {
    m_pairId = -1;
    m_margin.reset();
    m_zone.reset();
    m_aiChoice.reset();
    m_externalId.clear();
    m_title->setText(emptyTitle());
    m_prompt->clear();
    m_responseA->clear();
    m_responseB->clear();
    m_comment->clear();
    setStatusMessage({});
    applyDiff();
    updateModelInfo();
    updateEnabled();
}

bool ReviewPanel::showPair(qint64 pairId) {
    const bool commentHadFocus = m_comment->hasFocus();
    clear();
    if (commentHadFocus)
        setFocus(Qt::OtherFocusReason);
    if (!m_document) {
        setStatusMessage(tr("No project is open."));
        return false;
    }
    auto found = m_document->pair(pairId);
    if (!found || !*found) {
        m_title->setText(tr("Pair #%1").arg(pairId));
        setStatusMessage(found ? tr("This pair no longer exists.")
                               : tr("Cannot read the pair: %1").arg(toQString(found.message())));
        return false;
    }
    const document::PairView& pair = **found;
    m_pairId = pairId;
    m_externalId = toQString(pair.externalId.value_or(std::string()));
    updateTitle();
    // setPlainText: the texts are never interpreted as markup.
    m_prompt->setPlainText(toQString(pair.prompt));
    m_responseA->setPlainText(toQString(pair.responseA));
    m_responseB->setPlainText(toQString(pair.responseB));
    m_aiChoice = pair.aiLabel;
    m_margin = pair.margin;
    m_zone = pair.zone;
    updateModelInfo();
    updateEnabled();
    applyDiff();
    return true;
}

void ReviewPanel::updateModelInfo() {
    if (!m_modelInfo)
        return;
    if (m_pairId < 0) {
        m_modelInfo->clear();
        return;
    }
    QStringList parts;
    if (m_aiChoice)
        parts << tr("AI prefers %1").arg(QChar(*m_aiChoice).toUpper());
    else
        parts << tr("no AI label");
    if (m_margin)
        parts << tr("reward margin %1").arg(QLocale().toString(*m_margin, 'f', 3));
    else
        parts << tr("not scored yet");
    if (m_zone)
        parts << tr("zone: %1").arg(labelOf(*m_zone));
    m_modelInfo->setText(parts.join(QStringLiteral("  \u00b7  ")));
}

void ReviewPanel::updateEnabled() {
    const bool loaded = m_pairId >= 0;
    for (QAction* action : {m_aAction, m_bAction, m_confirmAction, m_flipAction, m_skipAction})
        action->setEnabled(loaded);
    for (QPushButton* button : {m_aButton, m_bButton, m_confirmButton, m_flipButton, m_skipButton})
        button->setEnabled(loaded);
}

void ReviewPanel::setBlindMode(bool blind) {
    const bool changed = blind != m_blind;
    m_blind = blind;
    m_modelInfo->setVisible(!blind);
    m_blindNote->setVisible(blind);
    m_confirmButton->setVisible(!blind);
    m_flipButton->setVisible(!blind);
    if (changed)
        Q_EMIT blindModeChanged(blind);
}

void ReviewPanel::setDiffHighlight(bool on) {
    {
        const QSignalBlocker actionBlocker(m_diffAction);
        const QSignalBlocker boxBlocker(m_diffBox);
        m_diffAction->setChecked(on);
        m_diffBox->setChecked(on);
    }
    if (on == m_diffOn)
        return;
    m_diffOn = on;
    applyDiff();
    Q_EMIT diffHighlightChanged(on);
}

void ReviewPanel::applyDiff() {
    if (!m_diffOn || m_pairId < 0) {
        m_responseA->setExtraSelections({});
        m_responseB->setExtraSelections({});
        m_diffBox->setToolTip(QString());
        return;
    }
    // toPlainText(): positions then match the documents' positions exactly.
    const WordDiff diff = wordDiff(m_responseA->toPlainText(), m_responseB->toPlainText());
    const QColor colour(255, 226, 140);
    m_responseA->setExtraSelections(selections(m_responseA, diff.a, colour));
    m_responseB->setExtraSelections(selections(m_responseB, diff.b, colour));
    switch (diff.mode) {
    case WordDiff::Mode::Words:
        m_diffBox->setToolTip(tr("Words that differ are highlighted."));
        break;
    case WordDiff::Mode::Lines:
        m_diffBox->setToolTip(tr("The responses are long: lines that differ are highlighted."));
        break;
    case WordDiff::Mode::Skipped:
        m_diffBox->setToolTip(tr("The responses are too long to compare."));
        break;
    }
}

QString ReviewPanel::comment() const {
    return m_comment->text().trimmed();
}

void ReviewPanel::setComment(const QString& text) {
    m_comment->setText(text);
}

void ReviewPanel::setStatusMessage(const QString& text) {
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

QString ReviewPanel::statusMessage() const {
    return m_status->text();
}

QAction* ReviewPanel::verdictAction(loop::Verdict verdict) const {
    switch (verdict) {
    case loop::Verdict::A:
        return m_aAction;
    case loop::Verdict::B:
        return m_bAction;
    case loop::Verdict::Confirm:
        return m_confirmAction;
    case loop::Verdict::Flip:
        return m_flipAction;
    case loop::Verdict::Skip:
        return m_skipAction;
    case loop::Verdict::SettleA:
    case loop::Verdict::SettleB:
        break; // the lead settles in the agreement dialog
    }
    return nullptr;
}

QPushButton* ReviewPanel::verdictButton(loop::Verdict verdict) const {
    switch (verdict) {
    case loop::Verdict::A:
        return m_aButton;
    case loop::Verdict::B:
        return m_bButton;
    case loop::Verdict::Confirm:
        return m_confirmButton;
    case loop::Verdict::Flip:
        return m_flipButton;
    case loop::Verdict::Skip:
        return m_skipButton;
    case loop::Verdict::SettleA:
    case loop::Verdict::SettleB:
        break;
    }
    return nullptr;
}

void ReviewPanel::request(loop::Verdict verdict) {
    if (m_pairId < 0)
        return;
    // Confirming or flipping a choice the expert cannot see would record a verdict on it
    // blind: in blind mode only A, B and skip count.
    if (m_blind && (verdict == loop::Verdict::Confirm || verdict == loop::Verdict::Flip)) {
        setStatusMessage(tr("The AI's choice is hidden: press 1 or 2 (S to skip). Nothing "
                            "was recorded."));
        Q_EMIT verdictRefused(m_pairId, verdict);
        return;
    }
    Q_EMIT verdictRequested(m_pairId, verdict, comment());
}

namespace {

// Plain or shifted keys: the ones that type text (or move in it).
bool isTypingKey(const QKeyEvent* key) {
    const auto modifiers = key->modifiers() & ~(Qt::ShiftModifier | Qt::KeypadModifier);
    return modifiers == Qt::NoModifier;
}

} // namespace

bool ReviewPanel::event(QEvent* event) {
    // A shortcut key aimed at the panel while the comment field has focus: it is typing,
    // not a verdict (keyPressEvent hands it to the field).
    if (event->type() == QEvent::ShortcutOverride && m_comment->hasFocus() &&
        isTypingKey(static_cast<QKeyEvent*>(event))) {
        event->accept();
        return true;
    }
    return QWidget::event(event);
}

void ReviewPanel::keyPressEvent(QKeyEvent* event) {
    if (m_comment->hasFocus() && !m_forwarding) {
        m_forwarding = true;
        QCoreApplication::sendEvent(m_comment, event);
        m_forwarding = false;
        return;
    }
    QWidget::keyPressEvent(event);
}

bool ReviewPanel::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_comment) {
        if (event->type() == QEvent::ShortcutOverride) {
            // Typing a comment: plain and shifted keys (letters, digits, arrows, Enter)
            // belong to the field, not to the verdict shortcuts. Ctrl/Alt/Meta
            // combinations (undo, redo) stay shortcuts unless the field claims them.
            if (isTypingKey(static_cast<QKeyEvent*>(event))) {
                event->accept();
                return true;
            }
        } else if (event->type() == QEvent::KeyPress) {
            auto* key = static_cast<QKeyEvent*>(event);
            if (isEnterKey(key->key()) || key->key() == Qt::Key_Escape) {
                setFocus(Qt::OtherFocusReason);
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace rlthf::ui::review
