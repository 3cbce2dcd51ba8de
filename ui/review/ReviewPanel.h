#pragma once
// The pair under expert review: the prompt on top, responses A and B side by side
// (plain text only, never HTML), an optional comment, and the verdict buttons.
//
// Keyboard first. Shortcuts (context Qt::WidgetWithChildrenShortcut on the panel):
//   1 or Left  -> A better          2 or Right -> B better
//   Enter      -> confirm the AI    F          -> flip the AI
//   S          -> skip              C          -> into the comment field
//   D          -> toggle the word-difference highlight
// While the comment field has focus every printable key types into it, and Enter
// (or Escape) returns the focus to the panel. Key events sent to the panel itself
// while the comment field has focus are handed to the field (so they type, too).
//
// Blind mode (the default) hides the reward margin and the AI's choice, and the
// Confirm/Flip buttons, so the expert is not anchored; Enter and F then record nothing
// and the panel says why (they would confirm or flip a choice the expert cannot see).
// With the AI's choice shown they are recorded relative to the AI label, as
// loop::recordVerdict does.
//
// The panel only asks for a verdict (verdictRequested); it writes nothing itself.

#include "loop/Review.h"

#include <QMetaType>
#include <QWidget>

#include <optional>

class QAction;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSplitter;

namespace rlthf::document {
class ProjectDocument;
}

namespace rlthf::ui::review {

class ReviewPanel : public QWidget {
    Q_OBJECT

public:
    explicit ReviewPanel(QWidget* parent = nullptr);
    ~ReviewPanel() override;

    // The project pairs are read from (not owned); nullptr clears the panel.
    void setDocument(document::ProjectDocument* document);

    // Loads and shows the pair; false (and an empty panel with a message) when it cannot.
    bool showPair(qint64 pairId);
    void clear();
    // The pair shown, or -1.
    qint64 pairId() const { return m_pairId; }

    void setBlindMode(bool blind);
    bool blindMode() const { return m_blind; }

    void setDiffHighlight(bool on);
    bool diffHighlight() const { return m_diffOn; }

    QString comment() const;
    void setComment(const QString& text);
    // A line under the title for messages ("Could not record the verdict: ...").
    void setStatusMessage(const QString& text);
    QString statusMessage() const;

    // The pair's scores from the latest model run that scored it, and the AI label.
    std::optional<double> margin() const { return m_margin; }
    std::optional<char> aiChoice() const { return m_aiChoice; }

    // The verdict actions (already added to the panel); for menus and toolbars.
    QAction* verdictAction(loop::Verdict verdict) const;
    QAction* commentAction() const { return m_commentAction; }
    QAction* diffAction() const { return m_diffAction; }

    QPlainTextEdit* promptEdit() const { return m_prompt; }
    QPlainTextEdit* responseAEdit() const { return m_responseA; }
    QPlainTextEdit* responseBEdit() const { return m_responseB; }
    QLineEdit* commentEdit() const { return m_comment; }
    // "AI prefers A · reward margin +0.42 · zone ..." (hidden in blind mode).
    QLabel* modelInfoLabel() const { return m_modelInfo; }
    QLabel* titleLabel() const { return m_title; }
    QPushButton* verdictButton(loop::Verdict verdict) const;

Q_SIGNALS:
    void verdictRequested(qint64 pairId, rlthf::loop::Verdict verdict, QString comment);
    // Enter or F in blind mode: nothing requested.
    void verdictRefused(qint64 pairId, rlthf::loop::Verdict verdict);
    void blindModeChanged(bool blind);
    void diffHighlightChanged(bool on);

protected:
    bool event(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void request(loop::Verdict verdict);
    void updateModelInfo();
    void updateEnabled();
    void applyDiff();
    void retranslate();
    void updateTitle();
    QString emptyTitle() const; // with no pair shown

    document::ProjectDocument* m_document = nullptr;
    QMetaObject::Connection m_pairsCounted; // the document's pairsChanged
    QString m_externalId; // of the pair shown, for its title
    qint64 m_pairId = -1;
    bool m_blind = true;
    bool m_diffOn = false;
    bool m_forwarding = false;
    std::optional<double> m_margin;
    std::optional<Zone> m_zone;
    std::optional<char> m_aiChoice;

    QLabel* m_title = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_modelInfo = nullptr;
    QLabel* m_blindNote = nullptr;
    QLabel* m_promptHeader = nullptr;
    QLabel* m_headerA = nullptr;
    QLabel* m_headerB = nullptr;
    QCheckBox* m_diffBox = nullptr;
    QPlainTextEdit* m_prompt = nullptr;
    QPlainTextEdit* m_responseA = nullptr;
    QPlainTextEdit* m_responseB = nullptr;
    QSplitter* m_vertical = nullptr;
    QSplitter* m_responses = nullptr;
    QLineEdit* m_comment = nullptr;

    QAction* m_aAction = nullptr;
    QAction* m_bAction = nullptr;
    QAction* m_confirmAction = nullptr;
    QAction* m_flipAction = nullptr;
    QAction* m_skipAction = nullptr;
    QAction* m_commentAction = nullptr;
    QAction* m_diffAction = nullptr;

    QPushButton* m_aButton = nullptr;
    QPushButton* m_bButton = nullptr;
    QPushButton* m_confirmButton = nullptr;
    QPushButton* m_flipButton = nullptr;
    QPushButton* m_skipButton = nullptr;
};

} // namespace rlthf::ui::review

Q_DECLARE_METATYPE(rlthf::loop::Verdict)
