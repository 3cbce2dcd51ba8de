#include "ReviewTestSupport.h"

#include "ui/review/ReviewPanel.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>

using rlthf::loop::Verdict;
using rlthf::ui::review::ReviewPanel;

namespace {

QStringList selectedTexts(QPlainTextEdit* edit) {
    QStringList out;
    for (const auto& selection : edit->extraSelections())
        out << selection.cursor.selectedText();
    return out;
}

bool anyRichFormatting(QTextDocument* document) {
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next())
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat format = it.fragment().charFormat();
            if (format.fontWeight() > QFont::Normal || format.fontItalic() || format.isAnchor())
                return true;
        }
    return false;
}

struct PanelFixture {
    QTemporaryDir dir;
    rlthf::store::Project project =
        rlthf::test::createProject(dir.filePath(QStringLiteral("panel.rlthf")).toStdString());

    PanelFixture() {
        REQUIRE(dir.isValid());
        auto& db = project.db();
        rlthf::test::insertPair(db, 1, "Is <i>this</i> in tolerance?",
                                "<b>x</b> &amp; <script>alert(1)</script>", "plain answer\nline two");
        rlthf::test::insertPair(db, 2, "Which is better?", "the quick brown fox",
                                "the slow brown dog");
        rlthf::test::insertPair(db, 3, "Scored pair", "Reject the lot", "Accept the lot");
        rlthf::test::insertLabel(db, 3, "ai", "a");
        rlthf::test::insertLabel(db, 3, "gold", "b");
        rlthf::test::insertScore(db, 3, 0.42, "human");
    }
};

} // namespace

TEST_CASE("ReviewPanel shows markup literally, as plain text", "[review][panel]") {
    PanelFixture fx;
    ReviewPanel panel;
    auto document = rlthf::test::openDocument(fx.project.path());
    panel.setDocument(document.get());
    REQUIRE(panel.showPair(1));
    CHECK(panel.pairId() == 1);
    CHECK(panel.responseAEdit()->toPlainText() ==
          QStringLiteral("<b>x</b> &amp; <script>alert(1)</script>"));
    CHECK(panel.promptEdit()->toPlainText() == QStringLiteral("Is <i>this</i> in tolerance?"));
    CHECK(panel.responseBEdit()->toPlainText() == QStringLiteral("plain answer\nline two"));
    CHECK_FALSE(anyRichFormatting(panel.responseAEdit()->document()));
    CHECK_FALSE(anyRichFormatting(panel.promptEdit()->document()));
    CHECK(panel.responseAEdit()->isReadOnly());
    CHECK(panel.responseBEdit()->isReadOnly());

    // The headers are there, and all labels are plain text.
    QStringList labels;
    for (QLabel* label : panel.findChildren<QLabel*>()) {
        CHECK(label->textFormat() == Qt::PlainText);
        labels << label->text();
    }
    CHECK(labels.contains(QStringLiteral("Response A")));
    CHECK(labels.contains(QStringLiteral("Response B")));

    SECTION("a missing pair clears the panel") {
        CHECK_FALSE(panel.showPair(999));
        CHECK(panel.pairId() == -1);
        CHECK(panel.responseAEdit()->toPlainText().isEmpty());
        CHECK_FALSE(panel.verdictAction(Verdict::A)->isEnabled());
    }
}

TEST_CASE("ReviewPanel blind mode hides the margin and the AI's choice", "[review][panel]") {
    PanelFixture fx;
    ReviewPanel panel;
    auto document = rlthf::test::openDocument(fx.project.path());
    panel.setDocument(document.get());
    REQUIRE(panel.showPair(3));
    panel.show();

    CHECK(panel.blindMode());
    CHECK(panel.modelInfoLabel()->isHidden());
    CHECK_FALSE(panel.verdictButton(Verdict::Confirm)->isVisibleTo(&panel));
    CHECK_FALSE(panel.verdictButton(Verdict::Flip)->isVisibleTo(&panel));
    CHECK(panel.verdictButton(Verdict::A)->isVisibleTo(&panel));
    CHECK(panel.verdictButton(Verdict::B)->isVisibleTo(&panel));
    CHECK(panel.verdictButton(Verdict::Skip)->isVisibleTo(&panel));
    // Enter and F stay enabled in blind mode, so that the panel can say why they record
    // nothing.
    CHECK(panel.verdictAction(Verdict::Confirm)->isEnabled());
    CHECK(panel.verdictAction(Verdict::Flip)->isEnabled());
    // No widget of the panel shows the margin or the AI's choice.
    for (QLabel* label : panel.findChildren<QLabel*>())
        if (label->isVisibleTo(&panel)) {
            CHECK_FALSE(label->text().contains(QStringLiteral("0.420")));
            CHECK_FALSE(label->text().contains(QStringLiteral("AI prefers")));
        }

    QSignalSpy blindChanged(&panel, &ReviewPanel::blindModeChanged);
    panel.setBlindMode(false);
    CHECK(blindChanged.count() == 1);
    CHECK(panel.modelInfoLabel()->isVisibleTo(&panel));
    CHECK(panel.modelInfoLabel()->text().contains(QStringLiteral("AI prefers A")));
    CHECK(panel.modelInfoLabel()->text().contains(QStringLiteral("0.420")));
    CHECK(panel.modelInfoLabel()->text().contains(rlthf::labelOf(rlthf::Zone::Human)));
    CHECK(panel.verdictButton(Verdict::Confirm)->isVisibleTo(&panel));
    CHECK(panel.verdictButton(Verdict::Flip)->isVisibleTo(&panel));
    REQUIRE(panel.margin());
    CHECK(*panel.margin() == Approx(0.42));
    CHECK(panel.aiChoice() == std::optional<char>('a'));

    // A pair with neither AI label nor score.
    REQUIRE(panel.showPair(2));
    CHECK(panel.modelInfoLabel()->text().contains(QStringLiteral("no AI label")));
    CHECK(panel.modelInfoLabel()->text().contains(QStringLiteral("not scored yet")));

    panel.setBlindMode(true);
    CHECK(panel.modelInfoLabel()->isHidden());
}

TEST_CASE("ReviewPanel word-difference highlight switches extra selections", "[review][panel]") {
    PanelFixture fx;
    ReviewPanel panel;
    auto document = rlthf::test::openDocument(fx.project.path());
    panel.setDocument(document.get());
    REQUIRE(panel.showPair(2));
    CHECK_FALSE(panel.diffHighlight());
    CHECK(panel.responseAEdit()->extraSelections().isEmpty());
    CHECK(panel.responseBEdit()->extraSelections().isEmpty());

    panel.setDiffHighlight(true);
    CHECK(selectedTexts(panel.responseAEdit()) ==
          QStringList{QStringLiteral("quick"), QStringLiteral("fox")});
    CHECK(selectedTexts(panel.responseBEdit()) ==
          QStringList{QStringLiteral("slow"), QStringLiteral("dog")});
    const auto first = panel.responseAEdit()->extraSelections().front();
    CHECK(first.format.background().style() != Qt::NoBrush);
    // Still plain text underneath.
    CHECK(panel.responseAEdit()->toPlainText() == QStringLiteral("the quick brown fox"));

    // The next pair is highlighted too.
    REQUIRE(panel.showPair(3));
    CHECK(selectedTexts(panel.responseAEdit()) == QStringList{QStringLiteral("Reject")});
    CHECK(selectedTexts(panel.responseBEdit()) == QStringList{QStringLiteral("Accept")});

    panel.setDiffHighlight(false);
    CHECK(panel.responseAEdit()->extraSelections().isEmpty());
    CHECK(panel.responseBEdit()->extraSelections().isEmpty());
}

TEST_CASE("ReviewPanel keys: verdicts, comment typing, diff toggle", "[review][panel]") {
    PanelFixture fx;
    ReviewPanel panel;
    auto document = rlthf::test::openDocument(fx.project.path());
    panel.setDocument(document.get());
    REQUIRE(panel.showPair(2));
    panel.resize(900, 600);
    panel.show();
    REQUIRE(QTest::qWaitForWindowActive(&panel));
    panel.setFocus();
    REQUIRE(QApplication::focusWidget() == &panel);

    QSignalSpy requested(&panel, &ReviewPanel::verdictRequested);
    auto lastVerdict = [&] { return requested.last().at(1).value<Verdict>(); };

    QTest::keyClick(&panel, Qt::Key_1);
    REQUIRE(requested.count() == 1);
    CHECK(requested.last().at(0).toLongLong() == 2);
    CHECK(lastVerdict() == Verdict::A);
    CHECK(requested.last().at(2).toString().isEmpty());
    QTest::keyClick(&panel, Qt::Key_Right);
    REQUIRE(requested.count() == 2);
    CHECK(lastVerdict() == Verdict::B);
    // Blind (the default): Enter and F would act on a choice the expert cannot see.
    QSignalSpy refused(&panel, &ReviewPanel::verdictRefused);
    REQUIRE(panel.blindMode());
    QTest::keyClick(&panel, Qt::Key_Return);
    QTest::keyClick(&panel, Qt::Key_F);
    CHECK(requested.count() == 2);
    REQUIRE(refused.count() == 2);
    CHECK(refused.at(0).at(1).value<Verdict>() == Verdict::Confirm);
    CHECK(refused.at(1).at(1).value<Verdict>() == Verdict::Flip);
    CHECK(panel.statusMessage().contains(QStringLiteral("The AI's choice is hidden")));
    // Shown: they are verdicts.
    panel.setBlindMode(false);
    QTest::keyClick(&panel, Qt::Key_Return);
    REQUIRE(requested.count() == 3);
    CHECK(lastVerdict() == Verdict::Confirm);
    QTest::keyClick(&panel, Qt::Key_F);
    REQUIRE(requested.count() == 4);
    CHECK(lastVerdict() == Verdict::Flip);
    panel.setBlindMode(true);
    QTest::keyClick(&panel, Qt::Key_S);
    REQUIRE(requested.count() == 5);
    CHECK(lastVerdict() == Verdict::Skip);

    // D toggles the highlight.
    QTest::keyClick(&panel, Qt::Key_D);
    CHECK(panel.diffHighlight());
    CHECK_FALSE(panel.responseAEdit()->extraSelections().isEmpty());
    QTest::keyClick(&panel, Qt::Key_D);
    CHECK_FALSE(panel.diffHighlight());

    // C goes into the comment; keys type there and fire no verdict.
    QTest::keyClick(&panel, Qt::Key_C);
    REQUIRE(QApplication::focusWidget() == panel.commentEdit());
    QTest::keyClicks(panel.commentEdit(), QStringLiteral("1 2 F S dFc"));
    QTest::keyClick(panel.commentEdit(), Qt::Key_Left);
    QTest::keyClick(panel.commentEdit(), Qt::Key_Right);
    CHECK(requested.count() == 5);
    CHECK(panel.comment() == QStringLiteral("1 2 F S dFc"));
    CHECK_FALSE(panel.diffHighlight());
    // Enter returns to the panel without a verdict.
    QTest::keyClick(panel.commentEdit(), Qt::Key_Return);
    CHECK(requested.count() == 5);
    CHECK(QApplication::focusWidget() == &panel);
    QTest::keyClick(&panel, Qt::Key_2);
    REQUIRE(requested.count() == 6);
    CHECK(lastVerdict() == Verdict::B);
    CHECK(requested.last().at(2).toString() == QStringLiteral("1 2 F S dFc"));

    // A new pair clears the comment.
    REQUIRE(panel.showPair(3));
    CHECK(panel.comment().isEmpty());

    // Nothing is requested without a pair.
    panel.clear();
    QTest::keyClick(&panel, Qt::Key_1);
    CHECK(requested.count() == 6);
}

TEST_CASE("ReviewPanel on a project without pairs says how to bring them in, until they come",
          "[review][panel]") {
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("new.rlthf")).toStdString();
    auto project = rlthf::test::createProject(path);
    auto document = rlthf::test::openDocument(path);
    ReviewPanel panel;
    panel.setDocument(document.get());
    CHECK(panel.titleLabel()->text() ==
          QStringLiteral("No pairs yet: File \u25b8 Import\u2026, or drop files on the window"));

    rlthf::test::insertPair(project.db(), 1, "A prompt", "A", "B", 3); // an import elsewhere
    QSignalSpy counted(document.get(), &rlthf::document::ProjectDocument::pairsChanged);
    document->recountPairs();
    REQUIRE(counted.wait(5000));
    CHECK(panel.titleLabel()->text() == QStringLiteral("No pair to review"));
}
